package org.cosmoemu.inference.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.likelihoods.LikelihoodDescriptor;
import org.cosmoemu.likelihoods.LikelihoodOption;
import org.cosmoemu.likelihoods.Likelihoods;

/**
 * The {@code likelihood:} block of a cobaya input file, translated to the SDK's likelihoods: each cobaya name
 * and option becomes the SDK's name and option, or is accounted for as ignored (with the reason) or refused
 * (naming the key and what is supported).
 */
final class CobayaLikelihoods {
    /** Options that never change a likelihood's value: accepted anywhere and reported as ignored. */
    static final Map<String, String> INERT = Map.ofEntries(
            Map.entry("speed", "an evaluation-speed hint for cobaya's scheduler"),
            Map.entry("stop_at_error", "cobaya's error handling; the SDK always stops with a named error"),
            Map.entry("type", "a label for grouping chi2 columns; the SDK writes one chi2__NAME column per likelihood"),
            Map.entry("aliases", "cobaya's alternative names"),
            Map.entry("timing", "cobaya's timing report"),
            Map.entry("python_path", "where cobaya finds Python code; the SDK runs no Python"),
            Map.entry("packages_path", "where cobaya's installed data lives; the SDK reads its data directory"),
            Map.entry("path", "where cobaya's installed data lives; the SDK reads its data directory"),
            Map.entry("data_directory", "where cobaya's installed data lives; the SDK reads its data directory"),
            Map.entry("input_params", "cobaya's assignment of parameters; the SDK assigns them by name"),
            Map.entry("output_params", "cobaya's assignment of parameters; the SDK assigns them by name"),
            Map.entry("measure_and_set_speed", "an evaluation-speed hint for cobaya's scheduler"));

    /**
     * What a cobaya likelihood becomes.
     *
     * @param sdkName    the SDK likelihood ({@code act_dr6_lensing}, ...), or {@link #GAUSSIAN} for cobaya's
     *                   built-in Gaussian
     * @param sdkOptions its string options
     * @param gaussian   the Gaussian's settings (null otherwise)
     */
    record Translation(String sdkName, Map<String, String> sdkOptions, YamlValue gaussian) {
    }

    /** The SDK name used for cobaya's built-in {@code gaussian_mixture} likelihood. */
    static final String GAUSSIAN = "gaussian_mixture";

    private CobayaLikelihoods() {
    }

