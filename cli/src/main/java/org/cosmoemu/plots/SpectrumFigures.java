package org.cosmoemu.plots;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.models.BundledModels;
import org.cosmoemu.models.LcdmTheory;
import org.cosmoemu.models.ModelFamily;
import org.cosmoemu.theory.CmbSpectra;
import org.cosmoemu.theory.CmbSpectra.Spectrum;
import org.cosmoemu.theory.EmulatorTheory;
import org.cosmoemu.theory.Requirements;
import org.knowm.xchart.XYChart;

/**
 * The figures of {@code cosmo-emu plot-spectra}, drawn with XChart, as PNG or vector graphics (SVG, PDF, EPS: the
 * output file's extension decides):
 * <ul>
 *   <li>{@link #parameterSweep}: a bundled emulator's output for several values of one input across its training
 *       range. Axes and labels come from the model's metadata: ℓ, k [h/Mpc] or z on x, logarithmic for ℓ and k;
 *       the quantity's symbol and units on y (CMB spectra as D_ℓ in µK²);</li>
 *   <li>{@link #namedOutputSweep}: one named output of a model of named outputs (the derived parameters) against
 *       the input varied: such outputs are unrelated quantities and are never drawn as one curve;</li>
 *   <li>{@link #compareWithTable}: the bundled TT and EE against a Boltzmann code's table, with relative residuals.</li>
 * </ul>
 */
public final class SpectrumFigures {
    /** Multipoles compared by {@link #compareWithTable}: from 2 to this, or to the table's last ℓ if smaller. */
    public static final int COMPARE_LMAX = 2500;
    /** The redshift a P(k, z) sweep uses when the base point does not set {@code z}. */
    public static final double DEFAULT_REDSHIFT = 0;

    private SpectrumFigures() {
    }

    /**
     * Draws a bundled emulator's output for {@code count} values of one input, evenly spaced over its training
     * range (ends included).
     *
     * @param model  a bundled model name with an ℓ, k or z grid, e.g. {@code lcdm/tt}, {@code lcdm/pk_lin}
     * @param vary   the input to sweep
     * @param count  how many values, at least 2
     * @param base   the other inputs; {@code z} defaults to {@value #DEFAULT_REDSHIFT} for P(k, z) models, and the
     *               inputs of the extended family to ΛCDM's values ({@link ModelFamily#complete})
     * @param output the figure to write: {@code .png}, {@code .svg}, {@code .pdf} or {@code .eps}
     * @throws InvalidOptionException    if {@code model} is not a bundled model, has named outputs (use
     *                                   {@link #namedOutputSweep}), {@code count} &lt; 2, or the extension is unknown
     * @throws InvalidParameterException if the model has no input {@code vary}, or {@code base} lacks one of its
     *                                   other inputs
     * @throws org.cosmoemu.api.OutputException naming the file if it cannot be written
     */
    public static void parameterSweep(String model, String vary, int count, Map<String, Double> base, Path output) {
        Figures.Format.of(output);
        XYChart c = sweepChart(model, vary, count, base);
        Figures.write(SpectrumChart.single(c), c.getWidth(), c.getHeight(), output);
    }

    /** The chart of {@link #parameterSweep} (for tests: its titles are checked against the metadata). */
    static XYChart sweepChart(String model, String vary, int count, Map<String, Double> base) {
        Emulator e = BundledModels.get(model);
        OutputGrid grid = e.outputGrid();
        if (grid.isNamed()) {
            throw new InvalidOptionException("output-name", "model " + model + " has named outputs " + grid.labels()
                    + ": they are unrelated quantities, not a curve; plot one of them against " + vary
                    + " with --output-name NAME");
        }
        int iv = index(e, model, vary);
        checkCount(count);
        Map<String, Double> point = withRedshift(e, forFamily(model, base));
        boolean cmb = PlotLabels.isCmbPower(e.quantity());
        double scale = cmb ? CmbSpectra.MUK2 : 1.0;
        Parameter p = e.parameterSpace().get(iv);
        double[] x = e.parameterSpace().toArray(point);
        double[][] curves = new double[count][];
        double[] values = new double[count];
        boolean positive = true;
        for (int k = 0; k < count; k++) {
            x[iv] = p.lower() + (p.upper() - p.lower()) * k / (count - 1);
            values[k] = x[iv];
            double[] v = e.predict(x);
            for (int i = 0; i < v.length; i++) {
                v[i] *= scale;
                positive &= v[i] > 0;
            }
            curves[k] = v;
        }
        boolean logX = grid.axis() == OutputGrid.Axis.MULTIPOLE || grid.axis() == OutputGrid.Axis.WAVENUMBER;
        boolean logY = positive && grid.axis() != OutputGrid.Axis.REDSHIFT;
        XYChart c = SpectrumChart.chart(title(model, e, point, count, vary), PlotLabels.xAxis(grid, e.quantity()),
                PlotLabels.yAxis(e.quantity()), logX, logY, SpectrumChart.WIDTH, SpectrumChart.HEIGHT);
        for (int k = 0; k < count; k++) {
            SpectrumChart.line(c, PlotLabels.parameter(vary) + " = " + PlotLabels.number(values[k]), grid.values(),
                    curves[k], SpectrumChart.sequential(k, count), false);
        }
        return c;
    }

