package org.cosmoemu.examples;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EllFactor;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.models.BundledModels;
import org.cosmoemu.plots.LatexLabel;
import org.cosmoemu.plots.SpectrumPlot;
import org.cosmoemu.theory.CmbSpectra;
import org.cosmoemu.theory.ParameterBases;

/**
 * "Plot TT spectra for ten values of a parameter": sweeps one input of a bundled spectrum emulator across
 * its training range, the others at Planck 2018 values, and writes a PNG of D_ℓ (µK² for CMB spectra).
 *
 * <p>Run: {@code ./cosmo-emu plot-spectra --model lcdm/tt --vary n_s --output tt_ns.png}, or this class's
 * {@code main}.
 */
public final class ParameterSweepExample {
    private ParameterSweepExample() {
    }

    /**
     * @param model  a bundled spectrum model name, e.g. {@code lcdm/tt}
     * @param vary   the input to sweep
     * @param count  how many values, evenly spaced over the training range (ends included)
     * @param base   the other inputs
     * @param output the PNG to write
     */
    public static void plot(String model, String vary, int count, Map<String, Double> base, Path output) {
        Emulator e = BundledModels.get(model);
        int iv = e.parameterSpace().indexOf(vary);
        if (iv < 0) {
            throw new IllegalArgumentException("model " + model + " has no input '" + vary + "'; it takes "
                    + e.parameterNames());
        }
        if (count < 2) {
            throw new IllegalArgumentException("need at least 2 values to sweep, got " + count);
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

    /** @param args {@code [MODEL [PARAMETER [OUTPUT.png]]]}, defaults lcdm/tt, n_s, tt_sweep.png */
    public static void main(String[] args) {
        String model = args.length > 0 ? args[0] : BundledModels.LCDM_TT;
        String vary = args.length > 1 ? args[1] : "n_s";
        Path out = Path.of(args.length > 2 ? args[2] : "tt_sweep.png");
        plot(model, vary, 10, new LinkedHashMap<>(ParameterBases.get(ParameterBases.PLANCK2018)), out);
        System.out.println("wrote " + out);
    }
}
