package org.cosmoemu.plots;

import java.util.Arrays;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.NumericalException;

/**
 * Gaussian kernel density estimates of weighted samples on regular grids, for marginal posterior plots.
 *
 * <p>Method: the weights are binned linearly onto a grid that extends four bandwidths beyond the plotted
 * range, convolved with the Gaussian kernel, and, where a prior bound lies inside the range, the part that
 * spilled beyond the bound is reflected back (the "reflection" boundary correction; the density is zero
 * outside the bound). Bandwidths follow Scott's rule with the effective sample size of the weights,
 * n_eff = (Σw)²/Σw²: h = σ n_eff^(−1/5) in 1-D and h_i = σ_i n_eff^(−1/6) in 2-D, times a {@code smoothing}
 * factor (1 = Scott). In 2-D the kernel has the samples' correlation, as GetDist's, so that tilted
 * posteriors are not smeared across their narrow direction. MCMC samples are correlated, so n_eff overstates
 * the information: the plots use a smoothing factor above 1 for visually smooth contours.
 */
final class Kde {
    private Kde() {
    }

    /**
     * A density on a 1-D grid.
     *
     * @param x       grid points, increasing, uniformly spaced
     * @param density the density at them, normalised so that Σ density × Δx = 1 over all mass (including mass
     *                outside the grid, which is then missing from the sum)
     */
    public record Density1D(double[] x, double[] density) {
        /** @return the largest density value */
        public double max() {
            return Arrays.stream(density).max().orElse(0);
        }
    }

    /**
     * A density on a 2-D grid.
     *
     * @param x       grid points along x (uniform)
     * @param y       grid points along y (uniform)
     * @param density the density, [ix][iy], normalised to unit total mass (Σ density × Δx Δy = 1 counting the mass
     *                that lies off the grid)
     */
    public record Density2D(double[] x, double[] y, double[][] density) {

        /**
         * The highest-density level whose region holds a given mass: the value t such that the grid cells with
         * density ≥ t hold {@code mass} of the total on the grid (the region GetDist shades as the 68% or 95%
         * contour).
         *
         * @param mass enclosed probability, in (0, 1)
         * @return the density threshold
         * @throws InvalidOptionException if mass is outside (0, 1)
         */
        public double levelEnclosing(double mass) {
            return levels(density, mass)[0];
        }
    }

    /**
     * @param density a gridded density (not modified); cells of equal area
     * @param masses  enclosed probabilities, each in (0, 1)
     * @return for each mass the largest threshold t such that the cells with value ≥ t hold at least that
     *         fraction of the grid's total
     * @throws InvalidOptionException if a mass is outside (0, 1)
     */
    public static double[] levels(double[][] density, double... masses) {
        int n = 0;
        for (double[] row : density) {
            n += row.length;
        }
        double[] v = new double[n];
        int k = 0;
        for (double[] row : density) {
            for (double d : row) {
                v[k++] = d;
            }
        }
        Arrays.sort(v); // ascending; walk from the top
        double total = 0;
        for (double d : v) {
            total += d;
        }
        double[] out = new double[masses.length];
        for (int m = 0; m < masses.length; m++) {
            double p = masses[m];
            if (!(p > 0 && p < 1)) {
                throw new InvalidOptionException("mass", "contour mass must be in (0, 1), got " + p);
            }
            double target = p * total;
            double cum = 0;
            out[m] = v[0];
            for (int i = n - 1; i >= 0; i--) {
                double next = cum + v[i];
                if (next >= target) {
                    out[m] = v[i]; // cells down to this one hold at least the target mass (overshoot < one cell)
                    break;
                }
                cum = next;
            }
        }
        return out;
    }

    /** @return (Σw)²/Σw² */
    static double effectiveSamples(double[] w) {
        double s = 0;
        double s2 = 0;
        for (double v : w) {
            s += v;
            s2 += v * v;
        }
        return s * s / s2;
    }

    static double[] meanAndSd(double[] w, double[] v) {
        double sw = 0;
        double m = 0;
        for (int i = 0; i < v.length; i++) {
            sw += w[i];
            m += w[i] * v[i];
        }
        m /= sw;
        double var = 0;
        for (int i = 0; i < v.length; i++) {
            var += w[i] * (v[i] - m) * (v[i] - m);
        }
        return new double[] {m, Math.sqrt(var / sw)};
    }

