package org.cosmoemu.likelihoods;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.cosmoemu.api.InvalidOptionException;

/**
 * One string option of a likelihood, as the CLI ({@code --option KEY=VALUE}), input files and
 * {@link Likelihoods#create} take it: its key, type, allowed values, default and meaning. Each likelihood lists
 * its options once, in its {@link LikelihoodDescriptor}; help texts and validation are generated from there.
 * Java users pass the same settings typed, through each likelihood's own factory or builder (e.g.
 * {@code ActDr6Lensing.builder().variant(Variant.ACTPLANCK_BASELINE)}).
 *
 * @param key          the option's key, e.g. {@code variant}
 * @param type         how its value is read
 * @param choices      the allowed values of a {@link Type#CHOICE} (empty otherwise)
 * @param defaultValue the value used when the option is absent, or {@code null} when there is none (the
 *                     likelihood then decides, e.g. requires the option in some configurations)
 * @param description  what it means, for help texts
 */
public record LikelihoodOption(String key, Type type, List<String> choices, String defaultValue, String description) {

    /** How an option's value is read. */
    public enum Type {
        /** One of a fixed list of words. */
        CHOICE,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** A finite number. */
        NUMBER,
        /** Free text, checked by the likelihood (e.g. a comma-separated list of data sets). */
        TEXT;

        /** {@return the type's name in help texts} */
        public String token() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Checks the components.
     *
     * @throws NullPointerException   if key, type, choices or description is null
     * @throws InvalidOptionException if a choice has no choices, or the default is not a valid value
     */
    public LikelihoodOption {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        choices = List.copyOf(choices);
        if (type == Type.CHOICE && choices.isEmpty()) {
            throw new InvalidOptionException(key, "option '" + key + "' is a choice without choices");
        }
        if (defaultValue != null) {
            check("(default)", key, type, choices, defaultValue);
        }
    }

    /**
     * {@return a choice option}
     *
     * @param key          the key
     * @param defaultValue the default (one of {@code choices}), or {@code null} for none
     * @param choices      the allowed values
     * @param description  the meaning
     */
    public static LikelihoodOption choice(String key, String defaultValue, List<String> choices, String description) {
        return new LikelihoodOption(key, Type.CHOICE, choices, defaultValue, description);
    }

    /**
     * {@return a boolean option}
     *
     * @param key          the key
     * @param defaultValue the default
     * @param description  the meaning
     */
    public static LikelihoodOption bool(String key, boolean defaultValue, String description) {
        return new LikelihoodOption(key, Type.BOOLEAN, List.of(), Boolean.toString(defaultValue), description);
    }

    /**
     * {@return a numeric option}
     *
     * @param key          the key
     * @param defaultValue the default
     * @param description  the meaning
     */
    public static LikelihoodOption number(String key, double defaultValue, String description) {
        return new LikelihoodOption(key, Type.NUMBER, List.of(), format(defaultValue), description);
    }

    /**
     * {@return a free-text option}
     *
     * @param key          the key
     * @param defaultValue the default, or {@code null}
     * @param description  the meaning (say what the likelihood accepts)
     */
    public static LikelihoodOption text(String key, String defaultValue, String description) {
        return new LikelihoodOption(key, Type.TEXT, List.of(), defaultValue, description);
    }

    /** {@return the accepted values in help-text form, e.g. {@code act_baseline|act_extended} or {@code number}} */
    public String valueHint() {
        return switch (type) {
            case CHOICE -> String.join("|", choices);
            case BOOLEAN -> "true|false";
            case NUMBER -> "NUMBER";
            case TEXT -> "TEXT";
        };
    }

    /**
     * Checks a value against this option's type.
     *
     * @param likelihood the likelihood's name, for the message
     * @param value      the value given
     * @return the value in canonical form (booleans lower case, numbers as given)
     * @throws InvalidOptionException naming the likelihood, the option, the value and what is accepted
     */
    String validate(String likelihood, String value) {
        return check(likelihood, key, type, choices, value);
    }

    private static String check(String likelihood, String key, Type type, List<String> choices, String value) {
        String what = "likelihood '" + likelihood + "': option " + key + "=" + value;
        switch (type) {
            case CHOICE -> {
                if (!choices.contains(value)) {
                    throw new InvalidOptionException(key, what + " is not one of " + choices);
                }
                return value;
            }
            case BOOLEAN -> {
                String v = value.trim().toLowerCase(Locale.ROOT);
                if (!v.equals("true") && !v.equals("false")) {
                    throw new InvalidOptionException(key, what + " must be true or false");
                }
                return v;
            }
            case NUMBER -> {
                double d;
                try {
                    d = Double.parseDouble(value.trim());
                } catch (NumberFormatException e) {
                    throw new InvalidOptionException(key, what + " is not a number");
                }
                if (!Double.isFinite(d)) {
                    throw new InvalidOptionException(key, what + " is not a finite number");
                }
                return value.trim();
            }
            case TEXT -> {
                if (value.isBlank()) {
                    throw new InvalidOptionException(key, what + " is empty");
                }
                return value.trim();
            }
            default -> throw new AssertionError(type);
        }
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
