package org.cosmoemu.likelihoods;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cosmoemu.api.InvalidOptionException;

/**
 * A likelihood's string options, validated against its {@link LikelihoodDescriptor} (every key known, every
 * value of the option's type) and read back typed, with the descriptor's defaults. Immutable.
 */
public final class Options {
    private final LikelihoodDescriptor descriptor;
    private final Map<String, String> values;

    private Options(LikelihoodDescriptor descriptor, Map<String, String> values) {
        this.descriptor = descriptor;
        this.values = values;
    }

    /**
     * {@return the options, validated}
     *
     * @param descriptor the likelihood
     * @param given      the options given (not modified)
     * @throws InvalidOptionException naming an unknown key (and listing the accepted ones) or a bad value (and
     *   what the option accepts)
     */
    public static Options of(LikelihoodDescriptor descriptor, Map<String, String> given) {
        Map<String, String> v = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            LikelihoodOption o = descriptor.option(e.getKey());
            if (o == null) {
                throw new InvalidOptionException(e.getKey(), "likelihood '" + descriptor.name() + "' has no option '"
                        + e.getKey() + "'; its options: " + (descriptor.options().isEmpty() ? "none"
                        : descriptor.optionKeys()));
            }
            if (e.getValue() == null) {
                throw new InvalidOptionException(e.getKey(), "likelihood '" + descriptor.name() + "': option "
                        + e.getKey() + " has no value");
            }
            v.put(e.getKey(), o.validate(descriptor.name(), e.getValue()));
        }
        return new Options(descriptor, Map.copyOf(v));
    }

    /** {@return the likelihood these options are for} */
    public LikelihoodDescriptor descriptor() {
        return descriptor;
    }

    /**
     * {@return whether the option was given (rather than defaulted)}
     *
     * @param key an option key
     */
    public boolean isGiven(String key) {
        return values.containsKey(declared(key).key());
    }

    /**
     * {@return its value, or its default ({@code null} when it has none)}
     *
     * @param key a {@code CHOICE} or {@code TEXT} option
     */
    public String string(String key) {
        LikelihoodOption o = declared(key);
        return values.getOrDefault(key, o.defaultValue());
    }

    /**
     * {@return its value or default}
     *
     * @param key a {@code BOOLEAN} option
     */
    public boolean bool(String key) {
        return Boolean.parseBoolean(required(key, LikelihoodOption.Type.BOOLEAN));
    }

    /**
     * {@return its value or default}
     *
     * @param key a {@code NUMBER} option
     */
    public double number(String key) {
        return Double.parseDouble(required(key, LikelihoodOption.Type.NUMBER));
    }

    private String required(String key, LikelihoodOption.Type type) {
        LikelihoodOption o = declared(key);
        if (o.type() != type) {
            throw new AssertionError("option " + key + " of " + descriptor.name() + " is a " + o.type() + ", not a " + type);
        }
        String v = values.getOrDefault(key, o.defaultValue());
        if (v == null) {
            throw new InvalidOptionException(key, "likelihood '" + descriptor.name() + "' needs option " + key);
        }
        return v;
    }

    private LikelihoodOption declared(String key) {
        LikelihoodOption o = descriptor.option(key);
        if (o == null) {
            throw new AssertionError("likelihood " + descriptor.name() + " reads undeclared option " + key);
        }
        return o;
    }

    @Override
    public String toString() {
        return descriptor.name() + values;
    }
}
