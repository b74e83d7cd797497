package org.cosmoemu.cpu.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.cosmoemu.api.ModelFormatException;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.Precision;
import org.cosmoemu.cpu.SyntheticNetworks;
import org.cosmoemu.cpu.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a model file can be wrong gives a {@link ModelFormatException} naming the file and the problem. */
class ModelFileErrorsTest {

    @TempDir
    Path tmp;

    @Test
    void missingFile() {
        assertFormatError(tmp.resolve("no_such_model.pkl"), "does not exist");
    }

    @Test
    void directory() {
        assertFormatError(tmp, "is a directory");
    }

    @Test
    void emptyFile() throws IOException {
        assertFormatError(Files.createFile(tmp.resolve("empty.pkl")), "is empty");
    }

    @Test
    void unknownFormatWhateverTheExtension() throws IOException {
        Path f = Files.writeString(tmp.resolve("model.pkl"), "hello, I am not a model\n");
        assertFormatError(f, "unknown format", "first bytes: 68 65 6c 6c");
    }

    @Test
    void formatIsDetectedFromTheContentNotTheExtension() throws IOException {
        Path renamed = Files.copy(Fixtures.file(Fixtures.CP_PKLIN_NN), tmp.resolve("PKLIN_NN.bin"));
        NetworkModel m = ModelFiles.read(renamed);
        assertEquals("A", m.provenance().get("source_format"));
        Path npzAsPkl = Files.copy(Fixtures.file(Fixtures.JENSE_NEFF_HUBBLE), tmp.resolve("hubble.pkl"));
        assertEquals("D", ModelFiles.read(npzAsPkl).provenance().get("source_format"));
    }

    @Test
    void singleNpyArrayIsNotAModel() throws IOException {
        Path f = Files.write(tmp.resolve("a.npy"), NumpyReadersTest.resource("f8_v1.npy"));
        assertFormatError(f, "single numpy .npy array");
    }

    @Test
    void truncatedPickle() throws IOException {
        byte[] all = Files.readAllBytes(Fixtures.file(Fixtures.CP_PKLIN_NN));
        assertFormatError(Files.write(tmp.resolve("half.pkl"), Arrays.copyOf(all, all.length / 2)), "pickle is truncated");
        assertFormatError(Files.write(tmp.resolve("short.pkl"), Arrays.copyOf(all, all.length - 1)), "truncated");
    }

    @Test
    void truncatedNpz() throws IOException {
        byte[] all = Files.readAllBytes(Fixtures.file(Fixtures.JENSE_NEFF_HUBBLE));
        assertFormatError(Files.write(tmp.resolve("half.npz"), Arrays.copyOf(all, all.length / 2)),
                "corrupt or truncated zip");
    }

    @Test
    void truncatedHdf5() throws IOException {
        Path h5 = tmp.resolve("full.h5");
        ModelFiles.write(SyntheticNetworks.random(3, 4, 32, 2, 8, 0), h5, Precision.FLOAT64);
        byte[] all = Files.readAllBytes(h5);
        assertFormatError(Files.write(tmp.resolve("half.h5"), Arrays.copyOf(all, all.length / 2)), "truncated");
    }

    @Test
    void corruptedBytes() throws IOException {
        // pickle: the opcode at offset 2 (EMPTY_LIST) overwritten with 0xff
        byte[] pkl = Files.readAllBytes(Fixtures.file(Fixtures.CP_PKLIN_NN));
        pkl[2] = (byte) 0xff;
        assertFormatError(Files.write(tmp.resolve("bad.pkl"), pkl), "unknown opcode 0xff at byte offset 2");

        // npz: bytes inside a member's data flipped; the member's CRC-32 or its deflate stream no longer checks out
        byte[] npz = Files.readAllBytes(Fixtures.file(Fixtures.JENSE_NEFF_HUBBLE));
        for (int i = npz.length / 2; i < npz.length / 2 + 64; i++) {
            npz[i] ^= 0x5a;
        }
        assertFormatError(Files.write(tmp.resolve("bad.npz"), npz), "member 'W_", "corrupt");

        // HDF5: the superblock overwritten
        Path h5 = tmp.resolve("good.h5");
        ModelFiles.write(SyntheticNetworks.random(4, 3, 8, 2, 4, 0), h5, Precision.FLOAT64);
        byte[] h = Files.readAllBytes(h5);
        Arrays.fill(h, 8, 48, (byte) 0xff);
        assertFormatError(Files.write(tmp.resolve("bad.h5"), h), "corrupt");
    }

