package org.cosmoemu.api;

import java.util.Objects;

/**
 * One input of an emulator: its name (exactly as the model file spells it, e.g. {@code omega_b} or
 * {@code ln10^{10}A_s}) and the closed range {@code [lower, upper]} it was trained on. A range of
 * {@code (-inf, +inf)} means the range is unknown (CosmoPower files do not store it).
 *
 * @param name  the parameter name, non-empty
 * @param lower the lower end of the training range (may be {@code -Infinity})
 * @param upper the upper end of the training range (may be {@code +Infinity}), {@code >= lower}
 */
public record Parameter(String name, double lower, double upper) {

    /**
     * Checks the components.
     *
     * @throws InvalidParameterException if the name is blank, a bound is NaN, or {@code lower > upper}
     */
    public Parameter {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new InvalidParameterException(name, "parameter name is blank");
        }
        if (Double.isNaN(lower) || Double.isNaN(upper)) {
            throw new InvalidParameterException(name, "parameter '" + name + "': bound is NaN");
        }
        if (lower > upper) {
            throw new InvalidParameterException(name, "parameter '" + name + "': lower bound " + lower
                    + " exceeds upper bound " + upper);
        }
    }

    /**
     * {@return the parameter}
     *
     * @param name  the parameter name
     * @param lower lower end of the training range
     * @param upper upper end of the training range
     * @throws InvalidParameterException see {@link #Parameter(String, double, double)}
     */
    public static Parameter of(String name, double lower, double upper) {
        return new Parameter(name, lower, upper);
    }

    /**
     * {@return a parameter whose training range is unknown}
     *
     * @param name the parameter name
     */
    public static Parameter unbounded(String name) {
        return new Parameter(name, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** {@return {@code true} if at least one end of the training range is known} */
    public boolean isBounded() {
        return lower != Double.NEGATIVE_INFINITY || upper != Double.POSITIVE_INFINITY;
    }

    /**
     * {@return {@code true} if {@code lower <= value <= upper}}
     *
     * @param value a value
     */
    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }
}
