package org.cosmoemu.inference.analysis;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleUnaryOperator;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.NumericalException;
import org.cosmoemu.api.ParameterSpace;
import org.cosmoemu.inference.LogLikelihoodFunction;
import org.cosmoemu.theory.EmulatorTheory;
import org.cosmoemu.theory.Observables;
import org.cosmoemu.theory.Reparametrisation;
import org.cosmoemu.theory.Requirements;
import org.cosmoemu.theory.TheoryEvaluator;

/**
 * An analysis compiled to indices: from the sampled values to every quantity (inputs, solved inputs, theory
 * results, each likelihood's χ², derived lambdas) in one pass. Immutable and thread-safe; the counters are
 * atomic.
 */
final class Model implements LogLikelihoodFunction {

    /** A lambda bound to indices: {@code values[target] = expression(values[args])}. */
    record Step(int target, Expression expression, int[] args) {
        /** @param scratch at least {@code args.length} long: receives the arguments */
        double eval(double[] values, double[] scratch) {
            for (int i = 0; i < args.length; i++) {
                scratch[i] = values[args[i]];
            }
            return expression.evaluate(scratch);
        }
    }

    /** Where an output comes from. */
    record Output(int target, String theoryDerived, int theoryInput, DoubleUnaryOperator fromTheory) {
    }

    /** The theory, its inputs' sources and the targets solved for. */
    record TheoryPlan(EmulatorTheory theory, Requirements requirements, int[] inputFrom, DoubleUnaryOperator[] inputConv,
            String[] targetNames, int[] targetFrom, double[] targetScale, int[] inputSlot) {
    }

    /** Prefix of the hidden quantities that hold the theory's inputs (after solving). */
    static final String THEORY_INPUT = "@theory:";

    final String[] names;
    private final double[] fixed;
    final int[] sampled;
    private final Step[] valueSteps;
    private final TheoryPlan theory;
    final Component[] components;
    final int[] chi2Index;
    private final int chi2Total;
    private final int minusLogPrior;
    private final Output[] outputs;
    private final Step[] derivedSteps;
    private final Step[] priorSteps;
    final int[] derivedColumns;
    private final org.cosmoemu.likelihoods.Prior[] priors;
    private final AtomicLong evaluations = new AtomicLong();
    /** Each thread's buffers and theory evaluator: the path from parameters to ln L allocates nothing per point. */
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    private final int maxArgs;
    private final AtomicLong outsideBox = new AtomicLong();
    private final AtomicLong unsolvable = new AtomicLong();

    Model(String[] names, double[] fixed, int[] sampled, org.cosmoemu.likelihoods.Prior[] priors, Step[] valueSteps,
            TheoryPlan theory, Component[] components, int[] chi2Index, int chi2Total, int minusLogPrior,
            Output[] outputs, Step[] derivedSteps, Step[] priorSteps, int[] derivedColumns) {
        this.names = names;
        this.fixed = fixed;
        this.sampled = sampled;
        this.priors = priors;
        this.valueSteps = valueSteps;
        this.theory = theory;
        this.components = components;
        this.chi2Index = chi2Index;
        this.chi2Total = chi2Total;
        this.minusLogPrior = minusLogPrior;
        this.outputs = outputs;
        this.derivedSteps = derivedSteps;
        this.priorSteps = priorSteps;
        this.derivedColumns = derivedColumns;
        int m = 0;
        for (Step[] steps : new Step[][] {valueSteps, derivedSteps, priorSteps}) {
            for (Step st : steps) {
                m = Math.max(m, st.args().length);
            }
        }
        this.maxArgs = m;
    }

    /** One thread's buffers. */
    private final class Scratch {
        final double[] args = new double[maxArgs];
        final double[] x = theory == null ? null : new double[theory.theory().parameterSpace().dimension()];
        double[] point = new double[sampled.length];
        double[][] values = new double[0][];
        double[] xs = new double[0];
        int[] at = new int[0];
        TheoryEvaluator evaluator;

        TheoryEvaluator evaluator(int count) {
            if (evaluator == null || evaluator.capacity() < count) {
                evaluator = theory.theory().evaluator(theory.requirements(), Math.max(count, 1));
            }
            return evaluator;
        }

