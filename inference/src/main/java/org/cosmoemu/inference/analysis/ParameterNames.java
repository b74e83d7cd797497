package org.cosmoemu.inference.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * How the parameter names of cobaya input files (CAMB's and CLASS's) map onto the bundled theory: the
 * emulators' inputs ({@code omega_b, omega_cdm, H0, tau_reio, n_s, ln10^{10}A_s}), the quantities the SDK
 * sets by solving for an input (σ8, Ω_m, θ), the physics the ΛCDM family fixes (Σmν, N_eff, w, ...), and
 * the derived quantities it provides.
 */
final class ParameterNames {
    private ParameterNames() {
    }

    /**
     * A file name for an emulator input.
     *
     * @param theoryName the emulator input
     * @param toTheory   file value → input value
     * @param fromTheory input value → file value
     * @param how        how the value is converted, for the report ({@code ""} when it is the same quantity)
     */
    record Input(String theoryName, DoubleUnaryOperator toTheory, DoubleUnaryOperator fromTheory, String how) {
    }

    /**
     * A file name for a quantity the theory computes, set by solving for the input that controls it.
     *
     * @param theoryName the theory's derived quantity ({@code sigma8}, {@code Omega_m}, {@code 100theta_star}, ...)
     * @param scale      file value × scale = the theory's quantity
     * @param note       a caveat for the report ({@code ""} when the quantity is exactly the file's)
     */
    record Target(String theoryName, double scale, String note) {
    }

    /**
     * Physics the ΛCDM family fixes; a file may restate it, but not change it.
     *
     * @param value     the value in the training data
     * @param tolerance how far a stated value may differ and still count as the same
     * @param meaning   what it is, for messages
     */
    record Fixed(double value, double tolerance, String meaning) {
    }

    private static final DoubleUnaryOperator SAME = DoubleUnaryOperator.identity();
    private static final Map<String, Input> INPUTS = new LinkedHashMap<>();
    /** File names of the inputs only the extended family ({@code ext/…}) has: Σmν, N_eff, w0, wa. */
    private static final Map<String, Input> EXT_INPUTS = new LinkedHashMap<>();
    private static final Map<String, Target> TARGETS = new LinkedHashMap<>();
    private static final Map<String, Fixed> FIXED = new LinkedHashMap<>();
    private static final Map<String, String> DERIVED = new LinkedHashMap<>();

    static {
        for (String n : new String[] {"omega_b", "ombh2", "omegabh2"}) {
            INPUTS.put(n, new Input("omega_b", SAME, SAME, ""));
        }
        for (String n : new String[] {"omega_cdm", "omch2", "omegach2"}) {
            INPUTS.put(n, new Input("omega_cdm", SAME, SAME, ""));
        }
        INPUTS.put("H0", new Input("H0", SAME, SAME, ""));
        INPUTS.put("h", new Input("H0", v -> 100 * v, v -> v / 100, "H0 = 100 h"));
        for (String n : new String[] {"tau_reio", "tau"}) {
            INPUTS.put(n, new Input("tau_reio", SAME, SAME, ""));
        }
        for (String n : new String[] {"n_s", "ns"}) {
            INPUTS.put(n, new Input("n_s", SAME, SAME, ""));
        }
        for (String n : new String[] {"ln10^{10}A_s", "logA", "ln_A_s_1e10", "ln10^10A_s"}) {
            INPUTS.put(n, new Input("ln10^{10}A_s", SAME, SAME, ""));
        }
        for (String n : new String[] {"As", "A_s"}) {
            INPUTS.put(n, new Input("ln10^{10}A_s", v -> Math.log(1e10 * v), v -> 1e-10 * Math.exp(v),
                    "ln10^{10}A_s = ln(1e10 A_s)"));
        }

        for (String n : new String[] {"mnu", "m_ncdm"}) {
            EXT_INPUTS.put(n, new Input("m_ncdm", SAME, SAME, ""));
        }
        for (String n : new String[] {"nnu", "N_eff", "Neff"}) {
            EXT_INPUTS.put(n, new Input("N_eff", SAME, SAME, ""));
        }
        EXT_INPUTS.put("N_ur", new Input("N_eff", v -> v + org.cosmoemu.theory.CplBackground.N_EFF_MASSIVE,
                v -> v - org.cosmoemu.theory.CplBackground.N_EFF_MASSIVE, "N_eff = N_ur + "
                + org.cosmoemu.theory.CplBackground.N_EFF_MASSIVE + ", the massive species' share"));
        for (String n : new String[] {"w", "w0", "w0_fld"}) {
            EXT_INPUTS.put(n, new Input("w0_fld", SAME, SAME, ""));
        }
        for (String n : new String[] {"wa", "wa_fld"}) {
            EXT_INPUTS.put(n, new Input("wa_fld", SAME, SAME, ""));
        }

        TARGETS.put("sigma8", new Target("sigma8", 1, ""));
        TARGETS.put("S8", new Target("S8", 1, ""));
        TARGETS.put("S8_CMBL", new Target("S8_CMBL", 1, ""));
        TARGETS.put("Omega_m", new Target("Omega_m", 1, ""));
        TARGETS.put("omegam", new Target("Omega_m", 1, ""));
        TARGETS.put("100theta_star", new Target("100theta_star", 1, ""));
        TARGETS.put("100*theta_star", new Target("100theta_star", 1, ""));
        TARGETS.put("theta_star_100", new Target("100theta_star", 1, ""));
        String mc = "CAMB's theta_MC is an approximation to the angular size of the sound horizon at last scattering; "
                + "the SDK sets the exact 100θ* (the two differ by about 3e-4 relative)";
        TARGETS.put("theta_MC_100", new Target("100theta_star", 1, mc));
        TARGETS.put("cosmomc_theta", new Target("100theta_star", 100, mc));
        TARGETS.put("100*theta_s", new Target("100theta_s", 1, ""));
        TARGETS.put("100theta_s", new Target("100theta_s", 1, ""));
        TARGETS.put("theta_s_1e2", new Target("100theta_s", 1, ""));
        TARGETS.put("theta_s_100", new Target("100theta_s", 1, ""));

        Fixed mnu = new Fixed(0.06, 1e-4, "the sum of neutrino masses in eV (one massive species)");
        FIXED.put("mnu", mnu);
        FIXED.put("m_ncdm", mnu);
        Fixed neff = new Fixed(3.046, 0.005, "the effective number of relativistic species N_eff");
        FIXED.put("nnu", neff);
        FIXED.put("N_eff", neff);
        FIXED.put("Neff", neff);
        FIXED.put("N_ur", new Fixed(2.0328, 0.001, "the massless neutrino species N_ur"));
        FIXED.put("num_massive_neutrinos", new Fixed(1, 0, "the number of massive neutrino species"));
        FIXED.put("N_ncdm", new Fixed(1, 0, "the number of massive neutrino species"));
        Fixed w = new Fixed(-1, 0, "the dark-energy equation of state w0");
        FIXED.put("w", w);
        FIXED.put("w0_fld", w);
        FIXED.put("w0", w);
        Fixed wa = new Fixed(0, 0, "the dark-energy evolution wa");
        FIXED.put("wa", wa);
        FIXED.put("wa_fld", wa);
        Fixed omk = new Fixed(0, 0, "the curvature Omega_k (the emulators are for a flat universe)");
        FIXED.put("omk", omk);
        FIXED.put("Omega_k", omk);
        FIXED.put("T_cmb", new Fixed(2.7255, 1e-4, "the CMB temperature in K"));
        FIXED.put("TCMB", new Fixed(2.7255, 1e-4, "the CMB temperature in K"));
        FIXED.put("nrun", new Fixed(0, 0, "the running of the spectral index"));
        FIXED.put("alpha_s", new Fixed(0, 0, "the running of the spectral index"));
        FIXED.put("r", new Fixed(0, 0, "the tensor-to-scalar ratio"));

        DERIVED.put("omegam", "Omega_m");
        DERIVED.put("omegamh2", "omega_m");
        DERIVED.put("rdrag", "rs_drag_Mpc");
        DERIVED.put("rs_drag", "rs_drag_Mpc");
        DERIVED.put("r_drag", "rs_drag_Mpc");
        DERIVED.put("thetastar", "100theta_star");
        DERIVED.put("100*theta_star", "100theta_star");
        DERIVED.put("theta_star_100", "100theta_star");
        DERIVED.put("100*theta_s", "100theta_s");
        DERIVED.put("theta_s_100", "100theta_s");
        DERIVED.put("theta_s_1e2", "100theta_s");
        DERIVED.put("zstar", "z_star");
        DERIVED.put("zdrag", "z_drag");
        DERIVED.put("zre", "z_reio");
        DERIVED.put("zrec", "z_rec");
        DERIVED.put("age", "age_Gyr");
        DERIVED.put("Neff", "N_eff");
        DERIVED.put("rs_rec", "rs_rec_Mpc");
    }

