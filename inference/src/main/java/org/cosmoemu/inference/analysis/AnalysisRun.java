package org.cosmoemu.inference.analysis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.OutputException;
import org.cosmoemu.inference.GetDistFiles;
import org.cosmoemu.inference.Mcmc;
import org.cosmoemu.inference.McmcResult;
import org.cosmoemu.inference.McmcSettings;
import org.cosmoemu.inference.PosteriorSummary;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Runs an {@link Analysis}'s sampler and writes cobaya's products under an output prefix: {@code PREFIX.input.yaml}
 * (the file as given), {@code PREFIX.updated.yaml} (every default filled in, every decision listed), and the
 * sampler's own: GetDist chains ({@code PREFIX.1.txt ...}, {@code .paramnames}, {@code .ranges},
 * {@code .covmat}, {@code .progress}) for {@code mcmc}, {@code PREFIX.minimum} for {@code minimize}, a one-row
 * sample {@code PREFIX.1.txt} for {@code evaluate}.
 *
 * <p>An output that exists is an {@link OutputException} unless the run says {@link #resume} (continue it; for
 * {@code mcmc} only with the same input file) or {@link #force} (replace it). Not thread-safe; one run per
 * instance.
 */
public final class AnalysisRun {

    /** What a run produced. */
    public sealed interface Result permits Evaluated, Sampled, Minimised, Ensembled {
        /** {@return the files written (empty without an output prefix)} */
        List<Path> files();
    }

    /**
     * What an {@code evaluate} run gives.
     *
     * @param evaluation the posterior at the point
     * @param files      the files written
     */
    public record Evaluated(Evaluation evaluation, List<Path> files) implements Result {
    }

    /**
     * What an {@code mcmc} run gives.
     *
     * @param mcmc    the chains and diagnostics
     * @param summary the marginalised means and intervals (first 30% of each chain removed)
     * @param files   the files written
     */
    public record Sampled(McmcResult mcmc, PosteriorSummary summary, List<Path> files) implements Result {
    }

    /**
     * What an {@code ensemble} run gives.
     *
     * @param ensemble the walkers' samples (burn-in removed) and diagnostics
     * @param summary  the marginalised means and intervals
     * @param files    the files written
     */
    public record Ensembled(org.cosmoemu.inference.EnsembleSampler.Result ensemble, PosteriorSummary summary,
            List<Path> files) implements Result {
    }

    /**
     * What a {@code minimize} run gives.
     *
     * @param minimum the best fit
     * @param files   the files written
     */
    public record Minimised(Minimum minimum, List<Path> files) implements Result {
    }

    private final Analysis analysis;
    private Path output;
    private boolean resume;
    private boolean force;
    private int chains = 4;
    private Long seed;
    private Duration maxTime;
    private Duration progressInterval = Duration.ofSeconds(5);

    AnalysisRun(Analysis analysis) {
        this.analysis = analysis;
        String o = analysis.outputPrefix().orElse(null);
        this.output = o == null ? null : Path.of(o);
        this.resume = analysis.resumeInFile();
        this.force = analysis.forceInFile();
    }

    /**
     * {@return this}
     *
     * @param prefix output prefix (e.g. {@code chains/act}), replacing the file's; null for no files
     */
    public AnalysisRun output(Path prefix) {
        this.output = prefix;
        return this;
    }

    /**
     * {@return this}
     *
     * @param r continue an existing run at the prefix (mcmc: only with the same input file)
     */
    public AnalysisRun resume(boolean r) {
        this.resume = r;
        return this;
    }

    /**
     * {@return this}
     *
     * @param f replace an existing run at the prefix
     */
    public AnalysisRun force(boolean f) {
        this.force = f;
        return this;
    }

    /**
     * {@return this}
     *
     * @param n parallel chains of {@code mcmc} (cobaya: one per MPI process), default 4
     * @throws InvalidOptionException if n &lt; 1
     */
    public AnalysisRun chains(int n) {
        if (n < 1) {
            throw new InvalidOptionException("chains", "the number of chains must be >= 1, got " + n);
        }
        this.chains = n;
        return this;
    }

    /**
     * {@return this}
     *
     * @param s random seed, replacing the file's {@code seed}
     */
    public AnalysisRun seed(long s) {
        this.seed = s;
        return this;
    }

    /**
     * {@return this}
     *
     * @param t wall-time limit of {@code mcmc} (null: none)
     */
    public AnalysisRun maxTime(Duration t) {
        this.maxTime = t;
        return this;
    }

    /**
     * {@return this}
     *
     * @param every time between progress lines (INFO log) of {@code mcmc}, default 5 s
     */
    public AnalysisRun progressInterval(Duration every) {
        this.progressInterval = Objects.requireNonNull(every, "every");
        return this;
    }

    /**
     * Runs the file's sampler.
     *
     * @return what it produced
     * @throws InvalidOptionException if both resume and force are set
     * @throws OutputException        if the output exists and neither resume nor force is set, or a file cannot be
     *                                written (the message names it)
     * @throws org.cosmoemu.api.NumericalException if the sampler fails numerically (e.g. no finite start point)
     */
    public Result run() {
        if (resume && force) {
            throw new InvalidOptionException("resume", "resume and force contradict each other: give one");
        }
        List<Path> files = new ArrayList<>();
        if (output != null) {
            prepareOutput(files);
        }
        return switch (analysis.sampler()) {
            case EVALUATE -> evaluate(files);
            case MCMC -> mcmc(files);
            case MINIMIZE -> minimize(files);
            case ENSEMBLE -> ensemble(files);
        };
    }

    private Evaluated evaluate(List<Path> files) {
        Evaluation e = analysis.evaluate();
        if (output != null && analysis.posterior().isPresent()) {
            double[] p = analysis.referencePoint();
            double[] row = new double[2 + p.length + analysis.derivedParameters().size()];
            row[0] = 1;
            row[1] = -e.logPosterior();
            System.arraycopy(p, 0, row, 2, p.length);
            for (int i = 0; i < analysis.derivedParameters().size(); i++) {
                Double v = e.parameters().get(analysis.derivedParameters().get(i).name());
                row[2 + p.length + i] = v == null ? Double.NaN : v;
            }
            List<double[][]> one = List.<double[][]>of(new double[][] {row});
            org.cosmoemu.inference.Chains.of(columns(), one).write(output);
            files.add(GetDistFiles.chainFile(output, 1));
        }
        return new Evaluated(e, List.copyOf(files));
    }

    private Sampled mcmc(List<Path> files) {
        var posterior = analysis.posterior().orElseThrow(() -> new InvalidOptionException("params", analysis.source()
                + ": params: mcmc needs at least one sampled parameter (with a prior)"));
        int d = posterior.dimension();
        Path base = Path.of(analysis.source()).toAbsolutePath().getParent();
        McmcSettings.Builder b = SamplerSettings.mcmc(analysis.samplerSettings(), d, analysis.sampledNames(), base);
        Map<String, YamlValue> given = analysis.samplerSettings() == null ? Map.of()
                : analysis.samplerSettings().mapOrEmpty();
        if (!given.containsKey("max_tries")) {
            b.maxTries(40L * d); // cobaya's default
        }
        b.chains(chains).progressInterval(progressInterval);
        if (seed != null) {
            b.seed(seed);
        }
        if (maxTime != null) {
            b.maxTime(maxTime);
        }
        if (output != null) {
            b.output(output).resume(resume).overwrite(force);
        }
        McmcResult r = Mcmc.run(posterior, b.build());
        if (output != null) {
            files.add(GetDistFiles.chainFile(output, 1));
            files.add(GetDistFiles.paramNamesFile(output));
            files.add(GetDistFiles.rangesFile(output));
            files.add(GetDistFiles.covmatFile(output));
            files.add(GetDistFiles.progressFile(output));
        }
        return new Sampled(r, r.summary(), List.copyOf(files));
    }

    private Ensembled ensemble(List<Path> files) {
        var posterior = analysis.posterior().orElseThrow(() -> new InvalidOptionException("params", analysis.source()
                + ": params: the ensemble sampler needs at least one sampled parameter (with a prior)"));
        var s = SamplerSettings.ensemble(analysis.samplerSettings());
        if (seed != null) {
            s = s.withSeed(seed);
        }
        if (maxTime != null) {
            s = s.withMaxTime(maxTime);
        }
        if (output != null) {
            s = s.withOutput(output);
        }
        var r = org.cosmoemu.inference.EnsembleSampler.run(posterior, s);
        if (output != null) {
            files.add(GetDistFiles.chainFile(output, 1));
            files.add(GetDistFiles.paramNamesFile(output));
            files.add(GetDistFiles.rangesFile(output));
        }
        return new Ensembled(r, r.summary(), List.copyOf(files));
    }

    private Minimised minimize(List<Path> files) {
        Map<String, YamlValue> s = analysis.samplerSettings() == null ? Map.of() : analysis.samplerSettings().mapOrEmpty();
        int d = analysis.sampledParameters().size();
        int bestOf = s.containsKey("best_of") ? (int) Math.max(1, s.get("best_of").count(1)) : 2;
        long maxEvals = s.containsKey("max_evals") ? Math.max(10, s.get("max_evals").count(d)) : 2000L * Math.max(1, d);
        boolean ignorePrior = s.containsKey("ignore_prior") && s.get("ignore_prior").bool();
        long sd = seed != null ? seed : s.containsKey("seed") ? s.get("seed").count(1) : 1;
        Minimum m = Minimiser.minimise(analysis, bestOf, maxEvals, ignorePrior, sd);
        if (output != null) {
            Path f = sibling(output, ".minimum");
            write(f, m.toGetDistText(analysis));
            files.add(f);
        }
        return new Minimised(m, List.copyOf(files));
    }

    private List<org.cosmoemu.inference.Chains.Column> columns() {
        List<org.cosmoemu.inference.Chains.Column> cols = new ArrayList<>();
        analysis.sampledParameters().forEach(p -> cols.add(new org.cosmoemu.inference.Chains.Column(p.name(), p.latex(),
                false, p.prior().lower(), p.prior().upper())));
        analysis.derivedParameters().forEach(p -> cols.add(new org.cosmoemu.inference.Chains.Column(p.name(), p.latex(),
                true, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)));
        return cols;
    }

    /** Checks for an existing run and writes the input and updated files. */
    private void prepareOutput(List<Path> files) {
        Path input = sibling(output, ".input.yaml");
        Path updated = sibling(output, ".updated.yaml");
        boolean exists = Files.exists(input) || Files.exists(GetDistFiles.chainFile(output, 1))
                || Files.exists(sibling(output, ".minimum"));
        if (exists && !resume && !force) {
            throw new OutputException("output " + output + " already holds a run (" + (Files.exists(input) ? input
                    : GetDistFiles.chainFile(output, 1)) + "): pass --resume to continue it or --force to overwrite it");
        }
        if (exists && resume && analysis.sampler() == Analysis.SamplerKind.MCMC && Files.exists(input)) {
            try {
                String before = Files.readString(input, StandardCharsets.UTF_8);
                if (!before.equals(analysis.inputText())) {
                    throw new OutputException("cannot resume " + output + ": its input file " + input + " differs from "
                            + analysis.source() + "; use --force to start again, or a new output prefix");
                }
            } catch (IOException e) {
                throw new OutputException("cannot read " + input + " to resume: " + e.getMessage(), e);
            }
        }
        if (exists && force) {
            deleteRun();
        }
        write(input, analysis.inputText());
        write(updated, "# " + analysis.source() + " as cosmo-emu runs it: every default filled in, every decision "
                + "listed (cosmo_emu_decisions)\n" + yaml(analysis.updatedInput()));
        files.add(input);
        files.add(updated);
    }

    private void deleteRun() {
        Path dir = output.toAbsolutePath().getParent();
        String prefix = output.getFileName().toString() + ".";
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (var s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                String rest = p.getFileName().toString().substring(prefix.length());
                if (rest.matches("\\d+\\.txt|paramnames|ranges|covmat|progress|input\\.yaml|updated\\.yaml|minimum"
                        + "|lock|settings")) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new OutputException("cannot remove the old run at " + output + " (--force): " + e.getMessage(), e);
        }
    }

    static String yaml(Map<String, Object> m) {
        DumpSettings s = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setWidth(120).build();
        return new Dump(s).dumpToString(m);
    }

    private static Path sibling(Path root, String suffix) {
        return root.resolveSibling(root.getFileName().toString() + suffix);
    }

    private static void write(Path f, String text) {
        try {
            Path parent = f.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(f, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OutputException("cannot write " + f + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "AnalysisRun[" + analysis.source() + ", " + analysis.sampler().name().toLowerCase(Locale.ROOT) + ", output "
                + output + "]";
    }
}
