package org.cosmoemu.models;

import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.theory.EmulatorTheory;
import org.cosmoemu.theory.FlatLcdmBackground;
import org.cosmoemu.theory.CmbSpectra.Spectrum;

/**
 * The ΛCDM theory from the bundled emulators ({@code lcdm/tt, te, ee, bb, pp, derived, pk_lin, pk_nl}) and the exact
 * background ({@link FlatLcdmBackground} with the training data's fixed physics: T_cmb = 2.7255 K,
 * N_ur = 2.0328, one massive neutrino of 0.06 eV). Inputs: {@code omega_b, omega_cdm, H0, tau_reio, n_s,
 * ln10^{10}A_s} within the training ranges.
 *
 * <p>Networks load when a computation first needs them: building the theory reads only each model's header
 * (inputs, grid, quantity), and {@link EmulatorTheory#compute} loads, once, the networks of the spectra and
 * derived quantities it is asked for. A likelihood set that needs φφ and the derived parameters (ACT DR6 lensing
 * and BAO) loads two of the eight networks; see {@code BENCHMARKS.md} for the start-up time and memory this saves.
 */
public final class LcdmTheory {
    private LcdmTheory() {
    }

    /** {@return the bundled theory on the default backend (cpu, float64)} */
    public static EmulatorTheory bundled() {
        return bundled(EmulatorOptions.defaults());
    }

    /**
     * {@return the bundled theory; spectra whose model is not in this build are left out}
     *
     * @param options backend, precision and range policy of every emulator
     * @throws org.cosmoemu.api.InvalidOptionException if the backend is not on the classpath
     * @throws org.cosmoemu.api.ModelFormatException   if a bundled model's header is unreadable (a network that
     *   cannot be loaded fails when it is first used)
     */
    public static EmulatorTheory bundled(EmulatorOptions options) {
        return bundled(options, new java.util.LinkedHashMap<>());
    }

    /**
     * As {@link #bundled(EmulatorOptions)}, recording the emulators it creates by catalogue name (for tests).
     *
     * @param options  backend, precision and range policy of every emulator
     * @param created  receives each catalogue name and the (lazy) emulator made for it
     * @return the bundled theory
     */
    static EmulatorTheory bundled(EmulatorOptions options, java.util.Map<String, Emulator> created) {
        EmulatorTheory.Builder b = EmulatorTheory.builder()
                .background(EmulatorTheory.BackgroundModel.flatLcdm());
        String[] names = {BundledModels.LCDM_TT, BundledModels.LCDM_TE, BundledModels.LCDM_EE, BundledModels.LCDM_BB,
            BundledModels.LCDM_PP};
        Spectrum[] spectra = {Spectrum.TT, Spectrum.TE, Spectrum.EE, Spectrum.BB, Spectrum.PP};
        java.util.function.Function<String, Emulator> lazy = n -> {
            if (!BundledModels.isAvailable(n)) {
                return null;
            }
            Emulator e = BundledModels.lazy(n, options);
            created.put(n, e);
            return e;
        };
        for (int i = 0; i < names.length; i++) {
            Emulator e = lazy.apply(names[i]);
            if (e != null) {
                b.spectrum(spectra[i], e);
            }
        }
        b.matterPower(lazy.apply(BundledModels.LCDM_PK_LIN), lazy.apply(BundledModels.LCDM_PK_NL));
        Emulator derived = lazy.apply(BundledModels.LCDM_DERIVED);
        if (derived != null) {
            b.derived(derived);
        }
        return b.build();
    }
}
