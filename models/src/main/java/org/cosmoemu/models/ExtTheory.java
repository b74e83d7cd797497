package org.cosmoemu.models;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.theory.CmbSpectra.Spectrum;
import org.cosmoemu.theory.CplBackground;
import org.cosmoemu.theory.EmulatorTheory;
import org.cosmoemu.theory.InputConstraint;

/**
 * The extended theory beyond ΛCDM from the bundled {@code ext/…} emulators (lensed TT, TE, EE, BB, φφ to
 * ℓ = 5000; unlensed TT, TE, EE; P(k, z) and P_cb(k, z), linear and non-linear; derived parameters) and the exact
 * background {@link CplBackground}: flat, w0–wa (CPL) dark energy, one massive neutrino carrying Σm_ν and a free
 * N_eff, trained on {@code class-ext} (CLASS v3.3.4). Inputs: {@code omega_b, omega_cdm, H0, tau_reio, n_s,
 * ln10^{10}A_s, m_ncdm, N_eff, w0_fld, wa_fld} within the training ranges, and
 * {@link InputConstraint#CPL_EARLY_DARK_ENERGY} (w0 + wa &lt; 0).
 *
 * <p>ΛCDM is the point m_ncdm = 0.06, N_eff = 3.046, w0 = −1, wa = 0 of this family ({@link ModelFamily#LCDM_VALUES});
 * there the two families agree within their stated accuracies ({@code models/ACCURACY.md}). Networks load when a
 * computation first needs them, as in {@link LcdmTheory}.
 */
public final class ExtTheory {
    /** Catalogue names of the family's spectra, in {@link Spectrum} order TT, TE, EE, BB, PP. */
    static final String[] SPECTRA = {"ext/tt", "ext/te", "ext/ee", "ext/bb", "ext/pp"};
    /** Catalogue names of the unlensed spectra TT, TE, EE. */
    static final String[] UNLENSED = {"ext/tt_unlensed", "ext/te_unlensed", "ext/ee_unlensed"};

    private ExtTheory() {
    }

    /**
     * {@return the bundled extended theory on the default backend (cpu, float64)}
     *
     * @throws InvalidOptionException if this build has none of the family's models
     */
    public static EmulatorTheory bundled() {
        return bundled(EmulatorOptions.defaults());
    }

    /**
     * {@return the bundled extended theory; outputs whose model is not in this build are left out}
     *
     * @param options backend, precision and range policy of every emulator
     * @throws InvalidOptionException                  if the backend is not on the classpath, or this build has none
     *   of the family's models
     * @throws org.cosmoemu.api.ModelFormatException   if a bundled model's header is unreadable
     */
    public static EmulatorTheory bundled(EmulatorOptions options) {
        return bundled(options, new LinkedHashMap<>());
    }

    /**
     * As {@link #bundled(EmulatorOptions)}, recording the emulators it creates by catalogue name (for tests).
     *
     * @param options backend, precision and range policy
     * @param created receives each catalogue name and the (lazy) emulator made for it
     * @return the theory
     */
    static EmulatorTheory bundled(EmulatorOptions options, Map<String, Emulator> created) {
        Function<String, Emulator> lazy = n -> {
            if (!isAvailable(n)) {
                return null;
            }
            Emulator e = BundledModels.lazy(n, options);
            created.put(n, e);
            return e;
        };
        EmulatorTheory.Builder b = EmulatorTheory.builder().background(EmulatorTheory.BackgroundModel.cpl())
                .constraint(InputConstraint.CPL_EARLY_DARK_ENERGY);
        Spectrum[] spectra = {Spectrum.TT, Spectrum.TE, Spectrum.EE, Spectrum.BB, Spectrum.PP};
        for (int i = 0; i < SPECTRA.length; i++) {
            Emulator e = lazy.apply(SPECTRA[i]);
            if (e != null) {
                b.spectrum(spectra[i], e);
            }
        }
        for (int i = 0; i < UNLENSED.length; i++) {
            Emulator e = lazy.apply(UNLENSED[i]);
            if (e != null) {
                b.unlensedSpectrum(spectra[i], e);
            }
        }
        b.matterPower(lazy.apply("ext/pk_lin"), lazy.apply("ext/pk_nl"));
        b.matterPowerCb(lazy.apply("ext/pk_lin_cb"), lazy.apply("ext/pk_nl_cb"));
        Emulator derived = lazy.apply("ext/derived");
        if (derived != null) {
            b.derived(derived);
        }
        if (created.isEmpty()) {
            throw new InvalidOptionException("family", "the ext family's models (ext/tt, ..., ext/derived) are not in "
                    + "this build; the catalogue has " + BundledModels.names());
        }
        return b.build();
    }

    /** {@return whether this build has any model of the family} */
    static boolean isBundled() {
        return isAvailable("ext/derived") || isAvailable("ext/tt") || isAvailable("ext/pp");
    }

    private static boolean isAvailable(String name) {
        return BundledModels.names().contains(name) && BundledModels.isAvailable(name);
    }
}
