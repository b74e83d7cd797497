package org.cosmoemu.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.OutputException;
import org.cosmoemu.inference.analysis.Analysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many short MCMC runs as Spark tasks, against the same runs in this JVM. */
class ChainsTest {

    static final String GAUSSIAN = """
            likelihood:
              gaussian: {mean: [0.2, 0], cov: [[0.1, 0.05], [0.05, 0.2]]}
            params:
              a: {prior: {min: -0.5, max: 3}, latex: '\\alpha'}
              b: {prior: {dist: norm, loc: 0, scale: 1}, ref: 0, proposal: 0.5, latex: '\\beta'}
              derived_a: {latex: '\\alpha^\\prime'}
              derived_b: {latex: '\\beta^\\prime'}
            sampler:
              mcmc: {burn_in: 10, max_samples: 200, learn_proposal: True}
            """;

    @Test
    void manyRunsGiveTheSameFilesAsOneJvmAndASummary(@TempDir Path dir) throws Exception {
        List<ChainRun> runs = ChainRun.seeds(ChainRun.of(GAUSSIAN, "gaussian.yaml"), 4, 100);
        Dataset<Row> summary = SparkEmu.of().chains(LocalSpark.get(), runs, dir.resolve("out"));
        List<Row> rows = summary.collectAsList();
        assertEquals(4, rows.stream().map(r -> r.getString(0)).distinct().count());
        assertTrue(rows.stream().anyMatch(r -> "derived_a".equals(r.getString(r.fieldIndex("parameter")))));
        for (Row r : rows) {
            assertEquals("MAX_SAMPLES", r.getString(r.fieldIndex("stop_reason")));
            assertTrue(Double.isFinite(r.getDouble(r.fieldIndex("mean"))));
        }
        for (ChainRun run : runs) {
            assertTrue(Files.exists(dir.resolve("out/" + run.name() + ".1.txt")), run.name());
            assertTrue(Files.exists(dir.resolve("out/" + run.name() + ".paramnames")));
            assertFalse(Files.exists(dir.resolve("out/" + run.name() + ".lock")));
        }
        // run 3 in this JVM: the same chain, byte for byte
        ChainRun third = runs.get(2);
        Analysis.fromYaml(GAUSSIAN, "gaussian.yaml", EmulatorOptions.defaults()).runner()
                .output(dir.resolve("ref/" + third.name())).chains(1).seed(third.seed()).run();
        assertEquals(Files.readString(dir.resolve("ref/" + third.name() + ".1.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("out/" + third.name() + ".1.txt"), StandardCharsets.UTF_8));
        // the seeds differ, so the chains do
        assertFalse(Files.readString(dir.resolve("out/" + runs.get(0).name() + ".1.txt"))
                .equals(Files.readString(dir.resolve("out/" + runs.get(1).name() + ".1.txt"))));

        // a second call into the same directory refuses to overwrite
        assertThrows(OutputException.class, () -> SparkEmu.of().chains(LocalSpark.get(), runs, dir.resolve("out")));
    }
}
