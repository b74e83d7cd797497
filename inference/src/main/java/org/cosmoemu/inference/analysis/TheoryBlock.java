package org.cosmoemu.inference.analysis;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code theory:} block of a cobaya input file: every Boltzmann-code block ({@code camb}, {@code classy},
 * {@code classy_sz...}) is answered by the bundled emulators, and every {@code extra_args} key is accounted for:
 * honoured where it matches what the emulators were trained on, ignored (with the reason) where it cannot
 * change the result, refused where it asks for physics the bundled family does not have.
 */
final class TheoryBlock {
    private static final String ACCURACY = "an accuracy or output setting of the Boltzmann code; the emulators' "
            + "accuracy is fixed by their training (models/ACCURACY.md)";
    private static final Set<String> BOLTZMANN = Set.of("camb", "classy");
    private static final Set<String> COMPONENT_KEYS = Set.of("stop_at_error", "speed", "path", "packages_path",
            "python_path", "ignore_obsolete", "use_renames", "renames", "input_params", "output_params", "version");
    /** Keys known to be accuracy or output settings (CAMB and CLASS). */
    private static final Set<String> ACCURACY_KEYS = Set.of("lmax", "lens_margin", "kmax", "k_per_logint",
            "AccuracyBoost", "lSampleBoost", "lAccuracyBoost", "DoLateRadTruncation", "accurate_massive_neutrino_transfers",
            "min_l_logl_sampling", "l_max_scalars", "P_k_max_h/Mpc", "P_k_max_1/Mpc", "z_max_pk", "output",
            "l_sampling_linstep", "perturbations_sampling_stepsize", "k_min_tau0", "k_max_tau0_over_l_max",
            "accurate_lensing", "delta_l_max", "num_mu_minus_lmax", "tight_coupling_trigger_tau_c_over_tau_h",
            "transfer_neglect_delta_k_S_t0", "transfer_neglect_delta_k_S_t1", "transfer_neglect_delta_k_S_t2",
            "transfer_neglect_delta_k_S_e", "start_small_k_at_tau_c_over_tau_h", "tol_background_integration",
            "tol_perturb_integration", "hyper_flat_approximation_nu", "q_linstep",
            "WantTransfer", "WantCls", "Want_CMB", "Want_CMB_lensing", "want_zdrag", "want_zstar", "Transfer.high_precision",
            "recombination_model", "nonlinear_min_k_max", "ncdm_fluid_approximation", "ncdm_fluid_trigger_tau_over_tau_k",
            "l_switch_limber", "l_logstep", "l_linstep", "use_class_sz_fast_mode", "n_m_dndlnM", "n_z_dndlnM",
            "ndim_redshifts", "skip_background_and_thermo", "cosmo_model", "lensing");

    private TheoryBlock() {
    }

    /** The SDK's own theory block: {@code cosmo_emu: {precision: float32, backend: cpu}}. */
    static final Set<String> OWN = Set.of("cosmo_emu", "cosmo-emu", "cosmoemu");

    /**
     * @param theory    the block (null when absent)
     * @param decisions receives what was done with each key
     * @param options   the emulators' options to start from (the SDK's block changes them)
     * @param family    receives the model family the SDK's block names ({@code family: lcdm|ext})
     * @return the emulators' options
     * @throws org.cosmoemu.api.InvalidOptionException naming the key at fault
     */
    static org.cosmoemu.api.EmulatorOptions read(YamlValue theory, List<Decision> decisions,
            org.cosmoemu.api.EmulatorOptions options, java.util.function.Consumer<org.cosmoemu.models.ModelFamily> family) {
        if (theory == null || theory.isNull()) {
            decisions.add(new Decision("theory", Decision.Kind.DEFAULTED, "the bundled emulators (the family follows "
                    + "from the parameters, see below) and the exact background"));
            return options;
        }
        for (Map.Entry<String, YamlValue> e : theory.map().entrySet()) {
            String name = e.getKey();
            YamlValue block = e.getValue();
            String lower = name.toLowerCase(Locale.ROOT);
            if (OWN.contains(lower)) {
                for (Map.Entry<String, YamlValue> o : block.mapOrEmpty().entrySet()) {
                    YamlValue v = o.getValue();
                    switch (o.getKey()) {
                        case "precision" -> {
                            try {
                                options = options.withPrecision(org.cosmoemu.api.Precision.parse(v.string()));
                            } catch (org.cosmoemu.api.CosmoEmuException ex) {
                                throw v.error(ex.getMessage());
                            }
                            decisions.add(new Decision(v.path(), Decision.Kind.HONOURED, "the emulators' weights and "
                                    + "arithmetic: " + options.precision()));
                        }
                        case "backend" -> {
                            options = options.withBackend(v.string());
                            decisions.add(new Decision(v.path(), Decision.Kind.HONOURED, "the emulators' backend: "
                                    + options.backend()));
                        }
                        case "family" -> {
                            org.cosmoemu.models.ModelFamily f;
                            try {
                                f = org.cosmoemu.models.ModelFamily.parse(v.string());
                            } catch (org.cosmoemu.api.CosmoEmuException ex) {
                                throw v.error(ex.getMessage());
                            }
                            family.accept(f);
                            decisions.add(new Decision(v.path(), Decision.Kind.HONOURED, "the bundled model family: "
                                    + f.token() + " (" + f.token() + "/...)"));
                        }
                        default -> throw v.error("the cosmo_emu theory block has no setting '" + o.getKey()
                                + "'; settings: precision (float64|float32), backend (cpu|nd4j), family (lcdm|ext)");
                    }
                }
                continue;
            }
            boolean known = BOLTZMANN.contains(lower) || lower.startsWith("classy_sz") || lower.startsWith("cosmopower");
            if (!known) {
                throw block.error("theory '" + name + "' is not one the SDK answers; it replaces camb, classy and "
                        + "classy_sz(fast) with the bundled emulators");
            }
            decisions.add(new Decision(block.path(), Decision.Kind.MAPPED, "answered by the bundled emulators "
                    + "(lcdm/... or ext/..., trained on CLASS v3.3.4, HMcode lensing) and the exact background"));
            for (Map.Entry<String, YamlValue> o : block.mapOrEmpty().entrySet()) {
                String key = o.getKey();
                YamlValue v = o.getValue();
                if (key.equals("extra_args")) {
                    for (Map.Entry<String, YamlValue> a : v.mapOrEmpty().entrySet()) {
                        decisions.add(extraArg(lower, a.getKey(), a.getValue()));
                    }
                } else if (COMPONENT_KEYS.contains(key)) {
                    decisions.add(new Decision(v.path(), Decision.Kind.IGNORED, "a setting of cobaya's " + name
                            + " wrapper; the SDK runs no Boltzmann code"));
                } else {
                    decisions.add(new Decision(v.path(), Decision.Kind.IGNORED, "an option of " + name
                            + " the SDK does not use: the emulators need no Boltzmann-code settings"));
                }
            }
        }
        return options;
    }

