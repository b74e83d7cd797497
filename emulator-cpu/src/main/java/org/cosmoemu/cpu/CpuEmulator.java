package org.cosmoemu.cpu;

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

    @Override
    public String backend() {
        return pass.kernelName();
    }
}
