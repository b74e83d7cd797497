package org.cosmoemu.cpu;

import java.util.List;
import org.cosmoemu.api.NetworkModel;

/**
 * Exact derivatives of a network's raw outputs with respect to its inputs, by the chain rule through every
 * layer (forward-mode: the {@code d} input directions are carried alongside the activations, which costs
 * about {@code (1 + d)} forward passes and beats reverse mode when outputs outnumber inputs, as they
 * always do here). Always float64. Immutable and thread-safe; allocation-free after a thread's first call.
 *
 * <p>For the activation f(z) = (γ + (1 − γ) s) z with s = sigmoid(β z):
 * f'(z) = γ + (1 − γ) (s + β z s (1 − s)).
 */
public final class JacobianPass {
    private final int nIn;
    private final int nOut;
    private final double[] inMean;
    private final double[] inStd;
    private final int[] widths;
    private final double[][] w;
    private final double[][] b;
    private final double[][] beta;
    private final double[][] gamma;
    private final NetworkModel.Pca pca;
    private final double[] pcaMean;
    private final double[] pcaStd;
    private final double[] pcaMatrix;
    private final double[] outMean;
    private final double[] outStd;
    private final ThreadLocal<Scratch> scratch;

    /**
     * A {@link JacobianPass} built on first use (most users never differentiate, and building copies the
     * weights). Thread-safe. Backends hold one per emulator.
     */
    public static final class Lazy {
        private final NetworkModel model;
        private volatile JacobianPass pass;

        private Lazy(NetworkModel model) {
            this.model = model;
        }

        /**
         * Evaluates the raw outputs and their Jacobian at one point.
         *
         * @param point    one validated point in network order (not modified)
         * @param raw      receives the raw outputs
         * @param jacobian receives ∂raw_o/∂θ_j at {@code [o * nIn + j]}
         */
        public void evaluate(double[] point, double[] raw, double[] jacobian) {
            JacobianPass p = pass;
            if (p == null) {
                synchronized (this) {
                    p = pass;
                    if (p == null) {
                        p = new JacobianPass(model);
                        pass = p;
                    }
                }
            }
            p.evaluate(point, raw, jacobian);
        }
    }

    /**
     * {@return a holder that builds the Jacobian pass on first use}
     *
     * @param model the network
     */
    public static Lazy lazy(NetworkModel model) {
        return new Lazy(model);
    }

    /**
     * Prepares the Jacobian of a network.
     *
     * @param model the network
     */
    public JacobianPass(NetworkModel model) {
        List<NetworkModel.DenseLayer> layers = model.layers();
        int nl = layers.size();
        nIn = model.inputSize();
        nOut = model.outputSize();
        inMean = model.inputMean();
        inStd = model.inputStd();
        widths = model.architecture();
        w = new double[nl][];
        b = new double[nl][];
        beta = new double[nl][];
        gamma = new double[nl][];
        int maxWidth = Math.max(nIn, nOut);
        for (int l = 0; l < nl; l++) {
            NetworkModel.DenseLayer layer = layers.get(l);
            w[l] = layer.weights();
            b[l] = layer.bias();
            beta[l] = layer.beta();
            gamma[l] = layer.gamma();
            maxWidth = Math.max(maxWidth, layer.outputs());
        }
        pca = model.pca();
        pcaMean = pca == null ? null : pca.coefficientMean();
        pcaStd = pca == null ? null : pca.coefficientStd();
        pcaMatrix = pca == null ? null : pca.matrix();
        outMean = model.outputMean();
        outStd = model.outputStd();
        int mw = maxWidth;
        scratch = ThreadLocal.withInitial(() -> new Scratch(mw, nIn));
    }

