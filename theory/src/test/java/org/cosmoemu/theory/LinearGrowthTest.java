package org.cosmoemu.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cosmoemu.api.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LinearGrowthTest {
    private static final Logger LOG = LoggerFactory.getLogger(LinearGrowthTest.class);

    private static final double[] Z = {0.0, 0.295, 0.51, 1.0, 2.33, 5.0, 20.0};

    // From src/test/scripts/growth_reference.py (scipy DOP853 at rtol 1e-12, independent background).
    private static final double[] PLANCK_D = {1, 0.855409953449, 0.7655630118, 0.60756432272, 0.378261859238,
        0.21218320299, 0.0610932212366};
    private static final double[] PLANCK_F = {0.525809939386, 0.680677827951, 0.762217810588, 0.874181879306,
        0.966130553538, 0.990862269995, 0.993566720932};
    private static final double[] TWO_NU_D = {1, 0.86516233423, 0.779133573163, 0.623988429001, 0.391980937431,
        0.22086825375, 0.0639683868474};
    private static final double[] TWO_NU_F = {0.482227048014, 0.638039952869, 0.724079697638, 0.847795179787,
        0.955186922593, 0.985215209288, 0.989268873647};
    // Closed-form Heath integral for radiation-free flat ΛCDM with Ω_m = 0.3 (same script).
    private static final double[] HEATH_D = {1, 0.858206058862, 0.769333028822, 0.611805753301, 0.381201804219,
        0.213536618674, 0.0611271204874};
    private static final double[] HEATH_F = {0.51279624773, 0.668962430932, 0.752586428073, 0.869285121185,
        0.967104005742, 0.994155644952, 0.999862597579};

    @Test
    void matchesIndependentScipyIntegration() {
        check(LinearGrowth.of(FlatLcdmBackground.of(0.02237, 0.1200, 0.6736)), PLANCK_D, PLANCK_F, 2e-7);
        check(LinearGrowth.of(FlatLcdmBackground.builder().omegaBH2(0.022).omegaCdmH2(0.11).h(0.7)
                .neutrinoMassesEv(0.1, 0.05).nUr(1.0196).build()), TWO_NU_D, TWO_NU_F, 2e-7);
    }

    @Test
    void matchesHeathIntegralForRadiationFreeLcdm() {
        double h = 0.7;
        FlatLcdmBackground b = FlatLcdmBackground.builder().omegaBH2(0.02).omegaCdmH2(0.3 * h * h - 0.02).h(h)
                .tCmb(1e-12).nUr(0).neutrinoMassesEv().build();
        check(LinearGrowth.of(b), HEATH_D, HEATH_F, 2e-7);
        // The textbook approximation f(z=0) ≈ Ω_m^0.55 (Linder 2005) holds to ~1% for Ω_m = 0.3.
        assertEquals(Math.pow(0.3, 0.55), LinearGrowth.of(b).growthRate(0), 0.01 * 0.5157);
    }

    /**
     * Against CLASS: at k = 0.83 h/Mpc, far below the neutrino free-streaming length, √(P_lin(k,z)/P_lin(k,0))
     * is the growth factor D(z)/D(0) (up to the ~1e-4 neutrino-induced scale dependence that remains there).
     */
    @Test
    void growthFactorMatchesClassLinearPowerRatios() {
        ClassShards.Data data = ClassShards.load();
        int ik = 0;
        for (int i = 0; i < data.pkK().length; i++) {
            if (Math.abs(Math.log(data.pkK()[i] / 0.83)) < Math.abs(Math.log(data.pkK()[ik] / 0.83))) {
                ik = i;
            }
        }
        double worst = 0;
        String where = "";
        for (ClassShards.Point p : data.points()) {
            LinearGrowth g = LinearGrowth.of(FlatLcdmBackground.ofH0(p.omegaB(), p.omegaCdm(), p.hubble0()));
            for (int iz = 1; iz < data.pkZ().length; iz++) {
                double z = data.pkZ()[iz];
                double classRatio = Math.sqrt((double) p.pkLinear()[iz][ik] / p.pkLinear()[0][ik]);
                double err = Math.abs(g.growthFactor(z) / classRatio - 1);
                if (err > worst) {
                    worst = err;
                    where = "index " + p.index() + " z=" + z;
                }
            }
        }
        LOG.info("growth factor D(z)/D(0) vs CLASS sqrt(P(k={} h/Mpc, z)/P(k, 0)) over {} points, z <= 5: max rel. error {} ({})",
                data.pkK()[ik], data.points().size(), worst, where);
        assertTrue(worst < 1e-4, "max relative error " + worst + " at " + where);
    }

    @Test
    void fsigma8CombinesRateAndFactor() {
        LinearGrowth g = LinearGrowth.of(FlatLcdmBackground.of(0.02237, 0.1200, 0.6736));
        for (double z : new double[] {0, 0.38, 0.698, 1.48}) {
            double expected = 0.81 * g.growthFactor(z) * g.growthRate(z);
            assertEquals(expected, g.fsigma8(z, 0.81), 1e-13);
            assertEquals(expected, g.fsigma8Function(0.81).applyAsDouble(z), 1e-13);
            assertEquals(0.81 * g.growthFactor(z), g.sigma8(z, 0.81), 1e-15);
        }
        assertThrows(InvalidParameterException.class, () -> g.growthRate(-0.01));
        assertThrows(InvalidParameterException.class, () -> g.fsigma8(Double.NaN, 0.8));
        assertThrows(InvalidParameterException.class, () -> g.growthFactor(LinearGrowth.Z_MAX * 1.01));
    }

    private static void check(LinearGrowth g, double[] d, double[] f, double tol) {
        for (int i = 0; i < Z.length; i++) {
            assertEquals(d[i], g.growthFactor(Z[i]), tol * d[i], "D(" + Z[i] + ")/D(0)");
            assertEquals(f[i], g.growthRate(Z[i]), tol * f[i], "f(" + Z[i] + ")");
        }
    }
}
