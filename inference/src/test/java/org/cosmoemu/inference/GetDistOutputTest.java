package org.cosmoemu.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.OutputException;
import org.cosmoemu.likelihoods.Prior;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GetDist output files: their layout read back line by line, resuming, and the errors for bad files. */
class GetDistOutputTest {

    /** 2 sampled parameters (one uniform, one Gaussian prior) and 2 derived. */
    static Posterior posterior() {
        return Posterior.of(List.of(
                SampledParameter.of("omega_m", Prior.uniform(0.1, 0.5), 0.3, 0.01, 0.02, "\\Omega_{\\rm m}"),
                SampledParameter.of("sigma8", Prior.gaussian(0.8, 0.1), 0.8, 0.01, 0.03, "\\sigma_8")),
                List.of(DerivedParameter.of("S8", "S_8"), DerivedParameter.of("twice", "2\\sigma_8")),
                (p, d) -> {
                    d[0] = p[1] * Math.sqrt(p[0] / 0.3);
                    d[1] = 2 * p[1];
                    double r = (d[0] - 0.78) / 0.02;
                    return -0.5 * r * r;
                });
    }

    static McmcSettings.Builder settings(Path root) {
        return McmcSettings.builder().chains(3).seed(9).maxSamples(600).rMinus1Stop(1e-9).output(root);
    }

    @Test
    void filesAreWellFormedGetDist(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("sub/run");
        McmcResult r = Mcmc.run(posterior(), settings(root).build());

        assertEquals(List.of("omega_m\t\\Omega_{\\rm m}", "sigma8\t\\sigma_8", "S8*\tS_8", "twice*\t2\\sigma_8"),
                Files.readAllLines(dir.resolve("sub/run.paramnames")));
        // uniform prior: its bounds; Gaussian prior: open both ends (N); derived: not listed
        assertEquals(List.of("omega_m 0.1 0.5", "sigma8 N N"), Files.readAllLines(dir.resolve("sub/run.ranges")));
        for (int c = 0; c < 3; c++) {
            List<String> lines = Files.readAllLines(dir.resolve("sub/run." + (c + 1) + ".txt"));
            assertEquals("# weight minuslogpost omega_m sigma8 S8 twice", lines.get(0));
            assertEquals(r.chains().rows(c) + 1, lines.size());
            double total = 0;
            for (String l : lines.subList(1, lines.size())) {
                String[] t = l.split(" ");
                assertEquals(6, t.length, l);
                double w = Double.parseDouble(t[0]);
                assertTrue(w >= 1 && w == Math.rint(w), "integer weight " + t[0]);
                total += w;
                double om = Double.parseDouble(t[2]);
                double s8 = Double.parseDouble(t[3]);
                assertTrue(om >= 0.1 && om <= 0.5);
                assertEquals(s8 * Math.sqrt(om / 0.3), Double.parseDouble(t[4]), 0.0);
                assertEquals(2 * s8, Double.parseDouble(t[5]), 0.0);
                // minuslogpost = -(ln L + ln prior): recompute it from the row
                double rr = (Double.parseDouble(t[4]) - 0.78) / 0.02;
                double lnPrior = -Math.log(0.4) - 0.5 * Math.pow((s8 - 0.8) / 0.1, 2) - Math.log(0.1)
                        - 0.5 * Math.log(2 * Math.PI);
                assertEquals(0.5 * rr * rr - lnPrior, Double.parseDouble(t[1]), 1e-12);
            }
            assertTrue(total > lines.size() - 1, "rejections add weight");
        }
        assertTrue(Files.readString(dir.resolve("sub/run.progress")).startsWith("# N timestamp acceptance_rate Rminus1"));
        assertTrue(Files.readAllLines(dir.resolve("sub/run.progress")).size() >= 2);
        double[][] cov = GetDistFiles.readCovmat(dir.resolve("sub/run.covmat"), List.of("omega_m", "sigma8"));
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(r.proposalCovariance()[i], cov[i], 0.0);
        }