    /**
     * Evaluates the raw outputs and their Jacobian at one point.
     *
     * @param point    one validated point in network order (not modified)
     * @param raw      receives the {@code nOut} raw outputs (overwritten)
     * @param jacobian receives ∂raw_o/∂θ_j at {@code [o * nIn + j]} (overwritten)
     */
    public void evaluate(double[] point, double[] raw, double[] jacobian) {
        Scratch s = scratch.get();
        double[] x = s.x;
        double[] y = s.y;
        double[] tx = s.tx; // tangents, [direction][unit] with stride maxWidth
        double[] ty = s.ty;
        int stride = s.stride;
        for (int i = 0; i < nIn; i++) {
            x[i] = (point[i] - inMean[i]) / inStd[i];
        }
        for (int d = 0; d < nIn; d++) {
            for (int i = 0; i < nIn; i++) {
                tx[d * stride + i] = d == i ? 1.0 / inStd[i] : 0.0;
            }
        }
        int nl = w.length;
        for (int l = 0; l < nl; l++) {
            int in = widths[l];
            int o = widths[l + 1];
            double[] wl = w[l];
            System.arraycopy(b[l], 0, y, 0, o);
            for (int d = 0; d < nIn; d++) {
                java.util.Arrays.fill(ty, d * stride, d * stride + o, 0.0);
            }
            for (int i = 0; i < in; i++) {
                int row = i * o;
                double xi = x[i];
                for (int j = 0; j < o; j++) {
                    y[j] += xi * wl[row + j];
                }
                for (int d = 0; d < nIn; d++) {
                    double ti = tx[d * stride + i];
                    if (ti != 0.0) {
                        int base = d * stride;
                        for (int j = 0; j < o; j++) {
                            ty[base + j] += ti * wl[row + j];
                        }
                    }
                }
            }
            if (l < nl - 1) {
                double[] be = beta[l];
                double[] ga = gamma[l];
                for (int j = 0; j < o; j++) {
                    double z = y[j];
                    double sg = 1.0 / (1.0 + Math.exp(-be[j] * z));
                    double f = (ga[j] + (1.0 - ga[j]) * sg) * z;
                    double df = ga[j] + (1.0 - ga[j]) * (sg + be[j] * z * sg * (1.0 - sg));
                    y[j] = f;
                    for (int d = 0; d < nIn; d++) {
                        ty[d * stride + j] *= df;
                    }
                }
            }
            double[] t = x;
            x = y;
            y = t;
            t = tx;
            tx = ty;
            ty = t;
        }
        if (pca != null) {
            int nc = pca.components();
            for (int c = 0; c < nc; c++) {
                x[c] = x[c] * pcaStd[c] + pcaMean[c];
                for (int d = 0; d < nIn; d++) {
                    tx[d * stride + c] *= pcaStd[c];
                }
            }
            java.util.Arrays.fill(y, 0, nOut, 0.0);
            for (int d = 0; d < nIn; d++) {
                java.util.Arrays.fill(ty, d * stride, d * stride + nOut, 0.0);
            }
            for (int c = 0; c < nc; c++) {
                int row = c * nOut;
                double xc = x[c];
                for (int j = 0; j < nOut; j++) {
                    y[j] += xc * pcaMatrix[row + j];
                }
                for (int d = 0; d < nIn; d++) {
                    double tc = tx[d * stride + c];
                    int base = d * stride;
                    for (int j = 0; j < nOut; j++) {
                        ty[base + j] += tc * pcaMatrix[row + j];
                    }
                }
            }
            x = y;
            tx = ty;
        }
        for (int o = 0; o < nOut; o++) {
            raw[o] = x[o] * outStd[o] + outMean[o];
            for (int d = 0; d < nIn; d++) {
                jacobian[o * nIn + d] = tx[d * stride + o] * outStd[o];
            }
        }
    }

    private static final class Scratch {
        final int stride;
        final double[] x;
        final double[] y;
        final double[] tx;
        final double[] ty;

        Scratch(int maxWidth, int dirs) {
            stride = maxWidth;
            x = new double[maxWidth];
            y = new double[maxWidth];
            tx = new double[maxWidth * dirs];
            ty = new double[maxWidth * dirs];
        }
    }
}
