package org.cosmoemu.inference;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.NumericalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The affine-invariant ensemble sampler of Goodman &amp; Weare (2010) with the stretch move, as in emcee: W
 * walkers in two halves; each walker of one half moves towards or away from a random walker of the other,
 * y = x_j + z (x_k − x_j) with z drawn from g(z) ∝ 1/√z on [1/a, a], accepted with probability
 * min(1, z^{d−1} P(y)/P(x_k)). All proposals of a half are evaluated in one batch
 * ({@link Posterior#logPosteriorBatch}), so a batched model runs each network once per half-step.
 *
 * <p>Stopping rule (emcee's): every {@code checkEvery} steps the integrated autocorrelation time τ of each
 * sampled parameter is estimated ({@link Autocorrelation}); the run stops when the chains are longer than
 * {@code tauFactor} × max τ and max τ changed by less than {@code tauTolerance} (relative) since the last check, or
 * at {@code maxSteps} or {@code maxTime}. The first 2 max τ steps are dropped as burn-in and the rest written as
 * GetDist chains, the walkers split into four groups (one chain file each), so that GetDist's R−1 can compare
 * them. Deterministic given the seed.
 */
public final class EnsembleSampler {
    private static final Logger LOG = LoggerFactory.getLogger(EnsembleSampler.class);

    private EnsembleSampler() {
    }

    /**
     * Settings: immutable, see each component.
     *
     * @param walkers      number of walkers, even and ≥ 2 × (dimension + 1); 0 chooses max(32, 8 × dimension)
     * @param stretch      the stretch scale a &gt; 1 (emcee's default 2)
     * @param seed         random seed
     * @param checkEvery   steps between autocorrelation checks, ≥ 10
     * @param tauFactor    stop when steps &gt; tauFactor × τ (emcee recommends 50)
     * @param tauTolerance ... and τ changed by less than this, relative
     * @param maxSteps     stop after this many steps
     * @param maxTime      wall-time limit, or null
     * @param output       GetDist file root, or null
     */
    public record Settings(int walkers, double stretch, long seed, int checkEvery, double tauFactor, double tauTolerance,
            long maxSteps, Duration maxTime, Path output) {

        /**
         * Validates the settings.
         *
         * @throws InvalidOptionException naming a setting out of range
         */
        public Settings {
            if (walkers < 0 || walkers % 2 != 0) {
                throw new InvalidOptionException("walkers", "the number of walkers must be even and >= 0 (0: automatic), got "
                        + walkers);
            }
            if (!(stretch > 1)) {
                throw new InvalidOptionException("stretch", "the stretch scale must be > 1, got " + stretch);
            }
            if (checkEvery < 10) {
                throw new InvalidOptionException("checkEvery", "checkEvery must be >= 10, got " + checkEvery);
            }
            if (!(tauFactor > 0) || !(tauTolerance > 0)) {
                throw new InvalidOptionException("tauFactor", "tauFactor and tauTolerance must be > 0");
            }
            if (maxSteps < 1) {
                throw new InvalidOptionException("maxSteps", "maxSteps must be >= 1, got " + maxSteps);
            }
        }

        /** {@return automatic walkers, a = 2, seed 1, checks every 100 steps, 50 τ, 1%, 100000 steps, no limits} */
        public static Settings defaults() {
            return new Settings(0, 2.0, 1, 100, 50, 0.01, 100_000, null, null);
        }

        /**
         * {@return a copy with another number of walkers}
         *
         * @param n walkers (even; 0: automatic)
         */
        public Settings withWalkers(int n) {
            return new Settings(n, stretch, seed, checkEvery, tauFactor, tauTolerance, maxSteps, maxTime, output);
        }

        /**
         * {@return a copy with another seed}
         *
         * @param s seed
         */
        public Settings withSeed(long s) {
            return new Settings(walkers, stretch, s, checkEvery, tauFactor, tauTolerance, maxSteps, maxTime, output);
        }

        /**
         * {@return a copy with another step limit}
         *
         * @param n max steps
         */
        public Settings withMaxSteps(long n) {
            return new Settings(walkers, stretch, seed, checkEvery, tauFactor, tauTolerance, n, maxTime, output);
        }

        /**
         * {@return a copy with another wall-time limit}
         *
         * @param t wall-time limit, or null
         */
        public Settings withMaxTime(Duration t) {
            return new Settings(walkers, stretch, seed, checkEvery, tauFactor, tauTolerance, maxSteps, t, output);
        }

        /**
         * {@return a copy writing the chains elsewhere}
         *
         * @param root GetDist file root, or null
         */
        public Settings withOutput(Path root) {
            return new Settings(walkers, stretch, seed, checkEvery, tauFactor, tauTolerance, maxSteps, maxTime, root);
        }
    }

    /**
     * What a run produced.
     *
     * @param chains         the samples after burn-in, in four chains of walker groups
     * @param converged      whether the autocorrelation rule stopped the run
     * @param tau            the last integrated autocorrelation time of each sampled parameter, in steps
     * @param steps          steps taken (each moves every walker once)
     * @param walkers        number of walkers
     * @param acceptanceRate accepted / proposed moves
     * @param evaluations    posterior evaluations
     * @param seconds        wall time
     */
    public record Result(Chains chains, boolean converged, double[] tau, long steps, int walkers, double acceptanceRate,
            long evaluations, double seconds) {

        /** Copies τ. */
        public Result {
            tau = tau.clone();
        }

        /** {@return a copy of τ} */
        @Override
        public double[] tau() {
            return tau.clone();
        }

        /** {@return the marginalised statistics of the chains (burn-in already removed)} */
        public PosteriorSummary summary() {
            return PosteriorSummary.of(chains, 0);
        }
    }

    /**
     * Samples a posterior.
     *
     * @param posterior the target
     * @param settings  the settings
     * @return the samples and diagnostics
     * @throws InvalidOptionException if the walkers are too few for the dimension
     * @throws NumericalException     if no walker start with a finite posterior is found
     */
    public static Result run(Posterior posterior, Settings settings) {
        Objects.requireNonNull(posterior, "posterior");
        long t0 = System.nanoTime();
        int d = posterior.dimension();
        int nd = posterior.derived().size();
        int w = settings.walkers() == 0 ? Math.max(32, 8 * d + (8 * d) % 2) : settings.walkers();
        if (w < 2 * (d + 1)) {
            throw new InvalidOptionException("walkers", w + " walkers are too few for " + d + " parameters: use at least "
                    + 2 * (d + 1));
        }
        int half = w / 2;
        SplittableRandom rng = new SplittableRandom(settings.seed());
        double[] x = new double[w * d];
        double[] lp = new double[w];
        double[] der = new double[w * nd];
        start(posterior, rng, x, lp, der, w);
        long evals = w;
        long deadline = settings.maxTime() == null ? Long.MAX_VALUE : t0 + settings.maxTime().toNanos();
        List<double[]> trace = new ArrayList<>(); // per step: w × (1 + d + nd) values: lnP, θ, derived
        double[] y = new double[half * d];
        double[] ylp = new double[half];
        double[] yder = new double[half * nd];
        double[] zs = new double[half];
        long accepted = 0;
        long proposed = 0;
        double lastTau = Double.NaN;
        double[] tau = new double[d];
        Arrays.fill(tau, Double.NaN);
        boolean converged = false;
        long step = 0;
        while (step < settings.maxSteps() && System.nanoTime() < deadline) {
            for (int side = 0; side < 2; side++) {
                int from = side * half;
                int other = (1 - side) * half;
                for (int k = 0; k < half; k++) {
                    int j = other + rng.nextInt(half);
                    double u = rng.nextDouble();
                    double a = settings.stretch();
                    double z = Math.pow((a - 1) * u + 1, 2) / a; // inverse CDF of g(z) ∝ 1/√z on [1/a, a]
                    zs[k] = z;
                    for (int i = 0; i < d; i++) {
                        double xj = x[j * d + i];
                        y[k * d + i] = xj + z * (x[(from + k) * d + i] - xj);
                    }
                }
                posterior.logPosteriorBatch(y, half, ylp, yder);
                evals += half;
                for (int k = 0; k < half; k++) {
                    proposed++;
                    int me = from + k;
                    double logRatio = (d - 1) * Math.log(zs[k]) + ylp[k] - lp[me];
                    if (ylp[k] > Double.NEGATIVE_INFINITY && Math.log(rng.nextDouble()) < logRatio) {
                        System.arraycopy(y, k * d, x, me * d, d);
                        System.arraycopy(yder, k * nd, der, me * nd, nd);
                        lp[me] = ylp[k];
                        accepted++;
                    }
                }
            }
            step++;
            double[] row = new double[w * (1 + d + nd)];
            for (int k = 0; k < w; k++) {
                int o = k * (1 + d + nd);
                row[o] = lp[k];
                System.arraycopy(x, k * d, row, o + 1, d);
                System.arraycopy(der, k * nd, row, o + 1 + d, nd);
            }
            trace.add(row);
            if (step % settings.checkEvery() == 0) {
                double maxTau = 0;
                for (int i = 0; i < d; i++) {
                    double[][] c = new double[w][(int) step];
                    for (int s = 0; s < step; s++) {
                        double[] r = trace.get(s);
                        for (int k = 0; k < w; k++) {
                            c[k][s] = r[k * (1 + d + nd) + 1 + i];
                        }
                    }
                    tau[i] = Autocorrelation.integratedTime(c);
                    maxTau = Math.max(maxTau, Double.isNaN(tau[i]) ? Double.POSITIVE_INFINITY : tau[i]);
                }
                LOG.info(String.format(java.util.Locale.ROOT, "ensemble: %d steps x %d walkers, acceptance %.3f, max tau %.1f",
                        step, w, (double) accepted / proposed, maxTau));
                if (step > settings.tauFactor() * maxTau && Math.abs(lastTau - maxTau) < settings.tauTolerance() * maxTau) {
                    converged = true;
                    break;
                }
                lastTau = maxTau;
            }
        }
        double maxTau = 0;
        for (double t : tau) {
            maxTau = Math.max(maxTau, Double.isNaN(t) ? 0 : t);
        }
        int burn = (int) Math.min(step / 2, Math.ceil(2 * maxTau));
        Chains chains = chains(posterior, trace, burn, w, d, nd);
        if (settings.output() != null) {
            chains.write(settings.output());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Result(chains, converged, tau, step, w, proposed == 0 ? Double.NaN : (double) accepted / proposed, evals,
                seconds);
    }

    /** Walkers start at draws from the reference distributions with a finite posterior, evaluated in one batch. */
    private static void start(Posterior posterior, SplittableRandom rng, double[] x, double[] lp, double[] der, int w) {
        int d = posterior.dimension();
        int nd = posterior.derived().size();
        List<SampledParameter> ps = posterior.parameters();
        boolean[] done = new boolean[w];
        int remaining = w;
        for (int attempt = 0; attempt < 1000 && remaining > 0; attempt++) {
            double[] pts = new double[remaining * d];
            int[] which = new int[remaining];
            int m = 0;
            for (int k = 0; k < w; k++) {
                if (!done[k]) {
                    for (int i = 0; i < d; i++) {
                        SampledParameter p = ps.get(i);
                        double width = p.referenceWidth() > 0 ? p.referenceWidth() : p.proposalWidth();
                        pts[m * d + i] = p.reference() + width * rng.nextGaussian();
                    }
                    which[m++] = k;
                }
            }
            double[] out = new double[m];
            double[] dv = new double[m * nd];
            posterior.logPosteriorBatch(pts, m, out, dv);
            for (int q = 0; q < m; q++) {
                if (out[q] > Double.NEGATIVE_INFINITY) {
                    int k = which[q];
                    System.arraycopy(pts, q * d, x, k * d, d);
                    System.arraycopy(dv, q * nd, der, k * nd, nd);
                    lp[k] = out[q];
                    done[k] = true;
                    remaining--;
                }
            }
        }
        if (remaining > 0) {
            throw new NumericalException("ensemble: " + remaining + " of " + w + " walkers found no start with a finite "
                    + "posterior in 1000 draws from the reference distributions");
        }
    }

    private static Chains chains(Posterior posterior, List<double[]> trace, int burn, int w, int d, int nd) {
        List<Chains.Column> cols = Mcmc.columns(posterior);
        int groups = 4;
        List<double[][]> out = new ArrayList<>();
        int stride = 1 + d + nd;
        for (int g = 0; g < groups; g++) {
            List<double[]> rows = new ArrayList<>();
            for (int s = burn; s < trace.size(); s++) {
                double[] r = trace.get(s);
                for (int k = g; k < w; k += groups) {
                    double[] row = new double[2 + d + nd];
                    row[0] = 1;
                    row[1] = -r[k * stride];
                    System.arraycopy(r, k * stride + 1, row, 2, d + nd);
                    rows.add(row);
                }
            }
            if (rows.isEmpty()) {
                double[] r = trace.get(trace.size() - 1);
                double[] row = new double[2 + d + nd];
                row[0] = 1;
                row[1] = -r[g * stride];
                System.arraycopy(r, g * stride + 1, row, 2, d + nd);
                rows.add(row);
            }
            out.add(rows.toArray(double[][]::new));
        }
        return Chains.of(cols, out);
    }
}
