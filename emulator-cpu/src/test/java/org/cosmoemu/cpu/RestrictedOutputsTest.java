package org.cosmoemu.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.Precision;
import org.junit.jupiter.api.Test;

/** A model restricted to some outputs computes exactly those outputs of the full model, on every kernel. */
class RestrictedOutputsTest {

    @Test
    void restrictedModelsGiveTheSameOutputsBitForBit() {
        for (int pca : new int[] {0, 300}) {
            // without PCA: 300 network outputs; with PCA: 12 components reconstructing 300 outputs
            NetworkModel full = SyntheticNetworks.random(7, new int[] {6, 64, 64, pca == 0 ? 300 : 12}, pca);
            NetworkModel part = full.restrictedTo(37, 191);
            assertEquals(154, part.outputSize());
            assertArrayEquals(Arrays.copyOfRange(full.grid().values(), 37, 191), part.grid().values(), 0.0);
            double[] points = SyntheticNetworks.points(3, 9, 6);
            for (EmulatorOptions.Kernel k : new EmulatorOptions.Kernel[] {EmulatorOptions.Kernel.SCALAR,
                EmulatorOptions.Kernel.VECTOR}) {
                for (Precision p : Precision.values()) {
                    EmulatorOptions o = EmulatorOptions.defaults().withKernel(k).withPrecision(p);
                    Emulator a = Emulators.create(full, o);
                    Emulator b = Emulators.create(part, o);
                    double[] outA = new double[9 * 300];
                    double[] outB = new double[9 * 154];
                    a.predictBatch(points, 9, outA);
                    b.predictBatch(points, 9, outB);
                    for (int s = 0; s < 9; s++) {
                        assertArrayEquals(Arrays.copyOfRange(outA, s * 300 + 37, s * 300 + 191),
                                Arrays.copyOfRange(outB, s * 154, (s + 1) * 154), 0.0, k + " " + p + " pca " + pca);
                    }
                }
            }
        }
    }

    @Test
    void restrictedEmulatorsKeepTheirKernelPolicyAndGiveTheSameOutputsBitForBit() {
        NetworkModel full = SyntheticNetworks.random(11, new int[] {6, 64, 64, 16}, 250);
        double[] points = SyntheticNetworks.points(5, 7, 6);
        for (EmulatorOptions.Kernel k : EmulatorOptions.Kernel.values()) {
            for (Precision p : Precision.values()) {
                Emulator whole = Emulators.create(full, EmulatorOptions.defaults().withKernel(k).withPrecision(p));
                Emulator part = whole.restrictedTo(40, 120);
                assertEquals(80, part.outputSize());
                assertEquals(whole.backend(), part.backend(), "the same kernel");
                assertEquals(whole.precision(), part.precision());
                assertEquals(whole.rangePolicy(), part.rangePolicy());
                assertArrayEquals(Arrays.copyOfRange(whole.outputGrid().values(), 40, 120), part.outputGrid().values(), 0.0);
                double[] outA = new double[7 * 250];
                double[] outB = new double[7 * 80];
                whole.predictBatch(points, 7, outA);
                part.predictBatch(points, 7, outB);
                for (int s = 0; s < 7; s++) {
                    assertArrayEquals(Arrays.copyOfRange(outA, s * 250 + 40, s * 250 + 120),
                            Arrays.copyOfRange(outB, s * 80, (s + 1) * 80), 0.0, k + " " + p);
                }
                assertSame(whole, whole.restrictedTo(0, 250));
                assertThrows(InvalidOptionException.class, () -> whole.restrictedTo(0, 251));
            }
        }
    }

    @Test
    void theWholeRangeIsTheModelItselfAndBadRangesAreNamed() {
        NetworkModel m = SyntheticNetworks.random(7, new int[] {6, 16, 40}, 0);
        assertSame(m, m.restrictedTo(0, 40));
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> m.restrictedTo(10, 41));
        assertEquals("outputs", e.option());
        assertThrows(InvalidOptionException.class, () -> m.restrictedTo(5, 5));
    }
}
