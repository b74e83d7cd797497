package org.cosmoemu.inference.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cosmoemu.api.InvalidOptionException;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A value of a parsed input file together with its YAML path ({@code params.omch2.prior.min}), so that every
 * complaint names the key at fault. Reading is lenient where cobaya's files are (numbers written as strings
 * such as {@code '1e-10'}, YAML 1.1 booleans {@code yes}/{@code no}) and strict otherwise. Immutable.
 */
final class YamlValue {
    /** Largest input file read, in characters. */
    static final int MAX_CHARS = 1 << 20;

    private final String file;
    private final String path;
    private final Object value;

    private YamlValue(String file, String path, Object value) {
        this.file = file;
        this.path = path;
        this.value = value;
    }

    /**
     * @param text   the file's text
     * @param source its name, for messages
     * @return the document's root
     * @throws InvalidOptionException if the text is not YAML, too large, or its root is not a mapping
     */
    static YamlValue parse(String text, String source) {
        if (text.length() > MAX_CHARS) {
            throw new InvalidOptionException(null, source + ": the input file has more than " + MAX_CHARS
                    + " characters");
        }
        LoadSettings settings = LoadSettings.builder().setLabel(source).setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(50).setCodePointLimit(MAX_CHARS).build();
        Object doc;
        try {
            doc = new Load(settings).loadFromString(text);
        } catch (YamlEngineException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
            throw new InvalidOptionException(null, source + ": not a valid YAML file: " + msg);
        } catch (RuntimeException e) {
            throw new InvalidOptionException(null, source + ": not a valid YAML file (" + e.getClass().getSimpleName() + ")");
        }
        YamlValue root = new YamlValue(source, "", doc);
        if (!(doc instanceof Map)) {
            throw new InvalidOptionException(null, source + ": an input file is a mapping with blocks such as "
                    + "likelihood:, params:, sampler:, output:; this one is " + root.kind());
        }
        return root;
    }

    /** @return the YAML path, e.g. {@code params.omch2.prior.min} ({@code ""} for the root) */
    String path() {
        return path;
    }

    /** @return the file's name, for messages */
    String file() {
        return file;
    }

    /** @return the raw value (a Map, List, Number, Boolean, String or null) */
    Object raw() {
        return value;
    }

    boolean isNull() {
        return value == null || (value instanceof String s && (s.equals("None") || s.equals("null") || s.equals("~")));
    }

    boolean isMap() {
        return value instanceof Map;
    }

    boolean isList() {
        return value instanceof List;
    }

    boolean isString() {
        return value instanceof String && !isNull();
    }

    /** @return {@code true} for a number, or a string that reads as a finite number */
    boolean isNumber() {
        if (value instanceof Number n) {
            return true;
        }
        if (value instanceof String s) {
            try {
                Double.parseDouble(s.strip());
                return !s.isBlank();
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    /**
     * @return the entries of a mapping, in file order, each with its path
     * @throws InvalidOptionException if this is not a mapping
     */
    Map<String, YamlValue> map() {
        if (!(value instanceof Map<?, ?> m)) {
            throw error("expected a mapping (key: value lines), got " + kind());
        }
        Map<String, YamlValue> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            out.put(key, child(key, e.getValue()));
        }
        return out;
    }

    /**
     * @return the mapping's entries, or none for a null value (cobaya's {@code name: null} or {@code name:})
     * @throws InvalidOptionException if this is neither
     */
    Map<String, YamlValue> mapOrEmpty() {
        return isNull() ? Map.of() : map();
    }

    /**
     * @return the items of a list, each with its path ({@code key[0]})
     * @throws InvalidOptionException if this is not a list
     */
    List<YamlValue> list() {
        if (!(value instanceof List<?> l)) {
            throw error("expected a list, got " + kind());
        }
        List<YamlValue> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            out.add(new YamlValue(file, path + "[" + i + "]", l.get(i)));
        }
        return out;
    }

    /**
     * @return the number
     * @throws InvalidOptionException if this is not a finite number
     */
    double number() {
        double d;
        if (value instanceof Number n) {
            d = n.doubleValue();
        } else if (value instanceof String s && isNumber()) {
            d = Double.parseDouble(s.strip());
        } else {
            throw error("expected a number, got " + kind());
        }
        if (!Double.isFinite(d)) {
            throw error("expected a finite number, got " + d);
        }
        return d;
    }

    /**
     * @return a whole number, also written as {@code 40d} (cobaya: 40 times the number of sampled parameters)
     * @param dimension the number of sampled parameters, for the {@code d} suffix
     * @throws InvalidOptionException if this is not a non-negative whole number
     */
    long count(int dimension) {
        if (value instanceof String s && s.strip().toLowerCase(Locale.ROOT).endsWith("d")) {
            String n = s.strip().substring(0, s.strip().length() - 1);
            try {
                double f = Double.parseDouble(n);
                if (f >= 0 && Double.isFinite(f)) {
                    return Math.round(f * dimension);
                }
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
            throw error("expected a whole number or N'd' (N times the dimension), got '" + s + "'");
        }
        double d = number();
        if (d < 0 || d != Math.rint(d) || d > Long.MAX_VALUE / 2) {
            throw error("expected a whole number >= 0, got " + d);
        }
        return (long) d;
    }

    /**
     * @return the string value (numbers and booleans as they were written)
     * @throws InvalidOptionException if this is a mapping, list or null
     */
    String string() {
        if (value == null || value instanceof Map || value instanceof List) {
            throw error("expected a text value, got " + kind());
        }
        return String.valueOf(value);
    }

    /**
     * @return the boolean value ({@code true/false}, also YAML 1.1's {@code yes/no/on/off})
     * @throws InvalidOptionException if this is not a boolean
     */
    boolean bool() {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on":
                    return true;
                case "false", "no", "off":
                    return false;
                default:
                    break;
            }
        }
        throw error("expected true or false, got " + kind());
    }

    /** @return the list of numbers (a number alone counts as a list of one) */
    double[] numbers() {
        if (!isList()) {
            return new double[] {number()};
        }
        List<YamlValue> l = list();
        double[] d = new double[l.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = l.get(i).number();
        }
        return d;
    }

    /**
     * @param message what is wrong with this value
     * @return an exception naming the file and this value's path
     */
    InvalidOptionException error(String message) {
        return new InvalidOptionException(path.isEmpty() ? null : path,
                file + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    /** @return a short description of what this value is, for messages */
    String kind() {
        if (isNull()) {
            return "nothing (null)";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        String s = String.valueOf(value);
        return (value instanceof String ? "'" : "") + (s.length() > 60 ? s.substring(0, 57) + "..." : s)
                + (value instanceof String ? "'" : "");
    }

    private YamlValue child(String key, Object v) {
        return new YamlValue(file, path.isEmpty() ? key : path + "." + key, v);
    }
}
