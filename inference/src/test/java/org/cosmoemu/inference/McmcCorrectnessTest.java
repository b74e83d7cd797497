package org.cosmoemu.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cosmoemu.likelihoods.Prior;
import org.junit.jupiter.api.Test;

/**
 * The sampler recovers known posteriors: means and covariances of a correlated 2-D Gaussian and of a
 * banana-shaped target agree with their analytic values within 4 Monte Carlo standard errors (batch means
 * over the chains after 30% burn-in), R−1 converges below 0.01, and points outside the prior or with
 * −∞/NaN likelihood are never accepted. Fixed seeds; each run takes well under a second.
 */
class McmcCorrectnessTest {

    // Correlated Gaussian: means, standard deviations and correlation.
    static final double MX = 0.3;
    static final double MY = -1.2;
    static final double SX = 1.0;
    static final double SY = 0.5;
    static final double RHO = 0.8;

    static Posterior gaussian() {
        double det = 1 - RHO * RHO;
        return Posterior.of(List.of(
                SampledParameter.of("x", Prior.uniform(-10, 10), 0, 0.5, 1.0, "x"),
                SampledParameter.of("y", Prior.uniform(-10, 10), 0, 0.5, 1.0, "y")),
                (p, d) -> {
                    double u = (p[0] - MX) / SX;
                    double v = (p[1] - MY) / SY;
                    return -0.5 * (u * u - 2 * RHO * u * v + v * v) / det;
                });
    }

    static void assertWithin(MonteCarloError.Estimate e, double truth, String what) {
        assertTrue(Math.abs(e.pull(truth)) < 4,
                what + ": estimate " + e.value() + " ± " + e.error() + " vs truth " + truth + " (pull " + e.pull(truth) + ")");
        assertTrue(e.error() < 0.1 * (1 + Math.abs(truth)), what + ": Monte Carlo error " + e.error() + " is too large to test anything");
    }

    /** Checks means and the covariance matrix of columns 0, 1 against the truth. */
    static void assertMoments(Chains chains, double[] mean, double[][] cov, String target) {
        Chains kept = chains.removeBurnFraction(0.3);
        int batches = 20;
        MonteCarloError.Estimate mx = MonteCarloError.mean(kept, batches, r -> r[0]);
        MonteCarloError.Estimate my = MonteCarloError.mean(kept, batches, r -> r[1]);
        assertWithin(mx, mean[0], target + " mean x");
        assertWithin(my, mean[1], target + " mean y");
        double ex = mx.value();
        double ey = my.value();
        assertWithin(MonteCarloError.mean(kept, batches, r -> (r[0] - ex) * (r[0] - ex)), cov[0][0], target + " var x");
        assertWithin(MonteCarloError.mean(kept, batches, r -> (r[1] - ey) * (r[1] - ey)), cov[1][1], target + " var y");
        assertWithin(MonteCarloError.mean(kept, batches, r -> (r[0] - ex) * (r[1] - ey)), cov[0][1], target + " cov xy");
    }

    @Test
    void correlatedGaussianConvergesAndRecoversMeanAndCovariance() {
        McmcResult r = Mcmc.run(gaussian(), McmcSettings.builder().chains(4).seed(42).minSamples(5000).build());
        assertTrue(r.converged(), "stopped by " + r.stopReason());
        assertTrue(r.rMinus1() < 0.01, "R-1 = " + r.rMinus1());
        assertTrue(r.rMinus1Cl() < 0.2, "R-1(cl) = " + r.rMinus1Cl());
        double c = RHO * SX * SY;
        assertMoments(r.chains(), new double[] {MX, MY}, new double[][] {{SX * SX, c}, {c, SY * SY}}, "gaussian");
        // the learned proposal covariance approaches the posterior covariance (within 15%)
        assertEquals(SX * SX, r.proposalCovariance()[0][0], 0.15 * SX * SX);
        assertEquals(SY * SY, r.proposalCovariance()[1][1], 0.15 * SY * SY);
        assertEquals(c, r.proposalCovariance()[0][1], 0.15 * c);
        // optimal-scale Metropolis on a 2-D Gaussian accepts about 35%
        assertTrue(r.acceptanceRate() > 0.25 && r.acceptanceRate() < 0.45, "acceptance " + r.acceptanceRate());
        // the summary's mean and 68% limits agree with the truth (Gaussian limits at mean ± sigma)
        PosteriorSummary.Parameter sx = r.summary().get("x");
        assertEquals(MX, sx.mean(), 0.05);
        assertEquals(SX, sx.sd(), 0.05);
        assertEquals(MX - SX, sx.lower68(), 0.08);
        assertEquals(MX + SX, sx.upper68(), 0.08);
        assertEquals(MX - 2 * SX, sx.lower95(), 0.15);
    }

    @Test
    void oneChainConvergesThroughSplitPieces() {
        McmcResult r = Mcmc.run(gaussian(), McmcSettings.builder().chains(1).seed(3).minSamples(4000).build());
        assertTrue(r.converged(), "stopped by " + r.stopReason());
        assertTrue(r.rMinus1() < 0.01);
        assertEquals(1, r.chains().chainCount());
    }

