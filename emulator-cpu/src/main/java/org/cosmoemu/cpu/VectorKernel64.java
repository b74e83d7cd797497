package org.cosmoemu.cpu;

import java.util.List;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float64 Vector API forward pass (see {@link VectorForwardPass} for the design).
 *
 * <p>Activations of a chunk of samples live in per-thread scratch, one row per sample, each row padded to a
 * whole number of panels. Each matrix product walks the packed weight panels ({@link PackedPanels}, {@value
 * #PANEL} vectors wide); for every panel it computes {@value #BLOCK} samples × {@value #PANEL} vectors of
 * outputs at a time in sixteen accumulator variables (register blocking: each weight vector loaded once is used
 * {@value #BLOCK} times), then applies the layer's epilogue to that block while it is in L1. Leftover samples
 * go through 4-sample blocks (a partial one padded with copies of the last sample) and at most one sample
 * through a 1-sample kernel. A single sample (batch 1) walks two panels at a time, so that four independent
 * accumulator chains keep enough loads in flight to stream the weights at cache speed.
 *
 * <p>Every kernel computes each output as {@code b + Σ_i x_i·w_i} with fused multiply-adds in increasing
 * {@code i}, so a sample's result does not depend on which kernel or block handled it.
 *
 * <p>JIT pitfall: the accumulators start as {@code zero().add(fromArray(bias))}, not {@code fromArray(bias)}.
 * C2 keeps loop-carried vectors in registers only if it knows their exact class; the type of
 * {@code fromArray}'s result comes from a profile shared by every caller of the Vector API, and once vectors
 * of another shape have gone through it (e.g. the 256-bit floats of {@code destandardise}) a kernel compiled
 * later (after a switch from batch 1 to batch 8, say) boxed its accumulators on every iteration: 30× slower,
 * and allocating. The result of {@code add} has an exact type whatever the profile. Checked by
 * {@code VectorForwardPassTest.switchingBatchSizesKeepsKernelsAllocationFree}.
 *
 * <p>Generated from {@link VectorKernel32} by VectorKernelSourcesTest: edit that file, then regenerate.
 */
final class VectorKernel64 implements VectorForwardPass.Kernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int VL = SPECIES.length();
    /** Vectors per weight panel. */
    static final int PANEL = 2;
    /** Panel width in columns. */
    private static final int PW = PANEL * VL;
    /** Samples per register block. */
    static final int BLOCK = 8;

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
        this.inStride = rowStride(nIn);
        this.inMean = inMean;
        this.inStd = inStd;
        this.outMean = outMean;
        this.outStd = outStd;
        this.chunk = chunk;
        this.layers = new Layer[products.size()];
        int ms = inStride;
        for (int l = 0; l < layers.length; l++) {
            layers[l] = new Layer(products.get(l));
            ms = Math.max(ms, layers[l].outStride);
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
            // A partial 4-sample block is filled up with copies of the last sample (their results land in scratch
            // rows past n and are not used).
            for (int r = n; r < blockedRows(n); r++) {
                System.arraycopy(x, (n - 1) * inStride, x, r * inStride, inStride);
            }
            for (Layer layer : layers) {
                layer.apply(x, y, n, s.tmp);
                double[] t = x;
                x = y;
                y = t;
            }
            int stride = layers[layers.length - 1].outStride;
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
     * @param width a layer's width
     * @return the distance between two samples' rows of activations: the width padded to whole panels, plus one
     *         vector so that rows do not start a multiple of 4 KB apart (with 512 doubles they would, and eight
     *         rows read together would compete for one L1 cache set: float64 batch 8 ran 1.4× slower)
     */
    static int rowStride(int width) {
        return PackedPanels.padded(width, PW) + VL;
    }

    /**
     * @param n samples, ≥ 1
     * @return the rows that the 8- and 4-sample blocks cover: {@code n} rounded up to a multiple of 4, except
     *         that when one sample is left over ({@code n % 4 == 1}) it is done alone and the blocks cover
     *         {@code n - 1}
     */
    static int blockedRows(int n) {
        return n % 4 == 1 ? n - 1 : PackedPanels.padded(n, 4);
    }

    private Scratch scratch(int samples) {
        int rows = PackedPanels.padded(samples, 4);
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
        final int outStride;
        final int panels;
        final double[] w;
        final double[] bias;
        final PackedLayer.Epilogue epilogue;
        final double[] p1;
        final double[] p2;
        final double[] p3;

        Layer(PackedLayer p) {
            in = p.in();
            inStride = rowStride(in);
            paddedOut = PackedPanels.padded(p.out(), PW);
            outStride = rowStride(p.out());
            panels = paddedOut / PW;
            w = PackedPanels.pack(p.weights(), in, p.out(), PW);
            bias = PackedPanels.pad(p.bias(), paddedOut, 0.0);
            epilogue = p.epilogue();
            p1 = PackedPanels.pad(p.p1(), paddedOut, 0.0);
            p2 = PackedPanels.pad(p.p2(), paddedOut, 0.0);
            p3 = PackedPanels.pad(p.p3(), paddedOut, 0.0);
        }

        /**
         * @param x   {@code max(n, blockedRows(n))} input rows of stride {@link #inStride} (not modified)
         * @param y   receives as many output rows of stride {@link #outStride} (overwritten)
         * @param n   number of samples
         * @param tmp scratch for the epilogue, {@code BLOCK * PANEL * VL} long
         */
        void apply(double[] x, double[] y, int n, double[] tmp) {
            int xs = inStride;
            int ys = outStride;
            if (n == 1) {
                int p = 0;
                for (; p + 2 <= panels; p += 2) {
                    block1x2x2(x, p * in * PW, p * PW, y);
                    epilogue(y, 0, ys, 1, p * PW, 2 * PANEL, tmp);
                }
                if (p < panels) {
                    block1x2(x, 0, p * in * PW, p * PW, y, 0);
                    epilogue(y, 0, ys, 1, p * PW, PANEL, tmp);
                }
                return;
            }
            int blocked = blockedRows(n);
            for (int p = 0; p < panels; p++) {
                int wOff = p * in * PW;
                int col = p * PW;
                int s = 0;
                for (; s + BLOCK <= blocked; s += BLOCK) {
                    block8x2(x, s * xs, xs, wOff, col, y, s * ys, ys);
                    epilogue(y, s * ys, ys, BLOCK, col, PANEL, tmp);
                }
                for (; s < blocked; s += 4) {
                    block4x2(x, s * xs, xs, wOff, col, y, s * ys, ys);
                    epilogue(y, s * ys, ys, 4, col, PANEL, tmp);
                }
                if (blocked < n) {
                    block1x2(x, blocked * xs, wOff, col, y, blocked * ys);
                    epilogue(y, blocked * ys, ys, 1, col, PANEL, tmp);
                }
            }
        }

        /** 8 samples × 2 vectors: z = b + Σ_i x[s][i]·W[i][col..col+PW) for the samples at x0, x0+xs, ... */
        private void block8x2(double[] x, int x0, int xs, int wOff, int col, double[] y, int y0, int ys) {
            DoubleVector zero = DoubleVector.zero(SPECIES); // exact-typed start, see the class doc
            DoubleVector b0 = zero.add(DoubleVector.fromArray(SPECIES, bias, col));
            DoubleVector b1 = zero.add(DoubleVector.fromArray(SPECIES, bias, col + VL));
            DoubleVector a00 = b0, a01 = b1, a10 = b0, a11 = b1, a20 = b0, a21 = b1, a30 = b0, a31 = b1;
            DoubleVector a40 = b0, a41 = b1, a50 = b0, a51 = b1, a60 = b0, a61 = b1, a70 = b0, a71 = b1;
            int x1 = x0 + xs, x2 = x1 + xs, x3 = x2 + xs, x4 = x3 + xs, x5 = x4 + xs, x6 = x5 + xs, x7 = x6 + xs;
            double[] wt = w;
            for (int i = 0, k = wOff; i < in; i++, k += PW) {
                DoubleVector w0 = DoubleVector.fromArray(SPECIES, wt, k);
                DoubleVector w1 = DoubleVector.fromArray(SPECIES, wt, k + VL);
                DoubleVector v = DoubleVector.broadcast(SPECIES, x[x0 + i]);
                a00 = w0.fma(v, a00);
                a01 = w1.fma(v, a01);
                v = DoubleVector.broadcast(SPECIES, x[x1 + i]);
                a10 = w0.fma(v, a10);
                a11 = w1.fma(v, a11);
                v = DoubleVector.broadcast(SPECIES, x[x2 + i]);
                a20 = w0.fma(v, a20);
                a21 = w1.fma(v, a21);
                v = DoubleVector.broadcast(SPECIES, x[x3 + i]);
                a30 = w0.fma(v, a30);
                a31 = w1.fma(v, a31);
                v = DoubleVector.broadcast(SPECIES, x[x4 + i]);
                a40 = w0.fma(v, a40);
                a41 = w1.fma(v, a41);
                v = DoubleVector.broadcast(SPECIES, x[x5 + i]);
                a50 = w0.fma(v, a50);
                a51 = w1.fma(v, a51);
                v = DoubleVector.broadcast(SPECIES, x[x6 + i]);
                a60 = w0.fma(v, a60);
                a61 = w1.fma(v, a61);
                v = DoubleVector.broadcast(SPECIES, x[x7 + i]);
                a70 = w0.fma(v, a70);
                a71 = w1.fma(v, a71);
            }
            int r = y0 + col;
            a00.intoArray(y, r);
            a01.intoArray(y, r + VL);
            r += ys;
            a10.intoArray(y, r);
            a11.intoArray(y, r + VL);
            r += ys;
            a20.intoArray(y, r);
            a21.intoArray(y, r + VL);
            r += ys;
            a30.intoArray(y, r);
            a31.intoArray(y, r + VL);
            r += ys;
            a40.intoArray(y, r);
            a41.intoArray(y, r + VL);
            r += ys;
            a50.intoArray(y, r);
            a51.intoArray(y, r + VL);
            r += ys;
            a60.intoArray(y, r);
            a61.intoArray(y, r + VL);
            r += ys;
            a70.intoArray(y, r);
            a71.intoArray(y, r + VL);
        }

        /** 4 samples × 2 vectors. */
        private void block4x2(double[] x, int x0, int xs, int wOff, int col, double[] y, int y0, int ys) {
            DoubleVector zero = DoubleVector.zero(SPECIES); // exact-typed start, see the class doc
            DoubleVector b0 = zero.add(DoubleVector.fromArray(SPECIES, bias, col));
            DoubleVector b1 = zero.add(DoubleVector.fromArray(SPECIES, bias, col + VL));
            DoubleVector a00 = b0, a01 = b1, a10 = b0, a11 = b1, a20 = b0, a21 = b1, a30 = b0, a31 = b1;
            int x1 = x0 + xs, x2 = x1 + xs, x3 = x2 + xs;
            double[] wt = w;
            for (int i = 0, k = wOff; i < in; i++, k += PW) {
                DoubleVector w0 = DoubleVector.fromArray(SPECIES, wt, k);
                DoubleVector w1 = DoubleVector.fromArray(SPECIES, wt, k + VL);
                DoubleVector v = DoubleVector.broadcast(SPECIES, x[x0 + i]);
                a00 = w0.fma(v, a00);
                a01 = w1.fma(v, a01);
                v = DoubleVector.broadcast(SPECIES, x[x1 + i]);
                a10 = w0.fma(v, a10);
                a11 = w1.fma(v, a11);
                v = DoubleVector.broadcast(SPECIES, x[x2 + i]);
                a20 = w0.fma(v, a20);
                a21 = w1.fma(v, a21);
                v = DoubleVector.broadcast(SPECIES, x[x3 + i]);
                a30 = w0.fma(v, a30);
                a31 = w1.fma(v, a31);
            }
            int r = y0 + col;
            a00.intoArray(y, r);
            a01.intoArray(y, r + VL);
            r += ys;
            a10.intoArray(y, r);
            a11.intoArray(y, r + VL);
            r += ys;
            a20.intoArray(y, r);
            a21.intoArray(y, r + VL);
            r += ys;
            a30.intoArray(y, r);
            a31.intoArray(y, r + VL);
        }

        /** 1 sample × 2 vectors. */
        private void block1x2(double[] x, int x0, int wOff, int col, double[] y, int y0) {
            DoubleVector zero = DoubleVector.zero(SPECIES); // exact-typed start, see the class doc
            DoubleVector a0 = zero.add(DoubleVector.fromArray(SPECIES, bias, col));
            DoubleVector a1 = zero.add(DoubleVector.fromArray(SPECIES, bias, col + VL));
            double[] wt = w;
            for (int i = 0, k = wOff; i < in; i++, k += PW) {
                DoubleVector v = DoubleVector.broadcast(SPECIES, x[x0 + i]);
                a0 = DoubleVector.fromArray(SPECIES, wt, k).fma(v, a0);
                a1 = DoubleVector.fromArray(SPECIES, wt, k + VL).fma(v, a1);
            }
            a0.intoArray(y, y0 + col);
            a1.intoArray(y, y0 + col + VL);
        }

        /**
         * Sample 0 × two adjacent panels (columns {@code col .. col + 2·PW}): four independent accumulator chains
         * and two sequential weight streams, for batch 1.
         */
        private void block1x2x2(double[] x, int wOff, int col, double[] y) {
            DoubleVector zero = DoubleVector.zero(SPECIES); // exact-typed start, see the class doc
            DoubleVector a0 = zero.add(DoubleVector.fromArray(SPECIES, bias, col));
            DoubleVector a1 = zero.add(DoubleVector.fromArray(SPECIES, bias, col + VL));
            DoubleVector a2 = zero.add(DoubleVector.fromArray(SPECIES, bias, col + PW));
            DoubleVector a3 = zero.add(DoubleVector.fromArray(SPECIES, bias, col + PW + VL));
            double[] wt = w;
            int next = in * PW; // offset of the second panel
            for (int i = 0, k = wOff; i < in; i++, k += PW) {
                DoubleVector v = DoubleVector.broadcast(SPECIES, x[i]);
                a0 = DoubleVector.fromArray(SPECIES, wt, k).fma(v, a0);
                a1 = DoubleVector.fromArray(SPECIES, wt, k + VL).fma(v, a1);
                a2 = DoubleVector.fromArray(SPECIES, wt, k + next).fma(v, a2);
                a3 = DoubleVector.fromArray(SPECIES, wt, k + next + VL).fma(v, a3);
            }
            a0.intoArray(y, col);
            a1.intoArray(y, col + VL);
            a2.intoArray(y, col + PW);
            a3.intoArray(y, col + PW + VL);
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
                // y = (γ + (1 − γ) sigmoid(β z)) z, sigmoid(β z) = 1 / (1 + exp(−β z)); p1 = −β, p2 = γ, p3 = 1 − γ
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
