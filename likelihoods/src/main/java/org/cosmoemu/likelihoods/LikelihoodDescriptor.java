package org.cosmoemu.likelihoods;

import java.util.List;
import java.util.Objects;
import org.cosmoemu.api.InvalidOptionException;

/**
 * A likelihood as the catalogue ({@link Likelihoods}) knows it: its name, a one-line summary, where its data
 * comes from, its options, and how to create it from validated options. Providers
 * ({@link LikelihoodProvider}) publish one descriptor per name; the CLI's help and the input-file reader are
 * generated from them.
 *
 * @param name     the name, e.g. {@code act_dr6_lensing}
 * @param summary  one line saying what it is
 * @param data     the folder under the data directory it reads, and where that data is published
 * @param options  its options, in the order help texts list them
 * @param factory  creates the likelihood from validated options
 */
public record LikelihoodDescriptor(String name, String summary, String data, List<LikelihoodOption> options,
        Factory factory) {

    /** Creates a likelihood from options already validated against the descriptor. */
    @FunctionalInterface
    public interface Factory {
        /**
         * {@return the likelihood, with its data loaded}
         *
         * @param options the options, typed
         * @throws InvalidOptionException               for a combination of options the likelihood refuses
         * @throws org.cosmoemu.api.DataFileException for missing or malformed data
         */
        Likelihood create(Options options);
    }

    /**
     * Checks the components.
     *
     * @throws NullPointerException   if a component is null
     * @throws InvalidOptionException if two options share a key
     */
    public LikelihoodDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(factory, "factory");
        options = List.copyOf(options);
        if (options.stream().map(LikelihoodOption::key).distinct().count() != options.size()) {
            throw new InvalidOptionException(null, "likelihood '" + name + "' declares an option twice: " + options);
        }
    }

    /**
     * {@return the option, or {@code null} if this likelihood has none of that key}
     *
     * @param key an option key
     */
    public LikelihoodOption option(String key) {
        for (LikelihoodOption o : options) {
            if (o.key().equals(key)) {
                return o;
            }
        }
        return null;
    }

    /** {@return the option keys, in declaration order} */
    public List<String> optionKeys() {
        return options.stream().map(LikelihoodOption::key).toList();
    }
}
