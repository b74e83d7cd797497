package org.cosmoemu.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.cosmoemu.api.EllFactor;
import org.cosmoemu.api.ModelFormatException;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.OutputQuantity;
import org.cosmoemu.api.OutputTransform;
import org.cosmoemu.api.Precision;
import org.cosmoemu.cpu.SyntheticNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterimModelFileTest {

    private static NetworkModel model() {
        return SyntheticNetworks.random(5, 6, 16, 3, 4, 30).toBuilder().name("lcdm/test")
                .quantity(OutputQuantity.of("C_ell^TT", "dimensionless", EllFactor.L_L1_OVER_2PI, OutputTransform.LOG10))
                .provenance("training.shards", "train-000.h5 sha256=ab; ü ∑ unicode")
                .build();
    }

    @Test
    void float64RoundTripIsExact(@TempDir Path dir) {
        NetworkModel m = model();
        Path f = dir.resolve("m.cemu");
        InterimModelFile.write(m, f, Precision.FLOAT64);
        NetworkModel r = InterimModelFile.read(f);
        assertEquals(m.name(), r.name());
        assertEquals(m.parameterSpace(), r.parameterSpace());
        assertEquals(m.grid(), r.grid());
        assertEquals(m.quantity(), r.quantity());
        assertEquals(m.provenance(), r.provenance());
        assertArrayEquals(m.inputMean(), r.inputMean(), 0.0);
        assertArrayEquals(m.outputStd(), r.outputStd(), 0.0);
        assertArrayEquals(m.pca().matrix(), r.pca().matrix(), 0.0);
        for (int l = 0; l < m.layers().size(); l++) {
            assertArrayEquals(m.layers().get(l).weights(), r.layers().get(l).weights(), 0.0);
            assertEquals(m.layers().get(l).hasActivation(), r.layers().get(l).hasActivation());
        }
        assertArrayEquals(m.layers().get(0).gamma(), r.layers().get(0).gamma(), 0.0);
    }

    @Test
    void float32StorageRoundsWeightsOnly(@TempDir Path dir) throws IOException {
        NetworkModel m = model().toBuilder().grid(OutputGrid.named(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i",
                "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z", "A", "B", "C", "D")))
                .build();
        Path f = dir.resolve("m.cemu");
        InterimModelFile.write(m, f, Precision.FLOAT32);
        NetworkModel r = InterimModelFile.read(f);
        double[] w = m.layers().get(1).weights();
        double[] expected = Arrays.stream(w).map(x -> (float) x).toArray();
        assertArrayEquals(expected, r.layers().get(1).weights(), 0.0);
        assertArrayEquals(m.outputMean(), r.outputMean(), 0.0); // standardisation stays float64
        assertEquals(m.grid(), r.grid());
        long f64 = sizeOf(m, dir, Precision.FLOAT64);
        assertTrue(Files.size(f) < 0.6 * f64, Files.size(f) + " vs " + f64);
    }

    private static long sizeOf(NetworkModel m, Path dir, Precision p) throws IOException {
        Path f = dir.resolve("size-" + p);
        InterimModelFile.write(m, f, p);
        return Files.size(f);
    }

    @Test
    void corruptFilesAreRejectedWithTheirName(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.cemu");
        InterimModelFile.write(model(), f, Precision.FLOAT32);
        byte[] all = Files.readAllBytes(f);
        Path truncated = dir.resolve("truncated.cemu");
        Files.write(truncated, Arrays.copyOf(all, all.length / 2));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> InterimModelFile.read(truncated));
        assertTrue(e.getMessage().contains("truncated.cemu") && e.getMessage().contains("truncated"), e.getMessage());
        Path notModel = dir.resolve("text.cemu");
        Files.writeString(notModel, "hello, this is not a model at all");
        e = assertThrows(ModelFormatException.class, () -> InterimModelFile.read(notModel));
        assertTrue(e.getMessage().contains("text.cemu") && e.getMessage().contains("magic"), e.getMessage());
        e = assertThrows(ModelFormatException.class, () -> InterimModelFile.read(dir.resolve("missing.cemu")));
        assertTrue(e.getMessage().contains("missing.cemu"), e.getMessage());
    }
}
