package org.cosmoemu.cpu.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cosmoemu.api.ModelFormatException;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.Precision;
import org.cosmoemu.cpu.SyntheticNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK's model files carry a checksum of their payload: a file whose numbers were changed after writing is a
 * {@link ModelFormatException}, never a model that predicts other numbers.
 */
class ModelChecksumTest {
    @TempDir
    Path tmp;

    /** A network whose first weight is a value we can find in the file's bytes. */
    private static NetworkModel marked(double marker) {
        NetworkModel m = SyntheticNetworks.random(3, 4, 16, 2, 7, 0);
        NetworkModel.DenseLayer first = m.layers().get(0);
        double[] w = first.weights().clone();
        w[5] = marker;
        java.util.List<NetworkModel.DenseLayer> layers = new java.util.ArrayList<>(m.layers());
        layers.set(0, NetworkModel.DenseLayer.hidden(first.inputs(), first.outputs(), w, first.bias(), first.beta(),
                first.gamma()));
        return m.toBuilder().layers(layers).build();
    }

    @Test
    void writtenFilesCarryTheDigestOfWhatTheyHold() {
        for (Precision storage : Precision.values()) {
            Path f = tmp.resolve("m-" + storage + ".h5");
            NetworkModel m = marked(0.123456789);
            ModelFiles.write(m, f, storage);
            try (HdfFile h = new HdfFile(f)) {
                String stored = (String) h.getAttribute(Hdf5ModelFile.PAYLOAD_SHA256).getData();
                assertEquals(64, stored.length(), stored);
                assertEquals(Hdf5ModelFile.payloadDigest(ModelFiles.read(f)), stored);
            }
        }
    }

    @Test
    void theDigestChangesWithEveryPartOfTheModel() {
        NetworkModel m = marked(0.5);
        String d = Hdf5ModelFile.payloadDigest(m);
        assertEquals(d, Hdf5ModelFile.payloadDigest(m.toBuilder().build()));
        assertNotEquals(d, Hdf5ModelFile.payloadDigest(marked(0.5000000000000001)));
        assertNotEquals(d, Hdf5ModelFile.payloadDigest(m.toBuilder().name(m.name() + "x").build()));
        Map<String, String> prov = new LinkedHashMap<>(m.provenance());
        prov.put("training.data", "class-lcdm");
        assertNotEquals(d, Hdf5ModelFile.payloadDigest(m.toBuilder().provenance(prov).build()));
    }

    @Test
    void aFlippedWeightIsRefusedByName() throws Exception {
        double marker = 0.123456789;
        Path f = tmp.resolve("m.h5");
        ModelFiles.write(marked(marker), f, Precision.FLOAT64);
        byte[] bytes = Files.readAllBytes(f);
        byte[] pattern = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(marker).array();
        int at = indexOf(bytes, pattern);
        assertTrue(at >= 0, "the marker weight is stored little-endian in the file");
        bytes[at + 3] ^= 0x10; // a small change of the weight's mantissa
        Path corrupt = tmp.resolve("corrupt.h5");
        Files.write(corrupt, bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(corrupt));
        assertTrue(e.getMessage().contains("checksum") && e.getMessage().contains(corrupt.toString()), e.getMessage());
    }

    @Test
    void filesWrittenBeforeTheChecksumStillLoad() {
        NetworkModel m = marked(0.25);
        Path f = tmp.resolve("legacy.h5");
        Hdf5ModelFile.write(m, f, Precision.FLOAT64, false);
        NetworkModel back = ModelFiles.read(f);
        assertArrayEquals(m.layers().get(0).weights(), back.layers().get(0).weights(), 0.0);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
