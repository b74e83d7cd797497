package org.cosmoemu.nd4j;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.Precision;
import org.cosmoemu.cpu.SyntheticNetworks;

/**
 * Throughput of the ND4J backend on whichever ND4J backend is on the classpath (CPU or CUDA): a synthetic
 * CosmoPower-shaped network ({@link SyntheticNetworks}, seed 42; default 6→512×4→2999, the size of the JMH
 * forward-pass benchmarks), evaluated through the public API ({@code Emulator.predictRawBatch}, validation
 * included) for several batch sizes and both precisions. Prints one Markdown table. A quick look, not a benchmark: for careful CPU numbers use the JMH
 * class {@code Nd4jForwardPassBenchmark}.
 *
 * <pre>
 * java -cp ... org.cosmoemu.nd4j.Nd4jThroughput [--batches 1,1000,100000] [--precisions float32,float64]
 *      [--seconds 2] [--widths 6,512,512,512,512,2999] [--chunk 0]
 * </pre>
 * Memory: the output array of the largest batch is {@code batch × outputs × 8} bytes on the Java heap
 * (2.4 GB for 10^5 points of 2999 outputs): give the JVM {@code -Xmx} accordingly.
 */
public final class Nd4jThroughput {
    private Nd4jThroughput() {
    }

    /**
     * @param args options as in the class description
     * @throws IllegalArgumentException for an unknown option or a malformed value
     */
    public static void main(String[] args) {
        int[] batches = {1, 1000, 100_000};
        List<Precision> precisions = List.of(Precision.FLOAT32, Precision.FLOAT64);
        double seconds = 2.0;
        int[] widths = {6, 512, 512, 512, 512, 2999};
        int chunk = 0;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--batches" -> batches = ints(args[i], value);
                case "--widths" -> widths = ints(args[i], value);
                case "--seconds" -> seconds = Double.parseDouble(required(args[i], value));
                case "--chunk" -> chunk = Integer.parseInt(required(args[i], value));
                case "--precisions" -> {
                    List<Precision> ps = new ArrayList<>();
                    for (String p : required(args[i], value).split(",")) {
                        ps.add(Precision.parse(p));
                    }
                    precisions = ps;
                }
                default -> throw new IllegalArgumentException("unknown option '" + args[i]
                        + "': use --batches, --precisions, --seconds, --widths, --chunk");
            }
            i++;
        }
        if (widths.length < 3) {
            throw new IllegalArgumentException("--widths needs inputs, at least one hidden layer and outputs");
        }
        NetworkModel model = SyntheticNetworks.random(42, widths, 0);
        System.out.printf(Locale.ROOT, "ND4J throughput: network %s (%.2f MFLOP per point), JVM %s, %d CPUs, OMP_NUM_THREADS=%s%n",
                java.util.Arrays.toString(widths), 2e-6 * model.multiplyAddsPerSample(), Runtime.version(),
                Runtime.getRuntime().availableProcessors(), System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        System.out.println();
        System.out.println("| backend | precision | batch | chunk | calls | ms/call | µs/point | points/s | GFLOP/s | kB allocated/call |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        var threadBean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (Precision precision : precisions) {
            Nd4jEmulator emulator = Nd4jEmulator.of(model, precision, org.cosmoemu.api.RangePolicy.REJECT, chunk);
            for (int batch : batches) {
                double[] points = SyntheticNetworks.points(7 + batch, batch, widths[0]);
                double[] out = new double[Math.multiplyExact(batch, model.outputSize())];
                emulator.predictRawBatch(points, batch, out); // warm-up: ND4J arrays for this batch, JIT
                emulator.predictRawBatch(points, batch, out);
                long calls = 0;
                long bytes0 = threadBean.getCurrentThreadAllocatedBytes();
                long t0 = System.nanoTime();
                long elapsed;
                do {
                    emulator.predictRawBatch(points, batch, out);
                    calls++;
                    elapsed = System.nanoTime() - t0;
                } while (elapsed < seconds * 1e9 || calls < 3);
                long bytes = threadBean.getCurrentThreadAllocatedBytes() - bytes0;
                double perCall = elapsed / 1e9 / calls;
                double pointsPerSecond = batch / perCall;
                System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %d | %.3f | %.2f | %.3g | %.1f | %.1f |%n",
                        emulator.backend(), precision, batch, Math.min(batch, emulator.chunkRows()), calls,
                        perCall * 1e3, perCall * 1e6 / batch, pointsPerSecond,
                        2.0 * model.multiplyAddsPerSample() * pointsPerSecond / 1e9, bytes / 1024.0 / calls);
            }
        }
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return value;
    }

    private static int[] ints(String option, String value) {
        String[] parts = required(option, value).split(",");
        int[] v = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Integer.parseInt(parts[i].trim());
            if (v[i] <= 0) {
                throw new IllegalArgumentException("option " + option + ": " + v[i] + " is not positive");
            }
        }
        return v;
    }
}
