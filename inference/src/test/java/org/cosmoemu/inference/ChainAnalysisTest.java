package org.cosmoemu.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.inference.ChainAnalysis.Limit;
import org.cosmoemu.inference.ChainAnalysis.Marginal;
import org.cosmoemu.inference.ChainAnalysis.Tail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GetDist's marginalised statistics on chains whose answers are known analytically: a Gaussian (two-tail limits at
 * μ ± zσ), a half-Gaussian against a prior bound (one-tail upper limits at σ Φ⁻¹((1+p)/2)), an AR(1) chain (effective
 * samples N(1−ρ)/(1+ρ)); every number within a few Monte-Carlo standard errors. The files read back the way GetDist's
 * {@code MargeStats.loadFromFile} reads them.
 */
class ChainAnalysisTest {
    static final double MU = 0.8;
    static final double SIGMA = 0.02;
    static final double RHO = 0.9;
    static final int CHAINS = 4;
    static final int ROWS = 25_000;
    static final NormalDistribution N01 = new NormalDistribution(null, 0, 1);

    /** z with a two-tail mass p inside ±z: Φ⁻¹((1 + p)/2). */
    static double z(double p) {
        return N01.inverseCumulativeProbability((1 + p) / 2);
    }

    /**
     * Chains of: "x" ~ N(MU, SIGMA²) iid with multiplicities 1-3; "half" = |N(0, 1)| with prior [0, ∞);
     * "ar" an AR(1) walk with correlation RHO and unit variance; "mirror" = −|N(0, 1)| with prior (−∞, 0];
     * derived "x2" = 2x.
     */
    static Chains gaussianChains(long seed, double shiftPerChain) {
        Random rng = new Random(seed);
        double inf = Double.POSITIVE_INFINITY;
        List<Chains.Column> cols = List.of(new Chains.Column("x", "x", false, -inf, inf),
                new Chains.Column("half", "h", false, 0, inf),
                new Chains.Column("ar", "a_r", false, -inf, inf),
                new Chains.Column("mirror", "m", false, -inf, 0),
                new Chains.Column("x2", "2x", true, -inf, inf));
        List<double[][]> chains = new ArrayList<>();
        for (int c = 0; c < CHAINS; c++) {
            double[][] rows = new double[ROWS][];
            double ar = rng.nextGaussian();
            for (int r = 0; r < ROWS; r++) {
                double x = MU + SIGMA * rng.nextGaussian() + c * shiftPerChain;
                ar = RHO * ar + Math.sqrt(1 - RHO * RHO) * rng.nextGaussian();
                double half = Math.abs(rng.nextGaussian());
                double mirror = -Math.abs(rng.nextGaussian());
                double mlp = 0.5 * Math.pow((x - MU) / SIGMA, 2) + 0.5 * half * half;
                rows[r] = new double[] {1 + rng.nextInt(3), mlp, x, half, ar, mirror, 2 * x};
            }
            chains.add(rows);
        }
        return Chains.of(cols, chains);
    }

    /** Standard error of the p-quantile of N samples of a density f at it. */
    static double quantileError(double p, double density, double n) {
        return Math.sqrt(p * (1 - p) / n) / density;
    }

    @Test
    void gaussianMeanSigmaAndTwoTailLimits(@TempDir Path dir) {
        gaussianChains(1, 0).write(dir.resolve("g"));
        ChainAnalysis a = ChainAnalysis.of(Chains.read(dir.resolve("g")), 0);
        assertEquals(List.of(0.68, 0.95, 0.99), a.contours());
        Marginal x = a.get("x");
        double n = x.effectiveSamples();
        assertEquals(MU, x.mean(), 4 * SIGMA / Math.sqrt(n));
        assertEquals(SIGMA, x.sd(), 4 * SIGMA / Math.sqrt(2 * n));
        for (Limit l : x.limits()) {
            double z = z(l.contour());
            double p = (1 - l.contour()) / 2;
            double err = quantileError(p, N01.density(z) / SIGMA, n);
            assertEquals(Tail.TWO_TAIL, l.tail(), "x at " + l.contour());
            assertEquals(MU - z * SIGMA, l.lower(), 5 * err, "lower " + l.contour());
            assertEquals(MU + z * SIGMA, l.upper(), 5 * err, "upper " + l.contour());
        }
        Marginal x2 = a.get("x2");
        assertTrue(x2.derived());
        assertEquals(2 * x.mean(), x2.mean(), 1e-12);
        assertEquals(2 * x.limits().get(1).upper(), x2.limits().get(1).upper(), 1e-12);
    }

