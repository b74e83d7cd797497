package org.cosmoemu.inference;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.ParameterOutOfRangeException;

/**
 * The target of the sampler: ln P(θ) = Σ_i ln prior_i(θ_i) + ln L(θ), with the sampled parameters, their
 * priors and the derived quantities recorded per sample. Immutable; thread-safe when the likelihood
 * function is.
 *
 * <p>Priors are normalised ({@link org.cosmoemu.likelihoods.Prior#logDensity}), so the minus-log-posterior
 * written to chains is −ln L − Σ ln prior up to the likelihood's own constant. Outside a prior's support
 * the likelihood is not called.
 */
public final class Posterior {
    private final List<SampledParameter> parameters;
    private final List<DerivedParameter> derived;
    private final LogLikelihoodFunction likelihood;

    private Posterior(List<SampledParameter> parameters, List<DerivedParameter> derived,
            LogLikelihoodFunction likelihood) {
        this.parameters = parameters;
        this.derived = derived;
        this.likelihood = likelihood;
    }

    /**
     * {@return the posterior}
     *
     * @param parameters the sampled parameters (at least one), in the order the likelihood takes them
     * @param derived    the derived parameters the likelihood fills, in order (may be empty)
     * @param likelihood the log-likelihood function
     * @throws NullPointerException       if an argument is null
     * @throws InvalidParameterException if there are no sampled parameters or two parameters share a name (the
     *   message names it)
     */
    public static Posterior of(List<SampledParameter> parameters, List<DerivedParameter> derived,
            LogLikelihoodFunction likelihood) {
        Objects.requireNonNull(likelihood, "likelihood");
        List<SampledParameter> p = List.copyOf(parameters);
        List<DerivedParameter> d = List.copyOf(derived);
        if (p.isEmpty()) {
            throw new InvalidParameterException(null, "a posterior needs at least one sampled parameter");
        }
        Set<String> seen = new HashSet<>();
        List<String> names = new ArrayList<>();
        p.forEach(x -> names.add(x.name()));
        d.forEach(x -> names.add(x.name()));
        for (String n : names) {
            if (!seen.add(n)) {
                throw new InvalidParameterException(n, "parameter name '" + n + "' is used twice");
            }
        }
        return new Posterior(p, d, likelihood);
    }

    /**
     * {@return the posterior without derived parameters}
     *
     * @param parameters the sampled parameters
     * @param likelihood the log-likelihood function (it fills no derived parameters)
     * @throws InvalidParameterException as {@link #of(List, List, LogLikelihoodFunction)}
     */
    public static Posterior of(List<SampledParameter> parameters, LogLikelihoodFunction likelihood) {
        return of(parameters, List.of(), likelihood);
    }

    /** {@return the sampled parameters, in order} */
    public List<SampledParameter> parameters() {
        return parameters;
    }

    /** {@return the derived parameters, in order} */
    public List<DerivedParameter> derived() {
        return derived;
    }

    /** {@return the number of sampled parameters} */
    public int dimension() {
        return parameters.size();
    }

    /**
     * {@return Σ ln prior_i(θ_i); {@code -Infinity} outside a prior's support or for a NaN coordinate}
     *
     * @param point sampled parameter values in order (not modified)
     * @throws InvalidParameterException if {@code point} has the wrong length
     */
    public double logPrior(double[] point) {
        checkLength(point);
        double s = 0;
        for (int i = 0; i < point.length; i++) {
            double lp = parameters.get(i).prior().logDensity(point[i]);
            if (!(lp > Double.NEGATIVE_INFINITY)) { // -inf or NaN
                return Double.NEGATIVE_INFINITY;
            }
            s += lp;
        }
        return s;
    }

