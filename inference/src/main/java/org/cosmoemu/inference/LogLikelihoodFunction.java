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
}
