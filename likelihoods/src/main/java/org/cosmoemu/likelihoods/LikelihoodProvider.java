package org.cosmoemu.likelihoods;

import java.util.Map;
import java.util.Set;

/**
 * Service-provider interface that makes likelihoods available by name (to the CLI and to
 * {@link Likelihoods#create}). Register implementations in
 * {@code META-INF/services/org.cosmoemu.likelihoods.LikelihoodProvider}.
 */
public interface LikelihoodProvider {

    /** @return the likelihood names this provider creates, e.g. {@code act_dr6_lensing} */
    Set<String> names();

    /**
     * @param name    one of {@link #names()}
     * @param options string options (e.g. {@code variant=act_baseline}); unknown keys must be rejected with a
     *                message listing the accepted ones
     * @return the likelihood, with its data loaded from the configured data directory
     * @throws IllegalArgumentException                for an unknown option or value (the message lists the valid ones)
     * @throws org.cosmoemu.api.DataFileException for missing or malformed data files
     */
    Likelihood create(String name, Map<String, String> options);
}
