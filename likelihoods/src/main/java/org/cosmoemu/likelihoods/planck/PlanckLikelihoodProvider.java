package org.cosmoemu.likelihoods.planck;

import java.util.Map;
import java.util.Set;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.LikelihoodProvider;
import org.cosmoemu.likelihoods.Options;

/**
 * Registers the Planck 2018 likelihoods of this package:
 * <ul>
 *   <li>{@code planck2018_plik_lite}: options {@code spectra=TTTEEE|TT} (default TTTEEE),
 *       {@code lowl_tt_bins=true|false} (default false); nuisance {@code A_planck} (default 1);</li>
 *   <li>{@code planck2018_tau_prior}: options {@code mean} (default 0.0544), {@code sigma} (default 0.0073);
 *       reads {@code tau_reio} from the theory's parameters;</li>
 *   <li>{@code planck2018_lowl_tt}, {@code planck2018_lowl_ee}: the native low-ℓ likelihoods, available when
 *       their data files are installed (otherwise a DataFileException says what is missing and where it is
 *       published).</li>
 * </ul>
 */
public final class PlanckLikelihoodProvider implements LikelihoodProvider {
    /** plik_lite. */
    public static final String PLIK_LITE = "planck2018_plik_lite";
    /** The Gaussian τ prior. */
    public static final String TAU_PRIOR = "planck2018_tau_prior";
    /** Native low-ℓ TT (Commander). */
    public static final String LOWL_TT = "planck2018_lowl_tt";
    /** Native low-ℓ EE (SimAll). */
    public static final String LOWL_EE = "planck2018_lowl_ee";

    @Override
    public Set<String> names() {
        return Set.of(PLIK_LITE, TAU_PRIOR, LOWL_TT, LOWL_EE);
    }

    @Override
    public Likelihood create(String name, Map<String, String> options) {
        switch (name) {
            case PLIK_LITE: {
                Options o = Options.of(name, options, "spectra", "lowl_tt_bins");
                PlikLiteLikelihood.Spectra s = PlikLiteLikelihood.Spectra.valueOf(o.string("spectra", "TTTEEE", "TTTEEE", "TT"));
                return PlikLiteLikelihood.of(s, o.bool("lowl_tt_bins", false));
            }
            case TAU_PRIOR: {
                Options o = Options.of(name, options, "mean", "sigma");
                return TauPriorLikelihood.of(o.number("mean", TauPriorLikelihood.PLANCK2018_MEAN),
                        o.number("sigma", TauPriorLikelihood.PLANCK2018_SIGMA));
            }
            case LOWL_TT:
                Options.of(name, options);
                return LowlTtLikelihood.of();
            case LOWL_EE:
                Options.of(name, options);
                return LowlEeLikelihood.of();
            default:
                throw new IllegalArgumentException("PlanckLikelihoodProvider does not create '" + name + "'; it creates "
                        + names());
        }
    }
}
