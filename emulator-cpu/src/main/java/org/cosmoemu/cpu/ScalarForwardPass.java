package org.cosmoemu.cpu;

import java.util.List;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.Precision;

/**
 * The reference forward pass: plain loops, no tricks, in float64 or float32. It defines what the network
 * computes; the Vector API kernels are tested against it. Works on every JVM.
 *
 * <p>In {@link Precision#FLOAT32} the weights, the hidden activations and the PCA matrix are {@code float};
 * the input standardisation and output de-standardisation are done in {@code double}.
 */
public final class ScalarForwardPass implements ForwardPass {
    private final Precision precision;
    private final int nIn;
    private final int nOut;
    private final double[] inMean;
    private final double[] inStd;
    private final int[] widths; // widths[0] = nIn, widths[l+1] = outputs of layer l
    private final double[][] w64;
    private final double[][] b64;
    private final double[][] beta64;
    private final double[][] gamma64;
    private final float[][] w32;
    private final float[][] b32;
    private final float[][] beta32;
    private final float[][] gamma32;
    private final boolean pca;
    private final int nPca;
    private final double[] pcaMean;
    private final double[] pcaStd;
    private final double[] pcaMatrix64;
    private final float[] pcaMatrix32;
    private final double[] outMean;
    private final double[] outStd;
    private final int maxWidth;
    private final ThreadLocal<Scratch> scratch;

    /**
     * Compiles the scalar forward pass of a network.
     *
     * @param model     the network
     * @param precision float64 or float32 arithmetic
     */
    public ScalarForwardPass(NetworkModel model, Precision precision) {
        this.precision = precision;
        List<NetworkModel.DenseLayer> layers = model.layers();
        int nl = layers.size();
        nIn = model.inputSize();
        nOut = model.outputSize();
        inMean = model.inputMean();
        inStd = model.inputStd();
        widths = model.architecture();
        boolean f64 = precision == Precision.FLOAT64;
        w64 = f64 ? new double[nl][] : null;
        b64 = f64 ? new double[nl][] : null;
        beta64 = f64 ? new double[nl][] : null;
        gamma64 = f64 ? new double[nl][] : null;
        w32 = f64 ? null : new float[nl][];
        b32 = f64 ? null : new float[nl][];
        beta32 = f64 ? null : new float[nl][];
        gamma32 = f64 ? null : new float[nl][];
        int mw = nIn;
        for (int l = 0; l < nl; l++) {
            NetworkModel.DenseLayer layer = layers.get(l);
            mw = Math.max(mw, layer.outputs());
            if (f64) {
                w64[l] = layer.weights();
                b64[l] = layer.bias();
                beta64[l] = layer.beta();
                gamma64[l] = layer.gamma();
            } else {
                w32[l] = toFloat(layer.weights());
                b32[l] = toFloat(layer.bias());
                beta32[l] = layer.hasActivation() ? toFloat(layer.beta()) : null;
                gamma32[l] = layer.hasActivation() ? toFloat(layer.gamma()) : null;
            }
        }
        NetworkModel.Pca p = model.pca();
        pca = p != null;
        nPca = pca ? p.components() : 0;
        pcaMean = pca ? p.coefficientMean() : null;
        pcaStd = pca ? p.coefficientStd() : null;
        pcaMatrix64 = pca && f64 ? p.matrix() : null;
        pcaMatrix32 = pca && !f64 ? toFloat(p.matrix()) : null;
        outMean = model.outputMean();
        outStd = model.outputStd();
        maxWidth = Math.max(mw, nOut);
        scratch = ThreadLocal.withInitial(() -> new Scratch(maxWidth));
    }

    @Override
    public String kernelName() {
        return "cpu-scalar";
    }

    @Override
    public Precision precision() {
        return precision;
    }

    @Override
    public void forward(double[] points, int count, double[] out) {
        Scratch s = scratch.get();
        for (int p = 0; p < count; p++) {
            if (precision == Precision.FLOAT64) {
                forward64(points, p * nIn, out, p * nOut, s);
            } else {
                forward32(points, p * nIn, out, p * nOut, s);
            }
        }
    }

