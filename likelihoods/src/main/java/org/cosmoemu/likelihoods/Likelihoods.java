package org.cosmoemu.likelihoods;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/** Finds likelihoods by name through {@link LikelihoodProvider}s on the classpath. */
public final class Likelihoods {
    private Likelihoods() {
    }

    /** @return every likelihood name available */
    public static Set<String> names() {
        Set<String> s = new TreeSet<>();
        for (LikelihoodProvider p : ServiceLoader.load(LikelihoodProvider.class)) {
            s.addAll(p.names());
        }
        return s;
    }

    /**
     * @param name    a likelihood name, e.g. {@code act_dr6_lensing}
     * @param options string options
     * @return the likelihood
     * @throws IllegalArgumentException if no provider knows {@code name} (the message lists the known names),
     *                                  or an option is invalid
     */
    public static Likelihood create(String name, Map<String, String> options) {
        for (LikelihoodProvider p : ServiceLoader.load(LikelihoodProvider.class)) {
            if (p.names().contains(name)) {
                return p.create(name, options);
            }
        }
        throw new IllegalArgumentException("unknown likelihood '" + name + "'; available: " + names());
    }
}
