package org.cosmoemu.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.OutputException;

/**
 * The marginalised statistics GetDist computes from finished chains, with GetDist's definitions and file formats:
 * {@code .margestats} (mean, standard deviation and limits at 68%, 95% and 99%), {@code .likestats} (the best-fit
 * sample, the mean and the extremes of the N-dimensional confidence regions), a LaTeX table of constraints, and the
 * convergence numbers GetDist's users look at, R−1 and the effective number of samples. Immutable.
 *
 * <pre>{@code
 * ChainAnalysis a = ChainAnalysis.of(Chains.read(Path.of("chains/act")), 0.3);
 * a.get("sigma8").limits().get(0);        // the 68% limits: lower, upper, and whether they are one-tail
 * a.write(Path.of("chains/act"));         // chains/act.margestats, .likestats, .constraints.tex
 * }</pre>
 *
 * <h2>Definitions (GetDist's)</h2>
 * <ul>
 *   <li>Burn-in: the first {@code burnFraction} of each chain's rows are dropped (GetDist's {@code ignore_rows});
 *       the remaining weighted rows of all chains are pooled.</li>
 *   <li>Mean and σ: weighted moments, σ² = Σw(x−μ)²/Σw.</li>
 *   <li>Limits at probability p: two-tail limits are the sample values with a fraction (1−p)/2 of the weight beyond
 *       them (GetDist's {@code confidence}: the first sorted sample whose cumulative weight reaches the target);
 *       when the marginal density at the two limits differs by more than 0.05 of its peak, the limits of the
 *       highest-density interval are used instead, as GetDist's {@code credible_interval_threshold}.</li>
 *   <li>One-tail limits: a parameter whose prior is bounded (a finite bound in {@code .ranges}) and whose marginal
 *       density at that bound exceeds exp(−z²/2) of its peak (z the two-tail normal quantile of p: 0.61 at 68%,
 *       0.15 at 95%, 0.036 at 99%) gets a one-tail limit: the bound and the value with a fraction 1−p of the weight
 *       beyond it. {@link Tail#UPPER_LIMIT} (GetDist's tag {@code >}) is "x &lt; upper", the lower end being the
 *       prior bound; {@link Tail#LOWER_LIMIT} ({@code <}) is "x &gt; lower"; {@link Tail#NONE} means the density
 *       is high at both bounds.</li>
 *   <li>The marginal density: a Gaussian kernel estimate on 1024 bins over the samples' range, with GetDist's linear
 *       boundary correction at prior bounds. Its bandwidth is a normal-reference rule rather than GetDist's
 *       optimised one: the density only decides tails and skewed intervals, where the two agree well within the
 *       Monte-Carlo error of the samples.</li>
 *   <li>Effective samples: Σw divided by the correlation length, 1 + 2Σρ_k over the lags before the
 *       autocorrelation ρ_k of the weighted pooled samples first drops below 0.05 (GetDist's
 *       {@code getEffectiveSamples}).</li>
 *   <li>R−1: the largest eigenvalue of the chains' between-chain covariance of the means in units of the mean
 *       within-chain covariance, over the sampled parameters (as cobaya's and GetDist's convergence tests); per
 *       parameter, the variance of the chain means over the mean chain variance. With a single chain, its two halves
 *       play the chains.</li>
 * </ul>
 */
public final class ChainAnalysis {

    /** GetDist's default contours: 68%, 95% and 99%. */
    public static final List<Double> DEFAULT_CONTOURS = List.of(0.68, 0.95, 0.99);

    /** GetDist's {@code credible_interval_threshold}. */
    static final double CREDIBLE_INTERVAL_THRESHOLD = 0.05;
    /** GetDist's autocorrelation cut of {@code getCorrelationLength}. */
    static final double MIN_CORRELATION = 0.05;

    /** What kind of limit a {@link Limit} is. */
    public enum Tail {
        /** Both limits are constraints: {@code lower < x < upper}. GetDist's tag {@code two}. */
        TWO_TAIL("two"),
        /** Only the upper limit constrains (the density is high at the lower prior bound): {@code x < upper}. Tag {@code >}. */
        UPPER_LIMIT(">"),
        /** Only the lower limit constrains (the density is high at the upper prior bound): {@code x > lower}. Tag {@code <}. */
        LOWER_LIMIT("<"),
        /** Neither: the density is high at both prior bounds. Tag {@code none}. */
        NONE("none");

        private final String tag;

        Tail(String tag) {
            this.tag = tag;
        }

        /** {@return GetDist's tag in {@code .margestats}: {@code two}, {@code >}, {@code <} or {@code none}} */
        public String tag() {
            return tag;
        }
    }

