package org.cosmoemu.theory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.cosmoemu.api.InvalidOptionException;

/**
 * Named parameter sets users start from ({@code --base NAME} on the CLI). Input names are those of the
 * bundled ΛCDM emulators.
 */
public final class ParameterBases {
    /**
     * Planck 2018 TT,TE,EE+lowE+lensing 68% means (Planck Collaboration 2020, A&amp;A 641, A6, Table 2, column 5):
     * ω_b = 0.02237, ω_cdm = 0.1200, H0 = 67.36, τ = 0.0544, n_s = 0.9649, ln(10¹⁰ A_s) = 3.044.
     */
    public static final String PLANCK2018 = "planck2018";

    private static final Map<String, Map<String, Double>> BASES = Map.of(PLANCK2018, planck2018());

    private ParameterBases() {
    }

    private static Map<String, Double> planck2018() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("omega_b", 0.02237);
        m.put("omega_cdm", 0.1200);
        m.put("H0", 67.36);
        m.put("tau_reio", 0.0544);
        m.put("n_s", 0.9649);
        m.put("ln10^{10}A_s", 3.044);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** {@return the names of the available sets} */
    public static Set<String> names() {
        return BASES.keySet();
    }

    /**
     * {@return its values by input name (unmodifiable, in network order of the bundled models)}
     *
     * @param name a set's name, e.g. {@link #PLANCK2018}
     * @throws InvalidOptionException listing the known names if {@code name} is unknown
     */
    public static Map<String, Double> get(String name) {
        Map<String, Double> m = BASES.get(name);
        if (m == null) {
            throw new InvalidOptionException("base", "unknown parameter base '" + name + "'; known: " + names());
        }
        return m;
    }
}
