package org.cosmoemu.inference.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.NumericalException;
import org.cosmoemu.inference.Posterior;
import org.cosmoemu.inference.SampledParameter;
import org.cosmoemu.likelihoods.Prior;

/**
 * cobaya's {@code minimize} on the SDK: the derivative-free BOBYQA of Commons Math (Brent's method in one
 * dimension) on the sampled parameters rescaled to the unit box of their priors (unbounded Gaussian priors are
 * bounded at ±10σ), from {@code bestOf} starts drawn from the reference distributions; the best result wins.
 * Points the posterior rules out get a large finite penalty, so that the optimiser steps back.
 */
final class Minimiser {
    /** −ln P given to points with zero posterior. */
    private static final double PENALTY = 1e30;

    private Minimiser() {
    }

    static Minimum minimise(Analysis analysis, int bestOf, long maxEvals, boolean ignorePrior, long seed) {
        Posterior post = analysis.posterior().orElseThrow(() -> new InvalidOptionException("params", analysis.source()
                + ": params: minimize needs at least one sampled parameter (with a prior)"));
        List<SampledParameter> ps = post.parameters();
        int d = ps.size();
        double[] lo = new double[d];
        double[] hi = new double[d];
        for (int i = 0; i < d; i++) {
            Prior p = ps.get(i).prior();
            lo[i] = p.lower();
            hi[i] = p.upper();
            if (p instanceof Prior.Gaussian g) {
                lo[i] = g.mean() - 10 * g.sigma();
                hi[i] = g.mean() + 10 * g.sigma();
            } else if (p instanceof Prior.TruncatedGaussian t) {
                lo[i] = Math.max(t.lower(), t.mean() - 10 * t.sigma());
                hi[i] = Math.min(t.upper(), t.mean() + 10 * t.sigma());
            }
        }
        AtomicLong evals = new AtomicLong();
        double[] derived = new double[post.derived().size()];
        java.util.function.ToDoubleFunction<double[]> minusLog = u -> {
            evals.incrementAndGet();
            double[] x = new double[d];
            for (int i = 0; i < d; i++) {
                x[i] = lo[i] + Math.min(1, Math.max(0, u[i])) * (hi[i] - lo[i]);
            }
            double lp = post.logPosterior(x, derived);
            if (ignorePrior && lp > Double.NEGATIVE_INFINITY) {
                lp -= post.logPrior(x);
            }
            return lp > Double.NEGATIVE_INFINITY ? -lp : PENALTY;
        };
        SplittableRandom rng = new SplittableRandom(seed);
        double best = Double.POSITIVE_INFINITY;
        double worst = Double.NEGATIVE_INFINITY;
        double[] bestU = null;
        for (int s = 0; s < bestOf; s++) {
            double[] start = start(ps, lo, hi, rng, minusLog, s == 0);
            double[] u;
            double f;
            try {
                if (d == 1) {
                    UnivariatePointValuePair r = new BrentOptimizer(1e-10, 1e-14).optimize(new MaxEval((int) Math.min(
                            Integer.MAX_VALUE, maxEvals)), new UnivariateObjectiveFunction(t -> minusLog.applyAsDouble(
                            new double[] {t})), GoalType.MINIMIZE, new SearchInterval(0, 1, start[0]));
                    u = new double[] {r.getPoint()};
                    f = r.getValue();
                } else {
                    BOBYQAOptimizer opt = new BOBYQAOptimizer(2 * d + 1, 0.1, 1e-9);
                    PointValuePair r = opt.optimize(new MaxEval((int) Math.min(Integer.MAX_VALUE, maxEvals)),
                            new ObjectiveFunction(x -> minusLog.applyAsDouble(x)), GoalType.MINIMIZE,
                            new InitialGuess(start), new SimpleBounds(zeros(d), ones(d)));
                    u = r.getPoint();
                    f = r.getValue();
                }
            } catch (TooManyEvaluationsException e) {
                throw new NumericalException("minimize: start " + (s + 1) + " of " + analysis.source() + " did not converge "
                        + "within max_evals = " + maxEvals + " evaluations; raise max_evals", e);
            }
            worst = Math.max(worst, f);
            if (f < best) {
                best = f;
                bestU = u;
            }
        }
        if (bestU == null || best >= PENALTY) {
            throw new NumericalException("minimize: no start of " + analysis.source() + " found a point with a finite "
                    + "posterior");
        }
        double[] x = new double[d];
        Map<String, Double> point = new LinkedHashMap<>();
        for (int i = 0; i < d; i++) {
            x[i] = lo[i] + Math.min(1, Math.max(0, bestU[i])) * (hi[i] - lo[i]);
            point.put(ps.get(i).name(), x[i]);
        }
        return new Minimum(point, analysis.evaluate(x), ignorePrior, bestOf, evals.get(), worst - best);
    }

    /** A start with a finite posterior: the reference itself first, then draws from the reference distribution. */
    private static double[] start(List<SampledParameter> ps, double[] lo, double[] hi, SplittableRandom rng,
            java.util.function.ToDoubleFunction<double[]> minusLog, boolean first) {
        int d = ps.size();
        for (int attempt = 0; attempt < 1000; attempt++) {
            double[] u = new double[d];
            for (int i = 0; i < d; i++) {
                SampledParameter p = ps.get(i);
                double x = first && attempt == 0 ? p.reference() : p.reference() + p.referenceWidth() * rng.nextGaussian();
                u[i] = Math.min(1, Math.max(0, (x - lo[i]) / (hi[i] - lo[i])));
            }
            if (minusLog.applyAsDouble(u) < PENALTY) {
                return u;
            }
        }
        throw new NumericalException("minimize: no starting point with a finite posterior in 1000 draws from the "
                + "reference distributions");
    }

    private static double[] zeros(int d) {
        return new double[d];
    }

    private static double[] ones(int d) {
        double[] o = new double[d];
        java.util.Arrays.fill(o, 1);
        return o;
    }
}
