package org.cosmoemu.inference;

import java.nio.file.Path;
import java.time.Duration;
import org.cosmoemu.api.InvalidOptionException;

/**
 * Settings of the {@link Mcmc} sampler; immutable, made with {@link #builder()}. Defaults follow cobaya's
 * {@code mcmc} sampler where it has the same setting.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>chains</td><td>4</td><td>parallel chains (cobaya runs one per MPI process)</td></tr>
 *   <tr><td>threads</td><td>min(chains, cores)</td><td>worker threads the chains run on (cores: the JVM's available
 *       processors); a thread with several chains advances
 *       them in lockstep and evaluates their proposals as one batch ({@link Posterior#logPosteriorBatch}), which a
 *       batched model (one forward pass per network per batch) makes cheaper per point; the chains are the same
 *       for any number of threads</td></tr>
 *   <tr><td>seed</td><td>1</td><td>the run is deterministic given it (unless stopped by maxTime)</td></tr>
 *   <tr><td>rMinus1Stop</td><td>0.01</td><td>stop when Gelman–Rubin R−1 of the means is below</td></tr>
 *   <tr><td>rMinus1ClStop</td><td>0.2</td><td>... and R−1 of the {@code rMinus1ClLevel} bounds is below
 *       (+∞ disables)</td></tr>
 *   <tr><td>rMinus1ClLevel</td><td>0.95</td><td>two-tailed level of those bounds</td></tr>
 *   <tr><td>checkEvery</td><td>40 d</td><td>accepted samples per chain between convergence checks and proposal
 *       updates (cobaya's {@code learn_every}); d = number of sampled parameters</td></tr>
 *   <tr><td>minSamples</td><td>5 × checkEvery</td><td>accepted samples per chain before convergence may stop the
 *       run</td></tr>
 *   <tr><td>maxSamples</td><td>unlimited</td><td>stop when every chain has this many accepted samples</td></tr>
 *   <tr><td>burnIn</td><td>0</td><td>accepted samples dropped at the start of each new chain (cobaya's
 *       {@code burn_in})</td></tr>
 *   <tr><td>maxTries</td><td>unlimited</td><td>proposals a chain may reject in a row before the run stops with
 *       an error (cobaya's {@code max_tries})</td></tr>
 *   <tr><td>maxTime</td><td>unlimited</td><td>stop at the first check after this wall time</td></tr>
 *   <tr><td>learnProposal</td><td>true</td><td>update the proposal covariance from the chains</td></tr>
 *   <tr><td>learnProposalRMinus1Max</td><td>2</td><td>learn only while R−1 is below this (30 until R−1 first
 *       drops below 2: cobaya's {@code learn_proposal_Rminus1_max_early})</td></tr>
 *   <tr><td>proposalScale</td><td>2.4</td><td>the proposal covariance is (scale²/d) × the covariance</td></tr>
 *   <tr><td>initialCovariance</td><td>diag(proposal widths²)</td><td>starting covariance, in parameter order</td></tr>
 *   <tr><td>output</td><td>none</td><td>file root for GetDist files; with {@code resume}, an existing run
 *       continues if its stored settings ({@code <root>.settings}: seed, chains, proposal, parameters) match;
 *       with {@code overwrite}, it is replaced; with neither, existing files are an {@code OutputException}
 *       (CLI: {@code --resume}, {@code --force}); see {@link Mcmc} for flushing, locking and shutdown</td></tr>
 *   <tr><td>progressInterval</td><td>10 s</td><td>minimum time between INFO progress lines</td></tr>
 * </table>
 */
public final class McmcSettings {
    private final int chains;
    private final int threads;
    private final long seed;
    private final double rMinus1Stop;
    private final double rMinus1ClStop;
    private final double rMinus1ClLevel;
    private final int checkEvery;
    private final long minSamples;
    private final long maxSamples;
    private final long burnIn;
    private final long maxTries;
    private final Duration maxTime;
    private final boolean learnProposal;
    private final double learnProposalRMinus1Max;
    private final double proposalScale;
    private final double[][] initialCovariance;
    private final Path output;
    private final boolean resume;
    private final boolean overwrite;
    private final Duration progressInterval;

