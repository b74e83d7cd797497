package org.cosmoemu.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.inference.Posterior;
import org.cosmoemu.inference.SampledParameter;
import org.cosmoemu.inference.analysis.Analysis;

/**
 * {@code bench}: a quick single-threaded measurement at steady state, for users: the forward pass of a model
 * ({@code --model}), or the whole posterior of an input file ({@code --analysis}). It warms up in rounds until the
 * time per sample stops falling (the JIT has compiled the hot loops), then reports the median of several rounds
 * and their spread. JMH (the {@code benchmarks} module) is the reference for published figures.
 */
final class BenchCommand implements Command {
    /** Rounds measured after warm-up. */
    static final int ROUNDS = 7;
    /** Warm-up ends when the best round of the last three is within this of the best so far... */
    static final double SETTLED = 0.02;
    /** ... or after this many seconds. */
    static final double MAX_WARMUP_SECONDS = 60;

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "measure forward-pass latency of a model, or posterior evaluations per second of an input file "
                + "(single thread, at steady state)";
    }

    @Override
    public boolean evaluatesNetworks() {
        return true;
    }

    @Override
    public int run(String[] argv, int from, PrintStream out) {
        Args a = ModelResolver.declare(new Args("bench"))
                .value("analysis", "FILE.yaml", "instead of a model: evaluate this input file's posterior")
                .value("batch", "N", "points per call (default 1)")
                .value("seconds", "S", "measurement time, split into " + ROUNDS + " rounds (default 2; warm-up comes on top)")
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
        if (!(seconds > 0)) {
            throw new UsageException("--seconds must be > 0, got " + seconds);
        }
        if (a.has("analysis")) {
            if (a.has("model")) {
                throw new UsageException("--analysis and --model measure different things: give one");
            }
            return analysis(a, batch, seconds, out);
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
        Measurement r = measure(() -> emu.predictBatch(pts, batch, outBuf), batch, seconds);
        double usPerSample = r.median();
        double gflops = 2.0 * m.multiplyAddsPerSample() / (usPerSample * 1e3);
        if (a.has("json")) {
            out.println(Json.object().put("us_per_sample", usPerSample).put("batch", batch)
                    .put("precision", emu.precision().toString()).put("backend", emu.backend())
                    .put("model", emu.name()).put("gflops", gflops).put("calls", r.calls())
                    .put("spread_percent", r.spreadPercent()).put("rounds", ROUNDS)
                    .put("warmup_seconds", r.warmupSeconds()).end());
        } else {
            out.printf(Locale.ROOT, "%s: %.3f us/sample at batch %d (%s, %s, %.1f GFLOP/s; median of %d rounds, spread "
                    + "%.1f%%, after %.1f s of warm-up)%n", emu.name(), usPerSample, batch, emu.backend(), emu.precision(),
                    gflops, ROUNDS, r.spreadPercent(), r.warmupSeconds());
        }
        return 0;
    }

    /** The posterior of an input file, at points scattered around its reference point. */
    private static int analysis(Args a, int batch, double seconds, PrintStream out) {
        Analysis an = RunCommand.load(a.get("analysis"), a);
        Posterior post = an.posterior().orElseThrow(() -> new UsageException(an.source()
                + " samples nothing: there is no posterior to measure"));
        List<SampledParameter> ps = post.parameters();
        int d = ps.size();
        int nd = post.derived().size();
        double[] ref = an.referencePoint();
        SplittableRandom rng = new SplittableRandom(1);
        double[] pts = new double[batch * d];
        for (int s = 0; s < batch; s++) {
            for (int i = 0; i < d; i++) {
                SampledParameter p = ps.get(i);
                double w = p.referenceWidth() > 0 ? p.referenceWidth() : p.proposalWidth();
                double x;
                int tries = 0;
                do {
                    x = ref[i] + 0.5 * w * rng.nextGaussian();
                } while (!Double.isFinite(p.prior().logDensity(x)) && ++tries < 100);
                pts[s * d + i] = Double.isFinite(p.prior().logDensity(x)) ? x : ref[i];
            }
        }
        double[] lp = new double[batch];
        double[] der = new double[batch * nd];
        Measurement r = measure(() -> post.logPosteriorBatch(pts, batch, lp, der), batch, seconds);
        long finite = Arrays.stream(lp).filter(v -> v > Double.NEGATIVE_INFINITY).count();
        double perSecond = 1e6 / r.median();
        if (a.has("json")) {
            out.println(Json.object().put("analysis", an.source()).put("evaluations_per_second", perSecond)
                    .put("us_per_evaluation", r.median()).put("batch", batch).put("spread_percent", r.spreadPercent())
                    .put("rounds", ROUNDS).put("warmup_seconds", r.warmupSeconds()).put("calls", r.calls())
                    .put("finite_points", finite).end());
        } else {
            out.printf(Locale.ROOT, "%s: %.0f posterior evaluations/s (%.2f us each) at batch %d, one thread; median of %d "
                    + "rounds, spread %.1f%%, after %.1f s of warm-up; %d of %d points with a finite posterior%n",
                    an.source(), perSecond, r.median(), batch, ROUNDS, r.spreadPercent(), r.warmupSeconds(), finite, batch);
        }
        return 0;
    }

    /**
     * @param medianUs      median µs per sample over the measured rounds
     * @param spreadPercent (max − min) / median of the rounds, in percent
     * @param warmupSeconds how long the warm-up took
     * @param calls         calls in the measured rounds
     */
    record Measurement(double median, double spreadPercent, double warmupSeconds, long calls) {
    }

    /**
     * Warms up in rounds until the time per sample settles (the best of the last three rounds within
     * {@value #SETTLED} of the best so far, after at least five rounds) or {@value #MAX_WARMUP_SECONDS} s pass,
     * then measures {@value #ROUNDS} rounds.
     */
    static Measurement measure(Runnable call, int batch, double seconds) {
        long round = Math.max(20_000_000L, (long) (seconds * 1e9 / ROUNDS));
        long t0 = System.nanoTime();
        double best = Double.POSITIVE_INFINITY;
        double[] recent = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        int n = 0;
        while (System.nanoTime() - t0 < MAX_WARMUP_SECONDS * 1e9) {
            double us = round(call, batch, round)[0];
            recent[n % 3] = us;
            best = Math.min(best, us);
            n++;
            double lastBest = Math.min(recent[0], Math.min(recent[1], recent[2]));
            if (n >= 5 && lastBest <= best * (1 + SETTLED)) {
                break;
            }
        }
        double warm = (System.nanoTime() - t0) / 1e9;
        double[] times = new double[ROUNDS];
        long calls = 0;
        for (int i = 0; i < ROUNDS; i++) {
            double[] r = round(call, batch, round);
            times[i] = r[0];
            calls += (long) r[1];
        }
        Arrays.sort(times);
        double median = times[ROUNDS / 2];
        return new Measurement(median, 100 * (times[ROUNDS - 1] - times[0]) / median, warm, calls);
    }

    /** @return {µs per sample, calls} of one round of about {@code nanos} */
    private static double[] round(Runnable call, int batch, long nanos) {
        long calls = 0;
        long start = System.nanoTime();
        long end;
        do {
            call.run();
            calls++;
            end = System.nanoTime();
        } while (end - start < nanos);
        return new double[] {(end - start) / 1e3 / (calls * (double) batch), calls};
    }
}
