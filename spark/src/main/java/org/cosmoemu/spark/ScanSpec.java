package org.cosmoemu.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.likelihoods.Likelihoods;
import org.cosmoemu.theory.ParameterBases;

/**
 * What a log-likelihood scan ({@link SparkEmu#scan}) evaluates at each row: a combination of likelihoods by their
 * catalogue names and string options (the names and options of {@code cosmo-emu loglike --likelihood NAME --option
 * KEY=VALUE} and of input files, see {@link Likelihoods#descriptors()}), a named parameter base
 * ({@code cosmo-emu loglike --base}) and fixed parameter values ({@code --param}).
 *
 * <p>At each row, as {@code cosmo-emu loglike} does for one point: the theory inputs are the base, then the fixed
 * values, then the row's columns named after theory inputs; columns named after a settable target
 * ({@code sigma8}, {@code S8}, {@code Omega_m}, {@code 100theta_star}, ...) are solved for as {@code --set} does;
 * columns named after a likelihood's nuisance parameter set it (else the fixed value, else its default). Other
 * columns (an id, labels) pass through.
 *
 * <pre>{@code
 * ScanSpec spec = ScanSpec.of("act_dr6_lensing", "bao").withBase("planck2018")
 *         .withOption("act_dr6_lensing", "variant", "actplanck_baseline");
 * }</pre>
 *
 * <p>Immutable and serializable; every factory and {@code with} method validates its arguments.
 */
public final class ScanSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The likelihoods' catalogue names. */
    private final List<String> names;
    /** Each likelihood's string options. */
    private final List<Map<String, String>> options;
    /** The parameter base, or null. */
    private final String base;
    /** Fixed parameter values. */
    private final Map<String, Double> fixed;

    private ScanSpec(List<String> names, List<Map<String, String>> options, String base, Map<String, Double> fixed) {
        this.names = names;
        this.options = options;
        this.base = base;
        this.fixed = fixed;
    }

    /**
     * {@return a scan of the sum of these likelihoods, each with its default options, on no parameter base}
     *
     * @param likelihoods catalogue names, at least one, e.g. {@code act_dr6_lensing}
     * @throws InvalidOptionException if a name is not in the catalogue, or none is given
     */
    public static ScanSpec of(String... likelihoods) {
        if (likelihoods.length == 0) {
            throw new InvalidOptionException("likelihood", "a scan needs at least one likelihood; the catalogue has "
                    + Likelihoods.names());
        }
        List<String> n = new ArrayList<>();
        List<Map<String, String>> o = new ArrayList<>();
        for (String l : likelihoods) {
            Likelihoods.descriptor(Objects.requireNonNull(l, "likelihood"));
            n.add(l);
            o.add(Map.of());
        }
        return new ScanSpec(List.copyOf(n), List.copyOf(o), null, Map.of());
    }

    /**
     * {@return this scan with an option of one of its likelihoods set, as {@code --option KEY=VALUE}}
     *
     * @param likelihood the likelihood, one of this scan's
     * @param key        the option
     * @param value      its value
     * @throws InvalidOptionException if the likelihood is not in this scan or has no such option (the value is
     *                                checked when the scan starts, on the driver)
     */
    public ScanSpec withOption(String likelihood, String key, String value) {
        int i = names.indexOf(likelihood);
        if (i < 0) {
            throw new InvalidOptionException("likelihood", "'" + likelihood + "' is not in this scan " + names);
        }
        Map<String, String> m = new LinkedHashMap<>(options.get(i));
        m.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        if (Likelihoods.descriptor(likelihood).option(key) == null) {
            throw new InvalidOptionException(key, likelihood + " has no option '" + key + "'; its options are "
                    + Likelihoods.descriptor(likelihood).optionKeys());
        }
        List<Map<String, String>> o = new ArrayList<>(options);
        o.set(i, Collections.unmodifiableMap(m));
        return new ScanSpec(names, List.copyOf(o), base, fixed);
    }

    /**
     * {@return this scan starting each row from a named parameter set, as {@code --base NAME}}
     *
     * @param name a name of {@link ParameterBases#names()}, e.g. {@code planck2018}
     * @throws InvalidOptionException if there is no such base
     */
    public ScanSpec withBase(String name) {
        if (!ParameterBases.names().contains(name)) {
            throw new InvalidOptionException("base", "no parameter base named '" + name + "'; known: "
                    + ParameterBases.names());
        }
        return new ScanSpec(names, options, name, fixed);
    }

    /**
     * {@return this scan with a parameter fixed for every row that has no column of that name, as {@code --param}}
     *
     * @param name  a theory input or a nuisance parameter
     * @param value its value (finite)
     * @throws InvalidParameterException if {@code value} is not finite
     */
    public ScanSpec withParameter(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidParameterException(name, "parameter '" + name + "' = " + value + ": values must be finite");
        }
        Map<String, Double> f = new LinkedHashMap<>(fixed);
        f.put(Objects.requireNonNull(name, "name"), value);
        return new ScanSpec(names, options, base, Collections.unmodifiableMap(f));
    }

    /** {@return the likelihoods' catalogue names, in order} */
    public List<String> likelihoods() {
        return names;
    }

    /**
     * {@return the options of the likelihood at {@code index}}
     *
     * @param index position in {@link #likelihoods()}
     */
    public Map<String, String> options(int index) {
        return options.get(index);
    }

    /** {@return the parameter base's name, or {@code null} for none} */
    public String base() {
        return base;
    }

    /** {@return the fixed parameter values} */
    public Map<String, Double> fixedParameters() {
        return fixed;
    }

    /** {@return the χ² column of each likelihood: {@code chi2__NAME}, with {@code _2}, ... for repeated names} */
    public List<String> chi2Columns() {
        List<String> c = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String col = "chi2__" + names.get(i);
            int k = 2;
            while (c.contains(col)) {
                col = "chi2__" + names.get(i) + "_" + k++;
            }
            c.add(col);
        }
        return c;
    }

    /** {@return a key naming everything the executors build from this spec} */
    String key() {
        return names + "|" + options;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScanSpec s && names.equals(s.names) && options.equals(s.options) && Objects.equals(base, s.base)
                && fixed.equals(s.fixed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(names, options, base, fixed);
    }

    @Override
    public String toString() {
        return "ScanSpec[" + names + ", options " + options + ", base " + base + ", fixed " + fixed + "]";
    }
}
