package org.cosmoemu.likelihoods.lensing;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.cosmoemu.api.DataDirectory;
import org.cosmoemu.likelihoods.LikelihoodDescriptor;
import org.cosmoemu.likelihoods.LikelihoodOption;
import org.cosmoemu.likelihoods.LikelihoodProvider;

/**
 * Makes the Planck lensing likelihoods available by name: {@code planck2018_lensing} (cobaya's
 * {@code planck_2018_lensing.native} / {@code CMBMarged}) and {@code planck_pr4_lensing} (the
 * {@code PlanckPR4Lensing} class). The typed equivalents are {@link PlanckLensing#planck2018} and
 * {@link PlanckLensing#pr4}.
 */
public final class PlanckLensingProvider implements LikelihoodProvider {
    /** Name of the Planck 2018 lensing likelihood. */
    public static final String PLANCK_2018 = "planck2018_lensing";
    /** Name of the Planck PR4 lensing likelihood. */
    public static final String PR4 = "planck_pr4_lensing";
    private static final String DIR_2018 = "likelihoods/planck2018_lensing";
    private static final String DIR_PR4 = "likelihoods/planck_pr4_lensing";

    static final LikelihoodDescriptor PLANCK_2018_DESCRIPTOR = new LikelihoodDescriptor(PLANCK_2018,
            "Planck 2018 CMB lensing power spectrum (Planck 2018 VIII)",
            DIR_2018 + " (" + PlanckLensing.PLANCK_2018_SOURCE + ")",
            List.of(LikelihoodOption.choice("variant", "native", List.of("native", "cmbmarged"),
                            "native: with the CMB-dependent normalisation corrections; cmbmarged: CMB-marginalised"),
                    LikelihoodOption.choice("dataset", "consext8", List.of("consext8", "agr2"),
                            "multipole range: conservative 8 <= L <= 400, or aggressive 8 <= L <= 2048")),
            o -> PlanckLensing.planck2018(DataDirectory.require(DIR_2018, PlanckLensing.PLANCK_2018_SOURCE),
                    PlanckLensing.Range2018.valueOf(o.string("dataset").toUpperCase(Locale.ROOT)),
                    o.string("variant").equals("cmbmarged")));

    static final LikelihoodDescriptor PR4_DESCRIPTOR = new LikelihoodDescriptor(PR4,
            "Planck PR4 (NPIPE) CMB lensing power spectrum (Carron et al. 2022)",
            DIR_PR4 + " (" + PlanckLensing.PR4_SOURCE + ")",
            List.of(LikelihoodOption.choice("variant", PlanckLensing.Pr4Variant.values()[0].id(),
                    Arrays.stream(PlanckLensing.Pr4Variant.values()).map(PlanckLensing.Pr4Variant::id).toList(),
                    "ps1: the baseline with normalisation corrections; cmbmarged: CMB-marginalised; polonly: "
                            + "polarisation-only reconstruction")),
            o -> PlanckLensing.pr4(DataDirectory.require(DIR_PR4, PlanckLensing.PR4_SOURCE),
                    Arrays.stream(PlanckLensing.Pr4Variant.values()).filter(x -> x.id().equals(o.string("variant")))
                            .findFirst().orElseThrow()));

    /** Creates the provider (ServiceLoader). */
    public PlanckLensingProvider() {
    }

    @Override
    public List<LikelihoodDescriptor> likelihoods() {
        return List.of(PLANCK_2018_DESCRIPTOR, PR4_DESCRIPTOR);
    }
}
