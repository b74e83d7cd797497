package org.cosmoemu.inference;

import java.util.Objects;
import org.cosmoemu.api.InvalidParameterException;

/**
 * A quantity recorded with every sample but not sampled (σ8, S8, Ω_m, H0, ...): the log-likelihood
 * function computes it along the way and hands it back.
 *
 * @param name  the name in output files (GetDist marks it derived with a trailing {@code *} in
 *              {@code .paramnames}): no white space or {@code #}, no {@code *} at either end
 * @param latex the LaTeX label without {@code $}
 */
public record DerivedParameter(String name, String latex) {
    /**
     * Checks the components.
     *
     * @throws NullPointerException       if an argument is null
     * @throws InvalidParameterException if the name is not a valid GetDist name
     */
    public DerivedParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(latex, "latex label of derived parameter " + name);
        if (!SampledParameter.NAME.matcher(name).matches()) {
            throw new InvalidParameterException(name, "derived parameter name '" + name
                    + "' is not valid in GetDist files: use no white space or '#', and no '*' at either end");
        }
    }

    /**
     * {@return the derived parameter}
     *
     * @param name  the name
     * @param latex the LaTeX label
     * @throws InvalidParameterException if the name is not valid
     */
    public static DerivedParameter of(String name, String latex) {
        return new DerivedParameter(name, latex);
    }
}