    /**
     * Banana: x ~ N(0, 1), y | x ~ N(B x², SB²). Then E x = 0, E y = B, Var x = 1, Var y = SB² + 2B², Cov = 0.
     * Wide uniform priors hold all but ~1e-12 of the mass.
     */
    @Test
    void bananaRecoversAnalyticMoments() {
        double b = 1.0;
        double sb = 0.5;
        Posterior banana = Posterior.of(List.of(
                SampledParameter.of("x", Prior.uniform(-8, 8), 0, 0.3, 0.5, "x"),
                SampledParameter.of("y", Prior.uniform(-5, 70), 1, 0.3, 0.5, "y")),
                (p, d) -> {
                    double r = (p[1] - b * p[0] * p[0]) / sb;
                    return -0.5 * p[0] * p[0] - 0.5 * r * r;
                });
        McmcResult r = Mcmc.run(banana, McmcSettings.builder().chains(4).seed(7).maxSamples(40_000)
                .rMinus1Stop(1e-9).build());
        assertEquals(McmcResult.StopReason.MAX_SAMPLES, r.stopReason());
        assertMoments(r.chains(), new double[] {0, b}, new double[][] {{1, 0}, {0, sb * sb + 2 * b * b}}, "banana");
    }

    @Test
    void neverAcceptsPointsOutsideThePriorOrWithInfiniteOrNaNLikelihood() {
        AtomicBoolean calledOutside = new AtomicBoolean();
        // likelihood peaks at the x prior edge; y is ruled out above 0.8 (NaN) and below -0.8 (-inf)
        Posterior p = Posterior.of(List.of(
                SampledParameter.of("x", Prior.uniform(0, 5), 0.5, 0.3, 1.0, "x"),
                SampledParameter.of("y", Prior.uniform(-1, 1), 0, 0.3, 0.5, "y")),
                List.of(DerivedParameter.of("x2", "x^2")),
                (q, d) -> {
                    if (q[0] < 0 || q[0] > 5 || q[1] < -1 || q[1] > 1) {
                        calledOutside.set(true);
                    }
                    d[0] = q[0] * q[0];
                    if (q[1] > 0.8) {
                        return Double.NaN;
                    }
                    if (q[1] < -0.8) {
                        return Double.NEGATIVE_INFINITY;
                    }
                    return -0.5 * q[0] * q[0];
                });
        McmcResult r = Mcmc.run(p, McmcSettings.builder().chains(2).seed(11).maxSamples(5000).build());
        assertFalse(calledOutside.get(), "the likelihood was called outside the prior");
        Chains c = r.chains();
        double minY = Double.MAX_VALUE;
        for (int k = 0; k < c.chainCount(); k++) {
            for (int i = 0; i < c.rows(k); i++) {
                double x = c.value(k, i, 0);
                double y = c.value(k, i, 1);
                assertTrue(x >= 0 && x <= 5, "x = " + x);
                assertTrue(y >= -0.8 && y <= 0.8, "y = " + y);
                assertTrue(Double.isFinite(c.minusLogPosterior(k, i)));
                assertEquals(x * x, c.value(k, i, 2), 0.0, "derived x^2 recorded with its sample");
                minY = Math.min(minY, y);
            }
        }
        assertTrue(minY < -0.7, "the chains explored up to the -inf edge (min y " + minY + ")");
    }

    @Test
    void burnInSamplesAreDropped() {
        McmcResult r = Mcmc.run(gaussian(), McmcSettings.builder().chains(2).seed(4).burnIn(500).maxSamples(600)
                .rMinus1Stop(1e-9).build());
        for (int k = 0; k < 2; k++) {
            // accepted points 501..600 are kept; one more row may hold the last point's weight
            int rows = r.chains().rows(k);
            assertTrue(rows >= 100 && rows <= 101, "chain " + k + ": " + rows + " rows");
        }
    }

    @Test
    void resultsAreDeterministicAndIndependentOfThreadCount() {
        McmcSettings.Builder s = McmcSettings.builder().chains(3).seed(5).maxSamples(2000).rMinus1Stop(1e-9);
        Chains a = Mcmc.run(gaussian(), s.threads(3).build()).chains();
        Chains b = Mcmc.run(gaussian(), s.threads(1).build()).chains();
        assertEquals(a.chainCount(), b.chainCount());
        for (int k = 0; k < a.chainCount(); k++) {
            assertEquals(a.rows(k), b.rows(k));
            for (int i = 0; i < a.rows(k); i++) {
                assertEquals(a.weight(k, i), b.weight(k, i));
                assertEquals(a.value(k, i, 0), b.value(k, i, 0));
                assertEquals(a.value(k, i, 1), b.value(k, i, 1));
            }
        }
        Chains other = Mcmc.run(gaussian(), s.seed(6).build()).chains();
        assertFalse(other.value(0, 5, 0) == a.value(0, 5, 0), "a different seed gives different chains");
    }
}
