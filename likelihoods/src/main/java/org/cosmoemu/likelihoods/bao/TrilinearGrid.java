package org.cosmoemu.likelihoods.bao;

import org.cosmoemu.api.DataFileException;

/**
 * Trilinear interpolation on a rectangular 3-D grid, as scipy's {@code RegularGridInterpolator(method="linear")}
 * computes it. Outside the grid {@link #value} returns NaN; check {@link #contains}. Immutable and
 * thread-safe; evaluation allocates nothing.
 */
final class TrilinearGrid {
    private final double[] x;
    private final double[] y;
    private final double[] z;
    private final double[] v; // v[(i * ny + j) * nz + k]

    private TrilinearGrid(double[] x, double[] y, double[] z, double[] v) {
        this.x = x;
        this.y = y;
        this.z = z;
        this.v = v;
    }

    /**
     * @param x      strictly increasing grid coordinates (≥ 2; copied)
     * @param y      strictly increasing grid coordinates (≥ 2; copied)
     * @param z      strictly increasing grid coordinates (≥ 2; copied)
     * @param values values at (x[i], y[j], z[k]) at index (i·ny + j)·nz + k (copied)
     * @return the interpolator
     * @throws DataFileException if a grid is not strictly increasing or the sizes disagree (the caller adds the
     *                           file's name)
     */
    public static TrilinearGrid of(double[] x, double[] y, double[] z, double[] values) {
        BSplines.checkAbscissae(x, 2, "trilinear grid x");
        BSplines.checkAbscissae(y, 2, "trilinear grid y");
        BSplines.checkAbscissae(z, 2, "trilinear grid z");
        if (values.length != x.length * y.length * z.length) {
            throw new DataFileException("trilinear grid: " + values.length + " values for a " + x.length + "x"
                    + y.length + "x" + z.length + " grid");
        }
        return new TrilinearGrid(x.clone(), y.clone(), z.clone(), values.clone());
    }

    /**
     * @return whether the point lies within the grid (edges included)
     */
    public boolean contains(double px, double py, double pz) {
        return px >= x[0] && px <= x[x.length - 1] && py >= y[0] && py <= y[y.length - 1] && pz >= z[0]
                && pz <= z[z.length - 1];
    }

    /**
     * @return the trilinear interpolant at the point, NaN outside the grid
     */
    public double value(double px, double py, double pz) {
        if (!contains(px, py, pz)) {
            return Double.NaN;
        }
        int i = cell(x, px);
        int j = cell(y, py);
        int k = cell(z, pz);
        double fx = (px - x[i]) / (x[i + 1] - x[i]);
        double fy = (py - y[j]) / (y[j + 1] - y[j]);
        double fz = (pz - z[k]) / (z[k + 1] - z[k]);
        int ny = y.length;
        int nz = z.length;
        double r = 0;
        for (int di = 0; di <= 1; di++) {
            double wx = di == 0 ? 1 - fx : fx;
            for (int dj = 0; dj <= 1; dj++) {
                double wy = dj == 0 ? 1 - fy : fy;
                int base = ((i + di) * ny + j + dj) * nz + k;
                r += wx * wy * ((1 - fz) * v[base] + fz * v[base + 1]);
            }
        }
        return r;
    }

    /** @return i with g[i] ≤ p ≤ g[i+1], i ≤ g.length − 2 */
    private static int cell(double[] g, double p) {
        int lo = 0;
        int hi = g.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (p >= g[mid]) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
