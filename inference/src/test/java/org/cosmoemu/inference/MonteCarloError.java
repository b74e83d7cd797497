package org.cosmoemu.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Test helper: a weighted-sample estimate and its Monte Carlo standard error by batch means. Each chain is
 * cut into {@code batchesPerChain} contiguous batches; the estimate is the weight-averaged batch value, and its
 * variance the ratio-estimator variance n/(n−1) Σ_b (W_b/W)² (v_b − v)² over all n batches. Batches much
 * longer than the autocorrelation length make the batch values independent, so this captures the chains'
 * correlation (and differences between chains). Independent of the sampler code: uses only the rows.
 */
final class MonteCarloError {
    private MonteCarloError() {
    }

    /** An estimate and its standard error. */
    record Estimate(double value, double error) {
        double pull(double truth) {
            return (value - truth) / error;
        }
    }

    /**
     * @param chains          the chains (burn-in removed)
     * @param batchesPerChain batches per chain
     * @param f               function of a row's values (columns, in order) whose weighted mean is estimated
     */
    static Estimate mean(Chains chains, int batchesPerChain, ToDoubleFunction<double[]> f) {
        List<double[]> batches = new ArrayList<>(); // {weight, mean}
        int nc = chains.columns().size();
        double[] row = new double[nc];
        for (int c = 0; c < chains.chainCount(); c++) {
            int n = chains.rows(c);
            for (int b = 0; b < batchesPerChain; b++) {
                int from = (int) ((long) n * b / batchesPerChain);
                int to = (int) ((long) n * (b + 1) / batchesPerChain);
                double sw = 0;
                double s = 0;
                for (int r = from; r < to; r++) {
                    for (int j = 0; j < nc; j++) {
                        row[j] = chains.value(c, r, j);
                    }
                    double w = chains.weight(c, r);
                    sw += w;
                    s += w * f.applyAsDouble(row);
                }
                batches.add(new double[] {sw, s / sw});
            }
        }
        double total = 0;
        double est = 0;
        for (double[] b : batches) {
            total += b[0];
            est += b[0] * b[1];
        }
        est /= total;
        double var = 0;
        for (double[] b : batches) {
            double f2 = b[0] / total;
            var += f2 * f2 * (b[1] - est) * (b[1] - est);
        }
        int n = batches.size();
        var *= (double) n / (n - 1);
        return new Estimate(est, Math.sqrt(var));
    }
}
