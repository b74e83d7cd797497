package org.cosmoemu.cpu.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cosmoemu.api.Emulator;

/**
 * Checks an emulator's analytic raw-output Jacobian against fourth-order central finite differences, with
 * steps of 1e-3 of each input's standardisation width. Derivatives are compared in standardised units,
 * relative to the largest derivative of the same output.
 */
public final class JacobianCheck {
    private JacobianCheck() {
    }

    /**
     * @param e         the emulator (its range policy must allow {@code x} ± 2 steps)
     * @param x         the point
     * @param tolerance relative tolerance, e.g. 1e-6
     */
    public static void assertMatchesFiniteDifferences(Emulator e, double[] x, double tolerance) {
        int n = e.outputSize();
        int d = x.length;
        double[] std = e.model().inputStd();
        double[] jac = new double[n * d];
        e.jacobianRaw(x, null, jac);
        double[][] fd = new double[d][];
        for (int j = 0; j < d; j++) {
            double h = 1e-3 * std[j];
            double[] f1 = raw(e, x, j, h), f2 = raw(e, x, j, -h), g1 = raw(e, x, j, 2 * h), g2 = raw(e, x, j, -2 * h);
            fd[j] = new double[n];
            for (int o = 0; o < n; o++) {
                fd[j][o] = (8 * (f1[o] - f2[o]) - (g1[o] - g2[o])) / (12 * h);
            }
        }
        for (int o = 0; o < n; o++) {
            double scale = 0;
            for (int j = 0; j < d; j++) {
                scale = Math.max(scale, Math.abs(fd[j][o] * std[j]));
            }
            for (int j = 0; j < d; j++) {
                assertEquals(fd[j][o] * std[j], jac[o * d + j] * std[j], tolerance * scale + 1e-12,
                        e.name() + ": d raw[" + o + "] / d " + e.parameterNames().get(j));
            }
        }
    }

    private static double[] raw(Emulator e, double[] x, int j, double h) {
        double[] y = x.clone();
        y[j] += h;
        double[] out = new double[e.outputSize()];
        e.predictRaw(y, out);
        return out;
    }
}
