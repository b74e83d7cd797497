package org.cosmoemu.likelihoods.act;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.cosmoemu.likelihoods.LikelihoodDescriptor;
import org.cosmoemu.likelihoods.LikelihoodOption;
import org.cosmoemu.likelihoods.LikelihoodProvider;
import org.cosmoemu.likelihoods.Options;

/**
 * Makes {@code act_dr6_lensing} available by name, with its string options (the typed equivalent is
 * {@link ActDr6Lensing#builder()}). Data: {@code likelihoods/act_dr6_lenslike} in the data directory (holding
 * {@code v1.2/}, and {@code candl_ACT_DR6_Lens_v1/} for corrections=n1).
 */
public final class ActDr6LensingProvider implements LikelihoodProvider {
    /** The likelihood's name. */
    public static final String NAME = "act_dr6_lensing";

    /** The descriptor: options, defaults and their meaning. */
    static final LikelihoodDescriptor DESCRIPTOR = new LikelihoodDescriptor(NAME,
            "ACT DR6 CMB lensing power spectrum (Madhavacheril et al. 2024, Qu et al. 2024), act_dr6_lenslike v1.2",
            ActDr6Lensing.DATA_SUBDIR + " (" + ActDr6Lensing.SOURCE + ")",
            List.of(
                    LikelihoodOption.choice("variant", ActDr6Lensing.Variant.ACT_BASELINE.id(),
                            Arrays.stream(ActDr6Lensing.Variant.values()).map(ActDr6Lensing.Variant::id).toList(),
                            "data combination: ACT alone or with Planck PR4 bins, baseline (L 40-763) or extended "
                                    + "(L 40-1300) range, or an alternative reconstruction"),
                    LikelihoodOption.bool("lens_only", true, "true: CMB-marginalised covariance, for use without "
                            + "primary-CMB data; false: for combination with CMB power spectra"),
                    LikelihoodOption.number("nsims_act", ActDr6Lensing.DEFAULT_NSIMS_ACT,
                            "ACT simulations behind the covariance (cobaya's default; the official tests use 796)"),
                    LikelihoodOption.number("nsims_planck", ActDr6Lensing.DEFAULT_NSIMS_PLANCK,
                            "Planck simulations behind the covariance (actplanck variants)"),
                    LikelihoodOption.choice("corrections", null,
                            Arrays.stream(ActDr6Lensing.Corrections.values()).map(ActDr6Lensing.Corrections::id).toList(),
                            "likelihood corrections with lens_only=false (required there): none, or n1 (act_baseline, "
                                    + "act_cinpaint); full needs matrices that are not public and is refused"),
                    LikelihoodOption.bool("hartlap", true, "apply the Hartlap factor to the inverse covariance")),
            ActDr6LensingProvider::create);

    /** Creates the provider (ServiceLoader). */
    public ActDr6LensingProvider() {
    }

    @Override
    public List<LikelihoodDescriptor> likelihoods() {
        return List.of(DESCRIPTOR);
    }

    private static ActDr6Lensing create(Options o) {
        ActDr6Lensing.Builder b = ActDr6Lensing.builder().variant(ActDr6Lensing.Variant.fromId(o.string("variant")))
                .lensOnly(o.bool("lens_only")).nsimsAct(o.number("nsims_act")).nsimsPlanck(o.number("nsims_planck"))
                .hartlap(o.bool("hartlap"));
        String corr = o.string("corrections");
        if (corr != null) {
            b.corrections(ActDr6Lensing.Corrections.valueOf(corr.toUpperCase(Locale.ROOT)));
        }
        return b.build();
    }
}
