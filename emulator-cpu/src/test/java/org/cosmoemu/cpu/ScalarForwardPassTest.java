package org.cosmoemu.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.cosmoemu.api.EllFactor;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.OutputQuantity;
import org.cosmoemu.api.OutputTransform;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.api.ParameterOutOfRangeException;
import org.cosmoemu.api.ParameterSpace;
import org.cosmoemu.api.Precision;
import org.cosmoemu.api.RangePolicy;
import org.junit.jupiter.api.Test;

class ScalarForwardPassTest {

    /** A 2-input, 2-neuron, 1-output network small enough to evaluate by hand. */
    private static NetworkModel tiny(OutputTransform transform) {
        return NetworkModel.builder().name("tiny")
                .parameterSpace(ParameterSpace.of(Parameter.of("a", -1, 1), Parameter.of("b", -1, 1)))
                .inputScaling(new double[] {0.5, -0.5}, new double[] {2.0, 4.0})
                .layers(List.of(
                        NetworkModel.DenseLayer.hidden(2, 2, new double[] {1.0, -2.0, 0.5, 3.0}, new double[] {0.1, -0.2},
                                new double[] {1.5, 0.7}, new double[] {0.25, -0.1}),
                        NetworkModel.DenseLayer.linear(2, 1, new double[] {2.0, -1.0}, new double[] {0.3})))
                .outputScaling(new double[] {1.0}, new double[] {0.5})
                .grid(OutputGrid.named(List.of("y")))
                .quantity(OutputQuantity.of("y", "dimensionless", EllFactor.NONE, transform))
                .build();
    }

    private static double byHand(double a, double b) {
        double x0 = (a - 0.5) / 2.0, x1 = (b + 0.5) / 4.0;
        double z0 = x0 * 1.0 + x1 * 0.5 + 0.1;
        double z1 = x0 * -2.0 + x1 * 3.0 - 0.2;
        double h0 = (0.25 + 0.75 / (1 + Math.exp(-1.5 * z0))) * z0;
        double h1 = (-0.1 + 1.1 / (1 + Math.exp(-0.7 * z1))) * z1;
        double y = 2.0 * h0 - 1.0 * h1 + 0.3;
        return y * 0.5 + 1.0;
    }

    @Test
    void matchesHandComputation() {
        Emulator e = Emulators.create(tiny(OutputTransform.IDENTITY), EmulatorOptions.defaults().withKernel(EmulatorOptions.Kernel.SCALAR));
        assertEquals(byHand(0.3, -0.7), e.predict(new double[] {0.3, -0.7})[0], 1e-15);
        assertEquals(byHand(-1, 1), e.predict(Map.of("a", -1, "b", 1.0))[0], 1e-15);
        Emulator f = Emulators.create(tiny(OutputTransform.IDENTITY),
                EmulatorOptions.defaults().withKernel(EmulatorOptions.Kernel.SCALAR).withPrecision(Precision.FLOAT32));
        assertEquals(byHand(0.3, -0.7), f.predict(new double[] {0.3, -0.7})[0], 1e-6);
    }

    @Test
    void log10TransformAppliesToValuesNotRaw() {
        Emulator e = Emulators.create(tiny(OutputTransform.LOG10), EmulatorOptions.defaults().withKernel(EmulatorOptions.Kernel.SCALAR));
        double[] raw = new double[1];
        e.predictRaw(new double[] {0.3, -0.7}, raw);
        assertEquals(byHand(0.3, -0.7), raw[0], 1e-15);
        assertEquals(Math.pow(10, byHand(0.3, -0.7)), e.predict(new double[] {0.3, -0.7})[0], 1e-14);
    }

    @Test
    void rejectsBadPoints() {
        Emulator e = Emulators.create(tiny(OutputTransform.IDENTITY), EmulatorOptions.defaults().withKernel(EmulatorOptions.Kernel.SCALAR));
        var out = assertThrows(ParameterOutOfRangeException.class, () -> e.predict(new double[] {1.5, 0}));
        assertEquals("a", out.parameter());
        assertTrue(out.getMessage().contains("'a' = 1.5") && out.getMessage().contains("[-1.0, 1.0]"), out.getMessage());
        var nan = assertThrows(InvalidParameterException.class, () -> e.predict(new double[] {0, Double.NaN}));
        assertEquals("b", nan.parameter());
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        var len = assertThrows(InvalidParameterException.class, () -> e.predict(new double[] {0}));
        assertTrue(len.getMessage().contains("expected 2"), len.getMessage());
        var missing = assertThrows(InvalidParameterException.class, () -> e.predict(Map.of("a", 0.1)));
        assertTrue(missing.getMessage().contains("missing parameter(s) [b]"), missing.getMessage());
        var unknown = assertThrows(InvalidParameterException.class, () -> e.predict(Map.of("a", 0.1, "b", 0, "c", 1)));
        assertTrue(unknown.getMessage().contains("unknown parameter(s) [c]"), unknown.getMessage());
        var shortOut = assertThrows(InvalidParameterException.class, () -> e.predict(new double[] {0, 0}, new double[0]));
        assertTrue(shortOut.getMessage().contains("output buffer"), shortOut.getMessage());
        var batch = assertThrows(ParameterOutOfRangeException.class,
                () -> e.predictBatch(new double[] {0, 0, 0, 2}, 2, new double[2]));
        assertTrue(batch.getMessage().contains("point 1"), batch.getMessage());
        // extrapolation is opt-in
        Emulator x = e.withRangePolicy(RangePolicy.EXTRAPOLATE);
        assertEquals(byHand(1.5, 0), x.predict(new double[] {1.5, 0})[0], 1e-15);
        assertThrows(InvalidParameterException.class, () -> x.predict(new double[] {Double.POSITIVE_INFINITY, 0}));
    }

    @Test
    void batchEqualsSinglePoints() {
        NetworkModel m = SyntheticNetworks.random(7, 6, 64, 4, 16, 40);
        Emulator e = Emulators.create(m, EmulatorOptions.defaults().withKernel(EmulatorOptions.Kernel.SCALAR));
        double[] pts = SyntheticNetworks.points(3, 5, 6);
        double[] batch = new double[5 * 40];
        e.predictBatch(pts, 5, batch);
        for (int s = 0; s < 5; s++) {
            double[] one = e.predict(java.util.Arrays.copyOfRange(pts, s * 6, s * 6 + 6));
            assertArrayEquals(one, java.util.Arrays.copyOfRange(batch, s * 40, s * 40 + 40), 0.0);
        }
    }
}
