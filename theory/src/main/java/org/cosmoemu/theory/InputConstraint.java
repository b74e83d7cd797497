package org.cosmoemu.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.ParameterConstraintException;

/**
 * A constraint between a theory's inputs that the training box alone does not express: a linear combination
 * Σ cᵢ xᵢ that must stay strictly below a bound. An {@link EmulatorTheory} checks its constraints after the range
 * check and rejects a point that breaks one with a {@link ParameterConstraintException} (which samplers count as
 * zero posterior, like a point outside the box). Immutable and thread-safe.
 *
 * <pre>{@code
 * EmulatorTheory.builder()....constraint(InputConstraint.CPL_EARLY_DARK_ENERGY).build();
 * }</pre>
 */
public final class InputConstraint {

    /**
     * w0 + wa &lt; 0 for CPL dark energy, w(a) = w0 + wa (1 − a): as a → 0, w → w0 + wa and ρ_DE ∝ a^{−3(1+w0+wa)},
     * so with w0 + wa ≥ 0 dark energy would fall no faster than matter and spoil the early universe (and the
     * distance integral). DESI DR2 imposes the same bound on its w0–wa prior. The {@code class-ext} training box
     * (w0 ∈ [−1.5, −0.5], wa ∈ [−2, 0.5]) already keeps w0 + wa ≤ 0, so there it removes only the corner
     * w0 = −0.5, wa = 0.5; it matters for theories over wider boxes, and it states the physics for the reader.
     */
    public static final InputConstraint CPL_EARLY_DARK_ENERGY = linearBelow("w0+wa<0",
            List.of("w0_fld", "wa_fld"), new double[] {1, 1}, 0.0,
            "w(a -> 0) = w0_fld + wa_fld must be negative so that dark energy is negligible at early times");

    private final String name;
    private final List<String> inputs;
    private final double[] coefficients;
    private final double bound;
    private final String reason;
    private final String combination;

    private InputConstraint(String name, List<String> inputs, double[] coefficients, double bound, String reason) {
        this.name = name;
        this.inputs = List.copyOf(inputs);
        this.coefficients = coefficients.clone();
        this.bound = bound;
        this.reason = reason;
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < coefficients.length; i++) {
            double c = coefficients[i];
            String n = inputs.get(i);
            terms.add(c == 1 ? n : c == -1 ? "-" + n : c + " " + n);
        }
        this.combination = String.join(" + ", terms).replace("+ -", "- ");
    }

    /**
     * {@return the constraint Σ coefficients[i] · inputs[i] &lt; bound}
     *
     * @param name         a short name for messages, e.g. {@code w0+wa<0}
     * @param inputs       the theory inputs involved (at least one, no repeats)
     * @param coefficients their finite coefficients, same length
     * @param bound        the strict upper bound (finite)
     * @param reason       why the constraint holds, for messages
     * @throws InvalidOptionException if the arguments do not describe a constraint
     */
    public static InputConstraint linearBelow(String name, List<String> inputs, double[] coefficients, double bound,
            String reason) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
        if (inputs.isEmpty() || inputs.size() != coefficients.length) {
            throw new InvalidOptionException("constraint", "constraint " + name + ": " + inputs.size() + " inputs and "
                    + coefficients.length + " coefficients (need the same number, at least one)");
        }
        if (inputs.stream().distinct().count() != inputs.size()) {
            throw new InvalidOptionException("constraint", "constraint " + name + ": an input is named twice in "
                    + inputs);
        }
        for (double c : coefficients) {
            if (!Double.isFinite(c)) {
                throw new InvalidOptionException("constraint", "constraint " + name + ": coefficient " + c
                        + " is not finite");
            }
        }
        if (!Double.isFinite(bound)) {
            throw new InvalidOptionException("constraint", "constraint " + name + ": bound " + bound + " is not finite");
        }
        return new InputConstraint(name, inputs, coefficients, bound, reason);
    }

    /** {@return the constraint's name} */
    public String name() {
        return name;
    }

    /** {@return the inputs it involves, in the order of its coefficients (unmodifiable)} */
    public List<String> inputs() {
        return inputs;
    }

    /** {@return the combination as text, e.g. {@code w0_fld + wa_fld}} */
    public String combination() {
        return combination;
    }

    /** {@return the strict upper bound of the combination} */
    public double bound() {
        return bound;
    }

    /** {@return why the constraint holds} */
    public String reason() {
        return reason;
    }

    /**
     * {@return whether the point satisfies it}
     *
     * @param values the values of {@link #inputs()}, in that order
     */
    public boolean holds(double... values) {
        return combinationValue(values) < bound;
    }

    private double combinationValue(double[] values) {
        double s = 0;
        for (int i = 0; i < coefficients.length; i++) {
            s += coefficients[i] * values[i];
        }
        return s;
    }

    /**
     * Checks a point of a theory.
     *
     * @param x       the theory's inputs
     * @param index   positions of {@link #inputs()} in {@code x}
     * @param context what is evaluated, for the message
     * @throws ParameterConstraintException if the point breaks the constraint
     */
    void check(double[] x, int[] index, String context) {
        double s = 0;
        for (int i = 0; i < coefficients.length; i++) {
            s += coefficients[i] * x[index[i]];
        }
        if (!(s < bound)) {
            throw new ParameterConstraintException(name, combination, s, Double.NEGATIVE_INFINITY, bound, reason,
                    context);
        }
    }

    @Override
    public String toString() {
        return "InputConstraint[" + name + ": " + combination + " < " + bound + "]";
    }
}
