package org.cosmoemu.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.models.BundledModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Parquet command line, in the tests' local session. */
class SparkCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SparkCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void emulateReadsAndWritesParquet(@TempDir Path dir) {
        double[][] p = EmulateTest.points(20, 5);
        String in = dir.resolve("params.parquet").toString();
        EmulateTest.dataset(LocalSpark.get(), p, true, 2).write().parquet(in);
        String outPath = dir.resolve("tt.parquet").toString();
        assertEquals(0, run("emulate", "--input", in, "--output", outPath, "--model", "lcdm/tt", "--block-size", "8"),
                err.toString(StandardCharsets.UTF_8));
        List<Row> rows = LocalSpark.get().read().parquet(outPath).collectAsList();
        assertEquals(20, rows.size());
        Emulator tt = BundledModels.get("lcdm/tt");
        for (Row r : rows) {
            int s = (int) r.getLong(0);
            double[] x = new double[tt.parameterNames().size()];
            for (int j = 0; j < x.length; j++) {
                x[j] = r.getDouble(r.fieldIndex(tt.parameterNames().get(j)));
            }
            double[] v = r.<Double>getList(r.fieldIndex("lcdm_tt")).stream().mapToDouble(Double::doubleValue).toArray();
            double[] ref = new double[tt.outputSize()];
            tt.predictBatch(x, 1, ref);
            assertArrayEquals(ref, v, 0.0, "row " + s);
        }
        // the output exists now: exit 5, nothing overwritten
        assertEquals(5, run("emulate", "--input", in, "--output", outPath, "--model", "lcdm/tt"));
    }

    @Test
    void aBadRowFailsNamingItAndLeavesNoOutput(@TempDir Path dir) {
        double[][] p = EmulateTest.points(30, 6);
        p[21][0] = 1.0;
        String in = dir.resolve("params.parquet").toString();
        EmulateTest.dataset(LocalSpark.get(), p, true, 2).write().parquet(in);
        Path outPath = dir.resolve("tt.parquet");
        assertEquals(1, run("emulate", "--input", in, "--output", outPath.toString(), "--model", "lcdm/tt"));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("ParameterOutOfRangeException") && e.contains("row id=21"), e);
        assertFalse(Files.exists(outPath), "partial output left behind");
    }

    @Test
    void usageErrorsExitWith2() {
        assertEquals(2, run("emulate", "--input"));
        assertEquals(2, run("frobnicate"));
        assertEquals(0, run("help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("spark-submit --class org.cosmoemu.spark.SparkCli"));
    }
}
