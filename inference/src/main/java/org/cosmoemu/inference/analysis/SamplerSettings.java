package org.cosmoemu.inference.analysis;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.inference.GetDistFiles;
import org.cosmoemu.inference.McmcSettings;

/**
 * The {@code sampler:} block: cobaya's settings of {@code evaluate}, {@code mcmc} and {@code minimize}, each
 * honoured (and mapped onto {@link McmcSettings} or the minimiser) or ignored with the reason.
 */
final class SamplerSettings {
    /** mcmc settings and what they become. */
    private static final Map<String, String> MCMC = new LinkedHashMap<>();
    /** mcmc settings read and ignored, with the reason. */
    private static final Map<String, String> MCMC_IGNORED = new LinkedHashMap<>();
    private static final Map<String, String> MINIMIZE = new LinkedHashMap<>();
    private static final Map<String, String> MINIMIZE_IGNORED = new LinkedHashMap<>();
    private static final Map<String, String> ENSEMBLE = new LinkedHashMap<>();

    static {
        MCMC.put("Rminus1_stop", "stop when Gelman-Rubin R-1 of the means is below this");
        MCMC.put("Rminus1_cl_stop", "... and R-1 of the bounds at Rminus1_cl_level is below this");
        MCMC.put("Rminus1_cl_level", "the level of those bounds");
        MCMC.put("burn_in", "accepted samples dropped at the start of each chain");
        MCMC.put("learn_proposal", "learn the proposal covariance from the chains");
        MCMC.put("learn_proposal_Rminus1_max", "learn it only while R-1 is below this");
        MCMC.put("learn_every", "accepted samples per chain between checks (a number, or N'd': N times the dimension)");
        MCMC.put("covmat", "the initial proposal covariance, a GetDist .covmat file (auto: none)");
        MCMC.put("proposal_scale", "the proposal covariance is (scale^2/d) times the covariance");
        MCMC.put("max_samples", "stop when every chain has this many accepted samples");
        MCMC.put("seed", "the random seed (the run is deterministic given it)");
        MCMC.put("max_tries", "stop with an error when a chain rejects this many proposals in a row");
        MCMC_IGNORED.put("drag", "no fast/slow split: with emulators every parameter costs the same");
        MCMC_IGNORED.put("blocking", "no fast/slow split: with emulators every parameter costs the same");
        MCMC_IGNORED.put("oversample_power", "no fast/slow split: with emulators every parameter costs the same");
        MCMC_IGNORED.put("oversample_thin", "no fast/slow split: with emulators every parameter costs the same");
        MCMC_IGNORED.put("measure_speeds", "no fast/slow split: with emulators every parameter costs the same");
        MCMC_IGNORED.put("output_every", "chains are written as they grow and flushed every few seconds");
        MCMC_IGNORED.put("callback_function", "Python callbacks cannot run on the JVM");
        MCMC_IGNORED.put("callback_every", "Python callbacks cannot run on the JVM");
        MCMC_IGNORED.put("covmat_params", "the .covmat file's own header names its parameters");
        MCMC_IGNORED.put("temperature", "chains sample the posterior itself (temperature 1)");
        MCMC_IGNORED.put("learn_proposal_Rminus1_max_early", "the SDK learns with R-1 < 30 until R-1 first drops below "
                + "learn_proposal_Rminus1_max");
        MCMC_IGNORED.put("learn_proposal_Rminus1_min", "the proposal is learnt whenever R-1 is below the maximum");
        MCMC_IGNORED.put("learn_proposal_update", "the proposal is learnt whenever R-1 is below the maximum");
        MINIMIZE.put("best_of", "the number of starts (from the reference distributions); the best is kept");
        MINIMIZE.put("max_evals", "evaluations per start (a number, or N'd')");
        MINIMIZE.put("ignore_prior", "maximise the likelihood instead of the posterior");
        MINIMIZE.put("method", "bobyqa (the SDK's minimiser: Commons Math BOBYQA)");
        MINIMIZE.put("seed", "the random seed of the starting points");
        ENSEMBLE.put("walkers", "the number of walkers, even (default max(32, 8 d))");
        ENSEMBLE.put("stretch", "the stretch scale a > 1 (emcee's default 2)");
        ENSEMBLE.put("max_steps", "stop after this many steps (each moves every walker once)");
        ENSEMBLE.put("check_every", "steps between autocorrelation-time checks (default 100)");
        ENSEMBLE.put("tau_factor", "stop when the chains are longer than this many autocorrelation times (default 50)");
        ENSEMBLE.put("tau_tolerance", "... and the autocorrelation time changed by less than this, relative (default 0.01)");
        ENSEMBLE.put("seed", "the random seed");
        MINIMIZE_IGNORED.put("confidence_for_unbounded", "BOBYQA needs bounds: unbounded Gaussian priors are "
                + "bounded at +-10 sigma");
        MINIMIZE_IGNORED.put("override_bobyqa", "the SDK's BOBYQA settings are fixed");
        MINIMIZE_IGNORED.put("override_scipy", "the SDK's BOBYQA settings are fixed");
        MINIMIZE_IGNORED.put("covmat", "BOBYQA needs no covariance");
        MINIMIZE_IGNORED.put("covmat_params", "BOBYQA needs no covariance");
    }

