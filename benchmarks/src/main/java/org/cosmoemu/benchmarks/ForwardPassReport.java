package org.cosmoemu.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the forward-pass benchmarks together with their yardsticks (FMA peak, weight streaming, harness
 * baseline) in one JMH run and prints the Markdown table that goes into {@code BENCHMARKS.md}: µs per call and
 * per sample, GFLOP/s (2 × {@code NetworkModel.multiplyAddsPerSample()} per sample) and the fraction of the
 * peak of the same precision; for batch 1 also the ratio to streaming the packed weights once.
 *
 * <p>Usage: {@code benchmarks/run-jmh --report [JMH options]}, e.g. {@code -f 1 -wi 3 -i 5 -w 1s -r 1s}, or
 * {@code -p batch=1,64} to restrict parameters.
 */
public final class ForwardPassReport {
    private ForwardPassReport() {
    }

    /**
     * @param args JMH command-line options (benchmark includes are added)
     * @throws RunnerException            if JMH fails
     * @throws CommandLineOptionException if an option is malformed
     */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options options = new OptionsBuilder().parent(new CommandLineOptions(args))
                .include(ForwardPassBenchmark.class.getName() + ".forward$")
                .include(PeakFmaBenchmark.class.getName() + ".float(32|64)$")
                .include(WeightStreamBenchmark.class.getName() + ".stream$")
                .include(BaselineBenchmark.class.getName() + ".*")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.println(table(results));
    }

    /**
     * @param results a JMH run's results
     * @return the Markdown tables
     */
    static String table(Collection<RunResult> results) {
        double flopsPerSample = 2.0 * ForwardPassBenchmark.network().multiplyAddsPerSample();
        double peak32 = Double.NaN, peak64 = Double.NaN, stream32 = Double.NaN, stream64 = Double.NaN;
        List<String> baseline = new ArrayList<>();
        for (RunResult r : results) {
            String b = r.getParams().getBenchmark();
            Result<?> p = r.getPrimaryResult();
            if (b.endsWith("PeakFmaBenchmark.float32")) {
                peak32 = PeakFmaBenchmark.flopsPerCall("float32") / (p.getScore() * 1e3);
            } else if (b.endsWith("PeakFmaBenchmark.float64")) {
                peak64 = PeakFmaBenchmark.flopsPerCall("float64") / (p.getScore() * 1e3);
            } else if (b.endsWith("WeightStreamBenchmark.stream")) {
                if ("float32".equals(r.getParams().getParam("precision"))) {
                    stream32 = p.getScore();
                } else {
                    stream64 = p.getScore();
                }
            } else if (b.contains("BaselineBenchmark")) {
                baseline.add(String.format(Locale.ROOT, "%s %.2f ± %.2f %s", b.substring(b.lastIndexOf('.') + 1),
                        p.getScore(), p.getScoreError(), p.getScoreUnit()));
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "FMA peak (same run): float32 %.1f GFLOP/s, float64 %.1f GFLOP/s%n",
                peak32, peak64));
        for (String prec : new String[] {"float32", "float64"}) {
            double s = "float32".equals(prec) ? stream32 : stream64;
            if (!Double.isNaN(s)) {
                long bytes = WeightStreamBenchmark.bytesPerCall(prec);
                sb.append(String.format(Locale.ROOT, "Streaming the packed weights once (%s, %.1f MB): %.1f µs "
                        + "(%.0f GB/s)%n", prec, bytes / 1e6, s, bytes / (s * 1e3)));
            }
        }
        if (!baseline.isEmpty()) {
            sb.append("Harness baseline: ").append(String.join(", ", baseline)).append('\n');
        }
        sb.append('\n');
        sb.append("| kernel | precision | batch | µs/call (± 99.9%) | µs/sample | GFLOP/s | % of FMA peak | "
                + "× weight-stream time |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (RunResult r : results) {
            if (!r.getParams().getBenchmark().endsWith("ForwardPassBenchmark.forward")) {
                continue;
            }
            String kernel = r.getParams().getParam("kernel");
            String prec = r.getParams().getParam("precision");
            int batch = Integer.parseInt(r.getParams().getParam("batch"));
            Result<?> p = r.getPrimaryResult();
            double perSample = p.getScore() / batch;
            double gflops = flopsPerSample / (perSample * 1e3);
            double peak = "float32".equals(prec) ? peak32 : peak64;
            double stream = "float32".equals(prec) ? stream32 : stream64;
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f ± %.1f | %.2f | %.1f | %.0f%% | %s |%n", kernel,
                    prec, batch, p.getScore(), p.getScoreError(), perSample, gflops, 100 * gflops / peak,
                    batch == 1 && "vector".equals(kernel) && !Double.isNaN(stream)
                            ? String.format(Locale.ROOT, "%.2f", p.getScore() / stream) : ""));
        }
        return sb.toString();
    }
}
