package org.cosmoemu.cpu;

import java.util.List;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.Precision;

/**
 * The hand-vectorised forward pass ({@code cpu-vector}): computes what {@link ScalarForwardPass} computes,
 * with the JDK's Vector API ({@code jdk.incubator.vector}; the JVM needs {@code --add-modules
 * jdk.incubator.vector}, which is why {@link CpuBackend} loads this class reflectively).
 *
 * <p>How it is fast:
 * <ul>
 *   <li>At construction every matrix product (hidden layers, output layer, PCA reconstruction) is
 *       {@linkplain PackedPanels packed} into contiguous column panels four vectors wide (64 floats or 32
 *       doubles with AVX-512), padded with zero columns to a whole number of vectors, so that the inner loop
 *       reads the weights sequentially and never needs a mask.</li>
 *   <li>For batches, each panel is applied to four samples at once: sixteen accumulator vectors held in local
 *       variables (register blocking), each weight vector loaded once and used four times, the inputs
 *       broadcast. Batches are processed in chunks of {@value #CHUNK} samples, panel by panel, so a panel is
 *       read from memory once per chunk and then from cache.</li>
 *   <li>The bias initialises the accumulators and the activation (with a vectorised {@code exp}) is applied to
 *       each finished block while it is in L1.</li>
 * </ul>
 *
 * <p>Numerics: the sums use fused multiply-adds in input order, so results differ from the scalar reference
 * by rounding only (float64: ~1e-15 relative; float32: ~1e-6). Every sample's result is independent of the
 * batch it is evaluated in (same operations in the same order), so a batch equals its points evaluated one by
 * one, bit for bit. Input standardisation and output de-standardisation are done in {@code double}, as in
 * the reference.
 *
 * <p>Immutable and thread-safe. Each thread gets its own scratch space (two activation buffers of at most
 * {@value #CHUNK} rows), allocated on its first call and grown only when a larger batch arrives; after that
 * {@link #forward} allocates nothing.
 */
public final class VectorForwardPass implements ForwardPass {
    /** Samples processed together; bounds the per-thread scratch. */
    static final int CHUNK = 64;

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
                    model.outputMean(), model.outputStd(), CHUNK);
        } else {
            kernel = new VectorKernel32(model.inputSize(), model.inputMean(), model.inputStd(), products,
                    model.outputMean(), model.outputStd(), CHUNK);
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
