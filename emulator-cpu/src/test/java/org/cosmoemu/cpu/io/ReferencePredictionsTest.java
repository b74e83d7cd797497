package org.cosmoemu.cpu.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.OutputQuantity;
import org.cosmoemu.api.Precision;
import org.cosmoemu.cpu.Emulators;
import org.cosmoemu.cpu.testing.Fixtures;
import org.cosmoemu.cpu.testing.ReferencePrediction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture model read through {@link ModelFiles#read} reproduces the independent numpy reference
 * predictions ({@code cosmopower-fixtures/reference-predictions/}, float64 forward pass) at every output.
 */
class ReferencePredictionsTest {

    static List<String> cases() {
        return Fixtures.CASES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float64ScalarKernelMatchesNumpyReference(String caseName) {
        ReferencePrediction ref = Fixtures.reference(caseName);
        double[] raw = predictRaw(ref, Precision.FLOAT64);
        assertClose(ref, raw, 1e-9);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float32ScalarKernelMatchesNumpyReference(String caseName) {
        ReferencePrediction ref = Fixtures.reference(caseName);
        double[] raw = predictRaw(ref, Precision.FLOAT32);
        assertClose(ref, raw, 1e-5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void metadataComesFromTheFile(String caseName) {
        ReferencePrediction ref = Fixtures.reference(caseName);
        NetworkModel model = ModelFiles.read(ref.modelPath());
        // parameter names and order as the reference loader found them; CosmoPower files store no ranges
        assertEquals(ref.inputNames(), model.parameterSpace().names());
        model.parameterSpace().parameters().forEach(p -> assertFalse(p.isBounded(), p.name()));
        assertEquals(OutputQuantity.unspecified(), model.quantity());
        assertEquals(ref.size(), model.outputSize());
        assertEquals(ref.isPca(), model.pca() != null, "PCAplusNN per the reference loader");
        // provenance
        String fileName = ref.modelPath().getFileName().toString();
        assertEquals(fileName, model.provenance().get("source_file"));
        assertEquals(ref.formatLetter(), model.provenance().get("source_format"));
        String sha = ref.header().get("source").replaceAll(".*sha256=([0-9a-f]+).*", "$1");
        assertEquals(sha, model.provenance().get("source_sha256"));
        String size = ref.header().get("source").replaceAll(".*size=([0-9]+).*", "$1");
        assertEquals(size, model.provenance().get("source_size_bytes"));
        String arch = ref.loaderFormat().replaceAll(".*architecture (\\[.*\\]).*", "$1");
        assertEquals(arch, java.util.Arrays.toString(model.architecture()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gridMatchesTheReferenceFirstColumn(String caseName) {
        ReferencePrediction ref = Fixtures.reference(caseName);
        NetworkModel model = ModelFiles.read(ref.modelPath());
        OutputGrid grid = model.grid();
        if (caseName.startsWith("cpjax_cmb_pp")) {
            // the pickle's modes array holds the 64 PCA indices 2..65, not the 2507 multipoles: index grid
            assertEquals(OutputGrid.index(ref.size()), grid);
            assertTrue(model.provenance().get("modes_note").contains("64 values"), model.provenance().toString());
            return;
        }
        assertNull(model.provenance().get("modes_note"));
        if (caseName.startsWith("lcdm_DER")) {
            // the reference names the outputs after classy_szfast's list; the file itself only has modes 1..14
            assertEquals(OutputGrid.Axis.MODES, grid.axis());
            for (int i = 0; i < grid.size(); i++) {
                assertEquals(i + 1.0, grid.value(i));
            }
            return;
        }
        if (!ref.hasNumericGrid()) {
            // Jense derived parameters: the npz stores the output names as a unicode array
            assertTrue(grid.isNamed(), grid.toString());
            assertEquals(ref.gridColumn(), grid.labels());
            return;
        }
        assertEquals(OutputGrid.Axis.MODES, grid.axis());
        double[] expected = ref.gridValues();
        for (int i = 0; i < expected.length; i++) {
            // the reference prints 11 significant digits
            assertEquals(expected[i], grid.value(i), 1e-10 * Math.abs(expected[i]), "grid value " + i);
        }
    }

    @Test
    void derivedParameterNetworkIsBitIdenticalAsPickleAndObjectNpz() {
        ReferencePrediction p18 = Fixtures.reference("lcdm_DER_v1__P18");
        NetworkModel fromNpz = ModelFiles.read(Fixtures.file(Fixtures.LCDM_DER_NPZ));
        NetworkModel fromPkl = ModelFiles.read(Fixtures.file(Fixtures.LCDM_DER_PKL));
        assertEquals("C", fromNpz.provenance().get("source_format"));
        assertEquals("A", fromPkl.provenance().get("source_format"));
        assertEquals(fromNpz.parameterSpace(), fromPkl.parameterSpace());
        assertEquals(fromNpz.grid(), fromPkl.grid());
        for (ReferencePrediction ref : List.of(p18, Fixtures.reference("lcdm_DER_v1__ALT"))) {
            for (Precision precision : Precision.values()) {
                EmulatorOptions o = EmulatorOptions.defaults().withKernel(EmulatorOptions.Kernel.SCALAR).withPrecision(precision);
                double[] a = new double[ref.size()];
                double[] b = new double[ref.size()];
                Emulators.create(fromNpz, o).predictRaw(ref.inputs(), a);
                Emulators.create(fromPkl, o).predictRaw(ref.inputs(), b);
                assertArrayEquals(a, b, 0.0, ref.caseName() + " " + precision);
            }
        }
    }

    private static double[] predictRaw(ReferencePrediction ref, Precision precision) {
        NetworkModel model = ModelFiles.read(ref.modelPath());
        Emulator emu = Emulators.create(model, EmulatorOptions.defaults().withKernel(EmulatorOptions.Kernel.SCALAR).withPrecision(precision));
        double[] out = new double[emu.outputSize()];
        emu.predictRaw(ref.inputs(), out);
        return out;
    }

    private static void assertClose(ReferencePrediction ref, double[] raw, double relativeTolerance) {
        double[] expected = ref.raw();
        assertEquals(expected.length, raw.length, "number of outputs");
        double tol = relativeTolerance * ref.scale();
        double worst = 0.0;
        int worstAt = -1;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(raw[i] - expected[i]);
            if (!(d <= worst)) {
                worst = d;
                worstAt = i;
            }
        }
        assertTrue(worst <= tol, ref.caseName() + ": max |Δ| = " + worst + " at output " + worstAt + " ("
                + ref.gridColumn().get(worstAt) + "), tolerance " + tol);
    }
}
