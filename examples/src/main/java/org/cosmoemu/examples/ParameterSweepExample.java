package org.cosmoemu.examples;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import org.cosmoemu.models.BundledModels;
import org.cosmoemu.plots.SpectrumFigures;
import org.cosmoemu.theory.ParameterBases;

/**
 * "Plot TT spectra for ten values of a parameter": sweeps one input of a bundled spectrum emulator across
 * its training range, the others at Planck 2018 values, and writes a PNG of D_ℓ (µK² for CMB spectra).
 * The same from the command line: {@code ./cosmo-emu plot-spectra --model lcdm/tt --vary n_s --output tt_ns.png}.
 */
public final class ParameterSweepExample {
    private ParameterSweepExample() {
    }

    /** @param args {@code [MODEL [PARAMETER [OUTPUT.png]]]}, defaults lcdm/tt, n_s, tt_sweep.png */
    public static void main(String[] args) {
        String model = args.length > 0 ? args[0] : BundledModels.LCDM_TT;
        String vary = args.length > 1 ? args[1] : "n_s";
        Path out = Path.of(args.length > 2 ? args[2] : "tt_sweep.png");
        SpectrumFigures.parameterSweep(model, vary, 10, new LinkedHashMap<>(ParameterBases.get(ParameterBases.PLANCK2018)), out);
        System.out.println("wrote " + out);
    }
}
