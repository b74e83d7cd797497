package org.cosmoemu.likelihoods.act;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cosmoemu.api.DataDirectory;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.LikelihoodProvider;
import org.cosmoemu.likelihoods.Options;

/**
 * Makes {@code act_dr6_lensing} available by name. Options (see {@link ActDr6Lensing} for the meaning):
 * <ul>
 *   <li>{@code variant=} act_baseline (default) | act_extended | actplanck_baseline | actplanck_extended |
 *       act_polonly | act_cibdeproj | act_cinpaint;</li>
 *   <li>{@code lens_only=true|false} (default true);</li>
 *   <li>{@code nsims_act=} (default 792, cobaya's value; the official test values use 796),
 *       {@code nsims_planck=} (default 400);</li>
 *   <li>{@code corrections=none|n1|full} (lens_only=false only, where it must be given; full is refused);</li>
 *   <li>{@code hartlap=true|false} (default true).</li>
 * </ul>
 * Data: {@code likelihoods/act_dr6_lenslike} in the data directory (holding {@code v1.2/}, and
 * {@code candl_ACT_DR6_Lens_v1/} for corrections=n1).
 */
public final class ActDr6LensingProvider implements LikelihoodProvider {
    /** The likelihood's name. */
    public static final String NAME = "act_dr6_lensing";

    /** Creates the provider (ServiceLoader). */
    public ActDr6LensingProvider() {
    }

    @Override
    public Set<String> names() {
        return Set.of(NAME);
    }

    @Override
    public Likelihood create(String name, Map<String, String> options) {
        if (!NAME.equals(name)) {
            throw new IllegalArgumentException("unknown likelihood '" + name + "'; this provider has " + names());
        }
        Options o = Options.of(NAME, options, "variant", "lens_only", "nsims_act", "nsims_planck", "corrections",
                "hartlap");
        String[] variants = Arrays.stream(ActDr6Lensing.Variant.values()).map(ActDr6Lensing.Variant::id)
                .toArray(String[]::new);
        String[] corrections = Arrays.stream(ActDr6Lensing.Corrections.values()).map(ActDr6Lensing.Corrections::id)
                .toArray(String[]::new);
        ActDr6Lensing.Variant variant = ActDr6Lensing.Variant.fromId(o.string("variant", "act_baseline", variants));
        boolean lensOnly = o.bool("lens_only", true);
        double nsimsAct = o.number("nsims_act", ActDr6Lensing.DEFAULT_NSIMS_ACT);
        double nsimsPlanck = o.number("nsims_planck", ActDr6Lensing.DEFAULT_NSIMS_PLANCK);
        String corr = o.string("corrections", null, corrections);
        boolean hartlap = o.bool("hartlap", true);
        ActDr6Lensing.Builder b = ActDr6Lensing.builder().variant(variant).lensOnly(lensOnly).nsimsAct(nsimsAct)
                .nsimsPlanck(nsimsPlanck).hartlap(hartlap);
        if (corr != null) {
            b.corrections(ActDr6Lensing.Corrections.valueOf(corr.toUpperCase(Locale.ROOT)));
        }
        b.check(); // an unsupported combination is reported before the data directory is looked at
        return b.build(DataDirectory.require("likelihoods/act_dr6_lenslike", ActDr6Lensing.SOURCE));
    }
}
