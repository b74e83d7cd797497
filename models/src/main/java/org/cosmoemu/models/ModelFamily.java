package org.cosmoemu.models;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.theory.EmulatorTheory;

/**
 * The families of bundled emulators, each assembled into a theory: {@link #LCDM} (flat ΛCDM with one 0.06 eV
 * neutrino, {@code lcdm/…}) and {@link #EXT} (Σm_ν, N_eff and w0–wa free, {@code ext/…}). Callers name one, or let
 * {@link #forParameters(Collection)} and {@link #forPoint(Map)} pick the family a parameter set needs.
 */
public enum ModelFamily {
    /** Flat ΛCDM, one massive neutrino of 0.06 eV, N_eff = 3.046, w = −1: {@link LcdmTheory}. */
    LCDM("lcdm"),
    /** Flat w0–wa CDM with free Σm_ν (one massive species) and N_eff: {@link ExtTheory}. */
    EXT("ext");

    /**
     * The inputs that only {@link #EXT} has, with the value {@link #LCDM} fixes them at (m_ncdm = 0.06 eV,
     * N_eff = 3.046, w0_fld = −1, wa_fld = 0), in the extended theory's input order (unmodifiable).
     */
    public static final Map<String, Double> LCDM_VALUES = lcdmValues();

    private final String token;

    ModelFamily(String token) {
        this.token = token;
    }

    private static Map<String, Double> lcdmValues() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(EmulatorTheory.M_NCDM, 0.06);
        m.put(EmulatorTheory.N_EFF, 3.046);
        m.put(EmulatorTheory.W0, -1.0);
        m.put(EmulatorTheory.WA, 0.0);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** {@return the family's name on the command line and in input files: {@code lcdm} or {@code ext}} */
    public String token() {
        return token;
    }

    /**
     * {@return the family}
     *
     * @param name {@code lcdm} or {@code ext} (case-insensitive)
     * @throws InvalidOptionException naming the families if there is no such family
     */
    public static ModelFamily parse(String name) {
        for (ModelFamily f : values()) {
            if (f.token.equalsIgnoreCase(name == null ? "" : name.trim())) {
                return f;
            }
        }
        throw new InvalidOptionException("family", "no model family '" + name + "'; families: " + tokens());
    }

    /** {@return the families' names, e.g. for messages} */
    public static List<String> tokens() {
        return java.util.Arrays.stream(values()).map(ModelFamily::token).toList();
    }

    /**
     * {@return the family of a catalogue model, from its prefix: {@code ext/tt} → {@link #EXT}}
     *
     * @param catalogueName a bundled model's name, {@code FAMILY/OUTPUT}
     * @throws InvalidOptionException if the prefix is no family
     */
    public static ModelFamily ofModel(String catalogueName) {
        int slash = catalogueName == null ? -1 : catalogueName.indexOf('/');
        if (slash < 0) {
            throw new InvalidOptionException("model", "'" + catalogueName + "' is no catalogue name FAMILY/OUTPUT "
                    + "(families " + tokens() + ")");
        }
        return parse(catalogueName.substring(0, slash));
    }

    /**
     * {@return the family whose inputs include every name that varies: {@link #EXT} if any of
     * {@link #LCDM_VALUES}' names is among them, else {@link #LCDM}}
     *
     * @param varied the names of the parameters that vary (sampled or swept); other names are ignored
     */
    public static ModelFamily forParameters(Collection<String> varied) {
        for (String n : varied) {
            if (LCDM_VALUES.containsKey(n)) {
                return EXT;
            }
        }
        return LCDM;
    }

    /**
     * {@return the family a point needs: {@link #EXT} if it gives one of {@link #LCDM_VALUES}' names a value other
     * than ΛCDM's, else {@link #LCDM}}
     *
     * @param point parameter values by name (other names are ignored)
     */
    public static ModelFamily forPoint(Map<String, ? extends Number> point) {
        for (Map.Entry<String, Double> e : LCDM_VALUES.entrySet()) {
            Number v = point.get(e.getKey());
            if (v != null && v.doubleValue() != e.getValue()) {
                return EXT;
            }
        }
        return LCDM;
    }

    /**
     * Completes a point for this family's theory: for {@link #EXT}, the inputs it lacks of {@link #LCDM_VALUES} get
     * ΛCDM's values; for {@link #LCDM}, those names are removed where they hold ΛCDM's value (anything else is left
     * for the theory to refuse by name).
     *
     * @param point parameter values by name (not modified)
     * @return a new map in the point's order, with the completed inputs appended
     */
    public Map<String, Double> complete(Map<String, ? extends Number> point) {
        Map<String, Double> out = new LinkedHashMap<>();
        point.forEach((k, v) -> out.put(k, v.doubleValue()));
        if (this == EXT) {
            LCDM_VALUES.forEach(out::putIfAbsent);
        } else {
            LCDM_VALUES.forEach((k, v) -> out.remove(k, v));
        }
        return out;
    }

    /**
     * {@return the family's bundled theory}
     *
     * @param options backend, precision and range policy of every emulator
     * @throws InvalidOptionException if the backend is not on the classpath or the family is not in this build
     */
    public EmulatorTheory theory(EmulatorOptions options) {
        return this == LCDM ? LcdmTheory.bundled(options) : ExtTheory.bundled(options);
    }

    /** {@return whether this build ships the family's models} */
    public boolean isBundled() {
        return this == LCDM ? BundledModels.isAvailable(BundledModels.LCDM_DERIVED) : ExtTheory.isBundled();
    }

    /**
     * {@return the bundled model of one output of this family, e.g. {@code tt} → {@code ext/tt}}
     *
     * @param output the output's short name ({@code tt}, {@code pp}, {@code pk_lin}, {@code derived}, ...)
     */
    public String model(String output) {
        return token + "/" + output.toLowerCase(Locale.ROOT);
    }
}
