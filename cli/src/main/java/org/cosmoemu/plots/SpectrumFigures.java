package org.cosmoemu.plots;

import java.nio.file.Path;
import java.util.Map;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.EllFactor;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.models.BundledModels;
import org.cosmoemu.models.LcdmTheory;
import org.cosmoemu.theory.CmbSpectra;
import org.cosmoemu.theory.CmbSpectra.Spectrum;
import org.cosmoemu.theory.EmulatorTheory;
import org.cosmoemu.theory.Requirements;

/**
 * The spectrum figures of {@code cosmo-emu plot-spectra}: a bundled spectrum for several values of one
 * parameter ("plot TT spectra for ten values of a parameter"), and the bundled TT/EE against a Boltzmann
 * code's table with residuals.
 */
public final class SpectrumFigures {
    /** Multipoles compared by {@link #compareWithTable}: from 2 to this, or to the table's last ℓ if smaller. */
    public static final int COMPARE_LMAX = 2500;

    private SpectrumFigures() {
    }

    /**
     * @param model  a bundled spectrum model name, e.g. {@code lcdm/tt}
     * @param vary   the input to sweep
     * @param count  how many values, evenly spaced over the training range (ends included)
     * @param base   the other inputs
     * @param output the PNG to write
     * @throws InvalidOptionException    if {@code model} is not a bundled model or {@code count} &lt; 2
     * @throws InvalidParameterException if the model has no input {@code vary}, or {@code base} lacks one of its
     *                                   other inputs
     * @throws org.cosmoemu.api.OutputException naming the file if it cannot be written
     */
    public static void parameterSweep(String model, String vary, int count, Map<String, Double> base, Path output) {
        Emulator e = BundledModels.get(model);
        int iv = e.parameterSpace().indexOf(vary);
        if (iv < 0) {
            throw new InvalidParameterException(vary, "model " + model + " has no input '" + vary + "'; it takes "
                    + e.parameterNames());
        }
        if (count < 2) {
            throw new InvalidOptionException("count", "need at least 2 values to sweep, got " + count);
        }
        OutputGrid grid = e.outputGrid();
        boolean cmb = e.quantity().units().startsWith("dimensionless") && e.quantity().ellFactor() == EllFactor.L_L1_OVER_2PI
                && !model.endsWith("pp");
        double scale = cmb ? CmbSpectra.MUK2 : 1.0;
        Parameter p = e.parameterSpace().get(iv);
        double[] x = e.parameterSpace().toArray(base);
        SpectrumPlot.Builder plot = SpectrumPlot.builder()
                .title(LatexLabel.escape(model + ": " + e.quantity().name()) + " for " + count + " values of " + vary)
                .xLabel("\\ell").yLabel(cmb ? "D_\\ell\\,[\\mu{\\rm K}^2]" : LatexLabel.escape(e.quantity().name() + " [" + e.quantity().units() + "]"))
                .logX(true).logY(!model.endsWith("te")).legend(SpectrumPlot.LegendPosition.LOWER_LEFT);
        for (int k = 0; k < count; k++) {
            x[iv] = p.lower() + (p.upper() - p.lower()) * k / (count - 1);
            double[] v = e.predict(x);
            for (int i = 0; i < v.length; i++) {
                v[i] *= scale;
            }
            plot.curve(String.format("%s = %.4g", vary, x[iv]), grid.values(), v);
        }
        plot.build().write(output);
    }

    /**
     * @param point      the emulators' inputs by name (all six ΛCDM inputs)
     * @param table      CAMB-format table (columns L, TT, TE, EE, BB, PP; D_ℓ in µK²)
     * @param png        the image to write
     * @param tableLabel legend label of the table's (dashed) curves, e.g. {@code CAMB (Planck 2018 best fit)}
     * @return the largest |relative difference| of TT and EE over 30 ≤ ℓ ≤ {@link #COMPARE_LMAX} (or the table's end)
     * @throws org.cosmoemu.api.DataFileException       if the table is missing or malformed, or lacks TT or EE
     * @throws org.cosmoemu.api.InvalidParameterException if the point is missing an input or is outside the
     *                                                    emulators' range
     * @throws org.cosmoemu.api.OutputException         naming the file if it cannot be written
     */
    public static double compareWithTable(Map<String, Double> point, Path table, Path png, String tableLabel) {
        CmbSpectra ref = CmbSpectra.readCambTable(table);
        if (!ref.has(Spectrum.TT) || !ref.has(Spectrum.EE)) {
            throw new DataFileException(table + ": needs TT and EE columns (L, TT, TE, EE, ...)");
        }
        int lmax = Math.min(COMPARE_LMAX, ref.lmax());
        EmulatorTheory theory = LcdmTheory.bundled();
        CmbSpectra emu = theory.compute(point, Requirements.cmb(lmax, Spectrum.TT, Spectrum.EE)).cmb();
        int n = lmax - 1;
        double[] ell = new double[n];
        double worst = 0;
        SpectrumPlot.Builder plot = SpectrumPlot.builder().title("Bundled emulators vs " + tableLabel)
                .xLabel("\\ell").yLabel("D_\\ell\\ [\\mu K^2]").logX(true).logY(true).referenceLabel(tableLabel)
                .residualBand(0.5).legend(SpectrumPlot.LegendPosition.LOWER_LEFT);
        for (Spectrum s : new Spectrum[] {Spectrum.TT, Spectrum.EE}) {
            double[] y = new double[n];
            double[] r = new double[n];
            for (int l = 2; l <= lmax; l++) {
                ell[l - 2] = l;
                y[l - 2] = emu.dl(s, l);
                r[l - 2] = ref.dl(s, l);
                if (l >= 30) {
                    worst = Math.max(worst, Math.abs(y[l - 2] / r[l - 2] - 1));
                }
            }
            plot.compare(s.name() + " (emulator)", ell, y, r);
        }
        plot.build().write(png);
        return worst;
    }
}
