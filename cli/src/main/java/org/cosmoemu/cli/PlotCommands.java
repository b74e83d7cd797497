package org.cosmoemu.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cosmoemu.inference.Chains;
import org.cosmoemu.models.ModelFamily;
import org.cosmoemu.plots.LatexLabel;
import org.cosmoemu.plots.SpectrumFigures;
import org.cosmoemu.plots.TrianglePlot;
import org.cosmoemu.theory.ParameterBases;

/**
 * {@code plot-spectra} and {@code plot-triangle}: figures from emulators and from chains, as PNG or as vector graphics
 * for papers (SVG, PDF, EPS), chosen by the output file's extension.
 */
final class PlotCommands {
    private PlotCommands() {
    }

    /** {@code plot-spectra}: a bundled spectrum for several values of one input across its training range. */
    static final class Spectra implements Command {
        @Override
        public String name() {
            return "plot-spectra";
        }

        @Override
        public String summary() {
            return "plot a bundled spectrum for several values of one parameter across its range, or TT/EE against a "
                    + "CAMB-format table with residuals (PNG, SVG, PDF or EPS)";
        }

        @Override
        public boolean evaluatesNetworks() {
            return true;
        }

        @Override
        public int run(String[] argv, int from, PrintStream out) {
            Args a = new Args(name())
                    .value("model", "NAME", "bundled model (default lcdm/tt): lcdm/tt, te, ee, bb, pp (x: ell), pk_lin, "
                            + "pk_nl (x: k in h/Mpc; at z = 0 unless --param z=Z), hubble, angular_distance (x: z), "
                            + "derived (with --output-name); ext/... likewise (also tt_unlensed, te_unlensed, "
                            + "ee_unlensed, pk_lin_cb, pk_nl_cb); a name without FAMILY/ takes the --family")
                    .value("family", "lcdm|ext", "model family when --model has no prefix (default: ext if --vary or "
                            + "a --param is m_ncdm, N_eff, w0_fld or wa_fld away from LCDM, else lcdm); ext inputs "
                            + "the base does not set take LCDM's values (m_ncdm 0.06, N_eff 3.046, w0_fld -1, wa_fld 0)")
                    .value("vary", "PARAMETER", "input to sweep across its training range")
                    .value("output-name", "NAME", "for models of named outputs (lcdm/derived): the one output to plot "
                            + "against --vary, e.g. sigma8")
                    .value("count", "N", "number of values (default 10; 50 points with --output-name)")
                    .value("base", "NAME", "other inputs from a named set (default planck2018)")
                    .repeated("param", "NAME=VALUE", "override one of the other inputs; z=Z sets the redshift of "
                            + "P(k, z) models (default 0)")
                    .value("compare", "FILE", "instead of a sweep: lensed TT and EE at the base point against this "
                            + "CAMB-format table (L TT TE EE BB PP, D_l in muK^2), with relative residuals")
                    .value("compare-label", "TEXT", "legend label of the --compare table (default: its file name)")
                    .value("output", "FILE", "figure to write: FILE.png, or FILE.svg, FILE.pdf, FILE.eps (vector)")
                    .parse(argv, from);
            Map<String, Double> base = new LinkedHashMap<>(ParameterBases.get(a.get("base", ParameterBases.PLANCK2018)));
            base.putAll(a.assignments("param"));
            Path png = Path.of(a.require("output"));
            if (a.has("compare")) {
                if (a.has("vary") || a.has("output-name")) {
                    throw new UsageException("--compare and --vary/--output-name are two different plots: give one");
                }
                Path table = Path.of(a.get("compare"));
                double worst = SpectrumFigures.compareWithTable(base, table, png,
                        a.get("compare-label", LatexLabel.escape(table.getFileName().toString())));
                out.printf(java.util.Locale.ROOT, "wrote %s; largest |relative difference| of TT and EE at 30 <= l <= %d: "
                        + "%.3f%%%n", png, SpectrumFigures.COMPARE_LMAX, 100 * worst);
                return 0;
            }
            String vary = a.require("vary");
            String model = model(a, a.has("output-name") ? "derived" : "tt", vary);
            if (a.has("output-name")) {
                SpectrumFigures.namedOutputSweep(model, a.get("output-name"), vary, a.integer("count", 50), base, png);
            } else {
                SpectrumFigures.parameterSweep(model, vary, a.integer("count", 10), base, png);
            }
            out.println("wrote " + png);
            return 0;
        }
    }

