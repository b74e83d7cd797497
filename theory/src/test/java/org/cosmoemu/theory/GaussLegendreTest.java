package org.cosmoemu.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GaussLegendreTest {

    @Test
    void integratesPolynomialsUpToDegree2nMinus1Exactly() {
        for (int n : new int[] {1, 2, 5, 6, 8, 11}) {
            double[][] r = GaussLegendre.rule(n);
            for (int deg = 0; deg <= 2 * n - 1; deg++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += r[1][i] * Math.pow(r[0][i], deg);
                }
                double exact = deg % 2 == 1 ? 0.0 : 2.0 / (deg + 1);
                assertEquals(exact, sum, 2e-15, "n=" + n + " degree " + deg);
            }
        }
    }

    @Test
    void eightPointRuleMatchesTabulatedValues() {
        // Abramowitz & Stegun table 25.4 (n = 8).
        double[][] r = GaussLegendre.rule(8);
        assertEquals(0.183434642495649805, r[0][4], 1e-15);
        assertEquals(0.960289856497536232, r[0][7], 1e-15);
        assertEquals(0.362683783378361983, r[1][4], 1e-15);
        assertEquals(0.313706645877887287, r[1][5], 1e-15);
        assertEquals(0.101228536290376259, r[1][7], 1e-15);
    }
}
