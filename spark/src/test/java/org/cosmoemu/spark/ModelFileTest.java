package org.cosmoemu.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.cosmoemu.models.BundledModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's model file, shipped to the executors with SparkFiles, against the same network from the catalogue. */
class ModelFileTest {

    @Test
    void aShippedModelFileGivesTheBundledValues(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("my_tt.h5");
        try (InputStream in = BundledModels.class.getResourceAsStream(BundledModels.RESOURCE_ROOT + "lcdm/tt.h5")) {
            Files.copy(in, file);
        }
        ModelRef ref = ModelRef.file(LocalSpark.get(), file);
        assertFalse(ref.isBundled());
        assertEquals("my_tt", ref.column());
        assertEquals(ModelRef.bundled("lcdm/tt").sha256(), ref.sha256());
        double[][] p = EmulateTest.points(40, 11);
        List<Row> rows = SparkEmu.of().emulate(EmulateTest.dataset(LocalSpark.get(), p, true, 2),
                List.of(ref, ModelRef.bundled("lcdm/tt"))).collectAsList();
        assertEquals(40, rows.size());
        for (Row r : rows) {
            double[] a = r.<Double>getList(r.fieldIndex("my_tt")).stream().mapToDouble(Double::doubleValue).toArray();
            double[] b = r.<Double>getList(r.fieldIndex("lcdm_tt")).stream().mapToDouble(Double::doubleValue).toArray();
            assertArrayEquals(b, a, 0.0);
        }
    }
}
