package org.cosmoemu.inference.analysis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cosmoemu.api.CosmoEmuException;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.inference.DerivedParameter;
import org.cosmoemu.inference.Posterior;
import org.cosmoemu.inference.SampledParameter;
import org.cosmoemu.theory.EmulatorTheory;

/**
 * An analysis read from a cobaya input file ({@code likelihood:}, {@code params:}, {@code theory:},
 * {@code sampler:}, {@code output:}), run on the SDK's emulators and likelihoods. Reading the file resolves
 * everything up front: each key is accounted for in {@link #decisions()} (honoured, mapped, solved, cut to the
 * emulators' box, defaulted or ignored with the reason), and every problem is reported at once, each with the
 * YAML path of its key.
 *
 * <pre>{@code
 * Analysis a = Analysis.fromYaml(Path.of("examples/analyses/act-dr6-bao.yaml"));
 * a.decisions().forEach(System.out::println);       // how the file was understood
 * Evaluation e = a.evaluate();                       // the posterior at the file's reference point
 * AnalysisRun.Result r = a.runner().output(Path.of("chains/act")).chains(4).run();   // the file's sampler
 * }</pre>
 *
 * <p>Immutable and thread-safe once read.
 */
public final class Analysis {

    /** The samplers of cobaya an analysis can name. */
    public enum SamplerKind {
        /** One point: the log-posterior, each likelihood's χ², the derived parameters. */
        EVALUATE,
        /** Adaptive Metropolis to convergence (cobaya's {@code mcmc}). */
        MCMC,
        /** The maximum of the posterior (or likelihood) from several starts (cobaya's {@code minimize}). */
        MINIMIZE,
        /**
         * The affine-invariant ensemble sampler (emcee's stretch move; {@code sampler: ensemble} or {@code emcee}),
         * stopping on the integrated autocorrelation time.
         */
        ENSEMBLE
    }

    private final String source;
    private final String text;
    private final List<Decision> decisions;
    private final List<String> likelihoodKeys;
    private final List<ParamSpec> params;
    private final Model model;
    private final Posterior posterior;
    private final SamplerKind sampler;
    private final YamlValue samplerSettings;
    private final String outputPrefix;
    private final Map<String, Double> evaluateOverride;
    private final Map<String, Object> updated;
    private final boolean forceInFile;
    private final boolean resumeInFile;

    Analysis(String source, String text, List<Decision> decisions, List<String> likelihoodKeys, List<ParamSpec> params,
            Model model, Posterior posterior, SamplerKind sampler, YamlValue samplerSettings, String outputPrefix,
            Map<String, Double> evaluateOverride, Map<String, Object> updated, boolean forceInFile, boolean resumeInFile) {
        this.source = source;
        this.text = text;
        this.decisions = List.copyOf(decisions);
        this.likelihoodKeys = List.copyOf(likelihoodKeys);
        this.params = List.copyOf(params);
        this.model = model;
        this.posterior = posterior;
        this.sampler = sampler;
        this.samplerSettings = samplerSettings;
        this.outputPrefix = outputPrefix;
        this.evaluateOverride = Map.copyOf(evaluateOverride);
        this.updated = Collections.unmodifiableMap(updated);
        this.forceInFile = forceInFile;
        this.resumeInFile = resumeInFile;
    }

    /**
     * Reads a cobaya input file. The emulators run on the backend and precision the file's
     * {@code theory: cosmo_emu:} block names ({@code precision: float32|float64}, {@code backend: cpu|nd4j}),
     * by default cpu and float64.
     *
     * @param file the YAML file
     * @return the analysis
     * @throws DataFileException      if the file cannot be read, or a likelihood's data is missing
     * @throws InvalidOptionException listing every problem of the file, each with its YAML path
     *                                ({@link InvalidOptionException#option()} is the first one's)
     */
    public static Analysis fromYaml(Path file) {
        return fromYaml(file, null);
    }

    /**
     * {@return the analysis}
     *
     * @param file    the YAML file
     * @param options backend and precision of the emulators, replacing the file's {@code theory: cosmo_emu:}
     *                settings; null to use the file's
     * @throws DataFileException      if the file cannot be read, or a likelihood's data is missing
     * @throws InvalidOptionException listing every problem of the file, each with its YAML path
     */
    public static Analysis fromYaml(Path file, EmulatorOptions options) {
        String t;
        try {
            if (Files.size(file) > YamlValue.MAX_CHARS * 4L) {
                throw new DataFileException(file + ": an input file larger than " + YamlValue.MAX_CHARS + " characters");
            }
            t = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataFileException("cannot read input file " + file + ": " + e.getMessage(), e);
        }
        return fromYaml(t, file.toString(), options);
    }

    /**
     * {@return the analysis}
     *
     * @param yaml    the file's text
     * @param source  a name for it in messages (e.g. its path)
     * @param options backend and precision of the emulators, replacing the file's {@code theory: cosmo_emu:}
     *                settings; null to use the file's
     * @throws DataFileException      if a likelihood's data is missing
     * @throws InvalidOptionException listing every problem of the text, each with its YAML path
     */
    public static Analysis fromYaml(String yaml, String source, EmulatorOptions options) {
        return new AnalysisReader(yaml, source, options).read();
    }

    /** {@return the file's name, as given} */
    public String source() {
        return source;
    }

    /** {@return the input file's text, as read} */
    public String inputText() {
        return text;
    }

