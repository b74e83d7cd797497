/**
 * Bayesian inference: an adaptive Metropolis MCMC sampler with parallel chains and Gelman–Rubin stopping
 * ({@link org.cosmoemu.inference.Mcmc}, after cobaya's {@code mcmc}), GetDist-format chain files
 * ({@link org.cosmoemu.inference.Chains}, {@link org.cosmoemu.inference.GetDistFiles}) and posterior summaries
 * ({@link org.cosmoemu.inference.PosteriorSummary}).
 *
 * <p>A likelihood plugs in as a {@link org.cosmoemu.inference.LogLikelihoodFunction}:
 * <pre>{@code
 * Posterior posterior = Posterior.of(
 *         List.of(SampledParameter.of("omega_m", Prior.uniform(0.1, 0.5), 0.31, 0.01, 0.01, "\\Omega_{\\rm m}"),
 *                 SampledParameter.of("sigma8", Prior.uniform(0.5, 1.1), 0.81, 0.01, 0.01, "\\sigma_8")),
 *         List.of(DerivedParameter.of("S8", "S_8")),
 *         (theta, derived) -> {
 *             derived[0] = theta[1] * Math.sqrt(theta[0] / 0.3);
 *             return myLikelihood.logLike(theta);          // thread-safe: called from one thread per chain
 *         });
 * McmcResult result = Mcmc.run(posterior, McmcSettings.builder()
 *         .chains(4).seed(1).output(Path.of("chains/run")).resume(true).build());
 * System.out.println(result.summary());                    // means, sd, 68%/95% limits after 30% burn-in
 * }</pre>
 */
package org.cosmoemu.inference;