        // our reader gives back exactly what the sampler returned
        Chains back = Chains.read(root);
        assertSameChains(r.chains(), back);
        assertEquals("S_8", back.columns().get(2).latex());
        assertTrue(back.columns().get(2).derived());
        assertEquals(0.1, back.columns().get(0).lower());
        assertEquals(Double.POSITIVE_INFINITY, back.columns().get(1).upper());
    }

    static void assertSameChains(Chains a, Chains b) {
        assertEquals(a.columns(), b.columns());
        assertEquals(a.chainCount(), b.chainCount());
        for (int c = 0; c < a.chainCount(); c++) {
            assertEquals(a.rows(c), b.rows(c));
            assertArrayEquals(a.raw(c), b.raw(c), 0.0);
        }
    }

    @Test
    void resumeContinuesTheChains(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("run");
        McmcResult first = Mcmc.run(posterior(), settings(root).build());
        List<String> before = Files.readAllLines(dir.resolve("run.2.txt"));
        String covBefore = Files.readString(dir.resolve("run.covmat"));

        McmcResult second = Mcmc.run(posterior(), settings(root).maxSamples(1500).resume(true).build());
        List<String> after = Files.readAllLines(dir.resolve("run.2.txt"));
        assertTrue(after.size() > before.size() + 100, before.size() + " -> " + after.size() + " lines");
        assertEquals(before, after.subList(0, before.size()), "earlier lines are kept as they were");
        // the resumed run continued from the last point: its first new row is that point (with new weight)
        // or a point next to it, and the chains hold old + new rows
        assertEquals(first.chains().rows(1) + (after.size() - before.size()), second.chains().rows(1));
        assertSameChains(second.chains(), Chains.read(root));
        // every chain reached 1500 accepted points (a resumed chain's last row is not counted twice)
        for (int c = 0; c < 3; c++) {
            assertTrue(second.chains().rows(c) >= 1500, "chain " + c + " rows " + second.chains().rows(c));
        }
        assertFalse(covBefore.isEmpty());
        // the learned covariance was reloaded: the resumed run started from it and kept learning
        assertTrue(Files.readString(dir.resolve("run.covmat")).startsWith("# omega_m sigma8"));
    }

    @Test
    void existingOutputIsNeverSilentlyReplaced(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("run");
        Mcmc.run(posterior(), settings(root).maxSamples(200).build());
        OutputException e = assertThrows(OutputException.class, () -> Mcmc.run(posterior(), settings(root).build()));
        assertTrue(e.getMessage().contains(root.toString()) && e.getMessage().contains("resume"), e.getMessage());

        McmcResult fresh = Mcmc.run(posterior(), settings(root).maxSamples(200).overwrite(true).build());
        assertEquals(fresh.chains().rows(0) + 1, Files.readAllLines(dir.resolve("run.1.txt")).size());
    }

    @Test
    void resumeRefusesADifferentModelOrChainCount(@TempDir Path dir) {
        Path root = dir.resolve("run");
        Mcmc.run(posterior(), settings(root).maxSamples(200).build());
        Posterior other = Posterior.of(List.of(SampledParameter.of("h", Prior.uniform(0.5, 0.9), 0.7, 0.01)),
                (p, d) -> 0);
        OutputException e = assertThrows(OutputException.class,
                () -> Mcmc.run(other, settings(root).resume(true).build()));
        assertTrue(e.getMessage().contains("run.paramnames") && e.getMessage().contains("[h]"), e.getMessage());
        OutputException e2 = assertThrows(OutputException.class,
                () -> Mcmc.run(posterior(), settings(root).chains(2).resume(true).build()));
        assertTrue(e2.getMessage().contains("3 chain files"), e2.getMessage());
    }

    @Test
    void corruptFilesAreReportedWithFileAndLine(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("run");
        Mcmc.run(posterior(), settings(root).maxSamples(100).build());
        Path f = dir.resolve("run.2.txt");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(f));
        lines.set(3, lines.get(3).replaceFirst(" \\S+$", " abc"));
        Files.write(f, lines);
        DataFileException e = assertThrows(DataFileException.class, () -> Chains.read(root));
        assertTrue(e.getMessage().contains("run.2.txt line 4") && e.getMessage().contains("'abc'"), e.getMessage());
        DataFileException e2 = assertThrows(DataFileException.class,
                () -> Mcmc.run(posterior(), settings(root).resume(true).build()));
        assertTrue(e2.getMessage().contains("run.2.txt line 4"), e2.getMessage());

        lines.set(3, "1 2 3");
        Files.write(f, lines);
        DataFileException e3 = assertThrows(DataFileException.class, () -> Chains.read(root));
        assertTrue(e3.getMessage().contains("3 columns, expected 6"), e3.getMessage());

        DataFileException e4 = assertThrows(DataFileException.class, () -> Chains.read(dir.resolve("nothing")));
        assertTrue(e4.getMessage().contains("nothing.paramnames"), e4.getMessage());
        Files.writeString(dir.resolve("x.paramnames"), "a\tA\n");
        DataFileException e5 = assertThrows(DataFileException.class, () -> Chains.read(dir.resolve("x")));
        assertTrue(e5.getMessage().contains("no chain files"), e5.getMessage());
    }

    @Test
    void readsCosmoMcStyleFilesWrittenByHand(@TempDir Path dir) throws IOException {
        // a GetDist/CosmoMC root: root_1.txt, derived marked *, ranges with N, numpy's nan/inf spellings
        Files.writeString(dir.resolve("cmc.paramnames"), "a   a_{1}\nb*  \\beta\n");
        Files.writeString(dir.resolve("cmc.ranges"), "a 0 N\n");
        Files.writeString(dir.resolve("cmc_1.txt"), "2 1.5 0.1 nan\n1 0.5 3e-1 -inf\n");
        Files.writeString(dir.resolve("cmc_2.txt"), "  1.0\t0.0   0.2  4\n");
        Chains c = Chains.read(dir.resolve("cmc"));
        assertEquals(2, c.chainCount());
        assertEquals(List.of(new Chains.Column("a", "a_{1}", false, 0, Double.POSITIVE_INFINITY),
                new Chains.Column("b", "\\beta", true, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)), c.columns());
        assertEquals(2.0, c.weight(0, 0));
        assertEquals(0.3, c.value(0, 1, 0));
        assertTrue(Double.isNaN(c.value(0, 0, 1)));
        assertEquals(Double.NEGATIVE_INFINITY, c.value(0, 1, 1));
        assertEquals(4.0, c.value(1, 0, 1));
        // burn-in as GetDist: round(0.3 * 2) = 1 row of chain 1, round(0.3 * 1) = 0 rows of chain 2
        Chains kept = c.removeBurnFraction(0.3);
        assertEquals(1, kept.rows(0));
        assertEquals(1, kept.rows(1));
        assertEquals(0.3, kept.value(0, 0, 0));
    }

    @Test
    void negativeWeightIsRejected(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("n.paramnames"), "a a\n");
        Files.writeString(dir.resolve("n.txt"), "-1 0 0\n");
        DataFileException e = assertThrows(DataFileException.class, () -> Chains.read(dir.resolve("n")));
        assertTrue(e.getMessage().contains("n.txt line 1") && e.getMessage().contains("weight"), e.getMessage());
    }
}
