package org.cosmoemu.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.DoubleAdder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.Likelihoods;
import org.cosmoemu.models.BundledModels;
import org.cosmoemu.models.LcdmTheory;
import org.cosmoemu.theory.EmulatorTheory;
import org.cosmoemu.theory.Requirements;

/**
 * The throughput harness of BENCHMARKS.md ("Scale-out on Apache Spark"): rows per second of {@code lcdm/tt} and of the
 * ACT DR6 lensing + BAO log-likelihood, on Spark in local mode and in a plain single-JVM loop on the same number of
 * threads. Run it through the launcher (the test classes on its class path):
 *
 * <pre>
 * ./build -q -o test-compile -pl spark -am &amp;&amp; ./build -q -o package -DskipTests -pl spark -am
 * COSMOEMU_SPARK_MAIN=org.cosmoemu.spark.SparkThroughput COSMOEMU_SPARK_EXTRA_CP=spark/target/test-classes \
 *     ./cosmo-emu-spark WHAT ROWS [THREADS]
 * </pre>
 *
 * WHAT is {@code plain-tt}, {@code spark-tt}, {@code plain-scan} or {@code spark-scan}; THREADS (default 2) is the
 * plain loop's threads and Spark's {@code local[THREADS]}. {@code COSMOEMU_VECTOR=off} runs without the Vector API
 * module (the scalar fallback). Each measurement runs a warm-up pass of a tenth of the rows first.
 */
public final class SparkThroughput {
    private static final int BLOCK = SparkEmu.DEFAULT_BLOCK_SIZE;

    private SparkThroughput() {
    }

    /**
     * Runs one measurement and prints rows/s.
     *
     * @param args WHAT ROWS [THREADS]
     * @throws Exception if a thread fails
     */
    public static void main(String[] args) throws Exception {
        String what = args[0];
        long rows = Long.parseLong(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Emulator tt = BundledModels.get("lcdm/tt");
        System.out.println("backend " + tt.backend() + ", " + threads + " threads, " + rows + " rows");
        double seconds;
        if (what.startsWith("spark")) {
            SparkSession spark = SparkSession.builder().master("local[" + threads + "]").appName("throughput")
                    .config("spark.ui.enabled", "false").getOrCreate();
            spark.sparkContext().setLogLevel("ERROR");
            sparkRun(spark, what, Math.max(1000, rows / 10), threads);
            seconds = sparkRun(spark, what, rows, threads);
            spark.stop();
        } else {
            plainRun(what, Math.max(1000, rows / 10), threads);
            seconds = plainRun(what, rows, threads);
        }
        System.out.printf("%s: %d rows in %.2f s = %.0f rows/s%n", what, rows, seconds, rows / seconds);
    }

    /** The columns of the points: inside the training box of lcdm/tt (tt) or near Planck 2018 (scan). */
    private static String[] columns(boolean scan) {
        Emulator tt = BundledModels.get("lcdm/tt");
        String[] c = new String[tt.parameterNames().size()];
        for (int j = 0; j < c.length; j++) {
            Parameter p = tt.parameterSpace().get(j);
            double lo = p.lower();
            double hi = p.upper();
            if (scan) { // a few per cent around Planck 2018, where the likelihoods are evaluated in practice
                double mid = org.cosmoemu.theory.ParameterBases.get("planck2018").get(p.name());
                lo = Math.max(lo, mid - 0.03 * Math.abs(mid));
                hi = Math.min(hi, mid + 0.03 * Math.abs(mid));
            }
            c[j] = (lo + 0.05 * (hi - lo)) + " + " + (0.9 * (hi - lo)) + " * rand(" + (j + 1) + ") AS `" + p.name() + "`";
        }
        return c;
    }

    private static double sparkRun(SparkSession spark, String what, long rows, int threads) {
        boolean scan = what.endsWith("scan");
        Dataset<Row> in = spark.range(0, rows, 1, 4 * threads).selectExpr(concat("id", columns(scan)));
        long t0 = System.nanoTime();
        Dataset<Row> out = scan ? SparkEmu.of().scan(in, ScanSpec.of("act_dr6_lensing", "bao").withBase("planck2018"))
                : SparkEmu.of().emulate(in, "lcdm/tt");
        // consume every result on the executors (nothing is collected but one number)
        Row r = out.selectExpr(scan ? "sum(logL)" : "sum(element_at(lcdm_tt, 1000))").first();
        if (r.isNullAt(0)) {
            throw new AssertionError("no result");
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String[] concat(String a, String[] b) {
        String[] c = new String[b.length + 1];
        c[0] = a;
        System.arraycopy(b, 0, c, 1, b.length);
        return c;
    }

    /** The plain loop: THREADS threads, each over its share of the rows, in blocks (tt) or one row at a time (scan). */
    private static double plainRun(String what, long rows, int threads) throws InterruptedException {
        boolean scan = what.endsWith("scan");
        Emulator tt = BundledModels.get("lcdm/tt");
        EmulatorTheory theory = scan ? LcdmTheory.bundled() : null;
        Likelihood act = scan ? Likelihoods.create("act_dr6_lensing", Map.of()) : null;
        Likelihood bao = scan ? Likelihoods.create("bao", Map.of()) : null;
        Requirements req = scan ? Requirements.background(theory.derivedNames().toArray(String[]::new))
                .union(act.requirements()).union(bao.requirements()) : null;
        int dim = tt.parameterNames().size();
        double[] lo = new double[dim];
        double[] width = new double[dim];
        for (int j = 0; j < dim; j++) {
            Parameter p = tt.parameterSpace().get(j);
            double l = p.lower();
            double h = p.upper();
            if (scan) {
                double mid = org.cosmoemu.theory.ParameterBases.get("planck2018").get(p.name());
                l = Math.max(l, mid - 0.03 * Math.abs(mid));
                h = Math.min(h, mid + 0.03 * Math.abs(mid));
            }
            lo[j] = l + 0.05 * (h - l);
            width[j] = 0.9 * (h - l);
        }
        DoubleAdder sink = new DoubleAdder();
        List<Thread> ts = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            long share = rows / threads + (t < rows % threads ? 1 : 0);
            int seed = t;
            Thread th = new Thread(() -> {
                SplittableRandom rnd = new SplittableRandom(seed);
                double[] points = new double[BLOCK * dim];
                double[] out = new double[BLOCK * tt.outputSize()];
                double[] x = new double[dim];
                double s = 0;
                for (long done = 0; done < share;) {
                    int n = (int) Math.min(BLOCK, share - done);
                    if (scan) {
                        for (int k = 0; k < n; k++) {
                            for (int j = 0; j < dim; j++) {
                                x[j] = lo[j] + width[j] * rnd.nextDouble();
                            }
                            EmulatorTheory.TheoryResult r = theory.compute(x, req);
                            s += act.logLike(r) + bao.logLike(r);
                        }
                    } else {
                        for (int k = 0; k < n * dim; k++) {
                            points[k] = lo[k % dim] + width[k % dim] * rnd.nextDouble();
                        }
                        tt.predictBatch(points, n, out);
                        s += out[1000];
                    }
                    done += n;
                }
                sink.add(s);
            });
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) {
            th.join();
        }
        if (!Double.isFinite(sink.sum())) {
            throw new AssertionError("non-finite result");
        }
        return (System.nanoTime() - t0) / 1e9;
    }

}
