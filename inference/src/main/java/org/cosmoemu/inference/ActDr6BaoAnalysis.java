package org.cosmoemu.inference;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.api.ParameterSpace;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.Prior;
import org.cosmoemu.likelihoods.act.ActDr6Lensing;
import org.cosmoemu.likelihoods.bao.BaoLikelihood;
import org.cosmoemu.theory.Requirements;
import org.cosmoemu.models.LcdmTheory;
import org.cosmoemu.theory.EmulatorTheory;
import org.cosmoemu.theory.Observables;

/**
 * The ACT DR6 lensing + BAO analysis of Madhavacheril et al. (2024) with the bundled emulators: ACT DR6
 * lensing (actplanck_baseline, CMB-marginalised, N_sims = 792) plus BAO (by default SDSS DR7 MGS, 6dF,
 * DR12 LRG, DR16 LRG, as the published chains; or DESI DR2), sampled with the SDK's adaptive Metropolis
 * until Gelman–Rubin R−1 &lt; 0.01.
 *
 * <p>Priors as published: n_s ~ N(0.96, 0.02), ω_b ~ N(0.02233, 0.00036), ln(10¹⁰A_s) ~ U[1.61, 4],
 * ω_cdm ~ U[0.005, 0.99], H0 ~ U[40, 100]; the emulators' training box applies too (points outside it
 * have zero posterior), and τ is fixed at 0.055 (CMB lensing and BAO do not constrain it).
 *
 * <p>Run: {@code ./cosmo-emu sample --example act-dr6-bao --output DIR}, or the example program
 * {@code org.cosmoemu.examples.ActDr6BaoExample}.
 */
public final class ActDr6BaoAnalysis {
    /** BAO data sets of the published ACT DR6 lensing + BAO chains. */
    public static final String SDSS_6DF_BAO = "sdss_dr7_mgs,sixdf,sdss_dr12_lrg,sdss_dr16_lrg";
    /** DESI DR2 BAO, all tracers. */
    public static final String DESI_DR2_BAO = "desi_dr2";
    /** τ is fixed: lensing and BAO do not constrain it. */
    public static final double TAU = 0.055;
    /** The priors of the published analysis, before they are cut to the emulators' training box. */
    public static final Map<String, Prior> PUBLISHED_PRIORS = Map.of(
            "ombh2", Prior.gaussian(0.02233, 0.00036), "omch2", Prior.uniform(0.005, 0.99),
            "H0", Prior.uniform(40, 100), "ns", Prior.gaussian(0.96, 0.02), "logA", Prior.uniform(1.61, 4));

    private ActDr6BaoAnalysis() {
    }

    /**
     * Builds the posterior.
     *
     * @param theory the ΛCDM theory (bundled emulators)
     * @param bao    BAO data sets (comma-separated preset names)
     * @return the posterior over (ombh2, omch2, H0, ns, logA) with derived σ8, S8, S8^CMBL, Ω_m, r_drag
     */
    public static Posterior posterior(EmulatorTheory theory, String bao) {
        Likelihood act = ActDr6Lensing.builder().variant(ActDr6Lensing.Variant.ACTPLANCK_BASELINE).lensOnly(true)
                .nsimsAct(792).build();
        Likelihood baoLike = BaoLikelihood.of(bao);
        Requirements req = act.requirements().union(baoLike.requirements())
                .union(Requirements.background("sigma8", "S8", "S8_CMBL", "Omega_m"));
        theory.check(req, "ACT DR6 lensing + BAO");
        ParameterSpace box = theory.parameterSpace();
        String[] inputs = {EmulatorTheory.OMEGA_B, EmulatorTheory.OMEGA_CDM, EmulatorTheory.H0, "n_s",
            EmulatorTheory.LN_AS};
        int[] at = new int[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            at[i] = box.indexOf(inputs[i]);
        }
        int tauAt = box.indexOf("tau_reio");
        Parameter ombh2 = box.get(at[0]);
        Parameter omch2 = box.get(at[1]);
        Parameter h0 = box.get(at[2]);
        Parameter ns = box.get(at[3]);
        Parameter logA = box.get(at[4]);
        // The published priors, cut to the emulators' training box (GetDist's .ranges then show the box).
        List<SampledParameter> sampled = List.of(
                SampledParameter.of("ombh2", cutToBox(PUBLISHED_PRIORS.get("ombh2"), ombh2), 0.02233, 0.0002, 0.0002,
                        "\\Omega_b h^2"),
                SampledParameter.of("omch2", cutToBox(PUBLISHED_PRIORS.get("omch2"), omch2), 0.12, 0.003, 0.003,
                        "\\Omega_c h^2"),
                SampledParameter.of("H0", cutToBox(PUBLISHED_PRIORS.get("H0"), h0), 68, 1, 1, "H_0"),
                SampledParameter.of("ns", cutToBox(PUBLISHED_PRIORS.get("ns"), ns), 0.96, 0.01, 0.01, "n_s"),
                SampledParameter.of("logA", cutToBox(PUBLISHED_PRIORS.get("logA"), logA), 3.05, 0.03, 0.03,
                        "\\log(10^{10} A_s)"));
        List<DerivedParameter> derived = List.of(DerivedParameter.of("sigma8", "\\sigma_8"),
                DerivedParameter.of("S8", "S_8"), DerivedParameter.of("S8_CMBL", "S_8^{\\rm CMBL}"),
                DerivedParameter.of("Omega_m", "\\Omega_{\\rm m}"), DerivedParameter.of("rdrag", "r_{\\rm drag}"));
        String[] derivedNames = {"sigma8", "S8", "S8_CMBL", "Omega_m", Observables.RDRAG};
        return Posterior.of(sampled, derived, (theta, out) -> {
            double[] x = new double[box.dimension()];
            for (int i = 0; i < at.length; i++) {
                x[at[i]] = theta[i];
            }
            x[tauAt] = TAU;
            for (int i = 0; i < x.length; i++) {
                if (!box.get(i).contains(x[i])) {
                    return Double.NEGATIVE_INFINITY; // outside the emulators' training box
                }
            }
            EmulatorTheory.TheoryResult r = theory.compute(x, req);
            for (int i = 0; i < derivedNames.length; i++) {
                out[i] = r.derived(derivedNames[i]);
            }
            return act.logLike(r) + baoLike.logLike(r);
        });
    }