    /**
     * @param key       the name as written in the file, e.g. {@code act_dr6_lenslike.ACTDR6LensLike}
     * @param value     its options (null, a mapping, or something else: refused)
     * @param decisions receives what was done with each key
     * @return the translation
     * @throws InvalidOptionException naming the likelihood or option at fault and what is supported
     */
    static Translation translate(String key, YamlValue value, List<Decision> decisions) {
        if (value.isString()) {
            throw value.error("an external likelihood given as Python code ('" + value.string()
                    + "') cannot run on the JVM; the SDK's likelihoods are " + knownNames());
        }
        Map<String, YamlValue> opts = value.mapOrEmpty();
        String path = value.path();
        String k = key.strip();
        String lower = k.toLowerCase(Locale.ROOT);
        if (lower.equals("gaussian_mixture") || lower.equals("gaussian")) {
            decisions.add(new Decision(path, Decision.Kind.MAPPED, "cobaya's built-in Gaussian likelihood"));
            return new Translation(GAUSSIAN, Map.of(), value);
        }
        if (Likelihoods.names().contains(k)) {
            return sdk(k, opts, path, decisions, Map.of(), "the SDK's likelihood " + k);
        }
        if (lower.startsWith("act_dr6_lenslike")) {
            return act(opts, path, decisions);
        }
        if (lower.startsWith("bao.")) {
            Map<String, String> o = new LinkedHashMap<>();
            o.put("dataset", k);
            for (Map.Entry<String, YamlValue> e : opts.entrySet()) {
                if (!INERT.containsKey(e.getKey())) {
                    throw e.getValue().error("option '" + e.getKey() + "' of " + k + " would change its data or model, "
                            + "which the SDK reads from the named preset; remove it (options accepted and ignored: "
                            + INERT.keySet().stream().sorted().toList() + ")");
                }
            }
            return sdk("bao", inertOnly(opts, path, decisions), path, decisions, o, "the SDK's bao with dataset=" + k);
        }
        switch (k) {
            case "planck_2018_highl_plik.TTTEEE_lite_native", "planck_2018_highl_plik.TTTEEE_lite":
                return sdk("planck2018_plik_lite", inertOnly(opts, path, decisions), path, decisions,
                        Map.of("spectra", "TTTEEE"), "planck2018_plik_lite spectra=TTTEEE" + clikNote(k));
            case "planck_2018_highl_plik.TT_lite_native", "planck_2018_highl_plik.TT_lite":
                return sdk("planck2018_plik_lite", inertOnly(opts, path, decisions), path, decisions,
                        Map.of("spectra", "TT"), "planck2018_plik_lite spectra=TT" + clikNote(k));
            case "planck_2018_lensing.native", "planck_2018_lensing.clik":
                return sdk("planck2018_lensing", inertOnly(opts, path, decisions), path, decisions,
                        Map.of("variant", "native"), "planck2018_lensing variant=native" + clikNote(k));
            case "planck_2018_lensing.CMBMarged":
                return sdk("planck2018_lensing", inertOnly(opts, path, decisions), path, decisions,
                        Map.of("variant", "cmbmarged"), "planck2018_lensing variant=cmbmarged");
            case "planckpr4lensing", "planckpr4lensing.PlanckPR4Lensing":
                return sdk("planck_pr4_lensing", inertOnly(opts, path, decisions), path, decisions,
                        Map.of("variant", "ps1"), "planck_pr4_lensing variant=ps1");
            case "planckpr4lensing.PlanckPR4LensingMarged":
                return sdk("planck_pr4_lensing", inertOnly(opts, path, decisions), path, decisions,
                        Map.of("variant", "cmbmarged"), "planck_pr4_lensing variant=cmbmarged");
            case "planck_2018_lowl.TT", "planck_2018_lowl.TT_clik":
                return sdk("planck2018_lowl_tt", inertOnly(opts, path, decisions), path, decisions, Map.of(),
                        "planck2018_lowl_tt" + clikNote(k));
            case "planck_2018_lowl.EE", "planck_2018_lowl.EE_clik":
                return sdk("planck2018_lowl_ee", inertOnly(opts, path, decisions), path, decisions, Map.of(),
                        "planck2018_lowl_ee" + clikNote(k));
            default:
                break;
        }
        if (lower.startsWith("planck_2018_highl_plik.") || lower.startsWith("planck_2018_highl_camspec")
                || lower.startsWith("planck_nps")) {
            throw value.error("the full Planck high-l likelihood '" + k + "' is not implemented (it needs clik and "
                    + "foreground nuisance models); use planck_2018_highl_plik.TTTEEE_lite_native or TT_lite_native "
                    + "(foreground-marginalised, one nuisance parameter A_planck)");
        }
        throw value.error("unknown likelihood '" + k + "'; the SDK runs " + knownNames());
    }

    /**
     * @param fileName  the likelihood's name in the file
     * @param sdkOption an SDK option of the likelihood it became
     * @return the file's key for that option (cobaya's name where it differs from the SDK's)
     */
    static String fileKey(String fileName, String sdkOption) {
        if (fileName.toLowerCase(Locale.ROOT).startsWith("act_dr6_lenslike")) {
            return switch (sdkOption) {
                case "hartlap" -> "apply_hartlap";
                case "corrections" -> "no_like_corrections";
                default -> sdkOption;
            };
        }
        return sdkOption;
    }

