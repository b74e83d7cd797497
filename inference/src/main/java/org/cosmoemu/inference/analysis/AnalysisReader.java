package org.cosmoemu.inference.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import org.cosmoemu.api.CosmoEmuException;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.api.ParameterSpace;
import org.cosmoemu.inference.DerivedParameter;
import org.cosmoemu.inference.Posterior;
import org.cosmoemu.inference.SampledParameter;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.Likelihoods;
import org.cosmoemu.likelihoods.NuisanceParameter;
import org.cosmoemu.likelihoods.Prior;
import org.cosmoemu.theory.EmulatorTheory;
import org.cosmoemu.theory.Requirements;

/**
 * Reads a cobaya input file into an {@link Analysis}: parses it, classifies every parameter, translates the
 * likelihoods, maps the parameters onto the bundled theory (solving for inputs where the file sets derived
 * quantities), cuts priors to the emulators' box, compiles the lambdas, and collects every problem before
 * reporting them together. Used once per file; not thread-safe.
 */
final class AnalysisReader {
    private static final Set<String> TOP_LEVEL = Set.of("likelihood", "params", "prior", "theory", "sampler", "output",
            "output_prefix", "force", "resume", "debug", "packages_path", "modules", "timing", "stop_at_error", "test",
            "version", "post");
    private static final Set<String> IGNORED_TOP = Set.of("debug", "packages_path", "modules", "timing",
            "stop_at_error", "test", "version");

    private final String text;
    private final String source;
    private final EmulatorOptions given;
    private EmulatorOptions options;
    private final List<Decision> decisions = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> problemPaths = new ArrayList<>();
    private final Map<String, ParamSpec> params = new LinkedHashMap<>();
    private final List<String> likelihoodKeys = new ArrayList<>();
    private final List<Object> likelihoods = new ArrayList<>(); // Likelihood or the Gaussian's YamlValue
    private final Map<String, Map<String, String>> likelihoodOptions = new LinkedHashMap<>();
    /** The family the file names ({@code theory: cosmo_emu: family:}), or {@code null} to pick it from the parameters. */
    private org.cosmoemu.models.ModelFamily namedFamily;
    /** The family of the theory, decided in {@link #compile}. */
    private org.cosmoemu.models.ModelFamily family = org.cosmoemu.models.ModelFamily.LCDM;
    /** Whether {@link #family} is the extended family. */
    private boolean ext;

    AnalysisReader(String text, String source, EmulatorOptions options) {
        this.text = text;
        this.source = source;
        this.given = options;
        this.options = options == null ? EmulatorOptions.defaults() : options;
    }

    Analysis read() {
        YamlValue root = YamlValue.parse(text, source);
        Map<String, YamlValue> top = root.map();
        for (Map.Entry<String, YamlValue> e : top.entrySet()) {
            if (!TOP_LEVEL.contains(e.getKey())) {
                problem(e.getValue().error("unknown block '" + e.getKey() + "'; an input file has " + new java.util.TreeSet<>(TOP_LEVEL)));
            } else if (IGNORED_TOP.contains(e.getKey())) {
                decisions.add(new Decision(e.getKey(), Decision.Kind.IGNORED, "a setting of cobaya's run, not of the "
                        + "analysis"));
            } else if (e.getKey().equals("post")) {
                problem(e.getValue().error("post-processing (post:) is not supported; run the analysis and "
                        + "importance-sample its chains elsewhere"));
            }
        }
        // likelihoods
        YamlValue like = top.get("likelihood");
        if (like == null || like.isNull() || (like.isMap() && like.map().isEmpty())) {
            problem(new InvalidOptionException("likelihood", source + ": likelihood: the file names no likelihood"));
        } else {
            guard(() -> {
                for (Map.Entry<String, YamlValue> e : like.map().entrySet()) {
                    guard(() -> likelihood(e.getKey(), e.getValue()));
                }
            });
        }
        // parameters
        YamlValue ps = top.get("params");
        if (ps != null && !ps.isNull()) {
            guard(() -> {
                for (Map.Entry<String, YamlValue> e : ps.map().entrySet()) {
                    guard(() -> param(e.getKey(), e.getValue()));
                }
            });
        }
        guard(this::nuisanceDefaults);
        // theory block, sampler, output
        guard(() -> {
            EmulatorOptions fromFile = TheoryBlock.read(top.get("theory"), decisions, EmulatorOptions.defaults(),
                    f -> namedFamily = f);
            if (given == null) {
                options = fromFile;
            } else if (!fromFile.equals(EmulatorOptions.defaults())) {
                decisions.add(new Decision("theory.cosmo_emu", Decision.Kind.IGNORED, "the caller's emulator options ("
                        + given.backend() + ", " + given.precision() + ") replace the file's"));
            }
        });
        Analysis.SamplerKind sampler = Analysis.SamplerKind.EVALUATE;
        YamlValue samplerSettings = null;
        Map<String, Double> override = new LinkedHashMap<>();
        YamlValue s = top.get("sampler");
        if (s == null || s.isNull()) {
            decisions.add(new Decision("sampler", Decision.Kind.DEFAULTED, "evaluate (one point)"));
        } else {
            try {
                Map<String, YamlValue> sm = s.map();
                if (sm.size() != 1) {
                    throw s.error("name exactly one sampler (evaluate, mcmc or minimize), got " + sm.keySet());
                }
                Map.Entry<String, YamlValue> e = sm.entrySet().iterator().next();
                sampler = switch (e.getKey()) {
                    case "evaluate" -> Analysis.SamplerKind.EVALUATE;
                    case "mcmc" -> Analysis.SamplerKind.MCMC;
                    case "minimize" -> Analysis.SamplerKind.MINIMIZE;
                    case "ensemble", "emcee" -> Analysis.SamplerKind.ENSEMBLE;
                    default -> throw e.getValue().error("sampler '" + e.getKey() + "' is not available; the SDK runs "
                            + "evaluate, mcmc, minimize and ensemble (emcee's stretch move)");
                };
                samplerSettings = e.getValue();
                SamplerSettings.check(sampler, samplerSettings, decisions);
                if (sampler == Analysis.SamplerKind.EVALUATE) {
                    YamlValue ov = samplerSettings.mapOrEmpty().get("override");
                    if (ov != null) {
                        for (Map.Entry<String, YamlValue> o : ov.mapOrEmpty().entrySet()) {
                            override.put(o.getKey(), o.getValue().number());
                        }
                    }
                }
            } catch (CosmoEmuException ex) {
                problem(ex);
            }
        }
        String output = null;
        for (String key : new String[] {"output", "output_prefix"}) {
            YamlValue o = top.get(key);
            if (o != null && !o.isNull()) {
                try {
                    output = o.string();
                    decisions.add(new Decision(key, Decision.Kind.HONOURED, "the output prefix"));
                } catch (CosmoEmuException ex) {
                    problem(ex);
                }
            }
        }
        boolean force = flag(top, "force");
        boolean resume = flag(top, "resume");
        // the model
        Model model = null;
        Posterior posterior = null;
        if (!params.isEmpty() || !likelihoods.isEmpty()) {
            try {
                model = compile(top.get("prior"));
                for (String o : override.keySet()) {
                    if (!params.containsKey(o) || params.get(o).kind != ParamSpec.Kind.SAMPLED) {
                        problem(new InvalidOptionException("sampler.evaluate.override." + o, source
                                + ": sampler.evaluate.override." + o + ": not a sampled parameter"));
                    }
                }
                posterior = model == null ? null : posterior(model);
            } catch (CosmoEmuException ex) {
                problem(ex);
            }
        }
        if (!problems.isEmpty()) {
            StringBuilder sb = new StringBuilder(source + ": " + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + " in the input file:");
            for (String p : problems) {
                sb.append("\n  - ").append(p);
            }
            throw new InvalidOptionException(problemPaths.get(0), sb.toString());
        }
        return new Analysis(source, text, decisions, likelihoodKeys, new ArrayList<>(params.values()), model, posterior,
                sampler, samplerSettings, output, override, updated(sampler, samplerSettings, output), force, resume);
    }

