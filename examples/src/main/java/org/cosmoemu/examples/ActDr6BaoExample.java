package org.cosmoemu.examples;

import java.nio.file.Path;
import java.time.Duration;
import org.cosmoemu.inference.ActDr6BaoAnalysis;
import org.cosmoemu.inference.McmcResult;
import org.cosmoemu.inference.Posterior;
import org.cosmoemu.models.LcdmTheory;

/**
 * Example 2 as a Java program: the ACT DR6 lensing + BAO analysis of Madhavacheril et al. (2024) with the
 * bundled emulators, sampled until Gelman–Rubin R−1 &lt; 0.01 (see {@link ActDr6BaoAnalysis} for the
 * likelihoods and priors). The same run from the command line:
 * {@code ./cosmo-emu sample --example act-dr6-bao --output DIR}.
 */
public final class ActDr6BaoExample {
    private ActDr6BaoExample() {
    }

    /** @param args {@code [OUTPUT-ROOT [desi]]}, default {@code chains/act_dr6_bao} with SDSS/6dF BAO */
    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "chains/act_dr6_bao");
        String bao = args.length > 1 && args[1].equals("desi") ? ActDr6BaoAnalysis.DESI_DR2_BAO
                : ActDr6BaoAnalysis.SDSS_6DF_BAO;
        Posterior post = ActDr6BaoAnalysis.posterior(LcdmTheory.bundled(), bao);
        System.out.println(ActDr6BaoAnalysis.priorsStatement(post));
        McmcResult r = ActDr6BaoAnalysis.run(post, out, 4, 1, Duration.ofMinutes(30), true);
        System.out.println(r.summary().toTable());
    }
}
