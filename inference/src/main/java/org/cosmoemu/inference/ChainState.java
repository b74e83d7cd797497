package org.cosmoemu.inference;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One Metropolis chain: its current point, its committed rows and its output file. Only the thread running
 * the chain touches it between checkpoints; the coordinating thread reads it at checkpoints.
 */
final class ChainState {
    final int index;
    private final Posterior posterior;
    private final int d;
    private final SplittableRandom rng;

    // current point and how many steps the chain has stayed there (not yet written)
    private double[] x;
    private double[] xDerived;
    private double logPost;
    private long multiplicity;

    // scratch for proposals
    private double[] y;
    private double[] yDerived;
    private final double[] z;

    private double[] rows; // committed rows, flattened: weight, minusLogPost, x..., derived...
    private int rowCount;
    private final int stride;

    long accepted; // distinct points visited (the start point counts), including a resumed chain's rows
    private long burnIn; // points with accepted index <= burnIn are not written (fresh chains only)
    long movesThisRun;
    long stepsThisRun;

    private final ChainWriter out;
    private final Path outFile;
    private final java.util.function.BooleanSupplier stop;
    private final StringBuilder line = new StringBuilder(256);
    private final long maxTries;

    ChainState(int index, Posterior posterior, SplittableRandom rng, double[] loadedRows, ChainWriter out,
            Path outFile, java.util.function.BooleanSupplier stop, long maxTries) {
        this.stop = stop;
        this.index = index;
        this.maxTries = maxTries;
        this.posterior = posterior;
        this.d = posterior.dimension();
        this.rng = rng;
        this.stride = 2 + d + posterior.derived().size();
        this.rows = loadedRows.length == 0 ? new double[1024 * stride] : Arrays.copyOf(loadedRows, loadedRows.length * 2);
        this.rowCount = loadedRows.length / stride;
        this.accepted = rowCount;
        this.y = new double[d];
        this.z = new double[d];
        this.yDerived = new double[posterior.derived().size()];
        this.xDerived = new double[posterior.derived().size()];
        this.out = out;
        this.outFile = outFile;
    }

    /**
     * Starts the chain at a point: fresh chains at a draw from the reference distribution (the start point
     * counts as a sample), resumed chains at their last row (whose weight is already written).
     */
    void start(double[] point, double logPosterior, double[] derived, boolean counted, long burnIn) {
        this.burnIn = counted ? burnIn : 0;
        x = point.clone();
        xDerived = derived.clone();
        logPost = logPosterior;
        multiplicity = counted ? 1 : 0;
        if (counted) {
            accepted++;
        }
    }

    /** @return the last committed row's parameter values (for resuming), or null when there is none */
    double[] lastRowPoint() {
        if (rowCount == 0) {
            return null;
        }
        return Arrays.copyOfRange(rows, (rowCount - 1) * stride + 2, (rowCount - 1) * stride + 2 + d);
    }

    /**
     * Runs Metropolis steps until {@code accepted} reaches {@code target}, the deadline passes or a stop is
     * requested (checked before every step: a step is one posterior evaluation).
     *
     * @param proposal lower-triangular Cholesky factor of the proposal covariance, row-major d×d (not modified)
     * @param deadline {@link System#nanoTime()} after which to return early
     */
    void advance(long target, double[] proposal, long deadline) {
        while (accepted < target) {
            if (stop.getAsBoolean() || (stepsThisRun & 127) == 0 && System.nanoTime() - deadline > 0) {
                return;
            }
            step(proposal);
        }
    }

    private void step(double[] l) {
        propose(l);
        decide(posterior.logPosterior(y, yDerived));
    }

    /**
     * Draws the next proposal y = x + L z (z from this chain's own random stream).
     *
     * @param l lower-triangular Cholesky factor of the proposal covariance, row-major d×d (not modified)
     */
    void propose(double[] l) {
        for (int i = 0; i < d; i++) {
            z[i] = rng.nextGaussian();
        }
        for (int i = 0; i < d; i++) {
            double s = x[i];
            int row = i * d;
            for (int j = 0; j <= i; j++) {
                s += l[row + j] * z[j];
            }
            y[i] = s;
        }
    }

    /** @return the current proposal (read it, do not keep it: the next {@link #propose} overwrites it) */
    double[] proposal() {
        return y;
    }

    /** @return where the proposal's derived values go before {@link #decide} (filled by a batch evaluation) */
    double[] proposalDerived() {
        return yDerived;
    }

