package org.cosmoemu.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.cpu.Emulators;
import org.cosmoemu.cpu.SyntheticNetworks;
import org.cosmoemu.cpu.testing.JacobianCheck;
import org.junit.jupiter.api.Test;

/** Jacobians on the ND4J backend: against finite differences of ND4J's own forward pass, and equal to the cpu backend's. */
class Nd4jJacobianTest {

    @Test
    void jacobianMatchesFiniteDifferencesAndTheCpuBackend() {
        NetworkModel m = SyntheticNetworks.random(21, 6, 64, 4, 12, 50);
        Emulator nd4j = Emulators.create(m, EmulatorOptions.defaults().withBackend("nd4j"));
        double[] x = SyntheticNetworks.points(2, 1, 6);
        JacobianCheck.assertMatchesFiniteDifferences(nd4j, x, 1e-6);
        double[] a = new double[50 * 6];
        double[] b = new double[50 * 6];
        nd4j.jacobian(x, null, a);
        Emulators.create(m).jacobian(x, null, b);
        assertArrayEquals(b, a, 0.0);
    }
}
