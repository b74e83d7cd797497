package org.cosmoemu.likelihoods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cosmoemu.api.InvalidOptionException;
import org.junit.jupiter.api.Test;

/** Priors are normalised densities: checked by numerical integration and against closed forms. */
class PriorTest {

    /** Simpson's rule of exp(logDensity) over [a, b]. */
    static double mass(Prior p, double a, double b) {
        int n = 200_000;
        double h = (b - a) / n;
        double s = 0;
        for (int i = 0; i <= n; i++) {
            double w = i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2);
            s += w * Math.exp(p.logDensity(a + i * h));
        }
        return s * h / 3;
    }

    @Test
    void densitiesIntegrateToOne() {
        assertEquals(1.0, mass(Prior.uniform(2.7, 3.3), 2.7, 3.3), 1e-4);
        assertEquals(1.0, mass(Prior.gaussian(0.96, 0.02), 0.76, 1.16), 1e-9);
        // N(0.96, 0.02) cut to [0.9, 1.03]: about 0.9961 of the Gaussian's mass lies inside, renormalised to 1
        Prior t = Prior.truncatedGaussian(0.96, 0.02, 0.9, 1.03);
        assertEquals(1.0, mass(t, 0.9, 1.03), 1e-9);
        assertEquals(0.9, t.lower());
        assertEquals(1.03, t.upper());
    }

    @Test
    void closedForms() {
        assertEquals(-Math.log(0.6), Prior.uniform(2.7, 3.3).logDensity(3.0), 1e-15);
        assertEquals(Double.NEGATIVE_INFINITY, Prior.uniform(2.7, 3.3).logDensity(3.31));
        double g = Prior.gaussian(1, 0.0025).logDensity(1.005); // 2 sigma
        assertEquals(-2.0 - Math.log(0.0025) - 0.5 * Math.log(2 * Math.PI), g, 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, Prior.truncatedGaussian(0, 1, -1, 1).logDensity(1.5));
    }

    @Test
    void describedInTheUsualNotation() {
        assertEquals("U[0.005, 0.99]", Prior.uniform(0.005, 0.99).describe());
        assertEquals("N(0.02233, 0.00036)", Prior.gaussian(0.02233, 0.00036).describe());
        assertEquals("U[40, 100]", Prior.uniform(40, 100).describe());
        assertEquals("N(0.96, 0.02)", Prior.gaussian(0.96, 0.02).describe());
        assertEquals("N(0.96, 0.02) on [0.9, 1.03]", Prior.truncatedGaussian(0.96, 0.02, 0.9, 1.03).describe());
    }

    @Test
    void invalidPriorsNameTheProblem() {
        assertThrows(InvalidOptionException.class, () -> Prior.uniform(1, 1));
        assertThrows(InvalidOptionException.class, () -> Prior.gaussian(0, 0));
        var e = assertThrows(InvalidOptionException.class, () -> Prior.truncatedGaussian(0, 1e-3, 5, 6));
        assertEquals(true, e.getMessage().contains("no mass"), e.getMessage());
    }
}
