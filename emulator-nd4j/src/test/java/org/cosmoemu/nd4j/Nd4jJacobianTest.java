package org.cosmoemu.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

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

    @Test
    void restrictedEmulatorsGiveThoseOutputsOfTheWholeNetworkAndTheirJacobianRows() {
        NetworkModel m = SyntheticNetworks.random(22, 6, 64, 4, 12, 50);
        Emulator whole = Emulators.create(m, EmulatorOptions.defaults().withBackend("nd4j"));
        Emulator part = whole.restrictedTo(10, 30);
        assertEquals(20, part.outputSize());
        assertEquals(whole.backend(), part.backend());
        double[] x = SyntheticNetworks.points(3, 4, 6);
        double[] full = new double[4 * 50];
        double[] kept = new double[4 * 20];
        whole.predictBatch(x, 4, full);
        part.predictBatch(x, 4, kept);
        for (int s = 0; s < 4; s++) {
            assertArrayEquals(Arrays.copyOfRange(full, s * 50 + 10, s * 50 + 30), Arrays.copyOfRange(kept, s * 20, s * 20 + 20), 0.0);
        }
        double[] one = Arrays.copyOf(x, 6);
        double[] jacWhole = new double[50 * 6];
        double[] jacPart = new double[20 * 6];
        whole.jacobian(one, null, jacWhole);
        part.jacobian(one, null, jacPart);
        assertArrayEquals(Arrays.copyOfRange(jacWhole, 10 * 6, 30 * 6), jacPart, 0.0);
    }
}
