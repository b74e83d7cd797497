package org.cosmoemu.inference.analysis;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.cosmoemu.inference.DerivedParameter;
import org.cosmoemu.inference.SampledParameter;

/**
 * The best fit of an analysis ({@code sampler: minimize}).
 *
 * @param point        the sampled parameters at the best fit, by name
 * @param evaluation   the posterior there, with each likelihood's χ² and the derived parameters
 * @param ignorePrior  {@code true} if the likelihood was maximised, {@code false} for the posterior
 * @param starts       how many starting points were tried
 * @param evaluations  how many posterior evaluations all starts took
 * @param spread       the largest difference of −ln P between the best start and the others' results (a small
 *                     number says the starts agree)
 */
public record Minimum(Map<String, Double> point, Evaluation evaluation, boolean ignorePrior, int starts, long evaluations,
        double spread) {

    /** Copies the point. */
    public Minimum {
        point = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(point));
    }

    /**
     * The best fit in GetDist's {@code .minimum} layout: {@code -log(Like)} and {@code chi-sq} lines, then one
     * line per sampled parameter, per derived parameter and per χ² ({@code index value name latex}).
     *
     * @param analysis the analysis it belongs to (for names and labels)
     * @return the text
     */
    String toGetDistText(Analysis analysis) {
        Evaluation e = evaluation;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, " -log(Like) = %.10g%n", -e.logLikelihood()));
        sb.append(String.format(Locale.ROOT, "  chi-sq    = %.10g%n", e.chi2()));
        sb.append(String.format(Locale.ROOT, "# %s of %s from %d starts (%d evaluations); -log(posterior) = %.10g%n%n",
                ignorePrior ? "maximum likelihood" : "maximum posterior", analysis.source(), starts, evaluations,
                -e.logPosterior()));
        int i = 1;
        for (SampledParameter p : analysis.sampledParameters()) {
            sb.append(String.format(Locale.ROOT, "%5d  %16.8E   %-24s %s%n", i++, point.get(p.name()), p.name(), p.latex()));
        }
        sb.append('\n');
        for (DerivedParameter p : analysis.derivedParameters()) {
            Double v = e.parameters().get(p.name());
            sb.append(String.format(Locale.ROOT, "%5d  %16.8E   %-24s %s%n", i++, v == null ? Double.NaN : v, p.name(),
                    p.latex()));
        }
        return sb.toString();
    }
}
