package org.cosmoemu.likelihoods.planck;

import java.util.List;
import org.cosmoemu.likelihoods.LikelihoodDescriptor;
import org.cosmoemu.likelihoods.LikelihoodOption;
import org.cosmoemu.likelihoods.LikelihoodProvider;

/**
 * Registers the Planck 2018 likelihoods of this package: {@code planck2018_plik_lite} (nuisance
 * {@code A_planck}), the Gaussian {@code planck2018_tau_prior} (reads {@code tau_reio} from the theory's
 * parameters), and the native low-ℓ {@code planck2018_lowl_tt} / {@code planck2018_lowl_ee}, available when
 * their data files are installed (otherwise a DataFileException says what is missing and where it is
 * published). The typed equivalents are {@link PlikLiteLikelihood#of}, {@link TauPriorLikelihood#of},
 * {@link LowlTtLikelihood#of()} and {@link LowlEeLikelihood#of()}.
 */
public final class PlanckLikelihoodProvider implements LikelihoodProvider {
    /** Creates the provider (used by {@link java.util.ServiceLoader}). */
    public PlanckLikelihoodProvider() {
    }

    /** plik_lite. */
    public static final String PLIK_LITE = "planck2018_plik_lite";
    /** The Gaussian τ prior. */
    public static final String TAU_PRIOR = "planck2018_tau_prior";
    /** Native low-ℓ TT (Commander). */
    public static final String LOWL_TT = "planck2018_lowl_tt";
    /** Native low-ℓ EE (SimAll). */
    public static final String LOWL_EE = "planck2018_lowl_ee";

    static final LikelihoodDescriptor PLIK_LITE_DESCRIPTOR = new LikelihoodDescriptor(PLIK_LITE,
            "Planck 2018 high-l plik-lite (foreground-marginalised TT or TT,TE,EE bandpowers), nuisance A_planck",
            PlikLiteLikelihood.DATA_SUBDIR + " (" + PlikLiteLikelihood.SOURCE + ")",
            List.of(LikelihoodOption.choice("spectra", "TTTEEE", List.of("TTTEEE", "TT"), "the spectra used"),
                    LikelihoodOption.bool("lowl_tt_bins", false, "also use the two low-l TT bins (l = 2..29) of "
                            + "plik-lite")),
            o -> PlikLiteLikelihood.of(PlikLiteLikelihood.Spectra.valueOf(o.string("spectra")), o.bool("lowl_tt_bins")));

    static final LikelihoodDescriptor TAU_PRIOR_DESCRIPTOR = new LikelihoodDescriptor(TAU_PRIOR,
            "Gaussian prior on tau_reio, the documented stand-in for Planck's low-l EE likelihood",
            "none (no data file)",
            List.of(LikelihoodOption.number("mean", TauPriorLikelihood.PLANCK2018_MEAN, "mean of tau_reio"),
                    LikelihoodOption.number("sigma", TauPriorLikelihood.PLANCK2018_SIGMA, "standard deviation")),
            o -> TauPriorLikelihood.of(o.number("mean"), o.number("sigma")));

    static final LikelihoodDescriptor LOWL_TT_DESCRIPTOR = new LikelihoodDescriptor(LOWL_TT,
            "Planck 2018 low-l TT (Commander, l = 2..29), native", "likelihoods/planck2018_lowl (Planck Legacy Archive)",
            List.of(), o -> LowlTtLikelihood.of());

    static final LikelihoodDescriptor LOWL_EE_DESCRIPTOR = new LikelihoodDescriptor(LOWL_EE,
            "Planck 2018 low-l EE (SimAll, l = 2..29), native", "likelihoods/planck2018_lowl (Planck Legacy Archive)",
            List.of(), o -> LowlEeLikelihood.of());

    @Override
    public List<LikelihoodDescriptor> likelihoods() {
        return List.of(PLIK_LITE_DESCRIPTOR, TAU_PRIOR_DESCRIPTOR, LOWL_TT_DESCRIPTOR, LOWL_EE_DESCRIPTOR);
    }
}