    /**
     * Marginalised limits at one probability.
     *
     * @param contour the probability, e.g. 0.68
     * @param lower   the lower limit (the prior bound for {@link Tail#UPPER_LIMIT} and {@link Tail#NONE})
     * @param upper   the upper limit (the prior bound for {@link Tail#LOWER_LIMIT} and {@link Tail#NONE})
     * @param tail    which limits constrain
     */
    public record Limit(double contour, double lower, double upper, Tail tail) {
        /**
         * Checks the components.
         *
         * @throws NullPointerException if tail is null
         */
        public Limit {
            Objects.requireNonNull(tail, "tail");
        }
    }

    /**
     * The statistics of one parameter.
     *
     * @param name             the parameter's name
     * @param latex            its LaTeX label (without {@code $})
     * @param derived          whether it is derived
     * @param mean             the posterior mean
     * @param sd               the posterior standard deviation
     * @param limits           the limits, one per contour, in the order of {@link ChainAnalysis#contours()}
     * @param effectiveSamples the effective number of independent samples for its mean
     * @param rMinus1          its own R−1: variance of the chain means over the mean chain variance
     * @param bestFit          its value at the best-fit (lowest −log posterior) sample
     * @param ndLower          lowest value within the N-dimensional 68% and 95% regions (of −log posterior)
     * @param ndUpper          highest value within them
     */
    public record Marginal(String name, String latex, boolean derived, double mean, double sd, List<Limit> limits,
            double effectiveSamples, double rMinus1, double bestFit, double[] ndLower, double[] ndUpper) {
        /** Copies the lists and arrays. */
        public Marginal {
            limits = List.copyOf(limits);
            ndLower = ndLower.clone();
            ndUpper = ndUpper.clone();
        }

        /** {@return the lowest values within the N-dimensional 68% and 95% regions (a copy)} */
        @Override
        public double[] ndLower() {
            return ndLower.clone();
        }

        /** {@return the highest values within the N-dimensional 68% and 95% regions (a copy)} */
        @Override
        public double[] ndUpper() {
            return ndUpper.clone();
        }
    }

    private final List<Marginal> parameters;
    private final List<Double> contours;
    private final double burnFraction;
    private final double rMinus1;
    private final int chainCount;
    private final double totalWeight;
    private final double bestFitMinusLogPost;
    private final double meanMinusLogPost;
    private final double minusLogMeanLike;
    private final double logMeanInvLike;

    private ChainAnalysis(List<Marginal> parameters, List<Double> contours, double burnFraction, double rMinus1,
            int chainCount, double totalWeight, double[] like) {
        this.parameters = List.copyOf(parameters);
        this.contours = List.copyOf(contours);
        this.burnFraction = burnFraction;
        this.rMinus1 = rMinus1;
        this.chainCount = chainCount;
        this.totalWeight = totalWeight;
        this.bestFitMinusLogPost = like[0];
        this.meanMinusLogPost = like[1];
        this.minusLogMeanLike = like[2];
        this.logMeanInvLike = like[3];
    }

    /**
     * Analyses chains with GetDist's contours, 68%, 95% and 99%.
     *
     * @param chains       the chains (with prior bounds from {@code .ranges} in their columns)
     * @param burnFraction fraction of each chain's rows dropped first, in [0, 1)
     * @return the analysis
     * @throws InvalidOptionException if the fraction is outside [0, 1) or no weight remains after it
     */
    public static ChainAnalysis of(Chains chains, double burnFraction) {
        return of(chains, burnFraction, DEFAULT_CONTOURS);
    }