    // ------------------------------------------------------------------------------------------ likelihoods

    private void likelihood(String key, YamlValue value) {
        CobayaLikelihoods.Translation t = CobayaLikelihoods.translate(key, value, decisions);
        likelihoodKeys.add(key);
        if (t.gaussian() != null) {
            likelihoods.add(t.gaussian());
            likelihoodOptions.put(key, Map.of());
            return;
        }
        try {
            likelihoods.add(Likelihoods.create(t.sdkName(), t.sdkOptions()));
            likelihoodOptions.put(key, t.sdkOptions());
        } catch (InvalidOptionException e) {
            likelihoodKeys.remove(likelihoodKeys.size() - 1);
            String opt = e.option() == null ? "" : "." + CobayaLikelihoods.fileKey(key, e.option());
            throw new InvalidOptionException(value.path() + opt, source + ": " + value.path() + opt + ": " + e.getMessage());
        } catch (CosmoEmuException e) {
            likelihoodKeys.remove(likelihoodKeys.size() - 1);
            throw new InvalidOptionException(value.path(), source + ": " + value.path() + ": " + e.getMessage());
        }
    }

    /** Nuisance parameters of the SDK likelihoods that the file does not mention: sampled with their priors. */
    private void nuisanceDefaults() {
        for (Object l : likelihoods) {
            if (l instanceof Likelihood like) {
                for (NuisanceParameter n : like.nuisanceParameters()) {
                    if (params.containsKey(n.name())) {
                        continue;
                    }
                    ParamSpec p = new ParamSpec(n.name(), "params." + n.name(), ParamSpec.Kind.SAMPLED);
                    p.prior = n.prior();
                    p.publishedPrior = n.prior();
                    p.ref = ParamSpec.Reference.fixed(n.defaultValue());
                    p.proposal = defaultProposal(n.prior(), p.ref);
                    p.defaulted = true;
                    params.put(n.name(), p);
                    decisions.add(new Decision(p.path, Decision.Kind.DEFAULTED, "nuisance parameter of " + like.name()
                            + ", sampled with its default prior " + n.prior().describe() + " from " + n.defaultValue()));
                }
            }
        }
    }

    // ----------------------------------------------------------------------------------------- parameters

    private void param(String name, YamlValue v) {
        if (params.containsKey(name)) {
            throw v.error("parameter '" + name + "' is defined twice");
        }
        String path = v.path();
        ParamSpec p;
        if (v.isNull()) {
            p = new ParamSpec(name, path, ParamSpec.Kind.OUTPUT);
        } else if (v.isNumber()) {
            p = new ParamSpec(name, path, ParamSpec.Kind.FIXED);
            p.value = v.number();
        } else if (v.isString()) {
            String s = v.string();
            if (!Expression.isLambda(s)) {
                throw v.error("expected a number, a 'lambda ...' or a mapping, got '" + s + "'");
            }
            p = new ParamSpec(name, path, ParamSpec.Kind.VALUE);
            p.expression = Expression.compile(s, path);
            p.expressionPath = path;
            p.output = true;
        } else {
            Map<String, YamlValue> m = v.map();
            for (String k : m.keySet()) {
                if (!ParamSpec.KEYS.contains(k)) {
                    throw m.get(k).error("unknown key '" + k + "' of a parameter; keys: "
                            + new java.util.TreeSet<>(ParamSpec.KEYS));
                }
            }
            YamlValue prior = m.get("prior");
            YamlValue value = m.get("value");
            YamlValue derived = m.get("derived");
            if (prior != null && value != null) {
                throw prior.error("parameter '" + name + "' has both a prior and a value: a fixed parameter has no "
                        + "prior (remove one of them)");
            }
            if (prior != null) {
                p = new ParamSpec(name, path, ParamSpec.Kind.SAMPLED);
                p.prior = prior(prior);
                p.publishedPrior = p.prior;
                YamlValue ref = m.get("ref");
                p.ref = ref == null ? centre(p.prior) : reference(ref, p.prior);
                YamlValue prop = m.get("proposal");
                if (prop != null) {
                    p.proposal = prop.number();
                    if (!(p.proposal > 0)) {
                        throw prop.error("a proposal width must be > 0, got " + p.proposal);
                    }
                } else {
                    p.proposal = defaultProposal(p.prior, p.ref);
                }
                if (derived != null) {
                    decisions.add(new Decision(derived.path(), Decision.Kind.IGNORED, "a sampled parameter is "
                            + "written with the chains anyway"));
                }
            } else if (value != null) {
                if (value.isNumber()) {
                    p = new ParamSpec(name, path, ParamSpec.Kind.FIXED);
                    p.value = value.number();
                } else {
                    String s = value.string();
                    if (!Expression.isLambda(s)) {
                        throw value.error("expected a number or a 'lambda ...', got '" + s + "'");
                    }
                    p = new ParamSpec(name, path, ParamSpec.Kind.VALUE);
                    p.expression = Expression.compile(s, value.path());
                    p.expressionPath = value.path();
                    p.output = derived == null || derived.bool();
                }
            } else if (derived != null && derived.isString() && Expression.isLambda(derived.string())) {
                p = new ParamSpec(name, path, ParamSpec.Kind.DERIVED_LAMBDA);
                p.expression = Expression.compile(derived.string(), derived.path());
                p.expressionPath = derived.path();
            } else {
                if (derived != null && !derived.bool()) {
                    throw derived.error("parameter '" + name + "' has no prior, no value and derived: false, so it "
                            + "is nothing; give it a value or a prior, or remove it");
                }
                p = new ParamSpec(name, path, ParamSpec.Kind.OUTPUT);
            }
            for (String k : new String[] {"ref", "proposal"}) {
                if (m.containsKey(k) && p.kind != ParamSpec.Kind.SAMPLED) {
                    decisions.add(new Decision(m.get(k).path(), Decision.Kind.IGNORED, "only sampled parameters start "
                            + "from a reference and have a proposal"));
                }
            }
            if (m.containsKey("latex")) {
                p.latex = m.get("latex").string();
            }
            if (m.containsKey("drop")) {
                p.drop = m.get("drop").bool();
            }
            if (m.containsKey("min")) {
                p.min = m.get("min").number();
            }
            if (m.containsKey("max")) {
                p.max = m.get("max").number();
            }
            if (p.min >= p.max) {
                throw (m.containsKey("min") ? m.get("min") : m.get("max")).error("min = " + p.min + " is not below max = "
                        + p.max);
            }
            if (m.containsKey("renames")) {
                YamlValue r = m.get("renames");
                if (r.isList()) {
                    r.list().forEach(x -> p.renames.add(x.string()));
                } else {
                    p.renames.add(r.string());
                }
                decisions.add(new Decision(r.path(), Decision.Kind.HONOURED, "also known as " + p.renames));
            }
        }
        if (p.kind == ParamSpec.Kind.SAMPLED || p.kind == ParamSpec.Kind.OUTPUT || p.kind == ParamSpec.Kind.DERIVED_LAMBDA
                || (p.kind == ParamSpec.Kind.VALUE && p.output)) {
            try {
                SampledParameter.of(name, Prior.uniform(0, 1), 0.5, 0.1); // GetDist's name rule
            } catch (CosmoEmuException e) {
                throw v.error(e.getMessage());
            }
        }
        params.put(name, p);
    }

