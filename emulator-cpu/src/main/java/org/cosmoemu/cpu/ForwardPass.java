package org.cosmoemu.cpu;

import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.Precision;

/**
 * A compiled forward pass of one {@link NetworkModel}: validated inputs in, raw outputs (de-standardised,
 * PCA-reconstructed, before the output transform) out. Implementations are immutable and thread-safe;
 * per-thread scratch space makes {@link #forward} allocation-free after a thread's first call.
 */
public interface ForwardPass {

    /**
     * Runs the network on a batch of points.
     *
     * @param points {@code count} points in network order, row-major (not modified)
     * @param count  number of points, ≥ 1
     * @param out    receives {@code count * outputSize} raw outputs, row-major (overwritten)
     */
    void forward(double[] points, int count, double[] out);

    /**
     * {@return the kernel's name as reported by {@link org.cosmoemu.api.Emulator#backend()}, e.g. {@code cpu-vector}}
     *
     */
    String kernelName();

    /** {@return the precision of weights and arithmetic} */
    Precision precision();
}
