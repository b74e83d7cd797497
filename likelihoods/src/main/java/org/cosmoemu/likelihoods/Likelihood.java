package org.cosmoemu.likelihoods;

import java.util.List;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.MissingQuantityException;
import org.cosmoemu.api.NumericalException;
import org.cosmoemu.theory.Observables;
import org.cosmoemu.theory.Requirements;

/**
 * A likelihood of cosmological data given theory predictions. Implementations load and pre-process their
 * data (covariance inverses, binning) once at construction; {@link #logLike} is then cheap, allocation-free
 * and thread-safe.
 *
 * <p>{@code logLike} returns the log-likelihood as the reference implementations define it (usually
 * {@code -χ²/2} without normalisation constant) and does <em>not</em> include the nuisance priors: a
 * sampler adds {@link NuisanceParameter#prior()} itself.
 */
public interface Likelihood {

    /** {@return the name, as on the CLI (e.g. {@code act_dr6_lensing}), with options where they matter} */
    String name();

    /** {@return what this likelihood needs from the theory} */
    Requirements requirements();

    /** {@return the nuisance parameters, in the order {@link #logLike(Observables, double[])} takes them} */
    List<NuisanceParameter> nuisanceParameters();

    /**
     * {@return the log-likelihood; {@code -Infinity} where the data rule the point out entirely (e.g. outside a
     * tabulated likelihood's range)}
     *
     * @param theory   the theory at one point; must satisfy {@link #requirements()}
     * @param nuisance values of {@link #nuisanceParameters()} in order (not modified)
     * @throws InvalidParameterException if {@code nuisance} has the wrong length or a nuisance value is out of its
     *   domain
     * @throws MissingQuantityException  if {@code theory} lacks something required (the message names it)
     * @throws NumericalException        if the theory gives a non-finite result where the likelihood needs a
     *   finite one
     */
    double logLike(Observables theory, double[] nuisance);

    /**
     * The rule every implementation applies to its result: a log-likelihood is finite or {@code -Infinity} (the
     * data rule the point out). NaN or {@code +Infinity} means the theory, the nuisance values or the data were
     * not finite where used; it is an error, never a result.
     *
     * @param likelihood the likelihood's name, for the message
     * @param logLike    the computed log-likelihood
     * @return {@code logLike}
     * @throws NumericalException naming the likelihood if {@code logLike} is NaN or {@code +Infinity}
     */
    static double checkedResult(String likelihood, double logLike) {
        if (Double.isNaN(logLike) || logLike == Double.POSITIVE_INFINITY) {
            throw new NumericalException(likelihood + ": log-likelihood is " + logLike + "; the theory (or a nuisance "
                    + "value) is not finite where the likelihood uses it");
        }
        return logLike;
    }

    /**
     * {@return the log-likelihood with every nuisance parameter at its default value}
     *
     * @param theory the theory at one point
     */
    default double logLike(Observables theory) {
        List<NuisanceParameter> n = nuisanceParameters();
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).defaultValue();
        }
        return logLike(theory, v);
    }

    /**
     * {@return χ² = −2 ln L (for likelihoods without a normalisation constant)}
     *
     * @param theory   the theory at one point
     * @param nuisance nuisance values in order
     */
    default double chi2(Observables theory, double[] nuisance) {
        return -2.0 * logLike(theory, nuisance);
    }
}