    /**
     * @param w         weights (not modified)
     * @param v         values (not modified)
     * @param lo        lower end of the grid
     * @param hi        upper end, &gt; lo
     * @param n         grid points, ≥ 2
     * @param lower     prior lower bound ({@code -Infinity} if none): no density below it, reflection at it
     * @param upper     prior upper bound
     * @param smoothing bandwidth factor relative to Scott's rule
     * @return the density on n points from lo to hi
     * @throws InvalidOptionException if the grid arguments are invalid
     * @throws NumericalException     if the samples have no spread (the kernel width would be zero)
     */
    public static Density1D density1D(double[] w, double[] v, double lo, double hi, int n, double lower, double upper,
            double smoothing) {
        if (!(hi > lo) || n < 2) {
            throw new InvalidOptionException(null, "1-D density grid needs lo < hi and n >= 2, got [" + lo + ", " + hi + "], n=" + n);
        }
        double[] ms = meanAndSd(w, v);
        if (!(ms[1] > 0)) {
            throw new NumericalException("samples have no spread (all equal to " + ms[0] + ")");
        }
        double h = smoothing * ms[1] * Math.pow(effectiveSamples(w), -0.2);
        double dx = (hi - lo) / (n - 1);
        int pad = (int) Math.ceil(4 * h / dx) + 1;
        int m = n + 2 * pad;
        double x0 = lo - pad * dx;
        double[] bins = new double[m];
        double sw = 0;
        for (int i = 0; i < v.length; i++) {
            sw += w[i];
            binLinear(bins, x0, dx, v[i], w[i]);
            if (Double.isFinite(lower) && v[i] - lower < 4 * h) {
                binLinear(bins, x0, dx, 2 * lower - v[i], w[i]);
            }
            if (Double.isFinite(upper) && upper - v[i] < 4 * h) {
                binLinear(bins, x0, dx, 2 * upper - v[i], w[i]);
            }
        }
        double[] kernel = gaussianKernel(h / dx);
        int kr = kernel.length / 2;
        double[] x = new double[n];
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + i * dx;
            if (x[i] < lower || x[i] > upper) {
                continue;
            }
            int c = i + pad;
            double s = 0;
            for (int j = -kr; j <= kr; j++) {
                int b = c + j;
                if (b >= 0 && b < m) {
                    s += bins[b] * kernel[j + kr];
                }
            }
            d[i] = s / (sw * dx);
        }
        return new Density1D(x, d);
    }

    /**
     * @param w         weights
     * @param vx        x values
     * @param vy        y values
     * @param xRange    {lo, hi} of the x grid
     * @param yRange    {lo, hi} of the y grid
     * @param n         grid points per axis, ≥ 2
     * @param xBounds   {lower, upper} prior bounds of x (infinite for none)
     * @param yBounds   {lower, upper} prior bounds of y
     * @param smoothing bandwidth factor relative to Scott's rule
     * @return the density on an n × n grid
     * @throws InvalidOptionException if the grid arguments are invalid
     * @throws NumericalException     if the samples have no spread (the kernel width would be zero)
     */
    public static Density2D density2D(double[] w, double[] vx, double[] vy, double[] xRange, double[] yRange, int n,
            double[] xBounds, double[] yBounds, double smoothing) {
        if (!(xRange[1] > xRange[0]) || !(yRange[1] > yRange[0]) || n < 2) {
            throw new InvalidOptionException(null, "2-D density grid needs increasing ranges and n >= 2");
        }
        double[] mx = meanAndSd(w, vx);
        double[] my = meanAndSd(w, vy);
        if (!(mx[1] > 0) || !(my[1] > 0)) {
            throw new NumericalException("samples have no spread in x or y");
        }
        double sw = 0;
        double cxy = 0;
        for (int i = 0; i < w.length; i++) {
            sw += w[i];
            cxy += w[i] * (vx[i] - mx[0]) * (vy[i] - my[0]);
        }
        double rho = Math.max(-0.995, Math.min(0.995, cxy / sw / (mx[1] * my[1])));
        double f = smoothing * Math.pow(effectiveSamples(w), -1.0 / 6);
        double hx = f * mx[1];
        double hy = f * my[1];
        double dx = (xRange[1] - xRange[0]) / (n - 1);
        double dy = (yRange[1] - yRange[0]) / (n - 1);
        int px = (int) Math.ceil(4 * hx / dx) + 1;
        int py = (int) Math.ceil(4 * hy / dy) + 1;
        int mxn = n + 2 * px;
        int myn = n + 2 * py;
        double x0 = xRange[0] - px * dx;
        double y0 = yRange[0] - py * dy;
        double[][] bins = new double[mxn][myn];
        for (int i = 0; i < w.length; i++) {
            // the sample and its mirror images across nearby prior bounds (corners included)
            double[] xs = mirrors(vx[i], xBounds, 4 * hx);
            double[] ys = mirrors(vy[i], yBounds, 4 * hy);
            for (double a : xs) {
                for (double b : ys) {
                    binBilinear(bins, x0, dx, y0, dy, a, b, w[i]);
                }
            }
        }
        // kernel exp(-(u² - 2ρuv + v²) / (2(1-ρ²))) with u = Δx/hx, v = Δy/hy
        int kx = (int) Math.ceil(4 * hx / dx);
        int ky = (int) Math.ceil(4 * hy / dy);
        double[][] kernel = new double[2 * kx + 1][2 * ky + 1];
        double ksum = 0;
        for (int a = -kx; a <= kx; a++) {
            for (int b = -ky; b <= ky; b++) {
                double u = a * dx / hx;
                double v = b * dy / hy;
                double q = (u * u - 2 * rho * u * v + v * v) / (1 - rho * rho);
                kernel[a + kx][b + ky] = q > 32 ? 0 : Math.exp(-0.5 * q);
                ksum += kernel[a + kx][b + ky];
            }
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xRange[0] + i * dx;
            y[i] = yRange[0] + i * dy;
        }
        double[][] d = new double[n][n];
        double norm = 1 / (ksum * sw * dx * dy);
        for (int i = 0; i < n; i++) {
            if (x[i] < xBounds[0] || x[i] > xBounds[1]) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                if (y[j] < yBounds[0] || y[j] > yBounds[1]) {
                    continue;
                }
                double s = 0;
                int ci = i + px;
                int cj = j + py;
                for (int a = -kx; a <= kx; a++) {
                    int bi = ci + a;
                    if (bi < 0 || bi >= mxn) {
                        continue;
                    }
                    double[] row = bins[bi];
                    double[] krow = kernel[a + kx];
                    for (int b = -ky; b <= ky; b++) {
                        int bj = cj + b;
                        if (bj >= 0 && bj < myn) {
                            s += row[bj] * krow[b + ky];
                        }
                    }
                }
                d[i][j] = s * norm;
            }
        }
        return new Density2D(x, y, d);
    }

    private static double[] mirrors(double v, double[] bounds, double reach) {
        boolean lo = Double.isFinite(bounds[0]) && v - bounds[0] < reach;
        boolean hi = Double.isFinite(bounds[1]) && bounds[1] - v < reach;
        if (!lo && !hi) {
            return new double[] {v};
        }
        if (lo && hi) {
            return new double[] {v, 2 * bounds[0] - v, 2 * bounds[1] - v};
        }
        return new double[] {v, lo ? 2 * bounds[0] - v : 2 * bounds[1] - v};
    }

    private static void binLinear(double[] bins, double x0, double dx, double v, double w) {
        double t = (v - x0) / dx;
        int i = (int) Math.floor(t);
        double f = t - i;
        if (i >= 0 && i < bins.length) {
            bins[i] += w * (1 - f);
        }
        if (i + 1 >= 0 && i + 1 < bins.length) {
            bins[i + 1] += w * f;
        }
    }

    private static void binBilinear(double[][] bins, double x0, double dx, double y0, double dy, double a, double b,
            double w) {
        double tx = (a - x0) / dx;
        double ty = (b - y0) / dy;
        int i = (int) Math.floor(tx);
        int j = (int) Math.floor(ty);
        double fx = tx - i;
        double fy = ty - j;
        add(bins, i, j, w * (1 - fx) * (1 - fy));
        add(bins, i + 1, j, w * fx * (1 - fy));
        add(bins, i, j + 1, w * (1 - fx) * fy);
        add(bins, i + 1, j + 1, w * fx * fy);
    }

    private static void add(double[][] bins, int i, int j, double w) {
        if (i >= 0 && i < bins.length && j >= 0 && j < bins[0].length) {
            bins[i][j] += w;
        }
    }

    /** @return the Gaussian kernel exp(−k²/(2σ²)) for k = −⌈4σ⌉..⌈4σ⌉, σ in grid steps, normalised to sum 1 */
    private static double[] gaussianKernel(double sigma) {
        int r = (int) Math.ceil(4 * sigma);
        double[] k = new double[2 * r + 1];
        double s = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
            s += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= s;
        }
        return k;
    }
}
