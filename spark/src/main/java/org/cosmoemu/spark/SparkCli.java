package org.cosmoemu.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.cosmoemu.api.CosmoEmuException;
import org.cosmoemu.api.NumericalException;
import org.cosmoemu.api.OutputException;
import org.cosmoemu.api.Precision;
import org.cosmoemu.api.RangePolicy;
import org.cosmoemu.api.EmulatorOptions;

/**
 * The command line of the Spark module: {@code emulate}, {@code scan} and {@code chains}, reading and writing Parquet.
 * Run it with {@code ./cosmo-emu-spark COMMAND ...} (local mode, every core) or on a cluster with
 * {@code spark-submit --class org.cosmoemu.spark.SparkCli ...} (the README, "Scale-out on Apache Spark", has the JVM
 * flags). {@code ./cosmo-emu-spark help} lists the options.
 *
 * <p>Exit codes as {@code cosmo-emu}'s: 0 success, 1 bad input or data, 2 usage, 3 internal error, 4 numerical,
 * 5 output. A command that fails removes the output it had started to write.
 */
public final class SparkCli {

    private static final String HELP = """
            cosmo-emu-spark: the cosmo-emu SDK on Apache Spark, Parquet in and out.

            usage: cosmo-emu-spark COMMAND [OPTIONS]      (spark-submit --class org.cosmoemu.spark.SparkCli JAR COMMAND ...)

              emulate --input PARAMS.parquet --output OUT.parquet --model NAME [--model NAME ...]
                  one array<double> column per model (lcdm/tt -> lcdm_tt); a model is a bundled name (lcdm/tt, lcdm/pk_lin,
                  ...) or a model file, shipped to the executors. The input has one numeric column per model input.
              scan --input PARAMS.parquet --output OUT.parquet --likelihood NAME [--likelihood NAME ...]
                   [--option [NAME:]KEY=VALUE ...] [--base planck2018] [--param NAME=VALUE ...]
                  logL, chi2, chi2__NAME per likelihood, the theory inputs and derived parameters per row; names and
                  options as cosmo-emu loglike (cosmo-emu loglike --help lists them)
              chains --yaml FILE [--yaml FILE ...] --output DIR [--runs N] [--seed S] [--chains-per-run K]
                  N runs of each cobaya input file (seeds S, S+1, ...) as Spark tasks: GetDist files per run in DIR,
                  the summary table in DIR/summary.parquet (and printed)

            common options:
              --master URL         Spark master when not set by spark-submit (default local[*])
              --partitions N       repartition the input to N partitions (emulate, scan)
              --block-size N       rows per predictBatch call (emulate; default 256)
              --id-column NAME     the column naming a bad row in messages (default id)
              --error-column       record bad rows (null results, message in column 'error') instead of failing
              --precision float64|float32, --extrapolate   emulator options (as cosmo-emu's)
            exit codes: 0 success, 1 bad input or data, 2 usage, 3 internal error, 4 numerical, 5 output
            """;

    private SparkCli() {
    }

