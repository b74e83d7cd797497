package org.cosmoemu.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.Precision;
import org.cosmoemu.api.RangePolicy;
import org.cosmoemu.cpu.Emulators;
import org.cosmoemu.cpu.io.ModelFiles;
import org.cosmoemu.cpu.testing.Fixtures;
import org.cosmoemu.cpu.testing.ReferencePrediction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ND4J on every CosmoPower fixture model at every reference point of
 * {@code cosmopower-fixtures/reference-predictions/*.txt}: against the float64 scalar forward pass of
 * emulator-cpu (1e-9 of the output scale in float64, 1e-5 in float32; scale as in {@link Nd4jEqualityTest}) and
 * against the file's own raw values (column 2, computed by an independent numpy forward pass and printed with
 * 11 significant digits: 1e-9 of the output scale).
 */
class Nd4jFixtureEqualityTest {

    static Stream<ReferencePrediction> references() {
        return Fixtures.references().stream();
    }

    @ParameterizedTest
    @MethodSource("references")
    void nd4jMatchesScalarAndNumpy(ReferencePrediction ref) {
        NetworkModel model = ModelFiles.read(ref.modelPath());
        assertEquals(ref.raw().length, model.outputSize(), ref.caseName() + ": outputs");
        Emulator scalar = Emulators.create(model, EmulatorOptions.defaults().withKernel(EmulatorOptions.Kernel.SCALAR)
                .withRangePolicy(RangePolicy.EXTRAPOLATE));
        double[] want = new double[model.outputSize()];
        scalar.predictRaw(ref.inputs(), want);
        int n = want.length;
        for (Precision precision : Precision.values()) {
            Emulator nd4j = Emulators.create(model, EmulatorOptions.defaults().withBackend("nd4j")
                    .withPrecision(precision).withRangePolicy(RangePolicy.EXTRAPOLATE));
            assertEquals(Nd4jBackendTest.expectedBackend(), nd4j.backend());
            double[] got = new double[n];
            nd4j.predictRaw(ref.inputs(), got);
            double tol = precision == Precision.FLOAT64 ? Nd4jEqualityTest.TOL64 : Nd4jEqualityTest.TOL32;
            Nd4jEqualityTest.assertClose(model, want, got, 1, tol, ref.caseName() + " " + precision + " vs scalar");
            if (precision == Precision.FLOAT64) {
                Nd4jEqualityTest.assertClose(model, ref.raw(), got, 1, 1e-9, ref.caseName() + " float64 vs numpy");
            }
            // the same point inside a batch of three (first, middle and last row) gives the same outputs
            double[] three = new double[3 * ref.inputs().length];
            for (int s = 0; s < 3; s++) {
                System.arraycopy(ref.inputs(), 0, three, s * ref.inputs().length, ref.inputs().length);
            }
            double[] batch = new double[3 * n];
            nd4j.predictRawBatch(three, 3, batch);
            for (int s = 0; s < 3; s++) {
                Nd4jEqualityTest.assertClose(model, want, java.util.Arrays.copyOfRange(batch, s * n, (s + 1) * n), 1, tol,
                        ref.caseName() + " " + precision + " batch row " + s);
            }
        }
    }
}
