package org.cosmoemu.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.cosmoemu.api.CosmoEmuException;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.ModelFormatException;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.cpu.Emulators;
import org.cosmoemu.cpu.io.ModelFiles;
import org.cosmoemu.cpu.io.ModelHeader;

/**
 * The emulators this project trained from CLASS spectra, shipped as resources of this module: a first
 * {@code predict} needs no download. Two families: {@code lcdm/…}, flat ΛCDM with one 0.06 eV neutrino (six
 * inputs, ℓ ≤ 3000, k ≤ 10 h/Mpc; see {@code models/ACCURACY.md}), and {@code ext/…}, flat w0–wa dark energy with
 * Σmν and N_eff free (ten inputs, ℓ ≤ 5000, k ≤ 50 h/Mpc, unlensed spectra and P_cb; trained on the first few
 * hundred points of {@code class-ext}, so far less accurate: see {@code models/ACCURACY-ext.md}).
 *
 * <pre>{@code
 * Emulator tt = BundledModels.lcdm().tt();                      // lensed l(l+1)C_l^TT/2pi, l = 2..3000
 * Emulator pk = BundledModels.get("lcdm/pk_lin");                // P_lin(k, z) in (Mpc/h)^3, inputs + z
 * double[] dl = tt.predict(Map.of("omega_b", 0.0224, "omega_cdm", 0.12, "H0", 67.5, "tau_reio", 0.055,
 *         "n_s", 0.965, "ln10^{10}A_s", 3.045));
 * }</pre>
 *
 * <p>Catalogue names (a contract used by scripts): {@code lcdm/tt}, {@code lcdm/te}, {@code lcdm/ee},
 * {@code lcdm/bb}, {@code lcdm/pp}, {@code lcdm/pk_lin}, {@code lcdm/pk_nl}, {@code lcdm/derived},
 * {@code lcdm/hubble}, {@code lcdm/angular_distance}; {@code ext/tt}, {@code ext/te}, {@code ext/ee},
 * {@code ext/bb}, {@code ext/pp}, {@code ext/tt_unlensed}, {@code ext/te_unlensed}, {@code ext/ee_unlensed},
 * {@code ext/pk_lin}, {@code ext/pk_nl}, {@code ext/pk_lin_cb}, {@code ext/pk_nl_cb}, {@code ext/derived},
 * {@code ext/hubble}, {@code ext/angular_distance}. Inputs are named exactly as in the training files
 * ({@code omega_b, omega_cdm, H0, tau_reio, n_s, ln10^{10}A_s}, for {@code ext/…} followed by
 * {@code m_ncdm, N_eff, w0_fld, wa_fld}, plus {@code z} for P(k, z)); their ranges are the training ranges and
 * points outside (or NaN) are rejected unless the options say otherwise.
 *
 * <p>Models are read once and cached; the emulators returned for the default options are cached too.
 * Thread-safe.
 */
public final class BundledModels {
    /** Resource folder of the model files; {@code lcdm/tt} lives at {@code RESOURCE_ROOT + "lcdm/tt.h5"}. */
    public static final String RESOURCE_ROOT = "/org/cosmoemu/models/";

    /** Lensed TT, l(l+1)C_l/2π (dimensionless), ℓ = 2..3000. */
    public static final String LCDM_TT = "lcdm/tt";
    /** Lensed TE, l(l+1)C_l/2π (dimensionless), ℓ = 2..3000. */
    public static final String LCDM_TE = "lcdm/te";
    /** Lensed EE, l(l+1)C_l/2π (dimensionless), ℓ = 2..3000. */
    public static final String LCDM_EE = "lcdm/ee";
    /** Lensed BB (lensing B modes only), l(l+1)C_l/2π (dimensionless), ℓ = 2..3000. */
    public static final String LCDM_BB = "lcdm/bb";
    /** Lensing potential, l(l+1)C_l^φφ/2π (dimensionless), L = 2..3000. */
    public static final String LCDM_PP = "lcdm/pp";
    /** Linear total-matter P(k, z) in (Mpc/h)³, k in h/Mpc, 0 ≤ z ≤ 5 (extra input {@code z}). */
    public static final String LCDM_PK_LIN = "lcdm/pk_lin";
    /** Non-linear (HMcode) total-matter P(k, z) in (Mpc/h)³, k in h/Mpc, 0 ≤ z ≤ 3 (extra input {@code z}). */
    public static final String LCDM_PK_NL = "lcdm/pk_nl";
    /** Derived parameters (σ8, 100θ_s, r_drag, ...), named as in the training file. */
    public static final String LCDM_DERIVED = "lcdm/derived";
    /** H(z)/c in 1/Mpc at z = 0, 0.1, ..., 20. */
    public static final String LCDM_HUBBLE = "lcdm/hubble";
    /** Angular-diameter distance D_A(z) in Mpc at z = 0, 0.1, ..., 20. */
    public static final String LCDM_ANGULAR_DISTANCE = "lcdm/angular_distance";