    /** One {@code extra_args} key. */
    private static Decision extraArg(String code, String key, YamlValue v) {
        String path = v.path();
        ParameterNames.Fixed fixed = ParameterNames.fixed(key);
        if (fixed != null) {
            if (!v.isNumber()) {
                throw v.error("expected a number for " + fixed.meaning());
            }
            double x = v.number();
            if (Math.abs(x - fixed.value()) > fixed.tolerance()) {
                throw v.error(key + " = " + x + " changes " + fixed.meaning() + ", which the bundled ΛCDM emulators fix "
                        + "at " + fixed.value() + " (their training data)");
            }
            return new Decision(path, Decision.Kind.HONOURED, "matches the training (" + fixed.meaning() + " = "
                    + fixed.value() + ")");
        }
        switch (key) {
            case "halofit_version", "non_linear", "non linear", "NonLinear", "nonlinear" -> {
                String s = v.isNull() ? "" : v.string().toLowerCase(Locale.ROOT);
                if (s.contains("mead") || s.contains("hmcode") || s.contains("nonlinear_lens") || s.contains("both")
                        || s.equals("true")) {
                    return new Decision(path, Decision.Kind.HONOURED, "matches the training: non-linear (HMcode) lensing");
                }
                return new Decision(path, Decision.Kind.IGNORED, "the emulators were trained with HMcode non-linear "
                        + "lensing and cannot switch to '" + v.string() + "'; results follow HMcode");
            }
            case "lens_potential_accuracy" -> {
                return new Decision(path, Decision.Kind.HONOURED, "the training spectra are lensed with non-linear "
                        + "lensing at CLASS's default precision; the emulators' lensing accuracy is in models/ACCURACY.md");
            }
            case "theta_H0_range" -> {
                return new Decision(path, Decision.Kind.HONOURED, "θ is solved for H0 within the emulators' training "
                        + "range (H0 in [58, 78]), inside this range");
            }
            case "bbn_predictor", "sBBN file", "YHe" -> {
                if (key.equals("YHe") && v.isNumber()) {
                    throw v.error("YHe = " + v.number() + ": the training data take Y_He from BBN; a fixed Y_He is "
                            + "outside the bundled family");
                }
                return new Decision(path, Decision.Kind.IGNORED, "the training takes Y_He from BBN (CLASS's table); "
                        + "another BBN table moves Y_He by ~1e-4, below the emulators' accuracy");
            }
            case "dark_energy_model" -> {
                return new Decision(path, Decision.Kind.IGNORED, "with w = -1 (ΛCDM) the dark-energy model has no effect; "
                        + "the ext family's w0-wa fluid has PPF perturbations, as CAMB's ppf and CLASS's use_ppf");
            }
            case "Omega_Lambda", "omega_de" -> {
                return new Decision(path, Decision.Kind.IGNORED, "flat ΛCDM: Ω_Λ follows from the other parameters");
            }
            default -> {
                if (ACCURACY_KEYS.contains(key) || key.startsWith("tol_") || key.contains("accuracy") || key.contains("Boost")
                        || key.contains("sampling")) {
                    return new Decision(path, Decision.Kind.IGNORED, ACCURACY);
                }
                return new Decision(path, Decision.Kind.IGNORED, "not a setting the SDK knows for " + code + "; the "
                        + "bundled emulators were trained with fixed physics (flat ΛCDM, one 0.06 eV neutrino, HMcode "
                        + "lensing): check that it changes none of that");
            }
        }
    }
}
