package org.cosmoemu.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.inference.McmcResult;
import org.cosmoemu.inference.PosteriorSummary;
import org.cosmoemu.inference.analysis.Analysis;
import org.cosmoemu.inference.analysis.AnalysisRun;
import org.cosmoemu.inference.analysis.Decision;
import org.cosmoemu.inference.analysis.Evaluation;
import org.cosmoemu.inference.analysis.Minimum;

/**
 * {@code run FILE.yaml}: runs a cobaya input file on the SDK's emulators and likelihoods (its sampler:
 * evaluate, mcmc or minimize), writing cobaya's products under the output prefix.
 */
final class RunCommand implements Command {
    /** Where the example analyses ({@code examples/analyses/*.yaml}) sit inside the CLI's jar. */
    static final String EXAMPLES = "/org/cosmoemu/cli/analyses/";
    /** The example analyses shipped with the CLI. */
    static final List<String> EXAMPLE_NAMES = List.of("act-dr6-bao", "act-dr6-desi-dr2", "act-dr6-lensing-sigma8-omegam",
            "act-dr6-desi-dr2-bestfit", "desi-dr2-act-dr6-cmb-w0wa", "desi-dr2-act-dr6-cmb-mnu");

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "run a cobaya input file (evaluate, mcmc or minimize) on the emulators, writing cobaya's products";
    }

    @Override
    public boolean evaluatesNetworks() {
        return true;
    }

    @Override
    public int run(String[] argv, int from, PrintStream out) {
        String file = null;
        List<String> rest = new ArrayList<>(Arrays.asList(argv).subList(from, argv.length));
        if (!rest.isEmpty() && !rest.get(0).startsWith("--")) {
            file = rest.remove(0);
        }
        Args a = new Args("run")
                .value("output", "PREFIX", "output prefix, replacing the file's output: (files PREFIX.1.txt, "
                        + "PREFIX.input.yaml, PREFIX.updated.yaml, ...)")
                .flag("resume", "continue the run already at the output prefix (mcmc: same input file only)")
                .flag("force", "overwrite the run already at the output prefix")
                .value("chains", "N", "parallel mcmc chains (default 4)")
                .value("seed", "S", "random seed, replacing the file's")
                .value("max-minutes", "M", "wall-time limit of mcmc (default none)")
                .value("backend", "cpu|nd4j", "emulator backend, replacing the file's theory: cosmo_emu: (default cpu)")
                .value("precision", "float64|float32", "emulator precision, replacing the file's (default float64)")
                .flag("quiet", "do not print how each key of the file was understood")
                .flag("json", "print one JSON object")
                .epilogue("\nFILE is a cobaya input file; the examples " + EXAMPLE_NAMES + " (examples/analyses/) run "
                        + "by name too.\n")
                .parse(rest.toArray(String[]::new), 0);
        if (file == null) {
            throw new UsageException("run needs an input file: cosmo-emu run FILE.yaml [options]\n" + a.usage());
        }
        Analysis analysis = load(file, a);
        boolean json = a.has("json");
        if (!json && !a.has("quiet")) {
            out.println(analysis.source() + ": " + analysis.likelihoods() + ", sampler " + lower(analysis.sampler()));
            for (Decision d : analysis.decisions()) {
                out.println("  " + d);
            }
        }
        AnalysisRun runner = analysis.runner().chains(a.integer("chains", 4));
        if (a.has("output")) {
            runner.output(Path.of(a.get("output")));
        }
        runner.resume(a.has("resume")).force(a.has("force"));
        if (a.has("seed")) {
            runner.seed(a.integer("seed", 1));
        }
        if (a.has("max-minutes")) {
            runner.maxTime(Duration.ofMillis((long) (minutes(a) * 60_000)));
        }
        AnalysisRun.Result result = runner.run();
        if (json) {
            out.println(json(analysis, result));
        } else {
            text(analysis, result, out);
        }
        return 0;
    }

    /** Reads a file, or an example shipped in the jar by its name. */
    static Analysis load(String file, Args a) {
        Path p = Path.of(file);
        // --backend/--precision replace the file's theory: cosmo_emu: settings; without them the file decides
        org.cosmoemu.api.EmulatorOptions options = a.has("backend") || a.has("precision") ? ModelResolver.options(a) : null;
        if (!Files.exists(p) && EXAMPLE_NAMES.contains(file.replace(".yaml", ""))) {
            String name = file.replace(".yaml", "");
            return Analysis.fromYaml(example(name), "examples/analyses/" + name + ".yaml", options);
        }
        if (!Files.exists(p)) {
            throw new DataFileException("input file not found: " + p.toAbsolutePath() + " (examples that run by name: "
                    + EXAMPLE_NAMES + ")");
        }
        return Analysis.fromYaml(p, options);
    }

    /** @return the text of an example analysis shipped in the jar */
    static String example(String name) {
        try (InputStream in = RunCommand.class.getResourceAsStream(EXAMPLES + name + ".yaml")) {
            if (in == null) {
                throw new DataFileException("example analysis " + name + " is not in this build (resource " + EXAMPLES
                        + name + ".yaml)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataFileException("cannot read example analysis " + name + ": " + e.getMessage(), e);
        }
    }

    private static double minutes(Args a) {
        try {
            return Double.parseDouble(a.get("max-minutes"));
        } catch (NumberFormatException e) {
            throw new UsageException("--max-minutes needs a number, got '" + a.get("max-minutes") + "'");
        }
    }

    private static String lower(Analysis.SamplerKind k) {
        return k.name().toLowerCase(Locale.ROOT);
    }

    private static void text(Analysis analysis, AnalysisRun.Result result, PrintStream out) {
        switch (result) {
            case AnalysisRun.Evaluated e -> {
                Evaluation v = e.evaluation();
                out.printf(Locale.ROOT, "log-posterior = %.10g (log-prior %.6g, log-likelihood %.10g, chi2 %.10g)%n",
                        v.logPosterior(), v.logPrior(), v.logLikelihood(), v.chi2());
                if (v.ruledOut() != null) {
                    out.println("ruled out: " + v.ruledOut());
                }
                v.chi2ByLikelihood().forEach((k, x) -> out.printf(Locale.ROOT, "  chi2 %-40s %.10g%n", k, x));
                out.println("parameters: " + v.parameters());
                if (!v.theoryInputs().isEmpty()) {
                    out.println("emulator inputs: " + v.theoryInputs());
                }
            }
            case AnalysisRun.Sampled s -> {
                McmcResult r = s.mcmc();
                out.printf(Locale.ROOT, "mcmc: %s after %.0f s (R-1 = %.4f, acceptance %.2f, %d evaluations, %.0f per second)%n",
                        r.stopReason(), r.seconds(), r.rMinus1(), r.acceptanceRate(), r.evaluations(),
                        r.evaluations() / Math.max(1e-9, r.seconds()));
                out.println(s.summary().toTable());
            }
            case AnalysisRun.Ensembled en -> {
                var r = en.ensemble();
                out.printf(Locale.ROOT, "ensemble: %s after %d steps of %d walkers in %.0f s (acceptance %.2f, %d evaluations, "
                        + "%.0f per second), autocorrelation times %s%n", r.converged() ? "converged" : "stopped", r.steps(),
                        r.walkers(), r.seconds(), r.acceptanceRate(), r.evaluations(), r.evaluations() / Math.max(1e-9,
                        r.seconds()), Arrays.toString(r.tau()));
                out.println(en.summary().toTable());
            }
            case AnalysisRun.Minimised m -> {
                Minimum b = m.minimum();
                out.printf(Locale.ROOT, "best fit (%s): -log(posterior) = %.10g, chi2 = %.10g, from %d starts (spread %.3g)%n",
                        b.ignorePrior() ? "maximum likelihood" : "maximum posterior", -b.evaluation().logPosterior(),
                        b.evaluation().chi2(), b.starts(), b.spread());
                b.point().forEach((k, x) -> out.printf(Locale.ROOT, "  %-24s %.8g%n", k, x));
                b.evaluation().chi2ByLikelihood().forEach((k, x) -> out.printf(Locale.ROOT, "  chi2 %-40s %.10g%n", k, x));
            }
        }
        if (!result.files().isEmpty()) {
            out.println("wrote " + result.files());
        }
    }

    private static String json(Analysis analysis, AnalysisRun.Result result) {
        Json j = Json.object().put("file", analysis.source()).put("sampler", lower(analysis.sampler()));
        j.putStrings("likelihoods", analysis.likelihoods());
        switch (result) {
            case AnalysisRun.Evaluated e -> {
                Evaluation v = e.evaluation();
                j.put("logpost", v.logPosterior()).put("logprior", v.logPrior()).put("loglike", v.logLikelihood())
                        .put("chi2", v.chi2());
                j.putNumbers("chi2_by_likelihood", v.chi2ByLikelihood());
                j.putNumbers("parameters", v.parameters());
                j.putNumbers("emulator_inputs", v.theoryInputs());
                if (v.ruledOut() != null) {
                    j.put("ruled_out", v.ruledOut());
                }
            }
            case AnalysisRun.Sampled s -> {
                McmcResult r = s.mcmc();
                j.put("converged", r.converged()).put("stop_reason", r.stopReason().name()).put("r_minus_1", r.rMinus1())
                        .put("acceptance_rate", r.acceptanceRate()).put("evaluations", r.evaluations())
                        .put("seconds", r.seconds());
                Json p = Json.object();
                for (PosteriorSummary.Parameter q : s.summary().parameters()) {
                    p.putRaw(q.name(), Json.object().put("mean", q.mean()).put("sd", q.sd()).put("lower68", q.lower68())
                            .put("upper68", q.upper68()).end());
                }
                j.putRaw("posterior", p.end());
            }
            case AnalysisRun.Ensembled en -> {
                var r = en.ensemble();
                j.put("converged", r.converged()).put("steps", r.steps()).put("walkers", r.walkers())
                        .put("acceptance_rate", r.acceptanceRate()).put("evaluations", r.evaluations())
                        .put("seconds", r.seconds()).put("tau", r.tau());
                Json p = Json.object();
                for (PosteriorSummary.Parameter q : en.summary().parameters()) {
                    p.putRaw(q.name(), Json.object().put("mean", q.mean()).put("sd", q.sd()).put("lower68", q.lower68())
                            .put("upper68", q.upper68()).end());
                }
                j.putRaw("posterior", p.end());
            }
            case AnalysisRun.Minimised m -> {
                Minimum b = m.minimum();
                j.put("logpost", b.evaluation().logPosterior()).put("chi2", b.evaluation().chi2())
                        .put("starts", b.starts()).put("evaluations", b.evaluations()).put("spread", b.spread());
                j.putNumbers("best_fit", b.point());
                j.putNumbers("chi2_by_likelihood", b.evaluation().chi2ByLikelihood());
                j.putNumbers("parameters", b.evaluation().parameters());
            }
        }
        List<String> files = new ArrayList<>();
        result.files().forEach(f -> files.add(f.toString()));
        j.putStrings("files", files);
        StringBuilder d = new StringBuilder("[");
        for (Decision x : analysis.decisions()) {
            d.append(d.length() > 1 ? "," : "").append(Json.object().put("path", x.path()).put("kind",
                    lower(x.kind())).put("message", x.message()).end());
        }
        j.putRaw("decisions", d.append(']').toString());
        return j.end();
    }

    private static String lower(Decision.Kind k) {
        return k.name().toLowerCase(Locale.ROOT);
    }
}
