package org.cosmoemu.likelihoods.bao;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.testing.SharedTestData;
import org.junit.jupiter.api.Test;

/** Against scipy 1.17 numbers from src/test/scripts/spline_reference.py. */
class InterpolatingSplineTest {

    /** x_i = i + 0.3 sin i, y_i = sin x_i + 0.1 x_i², i = 0..19: a non-uniform grid. */
    private static InterpolatingSpline synthetic() {
        double[] x = new double[20];
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            x[i] = i + 0.3 * Math.sin(i);
            y[i] = Math.sin(x[i]) + 0.1 * x[i] * x[i];
        }
        return InterpolatingSpline.of(x, y);
    }

    @Test
    void sameKnotsCoefficientsValuesAndDerivativesAsScipy() {
        InterpolatingSpline s = synthetic();
        // scipy get_knots() lists the distinct knots; FITPACK's full vector repeats the ends 4 times.
        double[] distinct = {0.0, 2.2727892280477047, 3.04233600241796, 3.7729592514076216, 4.712322717601058,
            5.916175350540322, 7.197095979615637, 8.296807473987014, 9.123635545572528, 9.83679366673319,
            10.700002938034789, 11.839028124599869, 13.126050111047991, 14.297182206708461, 15.195086352047134,
            15.91362900500048, 16.711580752436134, 19.044963162898885};
        double[] t = s.knots();
        assertEquals(24, t.length);
        assertArrayEquals(distinct, java.util.Arrays.copyOfRange(t, 3, 21), 0.0);
        assertEquals(t[0], t[3], 0.0);
        assertEquals(t[20], t[23], 0.0);
        double[] coeffs = {1.3821324252169645e-17, 0.9481354126077608, 1.5657917312393568, 1.0187922200269064,
            0.7363368123169567, 1.0578277931806064};
        double[] c = s.coefficients();
        for (int i = 0; i < coeffs.length; i++) {
            assertEquals(coeffs[i], c[i], 1e-13, "coefficient " + i);
        }
        double[] q = {-0.5, 0.0, 0.37, 1.0, 2.718, 5.5, 10.01, 17.3, 19.044963162898885, 19.9};
        double[] value = {-0.6953102192518853, 1.3821324252169645e-17, 0.42391017844460177, 0.9599657215297213,
            1.151375213948688, 2.3267826198444976, 9.467966992988215, 28.944378328996862, 36.46522822968857,
            41.01272232926499};
        double[] deriv = {1.5275183677980915, 1.2515046281993287, 1.03868723013035, 0.6595552908196309,
            -0.3729900877988659, 1.798097687938736, 1.170206644512945, 3.4845475427919896, 5.035735027710502,
            5.577261210813629};
        for (int i = 0; i < q.length; i++) {
            assertEquals(value[i], s.value(q[i]), 1e-13 * Math.max(1, Math.abs(value[i])), "S(" + q[i] + ")");
            assertEquals(deriv[i], s.derivative(q[i]), 1e-12 * Math.max(1, Math.abs(deriv[i])), "S'(" + q[i] + ")");
        }
        assertTrue(s.contains(0.0) && s.contains(19.044963162898885));
        assertFalse(s.contains(-1e-9) || s.contains(19.05) || s.contains(Double.NaN));
        assertTrue(Double.isNaN(s.value(Double.NaN)));
    }

    @Test
    void sdssMgsSplineMatchesScipy() {
        Path f = SharedTestData.path("likelihoods/bao/sdss_MGS_prob.txt");
        SplineBaoLikelihood mgs = BaoDataSets.readMgs(f);
        double[] q = {0.8005, 0.80051, 0.8123456, 0.9, 0.95, 1.0, 1.0234567, 1.05, 1.1, 1.1984, 1.1985};
        double[] value = {-4.273915946765001, -4.267574330645678, -4.0687576700750325, -4.307579860945049,
            -2.6417376304156783, -0.6085902273772376, -0.09284188063044213, -0.045051864686285054, -1.1086037841517171,
            -3.3507210761582, -3.351782183355};
        InterpolatingSpline s = mgs.spline();
        assertEquals(397 + 6, s.knots().length, "scipy reports 397 distinct knots");
        for (int i = 0; i < q.length; i++) {
            assertEquals(value[i], s.value(q[i]), 1e-12, "MGS lnL(alpha=" + q[i] + ")");
        }
    }

    @Test
    void rejectsBadInput() {
        assertThrows(DataFileException.class, () -> InterpolatingSpline.of(new double[] {0, 1, 2}, new double[] {0, 1, 2}));
        assertThrows(DataFileException.class,
                () -> InterpolatingSpline.of(new double[] {0, 1, 1, 2}, new double[] {0, 1, 2, 3}));
        assertThrows(DataFileException.class,
                () -> InterpolatingSpline.of(new double[] {0, 1, 2, 3}, new double[] {0, 1, Double.NaN, 3}));
        assertThrows(DataFileException.class,
                () -> InterpolatingSpline.of(new double[] {0, 1, 2, 3}, new double[] {0, 1, 2}));
    }

    /** Cubic polynomials are reproduced exactly by any cubic spline interpolant. */
    @Test
    void reproducesCubicsExactly() {
        double[] x = {0, 0.1, 0.5, 0.6, 1.3, 2.0, 2.1, 3.7};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 1 - 2 * x[i] + 0.5 * x[i] * x[i] - 0.3 * x[i] * x[i] * x[i];
        }
        InterpolatingSpline s = InterpolatingSpline.of(x, y);
        for (double v = -0.5; v < 4.2; v += 0.0731) {
            assertEquals(1 - 2 * v + 0.5 * v * v - 0.3 * v * v * v, s.value(v), 1e-12, "at " + v);
            assertEquals(-2 + v - 0.9 * v * v, s.derivative(v), 1e-11, "derivative at " + v);
        }
    }
}