    /**
     * Draws one named output of a model of named outputs (e.g. {@code sigma8} of {@code lcdm/derived}) against one
     * input over its training range.
     *
     * @param model      a bundled model with named outputs, e.g. {@code lcdm/derived}
     * @param outputName the output to draw, e.g. {@code sigma8}
     * @param vary       the input on the x axis
     * @param count      how many points, at least 2
     * @param base       the other inputs
     * @param output     the figure to write ({@code .png}, {@code .svg}, {@code .pdf}, {@code .eps})
     * @throws InvalidOptionException    if the model is not bundled, has no output of that name (the message lists
     *                                   them), {@code count} &lt; 2, or the extension is unknown
     * @throws InvalidParameterException if the model has no input {@code vary}, or {@code base} lacks an input
     * @throws org.cosmoemu.api.OutputException naming the file if it cannot be written
     */
    public static void namedOutputSweep(String model, String outputName, String vary, int count, Map<String, Double> base,
            Path output) {
        Figures.Format.of(output);
        XYChart c = namedOutputChart(model, outputName, vary, count, base);
        Figures.write(SpectrumChart.single(c), c.getWidth(), c.getHeight(), output);
    }

    /** The chart of {@link #namedOutputSweep}. */
    static XYChart namedOutputChart(String model, String outputName, String vary, int count, Map<String, Double> base) {
        Emulator e = BundledModels.get(model);
        OutputGrid grid = e.outputGrid();
        int io = grid.isNamed() ? grid.labels().indexOf(outputName) : -1;
        if (io < 0) {
            throw new InvalidOptionException("output-name", "model " + model + " has no output named '" + outputName + "'"
                    + (grid.isNamed() ? "; its outputs: " + grid.labels() : "; it has a " + grid.axis().token()
                            + " grid (plot it without --output-name)"));
        }
        int iv = index(e, model, vary);
        checkCount(count);
        Parameter p = e.parameterSpace().get(iv);
        double[] x = e.parameterSpace().toArray(withRedshift(e, forFamily(model, base)));
        double[] xs = new double[count];
        double[] ys = new double[count];
        for (int k = 0; k < count; k++) {
            x[iv] = p.lower() + (p.upper() - p.lower()) * k / (count - 1);
            xs[k] = x[iv];
            ys[k] = e.predict(x)[io];
        }
        String label = PlotLabels.namedOutput(outputName);
        XYChart c = SpectrumChart.chart(label + " against " + PlotLabels.parameter(vary) + " (" + model + ", other inputs "
                + "fixed)", PlotLabels.parameter(vary), label, false, false, SpectrumChart.WIDTH, SpectrumChart.HEIGHT);
        c.getStyler().setLegendVisible(false);
        SpectrumChart.line(c, label, xs, ys, SpectrumChart.COLOURS[0], false);
        return c;
    }

    private static int index(Emulator e, String model, String vary) {
        int iv = e.parameterSpace().indexOf(vary);
        if (iv < 0) {
            throw new InvalidParameterException(vary, "model " + model + " has no input '" + vary + "'; it takes "
                    + e.parameterNames());
        }
        return iv;
    }

    private static void checkCount(int count) {
        if (count < 2) {
            throw new InvalidOptionException("count", "need at least 2 values to sweep, got " + count);
        }
    }

    /**
     * The base point completed for the model's family ({@link ModelFamily#complete}): an {@code ext/…} model gets
     * ΛCDM's Σmν, N_eff, w0 and wa where the base point does not set them, so a ΛCDM base serves every family.
     */
    private static Map<String, Double> forFamily(String model, Map<String, Double> base) {
        return ModelFamily.ofModel(model).complete(base);
    }

    /** The base point, with {@code z} defaulted for P(k, z) models. */
    private static Map<String, Double> withRedshift(Emulator e, Map<String, Double> base) {
        if (e.parameterSpace().indexOf(EmulatorTheory.REDSHIFT) < 0 || base.containsKey(EmulatorTheory.REDSHIFT)) {
            return base;
        }
        Map<String, Double> m = new LinkedHashMap<>(base);
        m.put(EmulatorTheory.REDSHIFT, DEFAULT_REDSHIFT);
        return m;
    }

