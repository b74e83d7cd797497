package org.cosmoemu.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code exp} for whole vectors, built from IEEE arithmetic only (fused multiply-add, add, multiply, min/max)
 * and bit manipulation.
 *
 * <p>Why not {@link VectorOperators#EXP}: its result depends on how the code runs. Compiled by C2 it calls
 * the platform's SVML routine; interpreted (or before C2 kicks in) it calls {@link Math#exp} lane by lane; the
 * two can differ in the last bit (in float32 they often do). The forward pass would then give different
 * answers for the same point before and after warm-up, or in two threads. These functions give the same bits
 * in every mode, and are as accurate: within 1 ulp of the correctly rounded result for float64 and float32 in
 * the normal range ({@code VectorExpTest} checks this against {@link Math#exp}).
 *
 * <p>Method (Cody–Waite): {@code exp(x) = 2^n · exp(r)} with {@code n = round(x / ln 2)} and
 * {@code r = x − n ln 2} (|r| ≤ ln 2 / 2, computed with ln 2 split in two so it is exact), {@code exp(r)} by its
 * Taylor series to degree 13 (float64; truncation error 5e-18) or 7 (float32; 7e-9), and {@code 2^n} built in
 * the exponent bits as {@code 2^(n/2) · 2^(n − n/2)} so that the results that overflow to ∞ or underflow to
 * 0 or a subnormal come out right. Arguments are clamped to a range just beyond where exp overflows or
 * underflows, which changes no result; NaN gives NaN.
 */
final class VectorExp {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private VectorExp() {
    }

    private static final double INV_LN2 = 1.4426950408889634;
    /** ln 2 = LN2_HI + LN2_LO, with LN2_HI's last 21 bits zero (fdlibm's split). */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    /** 1.5·2^52: adding it rounds a double of magnitude below 2^51 to an integer, held in the low mantissa bits. */
    private static final double SHIFT = 0x1.8p52;
    private static final long SHIFT_BITS = Double.doubleToRawLongBits(SHIFT);
    /** Taylor coefficients 1/k! of exp. */
    private static final double T64_2 = 1.0 / 2, T64_3 = 1.0 / 6, T64_4 = 1.0 / 24, T64_5 = 1.0 / 120,
            T64_6 = 1.0 / 720, T64_7 = 1.0 / 5040, T64_8 = 1.0 / 40320, T64_9 = 1.0 / 362880,
            T64_10 = 1.0 / 3628800, T64_11 = 1.0 / 39916800, T64_12 = 1.0 / 479001600, T64_13 = 1.0 / 6227020800.0;

    private static final float INV_LN2_F = 1.44269504f;
    /** ln 2 = LN2_HI_F + LN2_LO_F, LN2_HI_F with its last 9 bits zero. */
    private static final float LN2_HI_F = 0.693145751953125f;
    private static final float LN2_LO_F = 1.428606765330187045e-06f;
    private static final float SHIFT_F = 0x1.8p23f;
    private static final int SHIFT_BITS_F = Float.floatToRawIntBits(SHIFT_F);
    private static final float T32_2 = (float) T64_2, T32_3 = (float) T64_3, T32_4 = (float) T64_4,
            T32_5 = (float) T64_5, T32_6 = (float) T64_6, T32_7 = (float) T64_7;

    /**
     * Replaces {@code a[from .. from+count)} by its exponential (within 1 ulp; +∞ above ~709.78, 0 below
     * ~−745.13).
     *
     * @param a     values (modified)
     * @param from  first index
     * @param count a multiple of {@code DoubleVector.SPECIES_PREFERRED.length()}
     */
    static void exp(double[] a, int from, int count) {
        for (int k = from; k < from + count; k += D.length()) {
            DoubleVector x = DoubleVector.fromArray(D, a, k);
            DoubleVector xc = x.max(-746.0).min(710.0); // n stays in [-1077, 1024]
            DoubleVector kd = xc.fma(INV_LN2, SHIFT);
            DoubleVector n = kd.sub(SHIFT);
            DoubleVector r = n.fma(DoubleVector.broadcast(D, -LN2_HI), xc); // exact
            r = n.fma(DoubleVector.broadcast(D, -LN2_LO), r);
            // Horner: 1 + r(1 + r(1/2 + r(1/6 + ... + r/13!)))
            DoubleVector p = r.fma(T64_13, T64_12);
            p = p.fma(r, DoubleVector.broadcast(D, T64_11));
            p = p.fma(r, DoubleVector.broadcast(D, T64_10));
            p = p.fma(r, DoubleVector.broadcast(D, T64_9));
            p = p.fma(r, DoubleVector.broadcast(D, T64_8));
            p = p.fma(r, DoubleVector.broadcast(D, T64_7));
            p = p.fma(r, DoubleVector.broadcast(D, T64_6));
            p = p.fma(r, DoubleVector.broadcast(D, T64_5));
            p = p.fma(r, DoubleVector.broadcast(D, T64_4));
            p = p.fma(r, DoubleVector.broadcast(D, T64_3));
            p = p.fma(r, DoubleVector.broadcast(D, T64_2));
            p = p.fma(r, DoubleVector.broadcast(D, 1.0));
            p = p.fma(r, DoubleVector.broadcast(D, 1.0));
            LongVector ni = kd.reinterpretAsLongs().sub(SHIFT_BITS);
            LongVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
            LongVector n2 = ni.sub(n1);
            DoubleVector s1 = n1.add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector s2 = n2.add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            p.mul(s1).mul(s2).intoArray(a, k);
        }
    }

    /**
     * Replaces {@code a[from .. from+count)} by its exponential (within 1 ulp; +∞ above ~88.72, 0 below
     * ~−103.97).
     *
     * @param a     values (modified)
     * @param from  first index
     * @param count a multiple of {@code FloatVector.SPECIES_PREFERRED.length()}
     */
    static void exp(float[] a, int from, int count) {
        for (int k = from; k < from + count; k += F.length()) {
            FloatVector x = FloatVector.fromArray(F, a, k);
            FloatVector xc = x.max(-104.0f).min(89.0f); // n stays in [-151, 129]
            FloatVector kd = xc.fma(INV_LN2_F, SHIFT_F);
            FloatVector n = kd.sub(SHIFT_F);
            FloatVector r = n.fma(FloatVector.broadcast(F, -LN2_HI_F), xc); // exact
            r = n.fma(FloatVector.broadcast(F, -LN2_LO_F), r);
            FloatVector p = r.fma(T32_7, T32_6);
            p = p.fma(r, FloatVector.broadcast(F, T32_5));
            p = p.fma(r, FloatVector.broadcast(F, T32_4));
            p = p.fma(r, FloatVector.broadcast(F, T32_3));
            p = p.fma(r, FloatVector.broadcast(F, T32_2));
            p = p.fma(r, FloatVector.broadcast(F, 1.0f));
            p = p.fma(r, FloatVector.broadcast(F, 1.0f));
            IntVector ni = kd.reinterpretAsInts().sub(SHIFT_BITS_F);
            IntVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
            IntVector n2 = ni.sub(n1);
            FloatVector s1 = n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector s2 = n2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            p.mul(s1).mul(s2).intoArray(a, k);
        }
    }
}
