package org.cosmoemu.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.cosmoemu.inference.McmcResult;
import org.cosmoemu.inference.PosteriorSummary;
import org.cosmoemu.inference.SampledParameter;
import org.cosmoemu.inference.analysis.Analysis;
import org.cosmoemu.inference.analysis.AnalysisRun;
import org.cosmoemu.likelihoods.Prior;

/**
 * {@code sample}: runs one of the field's standard analyses with the SDK's MCMC sampler and writes GetDist
 * chains. The analyses are the input files {@code examples/analyses/act-dr6-bao.yaml} and
 * {@code act-dr6-desi-dr2.yaml} (shipped in the jar); {@code sample --example NAME --output DIR} is
 * {@code run NAME --output DIR/NAME_WITH_UNDERSCORES} with this command's summary.
 */
final class SampleCommand implements Command {

    @Override
    public String name() {
        return "sample";
    }

    @Override
    public String summary() {
        return "run an MCMC analysis (act-dr6-bao, act-dr6-desi-dr2) to convergence, writing GetDist chains";
    }

    @Override
    public boolean evaluatesNetworks() {
        return true;
    }

    @Override
    public int run(String[] argv, int from, PrintStream out) {
        Args a = new Args("sample")
                .value("example", "NAME", "act-dr6-bao (ACT DR6 lensing + SDSS/6dF BAO) or act-dr6-desi-dr2 (+ DESI DR2 "
                        + "BAO): the input files examples/analyses/NAME.yaml")
                .value("output", "DIR", "directory for the GetDist chains (<DIR>/<example>.1.txt, .paramnames, .ranges, ...)")
                .value("chains", "N", "parallel chains (default 4)")
                .value("seed", "S", "random seed (default 1)")
                .value("max-minutes", "M", "wall-time limit (default 60)")
                .flag("resume", "continue the run already in --output (its settings, --seed and --chains included, must match)")
                .flag("force", "replace the run already in --output")
                .flag("json", "print the summary as one JSON object")
                .parse(argv, from);
        String example = a.require("example");
        if (!example.equals("act-dr6-bao") && !example.equals("act-dr6-desi-dr2")) {
            throw new UsageException("unknown example '" + example + "': use act-dr6-bao or act-dr6-desi-dr2");
        }
        Path dir = Path.of(a.require("output"));
        // every argument is checked before anything is written: the sampler creates the directory
        double minutes;
        try {
            minutes = Double.parseDouble(a.get("max-minutes", "60"));
        } catch (NumberFormatException e) {
            throw new UsageException("--max-minutes needs a number, got '" + a.get("max-minutes") + "'");
        }
        if (!(minutes > 0) || minutes > 1e9) {
            throw new UsageException("--max-minutes needs a positive number of minutes, got " + a.get("max-minutes"));
        }
        int chains = a.integer("chains", 4);
        if (chains < 1) {
            throw new UsageException("--chains needs a positive integer, got " + chains);
        }
        int seed = a.integer("seed", 1);
        if (a.has("resume") && a.has("force")) {
            throw new UsageException("--resume and --force contradict each other: --resume continues the run in "
                    + dir + ", --force replaces it");
        }
        Analysis analysis = Analysis.fromYaml(RunCommand.example(example), "examples/analyses/" + example + ".yaml",
                null);
        double tau = analysis.fixedParameters().get("tau");
        if (!a.has("json")) {
            out.println(priorsStatement(analysis, tau));
        }
        AnalysisRun.Sampled s = (AnalysisRun.Sampled) analysis.runner().output(dir.resolve(example.replace('-', '_')))
                .chains(chains).seed(seed).maxTime(Duration.ofMillis((long) (minutes * 60_000)))
                .resume(a.has("resume")).force(a.has("force")).run();
        McmcResult r = s.mcmc();
        PosteriorSummary sum = s.summary();
        if (a.has("json")) {
            Json j = Json.object().put("example", example).put("converged", r.converged())
                    .put("stop_reason", r.stopReason().name()).put("r_minus_1", r.rMinus1())
                    .put("acceptance_rate", r.acceptanceRate()).put("evaluations", r.evaluations())
                    .put("seconds", r.seconds()).put("output", dir.toString());
            Json priors = Json.object();
            for (SampledParameter p : analysis.sampledParameters()) {
                priors.put(p.name(), p.prior().describe());
            }
            j.putRaw("priors", priors.put("tau_reio", "fixed " + tau).end());
            for (String p : new String[] {"sigma8", "S8_CMBL", "H0", "Omega_m", "S8"}) {
                PosteriorSummary.Parameter q = sum.get(p);
                j.putRaw(p, Json.object().put("mean", q.mean()).put("sd", q.sd()).put("lower68", q.lower68())
                        .put("upper68", q.upper68()).end());
            }
            out.println(j.end());
        } else {
            out.printf("%s: %s after %.0f s (R-1 = %.4f, acceptance %.2f, %d evaluations); chains in %s%n", example,
                    r.stopReason(), r.seconds(), r.rMinus1(), r.acceptanceRate(), r.evaluations(), dir);
            out.println(sum.toTable());
        }
        return r.converged() ? 0 : 1;
    }

    /** The priors: as published (the input file) and as applied (cut to the emulators' training box), and τ. */
    static String priorsStatement(Analysis analysis, double tau) {
        StringBuilder sb = new StringBuilder("priors: published (Madhavacheril et al. 2024), cut to the emulators' "
                + "training box (zero posterior outside it):\n");
        Map<String, Prior> written = analysis.priorsAsWritten();
        for (SampledParameter p : analysis.sampledParameters()) {
            Prior published = written.get(p.name());
            sb.append(String.format(Locale.ROOT, "  %-6s published %-22s applied %s%n", p.name(),
                    published == null ? "-" : published.describe(), p.prior().describe()));
        }
        sb.append("  tau_reio fixed at ").append(tau).append(" (CMB lensing and BAO do not constrain it)");
        return sb.toString();
    }
}
