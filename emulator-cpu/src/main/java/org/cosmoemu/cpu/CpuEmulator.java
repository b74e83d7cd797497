package org.cosmoemu.cpu;

import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.RangePolicy;
import org.cosmoemu.api.spi.AbstractEmulator;

/** An {@link org.cosmoemu.api.Emulator} evaluated in pure Java by a {@link ForwardPass}. Immutable and thread-safe. */
final class CpuEmulator extends AbstractEmulator {
    private final ForwardPass pass;
    private final JacobianPass.Lazy jacobian;

    CpuEmulator(NetworkModel model, ForwardPass pass, RangePolicy policy) {
        this(model, pass, policy, JacobianPass.lazy(model));
    }

    private CpuEmulator(NetworkModel model, ForwardPass pass, RangePolicy policy, JacobianPass.Lazy jacobian) {
        super(model, pass.precision(), policy);
        this.pass = pass;
        this.jacobian = jacobian;
    }

    @Override
    protected void jacobianRawImpl(double[] point, double[] raw, double[] jac) {
        jacobian.evaluate(point, raw, jac);
    }

    @Override
    protected void forwardRaw(double[] points, int count, double[] out) {
        pass.forward(points, count, out);
    }

    @Override
    protected AbstractEmulator copyWith(RangePolicy policy) {
        return new CpuEmulator(model(), pass, policy, jacobian);
    }

    /** Compiles a forward pass of the restricted network with the same kernel: its dropped outputs cost nothing. */
    @Override
    protected AbstractEmulator restrict(NetworkModel part, int from) {
        EmulatorOptions.Kernel kernel = pass instanceof ScalarForwardPass ? EmulatorOptions.Kernel.SCALAR
                : EmulatorOptions.Kernel.VECTOR;
        return new CpuEmulator(part, CpuBackend.forwardPass(part, precision(), kernel), rangePolicy());
    }

    @Override
    public String backend() {
        return pass.kernelName();
    }
}
