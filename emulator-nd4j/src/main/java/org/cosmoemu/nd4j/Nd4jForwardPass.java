package org.cosmoemu.nd4j;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Pointer;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.Precision;
import org.cosmoemu.cpu.ForwardPass;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The network of a {@link NetworkModel} evaluated with ND4J: one BLAS matrix product per layer for a whole
 * chunk of points, the activation as in-place element-wise ND4J ops. Computes exactly what
 * {@link org.cosmoemu.cpu.ScalarForwardPass} defines, up to rounding:
 * <pre>
 *   X  = (Θ − inputMean) / inputStd                      [rows × nIn], in float64
 *   Z  = X·W + b;  X = (γ + (1 − γ) ⊙ sigmoid(β ⊙ Z)) ⊙ Z   per hidden layer (gemm, then 6 in-place ops)
 *   Y  = X·W_last + b_last                                 (then PCA: Y = (Y ⊙ pcaStd + pcaMean)·M)
 *   raw = Y ⊙ outputStd + outputMean                        in float64
 * </pre>
 * ND4J has no fused kernel for the CosmoPower activation; it costs six passes over the layer's output
 * (copy, ×β, sigmoid, ×(1−γ), +γ, ×Z), all in place on preallocated arrays. In {@link Precision#FLOAT32} the
 * weights, hidden activations and PCA block are {@code float}; input standardisation and output
 * de-standardisation are done in {@code double}, as in the scalar reference.
 *
 * <h2>Memory and chunks</h2>
 * A call with {@code count} points is cut into chunks of at most {@link #chunkRows()} points, so that ND4J
 * (and GPU) memory stays bounded whatever the batch size: about {@code chunkRows × }{@link #bytesPerRow()}
 * bytes per thread and chunk size in use.
 *
 * <h2>Threads</h2>
 * ND4J arrays are not thread-safe, so every thread gets its own arrays (a {@link ThreadLocal} cache that
 * holds the arrays of the last {@value #CACHED_SIZES} chunk sizes it used; weights are shared read-only).
 * Instances are therefore immutable and safe to use from many threads; memory grows with the number of
 * threads. On the CPU backend ND4J itself runs BLAS and element-wise ops on {@code OMP_NUM_THREADS} threads
 * per call: with many calling threads set {@code OMP_NUM_THREADS=1} to avoid oversubscription. On CUDA all
 * threads share one device (the one ND4J assigns to the creating thread); multi-GPU placement is untested.
 *
 * <h2>Allocation</h2>
 * No ND4J arrays (and no Java arrays) are created on the hot path once a thread has seen a chunk size; inputs
 * and outputs are copied in bulk between the caller's {@code double[]} and ND4J's host memory. ND4J's op
 * executioner itself still creates short-lived Java objects for every op (op descriptors, shape information:
 * 0.5 kB for a sigmoid, 3-8 kB for a gemm or a row-vector op on ND4J 1.0.0-M2.1), independent of the number
 * of points: measured about 110 kB per call for one point and 200 kB per chunk for a 6→512×4→2999 network
 * (27 ops per chunk). This is garbage for the young generation, not retained memory.
 */
public final class Nd4jForwardPass implements ForwardPass {

    /** Chunk sizes whose arrays each thread keeps. */
    static final int CACHED_SIZES = 3;

    /** Default per-thread memory budget of one chunk's arrays on the CPU backend. */
    static final long CPU_CHUNK_BYTES = 64L << 20;

    /** Default per-thread memory budget of one chunk's arrays on a GPU. */
    static final long GPU_CHUNK_BYTES = 256L << 20;

    /** Upper limit of the automatic chunk size. */
    static final int MAX_AUTO_ROWS = 1 << 16;

    private final Precision precision;
    private final DataType computeType;
    private final String kernelName;
    private final int nIn;
    private final int nOut;
    private final int[] widths; // widths[0] = nIn, widths[l+1] = outputs of layer l
    private final int nLayers;
    private final int maxWidth; // widest layer output (or PCA output)
    private final int maxHidden; // widest hidden layer
    private final boolean pca;
    private final int chunkRows;

    // shared, read-only ND4J arrays (row vectors have shape [width])
    private final INDArray inMean;
    private final INDArray inStd;
    private final INDArray[] weights; // [in, out], compute type
    private final INDArray[] bias;
    private final INDArray[] beta;
    private final INDArray[] gamma;
    private final INDArray[] oneMinusGamma;
    private final INDArray pcaMean;
    private final INDArray pcaStd;
    private final INDArray pcaMatrix; // [nPca, nOut]
    private final INDArray outMean;
    private final INDArray outStd;

    private final ThreadLocal<List<Buffers>> buffers = ThreadLocal.withInitial(ArrayList::new);

    /**
     * Compiles the ND4J forward pass of a network.
     *
     * @param model     the network
     * @param precision precision of the weights and arithmetic
     * @param chunkRows points per ND4J chunk, or 0 to choose from a memory budget (64 MiB per thread on the CPU,
     *   256 MiB on a GPU)
     * @throws InvalidOptionException          if {@code chunkRows} is negative
     * @throws org.cosmoemu.api.CosmoEmuException if ND4J cannot be loaded
     */
    public Nd4jForwardPass(NetworkModel model, Precision precision, int chunkRows) {
        if (chunkRows < 0) {
            throw new InvalidOptionException("chunkRows", "chunkRows " + chunkRows + " is negative");
        }
        this.kernelName = Nd4jBackend.loadedBackend();
        this.precision = precision;
        this.computeType = precision == Precision.FLOAT32 ? DataType.FLOAT : DataType.DOUBLE;
        List<NetworkModel.DenseLayer> layers = model.layers();
        this.nLayers = layers.size();
        this.nIn = model.inputSize();
        this.nOut = model.outputSize();
        this.widths = model.architecture();
        this.pca = model.pca() != null;
        int mw = pca ? nOut : 0;
        int mh = 1;
        for (int l = 0; l < nLayers; l++) {
            mw = Math.max(mw, widths[l + 1]);
            if (l < nLayers - 1) {
                mh = Math.max(mh, widths[l + 1]);
            }
        }
        this.maxWidth = mw;
        this.maxHidden = mh;

        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            inMean = vector(model.inputMean(), DataType.DOUBLE);
            inStd = vector(model.inputStd(), DataType.DOUBLE);
            weights = new INDArray[nLayers];
            bias = new INDArray[nLayers];
            beta = new INDArray[nLayers];
            gamma = new INDArray[nLayers];
            oneMinusGamma = new INDArray[nLayers];
            for (int l = 0; l < nLayers; l++) {
                NetworkModel.DenseLayer layer = layers.get(l);
                weights[l] = matrix(layer.weights(), layer.inputs(), layer.outputs(), computeType);
                bias[l] = vector(layer.bias(), computeType);
                if (layer.hasActivation()) {
                    double[] g = layer.gamma();
                    double[] omg = new double[g.length];
                    for (int j = 0; j < g.length; j++) {
                        omg[j] = 1.0 - g[j];
                    }
                    beta[l] = vector(layer.beta(), computeType);
                    gamma[l] = vector(g, computeType);
                    oneMinusGamma[l] = vector(omg, computeType);
                }
            }
            NetworkModel.Pca p = model.pca();
            pcaMean = pca ? vector(p.coefficientMean(), computeType) : null;
            pcaStd = pca ? vector(p.coefficientStd(), computeType) : null;
            pcaMatrix = pca ? matrix(p.matrix(), p.components(), p.outputs(), computeType) : null;
            outMean = vector(model.outputMean(), DataType.DOUBLE);
            outStd = vector(model.outputStd(), DataType.DOUBLE);
        }
        long budget = kernelName.equals("nd4j-cpu") ? CPU_CHUNK_BYTES : GPU_CHUNK_BYTES;
        this.chunkRows = chunkRows > 0 ? chunkRows
                : (int) Math.max(1, Math.min(MAX_AUTO_ROWS, budget / bytesPerRow()));
    }

    @Override
    public String kernelName() {
        return kernelName;
    }

    @Override
    public Precision precision() {
        return precision;
    }

    /** {@return the largest number of points evaluated in one ND4J pass; larger batches are cut into chunks} */
    public int chunkRows() {
        return chunkRows;
    }

    /** {@return bytes of ND4J arrays one point of a chunk takes (inputs, two activation buffers, scratch, outputs)} */
    public long bytesPerRow() {
        long es = computeType == DataType.FLOAT ? 4 : 8;
        long b = 8L * nIn + 2 * es * maxWidth + es * maxHidden;
        if (computeType == DataType.FLOAT) {
            b += 4L * nIn + 8L * nOut;
        }
        return b;
    }

    /**
     * Evaluates {@code count} points. Thread-safe; creates no ND4J arrays once this thread has used this
     * chunk size.
     *
     * @param points {@code count} points in network order, row-major (not modified)
     * @param count  number of points, ≥ 1
     * @param out    receives {@code count * outputSize} raw outputs, row-major (overwritten)
     */
    @Override
    public void forward(double[] points, int count, double[] out) {
        for (int start = 0; start < count; start += chunkRows) {
            int rows = Math.min(chunkRows, count - start);
            forwardChunk(buffersFor(rows), points, start * nIn, out, start * nOut);
        }
    }

    private void forwardChunk(Buffers b, double[] points, int inOffset, double[] out, int outOffset) {
        writeHost(points, inOffset, b.input64, b.rows * nIn);
        b.input64.subiRowVector(inMean).diviRowVector(inStd);
        if (b.input != b.input64) {
            b.input.assign(b.input64);
        }
        INDArray x = b.input;
        for (int l = 0; l < nLayers; l++) {
            INDArray z = b.layerOut[l];
            Nd4j.gemm(x, weights[l], z, false, false, 1.0, 0.0);
            z.addiRowVector(bias[l]);
            if (l < nLayers - 1) {
                INDArray t = b.scratch[l];
                t.assign(z).muliRowVector(beta[l]);
                Nd4j.getExecutioner().exec(new Sigmoid(t, t));
                t.muliRowVector(oneMinusGamma[l]).addiRowVector(gamma[l]);
                z.muli(t);
            }
            x = z;
        }
        if (pca) {
            x.muliRowVector(pcaStd).addiRowVector(pcaMean);
            Nd4j.gemm(x, pcaMatrix, b.pcaOut, false, false, 1.0, 0.0);
            x = b.pcaOut;
        }
        if (b.output64 != x) {
            b.output64.assign(x);
        }
        b.output64.muliRowVector(outStd).addiRowVector(outMean);
        readHost(b.output64, out, outOffset, b.rows * nOut);
    }

    /** The arrays of this thread for chunks of {@code rows} points: cached, least recently used evicted. */
    private Buffers buffersFor(int rows) {
        List<Buffers> cache = buffers.get();
        for (int i = 0; i < cache.size(); i++) {
            Buffers b = cache.get(i);
            if (b.rows == rows) {
                if (i > 0) {
                    cache.remove(i);
                    cache.add(0, b);
                }
                return b;
            }
        }
        if (cache.size() == CACHED_SIZES) {
            cache.remove(CACHED_SIZES - 1).close();
        }
        Buffers b = new Buffers(rows);
        cache.add(0, b);
        return b;
    }

    /**
     * One thread's ND4J arrays for chunks of exactly {@code rows} points. Layer outputs alternate between two
     * flat buffers (A, B); each array is a c-order view with offset 0, so BLAS sees plain contiguous matrices.
     */
    private final class Buffers {
        final int rows;
        final INDArray input64; // [rows, nIn] float64: raw points, then standardised
        final INDArray input; // [rows, nIn] compute type (input64 itself for float64)
        final INDArray[] layerOut; // [rows, widths[l+1]], on A for even l, B for odd l
        final INDArray[] scratch; // [rows, widths[l+1]] for the activation of hidden layer l
        final INDArray pcaOut; // [rows, nOut] compute type, or null
        final INDArray output64; // [rows, nOut] float64: the raw outputs
        private final List<DataBuffer> owned = new ArrayList<>();

        Buffers(int rows) {
            this.rows = rows;
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                input64 = view(buffer(DataType.DOUBLE, (long) rows * nIn), rows, nIn);
                input = computeType == DataType.DOUBLE ? input64
                        : view(buffer(computeType, (long) rows * nIn), rows, nIn);
                DataBuffer a = buffer(computeType, (long) rows * maxWidth);
                DataBuffer bb = buffer(computeType, (long) rows * maxWidth);
                DataBuffer s = buffer(computeType, (long) rows * maxHidden);
                layerOut = new INDArray[nLayers];
                scratch = new INDArray[nLayers];
                for (int l = 0; l < nLayers; l++) {
                    layerOut[l] = view(l % 2 == 0 ? a : bb, rows, widths[l + 1]);
                    if (l < nLayers - 1) {
                        scratch[l] = view(s, rows, widths[l + 1]);
                    }
                }
                pcaOut = pca ? view(nLayers % 2 == 0 ? a : bb, rows, nOut) : null;
                INDArray last = pca ? pcaOut : layerOut[nLayers - 1];
                output64 = computeType == DataType.DOUBLE ? last
                        : view(buffer(DataType.DOUBLE, (long) rows * nOut), rows, nOut);
            }
        }

        private DataBuffer buffer(DataType type, long length) {
            DataBuffer d = Nd4j.createBuffer(type, length, true);
            owned.add(d);
            return d;
        }

        private INDArray view(DataBuffer d, int r, int c) {
            return Nd4j.create(d, new long[] {r, c}, new long[] {c, 1}, 0L, 'c', d.dataType());
        }

        /** Frees the native memory now instead of when the garbage collector finds these arrays. */
        void close() {
            for (DataBuffer d : owned) {
                if (d.closeable()) {
                    d.close();
                }
            }
        }
    }

    /** Copies {@code n} doubles into the host memory of a float64 array that owns its buffer (offset 0). */
    private static void writeHost(double[] src, int srcOffset, INDArray dst, int n) {
        AffinityManager affinity = Nd4j.getAffinityManager();
        affinity.ensureLocation(dst, AffinityManager.Location.HOST);
        Pointer p = dst.data().pointer();
        if (p instanceof DoublePointer d && d.position() == 0) {
            d.put(src, srcOffset, n);
        } else {
            DataBuffer data = dst.data();
            for (int i = 0; i < n; i++) {
                data.put(i, src[srcOffset + i]);
            }
        }
        affinity.tagLocation(dst, AffinityManager.Location.HOST); // the host copy is now the newer one
    }

    /** Copies the first {@code n} values of a float64 array (offset 0) from host memory into {@code dst}. */
    private static void readHost(INDArray src, double[] dst, int dstOffset, int n) {
        Nd4j.getAffinityManager().ensureLocation(src, AffinityManager.Location.HOST); // waits for the device
        Pointer p = src.data().pointer();
        if (p instanceof DoublePointer d && d.position() == 0) {
            d.get(dst, dstOffset, n);
        } else {
            DataBuffer data = src.data();
            for (int i = 0; i < n; i++) {
                dst[dstOffset + i] = data.getDouble(i);
            }
        }
    }

    private static INDArray vector(double[] v, DataType type) {
        return Nd4j.create(v, new long[] {v.length}, DataType.DOUBLE).castTo(type);
    }

    private static INDArray matrix(double[] rowMajor, int rows, int cols, DataType type) {
        return Nd4j.create(rowMajor, new long[] {rows, cols}, DataType.DOUBLE).castTo(type);
    }
}