    private SamplerSettings() {
    }

    /**
     * Checks every setting's key and value, and accounts for it.
     *
     * @throws InvalidOptionException naming the setting's YAML path
     */
    static void check(Analysis.SamplerKind kind, YamlValue settings, List<Decision> decisions) {
        Map<String, YamlValue> m = settings.mapOrEmpty();
        Map<String, String> honoured = switch (kind) {
            case EVALUATE -> Map.of("override", "the point to evaluate, replacing the references");
            case MCMC -> MCMC;
            case MINIMIZE -> MINIMIZE;
            case ENSEMBLE -> ENSEMBLE;
        };
        Map<String, String> ignored = switch (kind) {
            case EVALUATE, ENSEMBLE -> Map.of();
            case MCMC -> MCMC_IGNORED;
            case MINIMIZE -> MINIMIZE_IGNORED;
        };
        for (Map.Entry<String, YamlValue> e : m.entrySet()) {
            String k = e.getKey();
            YamlValue v = e.getValue();
            if (k.equals("covmat") && v.isString() && v.string().equalsIgnoreCase("auto")) {
                decisions.add(new Decision(v.path(), Decision.Kind.IGNORED, "cobaya's database of covariance matrices "
                        + "is not available: the proposal starts from the proposal widths and is learnt"));
            } else if (honoured.containsKey(k)) {
                validate(kind, k, v);
                decisions.add(new Decision(v.path(), Decision.Kind.HONOURED, honoured.get(k)));
            } else if (ignored.containsKey(k)) {
                decisions.add(new Decision(v.path(), Decision.Kind.IGNORED, ignored.get(k)));
            } else {
                throw v.error("unknown setting '" + k + "' of " + kind.name().toLowerCase(java.util.Locale.ROOT)
                        + "; settings: " + honoured.keySet() + (ignored.isEmpty() ? "" : ", accepted and ignored: "
                        + ignored.keySet()));
            }
        }
        decisions.add(new Decision(settings.path(), Decision.Kind.HONOURED, switch (kind) {
            case EVALUATE -> "one point";
            case MCMC -> "the SDK's adaptive Metropolis (cobaya's mcmc), parallel chains, Gelman-Rubin stopping";
            case MINIMIZE -> "BOBYQA (Commons Math) from several starts";
            case ENSEMBLE -> "the affine-invariant ensemble sampler (stretch move), batched, stopping on the "
                    + "autocorrelation time";
        }));
    }

    private static void validate(Analysis.SamplerKind kind, String k, YamlValue v) {
        switch (k) {
            case "stretch" -> {
                if (!(v.number() > 1)) {
                    throw v.error("stretch must be > 1, got " + v.number());
                }
            }
            case "tau_factor", "tau_tolerance" -> {
                if (!(v.number() > 0)) {
                    throw v.error(k + " must be > 0, got " + v.number());
                }
            }
            case "walkers", "max_steps", "check_every" -> v.count(1);
            case "Rminus1_stop", "Rminus1_cl_stop", "learn_proposal_Rminus1_max", "proposal_scale" -> {
                if (!(v.number() > 0)) {
                    throw v.error(k + " must be > 0, got " + v.number());
                }
            }
            case "Rminus1_cl_level" -> {
                double x = v.number();
                if (!(x > 0 && x < 1)) {
                    throw v.error(k + " must lie in (0, 1), got " + x);
                }
            }
            case "learn_proposal", "ignore_prior" -> v.bool();
            case "burn_in", "max_samples", "learn_every", "max_tries", "best_of", "max_evals", "seed" -> v.count(1);
            case "covmat" -> v.string();
            case "method" -> {
                String s = v.string();
                if (!s.equalsIgnoreCase("bobyqa") && !s.equalsIgnoreCase("scipy")) {
                    throw v.error("method '" + s + "': the SDK minimises with bobyqa");
                }
            }
            case "override" -> v.mapOrEmpty().values().forEach(YamlValue::number);
            default -> {
                // described above, no value check needed
            }
        }
    }