    /**
     * Evaluates ln P = ln prior + ln L; the likelihood is called only inside the prior's support.
     *
     * @param point   sampled parameter values in order (not modified)
     * @param derived output, length {@code derived().size()}: the derived values (all NaN where the point is
     *                ruled out)
     * @return ln P; {@code -Infinity} where the prior or the likelihood rules the point out (NaN from the
     *         likelihood counts as ruled out, and so does a {@link ParameterOutOfRangeException} it throws: an
     *         emulator refusing a point outside its training range)
     * @throws InvalidParameterException if an array has the wrong length
     */
    public double logPosterior(double[] point, double[] derived) {
        if (derived.length != this.derived.size()) {
            throw new InvalidParameterException(null, "derived array has length " + derived.length + ", expected "
                    + this.derived.size());
        }
        java.util.Arrays.fill(derived, Double.NaN);
        double lp = logPrior(point);
        if (lp == Double.NEGATIVE_INFINITY) {
            return lp;
        }
        double ll;
        try {
            ll = likelihood.logLikelihood(point, derived);
        } catch (ParameterOutOfRangeException e) {
            // an emulator refuses a point outside its training box: zero posterior, a rejected step
            java.util.Arrays.fill(derived, Double.NaN);
            return Double.NEGATIVE_INFINITY;
        }
        double post = lp + ll;
        if (Double.isNaN(post) || post == Double.POSITIVE_INFINITY) {
            // NaN means the model failed; +inf would absorb the chain: both are rejected.
            java.util.Arrays.fill(derived, Double.NaN);
            return Double.NEGATIVE_INFINITY;
        }
        return post;
    }

    /**
     * ln P at many points: the priors point by point, the likelihood once for the points inside the priors'
     * support ({@link LogLikelihoodFunction#logLikelihoodBatch}), so that a batched model evaluates each network
     * once per batch.
     *
     * @param points  {@code count × dimension()} values, row-major (not modified)
     * @param count   the number of points, ≥ 0
     * @param out     output: ln P of each point ({@code -Infinity} where ruled out), length ≥ count
     * @param derived output: {@code count × derived().size()} values, row-major (NaN where ruled out)
     * @throws InvalidParameterException if an array is too short
     */
    public void logPosteriorBatch(double[] points, int count, double[] out, double[] derived) {
        int d = parameters.size();
        int nd = this.derived.size();
        if (points.length < count * d || out.length < count || derived.length < count * nd) {
            throw new InvalidParameterException(null, "logPosteriorBatch: arrays too short for " + count + " points of "
                    + d + " parameters and " + nd + " derived values");
        }
        double[] logPrior = new double[count];
        int inside = 0;
        for (int k = 0; k < count; k++) {
            double s = 0;
            for (int i = 0; i < d; i++) {
                double lp = parameters.get(i).prior().logDensity(points[k * d + i]);
                if (!(lp > Double.NEGATIVE_INFINITY)) {
                    s = Double.NEGATIVE_INFINITY;
                    break;
                }
                s += lp;
            }
            logPrior[k] = s;
            if (s > Double.NEGATIVE_INFINITY) {
                inside++;
            }
        }
        java.util.Arrays.fill(derived, 0, count * nd, Double.NaN);
        double[] in = new double[inside * d];
        int[] at = new int[inside];
        int j = 0;
        for (int k = 0; k < count; k++) {
            out[k] = Double.NEGATIVE_INFINITY;
            if (logPrior[k] > Double.NEGATIVE_INFINITY) {
                System.arraycopy(points, k * d, in, j * d, d);
                at[j++] = k;
            }
        }
        if (inside == 0) {
            return;
        }
        double[] ll = new double[inside];
        double[] dv = new double[inside * nd];
        java.util.Arrays.fill(dv, Double.NaN);
        try {
            likelihood.logLikelihoodBatch(in, inside, dv, ll);
        } catch (ParameterOutOfRangeException e) {
            // a batched model that cannot single out the point: evaluate one by one
            double[] one = new double[nd];
            for (int m = 0; m < inside; m++) {
                ll[m] = logPosterior(java.util.Arrays.copyOfRange(in, m * d, (m + 1) * d), one) - logPrior[at[m]];
                System.arraycopy(one, 0, dv, m * nd, nd);
            }
        }
        for (int m = 0; m < inside; m++) {
            double post = logPrior[at[m]] + ll[m];
            if (Double.isNaN(post) || post == Double.POSITIVE_INFINITY || post == Double.NEGATIVE_INFINITY) {
                out[at[m]] = Double.NEGATIVE_INFINITY;
            } else {
                out[at[m]] = post;
                System.arraycopy(dv, m * nd, derived, at[m] * nd, nd);
            }
        }
    }

    private void checkLength(double[] point) {
        if (point.length != parameters.size()) {
            throw new InvalidParameterException(null, "point has " + point.length + " values, the posterior has "
                    + parameters.size() + " parameters " + parameters.stream().map(SampledParameter::name).toList());
        }
    }
}
