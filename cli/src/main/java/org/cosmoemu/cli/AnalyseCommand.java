package org.cosmoemu.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.cosmoemu.inference.ChainAnalysis;
import org.cosmoemu.inference.ChainAnalysis.Limit;
import org.cosmoemu.inference.ChainAnalysis.Marginal;
import org.cosmoemu.inference.Chains;

/**
 * {@code analyse CHAINS_ROOT}: GetDist's marginalised statistics of finished chains ({@code .margestats},
 * {@code .likestats}, a LaTeX table of constraints), with R−1 and effective sample sizes.
 */
final class AnalyseCommand implements Command {
    @Override
    public String name() {
        return "analyse";
    }

    @Override
    public String summary() {
        return "GetDist's statistics of finished chains: ROOT.margestats (mean, sd, 68/95/99% limits, one-tail at prior "
                + "edges), ROOT.likestats, a LaTeX table, R-1 and effective samples";
    }

    @Override
    public int run(String[] argv, int from, PrintStream out) {
        if (from >= argv.length || argv[from].startsWith("--")) {
            if (from < argv.length && (argv[from].equals("--help") || argv[from].equals("-h"))) {
                throw new UsageException("usage: cosmo-emu analyse CHAINS_ROOT [options]\n" + args().usage());
            }
            throw new UsageException("'analyse' needs the chains' file root first (CHAINS_ROOT: files "
                    + "CHAINS_ROOT.1.txt, CHAINS_ROOT.paramnames, ...)\n" + args().usage());
        }
        Path root = Path.of(argv[from]);
        Args a = args().parse(argv, from + 1);
        double burn = number(a, "burn", 0.3);
        Chains chains = Chains.read(root);
        ChainAnalysis analysis = ChainAnalysis.of(chains, burn);
        Path outRoot = Path.of(a.get("output-root", root.toString()));
        List<Path> files = a.has("no-files") ? List.of() : analysis.write(outRoot);
        Set<String> shown = new LinkedHashSet<>();
        if (a.has("params")) {
            for (String p : a.get("params").split(",")) {
                shown.add(analysis.get(p.trim()).name());
            }
        } else {
            analysis.parameters().forEach(m -> shown.add(m.name()));
        }
        if (a.has("json")) {
            out.println(json(analysis, shown, files));
            return 0;
        }
        out.printf(Locale.ROOT, "%s: %d chains, total weight %.6g after removing %.0f%% burn-in; R-1 = %.4g%s%n", root,
                chains.chainCount(), analysis.totalWeight(), 100 * burn, analysis.rMinus1(),
                chains.chainCount() == 1 ? " (the chain's two halves)" : "");
        out.printf(Locale.ROOT, "%-16s %12s %12s %27s %27s %10s %8s%n", "parameter", "mean", "sd", "68% limits",
                "95% limits", "N_eff", "R-1");
        for (Marginal m : analysis.parameters()) {
            if (!shown.contains(m.name())) {
                continue;
            }
            out.printf(Locale.ROOT, "%-16s %12.6g %12.6g %27s %27s %10.0f %8.4f%n", m.name() + (m.derived() ? "*" : ""),
                    m.mean(), m.sd(), limit(m.limits().get(0)), limit(m.limits().get(1)), m.effectiveSamples(),
                    m.rMinus1());
        }
        for (Path f : files) {
            out.println("wrote " + f);
        }
        return 0;
    }

    private static String limit(Limit l) {
        return switch (l.tail()) {
            case TWO_TAIL -> String.format(Locale.ROOT, "[%.6g, %.6g]", l.lower(), l.upper());
            case UPPER_LIMIT -> String.format(Locale.ROOT, "< %.6g", l.upper());
            case LOWER_LIMIT -> String.format(Locale.ROOT, "> %.6g", l.lower());
            case NONE -> "none";
        };
    }

    private Args args() {
        return new Args(name())
                .value("burn", "FRACTION", "fraction of each chain's rows dropped as burn-in (default 0.3; 0 for chains "
                        + "written without burn-in)")
                .value("output-root", "PREFIX", "where to write PREFIX.margestats, .likestats, .constraints.tex "
                        + "(default: CHAINS_ROOT)")
                .value("params", "A,B,...", "parameters to print (the files have all of them)")
                .flag("no-files", "print only; write no files")
                .flag("json", "print one JSON object: per parameter mean, sd, limits, effective samples, R-1");
    }

    private static double number(Args a, String name, double def) {
        String v = a.get(name);
        if (v == null) {
            return def;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs a number, got '" + v + "'");
        }
    }

    private static String json(ChainAnalysis a, Set<String> shown, List<Path> files) {
        Json params = Json.object();
        for (Marginal m : a.parameters()) {
            if (!shown.contains(m.name())) {
                continue;
            }
            Json limits = Json.object();
            for (Limit l : m.limits()) {
                limits.putRaw(String.format(Locale.ROOT, "%.0f", 100 * l.contour()), Json.object().put("lower", l.lower())
                        .put("upper", l.upper()).put("tail", l.tail().tag()).end());
            }
            params.putRaw(m.name(), Json.object().put("latex", m.latex()).put("derived", m.derived())
                    .put("mean", m.mean()).put("sd", m.sd()).putRaw("limits", limits.end())
                    .put("effective_samples", m.effectiveSamples()).put("r_minus_1", m.rMinus1())
                    .put("best_fit_sample", m.bestFit()).end());
        }
        return Json.object().put("burn_fraction", a.burnFraction()).put("chains", a.chainCount())
                .put("total_weight", a.totalWeight()).put("r_minus_1", a.rMinus1())
                .put("best_fit_minus_log_posterior", a.bestFitMinusLogPosterior())
                .put("contours", a.contours().stream().mapToDouble(Double::doubleValue).toArray())
                .putRaw("parameters", params.end())
                .putStrings("files", Arrays.asList(files.stream().map(Path::toString).toArray(String[]::new))).end();
    }
}
