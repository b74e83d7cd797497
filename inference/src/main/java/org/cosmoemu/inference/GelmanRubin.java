package org.cosmoemu.inference;

import org.cosmoemu.api.InvalidParameterException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The Gelman–Rubin convergence statistics cobaya's {@code mcmc} sampler stops on.
 *
 * <p>{@link #rMinus1}: with W = Σ_c N_c Σ_c / Σ_c N_c the mean of the chains' covariances (weighted by
 * their total weights N_c) and B the (unweighted, 1/(m−1)) covariance of the chains' means, R−1 is the
 * largest |eigenvalue| of W⁻¹B (computed, as cobaya does, as the eigenvalues of L⁻¹B'L⁻ᵀ with both
 * matrices first normalised by diag(B)^−½ and W' = LLᵀ). It measures the spread of the chain means in units
 * of the posterior width, in the worst direction.
 *
 * <p>{@link #rMinus1Cl}: the standard deviation across chains (1/m) of each chain's lower and upper
 * equal-tailed bounds, in units of √diag(W); the largest one.
 */
final class GelmanRubin {
    private GelmanRubin() {
    }

    /**
     * @param means   the chains' means, [chain][parameter], at least two chains
     * @param covs    the chains' covariances, [chain][parameter][parameter]
     * @param weights each chain's total weight N_c (&gt; 0)
     * @return R−1 for the means; NaN if it cannot be computed (fewer than two chains, a parameter whose
     *         chain means are all equal, or a singular mean covariance)
     * @throws InvalidParameterException if the arrays disagree in size
     */
    public static double rMinus1(double[][] means, double[][][] covs, double[] weights) {
        int m = means.length;
        if (covs.length != m || weights.length != m) {
            throw new InvalidParameterException(null, "means, covariances and weights are for " + m + ", " + covs.length
                    + " and " + weights.length + " chains");
        }
        if (m < 2) {
            return Double.NaN;
        }
        int d = means[0].length;
        double[][] w = meanOfCovariances(covs, weights);
        double[] avg = new double[d];
        for (double[] mu : means) {
            for (int j = 0; j < d; j++) {
                avg[j] += mu[j] / m;
            }
        }
        double[][] b = new double[d][d];
        for (double[] mu : means) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    b[i][j] += (mu[i] - avg[i]) * (mu[j] - avg[j]) / (m - 1);
                }
            }
        }
        double[] norm = new double[d];
        for (int i = 0; i < d; i++) {
            if (!(b[i][i] > 0)) {
                return Double.NaN;
            }
            norm[i] = 1 / Math.sqrt(b[i][i]);
        }
        DMatrixRMaj corrB = new DMatrixRMaj(d, d);
        DMatrixRMaj normW = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                corrB.set(i, j, b[i][j] * norm[i] * norm[j]);
                normW.set(i, j, w[i][j] * norm[i] * norm[j]);
            }
        }
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(d, true);
        if (!chol.decompose(normW)) {
            return Double.NaN;
        }
        DMatrixRMaj l = chol.getT(null);
        DMatrixRMaj lInv = new DMatrixRMaj(d, d);
        if (!CommonOps_DDRM.invert(l, lInv)) {
            return Double.NaN;
        }
        DMatrixRMaj tmp = new DMatrixRMaj(d, d);
        DMatrixRMaj sym = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(lInv, corrB, tmp);
        CommonOps_DDRM.multTransB(tmp, lInv, sym);
        for (int i = 0; i < d; i++) { // symmetrise round-off
            for (int j = 0; j < i; j++) {
                double s = 0.5 * (sym.get(i, j) + sym.get(j, i));
                sym.set(i, j, s);
                sym.set(j, i, s);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, false, true);
        if (!eig.decompose(sym)) {
            return Double.NaN;
        }
        double max = 0;
        for (int i = 0; i < d; i++) {
            max = Math.max(max, Math.abs(eig.getEigenvalue(i).getReal()));
        }
        return max;
    }

    /**
     * @param covs    the chains' covariances, [chain][parameter][parameter]
     * @param weights each chain's total weight
     * @return W = Σ_c N_c Σ_c / Σ_c N_c
     */
    public static double[][] meanOfCovariances(double[][][] covs, double[] weights) {
        int d = covs[0].length;
        double[][] w = new double[d][d];
        double total = 0;
        for (double n : weights) {
            total += n;
        }
        for (int c = 0; c < covs.length; c++) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    w[i][j] += weights[c] / total * covs[c][i][j];
                }
            }
        }
        return w;
    }

    /**
     * @param lower        each chain's lower bound per parameter, [chain][parameter]
     * @param upper        each chain's upper bound per parameter, [chain][parameter]
     * @param meanOfCovs   W, as {@link #meanOfCovariances}
     * @return max over parameters and both ends of std_c(bound) / √W_ii (std with 1/m); NaN for fewer than two
     *         chains
     */
    public static double rMinus1Cl(double[][] lower, double[][] upper, double[][] meanOfCovs) {
        int m = lower.length;
        if (m < 2) {
            return Double.NaN;
        }
        int d = lower[0].length;
        double max = 0;
        for (double[][] bound : new double[][][] {lower, upper}) {
            for (int j = 0; j < d; j++) {
                double mean = 0;
                for (double[] b : bound) {
                    mean += b[j] / m;
                }
                double var = 0;
                for (double[] b : bound) {
                    var += (b[j] - mean) * (b[j] - mean) / m;
                }
                max = Math.max(max, Math.sqrt(var) / Math.sqrt(meanOfCovs[j][j]));
            }
        }
        return max;
    }
}