    private McmcSettings(Builder b) {
        chains = b.chains;
        // more threads than cores only time-slice; fewer threads with several chains each batch their proposals
        threads = b.threads > 0 ? b.threads : Math.max(1, Math.min(b.chains, Runtime.getRuntime().availableProcessors()));
        seed = b.seed;
        rMinus1Stop = b.rMinus1Stop;
        rMinus1ClStop = b.rMinus1ClStop;
        rMinus1ClLevel = b.rMinus1ClLevel;
        checkEvery = b.checkEvery;
        minSamples = b.minSamples;
        maxSamples = b.maxSamples;
        burnIn = b.burnIn;
        maxTries = b.maxTries;
        maxTime = b.maxTime;
        learnProposal = b.learnProposal;
        learnProposalRMinus1Max = b.learnProposalRMinus1Max;
        proposalScale = b.proposalScale;
        initialCovariance = b.initialCovariance == null ? null : deepCopy(b.initialCovariance);
        output = b.output;
        resume = b.resume;
        overwrite = b.overwrite;
        progressInterval = b.progressInterval;
    }

    /** {@return a builder with the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the default settings (no output files)} */
    public static McmcSettings defaults() {
        return builder().build();
    }

    /** {@return the number of chains} */
    public int chains() {
        return chains;
    }

    /** {@return the number of worker threads} */
    public int threads() {
        return threads;
    }

    /** {@return the random seed} */
    public long seed() {
        return seed;
    }

    /** {@return the R−1 stopping threshold for the means} */
    public double rMinus1Stop() {
        return rMinus1Stop;
    }

    /** {@return the R−1 stopping threshold for the bounds (+∞: not checked)} */
    public double rMinus1ClStop() {
        return rMinus1ClStop;
    }

    /** {@return the two-tailed level of the bounds checked by {@link #rMinus1ClStop()}} */
    public double rMinus1ClLevel() {
        return rMinus1ClLevel;
    }

    /**
     * {@return accepted samples per chain between checks}
     *
     * @param dimension number of sampled parameters
     */
    public int checkEvery(int dimension) {
        return checkEvery > 0 ? checkEvery : 40 * dimension;
    }

    /**
     * {@return accepted samples per chain needed before convergence may stop the run}
     *
     * @param dimension number of sampled parameters
     */
    public long minSamples(int dimension) {
        return minSamples >= 0 ? minSamples : 5L * checkEvery(dimension);
    }

    /** {@return the accepted samples per chain at which the run stops ({@link Long#MAX_VALUE}: no limit)} */
    public long maxSamples() {
        return maxSamples;
    }

    /** {@return accepted samples discarded at the start of each new chain (not written, not counted in R−1)} */
    public long burnIn() {
        return burnIn;
    }

    /**
     * {@return proposals a chain may reject in a row before the run stops with an error (cobaya's {@code max_tries});
     * {@link Long#MAX_VALUE} for no limit}
     */
    public long maxTries() {
        return maxTries;
    }

    /** {@return the wall-time limit, or null for none} */
    public Duration maxTime() {
        return maxTime;
    }

    /** {@return whether the proposal covariance is learned} */
    public boolean learnProposal() {
        return learnProposal;
    }

    /** {@return the R−1 below which the proposal is learned (after the early phase)} */
    public double learnProposalRMinus1Max() {
        return learnProposalRMinus1Max;
    }

    /** {@return the proposal scale s: proposal covariance = (s²/d) × covariance} */
    public double proposalScale() {
        return proposalScale;
    }

    /** {@return a copy of the initial covariance, or null for diag(proposal widths²)} */
    public double[][] initialCovariance() {
        return initialCovariance == null ? null : deepCopy(initialCovariance);
    }

    /** {@return the output file root, or null for no files} */
    public Path output() {
        return output;
    }

    /** {@return whether an existing run at the output root is continued} */
    public boolean resume() {
        return resume;
    }

    /** {@return whether existing output files are replaced} */
    public boolean overwrite() {
        return overwrite;
    }

    /** {@return minimum time between INFO progress lines} */
    public Duration progressInterval() {
        return progressInterval;
    }

    private static double[][] deepCopy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    /** Builds {@link McmcSettings}; each setter validates its argument and names it in the exception. */
    public static final class Builder {
        private int chains = 4;
        private int threads = 0;
        private long seed = 1;
        private double rMinus1Stop = 0.01;
        private double rMinus1ClStop = 0.2;
        private double rMinus1ClLevel = 0.95;
        private int checkEvery = 0;
        private long minSamples = -1;
        private long maxSamples = Long.MAX_VALUE;
        private long burnIn = 0;
        private long maxTries = Long.MAX_VALUE;
        private Duration maxTime = null;
        private boolean learnProposal = true;
        private double learnProposalRMinus1Max = 2.0;
        private double proposalScale = 2.4;
        private double[][] initialCovariance = null;
        private Path output = null;
        private boolean resume = false;
        private boolean overwrite = false;
        private Duration progressInterval = Duration.ofSeconds(10);

