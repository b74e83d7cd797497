package org.cosmoemu.inference.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.cosmoemu.api.testing.SharedTestData;
import org.cosmoemu.inference.ActDr6BaoAnalysis;
import org.cosmoemu.inference.McmcResult;
import org.cosmoemu.inference.PosteriorSummary;
import org.cosmoemu.models.LcdmTheory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The input files of examples/analyses: each reads cleanly; the MCMC one equals the Java-built analysis. */
class ExampleAnalysesTest {
    static final Path DIR = Path.of("..", "examples", "analyses");

    @Test
    void everyExampleReadsWithoutProblems() throws IOException {
        SharedTestData.path("likelihoods/act_dr6_lenslike");
        SharedTestData.path("likelihoods/bao");
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 4, files.toString());
        for (Path f : files) {
            if (Files.readString(f).contains("family: ext") && !org.cosmoemu.models.ModelFamily.EXT.isBundled()) {
                continue; // the extended family's analyses need its models (ExtAnalysesTest)
            }
            Analysis a = Analysis.fromYaml(f);
            assertTrue(!a.likelihoods().isEmpty(), f.toString());
            assertTrue(Double.isFinite(a.evaluate().logPosterior()), f + " at its reference point: " + a.evaluate());
        }
    }

    /**
     * act-dr6-bao.yaml samples the same posterior as the analysis built in Java ({@link ActDr6BaoAnalysis}, the
     * published priors cut to the box): means within 0.2 sigma, widths within 15%.
     */
    @Test
    void theMcmcExampleEqualsTheJavaAnalysis(@TempDir Path tmp) {
        SharedTestData.path("likelihoods/act_dr6_lenslike");
        SharedTestData.path("likelihoods/bao");
        Analysis a = Analysis.fromYaml(DIR.resolve("act-dr6-bao.yaml"));
        AnalysisRun.Sampled y = (AnalysisRun.Sampled) a.runner().output(tmp.resolve("yaml")).chains(4).seed(11)
                .maxTime(Duration.ofMinutes(5)).run();
        McmcResult j = ActDr6BaoAnalysis.run(ActDr6BaoAnalysis.posterior(LcdmTheory.bundled(), ActDr6BaoAnalysis.SDSS_6DF_BAO),
                tmp.resolve("java"), 4, 12, Duration.ofMinutes(5), false);
        assertTrue(y.mcmc().converged() && j.converged(), y.mcmc().stopReason() + " / " + j.stopReason());
        PosteriorSummary ys = y.summary();
        PosteriorSummary js = j.summary();
        String[][] pairs = {{"ombh2", "ombh2"}, {"omch2", "omch2"}, {"H0", "H0"}, {"ns", "ns"}, {"logA", "logA"},
            {"sigma8", "sigma8"}, {"S8", "S8"}, {"S8_CMBL", "S8_CMBL"}, {"Omega_m", "Omega_m"}, {"rdrag", "rdrag"}};
        for (String[] p : pairs) {
            PosteriorSummary.Parameter u = ys.get(p[0]);
            PosteriorSummary.Parameter v = js.get(p[1]);
            assertEquals(v.mean(), u.mean(), 0.2 * v.sd(), p[0] + " mean");
            assertEquals(v.sd(), u.sd(), 0.15 * v.sd(), p[0] + " sd");
        }
        assertTrue(Files.exists(tmp.resolve("yaml.input.yaml")) && Files.exists(tmp.resolve("yaml.updated.yaml"))
                && Files.exists(tmp.resolve("yaml.1.txt")) && Files.exists(tmp.resolve("yaml.paramnames")));
    }
}
