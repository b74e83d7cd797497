package org.cosmoemu.inference.analysis;

import java.util.Map;

/**
 * The posterior of an analysis at one point, with everything computed on the way.
 *
 * @param logPosterior  ln prior + ln L ({@code -Infinity} where the point is ruled out)
 * @param logPrior      Σ ln prior of the sampled parameters (normalised priors)
 * @param logLikelihood Σ ln L over the likelihoods
 * @param chi2          −2 Σ ln L
 * @param chi2ByLikelihood −2 ln L of each likelihood, by its name in the file
 * @param parameters    every parameter of the file with a value (sampled, fixed, computed, derived) and the
 *                      {@code chi2__NAME} columns
 * @param theoryInputs  the emulators' inputs used (solved ones included); empty without theory
 * @param ruledOut      why the point has zero posterior, or {@code null}
 */
public record Evaluation(double logPosterior, double logPrior, double logLikelihood, double chi2,
        Map<String, Double> chi2ByLikelihood, Map<String, Double> parameters, Map<String, Double> theoryInputs,
        String ruledOut) {

    /** Copies the maps. */
    public Evaluation {
        chi2ByLikelihood = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(chi2ByLikelihood));
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        theoryInputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(theoryInputs));
    }
}
