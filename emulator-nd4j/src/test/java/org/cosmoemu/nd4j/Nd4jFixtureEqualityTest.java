package org.cosmoemu.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.Precision;
import org.cosmoemu.api.RangePolicy;
import org.cosmoemu.api.testing.SharedTestData;
import org.cosmoemu.cpu.Emulators;
import org.cosmoemu.cpu.io.ModelFiles;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ND4J on every CosmoPower fixture model at every reference point of
 * {@code cosmopower-fixtures/reference-predictions/*.txt}: against the float64 scalar forward pass of
 * emulator-cpu (1e-9 of the output scale in float64, 1e-5 in float32; scale as in {@link Nd4jEqualityTest}) and
 * against the file's own raw values (column 2, computed by an independent numpy forward pass and printed with
 * 11 significant digits: 1e-9 of the output scale).
 *
 * <p>Each file's header names the model ({@code # local file:}, relative to the fixtures folder) and the inputs
 * in network order ({@code # network inputs (in network order): name=value, ...}); a tiny parser here reads
 * just those two lines, so this test depends only on {@code ModelFiles.read(Path)}.
 */
@Disabled("needs formats branch: ModelFiles.read is still a stub here; the lead enables this at merge")
class Nd4jFixtureEqualityTest {
    static final String FIXTURES = "cosmopower-fixtures";

    /** One reference-prediction file: the model it names, the input point, the raw reference outputs. */
    record Reference(String file, Path model, double[] point, double[] raw) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Reference> references() throws IOException {
        Path dir = SharedTestData.path(FIXTURES + "/reference-predictions");
        List<Reference> refs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                refs.add(parse(f, dir.getParent()));
            }
        }
        assertFalse(refs.isEmpty(), "no reference predictions in " + dir);
        return refs.stream();
    }

    static Reference parse(Path file, Path fixtures) {
        try {
            Path model = null;
            double[] point = null;
            List<Double> raw = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("# local file:")) {
                    model = fixtures.resolve(line.substring("# local file:".length()).trim());
                } else if (line.startsWith("# network inputs (in network order):")) {
                    String[] items = line.substring(line.indexOf("):") + 2).split(",");
                    point = new double[items.length];
                    for (int i = 0; i < items.length; i++) {
                        point[i] = Double.parseDouble(items[i].substring(items[i].lastIndexOf('=') + 1).trim());
                    }
                } else if (!line.startsWith("#") && !line.isBlank()) {
                    raw.add(Double.parseDouble(line.trim().split("\\s+")[1])); // column 2: raw network output
                }
            }
            if (model == null || point == null || raw.isEmpty()) {
                throw new IllegalStateException(file + ": header lacks 'local file' or 'network inputs', or no rows");
            }
            return new Reference(file.getFileName().toString(), model, point,
                    raw.stream().mapToDouble(Double::doubleValue).toArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("references")
    void nd4jMatchesScalarAndNumpy(Reference ref) {
        NetworkModel model = ModelFiles.read(ref.model());
        assertEquals(ref.raw().length, model.outputSize(), ref.file() + ": outputs");
        Emulator scalar = Emulators.create(model, EmulatorOptions.defaults().withKernel("scalar")
                .withRangePolicy(RangePolicy.EXTRAPOLATE));
        double[] want = new double[model.outputSize()];
        scalar.predictRaw(ref.point(), want);
        int n = want.length;
        for (Precision precision : Precision.values()) {
            Emulator nd4j = Emulators.create(model, EmulatorOptions.defaults().withBackend("nd4j")
                    .withPrecision(precision).withRangePolicy(RangePolicy.EXTRAPOLATE));
            assertEquals(Nd4jBackendTest.expectedBackend(), nd4j.backend());
            double[] got = new double[n];
            nd4j.predictRaw(ref.point(), got);
            double tol = precision == Precision.FLOAT64 ? Nd4jEqualityTest.TOL64 : Nd4jEqualityTest.TOL32;
            Nd4jEqualityTest.assertClose(model, want, got, 1, tol, ref.file() + " " + precision + " vs scalar");
            if (precision == Precision.FLOAT64) {
                Nd4jEqualityTest.assertClose(model, ref.raw(), got, 1, 1e-9, ref.file() + " float64 vs numpy");
            }
            // the same point inside a batch of three (first, middle and last row) gives the same outputs
            double[] three = new double[3 * ref.point().length];
            for (int s = 0; s < 3; s++) {
                System.arraycopy(ref.point(), 0, three, s * ref.point().length, ref.point().length);
            }
            double[] batch = new double[3 * n];
            nd4j.predictRawBatch(three, 3, batch);
            for (int s = 0; s < 3; s++) {
                Nd4jEqualityTest.assertClose(model, want, java.util.Arrays.copyOfRange(batch, s * n, (s + 1) * n), 1, tol,
                        ref.file() + " " + precision + " batch row " + s);
            }
        }
    }
}