    private void forward64(double[] points, int inOff, double[] out, int outOff, Scratch s) {
        double[] x = s.a64;
        double[] y = s.b64;
        for (int i = 0; i < nIn; i++) {
            x[i] = (points[inOff + i] - inMean[i]) / inStd[i];
        }
        int nl = w64.length;
        for (int l = 0; l < nl; l++) {
            int in = widths[l];
            int o = widths[l + 1];
            double[] w = w64[l];
            System.arraycopy(b64[l], 0, y, 0, o);
            for (int i = 0; i < in; i++) {
                double xi = x[i];
                int row = i * o;
                for (int j = 0; j < o; j++) {
                    y[j] += xi * w[row + j];
                }
            }
            if (l < nl - 1) {
                double[] beta = beta64[l];
                double[] gamma = gamma64[l];
                for (int j = 0; j < o; j++) {
                    double z = y[j];
                    double sig = 1.0 / (1.0 + Math.exp(-beta[j] * z));
                    y[j] = (gamma[j] + (1.0 - gamma[j]) * sig) * z;
                }
            }
            double[] t = x;
            x = y;
            y = t;
        }
        // x holds the output layer's values
        if (pca) {
            for (int c = 0; c < nPca; c++) {
                x[c] = x[c] * pcaStd[c] + pcaMean[c];
            }
            for (int j = 0; j < nOut; j++) {
                y[j] = 0.0;
            }
            for (int c = 0; c < nPca; c++) {
                double xc = x[c];
                int row = c * nOut;
                for (int j = 0; j < nOut; j++) {
                    y[j] += xc * pcaMatrix64[row + j];
                }
            }
            x = y;
        }
        for (int j = 0; j < nOut; j++) {
            out[outOff + j] = x[j] * outStd[j] + outMean[j];
        }
    }

    private void forward32(double[] points, int inOff, double[] out, int outOff, Scratch s) {
        float[] x = s.a32;
        float[] y = s.b32;
        for (int i = 0; i < nIn; i++) {
            x[i] = (float) ((points[inOff + i] - inMean[i]) / inStd[i]);
        }
        int nl = w32.length;
        for (int l = 0; l < nl; l++) {
            int in = widths[l];
            int o = widths[l + 1];
            float[] w = w32[l];
            System.arraycopy(b32[l], 0, y, 0, o);
            for (int i = 0; i < in; i++) {
                float xi = x[i];
                int row = i * o;
                for (int j = 0; j < o; j++) {
                    y[j] += xi * w[row + j];
                }
            }
            if (l < nl - 1) {
                float[] beta = beta32[l];
                float[] gamma = gamma32[l];
                for (int j = 0; j < o; j++) {
                    float z = y[j];
                    float sig = (float) (1.0 / (1.0 + Math.exp(-beta[j] * z)));
                    y[j] = (gamma[j] + (1.0f - gamma[j]) * sig) * z;
                }
            }
            float[] t = x;
            x = y;
            y = t;
        }
        if (pca) {
            for (int c = 0; c < nPca; c++) {
                x[c] = (float) (x[c] * pcaStd[c] + pcaMean[c]);
            }
            for (int j = 0; j < nOut; j++) {
                y[j] = 0.0f;
            }
            for (int c = 0; c < nPca; c++) {
                float xc = x[c];
                int row = c * nOut;
                for (int j = 0; j < nOut; j++) {
                    y[j] += xc * pcaMatrix32[row + j];
                }
            }
            x = y;
        }
        for (int j = 0; j < nOut; j++) {
            out[outOff + j] = x[j] * outStd[j] + outMean[j];
        }
    }

    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    private static final class Scratch {
        final double[] a64;
        final double[] b64;
        final float[] a32;
        final float[] b32;

        Scratch(int n) {
            a64 = new double[n];
            b64 = new double[n];
            a32 = new float[n];
            b32 = new float[n];
        }
    }
}
