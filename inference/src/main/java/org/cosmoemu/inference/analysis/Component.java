package org.cosmoemu.inference.analysis;

import java.util.List;
import org.cosmoemu.api.NumericalException;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.NuisanceParameter;
import org.cosmoemu.theory.Observables;
import org.cosmoemu.theory.Requirements;

/** One likelihood of an analysis, bound to the analysis's quantities by index. Immutable, thread-safe. */
interface Component {

    /** @return the likelihood's name in the file (its chi2 column is {@code chi2__NAME}) */
    String key();

    /** @return what it needs from the theory ({@link Requirements#none()} for none) */
    Requirements requirements();

    /** @return {@code true} if it reads theory results */
    boolean needsTheory();

    /**
     * @param theory the theory at the point (null when no component needs one)
     * @param values every quantity of the analysis by index: reads its inputs, may write its outputs
     * @return ln L
     */
    double logLike(Observables theory, double[] values);

    /** An SDK likelihood fed by the theory, with its nuisance parameters taken from the analysis's values. */
    record Sdk(String key, Likelihood likelihood, int[] nuisance) implements Component {
        private static final double[] NO_NUISANCE = new double[0];

        @Override
        public Requirements requirements() {
            return likelihood.requirements();
        }

        @Override
        public boolean needsTheory() {
            return true;
        }

        @Override
        public double logLike(Observables theory, double[] values) {
            if (nuisance.length == 0) {
                return likelihood.logLike(theory, NO_NUISANCE);
            }
            double[] n = new double[nuisance.length];
            for (int i = 0; i < n.length; i++) {
                n[i] = values[nuisance[i]];
            }
            return likelihood.logLike(theory, n);
        }

        List<NuisanceParameter> nuisanceParameters() {
            return likelihood.nuisanceParameters();
        }
    }

    /**
     * cobaya's built-in {@code gaussian_mixture}: ln of a weighted sum of normalised multivariate Gaussians in
     * the parameters {@code inputs}; its derived outputs are each mode's standardised coordinates
     * L⁻¹(x − μ) (L the Cholesky factor of the mode's covariance), as in cobaya.
     *
     * @param key      the name in the file
     * @param inputs   indices of the input parameters
     * @param means    {@code means[mode][i]}
     * @param invChol  {@code invChol[mode]}: L⁻¹, row-major d × d
     * @param logNorm  {@code logNorm[mode]}: ln(weight) − ½ ln det(2π Σ)
     * @param outputs  indices of the derived outputs ({@code d × modes}), or empty
     */
    record Gaussian(String key, int[] inputs, double[][] means, double[][] invChol, double[] logNorm, int[] outputs)
            implements Component {

        /**
         * @param key     the name
         * @param inputs  parameter indices
         * @param means   the modes' means
         * @param covs    the modes' covariances
         * @param weights the modes' weights (normalised here)
         * @param outputs derived-output indices (d × modes, or none)
         * @return the likelihood
         * @throws NumericalException if a covariance is not positive definite
         */
        static Gaussian of(String key, int[] inputs, double[][] means, double[][][] covs, double[] weights, int[] outputs) {
            int d = inputs.length;
            int m = means.length;
            double wsum = 0;
            for (double w : weights) {
                wsum += w;
            }
            double[][] inv = new double[m][];
            double[] norm = new double[m];
            for (int k = 0; k < m; k++) {
                double[] l = cholesky(covs[k], key, k);
                double logDet = 0;
                for (int i = 0; i < d; i++) {
                    logDet += 2 * Math.log(l[i * d + i]);
                }
                inv[k] = lowerInverse(l, d);
                norm[k] = Math.log(weights[k] / wsum) - 0.5 * (d * Math.log(2 * Math.PI) + logDet);
            }
            return new Gaussian(key, inputs.clone(), means, inv, norm, outputs.clone());
        }

        @Override
        public Requirements requirements() {
            return Requirements.none();
        }

        @Override
        public boolean needsTheory() {
            return false;
        }

        @Override
        public double logLike(Observables theory, double[] values) {
            int d = inputs.length;
            double[] z = new double[d];
            double max = Double.NEGATIVE_INFINITY;
            double[] lp = new double[means.length];
            for (int k = 0; k < means.length; k++) {
                double chi2 = 0;
                for (int i = 0; i < d; i++) {
                    double s = 0;
                    for (int j = 0; j <= i; j++) {
                        s += invChol[k][i * d + j] * (values[inputs[j]] - means[k][j]);
                    }
                    z[i] = s;
                    chi2 += s * s;
                    if (outputs.length > 0) {
                        values[outputs[k * d + i]] = s;
                    }
                }
                lp[k] = logNorm[k] - 0.5 * chi2;
                max = Math.max(max, lp[k]);
            }
            if (lp.length == 1) {
                return lp[0];
            }
            double s = 0;
            for (double v : lp) {
                s += Math.exp(v - max);
            }
            return max + Math.log(s);
        }

        private static double[] cholesky(double[][] c, String key, int mode) {
            int d = c.length;
            double[] l = new double[d * d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++) {
                    double s = c[i][j];
                    for (int k = 0; k < j; k++) {
                        s -= l[i * d + k] * l[j * d + k];
                    }
                    if (i == j) {
                        if (!(s > 0)) {
                            throw new NumericalException("likelihood " + key + ": covariance " + (mode + 1)
                                    + " is not positive definite");
                        }
                        l[i * d + i] = Math.sqrt(s);
                    } else {
                        l[i * d + j] = s / l[j * d + j];
                    }
                }
            }
            return l;
        }

        private static double[] lowerInverse(double[] l, int d) {
            double[] inv = new double[d * d];
            for (int i = 0; i < d; i++) {
                inv[i * d + i] = 1 / l[i * d + i];
                for (int j = 0; j < i; j++) {
                    double s = 0;
                    for (int k = j; k < i; k++) {
                        s -= l[i * d + k] * inv[k * d + j];
                    }
                    inv[i * d + j] = s / l[i * d + i];
                }
            }
            return inv;
        }
    }
}
