package org.cosmoemu.training;

import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.NumericalException;
import org.cosmoemu.api.OutputTransform;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * How physical outputs become network targets (the CosmoPower recipe), fitted on the training rows:
 * <ol>
 *   <li>{@code raw = log10(value)} or {@code raw = value} ({@link OutputTransform});</li>
 *   <li>{@code t = (raw − mean) / std} per output (an output that is constant on the training set gets
 *       {@code std = 0} and target 0, so the model reproduces it exactly);</li>
 *   <li>optionally PCA: coefficients {@code c = t · Mᵀ} on the first {@code k} right singular vectors
 *       {@code M} ({@code k × nOut}) of the training matrix of {@code t} (computed with EJML), standardised
 *       again per coefficient. The network learns the standardised coefficients.</li>
 * </ol>
 * The inverse is exactly {@link NetworkModel}'s reconstruction. Immutable.
 */
final class OutputEncoding {
    /** Relative spread below which an output counts as constant. */
    private static final double CONSTANT = 1e-12;

    private final OutputTransform transform;
    private final double[] mean;
    private final double[] std;
    private final NetworkModel.Pca pca;
    private final double[] matrix; // [k][nOut] row-major, or null
    private final double[] coefMean;
    private final double[] coefStd;
    private final double explainedVariance;

    private OutputEncoding(OutputTransform transform, double[] mean, double[] std, NetworkModel.Pca pca,
            double explainedVariance) {
        this.transform = transform;
        this.mean = mean;
        this.std = std;
        this.pca = pca;
        this.matrix = pca == null ? null : pca.matrix();
        this.coefMean = pca == null ? null : pca.coefficientMean();
        this.coefStd = pca == null ? null : pca.coefficientStd();
        this.explainedVariance = explainedVariance;
    }