        void ensure(int count) {
            if (values.length < count) {
                values = new double[count][names.length];
                at = new int[count];
                xs = new double[theory == null ? 0 : count * x.length];
            }
        }
    }

    /** @return the theory (null when no likelihood or output needs one) */
    EmulatorTheory theory() {
        return theory == null ? null : theory.theory();
    }

    @Override
    public double logLikelihood(double[] point, double[] derived) {
        Scratch sc = scratch.get();
        sc.ensure(1);
        double[] v = sc.values[0];
        Arrays.fill(v, 0.0);
        double lnL = evaluate(point, v);
        for (int i = 0; i < derivedColumns.length; i++) {
            derived[i] = v[derivedColumns[i]];
        }
        return lnL;
    }

    /**
     * The same numbers as {@link #logLikelihood} point by point, with each network evaluated once for the batch
     * (the theory's {@link TheoryEvaluator}) and nothing allocated per point.
     */
    @Override
    public void logLikelihoodBatch(double[] points, int count, double[] derived, double[] out) {
        Scratch sc = scratch.get();
        sc.ensure(count);
        int d = sampled.length;
        int nd = derivedColumns.length;
        int m = 0;
        evaluations.addAndGet(count);
        for (int k = 0; k < count; k++) {
            double[] v = sc.values[k];
            Arrays.fill(v, 0.0);
            System.arraycopy(points, k * d, sc.point, 0, d);
            if (!prepare(sc.point, v, sc)) {
                out[k] = Double.NEGATIVE_INFINITY;
            } else if (theory != null) {
                System.arraycopy(sc.x, 0, sc.xs, m * sc.x.length, sc.x.length);
                sc.at[m++] = k;
            } else {
                out[k] = finish(null, v, sc.args);
            }
        }
        if (m > 0) {
            TheoryEvaluator ev = sc.evaluator(m);
            ev.computeBatch(sc.xs, m);
            for (int j = 0; j < m; j++) {
                int k = sc.at[j];
                out[k] = finish(ev.at(j), sc.values[k], sc.args);
            }
        }
        for (int k = 0; k < count; k++) {
            for (int i = 0; i < nd; i++) {
                derived[k * nd + i] = sc.values[k][derivedColumns[i]];
            }
        }
    }

    /**
     * @param point  the sampled values, in order
     * @param values output: every quantity by index (NaN where not reached)
     * @return ln L, {@code -Infinity} where the point is ruled out (outside the emulators' box, a target the
     *         theory cannot reach there, a non-finite likelihood)
     */
    double evaluate(double[] point, double[] values) {
        evaluations.incrementAndGet();
        Scratch sc = scratch.get();
        if (!prepare(point, values, sc)) {
            return Double.NEGATIVE_INFINITY;
        }
        return finish(theory == null ? null : sc.evaluator(1).compute(sc.x), values, sc.args);
    }

    /**
     * The values before the theory: fixed and sampled values, priors, value lambdas, and the theory's inputs (into
     * {@code sc.x}, solved for the targets where there are some).
     *
     * @return false where the point is ruled out before the theory runs
     */
    private boolean prepare(double[] point, double[] values, Scratch sc) {
        System.arraycopy(fixed, 0, values, 0, fixed.length);
        double logPrior = 0;
        for (int i = 0; i < sampled.length; i++) {
            values[sampled[i]] = point[i];
            logPrior += priors[i].logDensity(point[i]);
        }
        values[minusLogPrior] = -logPrior;
        for (Step s : valueSteps) {
            values[s.target()] = s.eval(values, sc.args);
        }
        return theory == null || theoryInputs(values, sc.x);
    }

    /** @return ln L from the theory's observables (null without a theory) and the prepared values */
    private double finish(Observables obs, double[] values, double[] args) {
        double lnL = 0;
        for (int c = 0; c < components.length; c++) {
            double l = components[c].logLike(obs, values);
            values[chi2Index[c]] = -2 * l;
            lnL += l;
        }
        values[chi2Total] = -2 * lnL;
        for (Output o : outputs) {
            if (o.theoryDerived() != null) {
                values[o.target()] = obs.derived(o.theoryDerived());
            } else if (o.theoryInput() >= 0) {
                values[o.target()] = o.fromTheory().applyAsDouble(values[theory.inputSlot()[o.theoryInput()]]);
            }
        }
        for (Step s : derivedSteps) {
            values[s.target()] = s.eval(values, args);
        }
        for (Step s : priorSteps) {
            lnL += s.eval(values, args);
        }
        return Double.isFinite(lnL) ? lnL : Double.NEGATIVE_INFINITY;
    }