    /**
     * The Metropolis decision on the current proposal, whose ln P the caller evaluated (and whose derived values it
     * put in {@link #proposalDerived()}); draws the acceptance variate from this chain's random stream.
     *
     * @param lp ln P of the proposal
     * @throws org.cosmoemu.api.NumericalException if the chain rejected {@code maxTries} proposals in a row
     */
    void decide(double lp) {
        stepsThisRun++;
        // -inf (outside the prior, or ruled out by the likelihood) is never accepted; NaN arrives as -inf.
        if (lp > Double.NEGATIVE_INFINITY && (lp >= logPost || Math.log(rng.nextDouble()) < lp - logPost)) {
            commitCurrent();
            double[] t = x;
            x = y;
            y = t;
            t = xDerived;
            xDerived = yDerived;
            yDerived = t;
            logPost = lp;
            multiplicity = 1;
            accepted++;
            movesThisRun++;
        } else {
            multiplicity++;
            if (multiplicity > maxTries) {
                throw new org.cosmoemu.api.NumericalException("mcmc chain " + (index + 1) + " rejected " + maxTries
                        + " proposals in a row (max_tries) at " + Arrays.toString(x) + " (ln P = " + logPost + "): the "
                        + "chain is stuck, e.g. at the edge of the prior or of the emulators' range, or the proposal is "
                        + "far too wide");
            }
        }
    }

    /**
     * Advances several chains in lockstep until each reaches its target (or the deadline passes, or a stop is
     * requested), evaluating their proposals as one batch per step ({@link Posterior#logPosteriorBatch}). Every
     * chain draws from its own random stream in the same order as {@link #advance}, so the chains are the same
     * whichever way they are advanced.
     *
     * @param group    the chains (all share {@code posterior})
     * @param targets  each chain's target of accepted samples
     * @param l        lower-triangular Cholesky factor of the proposal covariance (not modified)
     * @param deadline {@link System#nanoTime()} after which to return early
     * @param stop     checked before every step
     */
    static void advanceTogether(List<ChainState> group, long[] targets, double[] l, long deadline,
            java.util.function.BooleanSupplier stop) {
        if (group.size() == 1) {
            group.get(0).advance(targets[0], l, deadline);
            return;
        }
        Posterior posterior = group.get(0).posterior;
        int d = posterior.dimension();
        int nd = posterior.derived().size();
        int n = group.size();
        double[] points = new double[n * d];
        double[] lp = new double[n];
        double[] derived = new double[n * nd];
        ChainState[] active = new ChainState[n];
        long steps = 0;
        while (true) {
            int m = 0;
            for (int k = 0; k < n; k++) {
                if (group.get(k).accepted < targets[k]) {
                    active[m++] = group.get(k);
                }
            }
            if (m == 0 || stop.getAsBoolean() || (steps++ & 127) == 0 && System.nanoTime() - deadline > 0) {
                return;
            }
            for (int k = 0; k < m; k++) {
                active[k].propose(l);
                System.arraycopy(active[k].y, 0, points, k * d, d);
            }
            posterior.logPosteriorBatch(points, m, lp, derived);
            for (int k = 0; k < m; k++) {
                System.arraycopy(derived, k * nd, active[k].yDerived, 0, nd);
                active[k].decide(lp[k]);
            }
        }
    }

    /** Writes the current point with its weight as a row, if it has weight not yet written. */
    void commitCurrent() {
        if (multiplicity == 0) {
            return;
        }
        if (accepted <= burnIn) { // the current point is the accepted-th: still burning in
            multiplicity = 0;
            return;
        }
        if ((rowCount + 1) * stride > rows.length) {
            rows = Arrays.copyOf(rows, rows.length * 2);
        }
        int o = rowCount * stride;
        rows[o] = multiplicity;
        rows[o + 1] = -logPost;
        System.arraycopy(x, 0, rows, o + 2, d);
        System.arraycopy(xDerived, 0, rows, o + 2 + d, xDerived.length);
        rowCount++;
        if (out != null) {
            line.setLength(0);
            GetDistFiles.appendRow(line, multiplicity, -logPost, x, xDerived);
            out.append(line);
        }
        multiplicity = 0;
    }

    void flush() {
        if (out != null) {
            out.flush();
        }
    }

    void close() {
        if (out != null) {
            out.close();
        }
    }

    int rowCount() {
        return rowCount;
    }

    /** @return the committed rows (a trimmed copy) */
    double[] rowsCopy() {
        return Arrays.copyOf(rows, rowCount * stride);
    }

    /** @return weights of rows [from, rowCount) */
    double[] weights(int from, int to) {
        double[] w = new double[to - from];
        for (int r = from; r < to; r++) {
            w[r - from] = rows[r * stride];
        }
        return w;
    }

    /** @return sampled parameter values of rows [from, to), [row][parameter] */
    double[][] points(int from, int to) {
        double[][] p = new double[to - from][];
        for (int r = from; r < to; r++) {
            p[r - from] = Arrays.copyOfRange(rows, r * stride + 2, r * stride + 2 + d);
        }
        return p;
    }
}
