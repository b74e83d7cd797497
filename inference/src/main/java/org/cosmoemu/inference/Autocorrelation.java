package org.cosmoemu.inference;

import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * The integrated autocorrelation time of an ensemble's walkers, as emcee estimates it (Goodman &amp; Weare 2010;
 * Foreman-Mackey et al. 2013; Sokal 1996): the normalised autocorrelation function of each walker's chain
 * (by FFT), averaged over walkers, summed as τ = 1 + 2 Σ_{t=1}^{M} ρ(t) with the automatic window M, the smallest
 * M ≥ c τ(M) (c = 5).
 */
public final class Autocorrelation {
    /** Sokal's window constant. */
    public static final double WINDOW = 5.0;

    private Autocorrelation() {
    }

    /**
     * The integrated autocorrelation time of one parameter, from its walker-averaged autocorrelation function (the
     * self-consistent window of Sokal with c = {@value #WINDOW}).
     *
     * @param chains {@code chains[walker][step]}: one parameter's values, equal lengths ≥ 2 (not modified)
     * @return the integrated autocorrelation time in steps (≥ 1 for a well-mixed chain; NaN when a chain is
     *         constant)
     */
    public static double integratedTime(double[][] chains) {
        int n = chains[0].length;
        double[] rho = new double[n];
        int used = 0;
        for (double[] c : chains) {
            double[] f = function(c);
            if (f == null) {
                continue;
            }
            for (int t = 0; t < n; t++) {
                rho[t] += f[t];
            }
            used++;
        }
        if (used == 0) {
            return Double.NaN;
        }
        double tau = 1;
        for (int m = 1; m < n; m++) {
            tau += 2 * rho[m] / used;
            if (m >= WINDOW * tau) {
                return tau;
            }
        }
        return tau;
    }

    /**
     * @param x a chain (not modified)
     * @return its normalised autocorrelation function ρ(0..n−1), ρ(0) = 1; null when x is constant
     */
    static double[] function(double[] x) {
        int n = x.length;
        int size = Integer.highestOneBit(Math.max(1, 2 * n - 1));
        if (size < 2 * n) {
            size <<= 1;
        }
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double[] re = new double[size];
        double[] im = new double[size];
        for (int i = 0; i < n; i++) {
            re[i] = x[i] - mean;
        }
        double[][] data = {re, im};
        FastFourierTransformer.transformInPlace(data, DftNormalization.STANDARD, TransformType.FORWARD);
        for (int i = 0; i < size; i++) {
            re[i] = re[i] * re[i] + im[i] * im[i];
            im[i] = 0;
        }
        FastFourierTransformer.transformInPlace(data, DftNormalization.STANDARD, TransformType.INVERSE);
        double c0 = re[0];
        if (!(c0 > 0)) {
            return null;
        }
        double[] f = new double[n];
        for (int t = 0; t < n; t++) {
            f[t] = re[t] / c0;
        }
        return f;
    }
}
