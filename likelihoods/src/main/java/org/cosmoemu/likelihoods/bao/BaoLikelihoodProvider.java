package org.cosmoemu.likelihoods.bao;

import java.util.Map;
import java.util.Set;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.LikelihoodProvider;
import org.cosmoemu.likelihoods.Options;

/**
 * Registers {@code bao} (option {@code dataset=NAME[,NAME...]}, default {@value #DEFAULT_DATASET}; names
 * in {@link BaoDataSets#names()}).
 */
public final class BaoLikelihoodProvider implements LikelihoodProvider {
    /** The likelihood name. */
    public static final String NAME = "bao";
    /** Data set used when no {@code dataset} option is given. */
    public static final String DEFAULT_DATASET = "desi_dr2";

    @Override
    public Set<String> names() {
        return Set.of(NAME);
    }

    @Override
    public Likelihood create(String name, Map<String, String> options) {
        if (!NAME.equals(name)) {
            throw new IllegalArgumentException("BaoLikelihoodProvider creates '" + NAME + "', not '" + name + "'");
        }
        Options o = Options.of(NAME, options, "dataset");
        return BaoLikelihood.of(o.string("dataset", DEFAULT_DATASET));
    }
}