    /**
     * @param published a uniform or Gaussian prior
     * @param box       the emulators' range of the parameter
     * @return the prior restricted to the range: a narrower uniform, or a truncated Gaussian
     */
    private static Prior cutToBox(Prior published, Parameter box) {
        return switch (published) {
            case Prior.Uniform u -> Prior.uniform(Math.max(u.lower(), box.lower()), Math.min(u.upper(), box.upper()));
            case Prior.Gaussian g -> Prior.truncatedGaussian(g.mean(), g.sigma(), box.lower(), box.upper());
            case Prior.TruncatedGaussian t -> Prior.truncatedGaussian(t.mean(), t.sigma(),
                    Math.max(t.lower(), box.lower()), Math.min(t.upper(), box.upper()));
        };
    }

    /**
     * States the priors: for each sampled parameter the published prior and the one applied (the published
     * prior cut to the emulators' training box), and the fixed τ.
     *
     * @param posterior a posterior built by {@link #posterior}
     * @return one line per parameter and a line for τ
     */
    public static String priorsStatement(Posterior posterior) {
        StringBuilder sb = new StringBuilder("priors: published (Madhavacheril et al. 2024), cut to the emulators' "
                + "training box (zero posterior outside it):\n");
        for (SampledParameter p : posterior.parameters()) {
            Prior published = PUBLISHED_PRIORS.get(p.name());
            sb.append(String.format(java.util.Locale.ROOT, "  %-6s published %-22s applied %s%n", p.name(),
                    published == null ? "-" : published.describe(), p.prior().describe()));
        }
        sb.append("  tau_reio fixed at ").append(TAU).append(" (CMB lensing and BAO do not constrain it)");
        return sb.toString();
    }

    /**
     * Runs the chains.
     *
     * @param output  GetDist output root (e.g. {@code DIR/act_dr6_bao})
     * @param bao     BAO data sets
     * @param chains  number of parallel chains
     * @param seed    random seed
     * @param maxTime wall-time limit
     * @param resume  continue existing chains at {@code output}
     * @return the result
     */
    public static McmcResult run(Path output, String bao, int chains, long seed, Duration maxTime, boolean resume) {
        return run(posterior(LcdmTheory.bundled(), bao), output, chains, seed, maxTime, resume);
    }

    /**
     * Runs the chains on a posterior built by {@link #posterior}.
     *
     * @param post    the posterior
     * @param output  GetDist output root (e.g. {@code DIR/act_dr6_bao})
     * @param chains  number of parallel chains
     * @param seed    random seed
     * @param maxTime wall-time limit
     * @param resume  continue existing chains at {@code output}
     * @return the result
     */
    public static McmcResult run(Posterior post, Path output, int chains, long seed, Duration maxTime, boolean resume) {
        return run(post, output, chains, seed, maxTime, resume, false);
    }

    /**
     * Runs the chains on a posterior built by {@link #posterior}, saying what to do with a run already at the
     * output root (see {@link Mcmc}: with neither flag, an existing run is an error).
     *
     * @param post      the posterior
     * @param output    GetDist output root (e.g. {@code DIR/act_dr6_bao})
     * @param chains    number of parallel chains
     * @param seed      random seed
     * @param maxTime   wall-time limit
     * @param resume    continue a run at {@code output} (its settings, seed included, must match)
     * @param overwrite replace a run at {@code output}
     * @return the result
     * @throws org.cosmoemu.api.OutputException if {@code output} holds a run and neither flag allows it, holds a run
     *                                          of other settings to resume, or is in use by another run
     */
    public static McmcResult run(Posterior post, Path output, int chains, long seed, Duration maxTime, boolean resume,
            boolean overwrite) {
        McmcSettings settings = McmcSettings.builder().chains(chains).seed(seed).rMinus1Stop(0.01).maxTime(maxTime)
                .output(output).resume(resume).overwrite(overwrite).build();
        return Mcmc.run(post, settings);
    }
}
