package org.cosmoemu.cpu;

import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.RangePolicy;
import org.cosmoemu.api.spi.AbstractEmulator;

/** An {@link org.cosmoemu.api.Emulator} evaluated in pure Java by a {@link ForwardPass}. Immutable and thread-safe. */
final class CpuEmulator extends AbstractEmulator {
    private final ForwardPass pass;
    private volatile JacobianPass jacobianPass; // built on first use: most users never differentiate

    CpuEmulator(NetworkModel model, ForwardPass pass, RangePolicy policy) {
        super(model, pass.precision(), policy);
        this.pass = pass;
    }

    @Override
    protected void jacobianRawImpl(double[] point, double[] raw, double[] jacobian) {
        JacobianPass j = jacobianPass;
        if (j == null) {
            synchronized (this) {
                j = jacobianPass;
                if (j == null) {
                    j = new JacobianPass(model());
                    jacobianPass = j;
                }
            }
        }
        j.evaluate(point, raw, jacobian);
    }

    @Override
    protected void forwardRaw(double[] points, int count, double[] out) {
        pass.forward(points, count, out);
    }

    @Override
    protected AbstractEmulator copyWith(RangePolicy policy) {
        return new CpuEmulator(model(), pass, policy);
    }

    @Override
    public String backend() {
        return pass.kernelName();
    }
}