    @Test
    void wrongTopLevelListLength() throws IOException {
        UnsafePickleTest.Bytes b = new UnsafePickleTest.Bytes().op(0x80, 2, ']', '(');
        for (int i = 0; i < 14; i++) {
            b.op('N');
        }
        Path f = Files.write(tmp.resolve("fourteen.pkl"), b.op('e', '.').get());
        assertFormatError(f, "list of 14 items", "15 (cosmopower_NN), 19 (cosmopower_PCAplusNN) or 13 (cosmopower-jax)");
    }

    @Test
    void npzWithoutALayerOrTheParameterNames() throws IOException {
        Path src = Fixtures.file(Fixtures.JENSE_NEFF_HUBBLE);
        assertFormatError(rewriteNpz(src, "noW2.npz", Map.of("W_2.npy", new byte[0])), "missing member 'W_2'");
        assertFormatError(rewriteNpz(src, "noParams.npz", Map.of("parameters.npy", new byte[0])),
                "missing member 'parameters'");
    }

    @Test
    void npzWithAShapeMismatch() throws IOException {
        byte[] tenFloats = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN).array();
        byte[] npy = NumpyReadersTest.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (10,), }", tenFloats);
        Path f = rewriteNpz(Fixtures.file(Fixtures.JENSE_NEFF_HUBBLE), "badBias.npz", Map.of("b_1.npy", npy));
        assertFormatError(f, "layer 1 (512x512)", "bias has 10 values, expected 512");
    }

    @Test
    void cosmopowerJaxPcaPickleWithoutItsSideFiles() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("trained_models"));
        Path alone = Files.copy(Fixtures.file(Fixtures.CPJAX_CMB_PP), dir.resolve("cmb_pp.pkl"));
        Path expected = tmp.resolve("pca_utils").resolve("cmb_pp_pca_transform_matrix.npy");
        assertFormatError(alone, "needs its PCA side file " + expected.toAbsolutePath(), "does not exist");

        // an NN cosmopower-jax pickle needs no side files
        Path nn = Files.copy(Fixtures.file(Fixtures.CPJAX_MPK_LIN), dir.resolve("mpk_lin.pkl"));
        assertEquals("B", ModelFiles.read(nn).provenance().get("source_format"));
    }

    /** Copies an npz, replacing the listed members (an empty replacement drops the member). */
    private Path rewriteNpz(Path src, String name, Map<String, byte[]> replace) throws IOException {
        Path out = tmp.resolve(name);
        try (ZipFile in = new ZipFile(src.toFile()); OutputStream os = Files.newOutputStream(out);
                ZipOutputStream zip = new ZipOutputStream(os)) {
            for (ZipEntry e : Collections.list(in.entries())) {
                byte[] data;
                if (replace.containsKey(e.getName())) {
                    data = replace.get(e.getName());
                    if (data.length == 0) {
                        continue;
                    }
                } else {
                    try (InputStream is = in.getInputStream(e)) {
                        data = is.readAllBytes();
                    }
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(data);
                zip.closeEntry();
            }
        }
        return out;
    }

    private static void assertFormatError(Path file, String... parts) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(file));
        assertTrue(e.getMessage().contains(file.toString()), "file not named in: " + e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
        }
    }
}