    /**
     * The catalogue name to plot: {@code --model} as given when it has a family prefix, else that output (default
     * {@code output}) of the {@code --family}, or of the family the swept and set parameters need.
     */
    static String model(Args a, String output, String vary) {
        String m = a.get("model");
        if (m != null && m.contains("/")) {
            if (a.has("family") && ModelFamily.ofModel(m) != ModelFamily.parse(a.get("family"))) {
                throw new UsageException("--model " + m + " is not of --family " + a.get("family"));
            }
            return m;
        }
        ModelFamily f;
        if (a.has("family")) {
            f = ModelFamily.parse(a.get("family"));
        } else {
            java.util.Set<String> varied = new java.util.HashSet<>(List.of(vary));
            f = ModelFamily.forParameters(varied) == ModelFamily.EXT ? ModelFamily.EXT
                    : ModelFamily.forPoint(a.assignments("param"));
        }
        return f.model(m == null ? output : m);
    }

    /** {@code plot-triangle}: marginalised 1-D/2-D posteriors with 68/95% contours from GetDist chains. */
    static final class Triangle implements Command {
        @Override
        public String name() {
            return "plot-triangle";
        }

        @Override
        public String summary() {
            return "triangle plot (68/95% contours) of one or more GetDist chains (PNG, SVG, PDF or EPS)";
        }

        @Override
        public int run(String[] argv, int from, PrintStream out) {
            Args a = new Args(name())
                    .repeated("chains", "ROOT", "GetDist chain root (files ROOT.1.txt, ROOT.paramnames, ...); repeat to overlay")
                    .repeated("label", "TEXT", "legend label of each --chains, in order")
                    .value("params", "A,B,...", "parameters to show (default: all sampled ones)")
                    .value("burn", "FRACTION", "fraction of each chain dropped as burn-in (default 0.3)")
                    .repeated("marker", "NAME=VALUE", "mark a value with dashed lines, e.g. w=-1 and wa=0 for LCDM")
                    .value("output", "FILE", "figure to write: FILE.png, or FILE.svg, FILE.pdf, FILE.eps (vector)")
                    .parse(argv, from);
            List<String> roots = a.all("chains");
            if (roots.isEmpty()) {
                throw new UsageException("plot-triangle needs at least one --chains ROOT");
            }
            List<String> labels = a.all("label");
            if (!labels.isEmpty() && labels.size() != roots.size()) {
                throw new UsageException("give one --label per --chains (" + roots.size() + " chains, " + labels.size()
                        + " labels)");
            }
            double burn;
            try {
                burn = Double.parseDouble(a.get("burn", "0.3"));
            } catch (NumberFormatException e) {
                throw new UsageException("--burn needs a number, got '" + a.get("burn") + "'");
            }
            TrianglePlot.Builder t = TrianglePlot.builder().burnFraction(burn);
            for (int i = 0; i < roots.size(); i++) {
                t.add(Chains.read(Path.of(roots.get(i))), labels.isEmpty() ? LatexLabel.escape(Path.of(roots.get(i)).getFileName().toString())
                        : labels.get(i));
            }
            a.assignments("marker").forEach(t::marker);
            if (a.has("params")) {
                t.parameters(Arrays.stream(a.get("params").split(",")).map(String::trim).toArray(String[]::new));
            }
            Path png = Path.of(a.require("output"));
            t.build().write(png);
            out.println("wrote " + png);
            return 0;
        }
    }
}