    @Test
    void halfGaussianAgainstAPriorBoundHasOneTailLimits() {
        ChainAnalysis a = ChainAnalysis.of(gaussianChains(2, 0), 0);
        Marginal h = a.get("half");
        double n = h.effectiveSamples();
        assertEquals(Math.sqrt(2 / Math.PI), h.mean(), 4 * Math.sqrt(1 - 2 / Math.PI) / Math.sqrt(n));
        assertEquals(Math.sqrt(1 - 2 / Math.PI), h.sd(), 0.01);
        for (Limit l : h.limits()) {
            double z = z(l.contour());
            double err = quantileError(1 - l.contour(), 2 * N01.density(z), n);
            assertEquals(Tail.UPPER_LIMIT, l.tail(), "half at " + l.contour());
            assertEquals(">", l.tail().tag(), "GetDist's tag of a one-tail upper limit");
            assertEquals(0.0, l.lower(), 0.0, "the lower end is the prior bound");
            assertEquals(z, l.upper(), 5 * err, "upper limit at " + l.contour());
        }
        Marginal m = a.get("mirror");
        for (Limit l : m.limits()) {
            assertEquals(Tail.LOWER_LIMIT, l.tail(), "mirror at " + l.contour());
            assertEquals(0.0, l.upper(), 0.0);
            assertEquals(-z(l.contour()), l.lower(), 5 * quantileError(1 - l.contour(), 2 * N01.density(z(l.contour())),
                    m.effectiveSamples()));
        }
        // the unbounded Gaussian next to it stays two-tail, and a prior bound far from the samples changes nothing
        assertEquals(Tail.TWO_TAIL, a.get("x").limits().get(2).tail());
    }

    @Test
    void effectiveSamplesAndConvergence() {
        Chains chains = gaussianChains(3, 0);
        ChainAnalysis a = ChainAnalysis.of(chains, 0);
        double[] w = chains.allWeights();
        double sw = 0;
        double sw2 = 0;
        for (double v : w) {
            sw += v;
            sw2 += v * v;
        }
        // iid rows with multiplicities: Kish's (Σw)²/Σw²
        assertEquals(sw * sw / sw2, a.get("x").effectiveSamples(), 0.05 * sw * sw / sw2);
        // AR(1): the correlation length (1 + ρ)/(1 − ρ), in weight units (mean weight 2)
        double expected = CHAINS * ROWS * (1 - RHO) / (1 + RHO);
        assertEquals(expected, a.get("ar").effectiveSamples(), 0.25 * expected);
        assertTrue(a.rMinus1() < 0.01, "R-1 of chains from one distribution: " + a.rMinus1());
        assertTrue(a.get("x").rMinus1() < 0.01, "per-parameter R-1: " + a.get("x").rMinus1());
        assertEquals(CHAINS, a.chainCount());
        // chains whose means differ by a standard deviation have not converged
        ChainAnalysis apart = ChainAnalysis.of(gaussianChains(4, SIGMA), 0);
        assertTrue(apart.rMinus1() > 0.3, "R-1 of chains shifted by σ: " + apart.rMinus1());
        assertTrue(apart.get("x").rMinus1() > 0.3, "per-parameter R-1 of x: " + apart.get("x").rMinus1());
        // one chain: its two halves
        Chains one = Chains.of(chains.columns(), List.<double[][]>of(rows(chains, 0)));
        assertEquals(2, ChainAnalysis.of(one, 0.3).chainCount());
        assertTrue(ChainAnalysis.of(one, 0.3).rMinus1() < 0.05);
    }

    static double[][] rows(Chains c, int chain) {
        int cols = c.columns().size();
        double[][] r = new double[c.rows(chain)][cols + 2];
        for (int i = 0; i < r.length; i++) {
            r[i][0] = c.weight(chain, i);
            r[i][1] = c.minusLogPosterior(chain, i);
            for (int j = 0; j < cols; j++) {
                r[i][2 + j] = c.value(chain, i, j);
            }
        }
        return r;
    }

