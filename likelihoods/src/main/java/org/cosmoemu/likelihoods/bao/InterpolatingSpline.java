package org.cosmoemu.likelihoods.bao;

import java.util.Arrays;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.NumericalException;

/**
 * The cubic spline through given points that scipy's {@code UnivariateSpline(x, y, s=0, k=3)} and
 * {@code InterpolatedUnivariateSpline(x, y)} build (FITPACK curfit with smoothing factor 0): B-splines on the
 * knots x[0]×4, x[2], …, x[m−3], x[m−1]×4 — every data point but the second and the second-to-last, i.e. the
 * not-a-knot interpolant — with coefficients from the collocation equations, evaluated by de Boor's
 * recursion exactly as FITPACK's splev does.
 *
 * <p>Outside [x[0], x[m−1]] {@link #value} extrapolates with the end polynomial pieces (FITPACK ext = 0);
 * callers that must not extrapolate check {@link #contains} first. Immutable and thread-safe; evaluation
 * allocates nothing (per-thread scratch).
 */
public final class InterpolatingSpline {
    private static final int K = 3;
    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[2 * (K + 1)]);

    private final double[] t;   // knots
    private final double[] c;   // B-spline coefficients of the spline
    private final double[] dt;  // knots of the derivative (degree 2): t[1 .. n-2]
    private final double[] dc;  // its coefficients
    private final double xMin;
    private final double xMax;

    private InterpolatingSpline(double[] x, double[] y) {
        this.t = BSplines.interpolationKnots(x, K);
        this.c = BSplines.interpolate(t, K, x, y);
        this.xMin = x[0];
        this.xMax = x[x.length - 1];
        // FITPACK splder: derivative coefficients k (c[i+1] − c[i]) / (t[i+k+1] − t[i+1]) on knots t[1..n−2].
        int n = t.length;
        this.dt = Arrays.copyOfRange(t, 1, n - 1);
        this.dc = new double[c.length - 1];
        for (int i = 0; i < dc.length; i++) {
            dc[i] = K * (c[i + 1] - c[i]) / (t[i + K + 1] - t[i + 1]);
        }
    }

    /**
     * {@return the interpolating cubic spline}
     *
     * @param x strictly increasing, finite abscissae, at least 4 (copied)
     * @param y ordinates, same length, finite (copied)
     * @throws DataFileException  if the lengths differ, there are fewer than 4 points, x is not strictly
     *   increasing or a value is not finite (the caller adds the file's name)
     * @throws NumericalException if the spline's collocation system is singular
     */
    public static InterpolatingSpline of(double[] x, double[] y) {
        BSplines.checkAbscissae(x, K + 1, "interpolating spline");
        if (y.length != x.length) {
            throw new DataFileException("interpolating spline: " + x.length + " abscissae but " + y.length
                    + " ordinates");
        }
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new DataFileException("interpolating spline: ordinate " + i + " is " + y[i]);
            }
        }
        return new InterpolatingSpline(x.clone(), y.clone());
    }

    /**
     * {@return the spline at x (extrapolated outside the data range); NaN for NaN}
     *
     * @param x abscissa
     */
    public double value(double x) {
        return evaluate(t, c, K, x);
    }

    /**
     * {@return the first derivative at x, as FITPACK splder + splev compute it}
     *
     * @param x abscissa
     */
    public double derivative(double x) {
        return evaluate(dt, dc, K - 1, x);
    }

    /**
     * {@return whether x lies within [first abscissa, last abscissa]}
     *
     * @param x abscissa
     */
    public boolean contains(double x) {
        return x >= xMin && x <= xMax;
    }

    /** {@return the first abscissa} */
    public double xMin() {
        return xMin;
    }

    /** {@return the last abscissa} */
    public double xMax() {
        return xMax;
    }

    /** {@return a copy of the knot vector (as scipy's {@code _eval_args[0]})} */
    public double[] knots() {
        return t.clone();
    }

    /** {@return a copy of the B-spline coefficients (as scipy's {@code get_coeffs()})} */
    public double[] coefficients() {
        return c.clone();
    }

    private static double evaluate(double[] t, double[] c, int k, double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        double[] s = SCRATCH.get();
        int l = BSplines.interval(t, k, x);
        BSplines.basis(t, k, x, l, s, 0);
        double v = 0;
        for (int j = 0; j <= k; j++) {
            v += c[l - k + j] * s[j];
        }
        return v;
    }
}
