package org.cosmoemu.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * R−1 statistics and weighted moments against numpy re-implementations of cobaya's formulas: numbers from
 * {@code src/test/scripts/gelman_rubin_reference.py}.
 */
class GelmanRubinTest {
    static final double[][][] X = {{{-0.211, -0.518}, {0.15, -1.79}, {0.284, -0.322}, {-0.726, 0.099}, {-1.951, -0.158}, {-0.731, 0.41}, {0.442, -0.928}}, {{-0.633, -1.67}, {-0.488, 0.119}, {1.157, 0.029}, {0.335, -1.067}, {0.496, -1.016}, {0.54, -0.403}, {1.156, 0.002}}, {{1.269, -0.008}, {0.656, 0.625}, {1.597, -1.562}, {0.774, -0.624}, {-0.969, 0.382}, {-1.611, -0.795}, {-0.606, 0.078}}};
    static final double[][] W = {{2.0, 2.0, 3.0, 1.0, 2.0, 3.0, 2.0}, {2.0, 2.0, 3.0, 3.0, 3.0, 1.0, 3.0}, {3.0, 2.0, 1.0, 2.0, 3.0, 1.0, 1.0}};
    static final double[][] MEANS = {{-0.34713333333333335, -0.4283333333333333}, {0.4547058823529412, -0.5682941176470588}, {0.2415384615384615, -0.08884615384615385}};
    static final double[][][] COVS = {{{0.621583980952381, -0.28556569047619046}, {-0.28556569047619046, 0.4850182380952381}}, {{0.4471292205882353, 0.23105134558823523}, {0.23105134558823526, 0.42456322058823526}}, {{1.2051104358974358, -0.18907850641025642}, {-0.18907850641025642, 0.41444180769230765}}};
    static final double[][] MEAN_OF_COVS = {{0.7242531584656084, -0.06252517923280426}, {-0.06252517923280425, 0.44179092936507935}};
    static final double R_MINUS_1 = 0.2429879395937545;
    static final double[][] LOWER = {{-2.405, -2.49}, {-1.145, -2.972}, {-1.123, -3.195}};
    static final double[][] UPPER = {{0.633, 1.452}, {2.092, 0.479}, {1.496, 1.996}};
    static final double R_MINUS_1_CL = 0.9440921486238115;

    @Test
    void weightedMomentsMatchNumpy() {
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(MEANS[c], WeightedStats.mean(W[c], X[c]), 1e-14);
            double[][] cov = WeightedStats.covariance(W[c], X[c]);
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(COVS[c][i], cov[i], 1e-14);
            }
        }
    }

    @Test
    void rMinus1MatchesCobayaFormula() {
        double[] n = new double[3];
        for (int c = 0; c < 3; c++) {
            n[c] = WeightedStats.sum(W[c]);
        }
        assertEquals(R_MINUS_1, GelmanRubin.rMinus1(MEANS, COVS, n), 1e-13);
        double[][] w = GelmanRubin.meanOfCovariances(COVS, n);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(MEAN_OF_COVS[i], w[i], 1e-15);
        }
        assertEquals(R_MINUS_1_CL, GelmanRubin.rMinus1Cl(LOWER, UPPER, MEAN_OF_COVS), 1e-13);
    }

    @Test
    void rMinus1IsZeroForIdenticalChainMeansDirectionAndNaNForOneChain() {
        assertTrue(Double.isNaN(GelmanRubin.rMinus1(new double[][] {{0, 0}}, new double[][][] {COVS[0]}, new double[] {1})));
        // equal means in one coordinate: B is singular there; the statistic is undefined (NaN), not 0
        assertTrue(Double.isNaN(GelmanRubin.rMinus1(new double[][] {{0, 1}, {0, 2}}, new double[][][] {COVS[0], COVS[1]},
                new double[] {1, 1})));
        // 1-D by hand: means 0 and 1 -> B = 0.5; W = 2 -> R-1 = 0.25
        assertEquals(0.25, GelmanRubin.rMinus1(new double[][] {{0}, {1}}, new double[][][] {{{2}}, {{2}}},
                new double[] {3, 5}), 1e-15);
    }

    @Test
    void quantilesMatchNumpyHazenForEqualWeights() {
        double[] v = {-0.036, 0.876, 0.784, 0.333, 0.913, 0.94, -1.109, 2.185, -0.049};
        double[] p = {0.0, 0.05, 0.1587, 0.5, 0.8413, 0.97, 1.0};
        double[] hazen = {-1.109, -1.109, -0.1250019999999999, 0.784, 1.0292664999999999, 2.185, 2.185};
        double[] w = new double[v.length];
        java.util.Arrays.fill(w, 2.0);
        assertArrayEquals(hazen, WeightedStats.quantiles(w, v, p), 1e-14);
    }

    @Test
    void weightedQuantileOfTwoPointsByHand() {
        // values 0 (weight 1) and 10 (weight 3): positions 0.125 and 0.625; the median lies 0.375/0.5 of the way
        double[] q = WeightedStats.quantiles(new double[] {3, 1}, new double[] {10, 0}, 0.5, 0.1, 0.9);
        assertArrayEquals(new double[] {7.5, 0, 10}, q, 1e-15);
    }
}
