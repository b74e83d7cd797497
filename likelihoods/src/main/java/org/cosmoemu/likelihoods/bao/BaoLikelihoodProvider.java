package org.cosmoemu.likelihoods.bao;

import java.util.List;
import org.cosmoemu.likelihoods.LikelihoodDescriptor;
import org.cosmoemu.likelihoods.LikelihoodOption;
import org.cosmoemu.likelihoods.LikelihoodProvider;

/**
 * Registers {@code bao}: one or several BAO data sets (option {@code dataset=NAME[,NAME...]}, default
 * {@value #DEFAULT_DATASET}; names in {@link BaoDataSets#names()}). The typed equivalent is
 * {@link BaoLikelihood#of(String)}.
 */
public final class BaoLikelihoodProvider implements LikelihoodProvider {
    /** Creates the provider (used by {@link java.util.ServiceLoader}). */
    public BaoLikelihoodProvider() {
    }

    /** The likelihood name. */
    public static final String NAME = "bao";
    /** Data set used when no {@code dataset} option is given. */
    public static final String DEFAULT_DATASET = "desi_dr2";

    static final LikelihoodDescriptor DESCRIPTOR = new LikelihoodDescriptor(NAME,
            "BAO distance measurements: DESI DR2/DR1 (all tracers or each), SDSS (MGS, DR12, DR16), 6dF, ...",
            BaoLikelihood.DATA_SUBDIR + " (cobaya's bao_data, https://github.com/CobayaSampler/bao_data)",
            List.of(LikelihoodOption.text("dataset", DEFAULT_DATASET, "comma-separated data sets, combined as "
                    + "independent: " + String.join(", ", BaoDataSets.names()))),
            o -> BaoLikelihood.of(o.string("dataset")));

    @Override
    public List<LikelihoodDescriptor> likelihoods() {
        return List.of(DESCRIPTOR);
    }
}
