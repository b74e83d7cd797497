package org.cosmoemu.likelihoods;

import java.util.List;

/**
 * Service-provider interface that makes likelihoods available by name (to the CLI, input files and
 * {@link Likelihoods#create}). Register implementations in
 * {@code META-INF/services/org.cosmoemu.likelihoods.LikelihoodProvider}.
 */
public interface LikelihoodProvider {

    /** {@return one descriptor per likelihood this provider creates} */
    List<LikelihoodDescriptor> likelihoods();
}
