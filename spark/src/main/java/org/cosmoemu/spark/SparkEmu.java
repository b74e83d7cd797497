package org.cosmoemu.spark;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cosmoemu.api.CosmoEmuException;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.OutputException;
import org.cosmoemu.models.BundledModels;

/**
 * The SDK on Apache Spark: emulated outputs, log-likelihood scans and many MCMC runs over a cluster.
 *
 * <pre>{@code
 * SparkEmu emu = SparkEmu.of();
 * Dataset<Row> spectra = emu.emulate(params, "lcdm/tt", "lcdm/pp");            // + array<double> columns lcdm_tt, lcdm_pp
 * Dataset<Row> grid = emu.scan(params, ScanSpec.of("act_dr6_lensing", "bao"));  // + logL, chi2, chi2__NAME, derived
 * Dataset<Row> summary = emu.chains(spark, ChainRun.seeds(ChainRun.fromFile(yaml), 20, 1), Path.of("chains"));
 * }</pre>
 *
 * <p><b>Emulate</b> evaluates each partition in blocks of {@link #blockSize()} rows, one
 * {@link Emulator#predictBatch(double[], int, double[])} call per block and model, so its values are those of the
 * single-JVM API bit for bit. Each executor JVM builds each emulator once (per model name, file checksum and options)
 * and shares it between its tasks. <b>Scan</b> evaluates each row as {@code cosmo-emu loglike} does (see
 * {@link ScanSpec}). <b>Chains</b> runs each {@link ChainRun} as one task and writes its GetDist files on the driver.
 *
 * <p><b>Bad rows.</b> A row with a NaN, null or out-of-range parameter, or whose evaluation fails, fails its task with
 * the SDK's exception of that kind ({@link org.cosmoemu.api.ParameterOutOfRangeException},
 * {@link InvalidParameterException}, {@link org.cosmoemu.api.NumericalException}, ...), whose message names the row:
 * {@code row id=VALUE} when the dataset has the {@linkplain #idColumn() id column}, else {@code row I of partition P}.
 * Spark reports it wrapped in its own exception when an action runs; {@link #cause(Throwable)} finds it. With
 * {@link #withErrorColumn(boolean) withErrorColumn(true)} such a row gets null results and the message in a string
 * column {@value #ERROR_COLUMN} instead (null for good rows).
 *
 * <p>The emulate and scan results are lazy {@link Dataset}s: nothing runs until an action (write, count, collect).
 * Immutable and serializable.
 */
public final class SparkEmu implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The column that {@link #withErrorColumn(boolean) withErrorColumn(true)} adds: null, or why the row failed. */
    public static final String ERROR_COLUMN = "error";
    /** The default number of rows per {@code predictBatch} call. */
    public static final int DEFAULT_BLOCK_SIZE = 256;
    /** The default id column. */
    public static final String DEFAULT_ID_COLUMN = "id";

    /** Rows per predictBatch call. */
    private final int blockSize;
    /** The column that names a row in messages. */
    private final String idColumn;
    /** Whether bad rows are recorded instead of failing the job. */
    private final boolean errorColumn;
    /** The emulator options. */
    private final Opts options;

    private SparkEmu(int blockSize, String idColumn, boolean errorColumn, Opts options) {
        this.blockSize = blockSize;
        this.idColumn = idColumn;
        this.errorColumn = errorColumn;
        this.options = options;
    }

    /**
     * {@return the defaults: blocks of {@value #DEFAULT_BLOCK_SIZE} rows, id column {@value #DEFAULT_ID_COLUMN}, bad rows
     * fail, {@link EmulatorOptions#defaults()}}
     */
    public static SparkEmu of() {
        return new SparkEmu(DEFAULT_BLOCK_SIZE, DEFAULT_ID_COLUMN, false, Opts.of(EmulatorOptions.defaults()));
    }

