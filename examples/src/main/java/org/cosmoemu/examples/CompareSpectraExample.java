package org.cosmoemu.examples;

import java.nio.file.Path;
import java.util.Map;
import org.cosmoemu.likelihoods.Requirements;
import org.cosmoemu.plots.SpectrumPlot;
import org.cosmoemu.theory.CmbSpectra;
import org.cosmoemu.theory.CmbSpectra.Spectrum;
import org.cosmoemu.theory.EmulatorTheory;
import org.cosmoemu.theory.LcdmTheory;

/**
 * The bundled emulators against a Boltzmann code's spectra: lensed TT and EE D_ℓ at one parameter point next to
 * a CAMB-format table (e.g. the Planck 2018 best-fit theory file), with the relative residual in a lower panel.
 *
 * <p>Run: {@code ./cosmo-emu plot-spectra --compare FILE --output cmp.png [--param NAME=VALUE ...]}.
 */
public final class CompareSpectraExample {
    /** Multipoles compared: from 2 to this, or to the table's last ℓ if smaller. */
    public static final int LMAX = 2500;

    private CompareSpectraExample() {
    }

    /**
     * @param point      the emulators' inputs by name (all six ΛCDM inputs)
     * @param table      CAMB-format table (columns L, TT, TE, EE, BB, PP; D_ℓ in µK²)
     * @param png        the image to write
     * @param tableLabel legend label of the table's (dashed) curves, e.g. {@code CAMB (Planck 2018 best fit)}
     * @return the largest |relative difference| of TT and EE over 30 ≤ ℓ ≤ {@link #LMAX} (or the table's end)
     * @throws org.cosmoemu.api.DataFileException       if the table is missing or malformed
     * @throws org.cosmoemu.api.CosmoEmuException       if the point is outside the emulators' range
     */
    public static double plot(Map<String, Double> point, Path table, Path png, String tableLabel) {
        CmbSpectra ref = CmbSpectra.readCambTable(table);
        if (!ref.has(Spectrum.TT) || !ref.has(Spectrum.EE)) {
            throw new IllegalArgumentException(table + ": needs TT and EE columns (L, TT, TE, EE, ...)");
        }
        int lmax = Math.min(LMAX, ref.lmax());
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
