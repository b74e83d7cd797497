package org.cosmoemu.api;

/**
 * A parameter value outside the range an emulator was trained on, raised under {@link RangePolicy#REJECT}
 * (the default). Emulators are unreliable outside their training range; opt in with
 * {@link RangePolicy#EXTRAPOLATE} to evaluate there anyway.
 */
public class ParameterOutOfRangeException extends InvalidParameterException {
    private static final long serialVersionUID = 1L;

    /** The value given. */
    private final double value;
    /** The lower end of the training range. */
    private final double lower;
    /** The upper end of the training range. */
    private final double upper;

    /**
     * Creates the exception.
     *
     * @param parameter the parameter name
     * @param value     the offending value
     * @param lower     lower end of the allowed range
     * @param upper     upper end of the allowed range
     * @param context   what was being evaluated (an emulator or model name), may be {@code null}
     */
    public ParameterOutOfRangeException(String parameter, double value, double lower, double upper, String context) {
        this(parameter, value, lower, upper, context,
                "pass RangePolicy.EXTRAPOLATE (CLI: --extrapolate) to evaluate outside the training range anyway");
    }

    /**
     * For callers that cannot extrapolate (a theory evaluates its emulators only inside their ranges), so the
     * message must not suggest it.
     *
     * @param parameter the parameter name
     * @param value     the offending value
     * @param lower     lower end of the allowed range
     * @param upper     upper end of the allowed range
     * @param context   what was being evaluated, may be {@code null}
     * @param remedy    what the user can do, appended to the message after {@code ; }
     */
    public ParameterOutOfRangeException(String parameter, double value, double lower, double upper, String context,
            String remedy) {
        super(parameter, "parameter '" + parameter + "' = " + value + " is outside the range [" + lower + ", "
                + upper + "]" + (context == null ? "" : " of " + context) + "; " + remedy);
        this.value = value;
        this.lower = lower;
        this.upper = upper;
    }

    /**
     * For subclasses that word their own message (a violated constraint between parameters).
     *
     * @param message   the whole message
     * @param parameter the parameter or combination at fault
     * @param value     the offending value
     * @param lower     lower end of the allowed range
     * @param upper     upper end of the allowed range
     */
    protected ParameterOutOfRangeException(String message, String parameter, double value, double lower,
            double upper) {
        super(parameter, message);
        this.value = value;
        this.lower = lower;
        this.upper = upper;
    }

    /** {@return the offending value} */
    public double value() {
        return value;
    }

    /** {@return the lower end of the allowed range} */
    public double lower() {
        return lower;
    }

    /** {@return the upper end of the allowed range} */
    public double upper() {
        return upper;
    }
}
