package org.cosmoemu.inference;

/**
 * What an {@link Mcmc} run produced.
 *
 * @param chains             all rows of all chains (including those loaded when resuming), burn-in not removed
 * @param stopReason         why the run stopped
 * @param rMinus1            Gelman–Rubin R−1 of the means at the last check (NaN if never computed)
 * @param rMinus1Cl          R−1 of the bounds at the last check (NaN unless R−1 of the means was below its
 *                           threshold and the bounds check is enabled)
 * @param acceptanceRate     accepted / proposed steps in this run
 * @param proposalCovariance the covariance Σ the proposal used last (the proposal is (s²/d) Σ), in parameter
 *                           order; also written to {@code <root>.covmat}
 * @param evaluations        posterior evaluations in this run (outside-prior proposals included)
 * @param seconds            wall time of this run
 */
public record McmcResult(Chains chains, StopReason stopReason, double rMinus1, double rMinus1Cl,
        double acceptanceRate, double[][] proposalCovariance, long evaluations, double seconds) {

    /** Copies the covariance. */
    public McmcResult {
        proposalCovariance = copy(proposalCovariance);
    }

    /** {@return a copy of the last proposal covariance} */
    @Override
    public double[][] proposalCovariance() {
        return copy(proposalCovariance);
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    /** Why a run stopped. */
    public enum StopReason {
        /** R−1 (and R−1 of the bounds) fell below the thresholds. */
        CONVERGED,
        /** Every chain reached {@code maxSamples}. */
        MAX_SAMPLES,
        /** The wall-time limit passed. */
        MAX_TIME,
        /** The process was asked to stop (SIGINT, SIGTERM): the chains stopped and their files were closed. */
        INTERRUPTED
    }

    /** {@return whether the run stopped because the chains converged} */
    public boolean converged() {
        return stopReason == StopReason.CONVERGED;
    }

    /**
     * {@return the summary after removing the first {@value PosteriorSummary#DEFAULT_BURN_FRACTION} of each chain's
     * rows}
     *
     */
    public PosteriorSummary summary() {
        return PosteriorSummary.of(chains, PosteriorSummary.DEFAULT_BURN_FRACTION);
    }
}
