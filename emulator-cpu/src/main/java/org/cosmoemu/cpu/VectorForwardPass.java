package org.cosmoemu.cpu;

import java.util.List;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.Precision;

/**
 * The hand-vectorised forward pass ({@code cpu-vector}): computes what {@link ScalarForwardPass} computes,
 * with the JDK's Vector API ({@code jdk.incubator.vector}; the JVM needs {@code --add-modules
 * jdk.incubator.vector}, which is why {@link CpuBackend} loads this class reflectively). Vectors are
 * {@code SPECIES_PREFERRED}: 16 floats / 8 doubles with AVX-512, 8 / 4 with AVX2.
 *
 * <p>How it is fast (details in {@link VectorKernel32}):
 * <ul>
 *   <li>At construction every matrix product (hidden layers, output layer, PCA reconstruction) is
 *       {@linkplain PackedPanels packed} into contiguous column panels two vectors wide (32 floats or 16
 *       doubles with AVX-512), padded with zero columns to whole panels, so that the inner loop reads the
 *       weights sequentially and never needs a mask.</li>
 *   <li>For batches, each panel is applied to eight samples at once: sixteen accumulator vectors held in local
 *       variables (register blocking), each weight vector loaded once and used eight times, the inputs
 *       broadcast. Batches are processed in chunks of {@value #CHUNK_F32} (float32) or {@value #CHUNK_F64}
 *       (float64) samples, panel by panel, so a panel is
 *       read from memory once per chunk and then from cache. A single sample walks two panels at once, to
 *       keep four independent FMA chains and enough loads in flight to stream the weights at cache speed.</li>
 *   <li>The bias initialises the accumulators, and the activation is applied to each finished block while
 *       it is in L1.</li>
 * </ul>
 *
 * <p>Numerics: the sums use fused multiply-adds in input order, so results differ from the scalar reference
 * by rounding only (float64: ~1e-15 relative; float32: ~1e-6). The activation's {@code exp} is
 * {@link VectorExp}, not {@code VectorOperators.EXP}: that one is as accurate (≤ 1 ulp) but gives different
 * bits compiled (SVML) and interpreted ({@link Math#exp}), which made results depend on JIT warm-up. With
 * {@code VectorExp} every sample's result is independent of the batch, block, thread and JIT state it is
 * evaluated in: a batch equals its points evaluated one by one, bit for bit. Input standardisation and output
 * de-standardisation are done in {@code double}, as in the reference.
 *
 * <p>Immutable and thread-safe. Each thread gets its own scratch space (two activation buffers of at most
 * {@value #CHUNK_F32} or {@value #CHUNK_F64} rows), allocated on its first call and grown only when a larger batch arrives; after that
 * {@link #forward} allocates nothing.
 */
final class VectorForwardPass implements ForwardPass {
    /**
     * Samples processed together in float32; bounds the per-thread scratch. Each chunk streams all weights once,
     * so a larger chunk means less memory traffic per sample but more scratch; 64 already makes float32
     * compute-bound.
     */
    static final int CHUNK_F32 = 64;
    /**
     * Samples processed together in float64: twice as many, because the float64 weights of a Planck-sized
     * network (18.6 MB) often do not stay in a shared L3 and each chunk re-reads them from DRAM (measured: 50
     * instead of 57 µs per sample at batch 256). Scratch: up to 2 × 128 rows × the widest layer, 6 MB per thread
     * for 2999 outputs.
     */
    static final int CHUNK_F64 = 128;

    /** One precision's implementation. */
    interface Kernel {
        void forward(double[] points, int count, double[] out);
    }

    private final Precision precision;
    private final Kernel kernel;

    /**
     * @param model     the network
     * @param precision float64 or float32 weights and arithmetic
     */
    public VectorForwardPass(NetworkModel model, Precision precision) {
        this.precision = precision;
        List<PackedLayer> products = PackedLayer.of(model);
        if (precision == Precision.FLOAT64) {
            kernel = new VectorKernel64(model.inputSize(), model.inputMean(), model.inputStd(), products,
                    model.outputMean(), model.outputStd(), CHUNK_F64);
        } else {
            kernel = new VectorKernel32(model.inputSize(), model.inputMean(), model.inputStd(), products,
                    model.outputMean(), model.outputStd(), CHUNK_F32);
        }
    }

    @Override
    public void forward(double[] points, int count, double[] out) {
        kernel.forward(points, count, out);
    }

    @Override
    public String kernelName() {
        return "cpu-vector";
    }

    @Override
    public Precision precision() {
        return precision;
    }

    /** @return e.g. {@code "FloatVector 16 lanes"}: the vector shape this JVM uses for {@link #precision()} */
    public String vectorShape() {
        return precision == Precision.FLOAT64
                ? "DoubleVector " + DoubleVector.SPECIES_PREFERRED.length() + " lanes"
                : "FloatVector " + FloatVector.SPECIES_PREFERRED.length() + " lanes";
    }
}
