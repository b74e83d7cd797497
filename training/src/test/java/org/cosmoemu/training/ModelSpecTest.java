package org.cosmoemu.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.EllFactor;
import org.cosmoemu.api.OutputTransform;
import org.junit.jupiter.api.Test;

class ModelSpecTest {
    private static final String TT = """
            # comment line
            name = lcdm/tt
            dataset = cl/tt   # trailing comment
            ell_factor = l(l+1)/2pi
            transform = log10
            pca = 24
            loss = reconstruction
            hidden = 512, 512, 512, 512
            learning_rates = 1e-3, 1e-4
            batch_sizes = 32, 64
            metric = cosmic_variance
            metric_min = 2
            metric_max = 2500
            target = 0.2
            bands = 2, 30, 3000
            """;

    @Test
    void parsesEveryKey() {
        ModelSpec s = ModelSpec.parse(TT, "tt.spec");
        assertEquals("lcdm/tt", s.name());
        assertEquals("cl/tt", s.dataset());
        assertEquals(EllFactor.L_L1_OVER_2PI, s.ellFactor());
        assertEquals(OutputTransform.LOG10, s.transform());
        assertEquals(24, s.pcaComponents());
        assertEquals(ModelSpec.Loss.RECONSTRUCTION, s.loss());
        assertArrayEquals(new int[] {512, 512, 512, 512}, s.hidden());
        assertArrayEquals(new double[] {1e-3, 1e-4}, s.learningRates());
        assertArrayEquals(new int[] {32, 64}, s.batchSizes());
        assertEquals(ModelSpec.Metric.COSMIC_VARIANCE, s.metric());
        assertEquals(0.2, s.target());
        assertArrayEquals(new double[] {2, 30, 3000}, s.bands());
        assertFalse(s.zInput());
        assertFalse(s.trainInFloat64());
        assertEquals(100, s.patience());
        assertEquals(32, s.with("pca", "32").pcaComponents());
    }

    @Test
    void rejectsBadSpecsNamingFileAndKey() {
        DataFileException e = assertThrows(DataFileException.class, () -> ModelSpec.parse(TT + "colour = red\n", "tt.spec"));
        assertTrue(e.getMessage().contains("tt.spec") && e.getMessage().contains("colour"), e.getMessage());
        e = assertThrows(DataFileException.class, () -> ModelSpec.parse(TT.replace("pca = 24", "pca = many"), "tt.spec"));
        assertTrue(e.getMessage().contains("pca") && e.getMessage().contains("many"), e.getMessage());
        e = assertThrows(DataFileException.class, () -> ModelSpec.parse(TT.replace("batch_sizes = 32, 64", "batch_sizes = 32"), "x"));
        assertTrue(e.getMessage().contains("batch_sizes"), e.getMessage());
        e = assertThrows(DataFileException.class, () -> ModelSpec.parse(TT.replace("name = lcdm/tt", ""), "x.spec"));
        assertTrue(e.getMessage().contains("name"), e.getMessage());
        e = assertThrows(DataFileException.class, () -> ModelSpec.parse(TT.replace("log10", "sqrt"), "x.spec"));
        assertTrue(e.getMessage().contains("transform"), e.getMessage());
        e = assertThrows(DataFileException.class, () -> ModelSpec.parse(TT + "pca = 3\n", "x.spec"));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        e = assertThrows(DataFileException.class, () -> ModelSpec.parse("just words\n", "x.spec"));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        assertThrows(DataFileException.class, () -> ModelSpec.read(Path.of("no/such/file.spec")));
        e = assertThrows(DataFileException.class, () -> ModelSpec.parse(TT.replace("reconstruction", "relative"), "x"));
        assertTrue(e.getMessage().contains("loss"), e.getMessage());
        e = assertThrows(DataFileException.class, () -> ModelSpec.parse(TT.replace("pca = 24", "pca = 0"), "x"));
        assertTrue(e.getMessage().contains("reconstruction needs pca"), e.getMessage());
    }

    /** Every committed spec parses and is named after its file (the models module checks the catalogue side). */
    @Test
    void committedSpecsParse() throws IOException {
        Path dir = Path.of("..", "models", "specs");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".spec")).toList();
        }
        assertEquals(10, files.size(), files.toString());
        for (Path f : files) {
            ModelSpec s = ModelSpec.read(f);
            String base = f.getFileName().toString().replace(".spec", "");
            assertTrue(s.name().endsWith("/" + base), f + " names " + s.name());
            assertFalse(Double.isNaN(s.target()), f + " has no target");
        }
    }
}