        private Builder() {
        }

        /**
         * {@return this}
         *
         * @param n number of parallel chains, ≥ 1 (with one chain, R−1 compares four pieces of it, as cobaya)
         * @throws InvalidOptionException if n &lt; 1
         */
        public Builder chains(int n) {
            if (n < 1) {
                throw new InvalidOptionException("chains", "mcmc setting chains must be >= 1, got " + n);
            }
            chains = n;
            return this;
        }

        /**
         * {@return this}
         *
         * @param n worker threads, ≥ 1 (default: one per chain, at most one per core); results do not depend on it
         * @throws InvalidOptionException if n &lt; 1
         */
        public Builder threads(int n) {
            if (n < 1) {
                throw new InvalidOptionException("threads", "mcmc setting threads must be >= 1, got " + n);
            }
            threads = n;
            return this;
        }

        /**
         * {@return this}
         *
         * @param s the random seed
         */
        public Builder seed(long s) {
            seed = s;
            return this;
        }

        /**
         * {@return this}
         *
         * @param r R−1 threshold for the means, &gt; 0
         * @throws InvalidOptionException unless r &gt; 0
         */
        public Builder rMinus1Stop(double r) {
            if (!(r > 0)) {
                throw new InvalidOptionException("rMinus1Stop", "mcmc setting rMinus1Stop must be > 0, got " + r);
            }
            rMinus1Stop = r;
            return this;
        }

        /**
         * {@return this}
         *
         * @param r R−1 threshold for the bounds, &gt; 0; {@code Double.POSITIVE_INFINITY} disables the check
         * @throws InvalidOptionException unless r &gt; 0
         */
        public Builder rMinus1ClStop(double r) {
            if (!(r > 0)) {
                throw new InvalidOptionException("rMinus1ClStop", "mcmc setting rMinus1ClStop must be > 0, got " + r);
            }
            rMinus1ClStop = r;
            return this;
        }

        /**
         * {@return this}
         *
         * @param level two-tailed level of the bounds, in (0, 1)
         * @throws InvalidOptionException if outside (0, 1)
         */
        public Builder rMinus1ClLevel(double level) {
            if (!(level > 0 && level < 1)) {
                throw new InvalidOptionException("rMinus1ClLevel",
                        "mcmc setting rMinus1ClLevel must be in (0, 1), got " + level);
            }
            rMinus1ClLevel = level;
            return this;
        }

        /**
         * {@return this}
         *
         * @param n accepted samples per chain between checks, ≥ 1 (default 40 × dimension)
         * @throws InvalidOptionException if n &lt; 1
         */
        public Builder checkEvery(int n) {
            if (n < 1) {
                throw new InvalidOptionException("checkEvery", "mcmc setting checkEvery must be >= 1, got " + n);
            }
            checkEvery = n;
            return this;
        }

        /**
         * {@return this}
         *
         * @param n accepted samples per chain before convergence may stop the run, ≥ 0
         * @throws InvalidOptionException if n &lt; 0
         */
        public Builder minSamples(long n) {
            if (n < 0) {
                throw new InvalidOptionException("minSamples", "mcmc setting minSamples must be >= 0, got " + n);
            }
            minSamples = n;
            return this;
        }

        /**
         * {@return this}
         *
         * @param n proposals a chain may reject in a row before the run stops with a
         *   {@link org.cosmoemu.api.NumericalException} (cobaya's {@code max_tries}, whose default is 40 × the
         *   number of sampled parameters); default unlimited
         * @throws InvalidOptionException if n &lt; 1
         */
        public Builder maxTries(long n) {
            if (n < 1) {
                throw new InvalidOptionException("maxTries", "mcmc setting maxTries must be >= 1, got " + n);
            }
            maxTries = n;
            return this;
        }

        /**
         * {@return this}
         *
         * @param n accepted samples per chain at which the run stops, ≥ 1 (default unlimited)
         * @throws InvalidOptionException if n &lt; 1
         */
        public Builder maxSamples(long n) {
            if (n < 1) {
                throw new InvalidOptionException("maxSamples", "mcmc setting maxSamples must be >= 1, got " + n);
            }
            maxSamples = n;
            return this;
        }