    /**
     * @param name a parameter name of the file
     * @return the emulator input it sets, or {@code null}
     */
    static Input input(String name) {
        return INPUTS.get(name);
    }

    /**
     * @param name a parameter name of the file
     * @param ext  whether the theory is the extended family (Σmν, N_eff, w0, wa are inputs there)
     * @return the emulator input it sets in that family, or {@code null}
     */
    static Input input(String name, boolean ext) {
        Input in = INPUTS.get(name);
        return in == null && ext ? EXT_INPUTS.get(name) : in;
    }

    /**
     * @param name a parameter name of the file
     * @return the extended family's input it sets (Σmν, N_eff, w0, wa), or {@code null}
     */
    static Input extInput(String name) {
        return EXT_INPUTS.get(name);
    }

    /**
     * @param name a parameter or extra_args name of the file
     * @param ext  whether the theory is the extended family
     * @return the physics that family fixes under that name, or {@code null} (the extended family frees Σmν, N_eff,
     *         w0 and wa)
     */
    static Fixed fixed(String name, boolean ext) {
        return ext && EXT_INPUTS.containsKey(name) ? null : FIXED.get(name);
    }

    /**
     * @param name a parameter name of the file
     * @return the theory quantity it sets by solving, or {@code null}
     */
    static Target target(String name) {
        return TARGETS.get(name);
    }

    /**
     * @param name a parameter or extra_args name of the file
     * @return the physics the ΛCDM family fixes under that name, or {@code null}
     */
    static Fixed fixed(String name) {
        return FIXED.get(name);
    }

    /**
     * @param name a derived-parameter name of the file
     * @return the theory's name for it (the name itself when there is no alias)
     */
    static String derived(String name) {
        return DERIVED.getOrDefault(name, name);
    }

    /** @return every file name of an emulator input */
    static java.util.Set<String> inputNames() {
        return INPUTS.keySet();
    }

    /**
     * @param ext whether the theory is the extended family
     * @return every file name of an emulator input of that family
     */
    static java.util.Set<String> inputNames(boolean ext) {
        if (!ext) {
            return INPUTS.keySet();
        }
        java.util.Set<String> all = new java.util.LinkedHashSet<>(INPUTS.keySet());
        all.addAll(EXT_INPUTS.keySet());
        return all;
    }

    /** @return every file name of a solvable quantity */
    static java.util.Set<String> targetNames() {
        return TARGETS.keySet();
    }
}
