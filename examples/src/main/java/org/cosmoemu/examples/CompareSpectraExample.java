package org.cosmoemu.examples;

import java.nio.file.Path;
import org.cosmoemu.api.DataDirectory;
import org.cosmoemu.plots.SpectrumFigures;
import org.cosmoemu.theory.ParameterBases;

/**
 * The bundled emulators against a Boltzmann code's spectra: lensed TT and EE D_ℓ at the Planck 2018 parameters
 * next to the Planck 2018 best-fit CAMB spectra, with the relative residual in a lower panel. The same from the
 * command line: {@code ./cosmo-emu plot-spectra --compare FILE --output cmp.png}.
 */
public final class CompareSpectraExample {
    private CompareSpectraExample() {
    }

    /** @param args {@code [OUTPUT.png]}, default {@code emulator-vs-planck2018.png} */
    public static void main(String[] args) {
        Path table = DataDirectory.require("reference/planck2018_bestfit_theory_cls.txt", "the Planck Legacy Archive");
        Path out = Path.of(args.length > 0 ? args[0] : "emulator-vs-planck2018.png");
        double worst = SpectrumFigures.compareWithTable(ParameterBases.get(ParameterBases.PLANCK2018), table, out,
                "CAMB (Planck 2018 best fit)");
        System.out.printf("wrote %s; largest |relative difference| of TT and EE at 30 <= l <= %d: %.3f%%%n", out,
                SpectrumFigures.COMPARE_LMAX, 100 * worst);
    }
}