    /**
     * @param settings  the file's mcmc block
     * @param dimension the number of sampled parameters
     * @param names     the sampled parameters, for a covmat file
     * @param base      where relative covmat paths are resolved (the input file's folder)
     * @return a builder with the file's settings (output, chains and resume are the caller's)
     */
    static McmcSettings.Builder mcmc(YamlValue settings, int dimension, List<String> names, Path base) {
        McmcSettings.Builder b = McmcSettings.builder();
        Map<String, YamlValue> m = settings == null ? Map.of() : settings.mapOrEmpty();
        for (Map.Entry<String, YamlValue> e : m.entrySet()) {
            YamlValue v = e.getValue();
            switch (e.getKey()) {
                case "Rminus1_stop" -> b.rMinus1Stop(v.number());
                case "Rminus1_cl_stop" -> b.rMinus1ClStop(v.number());
                case "Rminus1_cl_level" -> b.rMinus1ClLevel(v.number());
                case "burn_in" -> b.burnIn(v.count(dimension));
                case "learn_proposal" -> b.learnProposal(v.bool());
                case "learn_proposal_Rminus1_max" -> b.learnProposalRMinus1Max(v.number());
                case "learn_every" -> b.checkEvery((int) Math.max(1, Math.min(Integer.MAX_VALUE, v.count(dimension))));
                case "proposal_scale" -> b.proposalScale(v.number());
                case "max_samples" -> b.maxSamples(Math.max(1, v.count(dimension)));
                case "seed" -> b.seed(v.count(1));
                case "max_tries" -> b.maxTries(Math.max(1, v.count(dimension)));
                case "covmat" -> {
                    String f = v.string();
                    if (!f.equalsIgnoreCase("auto")) {
                        Path p = base == null ? Path.of(f) : base.resolve(f);
                        b.initialCovariance(GetDistFiles.readCovmat(p, names));
                    }
                }
                default -> {
                    // ignored settings
                }
            }
        }
        return b;
    }

    /**
     * @param settings the file's ensemble block
     * @return the ensemble sampler's settings (output and seed are the caller's)
     */
    static org.cosmoemu.inference.EnsembleSampler.Settings ensemble(YamlValue settings) {
        var s = org.cosmoemu.inference.EnsembleSampler.Settings.defaults();
        Map<String, YamlValue> m = settings == null ? Map.of() : settings.mapOrEmpty();
        int walkers = m.containsKey("walkers") ? (int) m.get("walkers").count(1) : s.walkers();
        double stretch = m.containsKey("stretch") ? m.get("stretch").number() : s.stretch();
        long seed = m.containsKey("seed") ? m.get("seed").count(1) : s.seed();
        int every = m.containsKey("check_every") ? (int) m.get("check_every").count(1) : s.checkEvery();
        double factor = m.containsKey("tau_factor") ? m.get("tau_factor").number() : s.tauFactor();
        double tol = m.containsKey("tau_tolerance") ? m.get("tau_tolerance").number() : s.tauTolerance();
        long steps = m.containsKey("max_steps") ? m.get("max_steps").count(1) : s.maxSteps();
        try {
            return new org.cosmoemu.inference.EnsembleSampler.Settings(walkers, stretch, seed, every, factor, tol, steps,
                    null, null);
        } catch (InvalidOptionException e) {
            throw settings.error(e.getMessage());
        }
    }

    /** @return the settings with every default filled in, for {@code .updated.yaml} */
    static Map<String, Object> withDefaults(Analysis.SamplerKind kind, YamlValue settings, int dimension) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, YamlValue> given = settings == null ? Map.of() : settings.mapOrEmpty();
        switch (kind) {
            case EVALUATE -> m.put("override", given.containsKey("override") ? given.get("override").raw() : Map.of());
            case MCMC -> {
                McmcSettings d = McmcSettings.defaults();
                m.put("Rminus1_stop", d.rMinus1Stop());
                m.put("Rminus1_cl_stop", d.rMinus1ClStop());
                m.put("Rminus1_cl_level", d.rMinus1ClLevel());
                m.put("burn_in", d.burnIn());
                m.put("learn_proposal", d.learnProposal());
                m.put("learn_proposal_Rminus1_max", d.learnProposalRMinus1Max());
                m.put("learn_every", d.checkEvery(Math.max(1, dimension)));
                m.put("covmat", "none");
                m.put("proposal_scale", d.proposalScale());
                m.put("max_samples", "unlimited");
                m.put("max_tries", 40L * Math.max(1, dimension));
                m.put("seed", d.seed());
            }
            case ENSEMBLE -> {
                var d = org.cosmoemu.inference.EnsembleSampler.Settings.defaults();
                m.put("walkers", Math.max(32, 8 * dimension));
                m.put("stretch", d.stretch());
                m.put("max_steps", d.maxSteps());
                m.put("check_every", d.checkEvery());
                m.put("tau_factor", d.tauFactor());
                m.put("tau_tolerance", d.tauTolerance());
                m.put("seed", d.seed());
            }
            case MINIMIZE -> {
                m.put("method", "bobyqa");
                m.put("best_of", 2);
                m.put("max_evals", 2000L * Math.max(1, dimension));
                m.put("ignore_prior", false);
                m.put("seed", 1);
            }
            default -> throw new AssertionError(kind);
        }
        for (Map.Entry<String, YamlValue> e : given.entrySet()) {
            m.put(e.getKey(), e.getValue().raw());
        }
        return m;
    }
}
