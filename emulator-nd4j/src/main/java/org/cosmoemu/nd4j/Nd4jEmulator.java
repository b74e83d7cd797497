package org.cosmoemu.nd4j;

import java.util.Objects;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.Precision;
import org.cosmoemu.api.RangePolicy;
import org.cosmoemu.api.spi.AbstractEmulator;
import org.cosmoemu.cpu.JacobianPass;

/**
 * An {@link org.cosmoemu.api.Emulator} evaluated by ND4J ({@link Nd4jForwardPass}) on whichever ND4J backend is
 * on the classpath: {@link #backend()} is {@code nd4j-cpu} or {@code nd4j-cuda}. Users normally get one through
 * {@code Emulators.create(model, EmulatorOptions.defaults().withBackend(EmulatorOptions.Backend.ND4J))}.
 *
 * <p>Immutable and thread-safe (each thread gets its own ND4J arrays; see {@link Nd4jForwardPass}). Input
 * validation, the output transform and the error messages are {@link AbstractEmulator}'s, identical to the
 * pure-Java backend. ND4J is slow per call (about a millisecond of fixed cost): use it for large batches.
 */
final class Nd4jEmulator extends AbstractEmulator {
    private final Nd4jForwardPass pass;
    private final JacobianPass.Lazy jacobian;

    private Nd4jEmulator(NetworkModel model, Nd4jForwardPass pass, RangePolicy policy, JacobianPass.Lazy jacobian) {
        super(model, pass.precision(), policy);
        this.pass = pass;
        this.jacobian = jacobian;
    }

    /** Jacobians come from emulator-cpu's exact float64 pass: the same numbers on every backend. */
    @Override
    protected void jacobianRawImpl(double[] point, double[] raw, double[] jac) {
        jacobian.evaluate(point, raw, jac);
    }

    /**
     * @param model       the network
     * @param precision   precision of the weights and arithmetic
     * @param rangePolicy what to do with points outside the training range
     * @param chunkRows   points per ND4J pass, or 0 to choose from a memory budget
     * @return the emulator
     * @throws org.cosmoemu.api.InvalidOptionException if {@code chunkRows} is negative
     * @throws org.cosmoemu.api.CosmoEmuException     if ND4J cannot be loaded
     */
    public static Nd4jEmulator of(NetworkModel model, Precision precision, RangePolicy rangePolicy, int chunkRows) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(rangePolicy, "rangePolicy");
        return new Nd4jEmulator(model, new Nd4jForwardPass(model, precision, chunkRows), rangePolicy,
                JacobianPass.lazy(model));
    }

    /** @return the points evaluated per ND4J pass; larger batches are cut into chunks of this size */
    public int chunkRows() {
        return pass.chunkRows();
    }

    @Override
    protected void forwardRaw(double[] points, int count, double[] out) {
        pass.forward(points, count, out);
    }

    @Override
    protected AbstractEmulator copyWith(RangePolicy policy) {
        return new Nd4jEmulator(model(), pass, policy, jacobian);
    }

    /** @return {@code nd4j-cpu} or {@code nd4j-cuda}, the ND4J backend actually loaded */
    @Override
    public String backend() {
        return pass.kernelName();
    }
}
