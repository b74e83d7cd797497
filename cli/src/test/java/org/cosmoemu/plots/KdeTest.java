package org.cosmoemu.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.NumericalException;
import org.junit.jupiter.api.Test;

/**
 * Kernel density estimates and contour levels against analytic Gaussians: the 68%/95% highest-density
 * regions found on the grid hold 68%/95% of the true probability.
 */
class KdeTest {

    /** Bivariate normal pdf with unit variances and correlation rho. */
    static double pdf(double x, double y, double rho) {
        double q = (x * x - 2 * rho * x * y + y * y) / (1 - rho * rho);
        return Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(1 - rho * rho));
    }

    @Test
    void levelsOfAnExactGaussianMatchTheAnalyticThreshold() {
        // For a 2-D Gaussian, the region holding mass p is bounded by pdf = pdf_max (1 - p).
        int n = 401;
        double rho = 0.5;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[i][j] = pdf(-6 + 12.0 * i / (n - 1), -6 + 12.0 * j / (n - 1), rho);
            }
        }
        double max = pdf(0, 0, rho);
        double[] t = Kde.levels(d, 0.68, 0.95);
        assertEquals(max * (1 - 0.68), t[0], 0.005 * max * 0.32);
        assertEquals(max * (1 - 0.95), t[1], 0.01 * max * 0.05);
        assertThrows(InvalidOptionException.class, () -> Kde.levels(d, 1.0));
    }

    @Test
    void kdeContoursEncloseTheTrueMassOfACorrelatedGaussian() {
        double rho = 0.6;
        Random rng = new Random(12345);
        int ns = 200_000;
        double[] x = new double[ns];
        double[] y = new double[ns];
        double[] w = new double[ns];
        for (int k = 0; k < ns; k++) {
            double a = rng.nextGaussian();
            double b = rng.nextGaussian();
            x[k] = a;
            y[k] = rho * a + Math.sqrt(1 - rho * rho) * b;
            w[k] = 1 + rng.nextInt(3); // weights independent of position do not change the distribution
        }
        // the plots' smoothing (1.6 × Scott) and grid (100 points)
        Kde.Density2D d = Kde.density2D(w, x, y, new double[] {-4.5, 4.5}, new double[] {-4.5, 4.5}, 100,
                new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY},
                new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}, 1.6);
        double[] levels = Kde.levels(d.density(), 0.68, 0.95);
        double dx = d.x()[1] - d.x()[0];
        double dy = d.y()[1] - d.y()[0];
        double in68 = 0;
        double in95 = 0;
        double kdeTotal = 0;
        for (int i = 0; i < d.x().length; i++) {
            for (int j = 0; j < d.y().length; j++) {
                double truth = pdf(d.x()[i], d.y()[j], rho) * dx * dy;
                kdeTotal += d.density()[i][j] * dx * dy;
                if (d.density()[i][j] >= levels[0]) {
                    in68 += truth;
                }
                if (d.density()[i][j] >= levels[1]) {
                    in95 += truth;
                }
            }
        }
        assertEquals(1.0, kdeTotal, 2e-3, "the KDE is normalised");
        // smoothing widens the estimate by ~4% in variance: the 68% region then holds ~69.6% of the truth
        assertEquals(0.68, in68, 0.02, "true mass inside the 68% contour");
        assertEquals(0.95, in95, 0.01, "true mass inside the 95% contour");
    }

    @Test
    void oneDimensionalDensityIsNormalisedAndReflectsAtPriorBounds() {
        Random rng = new Random(7);
        int ns = 100_000;
        double[] v = new double[ns];
        double[] w = new double[ns];
        Arrays.fill(w, 1);
        for (int k = 0; k < ns; k++) {
            v[k] = rng.nextGaussian();
        }
        Kde.Density1D d = Kde.density1D(w, v, -6, 6, 241, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1.0);
        double dx = d.x()[1] - d.x()[0];
        assertEquals(1.0, Arrays.stream(d.density()).sum() * dx, 1e-3);
        assertEquals(1 / Math.sqrt(2 * Math.PI), d.density()[120], 0.02 * 0.4);

        // half-normal |z| with a prior bound at 0: true density 2 φ(0) = 0.798 at the bound
        double[] half = Arrays.stream(v).map(Math::abs).toArray();
        Kde.Density1D h = Kde.density1D(w, half, 0, 5, 201, 0, Double.POSITIVE_INFINITY, 1.0);
        assertEquals(2 / Math.sqrt(2 * Math.PI), h.density()[0], 0.04 * 0.8, "reflection keeps the density up at the bound");
        assertEquals(1.0, Arrays.stream(h.density()).sum() * (h.x()[1] - h.x()[0]), 0.01);
        Kde.Density1D below = Kde.density1D(w, half, -1, 5, 241, 0, Double.POSITIVE_INFINITY, 1.0);
        assertEquals(0.0, below.density()[10], "no density outside the prior");
    }

    @Test
    void degenerateSamplesAreRejected() {
        double[] w = {1, 1, 1};
        double[] v = {2, 2, 2};
        NumericalException e = assertThrows(NumericalException.class,
                () -> Kde.density1D(w, v, 0, 1, 10, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1));
        assertTrue(e.getMessage().contains("no spread"), e.getMessage());
    }
}
