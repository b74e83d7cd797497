package org.cosmoemu.cli;

import java.io.PrintStream;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.Parameter;

/**
 * {@code bench}: a quick single-threaded latency measurement with warm-up, for users. JMH (the
 * {@code benchmarks} module) is the reference for published figures.
 */
final class BenchCommand implements Command {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "measure forward-pass latency of a model (single thread, with warm-up)";
    }

    @Override
    public boolean evaluatesNetworks() {
        return true;
    }

    @Override
    public int run(String[] argv, int from, PrintStream out) {
        Args a = ModelResolver.declare(new Args("bench"))
                .value("batch", "N", "points per call (default 1)")
                .value("seconds", "S", "measurement time (default 2; the same again for warm-up)")
                .flag("json", "print one JSON object")
                .parse(argv, from);
        int batch = a.integer("batch", 1);
        if (batch < 1) {
            throw new UsageException("--batch must be >= 1, got " + batch);
        }
        double seconds;
        try {
            seconds = Double.parseDouble(a.get("seconds", "2"));
        } catch (NumberFormatException e) {
            throw new UsageException("--seconds needs a number, got '" + a.get("seconds") + "'");
        }
        Emulator emu = ModelResolver.emulator(a);
        NetworkModel m = emu.model();
        int dim = m.inputSize();
        double[] centre = m.inputMean();
        for (int i = 0; i < dim; i++) {
            Parameter p = m.parameterSpace().get(i);
            if (p.isBounded() && Double.isFinite(p.lower()) && Double.isFinite(p.upper())) {
                centre[i] = 0.5 * (p.lower() + p.upper());
            }
        }
        double[] pts = new double[batch * dim];
        for (int s = 0; s < batch; s++) {
            System.arraycopy(centre, 0, pts, s * dim, dim);
        }
        double[] outBuf = new double[batch * emu.outputSize()];
        long warmNanos = (long) (seconds * 1e9);
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < warmNanos) {
            emu.predictBatch(pts, batch, outBuf);
        }
        long calls = 0;
        long start = System.nanoTime();
        long end;
        do {
            emu.predictBatch(pts, batch, outBuf);
            calls++;
            end = System.nanoTime();
        } while (end - start < warmNanos);
        double usPerSample = (end - start) / 1e3 / (calls * (double) batch);
        double gflops = 2.0 * m.multiplyAddsPerSample() / (usPerSample * 1e3);
        if (a.has("json")) {
            out.println(Json.object().put("us_per_sample", usPerSample).put("batch", batch)
                    .put("precision", emu.precision().toString()).put("backend", emu.backend())
                    .put("model", emu.name()).put("gflops", gflops).put("calls", calls).end());
        } else {
            out.printf("%s: %.3f us/sample at batch %d (%s, %s, %.1f GFLOP/s, %d calls)%n", emu.name(), usPerSample,
                    batch, emu.backend(), emu.precision(), gflops, calls);
        }
        return 0;
    }
}