    /** cobaya's prior: {min, max}, [min, max], {dist: norm, loc, scale} (optionally with min, max), {dist: uniform, loc, scale}. */
    private Prior prior(YamlValue v) {
        if (v.isList()) {
            double[] b = v.numbers();
            if (b.length != 2) {
                throw v.error("a prior given as a list is [min, max], got " + b.length + " numbers");
            }
            return uniform(v, b[0], b[1]);
        }
        Map<String, YamlValue> m = v.map();
        String dist = m.containsKey("dist") ? m.get("dist").string() : "uniform";
        for (String k : m.keySet()) {
            if (!Set.of("dist", "min", "max", "loc", "scale").contains(k)) {
                throw m.get(k).error("unknown key '" + k + "' of a prior; keys: dist, min, max, loc, scale");
            }
        }
        switch (dist) {
            case "uniform" -> {
                if (m.containsKey("loc") || m.containsKey("scale")) {
                    double loc = req(m, v, "loc").number();
                    double scale = req(m, v, "scale").number();
                    return uniform(v, loc, loc + scale);
                }
                return uniform(v, req(m, v, "min").number(), req(m, v, "max").number());
            }
            case "norm" -> {
                double loc = req(m, v, "loc").number();
                double scale = req(m, v, "scale").number();
                if (!(scale > 0)) {
                    throw m.get("scale").error("a Gaussian prior needs scale > 0, got " + scale);
                }
                if (m.containsKey("min") || m.containsKey("max")) {
                    double lo = m.containsKey("min") ? m.get("min").number() : Double.NEGATIVE_INFINITY;
                    double hi = m.containsKey("max") ? m.get("max").number() : Double.POSITIVE_INFINITY;
                    if (!(lo < hi)) {
                        throw v.error("prior min = " + lo + " is not below max = " + hi);
                    }
                    return Prior.truncatedGaussian(loc, scale, lo, hi);
                }
                return Prior.gaussian(loc, scale);
            }
            default -> throw m.get("dist").error("prior distribution '" + dist + "' is not supported; use uniform "
                    + "(min, max) or norm (loc, scale, optionally truncated by min, max)");
        }
    }

    private static Prior uniform(YamlValue v, double lo, double hi) {
        if (!(lo < hi)) {
            YamlValue at = v.isMap() && v.map().containsKey("min") ? v.map().get("min") : v;
            throw at.error("prior min = " + lo + " is not below max = " + hi);
        }
        return Prior.uniform(lo, hi);
    }

    private static YamlValue req(Map<String, YamlValue> m, YamlValue v, String key) {
        YamlValue x = m.get(key);
        if (x == null) {
            throw v.error("the prior needs '" + key + "'");
        }
        return x;
    }

    private ParamSpec.Reference reference(YamlValue v, Prior prior) {
        if (v.isNumber()) {
            return ParamSpec.Reference.fixed(v.number());
        }
        Map<String, YamlValue> m = v.map();
        String dist = m.containsKey("dist") ? m.get("dist").string() : "uniform";
        if (dist.equals("norm")) {
            double scale = req(m, v, "scale").number();
            if (!(scale >= 0)) {
                throw m.get("scale").error("a reference scale must be >= 0, got " + scale);
            }
            return new ParamSpec.Reference(req(m, v, "loc").number(), scale, true, "norm(" + m.get("loc").number() + ", "
                    + scale + ")");
        }
        if (dist.equals("uniform")) {
            double lo = m.containsKey("loc") ? m.get("loc").number() : req(m, v, "min").number();
            double hi = m.containsKey("loc") ? lo + req(m, v, "scale").number() : req(m, v, "max").number();
            if (!(lo < hi)) {
                throw v.error("reference min = " + lo + " is not below max = " + hi);
            }
            return new ParamSpec.Reference(0.5 * (lo + hi), (hi - lo) / Math.sqrt(12), false, "uniform(" + lo + ", " + hi
                    + ")");
        }
        throw v.error("reference distribution '" + dist + "' is not supported; use a number, norm or uniform");
    }

    private static ParamSpec.Reference centre(Prior p) {
        return switch (p) {
            case Prior.Uniform u -> new ParamSpec.Reference(0.5 * (u.lower() + u.upper()), (u.upper() - u.lower())
                    / Math.sqrt(12), false, "the prior (no ref given)");
            case Prior.Gaussian g -> new ParamSpec.Reference(g.mean(), g.sigma(), true, "the prior (no ref given)");
            case Prior.TruncatedGaussian t -> new ParamSpec.Reference(Math.min(t.upper(), Math.max(t.lower(), t.mean())),
                    t.sigma(), true, "the prior (no ref given)");
        };
    }

    /** cobaya's rule of thumb: a proposal from the reference's spread, else a fraction of the prior's. */
    private static double defaultProposal(Prior prior, ParamSpec.Reference ref) {
        if (ref.width() > 0 && ref.gaussian()) {
            return ref.width();
        }
        double w = switch (prior) {
            case Prior.Uniform u -> (u.upper() - u.lower()) / Math.sqrt(12);
            case Prior.Gaussian g -> g.sigma();
            case Prior.TruncatedGaussian t -> Math.min(t.sigma(), (t.upper() - t.lower()) / Math.sqrt(12));
        };
        return 0.5 * w;
    }

    // ---------------------------------------------------------------------------------------- compilation

