package org.cosmoemu.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.cosmoemu.api.EllFactor;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.OutputQuantity;
import org.cosmoemu.api.OutputTransform;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.api.ParameterSpace;
import org.cosmoemu.api.Precision;
import org.cosmoemu.api.RangePolicy;
import org.cosmoemu.cpu.Emulators;
import org.cosmoemu.cpu.SyntheticNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ND4J (on the backend on the classpath: CPU in CI, CUDA under {@code gpu-check.sh}) against the float64 scalar
 * reference of emulator-cpu, on random networks of several shapes and batch sizes.
 *
 * <p>Tolerance, per point, relative to that point's output scale {@code max_j max(|reference_j|, outputStd_j)}
 * (the output standard deviation is the network's natural unit: raw = y·outputStd + outputMean, so float
 * rounding of y shows up in units of outputStd even where raw crosses zero): 1e-9 in float64 (different
 * summation orders differ by ~1e-15), 1e-5 in float32 (float rounding through 1–5 layers is ~1e-6).
 */
class Nd4jEqualityTest {
    static final double TOL64 = 1e-9;
    static final double TOL32 = 1e-5;

    /** Random networks: seed, inputs, hidden width, hidden layers, network outputs, PCA outputs (0: NN). */
    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of(SyntheticNetworks.random(11, 6, 64, 4, 40, 0)), // NN, CosmoPower-like depth
                Arguments.of(SyntheticNetworks.random(12, 6, 64, 3, 16, 90)), // PCAplusNN
                Arguments.of(SyntheticNetworks.random(13, 7, 33, 2, 9, 0)), // odd widths
                Arguments.of(SyntheticNetworks.random(14, 1, 5, 1, 1, 0)), // one input, one output
                Arguments.of(SyntheticNetworks.random(15, 3, 128, 5, 7, 201))); // wide PCA output
    }

    @ParameterizedTest
    @MethodSource("networks")
    void float64MatchesScalarReference(NetworkModel model) {
        checkAgainstReference(model, Precision.FLOAT64, 0, new int[] {1, 7, 1000}, TOL64);
    }

    @ParameterizedTest
    @MethodSource("networks")
    void float32MatchesScalarReference(NetworkModel model) {
        checkAgainstReference(model, Precision.FLOAT32, 0, new int[] {1, 7, 1000}, TOL32);
    }

    /** Batches larger than one chunk: 64 points per chunk, batches of 65 (tail of 1), 128 (no tail) and 1000. */
    @ParameterizedTest
    @MethodSource("networks")
    void batchesLargerThanAChunkMatch(NetworkModel model) {
        checkAgainstReference(model, Precision.FLOAT64, 64, new int[] {65, 128, 1000}, TOL64);
        checkAgainstReference(model, Precision.FLOAT32, 64, new int[] {65, 1000}, TOL32);
    }

    @Test
    void defaultChunkIsBoundedByTheMemoryBudget() {
        NetworkModel big = SyntheticNetworks.random(16, 6, 512, 4, 2999, 0);
        Nd4jEmulator e = Nd4jEmulator.of(big, Precision.FLOAT64, RangePolicy.REJECT, 0);
        long bytes = (long) e.chunkRows() * new Nd4jForwardPass(big, Precision.FLOAT64, 1).bytesPerRow();
        long budget = e.backend().equals("nd4j-cpu") ? Nd4jForwardPass.CPU_CHUNK_BYTES : Nd4jForwardPass.GPU_CHUNK_BYTES;
        assertTrue(bytes <= budget && bytes > budget / 2, "chunk of " + e.chunkRows() + " rows uses " + bytes + " B");
        // 8·6 + 2·8·2999 + 8·512 bytes per point: the 64 MiB CPU budget gives 1265 points
        if (e.backend().equals("nd4j-cpu")) {
            assertEquals(64L * 1024 * 1024 / (8 * 6 + 2 * 8 * 2999 + 8 * 512), e.chunkRows());
        }
    }

    /**
     * A 2-input, 2-neuron network evaluated by hand (the same network and formula as emulator-cpu's
     * ScalarForwardPassTest), so that ND4J is also checked against something other than the scalar code.
     */
    @Test
    void matchesHandComputation() {
        NetworkModel tiny = NetworkModel.builder().name("tiny")
                .parameterSpace(ParameterSpace.of(Parameter.of("a", -1, 1), Parameter.of("b", -1, 1)))
                .inputScaling(new double[] {0.5, -0.5}, new double[] {2.0, 4.0})
                .layers(List.of(
                        NetworkModel.DenseLayer.hidden(2, 2, new double[] {1.0, -2.0, 0.5, 3.0},
                                new double[] {0.1, -0.2}, new double[] {1.5, 0.7}, new double[] {0.25, -0.1}),
                        NetworkModel.DenseLayer.linear(2, 1, new double[] {2.0, -1.0}, new double[] {0.3})))
                .outputScaling(new double[] {1.0}, new double[] {0.5})
                .grid(OutputGrid.named(List.of("y")))
                .quantity(OutputQuantity.of("y", "dimensionless", EllFactor.NONE, OutputTransform.LOG10))
                .build();
        Emulator e = Emulators.create(tiny, EmulatorOptions.defaults().withBackend("nd4j"));
        double[] raw = new double[1];
        e.predictRaw(new double[] {0.3, -0.7}, raw);
        assertEquals(byHand(0.3, -0.7), raw[0], 1e-15);
        assertEquals(Math.pow(10, byHand(-1, 1)), e.predict(new double[] {-1, 1})[0], 1e-14);
        Emulator f = Emulators.create(tiny, EmulatorOptions.defaults().withBackend("nd4j")
                .withPrecision(Precision.FLOAT32));
        f.predictRaw(new double[] {0.3, -0.7}, raw);
        assertEquals(byHand(0.3, -0.7), raw[0], 1e-6);
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

    private static void checkAgainstReference(NetworkModel model, Precision precision, int chunkRows, int[] batches,
            double tol) {
        Emulator reference = Emulators.create(model, EmulatorOptions.defaults().withKernel(EmulatorOptions.Kernel.SCALAR));
        Nd4jEmulator nd4j = Nd4jEmulator.of(model, precision, RangePolicy.REJECT, chunkRows);
        assertEquals(Nd4jBackendTest.expectedBackend(), nd4j.backend());
        int dim = model.inputSize();
        int n = model.outputSize();
        for (int count : batches) {
            double[] points = SyntheticNetworks.points(1000 + count, count, dim);
            double[] want = new double[count * n];
            reference.predictRawBatch(points, count, want);
            double[] got = new double[count * n];
            nd4j.predictRawBatch(points, count, got);
            assertClose(model, want, got, count, tol, model.name() + " " + precision + " batch " + count
                    + (chunkRows > 0 ? " chunk " + chunkRows : ""));
        }
    }

    /**
     * @param model the network (its output standard deviations set the scale floor)
     * @param want  reference outputs, {@code count × model.outputSize()}
     * @param got   ND4J outputs, same layout
     * @param count number of points
     * @param tol   tolerance relative to each point's output scale
     * @param what  description for the failure message
     */
    static void assertClose(NetworkModel model, double[] want, double[] got, int count, double tol, String what) {
        int n = model.outputSize();
        double[] outStd = model.outputStd();
        for (int s = 0; s < count; s++) {
            double scale = 0;
            for (int j = 0; j < n; j++) {
                scale = Math.max(scale, Math.max(Math.abs(want[s * n + j]), Math.abs(outStd[j])));
            }
            for (int j = 0; j < n; j++) {
                double d = Math.abs(want[s * n + j] - got[s * n + j]);
                if (!(d <= tol * scale)) {
                    throw new AssertionError(what + ": point " + s + " output " + j + ": nd4j " + got[s * n + j]
                            + " vs reference " + want[s * n + j] + " (|diff| " + d + " > " + tol + " x scale " + scale
                            + ")");
                }
            }
        }
    }
}
