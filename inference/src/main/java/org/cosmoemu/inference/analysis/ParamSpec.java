package org.cosmoemu.inference.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cosmoemu.likelihoods.Prior;

/**
 * One entry of the {@code params:} block, classified as cobaya does: fixed, sampled, computed from other
 * parameters ({@code value: 'lambda ...'}), a derived lambda ({@code derived: 'lambda ...'}), or an output
 * requested from the theory or a likelihood. Mutable while the analysis is assembled, then only read.
 */
final class ParamSpec {
    /** How a parameter gets its value. */
    enum Kind {
        /** A number given in the file. */
        FIXED,
        /** Varied by the sampler, with a prior. */
        SAMPLED,
        /** Computed from other inputs ({@code value: 'lambda ...'}); an input of the theory or likelihoods. */
        VALUE,
        /** Computed from anything, after the theory and likelihoods ({@code derived: 'lambda ...'}). */
        DERIVED_LAMBDA,
        /** Asked of the theory or a likelihood and recorded ({@code sigma8:} with nothing or a label). */
        OUTPUT
    }

    /** Keys a parameter's mapping may hold. */
    static final Set<String> KEYS = Set.of("prior", "ref", "proposal", "latex", "drop", "value", "derived", "min",
            "max", "renames");

    final String name;
    final String path;
    final Kind kind;
    double value = Double.NaN;
    Prior prior;
    Prior publishedPrior;
    Reference ref;
    double proposal = Double.NaN;
    String latex;
    boolean drop;
    Expression expression;
    /** The YAML path of the lambda ({@code params.x.value} or {@code params.x.derived}). */
    String expressionPath;
    /** Whether a VALUE parameter is also written as a derived column (cobaya's default). */
    boolean output;
    double min = Double.NEGATIVE_INFINITY;
    double max = Double.POSITIVE_INFINITY;
    List<String> renames = new ArrayList<>();
    /** Filled for nuisance parameters added from a likelihood's defaults. */
    boolean defaulted;

    ParamSpec(String name, String path, Kind kind) {
        this.name = name;
        this.path = path;
        this.kind = kind;
        this.latex = name;
    }

    /** Where chains start: a number, a Gaussian or a uniform range. */
    record Reference(double centre, double width, boolean gaussian, String describe) {
        static Reference fixed(double v) {
            return new Reference(v, 0, false, Double.toString(v));
        }
    }

    /** @return {@code true} if this parameter is an input of the model (not only recorded) */
    boolean isInput() {
        return kind == Kind.FIXED || kind == Kind.SAMPLED || kind == Kind.VALUE;
    }

    @Override
    public String toString() {
        return name + "(" + kind + ")";
    }

    /** @return a YAML-ready description of this parameter, every default filled in (for {@code .updated.yaml}) */
    Object describe() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        switch (kind) {
            case FIXED -> {
                return value;
            }
            case SAMPLED -> {
                m.put("prior", prior.describe());
                if (publishedPrior != null && !publishedPrior.equals(prior)) {
                    m.put("prior_in_file", publishedPrior.describe());
                }
                m.put("ref", ref.describe());
                m.put("proposal", proposal);
                m.put("drop", drop);
            }
            case VALUE -> {
                m.put("value", expression.source());
                m.put("derived", output);
            }
            case DERIVED_LAMBDA -> m.put("derived", expression.source());
            case OUTPUT -> m.put("derived", true);
            default -> throw new AssertionError(kind);
        }
        m.put("latex", latex);
        if (min > Double.NEGATIVE_INFINITY) {
            m.put("min", min);
        }
        if (max < Double.POSITIVE_INFINITY) {
            m.put("max", max);
        }
        if (defaulted) {
            m.put("from", "the likelihood's defaults");
        }
        return m;
    }
}
