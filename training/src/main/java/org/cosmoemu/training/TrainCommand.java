package org.cosmoemu.training;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cosmoemu.api.CosmoEmuException;
import org.cosmoemu.api.DataDirectory;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.NetworkModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cosmo-emu train}: trains the models that spec files describe on the CLASS shards and, with
 * {@code --promote}, replaces a shipped model only when the new one is better on the held-out test points.
 *
 * <pre>
 * train --spec models/specs/tt.spec [--spec ...] [--data DIR] [--out DIR] [--set key=value ...]
 *       [--promote models/src/main/resources/org/cosmoemu/models] [--history models/TRAINING-LOG.md]
 * train --spec FILE --candidate MODEL_FILE --promote DIR     # promote an already trained model (experiments)
 * </pre>
 * <ul>
 *   <li>{@code --data}: the CLASS shards (default {@code DataDirectory.root()/<the spec's data>}, e.g.
 *       {@code class-lcdm} or {@code class-ext}: the spec names the family's dataset);</li>
 *   <li>{@code --out}: where the trained candidates are written (default {@code target/trained}), as
 *       {@code <name><ext>}, e.g. {@code target/trained/lcdm/tt.h5};</li>
 *   <li>{@code --set key=value}: overrides a spec key (e.g. {@code --set pca=32}) for experiments;</li>
 *   <li>{@code --promote DIR}: evaluates the candidate and the model in {@code DIR} (if any) on the test points
 *       (the spec's headline metric) and copies the candidate over only if it is better; every decision is
 *       appended to {@code --history} (default {@code models/TRAINING-LOG.md}).</li>
 * </ul>
 * Run with {@code OMP_NUM_THREADS=n} to bound ND4J's threads.
 */
public final class TrainCommand {
    private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);

    private TrainCommand() {
    }

    /**
     * Runs the program from the command line.
     *
     * @param args command line (see the class comment)
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * {@return exit status: 0 success, 1 failure, 2 usage error}
     *
     * @param args command line
     * @param out  receives the summary lines
     * @param err  receives usage errors
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<Path> specs = new ArrayList<>();
        List<String[]> sets = new ArrayList<>();
        Path data = null;
        Path outDir = Path.of("target", "trained");
        Path promote = null;
        Path history = Path.of("models", "TRAINING-LOG.md");
        Path candidate = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--spec" -> specs.add(Path.of(value(args, ++i, a)));
                    case "--data" -> data = Path.of(value(args, ++i, a));
                    case "--out" -> outDir = Path.of(value(args, ++i, a));
                    case "--promote" -> promote = Path.of(value(args, ++i, a));
                    case "--history" -> history = Path.of(value(args, ++i, a));
                    case "--candidate" -> candidate = Path.of(value(args, ++i, a));
                    case "--set" -> {
                        String kv = value(args, ++i, a);
                        int eq = kv.indexOf('=');
                        if (eq <= 0) {
                            throw new InvalidOptionException(a, "--set needs key=value, got '" + kv + "'");
                        }
                        sets.add(new String[] {kv.substring(0, eq).strip(), kv.substring(eq + 1).strip()});
                    }
                    case "-h", "--help" -> {
                        out.println(usage());
                        return 0;
                    }
                    default -> throw new InvalidOptionException(a, "unknown option '" + a + "'");
                }
            }
            if (specs.isEmpty()) {
                throw new InvalidOptionException("--spec", "give at least one --spec FILE");
            }
            if (candidate != null && (specs.size() != 1 || promote == null)) {
                throw new InvalidOptionException("--candidate", "--candidate needs exactly one --spec and --promote");
            }
        } catch (InvalidOptionException | java.nio.file.InvalidPathException e) {
            err.println("train: " + e.getMessage());
            err.println(usage());
            return 2;
        }
        try {
            Map<Path, ClassTrainingData> opened = new java.util.HashMap<>();
            Path explicit = data;
            java.util.function.Function<ModelSpec, ClassTrainingData> dataOf = sp -> opened.computeIfAbsent(
                    explicit != null ? explicit : DataDirectory.root().resolve(sp.data()), ClassTrainingData::open);
            if (candidate != null) {
                NetworkModel m = ModelSink.SHIPPED.read(candidate);
                Map<String, String> recorded = new java.util.LinkedHashMap<>();
                for (Map.Entry<String, String> e : m.provenance().entrySet()) {
                    if (e.getKey().startsWith("training.spec.")) {
                        recorded.put(e.getKey().substring("training.spec.".length()), e.getValue());
                    }
                }
                ModelSpec spec = ModelSpec.read(specs.get(0)).with(recorded);
                ClassTrainingData d = dataOf.apply(spec);
                double test = ModelErrors.evaluate(m, d, spec, HeldOutSplit.Role.TEST).headline();
                double seconds = Double.parseDouble(m.provenance().getOrDefault("training.seconds", "NaN"));
                promote(spec, d, candidate, m, test, promote, history, seconds, out);
                return 0;
            }
            for (Path specFile : specs) {
                ModelSpec spec = ModelSpec.read(specFile);
                if (!sets.isEmpty()) {
                    Map<String, String> overrides = new java.util.LinkedHashMap<>();
                    sets.forEach(kv -> overrides.put(kv[0], kv[1]));
                    spec = spec.with(overrides);
                }
                ClassTrainingData d = dataOf.apply(spec);
                Trainer.Result r = Trainer.train(d, spec);
                NetworkModel trained = r.model();
                // what users get: the model as stored (float32 weights)
                Path file = outDir.resolve(spec.name() + ModelSink.SHIPPED.extension());
                ModelErrors valErrors = ModelErrors.evaluate(trained, d, spec, HeldOutSplit.Role.VALIDATION);
                NetworkModel withMetrics = trained.toBuilder()
                        .provenance("validation.headline_p99", String.format(Locale.ROOT, "%.6g", valErrors.headline()))
                        .provenance("validation.metric", spec.metric().name().toLowerCase(Locale.ROOT))
                        .build();
                Files.createDirectories(file.toAbsolutePath().getParent());
                ModelSink.SHIPPED.write(withMetrics, file);
                NetworkModel stored = ModelSink.SHIPPED.read(file);
                double test = ModelErrors.evaluate(stored, d, spec, HeldOutSplit.Role.TEST).headline();
                // the measured held-out accuracy goes into the model's own metadata too (rounded up as the report
                // states it); the weights, hence every prediction, are those just measured
                stored = stored.toBuilder()
                        .provenance("test.headline_p99", AccuracyReport.roundUp(test))
                        .provenance("test.points", Long.toString(java.util.Arrays.stream(d.indices())
                                .filter(i -> HeldOutSplit.role(i) == HeldOutSplit.Role.TEST).count()))
                        .build();
                ModelSink.SHIPPED.write(stored, file);
                stored = ModelSink.SHIPPED.read(file);
                out.printf(Locale.ROOT, "%s: trained in %s; validation headline p99 %.4g, test headline p99 %.4g "
                        + "(target %s, metric %s); written to %s (%.1f MB)%n", spec.name(), Trainer.human(r.seconds()),
                        valErrors.headline(), test, Double.isNaN(spec.target()) ? "none" : fmt(spec.target()),
                        spec.metric().name().toLowerCase(Locale.ROOT), file, Files.size(file) / 1e6);
                if (promote != null) {
                    promote(spec, d, file, stored, test, promote, history, r.seconds(), out);
                }
            }
            return 0;
        } catch (CosmoEmuException | IOException e) {
            LOG.error("train failed", e);
            err.println("train: " + e.getMessage());
            return 1;
        }
    }

    private static void promote(ModelSpec spec, ClassTrainingData d, Path candidateFile, NetworkModel candidate,
            double candidateTest, Path dir, Path history, double seconds, PrintStream out) throws IOException {
        Path shipped = dir.resolve(spec.name() + ModelSink.SHIPPED.extension());
        double current = Double.POSITIVE_INFINITY;
        if (Files.exists(shipped)) {
            try {
                current = ModelErrors.evaluate(ModelSink.SHIPPED.read(shipped), d, spec, HeldOutSplit.Role.TEST).headline();
            } catch (CosmoEmuException e) {
                LOG.warn("{}: the shipped model {} cannot be evaluated with this spec ({}); replacing it", spec.name(),
                        shipped, e.getMessage());
            }
        }
        boolean better = candidateTest < current;
        if (better) {
            Files.createDirectories(shipped.toAbsolutePath().getParent());
            Files.copy(candidateFile, shipped, StandardCopyOption.REPLACE_EXISTING);
        }
        String line = String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.4g | %s | %s | %s |%n", Instant.now()
                .toString().substring(0, 19), spec.name(), settings(spec), d.size() + " points / " + d.shards().size()
                + " shards", spec.metric().name().toLowerCase(Locale.ROOT), candidateTest,
                Double.isInfinite(current) ? "none" : String.format(Locale.ROOT, "%.4g", current),
                better ? "**shipped**" : "kept the old one", Trainer.human(seconds));
        if (!Files.exists(history)) {
            Files.createDirectories(history.toAbsolutePath().getParent());
            Files.writeString(history, "# Training log\n\nEvery `train --promote` decision: a model is replaced only "
                    + "when its headline metric on the held-out test points (the worst 99th percentile over the "
                    + "target's bands, see ACCURACY.md) improves.\n\n| date (UTC) | model | settings | data | metric "
                    + "| new (test p99) | shipped before | decision | training time |\n|---|---|---|---|---|---|---|---|---|\n",
                    StandardCharsets.UTF_8);
        }
        Files.writeString(history, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        out.printf(Locale.ROOT, "%s: test headline %.4g vs shipped %s: %s%n", spec.name(), candidateTest,
                Double.isInfinite(current) ? "none" : String.format(Locale.ROOT, "%.4g", current),
                better ? "replaced " + shipped : "kept " + shipped);
    }

    private static String settings(ModelSpec s) {
        StringBuilder sb = new StringBuilder();
        sb.append(s.transform().token()).append(", pca ").append(s.pcaComponents());
        sb.append(", ").append(s.loss().name().toLowerCase(Locale.ROOT)).append(" loss");
        if (s.emphasis() != 1) {
            sb.append(" (emphasis ").append(s.values().get("emphasis")).append(" on ")
                    .append(s.metricOutputs().isEmpty() ? s.values().getOrDefault("emphasis_min", "") + ".."
                            + s.values().getOrDefault("emphasis_max", "") : String.join(", ", s.metricOutputs()))
                    .append(')');
        }
        int[] h = s.hidden();
        sb.append(", ").append(h.length).append('x').append(h[0]);
        sb.append(", lr ").append(s.values().getOrDefault("learning_rates", "default"));
        sb.append(", batch ").append(s.values().getOrDefault("batch_sizes", "default"));
        sb.append(", patience ").append(s.patience()).append(", seed ").append(s.seed());
        return sb.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new InvalidOptionException(option, option + " needs a value");
        }
        return args[i];
    }

    /** {@return the usage text} */
    public static String usage() {
        return """
                usage: train --spec FILE [--spec FILE ...] [--data DIR] [--out DIR] [--set key=value ...]
                             [--promote MODELS_DIR] [--history FILE]
                  --spec     a model spec (models/specs/*.spec)
                  --data     directory of the CLASS train-*.h5 shards (default: <data dir>/<spec's data>)
                  --out      where trained models are written (default target/trained)
                  --set      override a spec key, e.g. --set pca=32
                  --promote  replace the model in MODELS_DIR only if the new one is better on the test points
                  --history  where promote decisions are logged (default models/TRAINING-LOG.md)
                  --candidate  skip training: evaluate this model file (trained with the spec's settings as
                             recorded in its provenance) and promote it if better""";
    }
}
