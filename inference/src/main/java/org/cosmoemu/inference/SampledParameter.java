package org.cosmoemu.inference;

import java.util.Objects;
import java.util.regex.Pattern;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.likelihoods.NuisanceParameter;
import org.cosmoemu.likelihoods.Prior;

/**
 * A parameter the sampler varies, with its prior, where chains start and how far the first proposals step.
 *
 * <p>Chains start at {@code reference} plus a Gaussian offset of standard deviation {@code referenceWidth}
 * (redrawn until it falls inside the prior), so that parallel chains start apart. Until the sampler has
 * learned the posterior covariance, the proposal covariance is diagonal with standard deviations
 * {@code proposalWidth} (about the posterior width is ideal; a factor of a few off only slows the start).
 *
 * @param name           the name in output files and summaries: no white space or {@code #}, and no {@code *} at
 *                       either end (GetDist's rule), e.g. {@code omega_b} or {@code ln10^{10}A_s}
 * @param prior          the prior; its support bounds the sampled range
 * @param reference      the centre of the start distribution, inside the prior's support
 * @param referenceWidth the standard deviation of the start distribution, ≥ 0 (0: every chain starts at
 *                       {@code reference})
 * @param proposalWidth  the initial proposal standard deviation, &gt; 0, in the parameter's units
 * @param latex          the LaTeX label without {@code $} (e.g. {@code \sigma_8}); written to {@code .paramnames}
 */
public record SampledParameter(String name, Prior prior, double reference, double referenceWidth,
        double proposalWidth, String latex) {

    /**
     * GetDist's rule for parameter names: no white space, no {@code #}, and no {@code *} at either end (a
     * trailing {@code *} marks a derived parameter in {@code .paramnames}). Names such as {@code ln10^{10}A_s}
     * and {@code 100*theta_s} are valid.
     */
    static final Pattern NAME = Pattern.compile("[^\\s#*](?:[^\\s#]*[^\\s#*])?");

    /**
     * Validates the fields.
     *
     * @throws NullPointerException       if name, prior or latex is null
     * @throws InvalidParameterException naming the parameter, if the name is not a valid GetDist name, the
     *                                   reference is outside the prior, or a width is negative, zero (proposal)
     *                                   or not finite
     */
    public SampledParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prior, "prior of parameter " + name);
        Objects.requireNonNull(latex, "latex label of parameter " + name);
        if (!NAME.matcher(name).matches()) {
            throw new InvalidParameterException(name, "parameter name '" + name
                    + "' is not valid in GetDist files: use no white space or '#', and no '*' at either end");
        }
        if (!Double.isFinite(reference) || !Double.isFinite(prior.logDensity(reference))) {
            throw new InvalidParameterException(name, "parameter " + name + ": reference value " + reference
                    + " is outside its prior " + prior);
        }
        if (!(referenceWidth >= 0) || !Double.isFinite(referenceWidth)) {
            throw new InvalidParameterException(name,
                    "parameter " + name + ": reference width must be finite and >= 0, got "
                    + referenceWidth);
        }
        if (!(proposalWidth > 0) || !Double.isFinite(proposalWidth)) {
            throw new InvalidParameterException(name,
                    "parameter " + name + ": proposal width must be finite and > 0, got "
                    + proposalWidth);
        }
    }

    /**
     * {@return the parameter}
     *
     * @param name           the name (no white space or {@code #}, no {@code *} at either end)
     * @param prior          the prior
     * @param reference      centre of the start distribution
     * @param referenceWidth standard deviation of the start distribution, ≥ 0
     * @param proposalWidth  initial proposal standard deviation, &gt; 0
     * @param latex          LaTeX label without {@code $}
     * @throws InvalidParameterException as the constructor
     */
    public static SampledParameter of(String name, Prior prior, double reference, double referenceWidth,
            double proposalWidth, String latex) {
        return new SampledParameter(name, prior, reference, referenceWidth, proposalWidth, latex);
    }

    /**
     * A parameter whose start width equals its proposal width and whose label is its name.
     *
     * @param name          the name
     * @param prior         the prior
     * @param reference     centre of the start distribution
     * @param proposalWidth initial proposal (and start) standard deviation, &gt; 0
     * @return the parameter
     * @throws InvalidParameterException as the constructor
     */
    public static SampledParameter of(String name, Prior prior, double reference, double proposalWidth) {
        return new SampledParameter(name, prior, reference, proposalWidth, proposalWidth, name);
    }

    /**
     * A likelihood's nuisance parameter, sampled with its default prior, starting at its default value.
     *
     * @param nuisance      the nuisance parameter
     * @param proposalWidth initial proposal (and start) standard deviation, &gt; 0
     * @return the parameter
     * @throws InvalidParameterException as the constructor
     */
    public static SampledParameter of(NuisanceParameter nuisance, double proposalWidth) {
        return new SampledParameter(nuisance.name(), nuisance.prior(), nuisance.defaultValue(), proposalWidth,
                proposalWidth, nuisance.name());
    }
}
