package org.cosmoemu.cpu.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cosmoemu.api.EllFactor;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.ModelFormatException;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.OutputException;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.OutputQuantity;
import org.cosmoemu.api.OutputTransform;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.api.ParameterSpace;
import org.cosmoemu.api.Precision;
import org.cosmoemu.api.RangePolicy;
import org.cosmoemu.cpu.Emulators;
import org.cosmoemu.cpu.SyntheticNetworks;
import org.cosmoemu.cpu.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The SDK's HDF5 format gives back the model that was written. */
class Hdf5RoundTripTest {

    @TempDir
    Path tmp;

    static List<String> modelFiles() {
        return Fixtures.MODEL_FILES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelFiles")
    void float64StorageGivesBackTheSameModelAndBitIdenticalPredictions(String relative) {
        NetworkModel original = ModelFiles.read(Fixtures.file(relative));
        Path h5 = tmp.resolve("model.h5");
        ModelFiles.write(original, h5, Precision.FLOAT64);
        NetworkModel back = ModelFiles.read(h5);

        assertSameMetadata(original, back);
        for (int l = 0; l < original.layers().size(); l++) {
            NetworkModel.DenseLayer a = original.layers().get(l);
            NetworkModel.DenseLayer b = back.layers().get(l);
            assertArrayEquals(a.weights(), b.weights(), 0.0, "weights of layer " + l);
            assertArrayEquals(a.bias(), b.bias(), 0.0);
            assertArrayEquals(a.beta(), b.beta(), 0.0);
            assertArrayEquals(a.gamma(), b.gamma(), 0.0);
        }
        if (original.pca() != null) {
            assertArrayEquals(original.pca().matrix(), back.pca().matrix(), 0.0);
            assertArrayEquals(original.pca().coefficientMean(), back.pca().coefficientMean(), 0.0);
            assertArrayEquals(original.pca().coefficientStd(), back.pca().coefficientStd(), 0.0);
        }
        for (Precision p : Precision.values()) {
            assertArrayEquals(predict(original, p), predict(back, p), 0.0, "predictions, " + p + " arithmetic");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelFiles")
    void float32StorageRoundsOnlyTheMatrices(String relative) throws Exception {
        NetworkModel original = ModelFiles.read(Fixtures.file(relative));
        Path h5 = tmp.resolve("model32.h5");
        ModelFiles.write(original, h5, Precision.FLOAT32);
        NetworkModel back = ModelFiles.read(h5);

        assertSameMetadata(original, back);
        for (int l = 0; l < original.layers().size(); l++) {
            double[] w = original.layers().get(l).weights();
            double[] w32 = back.layers().get(l).weights();
            for (int i = 0; i < w.length; i++) {
                assertEquals((double) (float) w[i], w32[i], 0.0, "layer " + l + " weight " + i + " widened exactly");
            }
            assertArrayEquals(original.layers().get(l).bias(), back.layers().get(l).bias(), 0.0, "bias stays float64");
        }
        double[] ref = predict(original, Precision.FLOAT64);
        double[] got = predict(back, Precision.FLOAT64);
        double scale = 0.0;
        for (double v : ref) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < ref.length; i++) {
            assertEquals(ref[i], got[i], 1e-5 * scale, "output " + i);
        }
        // float32 storage is smaller than float64 storage
        Path h64 = tmp.resolve("model64.h5");
        ModelFiles.write(original, h64, Precision.FLOAT64);
        assertTrue(Files.size(h5) < 0.6 * Files.size(h64), Files.size(h5) + " vs " + Files.size(h64));
    }

    @Test
    void everyKindOfMetadataSurvives() {
        NetworkModel base = SyntheticNetworks.random(7, 3, 16, 2, 5, 0);
        NetworkModel named = base.toBuilder().name("derived θ")
                .parameterSpace(ParameterSpace.of(Parameter.of("omega_b", 0.019, 0.026),
                        Parameter.of("ln10^{10}A_s", Double.NEGATIVE_INFINITY, 3.5), Parameter.unbounded("H0")))
                .grid(OutputGrid.named(List.of("100*theta_s", "sigma8", "YHe", "z_reio", "N_eff")))
                .quantity(OutputQuantity.of("derived parameters", "mixed", EllFactor.NONE, OutputTransform.LOG10))
                .provenance("source_file", "DER_v1.pkl").provenance("note", "ünïcödé, = ; \"quotes\"\nnewline")
                .build();
        assertRoundTrip(named);

        NetworkModel pca = SyntheticNetworks.random(8, 4, 8, 3, 6, 30);
        assertRoundTrip(pca.toBuilder()
                .grid(OutputGrid.multipoles(2, 31))
                .quantity(OutputQuantity.of("C_ell^phiphi", "dimensionless", EllFactor.L_L1_SQUARED_OVER_2PI,
                        OutputTransform.LOG10))
                .build());

        double[] k = new double[5];
        for (int i = 0; i < k.length; i++) {
            k[i] = 1e-4 * Math.pow(10, i);
        }
        NetworkModel noProvenance = NetworkModel.builder().name("pk").parameterSpace(base.parameterSpace())
                .inputScaling(base.inputMean(), base.inputStd()).layers(base.layers())
                .outputScaling(base.outputMean(), base.outputStd()).grid(OutputGrid.of(OutputGrid.Axis.WAVENUMBER, "1/Mpc", k))
                .quantity(OutputQuantity.of("P_lin(k,z)", "Mpc^3", EllFactor.NONE, OutputTransform.LOG10)).build();
        assertTrue(noProvenance.provenance().isEmpty());
        assertRoundTrip(noProvenance);
    }

    @Test
    void overwritesAnExistingFileAndReportsAMissingDirectory() throws Exception {
        NetworkModel a = SyntheticNetworks.random(1, 2, 4, 2, 3, 0);
        NetworkModel b = SyntheticNetworks.random(2, 2, 4, 2, 3, 0);
        Path h5 = tmp.resolve("m.h5");
        ModelFiles.write(a, h5, Precision.FLOAT64);
        ModelFiles.write(b, h5, Precision.FLOAT64);
        assertEquals(b.name(), ModelFiles.read(h5).name());
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(h5), files.toList(), "no temporary file is left behind");
        }
        Path nowhere = tmp.resolve("no/such/dir/m.h5");
        OutputException e = assertThrows(OutputException.class, () -> ModelFiles.write(a, nowhere, Precision.FLOAT64));
        assertTrue(e.getMessage().contains(nowhere.toString()) && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void rejectsHdf5FilesOfAnotherFormatOrVersion() {
        Path other = tmp.resolve("other.h5");
        try (WritableHdfFile h = HdfFile.write(other)) {
            h.putAttribute("format", "keras-model");
            h.putDataset("x", new double[] {1.0});
        }
        assertMessage(other, "format 'keras-model'", "expected 'cosmo-emu-model'");

        Path future = tmp.resolve("future.h5");
        try (WritableHdfFile h = HdfFile.write(future)) {
            h.putAttribute("format", "cosmo-emu-model");
            h.putAttribute("format_version", 2);
            h.putDataset("x", new double[] {1.0});
        }
        assertMessage(future, "format_version 2 is not supported");

        Path plain = tmp.resolve("plain.h5");
        try (WritableHdfFile h = HdfFile.write(plain)) {
            h.putDataset("x", new double[] {1.0});
        }
        assertMessage(plain, "without a 'format' attribute");

        Path incomplete = tmp.resolve("incomplete.h5");
        try (WritableHdfFile h = HdfFile.write(incomplete)) {
            h.putAttribute("format", "cosmo-emu-model");
            h.putAttribute("format_version", 1);
            h.putAttribute("name", "x");
            h.putGroup("parameters").putDataset("lower", new double[] {0.0});
        }
        assertMessage(incomplete, "/parameters/names is missing");
    }

    private static void assertMessage(Path file, String... parts) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
        }
    }