    /** Lensed TT, l(l+1)C_l/2π (dimensionless), ℓ = 2..5000, beyond ΛCDM (w0, wa, Σmν, N_eff). */
    public static final String EXT_TT = "ext/tt";
    /** Lensed TE, l(l+1)C_l/2π (dimensionless), ℓ = 2..5000, beyond ΛCDM. */
    public static final String EXT_TE = "ext/te";
    /** Lensed EE, l(l+1)C_l/2π (dimensionless), ℓ = 2..5000, beyond ΛCDM. */
    public static final String EXT_EE = "ext/ee";
    /** Lensed BB (lensing B modes only), l(l+1)C_l/2π (dimensionless), ℓ = 2..5000, beyond ΛCDM. */
    public static final String EXT_BB = "ext/bb";
    /** Lensing potential, l(l+1)C_l^φφ/2π (dimensionless), L = 2..5000, beyond ΛCDM. */
    public static final String EXT_PP = "ext/pp";
    /** Unlensed TT, l(l+1)C_l/2π (dimensionless), ℓ = 2..5000, beyond ΛCDM. */
    public static final String EXT_TT_UNLENSED = "ext/tt_unlensed";
    /** Unlensed TE, l(l+1)C_l/2π (dimensionless), ℓ = 2..5000, beyond ΛCDM. */
    public static final String EXT_TE_UNLENSED = "ext/te_unlensed";
    /** Unlensed EE, l(l+1)C_l/2π (dimensionless), ℓ = 2..5000, beyond ΛCDM. */
    public static final String EXT_EE_UNLENSED = "ext/ee_unlensed";
    /** Linear total-matter P(k, z) in (Mpc/h)³, k = 1e-4..50 h/Mpc, 0 ≤ z ≤ 5 (extra input {@code z}), beyond ΛCDM. */
    public static final String EXT_PK_LIN = "ext/pk_lin";
    /** Non-linear (HMcode) total-matter P(k, z) in (Mpc/h)³, k = 1e-4..50 h/Mpc, 0 ≤ z ≤ 5, beyond ΛCDM. */
    public static final String EXT_PK_NL = "ext/pk_nl";
    /** Linear baryon + CDM P_cb(k, z) in (Mpc/h)³, k = 1e-4..50 h/Mpc, 0 ≤ z ≤ 5, beyond ΛCDM. */
    public static final String EXT_PK_LIN_CB = "ext/pk_lin_cb";
    /** Non-linear (HMcode) baryon + CDM P_cb(k, z) in (Mpc/h)³, k = 1e-4..50 h/Mpc, 0 ≤ z ≤ 5, beyond ΛCDM. */
    public static final String EXT_PK_NL_CB = "ext/pk_nl_cb";
    /** Derived parameters (σ8, σ8_cb, 100θ_s, r_drag, ...), named as in the training file, beyond ΛCDM. */
    public static final String EXT_DERIVED = "ext/derived";
    /** H(z)/c in 1/Mpc at z = 0, 0.1, ..., 20, beyond ΛCDM. */
    public static final String EXT_HUBBLE = "ext/hubble";
    /** Angular-diameter distance D_A(z) in Mpc at z = 0, 0.1, ..., 20, beyond ΛCDM. */
    public static final String EXT_ANGULAR_DISTANCE = "ext/angular_distance";

    private static final List<String> NAMES = List.of(LCDM_TT, LCDM_TE, LCDM_EE, LCDM_BB, LCDM_PP, LCDM_PK_LIN,
            LCDM_PK_NL, LCDM_DERIVED, LCDM_HUBBLE, LCDM_ANGULAR_DISTANCE, EXT_TT, EXT_TE, EXT_EE, EXT_BB, EXT_PP,
            EXT_TT_UNLENSED, EXT_TE_UNLENSED, EXT_EE_UNLENSED, EXT_PK_LIN, EXT_PK_NL, EXT_PK_LIN_CB, EXT_PK_NL_CB,
            EXT_DERIVED, EXT_HUBBLE, EXT_ANGULAR_DISTANCE);
    private static final Map<String, NetworkModel> MODELS = new ConcurrentHashMap<>();
    private static final Map<String, Emulator> EMULATORS = new ConcurrentHashMap<>();
    private static final Map<String, ModelHeader> HEADERS = new ConcurrentHashMap<>();
    private static final Lcdm LCDM = new Lcdm();

    private BundledModels() {
    }

    /** {@return every catalogue name, in catalogue order (unmodifiable)} */
    public static List<String> names() {
        return NAMES;
    }

    /** {@return the ΛCDM emulators by observable} */
    public static Lcdm lcdm() {
        return LCDM;
    }

    /**
     * {@return the emulator with {@link EmulatorOptions#defaults()} (cached)}
     *
     * @param name a catalogue name, e.g. {@code lcdm/tt}
     * @throws InvalidOptionException if the name is not in the catalogue (the message lists the names)
     * @throws ModelFormatException   if the bundled file is missing or unreadable
     */
    public static Emulator get(String name) {
        return EMULATORS.computeIfAbsent(checkName(name), n -> Emulators.create(model(n)));
    }

