package org.cosmoemu.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.InvalidParameterException;

/**
 * Marginal statistics of each column of a set of chains, after burn-in removal. Immutable.
 *
 * <p>Burn-in: the first {@code burnFraction} of each chain's rows are dropped, as GetDist's
 * {@code ignore_rows} &lt; 1 (GetDist's and this class's default: 0.3). The remaining weighted samples of all
 * chains are pooled. Mean and standard deviation are the weighted moments (σ² = Σw(x−μ)²/Σw, as GetDist);
 * the 68% and 95% limits are equal-tailed ("two-tail") weighted quantiles at 15.87/84.13% and 2.275/97.725%
 * (Hazen interpolation between samples).
 */
public final class PosteriorSummary {

    /** GetDist's default fraction of rows removed as burn-in. */
    public static final double DEFAULT_BURN_FRACTION = 0.3;

    private static final double P68 = 0.5 * (1 - 0.6826894921370859);
    private static final double P95 = 0.5 * (1 - 0.9544997361036416);

    /**
     * Statistics of one parameter.
     *
     * @param name    the parameter name
     * @param latex   its LaTeX label
     * @param derived whether it is derived
     * @param mean    the posterior mean
     * @param sd      the posterior standard deviation
     * @param lower68 lower end of the equal-tailed 68.27% interval
     * @param upper68 upper end of it
     * @param lower95 lower end of the equal-tailed 95.45% interval
     * @param upper95 upper end of it
     */
    public record Parameter(String name, String latex, boolean derived, double mean, double sd, double lower68,
            double upper68, double lower95, double upper95) {
    }

    private final List<Parameter> parameters;
    private final double burnFraction;
    private final double sampleWeight;

    private PosteriorSummary(List<Parameter> parameters, double burnFraction, double sampleWeight) {
        this.parameters = parameters;
        this.burnFraction = burnFraction;
        this.sampleWeight = sampleWeight;
    }

    /**
     * {@return the summary}
     *
     * @param chains       the chains
     * @param burnFraction fraction of each chain's rows to drop first, in [0, 1)
     * @throws InvalidOptionException if the fraction is outside [0, 1) or no weight remains after it
     */
    public static PosteriorSummary of(Chains chains, double burnFraction) {
        Chains kept = chains.removeBurnFraction(burnFraction);
        double[] w = kept.allWeights();
        double total = WeightedStats.sum(w);
        if (!(total > 0)) {
            throw new InvalidOptionException("burn", "no samples left after removing " + burnFraction
                    + " of the rows as burn-in");
        }
        List<Parameter> out = new ArrayList<>();
        for (int j = 0; j < kept.columns().size(); j++) {
            Chains.Column col = kept.columns().get(j);
            double[] v = kept.allValues(j);
            double mean = 0;
            for (int i = 0; i < v.length; i++) {
                mean += w[i] * v[i];
            }
            mean /= total;
            double var = 0;
            for (int i = 0; i < v.length; i++) {
                var += w[i] * (v[i] - mean) * (v[i] - mean);
            }
            var /= total;
            double[] q = WeightedStats.quantiles(w, v, P68, 1 - P68, P95, 1 - P95);
            out.add(new Parameter(col.name(), col.latex(), col.derived(), mean, Math.sqrt(var), q[0], q[1], q[2], q[3]));
        }
        return new PosteriorSummary(List.copyOf(out), burnFraction, total);
    }

    /** {@return the parameters' statistics, in column order} */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * {@return its statistics}
     *
     * @param name a parameter name
     * @throws InvalidParameterException naming {@code name} if there is no such parameter (the message lists them)
     */
    public Parameter get(String name) {
        for (Parameter p : parameters) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new InvalidParameterException(name, "no parameter '" + name + "' in the summary; parameters: "
                + parameters.stream().map(Parameter::name).toList());
    }

    /** {@return the burn-in fraction removed} */
    public double burnFraction() {
        return burnFraction;
    }

    /** {@return the total weight of the samples used} */
    public double sampleWeight() {
        return sampleWeight;
    }

    /** {@return a text table: name, mean, sd, 68% and 95% limits} */
    public String toTable() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-16s %13s %13s %13s %13s %13s %13s%n",
                "parameter", "mean", "sd", "lower68", "upper68", "lower95", "upper95"));
        for (Parameter p : parameters) {
            sb.append(String.format(Locale.ROOT, "%-16s %13.6g %13.6g %13.6g %13.6g %13.6g %13.6g%n",
                    p.name() + (p.derived() ? "*" : ""), p.mean(), p.sd(), p.lower68(), p.upper68(), p.lower95(),
                    p.upper95()));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return toTable();
    }
}
