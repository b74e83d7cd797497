package org.cosmoemu.likelihoods;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import org.cosmoemu.api.InvalidOptionException;

/**
 * The likelihood catalogue: every likelihood on the class path, by name, with its options
 * ({@link LikelihoodDescriptor}). This is the string adapter the CLI and input files use; from Java, the
 * typed factories of each likelihood say the same thing with enums and builders:
 *
 * <pre>{@code
 * Likelihood act = Likelihoods.create("act_dr6_lensing", Map.of("variant", "actplanck_baseline"));
 * Likelihood same = ActDr6Lensing.builder().variant(ActDr6Lensing.Variant.ACTPLANCK_BASELINE).build();
 * }</pre>
 */
public final class Likelihoods {
    private static volatile Map<String, LikelihoodDescriptor> catalogue;

    private Likelihoods() {
    }

    /** {@return every likelihood name available, sorted} */
    public static Set<String> names() {
        return catalogue().keySet();
    }

    /** {@return every likelihood's descriptor, sorted by name} */
    public static List<LikelihoodDescriptor> descriptors() {
        return List.copyOf(catalogue().values());
    }

    /**
     * {@return its descriptor (options, defaults, data)}
     *
     * @param name a likelihood name
     * @throws InvalidOptionException if no likelihood has that name (the message lists the names)
     */
    public static LikelihoodDescriptor descriptor(String name) {
        LikelihoodDescriptor d = catalogue().get(name);
        if (d == null) {
            throw new InvalidOptionException("likelihood", "unknown likelihood '" + name + "'; available: " + names());
        }
        return d;
    }

    /**
     * {@return the likelihood, with its data loaded from the configured data directory}
     *
     * @param name    a likelihood name, e.g. {@code act_dr6_lensing}
     * @param options string options (e.g. {@code variant=act_baseline}); not modified
     * @throws InvalidOptionException                for an unknown name, an unknown option, a value of the wrong
     *   type or a combination the likelihood refuses
     * @throws org.cosmoemu.api.DataFileException if its data is missing or malformed
     */
    public static Likelihood create(String name, Map<String, String> options) {
        LikelihoodDescriptor d = descriptor(name);
        return d.factory().create(Options.of(d, options));
    }

    private static Map<String, LikelihoodDescriptor> catalogue() {
        Map<String, LikelihoodDescriptor> c = catalogue;
        if (c == null) {
            Map<String, LikelihoodDescriptor> m = new TreeMap<>();
            List<String> duplicates = new ArrayList<>();
            for (LikelihoodProvider p : ServiceLoader.load(LikelihoodProvider.class, Likelihoods.class.getClassLoader())) {
                for (LikelihoodDescriptor d : p.likelihoods()) {
                    if (m.put(d.name(), d) != null) {
                        duplicates.add(d.name());
                    }
                }
            }
            if (!duplicates.isEmpty()) {
                throw new AssertionError("likelihood names registered twice: " + duplicates);
            }
            c = Collections.unmodifiableMap(m);
            catalogue = c;
        }
        return c;
    }
}