    /**
     * {@return a new emulator over the cached model}
     *
     * @param name    a catalogue name
     * @param options backend, precision and range policy
     * @throws InvalidOptionException if the name is not in the catalogue, or the backend is not on the classpath
     * @throws CosmoEmuException       if the backend cannot be loaded
     * @throws ModelFormatException   if the bundled file is missing or unreadable
     */
    public static Emulator get(String name, EmulatorOptions options) {
        return Emulators.create(model(name), options);
    }

    /**
     * {@return the network, with its provenance (training data, settings, validation metrics) (cached)}
     *
     * @param name a catalogue name
     * @throws InvalidOptionException if the name is not in the catalogue
     * @throws ModelFormatException   if the bundled file is missing or unreadable
     */
    public static NetworkModel model(String name) {
        return MODELS.computeIfAbsent(checkName(name), BundledModels::load);
    }

    /**
     * {@return {@code true} if this build ships a file for it}
     *
     * @param name a catalogue name
     * @throws InvalidOptionException if the name is not in the catalogue
     */
    public static boolean isAvailable(String name) {
        String n = checkName(name);
        return BundledModels.class.getResource(RESOURCE_ROOT + n + ".h5") != null;
    }

    private static String checkName(String name) {
        if (name == null || !NAMES.contains(name)) {
            throw new InvalidOptionException("model", "no bundled model named '" + name + "'; the catalogue has " + NAMES);
        }
        return name;
    }

    private static NetworkModel load(String name) {
        return fromResource(name, ModelFiles::read);
    }

    /**
     * An emulator of a catalogue model whose network loads on first use (see {@link LazyEmulator}); its header is
     * read now. Used by {@link LcdmTheory}, so that a theory costs only the networks its requirements use.
     *
     * @param name    a catalogue name
     * @param options backend, precision and range policy
     * @return the emulator; its network loads through {@link #model(String)} (cached) on first use
     * @throws InvalidOptionException if the name is not in the catalogue, or the backend is not on the classpath
     * @throws ModelFormatException   if the bundled file is missing or its header unreadable
     */
    static Emulator lazy(String name, EmulatorOptions options) {
        ModelHeader header = HEADERS.computeIfAbsent(checkName(name), n -> fromResource(n, ModelFiles::readHeader));
        Emulators.backend(options.backend()); // an unknown backend fails now, not at first use
        return new LazyEmulator(header, new LazyEmulator.Loader(() -> Emulators.create(model(name), options)),
                options.rangePolicy(), options.precision());
    }

    /** Applies {@code reader} to the bundled file of {@code name}, copied out of the jar (jHDF reads files). */
    private static <T> T fromResource(String name, Function<Path, T> reader) {
        String h5 = RESOURCE_ROOT + name + ".h5";
        try (InputStream in = BundledModels.class.getResourceAsStream(h5)) {
            if (in != null) {
                Path tmp = Files.createTempFile("cosmoemu-" + name.replace('/', '-'), ".h5");
                try {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    return reader.apply(tmp);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        } catch (IOException e) {
            throw new ModelFormatException("cannot read bundled model " + h5 + ": " + e.getMessage(), e);
        }
        throw new ModelFormatException("bundled model '" + name + "' is not in this build (no resource " + h5 + ")");
    }

    /** The ΛCDM emulators (default options: cpu backend, float64, out-of-range points rejected). */
    public static final class Lcdm {
        private Lcdm() {
        }

        /** {@return lensed TT, l(l+1)C_l/2π, ℓ = 2..3000} */
        public Emulator tt() {
            return get(LCDM_TT);
        }

        /** {@return lensed TE, l(l+1)C_l/2π, ℓ = 2..3000} */
        public Emulator te() {
            return get(LCDM_TE);
        }

        /** {@return lensed EE, l(l+1)C_l/2π, ℓ = 2..3000} */
        public Emulator ee() {
            return get(LCDM_EE);
        }

        /** {@return lensed BB, l(l+1)C_l/2π, ℓ = 2..3000} */
        public Emulator bb() {
            return get(LCDM_BB);
        }

        /** {@return lensing potential l(l+1)C_l^φφ/2π, L = 2..3000} */
        public Emulator pp() {
            return get(LCDM_PP);
        }

        /** {@return linear P(k, z) in (Mpc/h)³ on the training k grid (h/Mpc), inputs + {@code z} in [0, 5]} */
        public Emulator pkLinear() {
            return get(LCDM_PK_LIN);
        }

        /** {@return non-linear P(k, z) in (Mpc/h)³ on the training k grid (h/Mpc), inputs + {@code z} in [0, 3]} */
        public Emulator pkNonlinear() {
            return get(LCDM_PK_NL);
        }

        /** {@return the derived parameters, a named grid} */
        public Emulator derived() {
            return get(LCDM_DERIVED);
        }

        /** {@return H(z)/c in 1/Mpc on z = 0, 0.1, ..., 20} */
        public Emulator hubble() {
            return get(LCDM_HUBBLE);
        }

        /** {@return D_A(z) in Mpc on z = 0, 0.1, ..., 20} */
        public Emulator angularDistance() {
            return get(LCDM_ANGULAR_DISTANCE);
        }
    }
}
