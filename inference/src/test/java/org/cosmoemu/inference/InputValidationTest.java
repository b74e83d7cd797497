package org.cosmoemu.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.NumericalException;
import org.cosmoemu.likelihoods.NuisanceParameter;
import org.cosmoemu.likelihoods.Prior;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad parameters, posteriors and settings are rejected with messages that name what is wrong. */
class InputValidationTest {

    static void assertMessage(Class<? extends Throwable> type, Executable e, String... parts) {
        Throwable t = assertThrows(type, e);
        for (String p : parts) {
            assertTrue(t.getMessage().contains(p), "'" + t.getMessage() + "' should mention '" + p + "'");
        }
    }

    /** An emulator refusing a point outside its box is a rejected step, not the end of the run. */
    @Test
    void anOutOfRangePointHasZeroPosterior() {
        Posterior p = Posterior.of(List.of(SampledParameter.of("x", Prior.uniform(0, 1), 0.5, 0.1)),
                List.of(DerivedParameter.of("y", "y")), (theta, d) -> {
                    if (theta[0] > 0.8) {
                        throw new org.cosmoemu.api.ParameterOutOfRangeException("x", theta[0], 0, 0.8, "a test emulator");
                    }
                    d[0] = 2 * theta[0];
                    return -theta[0];
                });
        double[] d = new double[1];
        assertEquals(Double.NEGATIVE_INFINITY, p.logPosterior(new double[] {0.9}, d));
        assertTrue(Double.isNaN(d[0]));
        assertEquals(-0.5, p.logPosterior(new double[] {0.5}, d));
        assertEquals(1.0, d[0]);
    }

    @Test
    void sampledParameters() {
        assertMessage(InvalidParameterException.class,
                () -> SampledParameter.of("h", Prior.uniform(0.5, 0.9), 1.0, 0.01), "h", "reference value 1.0", "outside");
        assertMessage(InvalidParameterException.class,
                () -> SampledParameter.of("h", Prior.uniform(0.5, 0.9), Double.NaN, 0.01), "h", "NaN");
        assertMessage(InvalidParameterException.class,
                () -> SampledParameter.of("h", Prior.uniform(0.5, 0.9), 0.7, 0), "h", "proposal width");
        assertMessage(InvalidParameterException.class,
                () -> SampledParameter.of("h", Prior.uniform(0.5, 0.9), 0.7, -1, 0.1, "h"), "h", "reference width");
        assertMessage(InvalidParameterException.class,
                () -> SampledParameter.of("bad name", Prior.uniform(0.5, 0.9), 0.7, 0.1), "bad name");
        assertMessage(InvalidParameterException.class, () -> DerivedParameter.of("s8*", "S_8"), "s8*");
        assertMessage(InvalidParameterException.class, () -> DerivedParameter.of("a#b", "x"), "a#b");
        // every emulator input name is a valid GetDist name, and so are cobaya's such as 100*theta_s
        for (String ok : new String[] {"ln10^{10}A_s", "100*theta_s", "omega_b", "chi2__bao.sdss_dr7_mgs"}) {
            assertEquals(ok, SampledParameter.of(ok, Prior.uniform(0, 1), 0.5, 0.1).name());
        }
        SampledParameter a = SampledParameter.of(new NuisanceParameter("A_planck", 1.0, Prior.gaussian(1, 0.0025)), 0.002);
        assertEquals(1.0, a.reference());
        assertEquals("A_planck", a.latex());
    }

    @Test
    void posteriors() {
        SampledParameter h = SampledParameter.of("h", Prior.uniform(0.5, 0.9), 0.7, 0.01);
        assertMessage(InvalidParameterException.class, () -> Posterior.of(List.of(), (p, d) -> 0), "at least one");
        assertMessage(InvalidParameterException.class,
                () -> Posterior.of(List.of(h), List.of(DerivedParameter.of("h", "h")), (p, d) -> 0), "'h'", "twice");
        Posterior post = Posterior.of(List.of(h), (p, d) -> 0);
        assertMessage(InvalidParameterException.class, () -> post.logPrior(new double[2]), "2 values", "[h]");
        assertEquals(Double.NEGATIVE_INFINITY, post.logPosterior(new double[] {Double.NaN}, new double[0]));
        assertEquals(-Math.log(0.4), post.logPosterior(new double[] {0.6}, new double[0]), 1e-15);
    }

    @Test
    void settings() {
        assertMessage(InvalidOptionException.class, () -> McmcSettings.builder().chains(0), "chains", "0");
        assertMessage(InvalidOptionException.class, () -> McmcSettings.builder().threads(0), "threads");
        assertMessage(InvalidOptionException.class, () -> McmcSettings.builder().rMinus1Stop(0), "rMinus1Stop");
        assertMessage(InvalidOptionException.class, () -> McmcSettings.builder().rMinus1ClStop(-1), "rMinus1ClStop");
        assertMessage(InvalidOptionException.class, () -> McmcSettings.builder().rMinus1ClLevel(1), "rMinus1ClLevel");
        assertMessage(InvalidOptionException.class, () -> McmcSettings.builder().maxSamples(0), "maxSamples");
        assertMessage(InvalidOptionException.class, () -> McmcSettings.builder().maxTime(Duration.ZERO), "maxTime");
        assertMessage(InvalidOptionException.class, () -> McmcSettings.builder().proposalScale(Double.NaN), "proposalScale");
        assertMessage(InvalidOptionException.class,
                () -> McmcSettings.builder().initialCovariance(new double[][] {{1, 0}}), "initialCovariance", "square");
        McmcSettings d = McmcSettings.defaults();
        assertEquals(4, d.chains());
        assertEquals(Math.min(4, Runtime.getRuntime().availableProcessors()), d.threads());
        assertEquals(0.01, d.rMinus1Stop());
        assertEquals(80, d.checkEvery(2));
        assertEquals(400, d.minSamples(2));
    }

    @Test
    void runRejectsABadCovarianceAndAnImpossibleStart() {
        Posterior p = McmcCorrectnessTest.gaussian();
        assertMessage(InvalidOptionException.class, () -> Mcmc.run(p, McmcSettings.builder()
                .initialCovariance(new double[][] {{1, 2}, {2, 1}}).build()), "not positive definite");
        assertMessage(InvalidOptionException.class, () -> Mcmc.run(p, McmcSettings.builder()
                .initialCovariance(new double[][] {{1}}).build()), "1x1", "2 parameters");
        Posterior impossible = Posterior.of(p.parameters(), (q, d) -> Double.NEGATIVE_INFINITY);
        assertMessage(NumericalException.class, () -> Mcmc.run(impossible, McmcSettings.defaults()),
                "no start point", "[x, y]");
    }

    @Test
    void likelihoodExceptionsReachTheCaller() {
        Posterior p = Posterior.of(McmcCorrectnessTest.gaussian().parameters(), (q, d) -> {
            if (q[0] > 1) {
                throw new IllegalStateException("model failed at x=" + q[0]);
            }
            return 0;
        });
        assertMessage(IllegalStateException.class, () -> Mcmc.run(p, McmcSettings.builder().maxSamples(100_000).build()),
                "model failed");
    }

    @Test
    void maxTimeStopsARunThatWouldNotConverge() {
        McmcResult r = Mcmc.run(McmcCorrectnessTest.gaussian(), McmcSettings.builder().chains(2).rMinus1Stop(1e-12)
                .maxTime(Duration.ofMillis(200)).build());
        assertEquals(McmcResult.StopReason.MAX_TIME, r.stopReason());
        assertTrue(r.seconds() < 5);
    }
}