    /**
     * {@return these settings with {@code n} rows per {@code predictBatch} call}
     *
     * @param n rows per block, 1 to 65536
     * @throws InvalidOptionException if {@code n} is outside that range
     */
    public SparkEmu withBlockSize(int n) {
        if (n < 1 || n > 65536) {
            throw new InvalidOptionException("blockSize", "rows per block must be in [1, 65536], got " + n);
        }
        return new SparkEmu(n, idColumn, errorColumn, options);
    }

    /**
     * {@return these settings naming bad rows by the value of column {@code name} (when the dataset has it)}
     *
     * @param name the id column (not blank)
     * @throws InvalidOptionException if {@code name} is blank
     */
    public SparkEmu withIdColumn(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidOptionException("idColumn", "the id column needs a name, got '" + name + "'");
        }
        return new SparkEmu(blockSize, name, errorColumn, options);
    }

    /**
     * {@return these settings with bad rows recorded (null results, the message in column {@value #ERROR_COLUMN})
     * instead of failing the job, when {@code on}}
     *
     * @param on whether to record bad rows instead of failing
     */
    public SparkEmu withErrorColumn(boolean on) {
        return new SparkEmu(blockSize, idColumn, on, options);
    }

    /**
     * {@return these settings with the emulators built with {@code o} (precision, backend, range policy, kernel)}
     *
     * @param o the options (not null)
     */
    public SparkEmu withOptions(EmulatorOptions o) {
        return new SparkEmu(blockSize, idColumn, errorColumn, Opts.of(Objects.requireNonNull(o, "options")));
    }

    /** {@return the rows per {@code predictBatch} call} */
    public int blockSize() {
        return blockSize;
    }

    /** {@return the column that names a row in messages} */
    public String idColumn() {
        return idColumn;
    }

    /** {@return whether bad rows are recorded in column {@value #ERROR_COLUMN} instead of failing the job} */
    public boolean errorColumn() {
        return errorColumn;
    }

    /** {@return the emulator options} */
    public EmulatorOptions options() {
        return options.toOptions();
    }

    /**
     * {@return {@code params} with one {@code array<double>} column per model: the model's outputs on its grid at the
     * row's parameters}
     *
     * @param params one row per point, with a numeric column per model input (e.g. {@code omega_b}, {@code omega_cdm},
     *               {@code H0}, {@code tau_reio}, {@code n_s}, {@code ln10^{10}A_s}; {@code z} for P(k, z))
     * @param models bundled catalogue names (e.g. {@code lcdm/tt}, column {@code lcdm_tt}), or paths of model files on
     *               the driver, shipped to the executors ({@link ModelRef#file})
     * @throws InvalidOptionException    for an unknown model name, none given, or clashing column names
     * @throws InvalidParameterException if a model input has no numeric column
     * @throws org.cosmoemu.api.ModelFormatException if a model file cannot be read
     */
    public Dataset<Row> emulate(Dataset<Row> params, String... models) {
        List<ModelRef> refs = new ArrayList<>();
        for (String m : models) {
            if (BundledModels.names().contains(m) || !Files.isRegularFile(Path.of(m))) {
                refs.add(ModelRef.bundled(m));
            } else {
                refs.add(ModelRef.file(params.sparkSession(), Path.of(m)));
            }
        }
        return emulate(params, refs);
    }

    /**
     * {@return {@code params} with one {@code array<double>} column per model (see {@link #emulate(Dataset, String...)})}
     *
     * @param params one row per point, with a numeric column per model input
     * @param models the models (at least one)
     * @throws InvalidOptionException    if none is given or two columns would have the same name
     * @throws InvalidParameterException if a model input has no numeric column
     * @throws org.cosmoemu.api.ModelFormatException if a model cannot be read on the driver
     */
    public Dataset<Row> emulate(Dataset<Row> params, List<ModelRef> models) {
        if (models.isEmpty()) {
            throw new InvalidOptionException("model", "emulate needs at least one model; the catalogue has "
                    + BundledModels.names());
        }
        StructType schema = params.schema();
        List<String> taken = new ArrayList<>(List.of(schema.fieldNames()));
        List<StructField> out = new ArrayList<>(List.of(schema.fields()));
        for (ModelRef m : models) {
            // the driver checks the columns now, so that a missing one fails before any task runs
            Emulator e = EmulatorCache.get(m, options.toOptions());
            Columns.indices(schema, e.parameterNames(), "model " + m.name());
            if (taken.contains(m.column())) {
                throw new InvalidOptionException("column", "output column '" + m.column() + "' of " + m.name()
                        + " clashes with another column; rename it with ModelRef.withColumn");
            }
            taken.add(m.column());
            out.add(DataTypes.createStructField(m.column(), Columns.DOUBLE_ARRAY, true));
        }
        if (errorColumn) {
            if (taken.contains(ERROR_COLUMN)) {
                throw new InvalidOptionException("column", "the dataset already has a column '" + ERROR_COLUMN
                        + "', which the error mode writes");
            }
            out.add(DataTypes.createStructField(ERROR_COLUMN, DataTypes.StringType, true));
        }
        StructType outSchema = DataTypes.createStructType(out);
        return params.mapPartitions(new EmulatePartition(models, options, schema, blockSize, idColumn, errorColumn),
                Encoders.row(outSchema));
    }

    /**
     * {@return {@code params} with the log-likelihood of {@code spec} at each row: columns {@code logL}, {@code chi2}
     * (−2 logL), {@code chi2__NAME} per likelihood, then each theory input the row did not give (from the base, fixed
     * values or solved targets) and each derived parameter of the theory ({@code sigma8}, {@code Omega_m},
     * {@code rdrag}, ...)}
     *
     * <p>A log-likelihood of −∞ (the data rule the point out) is written as such.
     *
     * @param params one row per point (see {@link ScanSpec} for which columns are read)
     * @param spec   the likelihoods, options, base and fixed values
     * @throws InvalidOptionException    for an option value a likelihood refuses (checked on the driver)
     * @throws InvalidParameterException for a fixed value that is neither a theory input nor a nuisance parameter, a
     *                                   non-numeric parameter column, or a target set twice
     * @throws org.cosmoemu.api.DataFileException if a likelihood's data is missing on the driver
     */
    public Dataset<Row> scan(Dataset<Row> params, ScanSpec spec) {
        Objects.requireNonNull(spec, "spec");
        Scanner s = Scanner.get(spec, options);
        StructType outSchema = s.layout(params.schema(), errorColumn).outputSchema;
        return params.mapPartitions(new ScanPartition(spec, options, params.schema(), idColumn, errorColumn),
                Encoders.row(outSchema));
    }

    /**
     * Runs each of {@code runs} as one Spark task (its chains side by side in that task), writes each run's GetDist
     * files ({@code NAME.1.txt}, {@code NAME.paramnames}, {@code NAME.ranges}, ...) to {@code outputDir} on the
     * driver, and returns the summary: one row per run and parameter with the run's stop reason, R−1, acceptance
     * rate, and the parameter's mean, standard deviation and 68% and 95% bounds (after removing the first 30% of
     * each chain). If a run fails, the files this call wrote are removed.
     *
     * @param spark     the session
     * @param runs      the runs (names distinct)
     * @param outputDir where the GetDist files go (created if needed)
     * @return the summary table, collected on the driver (see {@link ChainSummary#SCHEMA})
     * @throws InvalidOptionException if there are no runs or two share a name
     * @throws OutputException        if a run's files already exist in {@code outputDir} or cannot be written
     * @throws CosmoEmuException      as a run's sampler throws (the message names the run)
     */
    public Dataset<Row> chains(SparkSession spark, List<ChainRun> runs, Path outputDir) {
        return ChainSummary.run(spark, runs, outputDir, options);
    }

    /**
     * {@return the SDK exception that made a Spark job fail, if any: the first {@link CosmoEmuException} in the cause
     * chain of {@code t} (Spark wraps a task's exception in its own)}
     *
     * @param t what an action threw
     */
    public static Optional<CosmoEmuException> cause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof CosmoEmuException e) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "SparkEmu[block " + blockSize + ", id column " + idColumn + (errorColumn ? ", error column" : "")
                + ", " + options.toOptions() + "]";
    }
}
