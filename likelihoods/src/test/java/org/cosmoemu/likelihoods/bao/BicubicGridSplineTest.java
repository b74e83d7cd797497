package org.cosmoemu.likelihoods.bao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.cosmoemu.api.testing.SharedTestData;
import org.junit.jupiter.api.Test;

/** Against scipy RectBivariateSpline numbers from src/test/scripts/spline_reference.py. */
class BicubicGridSplineTest {

    static final double[][] POINTS = {{31.3628, 6.880880000000001}, {37.5, 8.9}, {39.1234, 8.47}, {41.0, 9.5},
        {33.3, 7.2}, {46.9, 10.3}, {47.0442, 10.32132}};
    static final double[] LYAUTO = {-32.78833007812502, -0.00986564635019964, -1.533797548625254, -7.763086666955963,
        -25.78346064815456, -29.531891632655384, -29.9381103515625};
    static final double[] LYXQSO = {-38.606689453125014, -0.2335948220793711, -2.4259980841992337, -5.517162546187436,
        -31.170443668961916, -19.68616000015009, -19.91455078125};

    @Test
    void lymanAlphaGridsMatchScipy() {
        check("sdss_DR16_LYAUTO_BAO_DMDHgrid.txt", LYAUTO);
        check("sdss_DR16_LYxQSO_BAO_DMDHgrid.txt", LYXQSO);
    }

    private static void check(String file, double[] expected) {
        Path f = SharedTestData.path("likelihoods/bao/" + file);
        BicubicGridSpline s = BaoDataSets.readGrid2d("t", f, 2.334).spline();
        for (int i = 0; i < POINTS.length; i++) {
            assertEquals(expected[i], s.value(POINTS[i][0], POINTS[i][1]), 1e-10, file + " at " + POINTS[i][0] + ", " + POINTS[i][1]);
        }
        assertTrue(s.contains(31.3628, 10.32132));
        assertFalse(s.contains(31.36, 8.0));
        assertFalse(s.contains(40, 10.33));
    }

    /** Bicubic polynomials are reproduced exactly. */
    @Test
    void reproducesBicubicPolynomials() {
        double[] x = {0, 0.3, 0.4, 1.0, 1.7, 2.2};
        double[] y = {-1, -0.5, 0.25, 0.5, 2.0};
        double[][] z = new double[x.length][y.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y.length; j++) {
                z[i][j] = poly(x[i], y[j]);
            }
        }
        BicubicGridSpline s = BicubicGridSpline.of(x, y, z);
        for (double a = 0; a <= 2.2; a += 0.137) {
            for (double b = -1; b <= 2; b += 0.211) {
                assertEquals(poly(a, b), s.value(a, b), 1e-12, "at " + a + ", " + b);
            }
        }
    }

    private static double poly(double a, double b) {
        return 1 + a - 2 * b + a * a * b - 0.7 * a * a * a + 0.2 * b * b * b + 0.1 * a * a * a * b * b * b;
    }
}
