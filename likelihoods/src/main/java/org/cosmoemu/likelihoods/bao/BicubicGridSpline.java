package org.cosmoemu.likelihoods.bao;

import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.NumericalException;

/**
 * The bicubic spline through values on a rectangular grid that scipy's
 * {@code RectBivariateSpline(x, y, z, kx=3, ky=3)} builds (FITPACK regrid with smoothing factor 0): the
 * tensor product of the not-a-knot B-spline bases of {@link InterpolatingSpline} in x and in y, with
 * coefficients C solving A_x C A_yᵀ = Z, evaluated like FITPACK's bispev.
 *
 * <p>Outside the grid {@link #value} extrapolates with the edge polynomial pieces; callers that must not
 * extrapolate check {@link #contains}. (scipy's bispev clamps the arguments to the grid instead.) Immutable
 * and thread-safe; evaluation allocates nothing.
 */
final class BicubicGridSpline {
    private static final int K = 3;
    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[4 * (K + 1)]);

    private final double[] tx;
    private final double[] ty;
    private final double[][] coef; // [x index][y index]
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;

    private BicubicGridSpline(double[] x, double[] y, double[][] z) {
        this.tx = BSplines.interpolationKnots(x, K);
        this.ty = BSplines.interpolationKnots(y, K);
        int mx = x.length;
        int my = y.length;
        // W = A_x⁻¹ Z (column by column), then C = W A_y⁻ᵀ (row by row).
        double[][] ax = BSplines.collocation(tx, K, x);
        double[][] w = new double[mx][my];
        double[] col = new double[mx];
        for (int j = 0; j < my; j++) {
            for (int i = 0; i < mx; i++) {
                col[i] = z[i][j];
            }
            double[][] a = copy(ax);
            BSplines.solveBanded(a, col, K);
            for (int i = 0; i < mx; i++) {
                w[i][j] = col[i];
            }
        }
        double[][] ay = BSplines.collocation(ty, K, y);
        this.coef = new double[mx][];
        for (int i = 0; i < mx; i++) {
            double[] row = w[i].clone();
            BSplines.solveBanded(copy(ay), row, K);
            coef[i] = row;
        }
        this.xMin = x[0];
        this.xMax = x[mx - 1];
        this.yMin = y[0];
        this.yMax = y[my - 1];
    }

    /**
     * @param x grid abscissae, strictly increasing, at least 4 (copied)
     * @param y grid ordinates, strictly increasing, at least 4 (copied)
     * @param z values z[i][j] at (x[i], y[j]), all finite (copied)
     * @return the interpolating bicubic spline
     * @throws DataFileException  if the grid is too small, not strictly increasing, the shapes disagree, or a
     *                            value is not finite (the caller adds the file's name)
     * @throws NumericalException if the spline's collocation system is singular
     */
    public static BicubicGridSpline of(double[] x, double[] y, double[][] z) {
        BSplines.checkAbscissae(x, K + 1, "bicubic spline x");
        BSplines.checkAbscissae(y, K + 1, "bicubic spline y");
        if (z.length != x.length) {
            throw new DataFileException("bicubic spline: " + x.length + " x values but " + z.length + " rows");
        }
        for (int i = 0; i < z.length; i++) {
            if (z[i].length != y.length) {
                throw new DataFileException("bicubic spline: row " + i + " has " + z[i].length
                        + " values, expected " + y.length);
            }
            for (int j = 0; j < y.length; j++) {
                if (!Double.isFinite(z[i][j])) {
                    throw new DataFileException("bicubic spline: value [" + i + "][" + j + "] is " + z[i][j]);
                }
            }
        }
        return new BicubicGridSpline(x.clone(), y.clone(), z);
    }

    /**
     * @param x first coordinate
     * @param y second coordinate
     * @return the spline at (x, y) (extrapolated outside the grid); NaN if either is NaN
     */
    public double value(double x, double y) {
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return Double.NaN;
        }
        double[] s = SCRATCH.get();
        int lx = BSplines.interval(tx, K, x);
        int ly = BSplines.interval(ty, K, y);
        BSplines.basis(tx, K, x, lx, s, 0);
        BSplines.basis(ty, K, y, ly, s, 2 * (K + 1));
        double v = 0;
        for (int i = 0; i <= K; i++) {
            double[] row = coef[lx - K + i];
            double ri = 0;
            for (int j = 0; j <= K; j++) {
                ri += row[ly - K + j] * s[2 * (K + 1) + j];
            }
            v += s[i] * ri;
        }
        return v;
    }

    /**
     * @param x first coordinate
     * @param y second coordinate
     * @return whether (x, y) lies within the grid (edges included)
     */
    public boolean contains(double x, double y) {
        return x >= xMin && x <= xMax && y >= yMin && y <= yMax;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
