package org.cosmoemu.api;

/**
 * A parameter point inside every parameter's own range that breaks a constraint between parameters, for example
 * w0 + wa &lt; 0 for w0–wa dark energy (else dark energy dominates at early times). It belongs to the
 * out-of-range family: samplers treat it like a point outside the training box (zero posterior), and the CLI
 * reports it with the same exit code.
 *
 * <p>{@link #parameter()} names the constrained combination (e.g. {@code w0_fld + wa_fld}), {@link #value()} is
 * its value at the point and {@link #lower()}, {@link #upper()} bound it (an infinite bound is open;
 * {@link #constraint()} says whether a finite bound is strict).
 */
public class ParameterConstraintException extends ParameterOutOfRangeException {
    private static final long serialVersionUID = 1L;

    /** The constraint's name. */
    private final String constraint;

    /**
     * Creates the exception.
     *
     * @param constraint  the constraint's name, e.g. {@code w0+wa<0}
     * @param combination the constrained combination of parameters, e.g. {@code w0_fld + wa_fld}
     * @param value       its value at the point
     * @param lower       the lower bound ({@code -Infinity} for none)
     * @param upper       the upper bound ({@code +Infinity} for none)
     * @param reason      why the constraint holds, for the message
     * @param context     what was being evaluated (e.g. {@code the theory}), may be {@code null}
     */
    public ParameterConstraintException(String constraint, String combination, double value, double lower,
            double upper, String reason, String context) {
        super(combination + " = " + value + " breaks the constraint " + constraint + (context == null ? "" : " of "
                + context) + ": " + reason + "; choose a point that satisfies it", combination, value, lower, upper);
        this.constraint = constraint;
    }

    /** {@return the name of the constraint that the point breaks} */
    public String constraint() {
        return constraint;
    }
}