    /**
     * The theory's inputs at the point, into {@code x}.
     *
     * @return false where the point is ruled out (outside the emulators' box, a target unreachable)
     */
    private boolean theoryInputs(double[] values, double[] x) {
        EmulatorTheory t = theory.theory();
        ParameterSpace space = t.parameterSpace();
        int n = space.dimension();
        for (int i = 0; i < n; i++) {
            if (theory.inputFrom()[i] >= 0) {
                x[i] = theory.inputConv()[i].applyAsDouble(values[theory.inputFrom()[i]]);
                if (!Double.isFinite(x[i])) {
                    return false;
                }
            } else {
                x[i] = 0.5 * (space.get(i).lower() + space.get(i).upper()); // a solved input's starting point
            }
        }
        if (theory.targetNames().length > 0) {
            for (int i = 0; i < n; i++) {
                if (theory.inputFrom()[i] >= 0 && !space.get(i).contains(x[i])) {
                    outsideBox.incrementAndGet();
                    return false;
                }
            }
            Map<String, Double> targets = new LinkedHashMap<>();
            for (int k = 0; k < theory.targetNames().length; k++) {
                double want = values[theory.targetFrom()[k]] * theory.targetScale()[k];
                if (!Double.isFinite(want)) {
                    return false;
                }
                targets.put(theory.targetNames()[k], want);
            }
            try {
                double[] solved = space.toArray(Reparametrisation.of(t).solve(space.toMap(x), targets).inputs());
                System.arraycopy(solved, 0, x, 0, n);
            } catch (NumericalException | InvalidParameterException e) {
                unsolvable.incrementAndGet();
                return false;
            }
        }
        for (int i = 0; i < n; i++) {
            values[theory.inputSlot()[i]] = x[i];
            if (!space.get(i).contains(x[i])) {
                outsideBox.incrementAndGet();
                return false;
            }
        }
        if (!t.meetsConstraints(x)) {
            outsideBox.incrementAndGet(); // e.g. w0 + wa >= 0: zero posterior, like a point outside the box
            return false;
        }
        return true;
    }

    /**
     * A full evaluation at one point, every quantity reported.
     *
     * @param point the sampled values
     * @return the evaluation
     */
    Evaluation evaluation(double[] point, List<String> likelihoodKeys) {
        double[] v = new double[names.length];
        Arrays.fill(v, Double.NaN);
        String why = null;
        double lnL = evaluate(point, v);
        double logPrior = -v[minusLogPrior];
        if (lnL == Double.NEGATIVE_INFINITY) {
            why = "the point is outside the emulators' training range, breaks a constraint of the theory (w0 + wa < 0), "
                    + "a target cannot be reached there, or a likelihood is not finite";
        }
        Map<String, Double> chi2 = new LinkedHashMap<>();
        for (int c = 0; c < components.length; c++) {
            chi2.put(likelihoodKeys.get(c), v[chi2Index[c]]);
        }
        Map<String, Double> all = new LinkedHashMap<>();
        Map<String, Double> theoryInputs = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            if (names[i].startsWith(THEORY_INPUT)) {
                if (!Double.isNaN(v[i])) {
                    theoryInputs.put(names[i].substring(THEORY_INPUT.length()), v[i]);
                }
            } else if (!Double.isNaN(v[i])) {
                all.put(names[i], v[i]);
            }
        }
        return new Evaluation(logPrior + lnL, logPrior, lnL, v[chi2Total], chi2, all, theoryInputs, why);
    }

    /** @return how many points were evaluated, ruled out by the box, and by an unreachable target */
    long[] counters() {
        return new long[] {evaluations.get(), outsideBox.get(), unsolvable.get()};
    }
}
