package org.cosmoemu.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ModelErrorsTest {
    /** Reference values from numpy 1.x: np.percentile(a, p) (linear interpolation). */
    @Test
    void percentileIsNumpysLinearInterpolation() {
        assertEquals(9.91, ModelErrors.percentile(new double[] {3, 1, 2, 10, 7, 4, 5, 9, 8, 6}, 10, 99), 1e-12);
        assertEquals(5.5, ModelErrors.percentile(new double[] {3, 1, 2, 10, 7, 4, 5, 9, 8, 6}, 10, 50), 1e-12);
        assertEquals(0.5, ModelErrors.percentile(new double[] {0.5}, 1, 95), 0.0);
        assertEquals(1.95, ModelErrors.percentile(new double[] {1, 2, 99}, 2, 95), 1e-12); // only the first 2 count
        assertEquals(Double.NaN, ModelErrors.percentile(new double[0], 0, 50));
    }

    @Test
    void claimsRoundUpToThreeDigits() {
        assertEquals("0.0547", AccuracyReport.roundUp(0.05464));
        assertEquals("0.0547", AccuracyReport.roundUp(0.054601));
        assertEquals(1.01e-4, Double.parseDouble(AccuracyReport.roundUp(1.0001e-4)));
        assertEquals("2", AccuracyReport.roundUp(2.0));
    }
}
