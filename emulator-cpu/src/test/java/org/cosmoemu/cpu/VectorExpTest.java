package org.cosmoemu.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/** {@link VectorExp} against {@link Math#exp} (correctly rounded to within 1 ulp by its specification). */
class VectorExpTest {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private static double exp64(double x) {
        double[] a = new double[3 * D.length()];
        java.util.Arrays.fill(a, x);
        VectorExp.exp(a, D.length(), D.length()); // only the middle vector
        assertEquals(x, a[0]);
        assertEquals(x, a[a.length - 1]);
        for (int k = D.length(); k < 2 * D.length(); k++) {
            assertEquals(Double.doubleToRawLongBits(a[D.length()]), Double.doubleToRawLongBits(a[k]), "lanes agree");
        }
        return a[D.length()];
    }

    private static float exp32(float x) {
        float[] a = new float[F.length()];
        java.util.Arrays.fill(a, x);
        VectorExp.exp(a, 0, a.length);
        return a[F.length() - 1];
    }

    /** Ulps between two doubles (for finite, same-sign values). */
    private static long ulps(double a, double b) {
        return Math.abs(Double.doubleToLongBits(a) - Double.doubleToLongBits(b));
    }

    @Test
    void float64WithinOneUlpOfMathExp() {
        SplittableRandom r = new SplittableRandom(1);
        double[] x = new double[D.length() * 25_000];
        for (int k = 0; k < x.length; k++) {
            x[k] = k % 2 == 0 ? -708.0 + 1417.0 * r.nextDouble() : -2.0 + 4.0 * r.nextDouble();
        }
        double[] e = x.clone();
        VectorExp.exp(e, 0, e.length);
        long worst = 0;
        for (int k = 0; k < x.length; k++) {
            worst = Math.max(worst, ulps(e[k], Math.exp(x[k])));
        }
        // Math.exp itself may be 1 ulp off the true value, so allow 2 between the two.
        assertTrue(worst <= 2, "worst float64 ulp difference " + worst);
    }

    @Test
    void float32WithinTwoUlpsOfCorrectlyRounded() {
        SplittableRandom r = new SplittableRandom(2);
        float[] x = new float[F.length() * 25_000];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) (k % 2 == 0 ? -87.0 + 175.0 * r.nextDouble() : -2.0 + 4.0 * r.nextDouble());
        }
        float[] e = x.clone();
        VectorExp.exp(e, 0, e.length);
        long worst = 0;
        for (int k = 0; k < x.length; k++) {
            float ref = (float) Math.exp(x[k]); // float rounding of a double within 1 ulp: correctly rounded or 1 off
            worst = Math.max(worst, Math.abs(Float.floatToIntBits(e[k]) - Float.floatToIntBits(ref)));
        }
        assertTrue(worst <= 2, "worst float32 ulp difference " + worst);
    }

    @Test
    void edgesOverflowUnderflowAndNaN() {
        assertEquals(1.0, exp64(0.0));
        assertEquals(1.0f, exp32(0.0f));
        assertEquals(Math.E, exp64(1.0), Math.ulp(Math.E));
        assertEquals(Double.POSITIVE_INFINITY, exp64(709.8));
        assertEquals(Double.POSITIVE_INFINITY, exp64(1e300));
        assertEquals(Double.POSITIVE_INFINITY, exp64(Double.POSITIVE_INFINITY));
        assertEquals(0.0, exp64(-745.2));
        assertEquals(0.0, exp64(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(exp64(Double.NaN)));
        assertEquals(Math.exp(709.78), exp64(709.78), Math.ulp(Math.exp(709.78)) * 2); // largest finite results
        assertEquals(Math.exp(-740.0), exp64(-740.0), 2 * Double.MIN_VALUE);        // subnormal results
        assertEquals(Float.POSITIVE_INFINITY, exp32(88.8f));
        assertEquals(Float.POSITIVE_INFINITY, exp32(Float.POSITIVE_INFINITY));
        assertEquals(0.0f, exp32(-104.0f));
        assertEquals(0.0f, exp32(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(exp32(Float.NaN)));
        assertEquals((float) Math.exp(88.7f), exp32(88.7f), 2 * Math.ulp((float) Math.exp(88.7f)));
        assertEquals((float) Math.exp(-100f), exp32(-100f), 2 * Float.MIN_VALUE);
    }
}
