package org.cosmoemu.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.cosmoemu.api.CosmoEmuException;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.NumericalException;
import org.cosmoemu.api.OutputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adaptive Metropolis sampler with parallel chains and Gelman–Rubin stopping, after cobaya's {@code mcmc}.
 *
 * <p>The algorithm:
 * <ol>
 *   <li>Each chain starts at a draw from its parameters' reference distributions (inside the priors, with a
 *       finite posterior).</li>
 *   <li>Each step proposes θ' = θ + L z with z ~ N(0, I) and LLᵀ = (s²/d) Σ (s = 2.4 by default, d the number
 *       of sampled parameters, Σ the current covariance estimate, at first diag(proposal widths²)), and
 *       accepts it with probability min(1, P(θ')/P(θ)). Points with ln P = −∞ or NaN are never accepted.
 *       A rejected step adds one to the current point's weight: rows are written as (weight, −ln P, θ,
 *       derived) when the chain moves on.</li>
 *   <li>Every {@code checkEvery} accepted samples per chain the chains synchronise. From the second half of
 *       each chain (of four pieces of the second half when there is one chain) the sampler computes R−1
 *       ({@link GelmanRubin#rMinus1}) and, when that is below the threshold, R−1 of the 95% bounds. The mean
 *       of the chains' covariances becomes the new Σ while R−1 is below the learning threshold.</li>
 *   <li>It stops when R−1 &lt; {@code rMinus1Stop} (and the bounds' R−1 &lt; {@code rMinus1ClStop}) once every
 *       chain has {@code minSamples}, or at {@code maxSamples} or {@code maxTime}.</li>
 * </ol>
 * Between checkpoints each chain uses only its own random stream (split from the seed), so the result is
 * the same for any number of threads. Changing the proposal at checkpoints makes the chains adaptive, as in
 * cobaya; keep the samples after burn-in (e.g. {@link PosteriorSummary}'s default of the first 30% removed).
 *
 * <p>With an output root, chains stream to GetDist files ({@link GetDistFiles}) and a run can be resumed:
 * the rows already written are reloaded, each chain continues from its last point with the learned
 * covariance from {@code <root>.covmat}, and new rows are appended.
 *
 * <h2>Output safety</h2>
 * <ul>
 *   <li><b>Nothing is lost.</b> Every row written reaches its file within {@value #FLUSH_SECONDS} s (a background
 *       flusher), as whole lines. On SIGINT or SIGTERM a shutdown hook stops the chains at their next step, writes
 *       each chain's current point and closes the files before the JVM exits; the result's stop reason is then
 *       {@link McmcResult.StopReason#INTERRUPTED}. Resuming repairs a last line torn by a harder stop and adds a
 *       missing column header.</li>
 *   <li><b>Existing output.</b> With neither {@link McmcSettings#resume()} nor {@link McmcSettings#overwrite()},
 *       an output root that holds a run is an {@link OutputException} saying to use {@code --resume} or
 *       {@code --force}. {@code overwrite} deletes the old run; {@code resume} continues it only when
 *       {@code <root>.settings} matches this run's (seed, chains, proposal settings, parameters and priors;
 *       the stopping criteria and the time limit may change), else it is an {@link OutputException} naming the
 *       settings that differ.</li>
 *   <li><b>One run per root.</b> A run holds an operating-system lock on {@code <root>.lock} while it writes; a
 *       second run on the same root, in this process or another, is an {@link OutputException}.</li>
 *   <li>The output directory is created only after the settings have been checked.</li>
 * </ul>
 */
public final class Mcmc {
    private static final Logger LOG = LoggerFactory.getLogger(Mcmc.class);
    /** Most seconds a written row stays in memory before it reaches its file. */
    static final int FLUSH_SECONDS = 1;
    /** How long a shutdown hook waits for the chains to stop and the files to close. */
    private static final long SHUTDOWN_WAIT_MS = 10_000;

    private Mcmc() {
    }

    /**
     * Samples a posterior.
     *
     * @param posterior the target
     * @param settings  the sampler settings
     * @return the chains, the diagnostics and why the run stopped
     * @throws InvalidOptionException  if the initial covariance does not match the posterior's dimension or is
     *                                 not positive definite
     * @throws NumericalException      if no start point with a finite posterior is found
     * @throws OutputException         if the output root holds a run and neither resume nor overwrite is set, holds
     *                                 a run of other settings to resume, is in use by another run, or an output
     *                                 file cannot be written (the message names the file and what to do)
     * @throws org.cosmoemu.api.DataFileException if the files of a run to resume cannot be read
     * @throws CosmoEmuException       if the run is interrupted
     * @throws RuntimeException        whatever the log-likelihood function throws, unchanged
     */
    public static McmcResult run(Posterior posterior, McmcSettings settings) {
        Objects.requireNonNull(posterior, "posterior");
        Objects.requireNonNull(settings, "settings");
        return new Run(posterior, settings).execute();
    }

    /** @return the chains' columns for a posterior: sampled parameters with their prior bounds, then derived */
    static List<Chains.Column> columns(Posterior posterior) {
        List<Chains.Column> cols = new ArrayList<>();
        for (SampledParameter p : posterior.parameters()) {
            cols.add(new Chains.Column(p.name(), p.latex(), false, p.prior().lower(), p.prior().upper()));
        }
        for (DerivedParameter p : posterior.derived()) {
            cols.add(new Chains.Column(p.name(), p.latex(), true, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
        }
        return cols;
    }

    /**
     * @param cov   a symmetric matrix
     * @param scale factor applied to it
     * @return the lower Cholesky factor of scale × cov, row-major, or null if it is not positive definite
     */
    static double[] scaledCholesky(double[][] cov, double scale) {
        int d = cov.length;
        double[] l = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = scale * cov[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * d + k] * l[j * d + k];
                }
                if (i == j) {
                    if (!(s > 0) || !Double.isFinite(s)) {
                        return null;
                    }
                    l[i * d + i] = Math.sqrt(s);
                } else {
                    l[i * d + j] = s / l[j * d + j];
                }
            }
        }
        return l;
    }

    /** One run: the state shared by the checkpoints. */
    private static final class Run {
        private final Posterior posterior;
        private final McmcSettings settings;
        private final int d;
        private final List<Chains.Column> columns;
        private final List<String> names = new ArrayList<>();
        private final Path root;
        private double[][] cov;
        private double[] proposal;
        private final List<ChainState> chains = new java.util.concurrent.CopyOnWriteArrayList<>();

        Run(Posterior posterior, McmcSettings settings) {
            this.posterior = posterior;
            this.settings = settings;
            this.d = posterior.dimension();
            this.columns = columns(posterior);
            posterior.parameters().forEach(p -> names.add(p.name()));
            this.root = settings.output();
        }

        McmcResult execute() {
            initialCovariance(); // a covariance of the wrong size is refused before anything is written
            if (root == null) {
                return sample(new ArrayList<>());
            }
            createParentDirectory();
            try (RootLock lock = RootLock.acquire(root)) {
                List<double[]> loaded = prepareOutput();
                Thread hook = new Thread(this::onShutdown, "mcmc-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                java.util.concurrent.ScheduledExecutorService flusher = java.util.concurrent.Executors
                        .newSingleThreadScheduledExecutor(r -> {
                            Thread t = new Thread(r, "mcmc-flush");
                            t.setDaemon(true);
                            return t;
                        });
                flusher.scheduleWithFixedDelay(this::flushAll, FLUSH_SECONDS, FLUSH_SECONDS,
                        java.util.concurrent.TimeUnit.SECONDS);
                try {
                    return sample(loaded);
                } finally {
                    flusher.shutdownNow();
                    closed.countDown();
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        // the hook is running or the JVM is exiting: nothing to remove
                    }
                }
            }
        }

        /** Set by the shutdown hook: the chains return at their next step. */
        private volatile boolean stopRequested;
        /** Counted down once the chains' files are closed. */
        private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        /** The first failure of the background flusher, rethrown by the sampling loop. */
        private volatile OutputException flushFailure;

        private void flushAll() {
            try {
                for (ChainState c : List.copyOf(chains)) {
                    c.flush();
                }
            } catch (OutputException e) {
                if (flushFailure == null) {
                    flushFailure = e;
                }
            } catch (RuntimeException e) {
                LOG.warn("mcmc: flushing the chains failed", e);
            }
        }

        /** SIGINT/SIGTERM: stop the chains, let the sampling thread write and close the files, wait for it. */
        private void onShutdown() {
            stopRequested = true;
            try {
                if (!closed.await(SHUTDOWN_WAIT_MS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    LOG.warn("mcmc: the chains did not stop within {} ms; writing the rows already accepted",
                            SHUTDOWN_WAIT_MS);
                    flushAll();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void createParentDirectory() {
            Path dir = root.toAbsolutePath().getParent();
            if (dir == null) {
                return;
            }
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new OutputException("cannot create the output directory " + dir + " (" + GetDistFiles.reason(e)
                        + ")", e);
            }
        }

        private McmcResult sample(List<double[]> loaded) {
            long t0 = System.nanoTime();
            long deadline = settings.maxTime() == null ? t0 + Long.MAX_VALUE / 2
                    : t0 + Math.min(settings.maxTime().toNanos(), Long.MAX_VALUE / 2);
            long loadedRows = 0;
            int stride = columns.size() + 2;
            for (double[] rows : loaded) {
                loadedRows += rows.length / stride;
            }
            if (cov == null) {
                cov = initialCovariance();
            }
            double scale = settings.proposalScale() * settings.proposalScale() / d;
            proposal = scaledCholesky(cov, scale);
            if (proposal == null) {
                throw new InvalidOptionException("initialCovariance", "the initial proposal covariance is not positive "
                        + "definite: "
                        + java.util.Arrays.deepToString(cov));
            }
            SplittableRandom master = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + loadedRows);
            try {
                for (int c = 0; c < settings.chains(); c++) {
                    SplittableRandom rng = master.split();
                    ChainWriter w = null;
                    Path file = null;
                    if (root != null) {
                        file = GetDistFiles.chainFile(root, c);
                        w = new ChainWriter(file, GetDistFiles.chainHeader(columns)); // the header if the file is empty
                    }
                    ChainState chain = new ChainState(c, posterior, rng, c < loaded.size() ? loaded.get(c) : new double[0],
                            w, file, () -> stopRequested, settings.maxTries());
                    chains.add(chain);
                    start(chain, rng, file);
                }
                return loop(t0, deadline, scale);
            } finally {
                for (ChainState c : chains) {
                    c.commitCurrent();
                    c.close();
                }
            }
        }

        private double[][] initialCovariance() {
            double[][] given = settings.initialCovariance();
            if (given != null) {
                if (given.length != d) {
                    throw new InvalidOptionException("initialCovariance",
                            "initial covariance is " + given.length + "x" + given.length
                            + " but the posterior has " + d + " parameters " + names);
                }
                return given;
            }
            double[][] c = new double[d][d];
            for (int i = 0; i < d; i++) {
                double w = posterior.parameters().get(i).proposalWidth();
                c[i][i] = w * w;
            }
            return c;
        }

        /** Checks, deletes or reloads existing output; writes the parameter files. */
        private List<double[]> prepareOutput() {
            List<double[]> loaded = new ArrayList<>();
            if (root == null) {
                return loaded;
            }
            List<Path> existing = new ArrayList<>();
            for (int i = 0; Files.exists(GetDistFiles.chainFile(root, i)); i++) {
                existing.add(GetDistFiles.chainFile(root, i));
            }
            Path pn = GetDistFiles.paramNamesFile(root);
            if (!existing.isEmpty() || Files.exists(pn)) {
                if (settings.resume()) {
                    List<Chains.Column> old = GetDistFiles.readColumns(root);
                    if (!sameNames(old, columns)) {
                        throw new OutputException("cannot resume " + root + ": " + pn + " lists "
                                + old.stream().map(c -> c.name() + (c.derived() ? "*" : "")).toList()
                                + " but this posterior has "
                                + columns.stream().map(c -> c.name() + (c.derived() ? "*" : "")).toList());
                    }
                    if (existing.size() != settings.chains()) {
                        throw new OutputException("cannot resume " + root + ": it has " + existing.size()
                                + " chain files but the settings ask for " + settings.chains() + " chains");
                    }
                    checkSameSettings();
                    for (Path f : existing) {
                        loaded.add(GetDistFiles.readForResume(f, columns));
                    }
                    Path cm = GetDistFiles.covmatFile(root);
                    if (Files.exists(cm)) {
                        cov = GetDistFiles.readCovmat(cm, names);
                    }
                    LOG.info("mcmc: resuming {} ({} chains, {} rows)", root, existing.size(),
                            loaded.stream().mapToInt(a -> a.length / (columns.size() + 2)).sum());
                } else if (settings.overwrite()) {
                    deleteRun();
                } else {
                    throw new OutputException("output " + root + " already holds a run ("
                            + (existing.isEmpty() ? pn : existing.get(0)) + "): use --resume to continue it with the "
                            + "same settings, or --force to replace it (McmcSettings resume / overwrite)");
                }
            }
            GetDistFiles.writeString(GetDistFiles.settingsFile(root), fingerprint());
            GetDistFiles.writeParamNames(root, columns);
            GetDistFiles.writeRanges(root, columns);
            return loaded;
        }

        private static boolean sameNames(List<Chains.Column> a, List<Chains.Column> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!a.get(i).name().equals(b.get(i).name()) || a.get(i).derived() != b.get(i).derived()) {
                    return false;
                }
            }
            return true;
        }

        private void deleteRun() {
            try {
                for (int i = 0; Files.exists(GetDistFiles.chainFile(root, i)); i++) {
                    Files.delete(GetDistFiles.chainFile(root, i));
                }
                Files.deleteIfExists(GetDistFiles.paramNamesFile(root));
                Files.deleteIfExists(GetDistFiles.rangesFile(root));
                Files.deleteIfExists(GetDistFiles.covmatFile(root));
                Files.deleteIfExists(GetDistFiles.progressFile(root));
                Files.deleteIfExists(GetDistFiles.settingsFile(root));
            } catch (IOException e) {
                throw new OutputException("cannot delete the old run at " + root + " ("
                        + GetDistFiles.reason(e) + ")", e);
            }
        }

        /**
         * The settings that decide which samples are drawn, as {@code key = value} lines: the seed, the chains,
         * the proposal's settings and the parameters with their priors. The stopping criteria, the time limit,
         * the thread count and the progress interval are left out: a resumed run may change them.
         */
        private String fingerprint() {
            StringBuilder sb = new StringBuilder("# cosmo-emu mcmc settings: a resumed run must match every line\n");
            java.util.function.BiConsumer<String, Object> put = (k, v) -> sb.append(k).append(" = ").append(v).append('\n');
            put.accept("seed", settings.seed());
            put.accept("chains", settings.chains());
            put.accept("check_every", settings.checkEvery(d));
            put.accept("burn_in", settings.burnIn());
            put.accept("learn_proposal", settings.learnProposal());
            put.accept("learn_proposal_rminus1_max", settings.learnProposalRMinus1Max());
            put.accept("proposal_scale", settings.proposalScale());
            double[][] ic = settings.initialCovariance();
            put.accept("initial_covariance", ic == null ? "proposal widths" : java.util.Arrays.deepToString(ic));
            for (SampledParameter p : posterior.parameters()) {
                put.accept("parameter " + p.name(), p.prior().describe() + "; reference " + p.reference() + " +- "
                        + p.referenceWidth() + "; proposal " + p.proposalWidth());
            }
            List<String> derivedNames = new ArrayList<>();
            posterior.derived().forEach(x -> derivedNames.add(x.name()));
            put.accept("derived", String.join(", ", derivedNames));
            return sb.toString();
        }

        /** Resuming: the stored settings must be this run's (a run written before they were stored is trusted). */
        private void checkSameSettings() {
            Path f = GetDistFiles.settingsFile(root);
            if (!Files.exists(f)) {
                LOG.warn("mcmc: {} has no {} (written before cosmo-emu stored its settings): resuming without "
                        + "checking that the settings match", root, f.getFileName());
                return;
            }
            Map<String, String> stored = settingsMap(String.join("\n", GetDistFiles.readLines(f)));
            Map<String, String> now = settingsMap(fingerprint());
            List<String> differ = new ArrayList<>();
            java.util.Set<String> keys = new java.util.LinkedHashSet<>(now.keySet());
            keys.addAll(stored.keySet());
            for (String k : keys) {
                String a = stored.get(k);
                String b = now.get(k);
                if (!java.util.Objects.equals(a, b)) {
                    differ.add(k + ": " + (a == null ? "absent" : a) + " in the stored run, " + (b == null ? "absent" : b)
                            + " now");
                }
            }
            if (!differ.isEmpty()) {
                throw new OutputException("cannot resume " + root + ": its settings (" + f + ") differ from this run's: "
                        + String.join("; ", differ) + ". Resume with the same settings, or use --force (McmcSettings "
                        + "overwrite) to start a new run");
            }
        }

        private static Map<String, String> settingsMap(String text) {
            Map<String, String> m = new java.util.LinkedHashMap<>();
            for (String line : text.split("\n")) {
                int eq = line.indexOf(" = ");
                if (!line.startsWith("#") && eq > 0) {
                    m.put(line.substring(0, eq), line.substring(eq + 3));
                }
            }
            return m;
        }

        /** Starts a chain: at its last row when resuming, else at a draw from the reference distribution. */
        private void start(ChainState chain, SplittableRandom rng, Path file) {
            double[] derived = new double[posterior.derived().size()];
            double[] last = chain.lastRowPoint();
            if (last != null) {
                double lp = posterior.logPosterior(last, derived);
                if (lp == Double.NEGATIVE_INFINITY) {
                    throw new OutputException("cannot resume chain " + file
                            + ": the posterior is zero at its last point "
                            + java.util.Arrays.toString(last) + " (has the model changed?)");
                }
                chain.start(last, lp, derived, false, 0);
                return;
            }
            double[] point = new double[d];
            int tries = 10_000;
            for (int t = 0; t < tries; t++) {
                for (int i = 0; i < d; i++) {
                    SampledParameter p = posterior.parameters().get(i);
                    double v;
                    int guard = 0;
                    do {
                        v = p.reference() + p.referenceWidth() * rng.nextGaussian();
                    } while (!(p.prior().logDensity(v) > Double.NEGATIVE_INFINITY) && ++guard < 1000);
                    point[i] = guard < 1000 ? v : p.reference();
                }
                double lp = posterior.logPosterior(point, derived);
                if (lp > Double.NEGATIVE_INFINITY) {
                    chain.start(point, lp, derived, true, settings.burnIn());
                    return;
                }
            }
            throw new NumericalException("mcmc: no start point with a finite posterior in " + tries
                    + " draws around the reference values of " + names + "; check the references, their widths"
                    + " and the likelihood");
        }

        private McmcResult loop(long t0, long deadline, double scale) {
            int checkEvery = settings.checkEvery(d);
            long minSamples = settings.minSamples(d);
            long maxSamples = settings.maxSamples();
            boolean belowLearnMax = false;
            Diagnostics diag = new Diagnostics(Double.NaN, Double.NaN, null);
            McmcResult.StopReason reason;
            long lastLog = Long.MIN_VALUE;
            int threads = Math.min(settings.threads(), settings.chains());
            AtomicInteger threadNo = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "mcmc-chain-" + threadNo.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            if (root != null && !Files.exists(GetDistFiles.progressFile(root))) {
                GetDistFiles.writeString(GetDistFiles.progressFile(root),
                        "# N timestamp acceptance_rate Rminus1 Rminus1_cl\n");
            }
            try {
                while (true) {
                    final double[] l = proposal;
                    List<Callable<Void>> tasks = new ArrayList<>();
                    // chains are dealt to the threads; a thread with several advances them in lockstep, one batch
                    // of proposals per step (each chain keeps its own random stream: the chains do not change)
                    for (int t = 0; t < threads; t++) {
                        List<ChainState> group = new ArrayList<>();
                        for (int c = t; c < chains.size(); c += threads) {
                            group.add(chains.get(c));
                        }
                        long[] targets = new long[group.size()];
                        for (int k = 0; k < targets.length; k++) {
                            targets[k] = Math.min(group.get(k).accepted + checkEvery, maxSamples);
                        }
                        tasks.add(() -> {
                            ChainState.advanceTogether(group, targets, l, deadline, () -> stopRequested);
                            return null;
                        });
                    }
                    runAll(pool, tasks);
                    for (ChainState c : chains) {
                        c.flush();
                    }
                    if (flushFailure != null) {
                        throw flushFailure;
                    }
                    if (stopRequested) {
                        reason = McmcResult.StopReason.INTERRUPTED;
                        break;
                    }
                    diag = diagnose();
                    if (settings.learnProposal() && diag.meanOfCovs != null && diag.rMinus1 < settings.learnProposalRMinus1Max()) {
                        belowLearnMax = true;
                    }
                    double learnLimit = belowLearnMax ? settings.learnProposalRMinus1Max()
                            : Math.max(30, settings.learnProposalRMinus1Max());
                    if (settings.learnProposal() && diag.meanOfCovs != null && diag.rMinus1 < learnLimit) {
                        double[] l2 = scaledCholesky(diag.meanOfCovs, scale);
                        if (l2 != null) {
                            proposal = l2;
                            cov = diag.meanOfCovs;
                            if (root != null) {
                                GetDistFiles.writeCovmat(root, names, cov);
                            }
                        }
                    }
                    long now = System.nanoTime();
                    long total = 0;
                    long moves = 0;
                    long steps = 0;
                    long minAccepted = Long.MAX_VALUE;
                    for (ChainState c : chains) {
                        total += c.accepted;
                        moves += c.movesThisRun;
                        steps += c.stepsThisRun;
                        minAccepted = Math.min(minAccepted, c.accepted);
                    }
                    double acceptance = steps == 0 ? Double.NaN : (double) moves / steps;
                    if (root != null) {
                        progressLine(total, acceptance, diag);
                    }
                    double seconds = (now - t0) * 1e-9;
                    boolean info = lastLog == Long.MIN_VALUE
                            || now - lastLog >= settings.progressInterval().toNanos();
                    if (info && LOG.isInfoEnabled() || LOG.isDebugEnabled()) {
                        String msg = String.format(java.util.Locale.ROOT,
                                "mcmc: %d samples (%d per chain at least), acceptance %.3f, R-1 = %.4g, R-1(cl) = %.3g,"
                                        + " %.0f evaluations/s", total, minAccepted, acceptance, diag.rMinus1,
                                diag.rMinus1Cl, steps / Math.max(seconds, 1e-9));
                        if (info) {
                            LOG.info(msg);
                            lastLog = now;
                        } else {
                            LOG.debug(msg);
                        }
                    }
                    boolean clOk = Double.isInfinite(settings.rMinus1ClStop()) || diag.rMinus1Cl < settings.rMinus1ClStop();
                    if (diag.rMinus1 < settings.rMinus1Stop() && clOk && minAccepted >= minSamples) {
                        reason = McmcResult.StopReason.CONVERGED;
                        break;
                    }
                    if (minAccepted >= maxSamples) {
                        reason = McmcResult.StopReason.MAX_SAMPLES;
                        break;
                    }
                    if (now - deadline > 0) {
                        reason = McmcResult.StopReason.MAX_TIME;
                        break;
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            long moves = 0;
            long steps = 0;
            List<double[]> flat = new ArrayList<>();
            for (ChainState c : chains) {
                c.commitCurrent();
                c.flush();
                moves += c.movesThisRun;
                steps += c.stepsThisRun;
                flat.add(c.rowsCopy());
            }
            double seconds = (System.nanoTime() - t0) * 1e-9;
            double acceptance = steps == 0 ? Double.NaN : (double) moves / steps;
            LOG.info(String.format(java.util.Locale.ROOT, "mcmc: stopped (%s) after %.1f s: R-1 = %.4g, acceptance %.3f",
                    reason, seconds, diag.rMinus1, acceptance));
            return new McmcResult(Chains.ofFlat(columns, flat), reason, diag.rMinus1, diag.rMinus1Cl, acceptance, cov,
                    steps, seconds);
        }

        private static void runAll(ExecutorService pool, List<Callable<Void>> tasks) {
            List<Future<Void>> futures;
            try {
                futures = pool.invokeAll(tasks);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CosmoEmuException("mcmc: interrupted", e);
            }
            for (Future<Void> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CosmoEmuException("mcmc: interrupted", e);
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new CosmoEmuException("mcmc: a chain failed: " + cause, cause);
                }
            }
        }

        private void progressLine(long total, double acceptance, Diagnostics diag) {
            StringBuilder sb = new StringBuilder();
            sb.append(total).append(' ').append(Instant.now()).append(' ');
            GetDistFiles.appendNumber(sb, acceptance);
            sb.append(' ');
            GetDistFiles.appendNumber(sb, diag.rMinus1);
            sb.append(' ');
            GetDistFiles.appendNumber(sb, diag.rMinus1Cl);
            sb.append('\n');
            Path f = GetDistFiles.progressFile(root);
            try {
                Files.writeString(f, sb, java.nio.file.StandardOpenOption.APPEND, java.nio.file.StandardOpenOption.CREATE);
            } catch (IOException e) {
                GetDistFiles.unchecked(e, f);
            }
        }

        /** R−1 of the means and bounds from the second halves of the chains (four pieces of one chain). */
        private Diagnostics diagnose() {
            List<double[]> ws = new ArrayList<>();
            List<double[][]> xs = new ArrayList<>();
            for (ChainState c : chains) {
                int n = c.rowCount();
                int from = n / 2;
                if (chains.size() > 1) {
                    ws.add(c.weights(from, n));
                    xs.add(c.points(from, n));
                } else {
                    int pieces = 4;
                    int len = (n - from) / pieces;
                    for (int k = 0; k < pieces; k++) {
                        int a = from + k * len;
                        int b = k == pieces - 1 ? n : a + len;
                        ws.add(c.weights(a, b));
                        xs.add(c.points(a, b));
                    }
                }
            }
            int m = ws.size();
            for (double[] w : ws) {
                if (w.length < d + 2) {
                    return new Diagnostics(Double.NaN, Double.NaN, null);
                }
            }
            double[][] means = new double[m][];
            double[][][] covs = new double[m][][];
            double[] n = new double[m];
            for (int k = 0; k < m; k++) {
                means[k] = WeightedStats.mean(ws.get(k), xs.get(k));
                covs[k] = WeightedStats.covariance(ws.get(k), xs.get(k));
                n[k] = WeightedStats.sum(ws.get(k));
            }
            double r = GelmanRubin.rMinus1(means, covs, n);
            double[][] w = GelmanRubin.meanOfCovariances(covs, n);
            double rCl = Double.NaN;
            if (r < settings.rMinus1Stop() && !Double.isInfinite(settings.rMinus1ClStop())) {
                double level = settings.rMinus1ClLevel();
                double[][] lower = new double[m][d];
                double[][] upper = new double[m][d];
                for (int k = 0; k < m; k++) {
                    for (int j = 0; j < d; j++) {
                        double[] v = new double[xs.get(k).length];
                        for (int i = 0; i < v.length; i++) {
                            v[i] = xs.get(k)[i][j];
                        }
                        double[] q = WeightedStats.quantiles(ws.get(k), v, (1 - level) / 2, (1 + level) / 2);
                        lower[k][j] = q[0];
                        upper[k][j] = q[1];
                    }
                }
                rCl = GelmanRubin.rMinus1Cl(lower, upper, w);
            }
            return new Diagnostics(r, rCl, w);
        }
    }

    private record Diagnostics(double rMinus1, double rMinus1Cl, double[][] meanOfCovs) {
    }
}
