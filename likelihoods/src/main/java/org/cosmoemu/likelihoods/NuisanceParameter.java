package org.cosmoemu.likelihoods;

import java.util.Objects;

/**
 * A parameter a likelihood needs besides the cosmology (e.g. the Planck calibration {@code A_planck}),
 * with the value used when the caller gives none and the prior the published analyses use.
 *
 * @param name         the parameter name (as on the CLI: {@code --param A_planck=1.0})
 * @param defaultValue value used when none is given
 * @param prior        the default prior (samplers add it; {@link Likelihood#logLike} does not)
 */
public record NuisanceParameter(String name, double defaultValue, Prior prior) {
    /**
     * Checks the components.
     *
     * @throws NullPointerException if name or prior is null
     */
    public NuisanceParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prior, "prior");
    }
}
