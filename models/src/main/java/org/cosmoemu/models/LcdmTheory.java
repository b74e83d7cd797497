package org.cosmoemu.models;

import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.theory.EmulatorTheory;
import org.cosmoemu.theory.FlatLcdmBackground;
import org.cosmoemu.theory.CmbSpectra.Spectrum;

/**
 * The ΛCDM theory from the bundled emulators ({@code lcdm/tt, te, ee, bb, pp, derived, pk_lin, pk_nl}) and the exact
 * background ({@link FlatLcdmBackground} with the training data's fixed physics: T_cmb = 2.7255 K,
 * N_ur = 2.0328, one massive neutrino of 0.06 eV). Inputs: {@code omega_b, omega_cdm, H0, tau_reio, n_s,
 * ln10^{10}A_s} within the training ranges.
 */
public final class LcdmTheory {
    private LcdmTheory() {
    }

    /** @return the bundled theory on the default backend (cpu, float64) */
    public static EmulatorTheory bundled() {
        return bundled(EmulatorOptions.defaults());
    }

    /**
     * @param options backend, precision and range policy of every emulator
     * @return the bundled theory; spectra whose model is not in this build are left out
     */
    public static EmulatorTheory bundled(EmulatorOptions options) {
        EmulatorTheory.Builder b = EmulatorTheory.builder().background(FlatLcdmBackground::ofH0);
        String[] names = {BundledModels.LCDM_TT, BundledModels.LCDM_TE, BundledModels.LCDM_EE, BundledModels.LCDM_BB,
            BundledModels.LCDM_PP};
        Spectrum[] spectra = {Spectrum.TT, Spectrum.TE, Spectrum.EE, Spectrum.BB, Spectrum.PP};
        for (int i = 0; i < names.length; i++) {
            if (BundledModels.isAvailable(names[i])) {
                b.spectrum(spectra[i], BundledModels.get(names[i], options));
            }
        }
        b.matterPower(BundledModels.isAvailable(BundledModels.LCDM_PK_LIN) ? BundledModels.get(BundledModels.LCDM_PK_LIN, options) : null,
                BundledModels.isAvailable(BundledModels.LCDM_PK_NL) ? BundledModels.get(BundledModels.LCDM_PK_NL, options) : null);
        if (BundledModels.isAvailable(BundledModels.LCDM_DERIVED)) {
            b.derived(BundledModels.get(BundledModels.LCDM_DERIVED, options));
        }
        return b.build();
    }
}