    /**
     * {@return the analysis}
     *
     * @param chains       the chains
     * @param burnFraction fraction of each chain's rows dropped first, in [0, 1)
     * @param contours     the probabilities of the limits, increasing, each in (0, 1), at least two (the
     *   N-dimensional limits of {@code .likestats} use the first two)
     * @throws InvalidOptionException if the fraction or the contours are invalid, or no weight remains after the
     *   burn-in
     */
    public static ChainAnalysis of(Chains chains, double burnFraction, List<Double> contours) {
        Objects.requireNonNull(chains, "chains");
        if (contours.size() < 2) {
            throw new InvalidOptionException("contours", "need at least two contours, got " + contours);
        }
        for (int i = 0; i < contours.size(); i++) {
            double c = contours.get(i);
            if (!(c > 0 && c < 1) || i > 0 && !(c > contours.get(i - 1))) {
                throw new InvalidOptionException("contours", "contours must increase within (0, 1), got " + contours);
            }
        }
        Chains kept = chains.removeBurnFraction(burnFraction);
        double[] w = kept.allWeights();
        double total = WeightedStats.sum(w);
        if (!(total > 0)) {
            throw new InvalidOptionException("burn", "no samples left after removing " + burnFraction
                    + " of the rows as burn-in");
        }
        int n = w.length;
        double[] mlp = new double[n];
        {
            int k = 0;
            for (int c = 0; c < kept.chainCount(); c++) {
                for (int r = 0; r < kept.rows(c); r++) {
                    mlp[k++] = kept.minusLogPosterior(c, r);
                }
            }
        }
        // likestats: best sample, mean -ln L, -ln mean L, ln mean 1/L, and the N-D regions of the first two contours
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (mlp[i] < mlp[best]) {
                best = i;
            }
        }
        double maxLike = mlp[best];
        double meanMlp = 0;
        double meanLike = 0;
        double meanInvLike = 0;
        double worst = maxLike;
        for (int i = 0; i < n; i++) {
            meanMlp += w[i] * mlp[i];
            meanLike += w[i] * Math.exp(-(mlp[i] - maxLike));
            worst = Math.max(worst, mlp[i]);
        }
        boolean invLike = worst - maxLike < 30;
        if (invLike) {
            for (int i = 0; i < n; i++) {
                meanInvLike += w[i] * Math.exp(mlp[i] - maxLike);
            }
        }
        double[] like = {maxLike, meanMlp / total, -Math.log(meanLike / total) + maxLike,
            invLike ? Math.log(meanInvLike / total) + maxLike : Double.NaN};
        Integer[] byLike = new Integer[n];
        for (int i = 0; i < n; i++) {
            byLike[i] = i;
        }
        Arrays.sort(byLike, (a, b) -> Double.compare(mlp[a], mlp[b]));
        int[] ndCount = new int[2];
        {
            double cum = 0;
            int[] found = {-1, -1};
            for (int k = 0; k < n; k++) {
                cum += w[byLike[k]];
                for (int c = 0; c < 2; c++) {
                    if (found[c] < 0 && cum >= total * contours.get(c)) {
                        found[c] = k; // numpy searchsorted (left): the first index with cumsum >= target
                    }
                }
            }
            for (int c = 0; c < 2; c++) {
                ndCount[c] = Math.max(1, found[c] < 0 ? n : found[c]);
            }
        }

        double[] twoTailFrac = new double[contours.size()];
        NormalDistribution normal = new NormalDistribution(null, 0, 1);
        for (int c = 0; c < contours.size(); c++) {
            double z = normal.inverseCumulativeProbability((1 - contours.get(c)) / 2);
            twoTailFrac[c] = Math.exp(-z * z / 2);
        }