    /**
     * @param values        physical values of the training rows, {@code [rows][nOut]} (not modified)
     * @param transform     log10 or identity
     * @param pcaComponents number of PCA components, 0 for none
     * @return the fitted encoding
     * @throws InvalidOptionException if {@code pcaComponents} exceeds the rank the rows can give, or a component
     *                                has zero variance over the rows
     * @throws NumericalException     if the singular value decomposition of the rows fails
     */
    static OutputEncoding fit(double[][] values, OutputTransform transform, int pcaComponents) {
        int n = values.length;
        int nOut = values[0].length;
        double[] mean = new double[nOut];
        double[] std = new double[nOut];
        double[][] raw = new double[n][];
        for (int s = 0; s < n; s++) {
            raw[s] = toRaw(values[s], transform);
        }
        for (int j = 0; j < nOut; j++) {
            double m = 0;
            for (double[] r : raw) {
                m += r[j];
            }
            m /= n;
            double v = 0;
            for (double[] r : raw) {
                v += (r[j] - m) * (r[j] - m);
            }
            double sd = Math.sqrt(v / n);
            mean[j] = m;
            std[j] = sd == 0 || sd <= CONSTANT * Math.abs(m) ? 0.0 : sd;
        }
        if (pcaComponents == 0) {
            return new OutputEncoding(transform, mean, std, null, 1.0);
        }
        if (pcaComponents > Math.min(n, nOut)) {
            throw new InvalidOptionException("pca", "cannot take " + pcaComponents + " PCA components of " + n
                    + " training rows with " + nOut + " outputs");
        }
        DMatrixRMaj t = new DMatrixRMaj(n, nOut);
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < nOut; j++) {
                t.unsafe_set(s, j, std[j] == 0 ? 0.0 : (raw[s][j] - mean[j]) / std[j]);
            }
        }
        double total = 0;
        for (double d : t.data) {
            total += d * d;
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, nOut, false, true, true);
        if (!svd.decompose(t.copy())) {
            throw new NumericalException("SVD of the " + n + " x " + nOut + " training outputs failed");
        }
        DMatrixRMaj w = svd.getW(null);
        DMatrixRMaj vt = svd.getV(null, true);
        SingularOps_DDRM.descendingOrder(null, false, w, vt, true);
        int k = pcaComponents;
        double[] m = new double[k * nOut];
        double kept = 0;
        for (int c = 0; c < k; c++) {
            kept += w.get(c, c) * w.get(c, c);
            // fix the sign convention so that retraining gives the same basis: largest entry positive
            int arg = 0;
            for (int j = 1; j < nOut; j++) {
                if (Math.abs(vt.get(c, j)) > Math.abs(vt.get(c, arg))) {
                    arg = j;
                }
            }
            double sign = vt.get(c, arg) < 0 ? -1.0 : 1.0;
            for (int j = 0; j < nOut; j++) {
                m[c * nOut + j] = sign * vt.get(c, j);
            }
        }
        double[] cm = new double[k];
        double[] cs = new double[k];
        double[][] coef = new double[n][k];
        for (int s = 0; s < n; s++) {
            for (int c = 0; c < k; c++) {
                double acc = 0;
                for (int j = 0; j < nOut; j++) {
                    acc += t.unsafe_get(s, j) * m[c * nOut + j];
                }
                coef[s][c] = acc;
                cm[c] += acc / n;
            }
        }
        for (int c = 0; c < k; c++) {
            double v = 0;
            for (int s = 0; s < n; s++) {
                v += (coef[s][c] - cm[c]) * (coef[s][c] - cm[c]);
            }
            cs[c] = Math.sqrt(v / n);
            if (!(cs[c] > 0)) {
                throw new InvalidOptionException("pca", "PCA component " + c + " has zero variance: use fewer than " + k
                        + " components");
            }
        }
        return new OutputEncoding(transform, mean, std, NetworkModel.Pca.of(k, nOut, cm, cs, m),
                total == 0 ? 1.0 : kept / total);
    }

    private static double[] toRaw(double[] v, OutputTransform transform) {
        double[] r = v.clone();
        if (transform == OutputTransform.LOG10) {
            for (int j = 0; j < r.length; j++) {
                r[j] = Math.log10(r[j]);
            }
        }
        return r;
    }

    /**
     * @param values physical values of one sample (not modified)
     * @return the network target
     */
    double[] encode(double[] values) {
        double[] raw = toRaw(values, transform);
        double[] t = new double[raw.length];
        for (int j = 0; j < t.length; j++) {
            t[j] = std[j] == 0 ? 0.0 : (raw[j] - mean[j]) / std[j];
        }
        if (pca == null) {
            return t;
        }
        int k = coefMean.length;
        int nOut = t.length;
        double[] c = new double[k];
        for (int i = 0; i < k; i++) {
            double acc = 0;
            for (int j = 0; j < nOut; j++) {
                acc += t[j] * matrix[i * nOut + j];
            }
            c[i] = (acc - coefMean[i]) / coefStd[i];
        }
        return c;
    }

    /**
     * The best the network can do: {@code decode(encode(values))} (equal to {@code values} without PCA).
     *
     * @param values physical values of one sample (not modified)
     * @return the physical values after PCA truncation
     */
    double[] reconstruct(double[] values) {
        return pca == null ? values.clone() : decode(encode(values));
    }

    /**
     * The inverse of {@link #encode}: physical values from network outputs (PCA coefficients, or standardised
     * outputs).
     *
     * @param target network outputs of one sample (not modified), {@link #networkOutputs()} of them
     * @return the physical values
     */
    double[] decode(double[] target) {
        int nOut = mean.length;
        double[] t;
        if (pca == null) {
            t = target.clone();
        } else {
            int k = coefMean.length;
            t = new double[nOut];
            for (int i = 0; i < k; i++) {
                double ci = target[i] * coefStd[i] + coefMean[i];
                for (int j = 0; j < nOut; j++) {
                    t[j] += ci * matrix[i * nOut + j];
                }
            }
        }
        for (int j = 0; j < nOut; j++) {
            t[j] = transform.apply(t[j] * std[j] + mean[j]);
        }
        return t;
    }

    /** @return the number of network outputs (PCA components, or outputs) */
    int networkOutputs() {
        return pca == null ? mean.length : pca.components();
    }

    /**
     * @param loss how to weight the network outputs
     * @return per-network-output loss weights normalised to mean 1, or {@code null} for equal weights
     */
    double[] lossWeights(ModelSpec.Loss loss) {
        double[] w;
        switch (loss) {
            case COEFFICIENTS:
                return null;
            case RECONSTRUCTION:
                w = new double[coefStd.length];
                for (int i = 0; i < w.length; i++) {
                    w[i] = coefStd[i] * coefStd[i];
                }
                break;
            case RELATIVE:
                w = new double[std.length];
                for (int j = 0; j < w.length; j++) {
                    // relative error of the value: ln(10) Δraw for log10 outputs, Δraw / |value| for linear ones
                    double s = transform == OutputTransform.LOG10 ? std[j] : mean[j] == 0 ? 0 : std[j] / mean[j];
                    w[j] = s * s;
                }
                break;
            default:
                throw new AssertionError("unhandled loss " + loss);
        }
        double sum = 0;
        for (double x : w) {
            sum += x;
        }
        if (!(sum > 0)) {
            return null;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] *= w.length / sum;
        }
        return w;
    }

    /** @return the PCA block for the model, or {@code null} */
    NetworkModel.Pca pca() {
        return pca;
    }

    /** @return per-output means of the raw (transformed) values (a copy) */
    double[] mean() {
        return mean.clone();
    }

    /** @return per-output standard deviations of the raw values, 0 for constant outputs (a copy) */
    double[] std() {
        return std.clone();
    }

    /** @return the fraction of the standardised training variance the PCA keeps (1 without PCA) */
    double explainedVariance() {
        return explainedVariance;
    }
}