    /** A malformed command line. */
    private static final class UsageError extends CosmoEmuException {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    /**
     * Runs a command and exits with its code.
     *
     * @param args the command and its options
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * {@return the exit code of the command {@code args}}
     *
     * @param args the command and its options
     * @param out  where results and help go
     * @param err  where errors go
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.print(HELP);
            return args.length == 0 ? 2 : 0;
        }
        try {
            Map<String, List<String>> o = parse(args);
            return switch (args[0]) {
                case "emulate", "scan", "chains" -> withSpark(o, spark -> command(args[0], spark, o, out));
                default -> throw new UsageError("unknown command '" + args[0] + "'; commands: emulate, scan, chains, help");
            };
        } catch (Exception e) { // SparkException is checked for javac but thrown undeclared from Scala
            CosmoEmuException c = SparkEmu.cause(e).orElse(null);
            if (c instanceof UsageError) {
                err.println("cosmo-emu-spark: " + c.getMessage() + " (cosmo-emu-spark help lists the options)");
                return 2;
            }
            if (c != null) {
                err.println("cosmo-emu-spark: " + c.getClass().getSimpleName() + ": " + c.getMessage());
                return c instanceof NumericalException ? 4 : c instanceof OutputException ? 5 : 1;
            }
            err.println("cosmo-emu-spark: internal error");
            e.printStackTrace(err);
            return 3;
        }
    }

    private interface SparkJob {
        int run(SparkSession spark);
    }

    private static int withSpark(Map<String, List<String>> o, SparkJob job) {
        SparkConf conf = new SparkConf();
        SparkSession.Builder b = SparkSession.builder().appName("cosmo-emu-spark");
        if (o.containsKey("master")) {
            b.master(one(o, "master"));
        } else if (!conf.contains("spark.master")) {
            b.master("local[*]");
        }
        boolean shared = SparkSession.getDefaultSession().isDefined();
        SparkSession spark = b.getOrCreate();
        try {
            return job.run(spark);
        } finally {
            if (!shared) {
                spark.stop();
            }
        }
    }

    private static int command(String name, SparkSession spark, Map<String, List<String>> o, PrintStream out) {
        SparkEmu emu = SparkEmu.of();
        EmulatorOptions eo = EmulatorOptions.defaults();
        if (o.containsKey("precision")) {
            eo = eo.withPrecision(switch (one(o, "precision").toLowerCase(Locale.ROOT)) {
                case "float64" -> Precision.FLOAT64;
                case "float32" -> Precision.FLOAT32;
                default -> throw new UsageError("--precision is float64 or float32, got '" + one(o, "precision") + "'");
            });
        }
        if (o.containsKey("extrapolate")) {
            eo = eo.withRangePolicy(RangePolicy.EXTRAPOLATE);
        }
        emu = emu.withOptions(eo);
        if (o.containsKey("block-size")) {
            emu = emu.withBlockSize(integer(o, "block-size"));
        }
        if (o.containsKey("id-column")) {
            emu = emu.withIdColumn(one(o, "id-column"));
        }
        if (o.containsKey("error-column")) {
            emu = emu.withErrorColumn(true);
        }
        if (name.equals("chains")) {
            return chains(spark, emu, o, out);
        }
        Dataset<Row> in = spark.read().parquet(require(o, "input"));
        if (o.containsKey("partitions")) {
            in = in.repartition(integer(o, "partitions"));
        }
        Dataset<Row> result;
        if (name.equals("emulate")) {
            result = emu.emulate(in, requireAll(o, "model").toArray(String[]::new));
        } else {
            result = emu.scan(in, scanSpec(o));
        }
        String output = require(o, "output");
        write(spark, result, output);
        out.println("wrote " + output);
        return 0;
    }

    private static ScanSpec scanSpec(Map<String, List<String>> o) {
        List<String> likes = requireAll(o, "likelihood");
        ScanSpec spec = ScanSpec.of(likes.toArray(String[]::new));
        for (String opt : o.getOrDefault("option", List.of())) {
            String like = likes.get(0);
            String kv = opt;
            int colon = opt.indexOf(':');
            int eq = opt.indexOf('=');
            if (colon > 0 && (eq < 0 || colon < eq)) {
                like = opt.substring(0, colon);
                kv = opt.substring(colon + 1);
            } else if (likes.size() > 1) {
                throw new UsageError("--option " + opt + ": with several likelihoods, name one: --option NAME:KEY=VALUE");
            }
            String[] p = keyValue("option", kv);
            spec = spec.withOption(like, p[0], p[1]);
        }
        if (o.containsKey("base")) {
            spec = spec.withBase(one(o, "base"));
        }
        for (String a : o.getOrDefault("param", List.of())) {
            String[] p = keyValue("param", a);
            try {
                spec = spec.withParameter(p[0], Double.parseDouble(p[1]));
            } catch (NumberFormatException e) {
                throw new UsageError("--param " + a + ": '" + p[1] + "' is not a number");
            }
        }
        return spec;
    }

    private static int chains(SparkSession spark, SparkEmu emu, Map<String, List<String>> o, PrintStream out) {
        int n = o.containsKey("runs") ? integer(o, "runs") : 1;
        long seed = o.containsKey("seed") ? integer(o, "seed") : 1;
        int perRun = o.containsKey("chains-per-run") ? integer(o, "chains-per-run") : 1;
        List<ChainRun> runs = new ArrayList<>();
        for (String f : requireAll(o, "yaml")) {
            ChainRun r = ChainRun.fromFile(Path.of(f)).withChains(perRun);
            runs.addAll(n == 1 && !o.containsKey("seed") ? List.of(r) : ChainRun.seeds(r, n, seed));
        }
        Path dir = Path.of(require(o, "output"));
        Dataset<Row> summary = emu.chains(spark, runs, dir);
        String table = dir.resolve("summary.parquet").toString();
        write(spark, summary.coalesce(1), table);
        summary.select("run", "stop_reason", "r_minus1", "parameter", "mean", "sd").show(1000, false);
        out.println("wrote " + runs.size() + " runs and " + table);
        return 0;
    }

    /** Writes {@code ds} as Parquet at {@code output}, which must not exist; removes it again if the job fails. */
    private static void write(SparkSession spark, Dataset<Row> ds, String output) {
        Configuration hc = spark.sparkContext().hadoopConfiguration();
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(output);
        FileSystem fs;
        try {
            fs = p.getFileSystem(hc);
            if (fs.exists(p)) {
                throw new OutputException("output " + output + " already exists: remove it or choose another");
            }
        } catch (IOException e) {
            throw new OutputException("cannot check output " + output + ": " + e.getMessage(), e);
        }
        try {
            ds.write().mode(SaveMode.ErrorIfExists).parquet(output);
        } catch (Exception e) { // SparkException included (checked for javac, thrown undeclared); rethrown as is
            try {
                fs.delete(p, true);
            } catch (IOException ignored) {
                // the job's own error is the one to report
            }
            throw e;
        }
    }

    private static Map<String, List<String>> parse(String[] args) {
        Map<String, List<String>> o = new LinkedHashMap<>();
        List<String> flags = List.of("error-column", "extrapolate");
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) {
                throw new UsageError("unexpected argument '" + a + "'");
            }
            String key = a.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq > 0 && !flags.contains(key.substring(0, eq))) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (flags.contains(key)) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageError("--" + key + " needs a value");
            }
            o.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return o;
    }

    private static String one(Map<String, List<String>> o, String key) {
        List<String> v = o.get(key);
        if (v.size() > 1) {
            throw new UsageError("--" + key + " given " + v.size() + " times");
        }
        return v.get(0);
    }

    private static String require(Map<String, List<String>> o, String key) {
        if (!o.containsKey(key)) {
            throw new UsageError("--" + key + " is required");
        }
        return one(o, key);
    }

    private static List<String> requireAll(Map<String, List<String>> o, String key) {
        if (!o.containsKey(key)) {
            throw new UsageError("--" + key + " is required (repeat it for several)");
        }
        return o.get(key);
    }

    private static int integer(Map<String, List<String>> o, String key) {
        try {
            return Integer.parseInt(one(o, key));
        } catch (NumberFormatException e) {
            throw new UsageError("--" + key + ": '" + one(o, key) + "' is not an integer");
        }
    }

    private static String[] keyValue(String option, String kv) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
            throw new UsageError("--" + option + " " + kv + ": expected KEY=VALUE");
        }
        return new String[] {kv.substring(0, eq), kv.substring(eq + 1)};
    }

}
