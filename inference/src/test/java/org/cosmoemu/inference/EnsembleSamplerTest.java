package org.cosmoemu.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.likelihoods.Prior;
import org.junit.jupiter.api.Test;

/** The stretch-move ensemble sampler on targets whose moments are known, and emcee's autocorrelation time. */
class EnsembleSamplerTest {

    /** An AR(1) chain x_t = φ x_{t-1} + ε has τ = (1 + φ)/(1 − φ). */
    @Test
    void autocorrelationTimeOfAnAr1Process() {
        SplittableRandom r = new SplittableRandom(5);
        for (double phi : new double[] {0.0, 0.5, 0.9}) {
            double[][] c = new double[16][20000];
            for (double[] chain : c) {
                double x = r.nextGaussian() / Math.sqrt(1 - phi * phi);
                for (int t = 0; t < chain.length; t++) {
                    x = phi * x + r.nextGaussian();
                    chain[t] = x;
                }
            }
            double expect = (1 + phi) / (1 - phi);
            assertEquals(expect, Autocorrelation.integratedTime(c), 0.08 * expect, "phi = " + phi);
        }
    }

    /** A correlated Gaussian in 3 parameters: means, covariance and the batched evaluation path. */
    @Test
    void samplesACorrelatedGaussianInBatches() {
        double[] mu = {1.0, -2.0, 0.5};
        double[][] cov = {{1.0, 0.8, 0.1}, {0.8, 2.0, -0.3}, {0.1, -0.3, 0.5}};
        double[][] inv = invert(cov);
        AtomicInteger batches = new AtomicInteger();
        LogLikelihoodFunction gauss = new LogLikelihoodFunction() {
            @Override
            public double logLikelihood(double[] p, double[] derived) {
                double q = 0;
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        q += (p[i] - mu[i]) * inv[i][j] * (p[j] - mu[j]);
                    }
                }
                derived[0] = p[0] + p[1];
                return -0.5 * q;
            }

            @Override
            public void logLikelihoodBatch(double[] points, int count, double[] derived, double[] out) {
                batches.incrementAndGet();
                LogLikelihoodFunction.super.logLikelihoodBatch(points, count, derived, out);
            }
        };
        List<SampledParameter> ps = List.of(SampledParameter.of("a", Prior.uniform(-20, 20), 0, 1),
                SampledParameter.of("b", Prior.uniform(-20, 20), 0, 1), SampledParameter.of("c", Prior.uniform(-20, 20), 0, 1));
        Posterior post = Posterior.of(ps, List.of(DerivedParameter.of("ab", "a+b")), gauss);
        EnsembleSampler.Result r = EnsembleSampler.run(post, EnsembleSampler.Settings.defaults().withSeed(3)
                .withMaxSteps(20_000));
        assertTrue(r.converged(), "stopped by the autocorrelation rule after " + r.steps() + " steps");
        assertEquals(32, r.walkers());
        assertTrue(batches.get() >= 2 * r.steps(), "one batch per half-step: " + batches.get());
        PosteriorSummary s = r.summary();
        double n = r.chains().totalRows() / Math.max(1, r.tau()[1]);
        for (int i = 0; i < 3; i++) {
            String name = ps.get(i).name();
            double sd = Math.sqrt(cov[i][i]);
            assertEquals(mu[i], s.get(name).mean(), 5 * sd / Math.sqrt(n), name + " mean");
            assertEquals(sd, s.get(name).sd(), 0.1 * sd, name + " sd");
        }
        assertEquals(mu[0] + mu[1], s.get("ab").mean(), 0.15, "derived");
        assertTrue(r.acceptanceRate() > 0.2 && r.acceptanceRate() < 0.9, "acceptance " + r.acceptanceRate());
        // deterministic given the seed
        EnsembleSampler.Result again = EnsembleSampler.run(post, EnsembleSampler.Settings.defaults().withSeed(3)
                .withMaxSteps(20_000));
        assertEquals(r.steps(), again.steps());
        assertArrayEquals(r.tau(), again.tau(), 0.0);
    }

    @Test
    void settingsAreChecked() {
        assertThrows(InvalidOptionException.class, () -> EnsembleSampler.Settings.defaults().withWalkers(7));
        Posterior p = Posterior.of(List.of(SampledParameter.of("a", Prior.uniform(0, 1), 0.5, 0.1),
                SampledParameter.of("b", Prior.uniform(0, 1), 0.5, 0.1)), (x, d) -> 0);
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> EnsembleSampler.run(p, EnsembleSampler.Settings.defaults().withWalkers(4)));
        assertTrue(e.getMessage().contains("at least 6"), e.getMessage());
    }

    private static double[][] invert(double[][] m) {
        double a = m[0][0], b = m[0][1], c = m[0][2], d = m[1][1], e = m[1][2], f = m[2][2];
        double det = a * (d * f - e * e) - b * (b * f - c * e) + c * (b * e - c * d);
        return new double[][] {
            {(d * f - e * e) / det, (c * e - b * f) / det, (b * e - c * d) / det},
            {(c * e - b * f) / det, (a * f - c * c) / det, (b * c - a * e) / det},
            {(b * e - c * d) / det, (b * c - a * e) / det, (a * d - b * b) / det}};
    }
}
