package org.cosmoemu.inference;

import java.util.Arrays;

/**
 * Moments and quantiles of weighted samples. The samples are rows {@code x[i]} with weights {@code w[i]} ≥ 0
 * (MCMC multiplicities). Package-private helper of the sampler, the summary and the diagnostics.
 */
final class WeightedStats {
    private WeightedStats() {
    }

    /** @return Σ w */
    static double sum(double[] w) {
        double s = 0;
        for (double v : w) {
            s += v;
        }
        return s;
    }

    /** @return the weighted mean of each column: Σ w x / Σ w */
    static double[] mean(double[] w, double[][] x) {
        int d = x.length == 0 ? 0 : x[0].length;
        double[] m = new double[d];
        double sw = 0;
        for (int i = 0; i < x.length; i++) {
            sw += w[i];
            for (int j = 0; j < d; j++) {
                m[j] += w[i] * x[i][j];
            }
        }
        for (int j = 0; j < d; j++) {
            m[j] /= sw;
        }
        return m;
    }

    /**
     * The covariance with weights taken as frequencies, Σ w (x−m)(x−m)ᵀ / (Σ w − 1), as numpy's
     * {@code np.cov(x.T, fweights=w)}.
     */
    static double[][] covariance(double[] w, double[][] x) {
        double[] m = mean(w, x);
        int d = m.length;
        double[][] c = new double[d][d];
        double sw = 0;
        for (int i = 0; i < x.length; i++) {
            sw += w[i];
            for (int a = 0; a < d; a++) {
                double da = x[i][a] - m[a];
                for (int b = 0; b <= a; b++) {
                    c[a][b] += w[i] * da * (x[i][b] - m[b]);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                c[a][b] /= (sw - 1);
                c[b][a] = c[a][b];
            }
        }
        return c;
    }

    /**
     * The weighted quantile: values sorted, sample i placed at cumulative-weight fraction
     * (C_i − w_i/2)/W with C_i the running sum including it, and linear interpolation between (clamped at the
     * ends). For equal weights this is the Hazen quantile (type 5 of Hyndman and Fan).
     *
     * @param w weights (not modified)
     * @param v values (not modified)
     * @param p the probabilities, each in [0, 1]
     * @return the quantiles in the order of {@code p}
     */
    static double[] quantiles(double[] w, double[] v, double... p) {
        int n = v.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += w[i];
        }
        double[] pos = new double[n];
        double[] val = new double[n];
        double c = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            c += w[i];
            pos[k] = (c - 0.5 * w[i]) / total;
            val[k] = v[i];
        }
        double[] q = new double[p.length];
        for (int t = 0; t < p.length; t++) {
            double target = p[t];
            if (target <= pos[0]) {
                q[t] = val[0];
            } else if (target >= pos[n - 1]) {
                q[t] = val[n - 1];
            } else {
                int hi = Arrays.binarySearch(pos, target);
                if (hi >= 0) {
                    q[t] = val[hi];
                } else {
                    hi = -hi - 1;
                    int lo = hi - 1;
                    double f = (target - pos[lo]) / (pos[hi] - pos[lo]);
                    q[t] = val[lo] + f * (val[hi] - val[lo]);
                }
            }
        }
        return q;
    }
}