    private void assertRoundTrip(NetworkModel model) {
        for (Precision storage : Precision.values()) {
            Path h5 = tmp.resolve("rt-" + storage + ".h5");
            ModelFiles.write(model, h5, storage);
            NetworkModel back = ModelFiles.read(h5);
            assertSameMetadata(model, back);
            if (storage == Precision.FLOAT64) {
                assertArrayEquals(predict(model, Precision.FLOAT64), predict(back, Precision.FLOAT64), 0.0);
            }
        }
    }

    private static void assertSameMetadata(NetworkModel a, NetworkModel b) {
        assertEquals(a.name(), b.name());
        assertEquals(a.parameterSpace(), b.parameterSpace(), "names and bounds");
        assertArrayEquals(a.inputMean(), b.inputMean(), 0.0);
        assertArrayEquals(a.inputStd(), b.inputStd(), 0.0);
        assertArrayEquals(a.outputMean(), b.outputMean(), 0.0);
        assertArrayEquals(a.outputStd(), b.outputStd(), 0.0);
        assertArrayEquals(a.architecture(), b.architecture());
        assertEquals(a.pca() == null, b.pca() == null);
        assertEquals(a.grid(), b.grid(), "grid axis, unit, values and labels");
        assertEquals(a.quantity(), b.quantity());
        assertEquals(new ArrayList<>(a.provenance().entrySet()), new ArrayList<>(b.provenance().entrySet()),
                "provenance entries in order");
        assertFalse(b.layers().get(b.layers().size() - 1).hasActivation());
    }

    /** Raw outputs at a point inside the training distribution: the input mean plus 0.3 standard deviations. */
    private static double[] predict(NetworkModel m, Precision p) {
        double[] x = m.inputMean();
        double[] s = m.inputStd();
        for (int i = 0; i < x.length; i++) {
            x[i] += 0.3 * s[i];
        }
        Emulator e = Emulators.create(m, EmulatorOptions.defaults().withKernel(EmulatorOptions.Kernel.SCALAR).withPrecision(p)
                .withRangePolicy(RangePolicy.EXTRAPOLATE));
        double[] out = new double[e.outputSize()];
        e.predictRaw(x, out);
        return out;
    }
}
