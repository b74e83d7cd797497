package org.cosmoemu.theory;

/**
 * Gauss–Legendre quadrature rules on [−1, 1], computed (not typed in) by Newton iteration on the Legendre
 * polynomial P_n, to full double precision.
 */
final class GaussLegendre {
    private GaussLegendre() {
    }

    /**
     * @param n number of points ≥ 1
     * @return {nodes, weights}, nodes ascending
     */
    static double[][] rule(int n) {
        double[] x = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int iter = 0; iter < 100; iter++) {
                double p0 = 1;
                double p1 = z;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                // p1 = P_n(z), p0 = P_{n-1}(z)
                dp = n * (z * p1 - p0) / (z * z - 1);
                double dz = p1 / dp;
                z -= dz;
                if (Math.abs(dz) < 1e-16) {
                    break;
                }
            }
            x[i] = -z;
            x[n - 1 - i] = z;
            w[i] = 2.0 / ((1 - z * z) * dp * dp);
            w[n - 1 - i] = w[i];
        }
        if (n % 2 == 1) {
            x[n / 2] = 0.0;
        }
        return new double[][] {x, w};
    }
}