    /** {@return what was done with every key of the file, in file order} */
    public List<Decision> decisions() {
        return decisions;
    }

    /** {@return the likelihoods, by their names in the file} */
    public List<String> likelihoods() {
        return likelihoodKeys;
    }

    /** {@return the file's sampler ({@link SamplerKind#EVALUATE} when it names none)} */
    public SamplerKind sampler() {
        return sampler;
    }

    /** {@return the output prefix the file names ({@code output:}), if any} */
    public Optional<String> outputPrefix() {
        return Optional.ofNullable(outputPrefix);
    }

    /**
     * {@return the posterior over the sampled parameters (priors cut to the emulators' box), with every derived
     * parameter and the χ² columns; empty when the file samples nothing}
     *
     */
    public Optional<Posterior> posterior() {
        return Optional.ofNullable(posterior);
    }

    /** {@return the sampled parameters, in chain order (priors cut to the emulators' box)} */
    public List<SampledParameter> sampledParameters() {
        return posterior == null ? List.of() : posterior.parameters();
    }

    /** {@return the derived parameters written with each sample} */
    public List<DerivedParameter> derivedParameters() {
        return posterior == null ? List.of() : posterior.derived();
    }

    /**
     * {@return each sampled parameter's prior as the file writes it (before it is cut to the emulators' box), by name;
     * {@link #sampledParameters()} holds the priors applied}
     *
     */
    public Map<String, org.cosmoemu.likelihoods.Prior> priorsAsWritten() {
        Map<String, org.cosmoemu.likelihoods.Prior> m = new LinkedHashMap<>();
        for (ParamSpec p : params) {
            if (p.kind == ParamSpec.Kind.SAMPLED) {
                m.put(p.name, p.publishedPrior);
            }
        }
        return m;
    }

    /** {@return the parameters the file fixes, by name} */
    public Map<String, Double> fixedParameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (ParamSpec p : params) {
            if (p.kind == ParamSpec.Kind.FIXED) {
                m.put(p.name, p.value);
            }
        }
        return m;
    }

    /** {@return the theory, or empty when no likelihood or output needs one} */
    public Optional<EmulatorTheory> theory() {
        return Optional.ofNullable(model.theory());
    }

    /**
     * The file as the SDK runs it: every likelihood with all its options, every parameter with its prior (as
     * cut), reference, proposal and label, the sampler with every setting (defaults filled in). This is what
     * {@code PREFIX.updated.yaml} holds.
     *
     * @return nested maps and lists, ready for a YAML writer
     */
    public Map<String, Object> updatedInput() {
        return updated;
    }

    /**
     * The point the {@code evaluate} sampler uses: {@code sampler.evaluate.override} where given, else each
     * sampled parameter's reference ({@code ref}: a number, or the centre of its distribution), else the centre
     * of its prior.
     *
     * @return the sampled values, in {@link #sampledParameters()} order
     */
    public double[] referencePoint() {
        List<SampledParameter> s = sampledParameters();
        double[] x = new double[s.size()];
        for (int i = 0; i < x.length; i++) {
            Double o = evaluateOverride.get(s.get(i).name());
            x[i] = o != null ? o : s.get(i).reference();
        }
        return x;
    }

    /**
     * {@return the posterior at {@link #referencePoint()}}
     *
     * @throws CosmoEmuException as the likelihoods and theory throw for a point they cannot evaluate
     */
    public Evaluation evaluate() {
        return evaluate(referencePoint());
    }

    /**
     * {@return the posterior there, with every quantity computed on the way}
     *
     * @param point the sampled values, in {@link #sampledParameters()} order (not modified)
     * @throws InvalidOptionException if {@code point} has the wrong length
     */
    public Evaluation evaluate(double[] point) {
        if (point.length != sampledParameters().size()) {
            throw new InvalidOptionException(null, "a point of " + source + " has " + sampledParameters().size()
                    + " values " + sampledParameters().stream().map(SampledParameter::name).toList() + ", got "
                    + point.length);
        }
        Evaluation e = model.evaluation(point, likelihoodKeys);
        if (posterior == null) {
            return e;
        }
        double lp = posterior.logPrior(point);
        if (lp == Double.NEGATIVE_INFINITY) {
            return new Evaluation(lp, lp, e.logLikelihood(), e.chi2(), e.chi2ByLikelihood(), e.parameters(),
                    e.theoryInputs(), "the point is outside the prior");
        }
        return e;
    }

    /**
     * {@return a runner for this analysis's sampler, with the file's settings; set the output, chains and seed on it}
     *
     */
    public AnalysisRun runner() {
        return new AnalysisRun(this);
    }

    // ---------------------------------------------------------------------------------------- package access

    Model model() {
        return model;
    }

    List<ParamSpec> params() {
        return params;
    }

    YamlValue samplerSettings() {
        return samplerSettings;
    }

    boolean forceInFile() {
        return forceInFile;
    }

    boolean resumeInFile() {
        return resumeInFile;
    }

    /** @return how many points were evaluated, ruled out by the emulators' box, by an unreachable target */
    long[] counters() {
        return model.counters();
    }

    @Override
    public String toString() {
        return "Analysis[" + source + ": " + likelihoodKeys + ", " + sampler + ", " + sampledParameters().size()
                + " sampled]";
    }

    /** @return the sampled parameters' names */
    List<String> sampledNames() {
        List<String> n = new ArrayList<>();
        sampledParameters().forEach(p -> n.add(p.name()));
        return n;
    }
}