        /**
         * {@return this}
         *
         * @param n accepted samples to discard at the start of each new chain, ≥ 0 (cobaya's {@code burn_in};
         *   default 0: keep everything and remove burn-in when analysing, e.g. GetDist's 30%); they are
         *   not written and do not enter R−1, but count towards {@code maxSamples}. Resumed chains discard
         *   nothing more.
         * @throws InvalidOptionException if n &lt; 0
         */
        public Builder burnIn(long n) {
            if (n < 0) {
                throw new InvalidOptionException("burnIn", "mcmc setting burnIn must be >= 0, got " + n);
            }
            burnIn = n;
            return this;
        }

        /**
         * {@return this}
         *
         * @param t wall-time limit, positive; the run stops at the next check after it
         * @throws InvalidOptionException if t is not positive
         */
        public Builder maxTime(Duration t) {
            if (t == null || t.isNegative() || t.isZero()) {
                throw new InvalidOptionException("maxTime", "mcmc setting maxTime must be positive, got " + t);
            }
            maxTime = t;
            return this;
        }

        /**
         * {@return this}
         *
         * @param learn whether to learn the proposal covariance
         */
        public Builder learnProposal(boolean learn) {
            learnProposal = learn;
            return this;
        }

        /**
         * {@return this}
         *
         * @param r the R−1 below which the covariance is learned, &gt; 0
         * @throws InvalidOptionException unless r &gt; 0
         */
        public Builder learnProposalRMinus1Max(double r) {
            if (!(r > 0)) {
                throw new InvalidOptionException("learnProposalRMinus1Max",
                        "mcmc setting learnProposalRMinus1Max must be > 0, got " + r);
            }
            learnProposalRMinus1Max = r;
            return this;
        }

        /**
         * {@return this}
         *
         * @param s proposal scale, &gt; 0 and finite (2.4 is optimal for Gaussian targets)
         * @throws InvalidOptionException unless s &gt; 0 and finite
         */
        public Builder proposalScale(double s) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new InvalidOptionException("proposalScale",
                        "mcmc setting proposalScale must be finite and > 0, got " + s);
            }
            proposalScale = s;
            return this;
        }

        /**
         * {@return this}
         *
         * @param cov initial covariance of the sampled parameters in their order (symmetric, positive definite;
         *   checked when the run starts); copied
         * @throws InvalidOptionException if it is not square or has a non-finite entry
         */
        public Builder initialCovariance(double[][] cov) {
            for (double[] row : cov) {
                if (row.length != cov.length) {
                    throw new InvalidOptionException("initialCovariance",
                            "mcmc setting initialCovariance must be square, got a row of "
                            + row.length + " in a " + cov.length + "-row matrix");
                }
                for (double v : row) {
                    if (!Double.isFinite(v)) {
                        throw new InvalidOptionException("initialCovariance",
                                "mcmc setting initialCovariance has a non-finite entry " + v);
                    }
                }
            }
            initialCovariance = deepCopy(cov);
            return this;
        }

        /**
         * {@return this}
         *
         * @param root file root for the GetDist output (e.g. {@code chains/lcdm} writes
         *   {@code chains/lcdm.1.txt}, ...); null for no files
         */
        public Builder output(Path root) {
            output = root;
            return this;
        }

        /**
         * {@return this}
         *
         * @param r whether to continue an existing run at the output root (CLI: {@code --resume}); the run's stored
         *          settings must match these (seed included), which {@link Mcmc#run} checks; with no run there, the
         *          run starts fresh
         */
        public Builder resume(boolean r) {
            resume = r;
            return this;
        }

        /**
         * {@return this}
         *
         * @param o whether to delete an existing run at the output root (CLI: {@code --force}); ignored when
         *          resuming
         */
        public Builder overwrite(boolean o) {
            overwrite = o;
            return this;
        }

        /**
         * {@return this}
         *
         * @param interval minimum time between INFO progress log lines, ≥ 0
         * @throws InvalidOptionException if negative or null
         */
        public Builder progressInterval(Duration interval) {
            if (interval == null || interval.isNegative()) {
                throw new InvalidOptionException("progressInterval",
                        "mcmc setting progressInterval must be >= 0, got " + interval);
            }
            progressInterval = interval;
            return this;
        }

        /** {@return the settings} */
        public McmcSettings build() {
            return new McmcSettings(this);
        }
    }
}