    private static String title(String model, Emulator e, Map<String, Double> point, int count, String vary) {
        String what = switch (e.outputGrid().axis()) {
            case MULTIPOLE -> {
                String d = PlotLabels.description(e.quantity());
                String name = PlotLabels.isCmbPower(e.quantity())
                        ? e.quantity().name().substring("C_ell^".length()).split(" ")[0] + " power spectrum"
                        : PlotLabels.symbol(e.quantity().name()).replace("ℓ", PlotLabels.isLensing(e.quantity()) ? "L" : "ℓ");
                yield (d.isEmpty() ? "" : capitalise(d) + " ") + name;
            }
            case WAVENUMBER -> PlotLabels.symbol(e.quantity().name()) + " at z = "
                    + PlotLabels.number(point.getOrDefault(EmulatorTheory.REDSHIFT, DEFAULT_REDSHIFT));
            default -> PlotLabels.symbol(e.quantity().name());
        };
        return what + " for " + count + " values of " + PlotLabels.parameter(vary) + " (" + model + ")";
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * Draws the bundled emulators' lensed TT and EE at a point against a Boltzmann code's table, with the relative
     * residuals in a second panel.
     *
     * @param point      the emulators' inputs by name (all six ΛCDM inputs)
     * @param table      CAMB-format table (columns L, TT, TE, EE, BB, PP; D_ℓ in µK²)
     * @param file       the figure to write ({@code .png}, {@code .svg}, {@code .pdf}, {@code .eps})
     * @param tableLabel legend label of the table's (dashed) curves, e.g. {@code CAMB (Planck 2018 best fit)}
     * @return the largest |relative difference| of TT and EE over 30 ≤ ℓ ≤ {@link #COMPARE_LMAX} (or the table's end)
     * @throws org.cosmoemu.api.DataFileException       if the table is missing or malformed, or lacks TT or EE
     * @throws org.cosmoemu.api.InvalidParameterException if the point is missing an input or is outside the
     *                                                    emulators' range
     * @throws InvalidOptionException                   if the extension is unknown
     * @throws org.cosmoemu.api.OutputException         naming the file if it cannot be written
     */
    public static double compareWithTable(Map<String, Double> point, Path table, Path file, String tableLabel) {
        Figures.Format.of(file);
        double[] worst = new double[1];
        XYChart[] charts = compareCharts(point, table, tableLabel, worst);
        Figures.write(SpectrumChart.stacked(charts[0], charts[1]), SpectrumChart.WIDTH,
                SpectrumChart.MAIN_HEIGHT + SpectrumChart.RESIDUAL_HEIGHT, file);
        return worst[0];
    }

    /** The two panels of {@link #compareWithTable}; {@code worst[0]} receives the largest relative difference. */
    static XYChart[] compareCharts(Map<String, Double> point, Path table, String tableLabel, double[] worst) {
        CmbSpectra ref = CmbSpectra.readCambTable(table);
        if (!ref.has(Spectrum.TT) || !ref.has(Spectrum.EE)) {
            throw new DataFileException(table + ": needs TT and EE columns (L, TT, TE, EE, ...)");
        }
        int lmax = Math.min(COMPARE_LMAX, ref.lmax());
        EmulatorTheory theory = LcdmTheory.bundled();
        CmbSpectra emu = theory.compute(point, Requirements.cmb(lmax, Spectrum.TT, Spectrum.EE)).cmb();
        int n = lmax - 1;
        double[] ell = new double[n];
        XYChart main = SpectrumChart.chart("Bundled emulators against " + tableLabel, "", "D_ℓ [μK²]", true, true,
                SpectrumChart.WIDTH, SpectrumChart.MAIN_HEIGHT);
        XYChart residual = SpectrumChart.chart("", "ℓ", "Δ/reference [%]", true, false, SpectrumChart.WIDTH,
                SpectrumChart.RESIDUAL_HEIGHT);
        Spectrum[] spectra = {Spectrum.TT, Spectrum.EE};
        for (int si = 0; si < spectra.length; si++) {
            Spectrum s = spectra[si];
            double[] y = new double[n];
            double[] r = new double[n];
            double[] rel = new double[n];
            for (int l = 2; l <= lmax; l++) {
                ell[l - 2] = l;
                y[l - 2] = emu.dl(s, l);
                r[l - 2] = ref.dl(s, l);
                rel[l - 2] = 100 * (y[l - 2] / r[l - 2] - 1);
                if (l >= 30) {
                    worst[0] = Math.max(worst[0], Math.abs(y[l - 2] / r[l - 2] - 1));
                }
            }
            java.awt.Color colour = SpectrumChart.COLOURS[si];
            SpectrumChart.line(main, s.name() + ", emulator", ell, y, colour, false);
            SpectrumChart.line(main, s.name() + ", " + tableLabel, ell, r, colour, true);
            SpectrumChart.line(residual, s.name(), ell, rel, colour, false);
        }
        SpectrumChart.line(residual, "0", new double[] {2, lmax}, new double[] {0, 0}, new java.awt.Color(0x888888), true);
        // symmetric, to the largest residual at l >= 30 (low multipoles may stray further: cut, not scaled to)
        double range = Math.max(0.2, Math.ceil(130 * worst[0] * 10) / 10);
        residual.getStyler().setYAxisMin(-range);
        residual.getStyler().setYAxisMax(range);
        return new XYChart[] {main, residual};
    }
}