    /** @return the names a file may use, cobaya's and the SDK's */
    static List<String> knownNames() {
        List<String> n = new java.util.ArrayList<>(List.of("act_dr6_lenslike.ACTDR6LensLike", "bao.desi_dr2",
                "bao.desi_dr2.desi_bao_<tracer>", "bao.desi_2024_bao_all", "bao.sdss_dr7_mgs", "bao.sixdf_2011_bao",
                "bao.sdss_dr12_consensus_bao", "bao.sdss_dr12_lrg_bao_dmdh", "bao.sdss_dr16_lrg_bao_dmdh", "bao.<preset>",
                "planck_2018_highl_plik.TTTEEE_lite_native", "planck_2018_highl_plik.TT_lite_native",
                "planck_2018_lensing.native", "planck_2018_lensing.CMBMarged", "planckpr4lensing",
                "planck_2018_lowl.TT", "planck_2018_lowl.EE", "gaussian_mixture"));
        n.addAll(Likelihoods.names());
        return n;
    }

    private static String clikNote(String k) {
        return k.endsWith("_native") || k.endsWith(".native") ? "" : " (cobaya's clik version of the same data and "
                + "likelihood; the SDK's implementation is the native one)";
    }

    private static Map<String, YamlValue> inertOnly(Map<String, YamlValue> opts, String path, List<Decision> decisions) {
        for (Map.Entry<String, YamlValue> e : opts.entrySet()) {
            if (!INERT.containsKey(e.getKey())) {
                throw e.getValue().error("option '" + e.getKey() + "' is not supported here; options accepted and "
                        + "ignored: " + INERT.keySet().stream().sorted().toList());
            }
        }
        return opts;
    }

    /**
     * An SDK likelihood: inert options reported as ignored, the others checked against the likelihood's
     * descriptor (names and values).
     */
    private static Translation sdk(String name, Map<String, YamlValue> opts, String path, List<Decision> decisions,
            Map<String, String> fixed, String what) {
        LikelihoodDescriptor d = Likelihoods.descriptor(name);
        Map<String, String> o = new LinkedHashMap<>(fixed);
        for (Map.Entry<String, YamlValue> e : opts.entrySet()) {
            String ok = e.getKey();
            if (INERT.containsKey(ok)) {
                decisions.add(new Decision(e.getValue().path(), Decision.Kind.IGNORED, INERT.get(ok)));
                continue;
            }
            LikelihoodOption lo = d.option(ok);
            if (lo == null || fixed.containsKey(ok)) {
                throw e.getValue().error("likelihood " + name + " has no option '" + ok + "'; its options: "
                        + d.optionKeys().stream().filter(x -> !fixed.containsKey(x)).toList() + ", and accepted and "
                        + "ignored: " + INERT.keySet().stream().sorted().toList());
            }
            o.put(ok, e.getValue().string());
            decisions.add(new Decision(e.getValue().path(), Decision.Kind.HONOURED, lo.description()));
        }
        decisions.add(new Decision(path, fixed.isEmpty() && name.equals(path.substring(path.indexOf('.') + 1))
                ? Decision.Kind.HONOURED : Decision.Kind.MAPPED, what));
        return new Translation(name, o, null);
    }