    @Test
    void filesReadBackAsGetDistReadsThem(@TempDir Path dir) throws IOException {
        ChainAnalysis a = ChainAnalysis.of(gaussianChains(5, 0), 0.3);
        List<Path> files = a.write(dir.resolve("run"));
        assertEquals(List.of("run.margestats", "run.likestats", "run.constraints.tex"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        List<String> lines = Files.readAllLines(dir.resolve("run.margestats"));
        // MargeStats.loadFromFile: limits from line 0 after ':', parameters from line 3, split into 3 + 3·limits + 1
        assertEquals("Marginalized limits: 0.68; 0.95; 0.99", lines.get(0));
        assertEquals("", lines.get(1));
        assertTrue(lines.get(2).startsWith("parameter   mean           sddev          lower1         upper1         limit1"),
                lines.get(2));
        for (int i = 0; i < a.parameters().size(); i++) {
            Marginal m = a.parameters().get(i);
            String[] items = lines.get(3 + i).trim().split("\\s+", 3 * 3 + 4);
            assertEquals(m.name() + (m.derived() ? "*" : ""), items[0]);
            assertEquals(m.mean(), Double.parseDouble(items[1]), 1e-7 * Math.abs(m.mean()) + 1e-300);
            assertEquals(m.sd(), Double.parseDouble(items[2]), 1e-7 * m.sd());
            for (int c = 0; c < 3; c++) {
                assertEquals(m.limits().get(c).lower(), Double.parseDouble(items[3 + 3 * c]),
                        1e-7 * Math.abs(m.limits().get(c).lower()) + 1e-300);
                assertEquals(m.limits().get(c).tail().tag(), items[5 + 3 * c]);
            }
            assertEquals(m.latex(), items[items.length - 1]);
        }
        String like = Files.readString(dir.resolve("run.likestats"));
        assertTrue(like.startsWith(String.format(java.util.Locale.ROOT, "Best fit sample -log(Like) = %f%n",
                a.bestFitMinusLogPosterior())), like);
        assertTrue(like.contains("mean(-Ln(like)) = ") && like.contains("-Ln(mean like)  = "), like);
        // for the Gaussian x, -log L = z²/2 + half²/2: the mean is (1 + 1)/2 = 1 (two unit-variance terms)
        assertEquals(1.0, a.meanMinusLogPosterior(), 0.02);
        Marginal x = a.get("x");
        assertTrue(x.ndLower()[0] < x.mean() && x.ndUpper()[1] > x.ndUpper()[0], "N-D regions nest");

        String tex = Files.readString(dir.resolve("run.constraints.tex"));
        assertTrue(tex.startsWith("\\begin{tabular}"), tex);
        assertTrue(tex.contains("{\\boldmath$x$}") && tex.contains("$2x$ &"), "sampled in bold, derived plain: " + tex);
        assertTrue(tex.contains("\\pm"), "68% symmetric: mean ± sigma: " + tex);
        assertTrue(tex.contains("$< "), "one-tail upper limit: " + tex);
        assertTrue(tex.contains("$> -"), "one-tail lower limit: " + tex);
        assertTrue(tex.contains("68\\% limits") && tex.contains("99\\% limits"), tex);
    }

    @Test
    void numbersAreRoundedAsGetDistRoundsThem() {
        assertEquals("0.100", TexNumbers.format(0.1, 3, false));
        assertEquals("1200", TexNumbers.format(1234.5, 2, false));
        assertEquals("+0.0061", TexNumbers.format(0.0061, 2, true));
        assertEquals("-0.0059", TexNumbers.format(-0.0059, 2, true));
        assertEquals(List.of("0.8112", "+0.0061", "-0.0059"),
                List.of(TexNumbers.sigFigs(0.81123, 0.0061, -0.0059, true)));
        assertEquals(List.of("67.36", "0.54", "0.54"), List.of(TexNumbers.sigFigs(67.3612, 0.54, 0.54, false)));
        // a loose constraint on a large value: one significant figure of error
        assertEquals(List.of("30", "+5", "-4"), List.of(TexNumbers.sigFigs(30.2, 5.2, -4.1, true)));
        assertEquals(List.of("68.2", "+5.2", "-4.1"), List.of(TexNumbers.sigFigs(68.2, 5.2, -4.1, true)));
    }

    @Test
    void badArgumentsAreNamed() {
        Chains c = gaussianChains(6, 0);
        assertThrows(InvalidOptionException.class, () -> ChainAnalysis.of(c, 1.0));
        assertThrows(InvalidOptionException.class, () -> ChainAnalysis.of(c, 0, List.of(0.95, 0.68)));
        assertThrows(InvalidOptionException.class, () -> ChainAnalysis.of(c, 0, List.of(0.68)));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ChainAnalysis.of(c, 0).get("nope"));
        assertEquals("nope", e.parameter());
    }
}
