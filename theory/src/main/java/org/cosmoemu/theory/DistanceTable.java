package org.cosmoemu.theory;

import java.util.function.DoubleUnaryOperator;

/**
 * The comoving distance χ(z) = ∫₀^z c dz'/H(z') of a flat background, the way both exact backgrounds compute it:
 * a table at the nodes of a grid uniform in x = ln(1+z) (step {@value FlatLcdmBackground#DX}, 6-point
 * Gauss–Legendre per step), filled on demand up to the largest redshift asked so far, plus the integral over the
 * remaining partial step by 5-point Gauss–Legendre, so distances carry no interpolation error. Beyond
 * z = {@value FlatLcdmBackground#Z_TABLE_MAX} the integral is continued by quadrature. The values do not depend on
 * the order of the queries. Thread-safe: filling is synchronised, reading a filled node is one volatile read.
 */
final class DistanceTable {

    private static final double DX = FlatLcdmBackground.DX;
    private static final int NODES = (int) Math.ceil(Math.log1p(FlatLcdmBackground.Z_TABLE_MAX) / DX);
    private static final double X_TABLE_MAX = NODES * DX;

    private static final double[][] GL6 = GaussLegendre.rule(6);
    private static final double[] GL6_X = GL6[0];
    private static final double[] GL6_W = GL6[1];
    private static final double[][] GL5 = GaussLegendre.rule(5);
    private static final double[] GL5_X = GL5[0];
    private static final double[] GL5_W = GL5[1];

    /** dχ/dx = c (1+z) / H(z) in Mpc at x = ln(1+z). */
    private final DoubleUnaryOperator dChiDx;
    /** χ (Mpc) at the nodes x_k = k DX, filled up to {@link #filled}. */
    private final double[] chi = new double[NODES + 1];
    /** How many nodes of {@link #chi} hold their value (written after them: readers see the values). */
    private volatile int filled = 1; // chi[0] = 0

    /** @param dChiDx c (1+z) / H(z) in Mpc as a function of x = ln(1+z) */
    DistanceTable(DoubleUnaryOperator dChiDx) {
        this.dChiDx = dChiDx;
    }

    /** @return χ(z) in Mpc; {@code z} must already be checked (finite, ≥ 0) */
    double comovingDistance(double z) {
        double x = Math.log1p(z);
        if (x >= X_TABLE_MAX) {
            fillThrough(NODES);
            return chi[NODES] + integrate(X_TABLE_MAX, x);
        }
        int k = (int) (x / DX);
        fillThrough(k);
        double x0 = k * DX;
        double half = 0.5 * (x - x0);
        double mid = x0 + half;
        double sum = 0;
        for (int g = 0; g < GL5_X.length; g++) {
            sum += GL5_W[g] * dChiDx.applyAsDouble(mid + half * GL5_X[g]);
        }
        return chi[k] + half * sum;
    }

    /** Fills the table through node {@code k}, continuing from the last filled node. */
    private void fillThrough(int k) {
        if (k < filled) {
            return;
        }
        synchronized (chi) {
            int f = filled;
            for (int j = f; j <= k; j++) {
                chi[j] = chi[j - 1] + integrate((j - 1) * DX, j * DX);
            }
            if (k + 1 > f) {
                filled = k + 1;
            }
        }
    }

    /** @return ∫ dχ/dx dx from x0 to x1, in panels of at most DX */
    private double integrate(double x0, double x1) {
        int panels = Math.max(1, (int) Math.ceil((x1 - x0) / DX - 1e-12));
        double w = (x1 - x0) / panels;
        double sum = 0;
        for (int p = 0; p < panels; p++) {
            double mid = x0 + (p + 0.5) * w;
            for (int g = 0; g < GL6_X.length; g++) {
                sum += GL6_W[g] * dChiDx.applyAsDouble(mid + 0.5 * w * GL6_X[g]);
            }
        }
        return 0.5 * w * sum;
    }
}