        Splits splits = Splits.of(kept);
        List<Marginal> out = new ArrayList<>();
        for (int j = 0; j < kept.columns().size(); j++) {
            Chains.Column col = kept.columns().get(j);
            double[] v = kept.allValues(j);
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += w[i] * v[i];
            }
            mean /= total;
            double var = 0;
            for (int i = 0; i < n; i++) {
                var += w[i] * (v[i] - mean) * (v[i] - mean);
            }
            var /= total;
            double sd = Math.sqrt(var);
            Confidence conf = new Confidence(w, v, total);
            double ess = effectiveSamples(w, v, mean, var, total);
            List<Limit> limits = limits(col, v, w, conf, sd, ess, contours, twoTailFrac);
            double[] ndLo = new double[2];
            double[] ndHi = new double[2];
            for (int c = 0; c < 2; c++) {
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < ndCount[c]; k++) {
                    lo = Math.min(lo, v[byLike[k]]);
                    hi = Math.max(hi, v[byLike[k]]);
                }
                ndLo[c] = lo;
                ndHi[c] = hi;
            }
            out.add(new Marginal(col.name(), col.latex(), col.derived(), mean, sd, limits, ess,
                    splits.rMinus1(j), v[best], ndLo, ndHi));
        }
        return new ChainAnalysis(out, contours, burnFraction, splits.rMinus1Sampled(kept), splits.count(), total, like);
    }

    // ------------------------------------------------------------------------------------------- limits

    /** GetDist's raw sample confidence limits: sorted values and their cumulative weights. */
    private static final class Confidence {
        private final double[] sorted;
        private final double[] cumsum;
        private final double norm;

        Confidence(double[] w, double[] v, double norm) {
            Integer[] idx = new Integer[v.length];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
            sorted = new double[v.length];
            cumsum = new double[v.length];
            double c = 0;
            for (int k = 0; k < idx.length; k++) {
                sorted[k] = v[idx[k]];
                c += w[idx[k]];
                cumsum[k] = c;
            }
            this.norm = norm;
        }

        /** The value with a fraction {@code limfrac} of the weight below it ({@code upper}: above it). */
        double at(double limfrac, boolean upper) {
            double target = upper ? norm * (1 - limfrac) : norm * limfrac;
            int lo = 0;
            int hi = cumsum.length; // first index with cumsum >= target (numpy searchsorted, side left)
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumsum[mid] < target) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return sorted[Math.min(lo, sorted.length - 1)];
        }
    }

    private static List<Limit> limits(Chains.Column col, double[] v, double[] w, Confidence conf, double sd, double ess,
            List<Double> contours, double[] twoTailFrac) {
        Density d = Density.of(col, v, w, conf, sd, ess);
        List<Limit> limits = new ArrayList<>();
        for (int c = 0; c < contours.size(); c++) {
            double contour = contours.get(c);
            boolean bot = d.boundedBelow && d.p[0] > twoTailFrac[c];
            boolean top = d.boundedAbove && d.p[d.p.length - 1] > twoTailFrac[c];
            double lower;
            double upper;
            if (!bot || !top) {
                double[] hpd = d.limits(contour);
                double hpdLo = hpd[0];
                double hpdHi = hpd[1];
                bot = hpd[2] != 0;
                top = hpd[3] != 0;
                double limfrac = 1 - contour;
                if (bot && top) {
                    lower = d.rangeMin;
                    upper = d.rangeMax;
                } else if (bot) {
                    lower = d.rangeMin;
                    upper = conf.at(limfrac, true);
                } else if (top) {
                    lower = conf.at(limfrac, false);
                    upper = d.rangeMax;
                } else {
                    double eqLo = conf.at(limfrac / 2, false);
                    double eqHi = conf.at(limfrac / 2, true);
                    if (Math.abs(d.at(eqHi) - d.at(eqLo)) < CREDIBLE_INTERVAL_THRESHOLD) {
                        lower = eqLo;
                        upper = eqHi;
                    } else {
                        lower = hpdLo;
                        upper = hpdHi;
                    }
                }
            } else {
                lower = d.rangeMin;
                upper = d.rangeMax;
            }
            Tail tail = bot && top ? Tail.NONE : bot ? Tail.UPPER_LIMIT : top ? Tail.LOWER_LIMIT : Tail.TWO_TAIL;
            limits.add(new Limit(contour, lower, upper, tail));
        }
        return limits;
    }

    /**
     * The marginal density on a fine grid, normalised to a peak of 1, set up as GetDist's
     * {@code get1DDensityGridData}: the range is the 0.1–99.9% sample range, pulled to a prior bound when the
     * samples come near it (then the density is boundary-corrected there), padded otherwise.
     */
    static final class Density {
        static final int FINE_BINS = 1024;
        final double[] x;
        final double[] p;
        final boolean boundedBelow;
        final boolean boundedAbove;
        final double rangeMin;
        final double rangeMax;

        private Density(double[] x, double[] p, boolean boundedBelow, boolean boundedAbove, double rangeMin,
                double rangeMax) {
            this.x = x;
            this.p = p;
            this.boundedBelow = boundedBelow;
            this.boundedAbove = boundedAbove;
            this.rangeMin = rangeMin;
            this.rangeMax = rangeMax;
        }

        static Density of(Chains.Column col, double[] v, double[] w, Confidence conf, double sd, double ess) {
            double paramMin = Arrays.stream(v).min().orElseThrow();
            double paramMax = Arrays.stream(v).max().orElseThrow();
            double rangeMin = conf.at(0.001, false);
            double rangeMax = conf.at(0.001, true);
            // the scale of structure in the distribution: the standard deviation, or less for a multi-modal one
            double[] q = new double[11];
            q[0] = paramMin;
            for (int k = 1; k <= 9; k++) {
                q[k] = conf.at(0.1 * k, false);
            }
            q[10] = paramMax;
            double minDiff = Double.POSITIVE_INFINITY;
            for (int k = 0; k + 4 < q.length; k++) {
                minDiff = Math.min(minDiff, q[k + 4] - q[k]);
            }
            double scale = minDiff / 1.049;
            double sigmaRange = sd > 0 ? Math.min(sd, scale > 0 ? scale : sd) : scale;
            double smooth = sigmaRange * 0.4;
            boolean bot = Double.isFinite(col.lower());
            boolean top = Double.isFinite(col.upper());
            if (bot) {
                if (rangeMin - col.lower() > 2 * smooth && paramMin - col.lower() > smooth) {
                    bot = false;
                } else {
                    rangeMin = col.lower();
                }
            }
            if (top) {
                if (col.upper() - rangeMax > 2 * smooth && col.upper() - paramMax > smooth) {
                    top = false;
                } else {
                    rangeMax = col.upper();
                }
            }
            if (!bot) {
                rangeMin -= 2 * smooth;
            }
            if (!top) {
                rangeMax += 2 * smooth;
            }
            if (!(rangeMax > rangeMin)) {
                double pad = Math.max(1e-12, Math.abs(rangeMin) * 1e-9);
                rangeMin -= pad;
                rangeMax += pad;
            }
            double border = (rangeMax - rangeMin) * 0.1;
            double binMin = Math.min(paramMin, rangeMin) - (bot ? 0 : border);
            double binMax = Math.max(paramMax, rangeMax) + (top ? 0 : border);
            int nb = FINE_BINS;
            double width = (binMax - binMin) / (nb - 1);
            double[] bins = new double[nb];
            for (int i = 0; i < v.length; i++) {
                int ix = (int) ((v[i] - binMin) / width + 0.5);
                bins[Math.max(0, Math.min(nb - 1, ix))] += w[i];
            }
            // normal-reference bandwidth for the effective number of samples
            double h = 1.06 * Math.max(sigmaRange, 1e-300) * Math.pow(Math.max(ess, 2), -0.2);
            double s = Math.min(Math.max(1, h / width), nb / 2.0);
            int winw = (int) Math.min(Math.round(2.5 * s), nb / 2 - 2);
            double[] win = new double[2 * winw + 1];
            double norm = 0;
            for (int k = -winw; k <= winw; k++) {
                win[k + winw] = Math.exp(-0.5 * (k / s) * (k / s));
                norm += win[k + winw];
            }
            for (int k = 0; k < win.length; k++) {
                win[k] /= norm;
            }
            double[] p = convolve(bins, win, winw, null);
            if (bot || top) {
                // GetDist's linear boundary kernel: renormalise by the kernel's mass inside the prior, and correct
                // the slope (Jones 1993), from the moments a0, a1, a2 of the kernel over the allowed bins
                double[] mask = new double[nb];
                Arrays.fill(mask, 1);
                if (bot) {
                    mask[0] = 0.5;
                }
                if (top) {
                    mask[nb - 1] = 0.5;
                }
                double[] a0 = convolve(mask, win, winw, 0);
                double[] a1 = convolve(mask, win, winw, 1);
                double[] a2 = convolve(mask, win, winw, 2);
                double[] xp = convolve(bins, win, winw, 1);
                for (int i = 0; i < nb; i++) {
                    if (a0[i] * p[i] == 0) {
                        continue;
                    }
                    double normed = p[i] / a0[i];
                    double corrected = (p[i] * a2[i] - xp[i] * a1[i]) / (a0[i] * a2[i] - a1[i] * a1[i]);
                    p[i] = normed * Math.exp(Math.min(corrected / normed, 4) - 1);
                }
            }
            double max = Arrays.stream(p).max().orElse(0);
            double[] x = new double[nb];
            for (int i = 0; i < nb; i++) {
                x[i] = binMin + i * width;
                p[i] = max > 0 ? p[i] / max : 0;
            }
            return new Density(x, p, bot, top, rangeMin, rangeMax);
        }

        /**
         * {@code out[i] = Σ_k win[k] · k^power · f[i − k]} ("same" size, zero outside); with {@code power == null}
         * the plain convolution. Outside [0, n) {@code f} is 0, which is what the prior mask needs.
         */
        private static double[] convolve(double[] f, double[] win, int winw, Integer power) {
            int n = f.length;
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int k = -winw; k <= winw; k++) {
                    int j = i - k;
                    if (j >= 0 && j < n) {
                        double wk = win[k + winw];
                        if (power != null) {
                            wk *= Math.pow(-k, power); // the kernel's moment in the offset of the sample from i
                        }
                        s += wk * f[j];
                    }
                }
                out[i] = s;
            }
            return out;
        }

        /** @return the density at {@code v} (linear interpolation; 0 outside the grid) */
        double at(double v) {
            double t = (v - x[0]) / (x[1] - x[0]);
            if (t < 0 || t > x.length - 1) {
                return 0;
            }
            int i = Math.min((int) t, x.length - 2);
            double f = t - i;
            return p[i] * (1 - f) + p[i + 1] * f;
        }

        /**
         * GetDist's {@code Density1D.getLimits}: the highest-density interval holding {@code contour} of the mass,
         * on a grid refined by linear interpolation.
         *
         * @return {lower, upper, 1 if the density at the grid's lower end is above the level, same for the upper}
         */
        double[] limits(double contour) {
            int factor = Math.max(2, 20000 / x.length);
            int big = (x.length - 1) * factor + 1;
            double[] g = new double[big];
            double sum = 0;
            for (int i = 0; i < big; i++) {
                int b = Math.min(i / factor, x.length - 2);
                double f = (i - b * factor) / (double) factor;
                g[i] = p[b] * (1 - f) + p[b + 1] * f;
                sum += g[i];
            }
            double norm = sum - 0.5 * p[x.length - 1] - 0.5 * p[0];
            double[] sortedG = g.clone();
            Arrays.sort(sortedG);
            double target = (1 - contour) * norm;
            double cum = 0;
            int ix = 0;
            double prevCum = 0;
            for (; ix < big; ix++) {
                prevCum = cum;
                cum += sortedG[ix];
                if (cum >= target) {
                    break;
                }
            }
            ix = Math.min(ix, big - 1);
            double trial = sortedG[ix];
            if (ix > 0 && ix + 1 < big) {
                double frac = (cum - target) / (cum - prevCum);
                trial = (1 - frac) * trial + frac * sortedG[ix + 1];
            }
            double fine = (x[1] - x[0]) / factor;
            boolean limBot = g[0] >= trial;
            double mn = x[0];
            if (!limBot) {
                int i = 0;
                while (i < big && !(g[i] > trial)) {
                    i++;
                }
                double d = i > 0 ? (g[i] - trial) / (g[i] - g[i - 1]) : 0;
                mn = x[0] + (i - d) * fine;
            }
            boolean limTop = g[big - 1] >= trial;
            double mx = x[x.length - 1];
            if (!limTop) {
                int i = big - 1;
                while (i >= 0 && !(g[i] > trial)) {
                    i--;
                }
                double d = i < big - 1 ? (g[i] - trial) / (g[i] - g[i + 1]) : 0;
                mx = x[0] + (i + d) * fine;
            }
            return new double[] {mn, mx, limBot ? 1 : 0, limTop ? 1 : 0};
        }
    }

    // ---------------------------------------------------------------------------------- convergence

    /**
     * GetDist's effective number of samples: Σw over the correlation length ρ₀ + 2Σ_{k≥1} ρ_k, summed up to the
     * first lag whose autocorrelation is at most 0.05 ρ₀ (lags up to a tenth of the rows).
     */
    static double effectiveSamples(double[] w, double[] v, double mean, double var, double total) {
        int n = v.length;
        if (!(var > 0) || n < 2) {
            return total;
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = (v[i] - mean) * w[i];
        }
        double unit = n / total / var;
        int maxOff = Math.max(1, n / 10);
        double corr0 = 0;
        for (int i = 0; i < n; i++) {
            corr0 += d[i] * d[i];
        }
        corr0 = corr0 / n * unit;
        double length = corr0;
        for (int k = 1; k <= maxOff; k++) {
            double s = 0;
            for (int i = 0; i + k < n; i++) {
                s += d[i] * d[i + k];
            }
            double ck = s / (n - k) * unit;
            if (!(ck > MIN_CORRELATION * corr0)) {
                break;
            }
            length += 2 * ck;
        }
        return total / length;
    }

    /** The chains (or, for one chain, its two halves) as the units of the Gelman–Rubin statistics. */
    private record Splits(List<double[]> weights, List<double[][]> values) {
        static Splits of(Chains kept) {
            List<double[]> ws = new ArrayList<>();
            List<double[][]> vs = new ArrayList<>();
            int cols = kept.columns().size();
            if (kept.chainCount() >= 2) {
                for (int c = 0; c < kept.chainCount(); c++) {
                    add(kept, c, 0, kept.rows(c), cols, ws, vs);
                }
            } else {
                int rows = kept.rows(0);
                add(kept, 0, 0, rows / 2, cols, ws, vs);
                add(kept, 0, rows / 2, rows, cols, ws, vs);
            }
            return new Splits(ws, vs);
        }

        private static void add(Chains kept, int c, int from, int to, int cols, List<double[]> ws, List<double[][]> vs) {
            double[] w = new double[to - from];
            double[][] v = new double[to - from][cols];
            for (int r = from; r < to; r++) {
                w[r - from] = kept.weight(c, r);
                for (int j = 0; j < cols; j++) {
                    v[r - from][j] = kept.value(c, r, j);
                }
            }
            ws.add(w);
            vs.add(v);
        }

        int count() {
            return weights.size();
        }

        private boolean usable() {
            if (weights.size() < 2) {
                return false;
            }
            for (double[] w : weights) {
                if (w.length < 2 || !(WeightedStats.sum(w) > 1)) {
                    return false;
                }
            }
            return true;
        }

        /** Variance of the chain means over the mean of the chain variances, for column {@code j}. */
        double rMinus1(int j) {
            if (!usable()) {
                return Double.NaN;
            }
            int m = weights.size();
            double[] means = new double[m];
            double meanVar = 0;
            for (int c = 0; c < m; c++) {
                double[] w = weights.get(c);
                double[][] v = values.get(c);
                double sw = WeightedStats.sum(w);
                double mu = 0;
                for (int i = 0; i < w.length; i++) {
                    mu += w[i] * v[i][j];
                }
                mu /= sw;
                double var = 0;
                for (int i = 0; i < w.length; i++) {
                    var += w[i] * (v[i][j] - mu) * (v[i][j] - mu);
                }
                means[c] = mu;
                meanVar += var / (sw - 1) / m;
            }
            double avg = Arrays.stream(means).average().orElse(0);
            double between = 0;
            for (double mu : means) {
                between += (mu - avg) * (mu - avg) / (m - 1);
            }
            return meanVar > 0 ? between / meanVar : Double.NaN;
        }

        /** The largest-eigenvalue R−1 over the sampled (non-derived) columns. */
        double rMinus1Sampled(Chains kept) {
            if (!usable()) {
                return Double.NaN;
            }
            List<Integer> sampled = new ArrayList<>();
            for (int j = 0; j < kept.columns().size(); j++) {
                if (!kept.columns().get(j).derived()) {
                    sampled.add(j);
                }
            }
            if (sampled.isEmpty()) {
                return Double.NaN;
            }
            int m = weights.size();
            double[][] means = new double[m][];
            double[][][] covs = new double[m][][];
            double[] tw = new double[m];
            for (int c = 0; c < m; c++) {
                double[][] v = values.get(c);
                double[][] sub = new double[v.length][sampled.size()];
                for (int i = 0; i < v.length; i++) {
                    for (int a = 0; a < sampled.size(); a++) {
                        sub[i][a] = v[i][sampled.get(a)];
                    }
                }
                means[c] = WeightedStats.mean(weights.get(c), sub);
                covs[c] = WeightedStats.covariance(weights.get(c), sub);
                tw[c] = WeightedStats.sum(weights.get(c));
            }
            return GelmanRubin.rMinus1(means, covs, tw);
        }
    }

    // ------------------------------------------------------------------------------------------- accessors

    /** {@return every column's statistics, in column order (sampled, then derived)} */
    public List<Marginal> parameters() {
        return parameters;
    }

    /**
     * {@return its statistics}
     *
     * @param name a parameter name
     * @throws InvalidParameterException naming {@code name} if there is no such parameter (the message lists them)
     */
    public Marginal get(String name) {
        for (Marginal m : parameters) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new InvalidParameterException(name, "no parameter '" + name + "' in the chains; parameters: "
                + parameters.stream().map(Marginal::name).toList());
    }

    /** {@return the probabilities of the limits, e.g. [0.68, 0.95, 0.99]} */
    public List<Double> contours() {
        return contours;
    }

    /** {@return the fraction of each chain's rows removed as burn-in} */
    public double burnFraction() {
        return burnFraction;
    }

    /**
     * {@return R−1 of the sampled parameters (largest eigenvalue; NaN with fewer than two usable chains or halves, or a
     * singular covariance)}
     *
     */
    public double rMinus1() {
        return rMinus1;
    }

    /** {@return how many chains entered R−1 (2 for a single chain split in halves)} */
    public int chainCount() {
        return chainCount;
    }

    /** {@return the total weight of the samples after burn-in} */
    public double totalWeight() {
        return totalWeight;
    }

    /** {@return the lowest −log posterior of the samples (GetDist's "Best fit sample -log(Like)")} */
    public double bestFitMinusLogPosterior() {
        return bestFitMinusLogPost;
    }

    /** {@return the weighted mean of −log posterior (GetDist's "mean(-Ln(like))")} */
    public double meanMinusLogPosterior() {
        return meanMinusLogPost;
    }

    /** {@return −ln of the mean posterior ratio, in the same units (GetDist's "-Ln(mean like)")} */
    public double minusLogMeanLike() {
        return minusLogMeanLike;
    }

    // ------------------------------------------------------------------------------------------- outputs

    private int nameWidth() {
        int len = 9;
        for (Marginal m : parameters) {
            len = Math.max(len, m.name().length());
        }
        return len + 1;
    }

    private String name(Marginal m) {
        return String.format(Locale.ROOT, "%-" + nameWidth() + "s", m.name() + (m.derived() ? "*" : ""));
    }

    /** {@return the text of GetDist's {@code .margestats} file} */
    public String margeStats() {
        StringBuilder sb = new StringBuilder("Marginalized limits: ");
        for (int c = 0; c < contours.size(); c++) {
            sb.append(c == 0 ? "" : "; ").append(contours.get(c));
        }
        sb.append("\n\n");
        sb.append(String.format(Locale.ROOT, "%-" + nameWidth() + "s", "parameter")).append("  ");
        sb.append(String.format(Locale.ROOT, "%-15s%-15s", "mean", "sddev"));
        for (int c = 1; c <= contours.size(); c++) {
            sb.append(String.format(Locale.ROOT, "%-15s%-15s%-7s", "lower" + c, "upper" + c, "limit" + c));
        }
        sb.append('\n');
        for (Marginal m : parameters) {
            sb.append(name(m)).append(String.format(Locale.ROOT, "%15.7E%15.7E", m.mean(), m.sd()));
            for (Limit l : m.limits()) {
                sb.append(String.format(Locale.ROOT, "%15.7E%15.7E  %-5s", l.lower(), l.upper(), l.tail().tag()));
            }
            sb.append("   ").append(m.latex()).append('\n');
        }
        return sb.toString();
    }

    /** {@return the text of GetDist's {@code .likestats} file} */
    public String likeStats() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Best fit sample -log(Like) = %f%n", bestFitMinusLogPost));
        if (Double.isFinite(logMeanInvLike)) {
            sb.append(String.format(Locale.ROOT, "Ln(mean 1/like) = %f%n", logMeanInvLike));
        }
        sb.append(String.format(Locale.ROOT, "mean(-Ln(like)) = %f%n", meanMinusLogPost));
        sb.append(String.format(Locale.ROOT, "-Ln(mean like)  = %f%n", minusLogMeanLike));
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "%-" + nameWidth() + "s", "parameter"))
                .append("  bestfit        lower1         upper1         lower2         upper2\n");
        for (Marginal m : parameters) {
            sb.append(name(m)).append(String.format(Locale.ROOT, "%15.7E%15.7E%15.7E%15.7E%15.7E   %s%n", m.bestFit(),
                    m.ndLower[0], m.ndUpper[0], m.ndLower[1], m.ndUpper[1], m.latex()));
        }
        return sb.toString().replace("\r\n", "\n");
    }

    /**
     * A LaTeX table of the constraints, one row per parameter and one column per contour, in GetDist's style
     * ({@code getTable()}): two-tail limits as {@code mean^{+up}_{-down}} (or {@code mean\pm\sigma} at the first
     * contour when symmetric within 10%), one-tail limits as {@code < upper} or {@code > lower}, sampled
     * parameters' labels in bold.
     *
     * @return the {@code tabular} environment
     */
    public String latexTable() {
        StringBuilder sb = new StringBuilder("\\begin{tabular} { l ");
        sb.append(" c".repeat(contours.size())).append("}\n\n Parameter");
        for (double c : contours) {
            sb.append(" &  ").append(percent(c)).append("\\% limits");
        }
        sb.append("\\\\\n\\hline\n");
        for (Marginal m : parameters) {
            String label = "$" + m.latex() + "$";
            sb.append(m.derived() ? label : "{\\boldmath" + label + "}");
            for (int c = 0; c < contours.size(); c++) {
                sb.append(" & $").append(TexNumbers.constraint(m, c)).append('$');
            }
            sb.append("\\\\\n");
        }
        sb.append("\\hline\n\\end{tabular}\n");
        return sb.toString();
    }

    private static String percent(double c) {
        double p = Math.round(c * 1000) / 10.0;
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }

    /**
     * Writes {@code ROOT.margestats}, {@code ROOT.likestats} and {@code ROOT.constraints.tex} (replacing them).
     *
     * @param root the file root, e.g. {@code chains/act} (usually the chains' own root)
     * @return the files written
     * @throws OutputException naming the file if one cannot be written
     */
    public List<Path> write(Path root) {
        List<Path> files = List.of(sibling(root, ".margestats"), sibling(root, ".likestats"),
                sibling(root, ".constraints.tex"));
        List<String> texts = List.of(margeStats(), likeStats(), latexTable());
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            try {
                Path parent = f.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(f, texts.get(i));
            } catch (IOException e) {
                throw new OutputException(f + ": cannot write (" + e.getMessage() + ")", e);
            }
        }
        return files;
    }

    private static Path sibling(Path root, String suffix) {
        Path name = root.getFileName();
        return root.resolveSibling((name == null ? "" : name.toString()) + suffix);
    }

    @Override
    public String toString() {
        return margeStats();
    }
}
