package org.cosmoemu.likelihoods.planck;

import java.util.List;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.MissingQuantityException;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.NuisanceParameter;
import org.cosmoemu.theory.Requirements;
import org.cosmoemu.theory.Observables;

/**
 * A Gaussian prior on the reionisation optical depth, ln L = −½ ((τ − mean)/σ)² (no constant), read from
 * {@code theory.parameters().get("tau_reio")}. The default N(0.0544, 0.0073²) is the Planck 2018
 * TT,TE,EE+lowE+lensing constraint (Planck 2018 VI, Table 2); it is the documented stand-in for the low-ℓ EE
 * (SimAll) likelihood, whose data file is not distributed with the open data sets, to pair with plik_lite
 * (which by itself barely constrains τ). Immutable, thread-safe and allocation-free.
 */
public final class TauPriorLikelihood implements Likelihood {
    /** Planck 2018 TT,TE,EE+lowE+lensing: τ = 0.0544 ± 0.0073. */
    public static final double PLANCK2018_MEAN = 0.0544;
    /** See {@link #PLANCK2018_MEAN}. */
    public static final double PLANCK2018_SIGMA = 0.0073;
    /** The parameter read from {@link Observables#parameters()}. */
    public static final String TAU = "tau_reio";

    private final double mean;
    private final double sigma;
    private final String name;

    private TauPriorLikelihood(double mean, double sigma) {
        this.mean = mean;
        this.sigma = sigma;
        this.name = "planck2018_tau_prior[mean=" + mean + ",sigma=" + sigma + "]";
    }

    /** {@return the Planck 2018 prior N(0.0544, 0.0073²)} */
    public static TauPriorLikelihood planck2018() {
        return of(PLANCK2018_MEAN, PLANCK2018_SIGMA);
    }

    /**
     * {@return the prior as a likelihood}
     *
     * @param mean  prior mean of τ
     * @param sigma prior standard deviation, &gt; 0
     * @throws InvalidOptionException naming {@code mean} or {@code sigma} unless mean is finite and sigma positive
     *   and finite
     */
    public static TauPriorLikelihood of(double mean, double sigma) {
        if (!Double.isFinite(mean) || !(sigma > 0) || Double.isInfinite(sigma)) {
            throw new InvalidOptionException(Double.isFinite(mean) ? "sigma" : "mean",
                    "tau prior needs a finite mean and sigma > 0, got " + mean + " +- " + sigma);
        }
        return new TauPriorLikelihood(mean, sigma);
    }

    @Override
    public String name() {
        return name;
    }

    /** @return nothing computed: τ is an input parameter, read from {@link Observables#parameters()} */
    @Override
    public Requirements requirements() {
        return Requirements.none();
    }

    @Override
    public List<NuisanceParameter> nuisanceParameters() {
        return List.of();
    }

    /**
     * @throws MissingQuantityException  if the theory's parameters do not include {@code tau_reio}
     * @throws InvalidParameterException if nuisance is not empty
     */
    @Override
    public double logLike(Observables theory, double[] nuisance) {
        if (nuisance.length != 0) {
            throw new InvalidParameterException(null,
                    name + " has no nuisance parameters, got " + nuisance.length + " values");
        }
        Double tau = theory.parameters().get(TAU);
        if (tau == null) {
            throw new MissingQuantityException(name + " needs the parameter '" + TAU
                    + "' in the theory's parameters (have "
                    + theory.parameters().keySet() + ")");
        }
        double d = (tau - mean) / sigma;
        return Likelihood.checkedResult(name(), -0.5 * d * d);
    }
}