    private Model compile(YamlValue priorBlock) {
        List<String> names = new ArrayList<>(params.keySet());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
            for (String r : params.get(names.get(i)).renames) {
                index.putIfAbsent(r, i);
            }
        }
        // which inputs each likelihood claims
        Set<String> claimed = new HashSet<>();
        List<Component> components = new ArrayList<>();
        boolean theoryNeeded = false;
        for (int c = 0; c < likelihoods.size(); c++) {
            Object l = likelihoods.get(c);
            String key = likelihoodKeys.get(c);
            if (l instanceof Likelihood like) {
                theoryNeeded = true;
                int[] nuis = new int[like.nuisanceParameters().size()];
                for (int i = 0; i < nuis.length; i++) {
                    String n = like.nuisanceParameters().get(i).name();
                    ParamSpec p = params.get(n);
                    if (!p.isInput()) {
                        throw new InvalidOptionException(p.path, source + ": " + p.path + ": " + n + " is a nuisance "
                                + "parameter of " + key + ": give it a value or a prior");
                    }
                    nuis[i] = index.get(n);
                    claimed.add(n);
                }
                components.add(new Component.Sdk(key, like, nuis));
            }
        }
        Map<String, ParameterNames.Input> theoryInputs = new LinkedHashMap<>();
        Map<String, ParameterNames.Target> targets = new LinkedHashMap<>();
        Set<String> usedByLambdas = lambdaArguments();
        decideFamily(claimed);
        // the theory's inputs and targets, and the fixed physics
        for (ParamSpec p : params.values()) {
            if (!p.isInput() || p.drop || claimed.contains(p.name)) {
                continue;
            }
            ParameterNames.Input in = ParameterNames.input(p.name, ext);
            ParameterNames.Target tg = ParameterNames.target(p.name);
            ParameterNames.Fixed fx = ParameterNames.fixed(p.name, ext);
            if (in != null) {
                theoryInputs.put(p.name, in);
            } else if (tg != null) {
                targets.put(p.name, tg);
            } else if (fx != null) {
                if (p.kind != ParamSpec.Kind.FIXED) {
                    problem(new InvalidOptionException(p.path, source + ": " + p.path + ": " + p.name + " varies "
                            + fx.meaning() + ", which the bundled ΛCDM emulators fix at " + fx.value()
                            + " (their training data)" + freedBy(p.name)));
                } else if (Math.abs(p.value - fx.value()) > fx.tolerance()) {
                    problem(new InvalidOptionException(p.path, source + ": " + p.path + ": " + p.name + " = " + p.value
                            + " changes " + fx.meaning() + ", which the bundled ΛCDM emulators fix at " + fx.value()
                            + freedBy(p.name)));
                } else {
                    decisions.add(new Decision(p.path, Decision.Kind.HONOURED, "matches the training (" + fx.meaning()
                            + " = " + fx.value() + ")"));
                }
                claimed.add(p.name);
            }
        }
        // Gaussian likelihoods take the remaining inputs (by prefix)
        List<Integer> gaussianOutputs = new ArrayList<>();
        for (int c = 0; c < likelihoods.size(); c++) {
            if (likelihoods.get(c) instanceof YamlValue g) {
                Component.Gaussian comp = gaussian(likelihoodKeys.get(c), g, index, claimed, theoryInputs.keySet(),
                        targets.keySet(), gaussianOutputs);
                components.add(c, comp);
            }
        }
        // outputs asked of the theory
        EmulatorTheory theory = null;
        Map<String, String> theoryOutputs = new LinkedHashMap<>();
        Map<String, String> inputOutputs = new LinkedHashMap<>();
        Set<String> gaussianOutputNames = new HashSet<>();
        gaussianOutputs.forEach(i -> gaussianOutputNames.add(names.get(i)));
        for (ParamSpec p : params.values()) {
            if (p.kind == ParamSpec.Kind.OUTPUT && !gaussianOutputNames.contains(p.name)) {
                theoryNeeded = true;
            }
        }
        if (!theoryInputs.isEmpty() || !targets.isEmpty()) {
            theoryNeeded = true;
        }
        if (theoryNeeded) {
            theory = family.theory(options);
        }
        Set<String> available = theory == null ? Set.of() : theory.derivedNames();
        for (ParamSpec p : params.values()) {
            if (p.kind != ParamSpec.Kind.OUTPUT || gaussianOutputNames.contains(p.name)) {
                continue;
            }
            ParameterNames.Input in = ParameterNames.input(p.name, ext);
            String d = ParameterNames.derived(p.name);
            if (in != null) {
                inputOutputs.put(p.name, p.name);
                decisions.add(new Decision(p.path, Decision.Kind.HONOURED, "the theory's input " + in.theoryName()
                        + (in.how().isEmpty() ? "" : " (" + in.how() + ")")));
            } else if (available.contains(d)) {
                theoryOutputs.put(p.name, d);
                decisions.add(new Decision(p.path, d.equals(p.name) ? Decision.Kind.HONOURED : Decision.Kind.MAPPED,
                        "the theory's " + d));
            } else {
                problem(new InvalidOptionException(p.path, source + ": " + p.path + ": unknown parameter '" + p.name
                        + "': it is no input of the file and nothing the theory or the likelihoods compute; the theory "
                        + "provides " + available));
            }
        }
        // every non-dropped input must be used by someone
        for (ParamSpec p : params.values()) {
            if (!p.isInput() || claimed.contains(p.name) || theoryInputs.containsKey(p.name) || targets.containsKey(p.name)) {
                continue;
            }
            if (usedByLambdas.contains(p.name) || p.renames.stream().anyMatch(usedByLambdas::contains)) {
                if (!p.drop) {
                    decisions.add(new Decision(p.path, Decision.Kind.HONOURED, "used by the file's lambdas only (cobaya "
                            + "would want drop: true)"));
                }
                continue;
            }
            if (p.drop) {
                decisions.add(new Decision(p.path, Decision.Kind.IGNORED, "dropped and used by no lambda"));
                continue;
            }
            problem(new InvalidOptionException(p.path, source + ": " + p.path + ": unknown parameter '" + p.name + "': "
                    + "neither the theory (inputs " + ParameterNames.inputNames(ext) + ", set by solving: "
                    + ParameterNames.targetNames() + ") nor a likelihood takes it"));
        }
        // the theory plan
        Model.TheoryPlan plan = null;
        List<String> slotNames = new ArrayList<>(names);
        int chi2Total;
        int minusLogPrior;
        if (theory != null) {
            plan = theoryPlan(theory, theoryInputs, targets, index, slotNames, theoryOutputs.values());
        }
        if (!problems.isEmpty()) {
            return null;
        }
        // quantity slots: params, theory inputs (added by theoryPlan), chi2 columns, minuslogprior
        int[] chi2Index = new int[components.size()];
        Map<String, Integer> chi2Alias = new HashMap<>();
        for (int c = 0; c < components.size(); c++) {
            String col = "chi2__" + components.get(c).key();
            chi2Index[c] = slotNames.size();
            slotNames.add(col);
            chi2Alias.put(col.replace('.', '_'), chi2Index[c]);
        }
        chi2Total = slotNames.size();
        slotNames.add("chi2");
        minusLogPrior = slotNames.size();
        slotNames.add("minuslogprior");
        Map<String, Integer> all = new HashMap<>(index);
        for (int i = names.size(); i < slotNames.size(); i++) {
            all.put(slotNames.get(i), i);
        }
        all.putAll(chi2Alias);
        // lambdas: values (inputs only), derived (anything), priors
        List<Model.Step> valueSteps = steps(ParamSpec.Kind.VALUE, index, all);
        List<Model.Step> derivedSteps = steps(ParamSpec.Kind.DERIVED_LAMBDA, index, all);
        List<Model.Step> priorSteps = new ArrayList<>();
        if (priorBlock != null && !priorBlock.isNull()) {
            for (Map.Entry<String, YamlValue> e : priorBlock.map().entrySet()) {
                Expression x = Expression.compile(e.getValue().string(), e.getValue().path());
                int[] args = args(x, e.getValue().path(), index, true);
                priorSteps.add(new Model.Step(-1, x, args));
                decisions.add(new Decision(e.getValue().path(), Decision.Kind.HONOURED, "an extra log-prior, added to "
                        + "the log-posterior"));
            }
        }
        // outputs
        List<Model.Output> outputs = new ArrayList<>();
        for (Map.Entry<String, String> e : theoryOutputs.entrySet()) {
            outputs.add(new Model.Output(index.get(e.getKey()), e.getValue(), -1, null));
        }
        for (String n : inputOutputs.keySet()) {
            ParameterNames.Input in = ParameterNames.input(n, ext);
            int pos = theory.parameterSpace().indexOf(in.theoryName());
            outputs.add(new Model.Output(index.get(n), null, pos, in.fromTheory()));
        }
        // fixed values, sampled order, priors
        double[] fixed = new double[slotNames.size()];
        Arrays.fill(fixed, Double.NaN);
        List<Integer> sampled = new ArrayList<>();
        List<Prior> priors = new ArrayList<>();
        for (ParamSpec p : params.values()) {
            if (p.kind == ParamSpec.Kind.FIXED) {
                fixed[index.get(p.name)] = p.value;
            }
        }
        if (plan != null) {
            cutToBox(theory, theoryInputs);
        }
        for (ParamSpec p : params.values()) {
            if (p.kind == ParamSpec.Kind.SAMPLED) {
                sampled.add(index.get(p.name));
                priors.add(p.prior);
            }
        }
        // derived columns: computed inputs, outputs, derived lambdas (file order), then minuslogprior and chi2
        List<Integer> derivedCols = new ArrayList<>();
        for (ParamSpec p : params.values()) {
            if ((p.kind == ParamSpec.Kind.VALUE && p.output) || p.kind == ParamSpec.Kind.OUTPUT
                    || p.kind == ParamSpec.Kind.DERIVED_LAMBDA) {
                derivedCols.add(index.get(p.name));
            }
        }
        derivedCols.add(minusLogPrior);
        derivedCols.add(chi2Total);
        for (int c : chi2Index) {
            derivedCols.add(c);
        }
        Model.Step[] v = valueSteps.toArray(Model.Step[]::new);
        return new Model(slotNames.toArray(String[]::new), fixed, sampled.stream().mapToInt(Integer::intValue).toArray(),
                priors.toArray(Prior[]::new), v, plan, components.toArray(Component[]::new), chi2Index, chi2Total,
                minusLogPrior, outputs.toArray(Model.Output[]::new), derivedSteps.toArray(Model.Step[]::new),
                priorSteps.toArray(Model.Step[]::new), derivedCols.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The theory's inputs: each from a file parameter, or solved for a target; problems for anything missing. */
    private Model.TheoryPlan theoryPlan(EmulatorTheory theory, Map<String, ParameterNames.Input> inputs,
            Map<String, ParameterNames.Target> targets, Map<String, Integer> index, List<String> slotNames,
            java.util.Collection<String> derivedOutputs) {
        ParameterSpace space = theory.parameterSpace();
        int n = space.dimension();
        int[] from = new int[n];
        Arrays.fill(from, -1);
        DoubleUnaryOperator[] conv = new DoubleUnaryOperator[n];
        Map<String, String> given = new HashMap<>();
        for (Map.Entry<String, ParameterNames.Input> e : inputs.entrySet()) {
            int pos = space.indexOf(e.getValue().theoryName());
            ParamSpec p = params.get(e.getKey());
            if (pos < 0) {
                problem(new InvalidOptionException(p.path, source + ": " + p.path + ": the theory has no input "
                        + e.getValue().theoryName()));
                continue;
            }
            if (from[pos] >= 0) {
                problem(new InvalidOptionException(p.path, source + ": " + p.path + ": " + e.getKey() + " and "
                        + given.get(e.getValue().theoryName()) + " both set the theory's " + e.getValue().theoryName()
                        + "; keep one (or add drop: true to the other)"));
                continue;
            }
            from[pos] = index.get(e.getKey());
            conv[pos] = e.getValue().toTheory();
            given.put(e.getValue().theoryName(), e.getKey());
            if (!e.getKey().equals(e.getValue().theoryName())) {
                decisions.add(new Decision(p.path, Decision.Kind.MAPPED, "the theory's " + e.getValue().theoryName()
                        + (e.getValue().how().isEmpty() ? "" : " (" + e.getValue().how() + ")")));
            }
        }
        List<String> targetNames = new ArrayList<>();
        List<Integer> targetFrom = new ArrayList<>();
        List<Double> targetScale = new ArrayList<>();
        Set<String> derivedNeeded = new LinkedHashSet<>(derivedOutputs);
        for (Map.Entry<String, ParameterNames.Target> e : targets.entrySet()) {
            ParamSpec p = params.get(e.getKey());
            String target = e.getValue().theoryName();
            String control;
            try {
                control = org.cosmoemu.theory.Reparametrisation.controlOf(target);
            } catch (CosmoEmuException ex) {
                problem(new InvalidOptionException(p.path, source + ": " + p.path + ": " + ex.getMessage()));
                continue;
            }
            int pos = space.indexOf(control);
            if (from[pos] >= 0) {
                problem(new InvalidOptionException(p.path, source + ": " + p.path + ": " + e.getKey() + " is set by "
                        + "solving for " + control + ", which " + given.get(control) + " also sets; keep one"));
                continue;
            }
            if (targetNames.stream().anyMatch(t -> org.cosmoemu.theory.Reparametrisation.controlOf(t).equals(control))) {
                problem(new InvalidOptionException(p.path, source + ": " + p.path + ": " + e.getKey() + " and another "
                        + "parameter are both set by solving for " + control + "; keep one"));
                continue;
            }
            targetNames.add(target);
            targetFrom.add(index.get(e.getKey()));
            targetScale.add(e.getValue().scale());
            given.put(control, e.getKey() + " (solved)");
            derivedNeeded.add(target);
            decisions.add(new Decision(p.path, Decision.Kind.SOLVED, "the theory computes " + target + "; the SDK solves "
                    + "for " + control + " at each point" + (e.getValue().note().isEmpty() ? "" : "; "
                    + e.getValue().note()) + ". Points where no " + control + " in the emulators' range reaches it "
                    + "have zero posterior"));
        }
        for (int i = 0; i < n; i++) {
            String in = space.get(i).name();
            Double lcdm = org.cosmoemu.models.ModelFamily.LCDM_VALUES.get(in);
            if (from[i] < 0 && !given.containsKey(in) && lcdm != null && !slotNames.isEmpty()) {
                // an input of the extended family the file leaves alone: ΛCDM's value
                double v = lcdm;
                from[i] = 0;
                conv[i] = ignored -> v;
                given.put(in, "ΛCDM's value");
                decisions.add(new Decision("params", Decision.Kind.DEFAULTED, "the theory's " + in + " = " + v
                        + " (ΛCDM's value: the file does not set it)"));
                continue;
            }
            if (from[i] < 0 && !given.containsKey(in)) {
                List<String> aliases = new ArrayList<>();
                for (String a : ParameterNames.inputNames(ext)) {
                    if (ParameterNames.input(a, ext).theoryName().equals(in)) {
                        aliases.add(a);
                    }
                }
                problem(new InvalidOptionException("params", source + ": params: the theory needs " + in + " (give one "
                        + "of " + aliases + ", or a quantity the SDK solves it for: " + targetsFor(in) + ")"));
            }
        }
        int[] slots = new int[n];
        for (int i = 0; i < n; i++) {
            slots[i] = slotNames.size();
            slotNames.add(Model.THEORY_INPUT + space.get(i).name());
        }
        Requirements req = Requirements.none();
        for (Object l : likelihoods) {
            if (l instanceof Likelihood like) {
                req = req.union(like.requirements());
            }
        }
        if (!derivedNeeded.isEmpty()) {
            req = req.union(Requirements.background(derivedNeeded.toArray(String[]::new)));
        }
        try {
            theory.check(req, source);
        } catch (CosmoEmuException e) {
            problem(new InvalidOptionException("likelihood", source + ": likelihood: " + e.getMessage()));
        }
        return new Model.TheoryPlan(theory, req, from, conv, targetNames.toArray(String[]::new),
                targetFrom.stream().mapToInt(Integer::intValue).toArray(),
                targetScale.stream().mapToDouble(Double::doubleValue).toArray(), slots);
    }

    /**
     * The family: the one the file names, else {@link org.cosmoemu.models.ModelFamily#EXT} if a parameter the ΛCDM
     * family fixes (Σmν, N_eff, w0, wa) varies or is set to another value, else ΛCDM.
     */
    private void decideFamily(Set<String> claimed) {
        if (namedFamily != null) {
            family = namedFamily;
        } else {
            String why = null;
            for (ParamSpec p : params.values()) {
                if (!p.isInput() || p.drop || claimed.contains(p.name) || ParameterNames.extInput(p.name) == null) {
                    continue;
                }
                ParameterNames.Fixed fx = ParameterNames.fixed(p.name);
                if (p.kind != ParamSpec.Kind.FIXED) {
                    why = p.name + " varies";
                } else if (fx != null && Math.abs(p.value - fx.value()) > fx.tolerance()) {
                    why = p.name + " = " + p.value + " (ΛCDM: " + fx.value() + ")";
                }
                if (why != null) {
                    break;
                }
            }
            if (why != null && !org.cosmoemu.models.ModelFamily.EXT.isBundled()) {
                why = null; // not in this build: ΛCDM, whose check below names the parameter
            }
            family = why == null ? org.cosmoemu.models.ModelFamily.LCDM : org.cosmoemu.models.ModelFamily.EXT;
            decisions.add(new Decision("theory", Decision.Kind.DEFAULTED, why == null
                    ? "the lcdm family (lcdm/...): no parameter needs another"
                    : "the ext family (ext/...: Σmν, N_eff, w0, wa free), because " + why));
        }
        ext = family == org.cosmoemu.models.ModelFamily.EXT;
    }

    /** @return how to free a parameter the ΛCDM family fixes, for messages */
    private String freedBy(String name) {
        return ParameterNames.extInput(name) != null
                ? "; the ext family frees it (theory: {cosmo_emu: {family: ext}}, or leave the family out)"
                : "; a family with it free is not in this build";
    }

    private static List<String> targetsFor(String input) {
        List<String> t = new ArrayList<>();
        for (String n : ParameterNames.targetNames()) {
            String th = ParameterNames.target(n).theoryName();
            try {
                if (org.cosmoemu.theory.Reparametrisation.controlOf(th).equals(input)) {
                    t.add(n);
                }
            } catch (CosmoEmuException e) {
                // not a solvable target of this theory
            }
        }
        return t;
    }

    /**
     * Priors of sampled theory inputs wider than the emulators' box are cut to it, and the run says so: directly
     * (ombh2, logA, h, ...), or through a one-argument {@code value:} lambda of a sampled parameter that is
     * monotonic over its prior (cobaya's {@code As: 'lambda logA: 1e-10*np.exp(logA)'} with logA sampled).
     */
    private void cutToBox(EmulatorTheory theory, Map<String, ParameterNames.Input> inputs) {
        ParameterSpace space = theory.parameterSpace();
        for (Map.Entry<String, ParameterNames.Input> e : inputs.entrySet()) {
            ParamSpec p = params.get(e.getKey());
            Parameter box = space.get(space.indexOf(e.getValue().theoryName()));
            if (p.kind == ParamSpec.Kind.VALUE && p.expression.arguments().size() == 1) {
                ParamSpec s = params.get(p.expression.arguments().get(0));
                if (s != null && s.kind == ParamSpec.Kind.SAMPLED) {
                    DoubleUnaryOperator f = t -> e.getValue().toTheory().applyAsDouble(p.expression.evaluate(new double[] {t}));
                    double[] range = preimage(f, s.prior, box.lower(), box.upper());
                    if (range != null) {
                        cut(s, range[0], range[1], " (through " + p.name + " = " + p.expression.source() + ", the "
                                + "theory's " + box.name() + " in [" + box.lower() + ", " + box.upper() + "])");
                    }
                }
                continue;
            }
            if (p.kind != ParamSpec.Kind.SAMPLED) {
                continue;
            }
            double lo = e.getValue().fromTheory().applyAsDouble(box.lower());
            double hi = e.getValue().fromTheory().applyAsDouble(box.upper());
            cut(p, lo, hi, "");
        }
    }

    /**
     * The range of t over the prior's support where f(t) lies in [lo, hi], if f is monotonic there (checked on a
     * grid); null otherwise.
     */
    private static double[] preimage(DoubleUnaryOperator f, Prior prior, double lo, double hi) {
        double a = Math.max(prior.lower(), prior instanceof Prior.Gaussian g ? g.mean() - 20 * g.sigma() : prior.lower());
        double b = Math.min(prior.upper(), prior instanceof Prior.Gaussian g ? g.mean() + 20 * g.sigma() : prior.upper());
        int n = 400;
        double prev = f.applyAsDouble(a);
        int sign = 0;
        for (int i = 1; i <= n; i++) {
            double v = f.applyAsDouble(a + (b - a) * i / n);
            if (!Double.isFinite(v) || !Double.isFinite(prev)) {
                return null;
            }
            int s = Double.compare(v, prev);
            if (s != 0) {
                if (sign != 0 && s != sign) {
                    return null;
                }
                sign = s;
            }
            prev = v;
        }
        if (sign == 0) {
            return null;
        }
        final int dir = sign;
        DoubleUnaryOperator g = t -> dir * f.applyAsDouble(t);
        double tlo = solve(g, a, b, dir > 0 ? lo : -hi);
        double thi = solve(g, a, b, dir > 0 ? hi : -lo);
        return new double[] {tlo, thi};
    }

    /** The t in [a, b] where the increasing g crosses y (a or b when it does not). */
    private static double solve(DoubleUnaryOperator g, double a, double b, double y) {
        if (g.applyAsDouble(a) >= y) {
            return a;
        }
        if (g.applyAsDouble(b) <= y) {
            return b;
        }
        for (int i = 0; i < 200; i++) {
            double m = 0.5 * (a + b);
            if (g.applyAsDouble(m) < y) {
                a = m;
            } else {
                b = m;
            }
        }
        return 0.5 * (a + b);
    }

    private void cut(ParamSpec p, double lo, double hi, String how) {
        Prior before = p.prior;
        if (before.upper() <= lo || before.lower() >= hi) {
            problem(new InvalidOptionException(p.path + ".prior", source + ": " + p.path + ".prior: "
                    + before.describe() + " does not overlap the emulators' training range [" + lo + ", " + hi
                    + "] of " + p.name + how));
            return;
        }
        Prior cut = switch (before) {
            case Prior.Uniform u -> Prior.uniform(Math.max(u.lower(), lo), Math.min(u.upper(), hi));
            case Prior.Gaussian g -> Prior.truncatedGaussian(g.mean(), g.sigma(), lo, hi);
            case Prior.TruncatedGaussian t -> Prior.truncatedGaussian(t.mean(), t.sigma(), Math.max(t.lower(), lo),
                    Math.min(t.upper(), hi));
        };
        if (before.lower() < lo || before.upper() > hi) {
            p.prior = cut;
            decisions.add(new Decision(p.path + ".prior", Decision.Kind.CUT, before.describe() + " is wider than the "
                    + "emulators' training range" + how + "; cut to " + cut.describe() + " (zero posterior outside it)"));
            double c = Math.min(Math.max(p.ref.centre(), cut.lower()), cut.upper());
            if (c != p.ref.centre() || !Double.isFinite(cut.logDensity(c))) {
                double mid = 0.5 * (Math.max(cut.lower(), lo) + Math.min(cut.upper(), hi));
                p.ref = new ParamSpec.Reference(Double.isFinite(cut.logDensity(c)) ? c : mid, p.ref.width(),
                        p.ref.gaussian(), p.ref.describe() + ", moved into the cut prior");
                decisions.add(new Decision(p.path + ".ref", Decision.Kind.CUT, "the reference lies outside the cut "
                        + "prior; chains start from " + p.ref.centre()));
            }
            p.proposal = Math.min(p.proposal, 0.5 * (cut.upper() - cut.lower()));
        }
    }


    /** cobaya's gaussian_mixture (and the quickstart's legacy 'gaussian'): inputs by prefix, outputs by prefix. */
    private Component.Gaussian gaussian(String key, YamlValue g, Map<String, Integer> index, Set<String> claimed,
            Set<String> theoryInputs, Set<String> targets, List<Integer> outputs) {
        Map<String, YamlValue> o = g.mapOrEmpty();
        boolean legacy = key.equals("gaussian");
        for (String k : o.keySet()) {
            if (!Set.of("means", "covs", "mean", "cov", "weights", "derived", "input_params_prefix", "output_params_prefix")
                    .contains(k) && !CobayaLikelihoods.INERT.containsKey(k)) {
                throw o.get(k).error("gaussian_mixture has no option '" + k + "'; options: means, covs, weights, derived, "
                        + "input_params_prefix, output_params_prefix");
            }
            if (CobayaLikelihoods.INERT.containsKey(k)) {
                decisions.add(new Decision(o.get(k).path(), Decision.Kind.IGNORED, CobayaLikelihoods.INERT.get(k)));
            }
        }
        YamlValue meansV = o.containsKey("means") ? o.get("means") : o.get("mean");
        YamlValue covsV = o.containsKey("covs") ? o.get("covs") : o.get("cov");
        if (meansV == null || covsV == null) {
            throw g.error("a Gaussian likelihood needs means and covs (or mean and cov)");
        }
        double[][] means = nested2(meansV);
        double[][][] covs = nested3(covsV);
        int d = means[0].length;
        if (covs.length != means.length) {
            throw covsV.error(covs.length + " covariance matrices for " + means.length + " means");
        }
        for (double[][] c : covs) {
            if (c.length != d || Arrays.stream(c).anyMatch(r -> r.length != d)) {
                throw covsV.error("each covariance must be " + d + " x " + d + ", like the means");
            }
        }
        double[] weights = new double[means.length];
        Arrays.fill(weights, 1.0);
        if (o.containsKey("weights")) {
            weights = o.get("weights").numbers();
            if (weights.length != means.length || Arrays.stream(weights).anyMatch(w -> !(w > 0))) {
                throw o.get("weights").error("one positive weight per mode (" + means.length + ")");
            }
        }
        String inPrefix = o.containsKey("input_params_prefix") ? o.get("input_params_prefix").string() : "";
        String outPrefix = o.containsKey("output_params_prefix") ? o.get("output_params_prefix").string() : "";
        boolean derived = o.containsKey("derived") ? o.get("derived").bool() : legacy;
        List<Integer> in = new ArrayList<>();
        for (ParamSpec p : params.values()) {
            if (p.isInput() && !p.drop && !claimed.contains(p.name) && !theoryInputs.contains(p.name)
                    && !targets.contains(p.name) && p.name.startsWith(inPrefix)) {
                in.add(index.get(p.name));
                claimed.add(p.name);
            }
        }
        if (in.size() != d) {
            throw g.error("the Gaussian has dimension " + d + " but " + in.size() + " input parameters match prefix '"
                    + inPrefix + "': " + in.stream().map(i -> params.keySet().toArray(String[]::new)[i]).toList());
        }
        List<Integer> out = new ArrayList<>();
        if (derived) {
            for (ParamSpec p : params.values()) {
                if (p.kind == ParamSpec.Kind.OUTPUT && p.name.startsWith(outPrefix) && !outputs.contains(index.get(p.name))) {
                    out.add(index.get(p.name));
                }
            }
            if (out.size() != d * means.length) {
                throw g.error("with derived outputs the Gaussian fills " + d * means.length + " parameters (dimension x "
                        + "modes), but " + out.size() + " derived parameters match prefix '" + outPrefix + "'");
            }
            outputs.addAll(out);
        }
        decisions.add(new Decision(g.path(), Decision.Kind.HONOURED, "a Gaussian in " + d + " parameters, " + means.length
                + " mode(s)" + (derived ? ", derived outputs L^-1 (x - mean)" : "")));
        return Component.Gaussian.of(key, in.stream().mapToInt(Integer::intValue).toArray(), means, covs, weights,
                out.stream().mapToInt(Integer::intValue).toArray());
    }

    private static double[][] nested2(YamlValue v) {
        List<YamlValue> l = v.list();
        if (!l.isEmpty() && l.get(0).isList()) {
            double[][] r = new double[l.size()][];
            for (int i = 0; i < r.length; i++) {
                r[i] = l.get(i).numbers();
            }
            return r;
        }
        return new double[][] {v.numbers()};
    }

    private static double[][][] nested3(YamlValue v) {
        List<YamlValue> l = v.list();
        if (!l.isEmpty() && l.get(0).isList() && !l.get(0).list().isEmpty() && l.get(0).list().get(0).isList()) {
            double[][][] r = new double[l.size()][][];
            for (int i = 0; i < r.length; i++) {
                r[i] = nested2(l.get(i));
            }
            return r;
        }
        return new double[][][] {nested2(v)};
    }

    /** @return every name any lambda of the file uses */
    private Set<String> lambdaArguments() {
        Set<String> s = new HashSet<>();
        for (ParamSpec p : params.values()) {
            if (p.expression != null) {
                s.addAll(p.expression.arguments());
            }
        }
        return s;
    }

    /** Lambdas of one kind, bound to indices and ordered so that each runs after what it uses. */
    private List<Model.Step> steps(ParamSpec.Kind kind, Map<String, Integer> index, Map<String, Integer> all) {
        Map<String, ParamSpec> byName = new LinkedHashMap<>();
        for (ParamSpec p : params.values()) {
            if (p.kind == kind) {
                byName.put(p.name, p);
            }
        }
        List<Model.Step> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (ParamSpec p : byName.values()) {
            order(p, byName, done, new ArrayDeque<>(), out, index, all);
        }
        return out;
    }

    private void order(ParamSpec p, Map<String, ParamSpec> same, Set<String> done, Deque<String> stack,
            List<Model.Step> out, Map<String, Integer> index, Map<String, Integer> all) {
        if (done.contains(p.name)) {
            return;
        }
        if (stack.contains(p.name)) {
            List<String> cycle = new ArrayList<>(stack);
            java.util.Collections.reverse(cycle);
            cycle = cycle.subList(cycle.indexOf(p.name), cycle.size());
            cycle.add(p.name);
            throw new InvalidOptionException(p.path, source + ": " + p.path + ": the lambdas depend on each other in a "
                    + "cycle: " + String.join(" -> ", cycle));
        }
        stack.push(p.name);
        for (String a : p.expression.arguments()) {
            ParamSpec q = same.get(a);
            if (q != null) {
                order(q, same, done, stack, out, index, all);
            }
        }
        stack.pop();
        boolean inputsOnly = p.kind == ParamSpec.Kind.VALUE;
        int[] args = args(p.expression, p.expressionPath, inputsOnly ? index : all, inputsOnly);
        out.add(new Model.Step(index.get(p.name), p.expression, args));
        done.add(p.name);
    }

    private int[] args(Expression x, String path, Map<String, Integer> known, boolean inputsOnly) {
        int[] a = new int[x.arguments().size()];
        for (int i = 0; i < a.length; i++) {
            String n = x.arguments().get(i);
            Integer at = known.get(n);
            if (at == null) {
                throw new InvalidOptionException(path, source + ": " + path + ": the lambda uses '" + n + "', which is "
                        + "not a parameter of the file" + (inputsOnly ? " (a value: lambda can use the file's inputs "
                        + "only)" : " or a chi2__ column"));
            }
            if (inputsOnly) {
                ParamSpec q = params.get(n) != null ? params.get(n) : params.values().stream()
                        .filter(p -> p.renames.contains(n)).findFirst().orElse(null);
                if (q == null || !q.isInput()) {
                    throw new InvalidOptionException(path, source + ": " + path + ": the lambda uses '" + n + "', which "
                            + "is computed after the inputs; a value: lambda can use the file's inputs only");
                }
            }
            a[i] = at;
        }
        return a;
    }

    private Posterior posterior(Model model) {
        List<SampledParameter> sampled = new ArrayList<>();
        for (ParamSpec p : params.values()) {
            if (p.kind == ParamSpec.Kind.SAMPLED) {
                double ref = p.ref.centre();
                if (!Double.isFinite(p.prior.logDensity(ref))) {
                    throw new InvalidOptionException(p.path + ".ref", source + ": " + p.path + ".ref: the reference "
                            + ref + " lies outside the prior " + p.prior.describe());
                }
                sampled.add(SampledParameter.of(p.name, p.prior, ref, p.ref.width(), p.proposal, p.latex));
            }
        }
        if (sampled.isEmpty()) {
            return null;
        }
        List<DerivedParameter> derived = new ArrayList<>();
        for (int i : model.derivedColumns) {
            String n = model.names[i];
            ParamSpec p = params.get(n);
            derived.add(DerivedParameter.of(n, p != null ? p.latex : n.startsWith("chi2__") ? "\\chi^2_{\\rm "
                    + n.substring(6).replace("_", "\\_") + "}" : n.equals("chi2") ? "\\chi^2" : "-\\log\\pi"));
        }
        return Posterior.of(sampled, derived, model);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private Map<String, Object> updated(Analysis.SamplerKind sampler, YamlValue settings, String output) {
        Map<String, Object> u = new LinkedHashMap<>();
        Map<String, Object> l = new LinkedHashMap<>();
        for (int i = 0; i < likelihoodKeys.size(); i++) {
            Object like = likelihoods.get(i);
            Map<String, Object> entry = new LinkedHashMap<>();
            if (like instanceof Likelihood sdk) {
                entry.put("sdk_likelihood", sdk.name());
                Map<String, Object> opts = new LinkedHashMap<>();
                String sdkName = sdk.name().contains("[") ? sdk.name().substring(0, sdk.name().indexOf('[')) : sdk.name();
                try {
                    var d = Likelihoods.descriptor(sdkName);
                    Map<String, String> given = likelihoodOptions.get(likelihoodKeys.get(i));
                    d.options().forEach(o -> opts.put(o.key(), given.getOrDefault(o.key(), o.defaultValue())));
                } catch (CosmoEmuException e) {
                    opts.putAll(likelihoodOptions.get(likelihoodKeys.get(i)));
                }
                entry.put("options", opts);
            } else {
                entry.put("sdk_likelihood", "gaussian_mixture");
            }
            l.put(likelihoodKeys.get(i), entry);
        }
        u.put("likelihood", l);
        Map<String, Object> p = new LinkedHashMap<>();
        params.values().forEach(x -> p.put(x.name, x.describe()));
        u.put("params", p);
        u.put("theory", Map.of("cosmo-emu", ext
                ? Map.of("family", "ext", "models", "ext/tt, te, ee, bb, pp, tt_unlensed, te_unlensed, ee_unlensed, "
                        + "pk_lin, pk_nl, pk_lin_cb, pk_nl_cb, derived", "background", "exact (CplBackground)",
                        "constraints", "w0+wa<0")
                : Map.of("family", "lcdm", "models", "lcdm/tt, te, ee, bb, pp, pk_lin, pk_nl, "
                + "derived", "background", "exact (FlatLcdmBackground)")));
        u.put("sampler", Map.of(sampler.name().toLowerCase(java.util.Locale.ROOT),
                SamplerSettings.withDefaults(sampler, settings, (int) params.values().stream()
                        .filter(x -> x.kind == ParamSpec.Kind.SAMPLED).count())));
        if (output != null) {
            u.put("output", output);
        }
        List<String> d = new ArrayList<>();
        decisions.forEach(x -> d.add(x.toString()));
        u.put("cosmo_emu_decisions", d);
        return u;
    }

    private boolean flag(Map<String, YamlValue> top, String key) {
        YamlValue v = top.get(key);
        if (v == null || v.isNull()) {
            return false;
        }
        try {
            boolean b = v.bool();
            decisions.add(new Decision(key, Decision.Kind.HONOURED, key + " = " + b));
            return b;
        } catch (CosmoEmuException e) {
            problem(e);
            return false;
        }
    }

    private void guard(Runnable r) {
        try {
            r.run();
        } catch (InvalidOptionException e) {
            if (e.getMessage() != null && !e.getMessage().isEmpty()) {
                problem(e);
            }
        } catch (CosmoEmuException e) {
            problem(e);
        }
    }

    private void problem(CosmoEmuException e) {
        String m = e.getMessage();
        if (m.startsWith(source + ": ")) {
            m = m.substring(source.length() + 2);
        }
        problems.add(m);
        problemPaths.add(e instanceof InvalidOptionException o && o.option() != null ? o.option() : "");
    }
}
