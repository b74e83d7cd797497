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

/**
 * An analysis compiled to indices: from the sampled values to every quantity (inputs, solved inputs, theory
 * results, each likelihood's χ², derived lambdas) in one pass. Immutable and thread-safe; the counters are
 * atomic.
 */
final class Model implements LogLikelihoodFunction {

    /** A lambda bound to indices: {@code values[target] = expression(values[args])}. */
    record Step(int target, Expression expression, int[] args) {
        double eval(double[] values) {
            double[] a = new double[args.length];
            for (int i = 0; i < a.length; i++) {
                a[i] = values[args[i]];
            }
            return expression.evaluate(a);
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
    }

    /** @return the theory (null when no likelihood or output needs one) */
    EmulatorTheory theory() {
        return theory == null ? null : theory.theory();
    }

    @Override
    public double logLikelihood(double[] point, double[] derived) {
        double[] v = new double[names.length];
        double lnL = evaluate(point, v);
        for (int i = 0; i < derivedColumns.length; i++) {
            derived[i] = v[derivedColumns[i]];
        }
        return lnL;
    }

    /**
     * @param point  the sampled values, in order
     * @param values output: every quantity by index (NaN where not reached)
     * @return ln L, {@code -Infinity} where the point is ruled out (outside the emulators' box, a target the
     *         theory cannot reach there, a non-finite likelihood)
     */
    double evaluate(double[] point, double[] values) {
        evaluations.incrementAndGet();
        System.arraycopy(fixed, 0, values, 0, fixed.length);
        double logPrior = 0;
        for (int i = 0; i < sampled.length; i++) {
            values[sampled[i]] = point[i];
            logPrior += priors[i].logDensity(point[i]);
        }
        values[minusLogPrior] = -logPrior;
        for (Step s : valueSteps) {
            values[s.target()] = s.eval(values);
        }
        Observables obs = null;
        if (theory != null) {
            obs = theory(values);
            if (obs == null) {
                return Double.NEGATIVE_INFINITY;
            }
        }
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
            values[s.target()] = s.eval(values);
        }
        for (Step s : priorSteps) {
            lnL += s.eval(values);
        }
        return Double.isFinite(lnL) ? lnL : Double.NEGATIVE_INFINITY;
    }

    /** @return the theory at the point, or null where it rules the point out */
    private Observables theory(double[] values) {
        EmulatorTheory t = theory.theory();
        ParameterSpace space = t.parameterSpace();
        int n = space.dimension();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            if (theory.inputFrom()[i] >= 0) {
                x[i] = theory.inputConv()[i].applyAsDouble(values[theory.inputFrom()[i]]);
                if (!Double.isFinite(x[i])) {
                    return null;
                }
            } else {
                x[i] = 0.5 * (space.get(i).lower() + space.get(i).upper()); // a solved input's starting point
            }
        }
        if (theory.targetNames().length > 0) {
            for (int i = 0; i < n; i++) {
                if (theory.inputFrom()[i] >= 0 && !space.get(i).contains(x[i])) {
                    outsideBox.incrementAndGet();
                    return null;
                }
            }
            Map<String, Double> targets = new LinkedHashMap<>();
            for (int k = 0; k < theory.targetNames().length; k++) {
                double want = values[theory.targetFrom()[k]] * theory.targetScale()[k];
                if (!Double.isFinite(want)) {
                    return null;
                }
                targets.put(theory.targetNames()[k], want);
            }
            try {
                x = space.toArray(Reparametrisation.of(t).solve(space.toMap(x), targets).inputs());
            } catch (NumericalException | InvalidParameterException e) {
                unsolvable.incrementAndGet();
                return null;
            }
        }
        for (int i = 0; i < n; i++) {
            values[theory.inputSlot()[i]] = x[i];
            if (!space.get(i).contains(x[i])) {
                outsideBox.incrementAndGet();
                return null;
            }
        }
        try {
            return t.compute(x, theory.requirements());
        } catch (org.cosmoemu.api.ParameterConstraintException e) {
            outsideBox.incrementAndGet(); // e.g. w0 + wa >= 0: zero posterior, like a point outside the box
            return null;
        }
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
