package org.cosmoemu.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cosmoemu.api.CosmoEmuException;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.OutputException;
import org.cosmoemu.inference.McmcResult;
import org.cosmoemu.inference.PosteriorSummary;
import org.cosmoemu.inference.analysis.Analysis;
import org.cosmoemu.inference.analysis.AnalysisRun;

/** The many-chains job of {@link SparkEmu#chains}: one task per run, files and summary collected on the driver. */
public final class ChainSummary {

    /**
     * The summary table's columns: {@code run, source, seed, chains, stop_reason, converged, r_minus1, acceptance,
     * evaluations, seconds, parameter, derived, mean, sd, lower68, upper68, lower95, upper95}; one row per run and
     * parameter (a run whose sampler gives no summary, e.g. {@code evaluate}, has one row with a null parameter).
     */
    public static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("run", DataTypes.StringType, false),
            DataTypes.createStructField("source", DataTypes.StringType, false),
            DataTypes.createStructField("seed", DataTypes.LongType, true),
            DataTypes.createStructField("chains", DataTypes.IntegerType, false),
            DataTypes.createStructField("stop_reason", DataTypes.StringType, true),
            DataTypes.createStructField("converged", DataTypes.BooleanType, true),
            DataTypes.createStructField("r_minus1", DataTypes.DoubleType, true),
            DataTypes.createStructField("acceptance", DataTypes.DoubleType, true),
            DataTypes.createStructField("evaluations", DataTypes.LongType, true),
            DataTypes.createStructField("seconds", DataTypes.DoubleType, true),
            DataTypes.createStructField("parameter", DataTypes.StringType, true),
            DataTypes.createStructField("derived", DataTypes.BooleanType, true),
            DataTypes.createStructField("mean", DataTypes.DoubleType, true),
            DataTypes.createStructField("sd", DataTypes.DoubleType, true),
            DataTypes.createStructField("lower68", DataTypes.DoubleType, true),
            DataTypes.createStructField("upper68", DataTypes.DoubleType, true),
            DataTypes.createStructField("lower95", DataTypes.DoubleType, true),
            DataTypes.createStructField("upper95", DataTypes.DoubleType, true)));

    private ChainSummary() {
    }

    /**
     * What a run's task sends back: its files' text and its summary rows.
     *
     * @param name  the run's name
     * @param files each file's name and text
     * @param rows  the run's rows of the summary table
     */
    record Outcome(String name, Map<String, String> files, List<Object[]> rows) implements Serializable {
    }

    static Dataset<Row> run(SparkSession spark, List<ChainRun> runs, Path outputDir, Opts options) {
        if (runs.isEmpty()) {
            throw new InvalidOptionException("runs", "chains needs at least one run");
        }
        Set<String> names = new HashSet<>();
        for (ChainRun r : runs) {
            if (!names.add(r.name())) {
                throw new InvalidOptionException("runs", "two runs are named '" + r.name() + "': give each its own name "
                        + "(ChainRun.withName, or ChainRun.seeds)");
            }
            if (Files.exists(outputDir.resolve(r.name() + ".1.txt")) || Files.exists(outputDir.resolve(r.name()
                    + ".input.yaml"))) {
                throw new OutputException("output " + outputDir.resolve(r.name()) + " already holds a run: remove it or "
                        + "choose another directory");
            }
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Outcome> outcomes = jsc.parallelize(runs, runs.size()).map(new RunTask(options)).collect();
        List<Path> written = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        try {
            Files.createDirectories(outputDir);
            for (Outcome o : outcomes) {
                for (Map.Entry<String, String> f : o.files().entrySet()) {
                    Path p = outputDir.resolve(f.getKey());
                    Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
                    written.add(p);
                }
                for (Object[] row : o.rows()) {
                    rows.add(RowFactory.create(row));
                }
            }
        } catch (IOException e) {
            for (Path p : written) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: the write error below is the one to report
                }
            }
            throw new OutputException("cannot write the chains to " + outputDir + ": " + e.getMessage(), e);
        }
        return spark.createDataFrame(rows, SCHEMA);
    }

    /**
     * The task of one run (a class, not a lambda: a serializable lambda's generated deserializer throws the JDK's
     * generic exception, which the architecture rules forbid).
     */
    private static final class RunTask implements org.apache.spark.api.java.function.Function<ChainRun, Outcome> {
        private static final long serialVersionUID = 1L;
        private final Opts options;

        RunTask(Opts options) {
            this.options = options;
        }

        @Override
        public Outcome call(ChainRun run) throws IOException {
            return runOne(run, options);
        }
    }

    /** Runs one analysis in a scratch directory of this executor and reads its files back. */
    static Outcome runOne(ChainRun run, Opts options) throws IOException {
        Path dir = Files.createTempDirectory("cosmoemu-chains-");
        try {
            Analysis a = Analysis.fromYaml(run.yaml(), run.source(), options.toOptions());
            AnalysisRun runner = a.runner().output(dir.resolve(run.name())).force(true).chains(run.chains())
                    .progressInterval(Duration.ofHours(1));
            if (run.seed() != null) {
                runner.seed(run.seed());
            }
            AnalysisRun.Result result;
            try {
                result = runner.run();
            } catch (CosmoEmuException e) {
                throw RowFailures.named(e, "run " + run.name() + " (" + run.source() + ")");
            }
            Map<String, String> files = new LinkedHashMap<>();
            try (var s = Files.list(dir)) {
                for (Path p : s.sorted(Comparator.comparing(Path::toString)).toList()) {
                    if (p.getFileName().toString().endsWith(".lock")) {
                        continue; // the sampler's lock on the scratch directory, not part of the run
                    }
                    files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
                }
            }
            List<Object[]> rows = new ArrayList<>();
            PosteriorSummary summary = null;
            McmcResult mcmc = null;
            String stop = null;
            if (result instanceof AnalysisRun.Sampled sampled) {
                summary = sampled.summary();
                mcmc = sampled.mcmc();
                stop = mcmc.stopReason().name();
            } else if (result instanceof AnalysisRun.Ensembled e) {
                summary = e.summary();
                stop = "ENSEMBLE";
            }
            Object[] head = {run.name(), run.source(), run.seed(), run.chains(), stop,
                mcmc == null ? null : mcmc.converged(), mcmc == null ? null : mcmc.rMinus1(),
                mcmc == null ? null : mcmc.acceptanceRate(), mcmc == null ? null : mcmc.evaluations(),
                mcmc == null ? null : mcmc.seconds()};
            if (summary == null || summary.parameters().isEmpty()) {
                Object[] row = java.util.Arrays.copyOf(head, SCHEMA.size());
                rows.add(row);
            } else {
                for (PosteriorSummary.Parameter p : summary.parameters()) {
                    Object[] row = java.util.Arrays.copyOf(head, SCHEMA.size());
                    row[10] = p.name();
                    row[11] = p.derived();
                    row[12] = p.mean();
                    row[13] = p.sd();
                    row[14] = p.lower68();
                    row[15] = p.upper68();
                    row[16] = p.lower95();
                    row[17] = p.upper95();
                    rows.add(row);
                }
            }
            return new Outcome(run.name(), files, rows);
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
