package org.cosmoemu.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FermiDiracNeutrinosTest {

    /**
     * {y, R(y), P(y)} from mpmath quadrature at 30 digits: src/test/scripts/fermi_dirac_reference.py. The y
     * values cover both series (y &lt; 1e-3, y &gt; 100), the table, and its two ends.
     */
    private static final double[][] MPMATH = {
        {1e-4, 1.0000000007237227, 0.33333333309209243},
        {1e-3, 1.0000000723721946, 0.3333333092093178},
        {0.0123, 1.0000109480124804, 0.33332968470503995},
        {0.1, 1.0007207833053764, 0.33309468401241487},
        {0.5, 1.017231341892762, 0.32798564782163638},
        {1, 1.0639626203517057, 0.31533471259246133},
        {3.567, 1.5596220128395966, 0.2325332592837324},
        {10, 3.3658091566873826, 0.12135914816042563},
        {35.67, 11.376086754741945, 0.03792249479646394},
        {99.9, 31.720989163444305, 0.013679297263460031},
        {100.1, 31.784412571139654, 0.013652049065657096},
        {356.7, 113.19446517780516, 0.0038365256357566977},
        {1000, 317.32392020040834, 0.0013686324301758744},
        {1e4, 3173.2188776584162, 0.00013686531818528701},
    };

    @Test
    void densityAndPressureMatchHighPrecisionQuadrature() {
        for (double[] row : MPMATH) {
            double y = row[0];
            assertEquals(row[1], FermiDiracNeutrinos.densityRatio(y), 5e-10 * row[1], "R(" + y + ")");
            assertEquals(row[2], FermiDiracNeutrinos.pressureRatio(y), 1e-9 * row[2], "P(" + y + ")");
        }
    }

    @Test
    void quadratureItselfIsExactToRounding() {
        double[] m = new double[4];
        for (double[] row : MPMATH) {
            FermiDiracNeutrinos.moments(row[0], m);
            assertEquals(row[1], m[0] / FermiDiracNeutrinos.J0, 1e-13 * row[1], "R quadrature at y=" + row[0]);
            assertEquals(row[2], m[2] / FermiDiracNeutrinos.J0, 1e-13 * row[2], "P quadrature at y=" + row[0]);
        }
    }

    @Test
    void tableInterpolationMatchesQuadratureBetweenNodes() {
        double[] m = new double[4];
        double worstR = 0;
        double worstP = 0;
        double u0 = Math.log(FermiDiracNeutrinos.Y_MIN);
        for (double u = u0 + 0.5 * FermiDiracNeutrinos.DU; u < Math.log(FermiDiracNeutrinos.Y_MAX);
                u += 0.37 * FermiDiracNeutrinos.DU) {
            double y = Math.exp(u);
            FermiDiracNeutrinos.moments(y, m);
            worstR = Math.max(worstR, Math.abs(FermiDiracNeutrinos.densityRatio(y) / (m[0] / FermiDiracNeutrinos.J0) - 1));
            worstP = Math.max(worstP, Math.abs(FermiDiracNeutrinos.pressureRatio(y) / (m[2] / FermiDiracNeutrinos.J0) - 1));
        }
        assertTrue(worstR < 5e-10, "max relative interpolation error of R: " + worstR);
        assertTrue(worstP < 5e-10, "max relative interpolation error of P: " + worstP);
    }

    @Test
    void masslessAndNonRelativisticLimits() {
        assertEquals(1.0, FermiDiracNeutrinos.densityRatio(0.0), 0.0);
        assertEquals(1.0 / 3.0, FermiDiracNeutrinos.pressureRatio(0.0), 0.0);
        // R → (3/2) ζ(3) y / J0 = 180 ζ(3) y / (7 π⁴): number density times mass (next term ~1e-11 here).
        double y = 1e6;
        double leading = 180 * 1.2020569031595942 * y / (7 * Math.pow(Math.PI, 4));
        assertEquals(leading, FermiDiracNeutrinos.densityRatio(y), 2e-11 * leading);
    }
}
