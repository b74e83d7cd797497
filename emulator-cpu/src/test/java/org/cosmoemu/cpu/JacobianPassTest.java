package org.cosmoemu.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.OutputQuantity;
import org.cosmoemu.api.OutputTransform;
import org.junit.jupiter.api.Test;

/** The analytic Jacobian against central finite differences of the forward pass. */
class JacobianPassTest {

    /** Central differences with step h; fourth-order Richardson extrapolation for accuracy. */
    static double[] finiteDifferences(Emulator e, double[] x, boolean raw) {
        int n = e.outputSize();
        int d = x.length;
        double[] jac = new double[n * d];
        for (int j = 0; j < d; j++) {
            double h = 1e-3;
            double[] f1 = eval(e, x, j, h, raw), f2 = eval(e, x, j, -h, raw);
            double[] g1 = eval(e, x, j, 2 * h, raw), g2 = eval(e, x, j, -2 * h, raw);
            for (int o = 0; o < n; o++) {
                jac[o * d + j] = (8 * (f1[o] - f2[o]) - (g1[o] - g2[o])) / (12 * h);
            }
        }
        return jac;
    }

    private static double[] eval(Emulator e, double[] x, int j, double h, boolean raw) {
        double[] y = x.clone();
        y[j] += h;
        double[] out = new double[e.outputSize()];
        if (raw) {
            e.predictRaw(y, out);
        } else {
            e.predict(y, out);
        }
        return out;
    }

    static void assertJacobianMatches(Emulator e, double[] x, boolean raw) {
        int n = e.outputSize();
        int d = x.length;
        double[] jac = new double[n * d];
        double[] val = new double[n];
        if (raw) {
            e.jacobianRaw(x, val, jac);
        } else {
            e.jacobian(x, val, jac);
        }
        double[] expectVal = new double[n];
        if (raw) {
            e.predictRaw(x, expectVal);
        } else {
            e.predict(x, expectVal);
        }
        double[] fd = finiteDifferences(e, x, raw);
        double scale = 0;
        for (double v : fd) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int o = 0; o < n; o++) {
            assertEquals(expectVal[o], val[o], 1e-12 * Math.max(1, Math.abs(expectVal[o])), "value " + o);
            for (int j = 0; j < d; j++) {
                assertEquals(fd[o * d + j], jac[o * d + j], 1e-7 * scale, "d out[" + o + "] / d in[" + j + "]");
            }
        }
    }

    @Test
    void matchesFiniteDifferencesForNnAndPcaNetworks() {
        for (int pca : new int[] {0, 37}) {
            NetworkModel m = SyntheticNetworks.random(11 + pca, 6, 48, 4, 13, pca);
            Emulator e = Emulators.create(m, EmulatorOptions.defaults().withKernel(EmulatorOptions.Kernel.SCALAR));
            double[] x = SyntheticNetworks.points(5, 1, 6);
            assertJacobianMatches(e, x, true);
            assertJacobianMatches(e, x, false);
        }
    }

    @Test
    void log10ModelsGetTheChainFactor() {
        NetworkModel m = SyntheticNetworks.random(3, 4, 32, 2, 9, 0);
        m = m.toBuilder().quantity(OutputQuantity.unspecified().withTransform(OutputTransform.LOG10)).build();
        Emulator e = Emulators.create(m, EmulatorOptions.defaults().withKernel(EmulatorOptions.Kernel.SCALAR));
        assertJacobianMatches(e, SyntheticNetworks.points(9, 1, 4), false);
    }

    @Test
    void rejectsShortBuffers() {
        Emulator e = Emulators.create(SyntheticNetworks.random(1, 3, 8, 1, 5, 0), EmulatorOptions.defaults().withKernel(EmulatorOptions.Kernel.SCALAR));
        var ex = assertThrows(InvalidParameterException.class,
                () -> e.jacobian(new double[] {0.5, 0.5, 0.5}, null, new double[14]));
        assertEquals(true, ex.getMessage().contains("Jacobian buffer holds 14 values"), ex.getMessage());
    }
}
