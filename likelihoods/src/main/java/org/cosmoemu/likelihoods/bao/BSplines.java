package org.cosmoemu.likelihoods.bao;

import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.NumericalException;

/**
 * B-spline building blocks, transcribed from Dierckx's FITPACK (the Fortran library behind scipy's
 * {@code UnivariateSpline}, {@code InterpolatedUnivariateSpline} and {@code RectBivariateSpline}): the knot
 * vector FITPACK uses for an interpolating spline (smoothing factor s = 0), the interval search of
 * {@code splev}, the basis recursion of {@code fpbspl}, and a banded solver for the collocation equations.
 * Indices are 0-based here (FITPACK's are 1-based).
 */
final class BSplines {
    private BSplines() {
    }

    /**
     * FITPACK's knots for an interpolating spline of odd degree k through x[0..m-1] (curfit/regrid with s = 0):
     * k+1 copies of x[0], the interior knots x[(k+1)/2 .. m-1-(k+1)/2], and k+1 copies of x[m-1]. For k = 3
     * that leaves out x[1] and x[m-2]: the "not-a-knot" end conditions.
     *
     * @param x strictly increasing abscissae, at least k+1 of them
     * @param k odd degree
     * @return the knot vector, length m + k + 1
     */
    static double[] interpolationKnots(double[] x, int k) {
        int m = x.length;
        int n = m + k + 1;
        double[] t = new double[n];
        for (int i = 0; i <= k; i++) {
            t[i] = x[0];
            t[n - 1 - i] = x[m - 1];
        }
        int first = (k + 1) / 2;
        for (int i = k + 1, j = first; i < n - k - 1; i++, j++) {
            t[i] = x[j];
        }
        return t;
    }

    /**
     * The knot interval of {@code x} as FITPACK's splev finds it: l with t[l] ≤ x &lt; t[l+1], clamped to
     * k ≤ l ≤ n−k−2 (so that the end intervals extend outwards and x = t[n−k−1] belongs to the last one).
     */
    static int interval(double[] t, int k, double x) {
        int lo = k;
        int hi = t.length - k - 2;
        if (x < t[lo + 1]) {
            return lo;
        }
        if (x >= t[hi]) {
            return hi;
        }
        // t[lo+1] <= x < t[hi]: bisect for t[l] <= x < t[l+1]
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (x >= t[mid]) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * FITPACK fpbspl: the k+1 B-splines of degree k that are non-zero on interval l, at x, into
     * h[off .. off+k]; h[off+k+1 .. off+2k] is used as scratch.
     */
    static void basis(double[] t, int k, double x, int l, double[] h, int off) {
        int hh = off + k + 1;
        h[off] = 1.0;
        for (int j = 1; j <= k; j++) {
            for (int i = 0; i < j; i++) {
                h[hh + i] = h[off + i];
            }
            h[off] = 0.0;
            for (int i = 1; i <= j; i++) {
                double tli = t[l + i];
                double tlj = t[l + i - j];
                if (tli == tlj) {
                    h[off + i] = 0.0;
                    continue;
                }
                double f = h[hh + i - 1] / (tli - tlj);
                h[off + i - 1] += f * (tli - x);
                h[off + i] = f * (x - tlj);
            }
        }
    }

    /**
     * Solves the collocation equations Σ_j B_j(x_i) c_j = y_i of an interpolating spline of degree k on the
     * knots t. The matrix is banded and totally positive, so Gaussian elimination without pivoting is stable
     * (de Boor, A Practical Guide to Splines, ch. XIII).
     *
     * @param t knots from {@link #interpolationKnots}
     * @param k degree
     * @param x abscissae
     * @param y ordinates (not modified)
     * @return the B-spline coefficients, length x.length
     */
    static double[] interpolate(double[] t, int k, double[] x, double[] y) {
        double[][] a = collocation(t, k, x);
        double[] c = y.clone();
        solveBanded(a, c, k);
        return c;
    }

    /** @return the dense collocation matrix B_j(x_i) (banded) */
    static double[][] collocation(double[] t, int k, double[] x) {
        int m = x.length;
        double[][] a = new double[m][m];
        double[] h = new double[2 * k + 1];
        for (int i = 0; i < m; i++) {
            int l = interval(t, k, x[i]);
            basis(t, k, x[i], l, h, 0);
            for (int j = 0; j <= k; j++) {
                a[i][l - k + j] = h[j];
            }
        }
        return a;
    }

    /**
     * Gaussian elimination without pivoting for a matrix whose non-zeros lie within {@code bw} of the diagonal;
     * overwrites {@code a} and replaces {@code b} by the solution.
     *
     * @throws NumericalException if a pivot vanishes or is not finite
     */
    static void solveBanded(double[][] a, double[] b, int bw) {
        int m = b.length;
        for (int p = 0; p < m; p++) {
            double piv = a[p][p];
            if (piv == 0.0 || !Double.isFinite(piv)) {
                throw new NumericalException("singular spline collocation matrix at row " + p);
            }
            int rowEnd = Math.min(m - 1, p + bw);
            int colEnd = Math.min(m - 1, p + bw);
            for (int r = p + 1; r <= rowEnd; r++) {
                double f = a[r][p] / piv;
                if (f == 0.0) {
                    continue;
                }
                a[r][p] = 0.0;
                for (int c = p + 1; c <= colEnd; c++) {
                    a[r][c] -= f * a[p][c];
                }
                b[r] -= f * b[p];
            }
        }
        for (int p = m - 1; p >= 0; p--) {
            double s = b[p];
            int colEnd = Math.min(m - 1, p + bw);
            for (int c = p + 1; c <= colEnd; c++) {
                s -= a[p][c] * b[c];
            }
            b[p] = s / a[p][p];
        }
    }

    /** @throws DataFileException unless x is finite and strictly increasing with at least {@code min} points */
    static void checkAbscissae(double[] x, int min, String what) {
        if (x.length < min) {
            throw new DataFileException(what + ": need at least " + min + " points, got " + x.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || (i > 0 && !(x[i] > x[i - 1]))) {
                throw new DataFileException(what + ": abscissae must be finite and strictly increasing (index " + i
                        + ": " + x[i] + ")");
            }
        }
    }
}
