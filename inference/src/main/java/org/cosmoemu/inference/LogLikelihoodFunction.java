package org.cosmoemu.inference;

/**
 * The user's model: ln L at a parameter point, plus the derived quantities to record there. This is where
 * a likelihood (for example an {@link org.cosmoemu.likelihoods.Likelihood} fed by an emulator) plugs into
 * the sampler.
 *
 * <p>The sampler calls it concurrently from one thread per chain, each with its own arrays, so an
 * implementation must be thread-safe (keep per-call scratch in {@link ThreadLocal}s or locals).
 */
@FunctionalInterface
public interface LogLikelihoodFunction {

    /**
     * {@return ln L (any additive constant); {@code -Infinity} or NaN where the point is ruled out (the sampler rejects
     * it)}
     *
     * @param point   the sampled parameters, in the order of {@link Posterior#parameters()}; read only, and not
     *   to be kept after the call (the sampler reuses the array)
     * @param derived output: the derived parameters, in the order of {@link Posterior#derived()}; entries left
     *   unset are recorded as NaN
     */
    double logLikelihood(double[] point, double[] derived);

    /**
     * ln L at many points at once. The default evaluates them one by one; a model that can share work across
     * points (one forward pass of each network for the whole batch) overrides it.
     *
     * @param points  {@code count} points, row-major ({@code count × dimension}); read only
     * @param count   the number of points
     * @param derived output: {@code count × derived} values, row-major (entries left unset are recorded as NaN)
     * @param out     output: ln L of each point ({@code -Infinity} or NaN where ruled out)
     */
    default void logLikelihoodBatch(double[] points, int count, double[] derived, double[] out) {
        int d = points.length / Math.max(1, count);
        int nd = derived.length / Math.max(1, count);
        double[] p = new double[d];
        double[] q = new double[nd];
        for (int k = 0; k < count; k++) {
            System.arraycopy(points, k * d, p, 0, d);
            java.util.Arrays.fill(q, Double.NaN);
            out[k] = logLikelihood(p, q);
            System.arraycopy(q, 0, derived, k * nd, nd);
        }
    }
}