    /** cobaya's act_dr6_lenslike.ACTDR6LensLike and its options (defaults as in that class). */
    private static Translation act(Map<String, YamlValue> opts, String path, List<Decision> decisions) {
        Map<String, String> o = new LinkedHashMap<>();
        boolean lensOnly = false; // cobaya's default for ACTDR6LensLike
        boolean noCorrections = false;
        Set<String> handled = Set.of("variant", "lens_only", "nsims_act", "nsims_planck", "no_like_corrections",
                "apply_hartlap", "trim_lmax", "lmax", "version", "limber", "nz", "kmax", "scale_cov", "mock",
                "act_cmb_rescale", "lens_margin");
        for (Map.Entry<String, YamlValue> e : opts.entrySet()) {
            String key = e.getKey();
            YamlValue v = e.getValue();
            if (INERT.containsKey(key)) {
                decisions.add(new Decision(v.path(), Decision.Kind.IGNORED, INERT.get(key)));
                continue;
            }
            switch (key) {
                case "variant" -> {
                    o.put("variant", v.string());
                    decisions.add(new Decision(v.path(), Decision.Kind.HONOURED, "the data combination"));
                }
                case "lens_only" -> lensOnly = v.bool();
                case "no_like_corrections" -> noCorrections = v.bool();
                case "nsims_act", "nsims_planck" -> {
                    o.put(key, Double.toString(v.number()));
                    decisions.add(new Decision(v.path(), Decision.Kind.HONOURED, "the Hartlap factor's number of "
                            + "simulations"));
                }
                case "apply_hartlap" -> {
                    o.put("hartlap", Boolean.toString(v.bool()));
                    decisions.add(new Decision(v.path(), Decision.Kind.MAPPED, "the SDK's option hartlap"));
                }
                case "trim_lmax" -> {
                    if (v.number() != 2998) {
                        throw v.error("trim_lmax = " + v.number() + ": the SDK implements the reference's trim_lmax = "
                                + "2998 only");
                    }
                    decisions.add(new Decision(v.path(), Decision.Kind.HONOURED, "the reference's 2998"));
                }
                case "lmax", "lens_margin" -> decisions.add(new Decision(v.path(), Decision.Kind.IGNORED,
                        "the multipole range requested from a Boltzmann code; the emulators provide C_L up to L = 3000, "
                                + "more than the likelihood reads (L <= 2998)"));
                case "version" -> {
                    if (!v.string().equals("v1.2")) {
                        throw v.error("version " + v.string() + ": the SDK implements act_dr6_lenslike v1.2");
                    }
                    decisions.add(new Decision(v.path(), Decision.Kind.HONOURED, "v1.2"));
                }
                case "limber", "nz", "kmax" -> decisions.add(new Decision(v.path(), Decision.Kind.IGNORED,
                        "settings of the likelihood's own Limber computation of C_L^kk, which the SDK takes from the "
                                + "emulated C_L^phiphi"));
                case "scale_cov" -> {
                    if (v.number() != 1) {
                        throw v.error("scale_cov = " + v.number() + " is not supported (only 1)");
                    }
                    decisions.add(new Decision(v.path(), Decision.Kind.HONOURED, "no rescaling"));
                }
                case "mock", "act_cmb_rescale" -> {
                    if (v.bool()) {
                        throw v.error(key + " = true is not supported");
                    }
                    decisions.add(new Decision(v.path(), Decision.Kind.HONOURED, "false"));
                }
                default -> throw v.error("act_dr6_lenslike.ACTDR6LensLike has no option '" + key + "' the SDK knows; "
                        + "supported: " + handled.stream().sorted().toList() + ", and accepted and ignored: "
                        + INERT.keySet().stream().sorted().toList());
            }
        }
        o.put("lens_only", Boolean.toString(lensOnly));
        String lensPath = path + ".lens_only";
        decisions.add(new Decision(lensPath, opts.containsKey("lens_only") ? Decision.Kind.HONOURED : Decision.Kind.DEFAULTED,
                "lens_only = " + lensOnly + (opts.containsKey("lens_only") ? "" : " (cobaya's default)")));
        if (lensOnly) {
            if (opts.containsKey("no_like_corrections")) {
                decisions.add(new Decision(path + ".no_like_corrections", Decision.Kind.IGNORED,
                        "lens_only forces no likelihood corrections"));
            }
        } else {
            // lens + CMB: the corrections need matrices that are not public; without them the reference's
            // no_like_corrections: true is what the SDK computes.
            o.put("corrections", noCorrections ? "none" : "full");
            decisions.add(new Decision(path + ".no_like_corrections", opts.containsKey("no_like_corrections")
                    ? Decision.Kind.MAPPED : Decision.Kind.DEFAULTED, noCorrections ? "corrections=none"
                    : "corrections=full (cobaya's default), which the SDK refuses: see the error"));
        }
        if (!o.containsKey("nsims_act")) {
            decisions.add(new Decision(path + ".nsims_act", Decision.Kind.DEFAULTED, "792 (cobaya's default)"));
        }
        decisions.add(new Decision(path, Decision.Kind.MAPPED, "the SDK's act_dr6_lensing " + o));
        return new Translation("act_dr6_lensing", o, null);
    }
}
