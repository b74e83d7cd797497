package org.cosmoemu.examples;

import java.util.Map;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.act.ActDr6Lensing;
import org.cosmoemu.theory.EmulatorTheory;
import org.cosmoemu.models.LcdmTheory;
import org.cosmoemu.theory.ParameterBases;
import org.cosmoemu.theory.Reparametrisation;

/**
 * The task from the field: "the ACT DR6 lensing log-likelihood at σ8 = 0.8 and Ω_m = 0.31, the other
 * parameters at their Planck 2018 values, adjusting ω_cdm to set Ω_m". A_s is adjusted to set σ8.
 *
 * <p>The same as {@code ./cosmo-emu loglike --likelihood act_dr6_lensing --base planck2018 --set sigma8=0.8
 * --set Omega_m=0.31 --json}.
 */
public final class ActDr6LensingAtSigma8OmegaM {
    private ActDr6LensingAtSigma8OmegaM() {
    }

    /** @param args ignored */
    public static void main(String[] args) {
        EmulatorTheory theory = LcdmTheory.bundled();
        // The typed form of --likelihood act_dr6_lensing (variant act_baseline, lens_only, N_sims 792 are the defaults).
        Likelihood act = ActDr6Lensing.builder().variant(ActDr6Lensing.Variant.ACT_BASELINE).lensOnly(true).build();
        Reparametrisation.Solution solved = Reparametrisation.of(theory)
                .solve(ParameterBases.get(ParameterBases.PLANCK2018), Map.of("sigma8", 0.8, "Omega_m", 0.31));
        double lnL = act.logLike(theory.compute(solved.inputs(), act.requirements()));
        System.out.println("inputs:   " + solved.inputs());
        System.out.println("achieved: " + solved.achieved());
        System.out.printf("%s: lnL = %.6f, chi2 = %.6f%n", act.name(), lnL, -2 * lnL);
    }
}
