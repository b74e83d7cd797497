package org.cosmoemu.likelihoods;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Validating access to a likelihood's string options. Immutable. */
public final class Options {
    private final String likelihood;
    private final Map<String, String> values;

    private Options(String likelihood, Map<String, String> values) {
        this.likelihood = likelihood;
        this.values = values;
    }

    /**
     * @param likelihood the likelihood's name (for messages)
     * @param values     the options given
     * @param accepted   the option keys this likelihood accepts
     * @return the options
     * @throws IllegalArgumentException naming an unknown key and listing the accepted ones
     */
    public static Options of(String likelihood, Map<String, String> values, String... accepted) {
        Set<String> ok = new TreeSet<>(Arrays.asList(accepted));
        for (String k : values.keySet()) {
            if (!ok.contains(k)) {
                throw new IllegalArgumentException("likelihood '" + likelihood + "' has no option '" + k
                        + "'; options: " + ok);
            }
        }
        return new Options(likelihood, Map.copyOf(values));
    }

    /**
     * @param key     option key
     * @param def     default
     * @param allowed the allowed values (empty: any)
     * @return the value
     * @throws IllegalArgumentException if the value is not allowed (the message lists the allowed values)
     */
    public String string(String key, String def, String... allowed) {
        String v = values.getOrDefault(key, def);
        if (allowed.length > 0 && v != null && !Arrays.asList(allowed).contains(v)) {
            throw new IllegalArgumentException("likelihood '" + likelihood + "': option " + key + "=" + v
                    + " is not one of " + Arrays.toString(allowed));
        }
        return v;
    }

    /**
     * @param key option key
     * @param def default
     * @return the value as a boolean ({@code true/false})
     * @throws IllegalArgumentException if the value is neither
     */
    public boolean bool(String key, boolean def) {
        String v = values.get(key);
        if (v == null) {
            return def;
        }
        switch (v.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new IllegalArgumentException("likelihood '" + likelihood + "': option " + key + "=" + v
                        + " must be true or false");
        }
    }

    /**
     * @param key option key
     * @param def default
     * @return the value as a number
     * @throws IllegalArgumentException if it is not a number
     */
    public double number(String key, double def) {
        String v = values.get(key);
        if (v == null) {
            return def;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("likelihood '" + likelihood + "': option " + key + "=" + v
                    + " is not a number");
        }
    }
}
