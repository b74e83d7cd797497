package org.cosmoemu.cpu;

import java.util.List;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float64 Vector API forward pass (see {@link VectorForwardPass} for the design).
 *
 * <p>Activations of a chunk of samples live in per-thread scratch, one row per sample, each row padded to a
 * multiple of the vector length. Each matrix product walks the packed weight panels ({@link PackedPanels});
 * for every panel it computes {@value #BLOCK} samples × {@value #PANEL} vectors of outputs at a time in
 * sixteen accumulator variables (register blocking), then applies the layer's epilogue to that block while it
 * is still in L1.
 *
 * <p>Generated from {@link VectorKernel32} by VectorKernelSourcesTest: edit that file, then regenerate.
 */
final class VectorKernel64 implements VectorForwardPass.Kernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int VL = SPECIES.length();
    /** Vectors per full weight panel. */
    static final int PANEL = 4;
    private static final int PW = PANEL * VL;
    /** Samples per register block. */
    static final int BLOCK = 4;

    private final int nIn;
    private final int nOut;
    private final int inStride;
    private final double[] inMean;
    private final double[] inStd;
    private final double[] outMean;
    private final double[] outStd;
    private final Layer[] layers;
    private final int maxStride;
    private final int chunk;
    private final ThreadLocal<Scratch> scratch = new ThreadLocal<>();

    VectorKernel64(int nIn, double[] inMean, double[] inStd, List<PackedLayer> products, double[] outMean,
            double[] outStd, int chunk) {
        this.nIn = nIn;
        this.nOut = outMean.length;
        this.inStride = PackedPanels.padded(nIn, VL);
        this.inMean = inMean;
        this.inStd = inStd;
        this.outMean = outMean;
        this.outStd = outStd;
        this.chunk = chunk;
        this.layers = new Layer[products.size()];
        int ms = inStride;
        for (int l = 0; l < layers.length; l++) {
            layers[l] = new Layer(products.get(l));
            ms = Math.max(ms, layers[l].paddedOut);
        }
        this.maxStride = ms;
    }

    @Override
    public void forward(double[] points, int count, double[] out) {
        Scratch s = scratch(Math.min(count, chunk));
        for (int start = 0; start < count; start += chunk) {
            int n = Math.min(chunk, count - start);
            double[] x = s.a;
            double[] y = s.b;
            for (int r = 0; r < n; r++) {
                int p = (start + r) * nIn;
                int row = r * inStride;
                for (int i = 0; i < nIn; i++) {
                    x[row + i] = (points[p + i] - inMean[i]) / inStd[i];
                }
            }
            // A last, partial block of 2 or 3 samples is computed as a whole block: fill it up with copies of the
            // last sample (their results land in scratch rows past n and are not used).
            for (int r = n; r < blockedRows(n); r++) {
                System.arraycopy(x, (n - 1) * inStride, x, r * inStride, inStride);
            }
            for (Layer layer : layers) {
                layer.apply(x, y, n, s.tmp);
                double[] t = x;
                x = y;
                y = t;
            }
            int stride = layers[layers.length - 1].paddedOut;
            for (int r = 0; r < n; r++) {
                destandardise(x, r * stride, out, (start + r) * nOut);
            }
        }
    }

    /** {@code out[o + j] = x[row + j]·outStd[j] + outMean[j]} for {@code j < nOut}, as the reference does. */
    private void destandardise(double[] x, int row, double[] out, int o) {
        int j = 0;
        for (int end = SPECIES.loopBound(nOut); j < end; j += VL) {
            DoubleVector.fromArray(SPECIES, x, row + j).mul(DoubleVector.fromArray(SPECIES, outStd, j))
                    .add(DoubleVector.fromArray(SPECIES, outMean, j)).intoArray(out, o + j);
        }
        for (; j < nOut; j++) {
            out[o + j] = x[row + j] * outStd[j] + outMean[j];
        }
    }

    /**
     * @param n samples
     * @return the rows the register blocks cover: {@code n} rounded down to a multiple of {@link #BLOCK} if that
     *         leaves 0 or 1 samples over (done one by one), otherwise rounded up
     */
    static int blockedRows(int n) {
        int full = n / BLOCK * BLOCK;
        return n - full >= 2 ? full + BLOCK : full;
    }

    private Scratch scratch(int samples) {
        int rows = Math.max(samples, blockedRows(samples));
        Scratch s = scratch.get();
        if (s == null || s.rows < rows) {
            s = new Scratch(rows, maxStride);
            scratch.set(s);
        }
        return s;
    }

    private static final class Scratch {
        final int rows;
        final double[] a;
        final double[] b;
        final double[] tmp = new double[BLOCK * PANEL * VL];

        Scratch(int rows, int stride) {
            this.rows = rows;
            this.a = new double[rows * stride];
            this.b = new double[rows * stride];
        }
    }

    /** One matrix product with packed weights and its epilogue. */
    private static final class Layer {
        final int in;
        final int inStride;
        final int paddedOut;
        final int fullPanels;
        final int tailVectors;
        final double[] w;
        final double[] bias;
        final PackedLayer.Epilogue epilogue;
        final double[] p1;
        final double[] p2;
        final double[] p3;

        Layer(PackedLayer p) {
            in = p.in();
            inStride = PackedPanels.padded(in, VL);
            paddedOut = PackedPanels.padded(p.out(), VL);
            fullPanels = paddedOut / VL / PANEL;
            tailVectors = paddedOut / VL % PANEL;
            w = PackedPanels.pack(p.weights(), in, p.out(), VL, PANEL);
            bias = PackedPanels.pad(p.bias(), paddedOut, 0.0);
            epilogue = p.epilogue();
            p1 = PackedPanels.pad(p.p1(), paddedOut, 0.0);
            p2 = PackedPanels.pad(p.p2(), paddedOut, 0.0);
            p3 = PackedPanels.pad(p.p3(), paddedOut, 0.0);
        }

        /**
         * @param x   {@code max(n, blockedRows(n))} input rows of stride {@link #inStride} (not modified)
         * @param y   receives as many output rows of stride {@link #paddedOut} (overwritten)
         * @param n   number of samples
         * @param tmp scratch for the epilogue, {@code BLOCK * PANEL * VL} long
         */
        void apply(double[] x, double[] y, int n, double[] tmp) {
            int xs = inStride;
            int ys = paddedOut;
            int blocked = blockedRows(n);
            for (int p = 0; p < fullPanels; p++) {
                int wOff = p * in * PW;
                int col = p * PW;
                int s = 0;
                for (; s < blocked; s += BLOCK) {
                    block4x4(x, s * xs, xs, wOff, col, y, s * ys, ys);
                    epilogue(y, s * ys, ys, BLOCK, col, PANEL, tmp);
                }
                for (; s < n; s++) {
                    block1x4(x, s * xs, wOff, col, y, s * ys);
                    epilogue(y, s * ys, ys, 1, col, PANEL, tmp);
                }
            }
            for (int t = 0; t < tailVectors; t++) {
                int wOff = fullPanels * in * PW + t * in * VL;
                int col = fullPanels * PW + t * VL;
                int s = 0;
                for (; s < blocked; s += BLOCK) {
                    block4x1(x, s * xs, xs, wOff, col, y, s * ys, ys);
                    epilogue(y, s * ys, ys, BLOCK, col, 1, tmp);
                }
                for (; s < n; s++) {
                    block1x1(x, s * xs, wOff, col, y, s * ys);
                    epilogue(y, s * ys, ys, 1, col, 1, tmp);
                }
            }
        }

        /** 4 samples × 4 vectors: z = b + Σ_i x[s][i]·W[i][col..col+PW) for samples at x0, x0+xs, ... */
        private void block4x4(double[] x, int x0, int xs, int wOff, int col, double[] y, int y0, int ys) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, bias, col);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, bias, col + VL);
            DoubleVector b2 = DoubleVector.fromArray(SPECIES, bias, col + 2 * VL);
            DoubleVector b3 = DoubleVector.fromArray(SPECIES, bias, col + 3 * VL);
            DoubleVector a00 = b0, a01 = b1, a02 = b2, a03 = b3;
            DoubleVector a10 = b0, a11 = b1, a12 = b2, a13 = b3;
            DoubleVector a20 = b0, a21 = b1, a22 = b2, a23 = b3;
            DoubleVector a30 = b0, a31 = b1, a32 = b2, a33 = b3;
            int x1 = x0 + xs, x2 = x1 + xs, x3 = x2 + xs;
            double[] wt = w;
            for (int i = 0, k = wOff; i < in; i++, k += PW) {
                DoubleVector w0 = DoubleVector.fromArray(SPECIES, wt, k);
                DoubleVector w1 = DoubleVector.fromArray(SPECIES, wt, k + VL);
                DoubleVector w2 = DoubleVector.fromArray(SPECIES, wt, k + 2 * VL);
                DoubleVector w3 = DoubleVector.fromArray(SPECIES, wt, k + 3 * VL);
                DoubleVector v = DoubleVector.broadcast(SPECIES, x[x0 + i]);
                a00 = w0.fma(v, a00);
                a01 = w1.fma(v, a01);
                a02 = w2.fma(v, a02);
                a03 = w3.fma(v, a03);
                v = DoubleVector.broadcast(SPECIES, x[x1 + i]);
                a10 = w0.fma(v, a10);
                a11 = w1.fma(v, a11);
                a12 = w2.fma(v, a12);
                a13 = w3.fma(v, a13);
                v = DoubleVector.broadcast(SPECIES, x[x2 + i]);
                a20 = w0.fma(v, a20);
                a21 = w1.fma(v, a21);
                a22 = w2.fma(v, a22);
                a23 = w3.fma(v, a23);
                v = DoubleVector.broadcast(SPECIES, x[x3 + i]);
                a30 = w0.fma(v, a30);
                a31 = w1.fma(v, a31);
                a32 = w2.fma(v, a32);
                a33 = w3.fma(v, a33);
            }
            int r = y0 + col;
            a00.intoArray(y, r);
            a01.intoArray(y, r + VL);
            a02.intoArray(y, r + 2 * VL);
            a03.intoArray(y, r + 3 * VL);
            r += ys;
            a10.intoArray(y, r);
            a11.intoArray(y, r + VL);
            a12.intoArray(y, r + 2 * VL);
            a13.intoArray(y, r + 3 * VL);
            r += ys;
            a20.intoArray(y, r);
            a21.intoArray(y, r + VL);
            a22.intoArray(y, r + 2 * VL);
            a23.intoArray(y, r + 3 * VL);
            r += ys;
            a30.intoArray(y, r);
            a31.intoArray(y, r + VL);
            a32.intoArray(y, r + 2 * VL);
            a33.intoArray(y, r + 3 * VL);
        }

        /** 1 sample × 4 vectors. */
        private void block1x4(double[] x, int x0, int wOff, int col, double[] y, int y0) {
            DoubleVector a0 = DoubleVector.fromArray(SPECIES, bias, col);
            DoubleVector a1 = DoubleVector.fromArray(SPECIES, bias, col + VL);
            DoubleVector a2 = DoubleVector.fromArray(SPECIES, bias, col + 2 * VL);
            DoubleVector a3 = DoubleVector.fromArray(SPECIES, bias, col + 3 * VL);
            double[] wt = w;
            for (int i = 0, k = wOff; i < in; i++, k += PW) {
                DoubleVector v = DoubleVector.broadcast(SPECIES, x[x0 + i]);
                a0 = DoubleVector.fromArray(SPECIES, wt, k).fma(v, a0);
                a1 = DoubleVector.fromArray(SPECIES, wt, k + VL).fma(v, a1);
                a2 = DoubleVector.fromArray(SPECIES, wt, k + 2 * VL).fma(v, a2);
                a3 = DoubleVector.fromArray(SPECIES, wt, k + 3 * VL).fma(v, a3);
            }
            int r = y0 + col;
            a0.intoArray(y, r);
            a1.intoArray(y, r + VL);
            a2.intoArray(y, r + 2 * VL);
            a3.intoArray(y, r + 3 * VL);
        }

        /** 4 samples × 1 vector (the panels left over when the vector count is not a multiple of PANEL). */
        private void block4x1(double[] x, int x0, int xs, int wOff, int col, double[] y, int y0, int ys) {
            DoubleVector b = DoubleVector.fromArray(SPECIES, bias, col);
            DoubleVector a0 = b, a1 = b, a2 = b, a3 = b;
            int x1 = x0 + xs, x2 = x1 + xs, x3 = x2 + xs;
            double[] wt = w;
            for (int i = 0, k = wOff; i < in; i++, k += VL) {
                DoubleVector wv = DoubleVector.fromArray(SPECIES, wt, k);
                a0 = wv.fma(DoubleVector.broadcast(SPECIES, x[x0 + i]), a0);
                a1 = wv.fma(DoubleVector.broadcast(SPECIES, x[x1 + i]), a1);
                a2 = wv.fma(DoubleVector.broadcast(SPECIES, x[x2 + i]), a2);
                a3 = wv.fma(DoubleVector.broadcast(SPECIES, x[x3 + i]), a3);
            }
            int r = y0 + col;
            a0.intoArray(y, r);
            a1.intoArray(y, r + ys);
            a2.intoArray(y, r + 2 * ys);
            a3.intoArray(y, r + 3 * ys);
        }

        /** 1 sample × 1 vector. */
        private void block1x1(double[] x, int x0, int wOff, int col, double[] y, int y0) {
            DoubleVector a = DoubleVector.fromArray(SPECIES, bias, col);
            double[] wt = w;
            for (int i = 0, k = wOff; i < in; i++, k += VL) {
                a = DoubleVector.fromArray(SPECIES, wt, k).fma(DoubleVector.broadcast(SPECIES, x[x0 + i]), a);
            }
            a.intoArray(y, y0 + col);
        }

        /**
         * Applies the epilogue in place to {@code rows} rows × {@code vectors} vectors from column {@code col}.
         *
         * @param tmp scratch for the exponentials, at least {@code rows * vectors * VL} long (overwritten)
         */
        private void epilogue(double[] y, int y0, int ys, int rows, int col, int vectors, double[] tmp) {
            if (epilogue == PackedLayer.Epilogue.AFFINE) {
                for (int v = 0; v < vectors; v++) {
                    int c = col + v * VL;
                    DoubleVector scale = DoubleVector.fromArray(SPECIES, p1, c);
                    DoubleVector shift = DoubleVector.fromArray(SPECIES, p2, c);
                    for (int r = 0, k = y0 + c; r < rows; r++, k += ys) {
                        DoubleVector.fromArray(SPECIES, y, k).mul(scale).add(shift).intoArray(y, k);
                    }
                }
            } else if (epilogue == PackedLayer.Epilogue.ACTIVATION) {
                // y = (γ + (1 − γ) sigmoid(β z)) z with sigmoid(β z) = 1 / (1 + exp(−β z)); p1 = −β, p2 = γ, p3 = 1 − γ
                int m = 0;
                for (int v = 0; v < vectors; v++) {
                    int c = col + v * VL;
                    DoubleVector negBeta = DoubleVector.fromArray(SPECIES, p1, c);
                    for (int r = 0, k = y0 + c; r < rows; r++, k += ys, m += VL) {
                        DoubleVector.fromArray(SPECIES, y, k).mul(negBeta).intoArray(tmp, m);
                    }
                }
                VectorExp.exp(tmp, 0, m);
                DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
                m = 0;
                for (int v = 0; v < vectors; v++) {
                    int c = col + v * VL;
                    DoubleVector gamma = DoubleVector.fromArray(SPECIES, p2, c);
                    DoubleVector oneMinusGamma = DoubleVector.fromArray(SPECIES, p3, c);
                    for (int r = 0, k = y0 + c; r < rows; r++, k += ys, m += VL) {
                        DoubleVector z = DoubleVector.fromArray(SPECIES, y, k);
                        DoubleVector sigmoid = one.div(DoubleVector.fromArray(SPECIES, tmp, m).add(one));
                        oneMinusGamma.mul(sigmoid).add(gamma).mul(z).intoArray(y, k);
                    }
                }
            }
        }
    }
}
