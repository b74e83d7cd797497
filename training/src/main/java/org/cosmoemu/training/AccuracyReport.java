package org.cosmoemu.training;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.cosmoemu.api.CosmoEmuException;
import org.cosmoemu.api.DataDirectory;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.OutputGrid;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code cosmo-emu accuracy}: measures every model on the held-out CLASS test points (design index ≡ 0 mod 10,
 * never used in training or early stopping) and writes {@code models/ACCURACY.md} with one PNG per model.
 *
 * <pre>
 * accuracy [--specs models/specs] [--models DIR] [--data DIR] [--out models/ACCURACY.md] [--plots models/accuracy]
 *          [--notes models/specs/NOTES.md]
 * </pre>
 * Without {@code --models} it measures the {@code bundled} source it is given (from the CLI: the {@code models}
 * module's catalogue); with it, the model files {@code DIR/<name><ext>}. The notes file (hand-written
 * findings: alternatives measured, what limits accuracy) is copied into the report.
 */
public final class AccuracyReport {
    private static final double[] PERCENTILES = {50, 95, 99};

    private AccuracyReport() {
    }

    /**
     * {@return exit status: 0 success, 1 failure, 2 usage error}
     *
     * @param args    command line
     * @param out     receives the summary
     * @param err     receives errors
     * @param bundled the models measured without {@code --models}, or {@code null} to require {@code --models}
     */
    public static int run(String[] args, PrintStream out, PrintStream err, ModelSource bundled) {
        Path specs = Path.of("models", "specs");
        Path models = null;
        Path data = null;
        Path report = Path.of("models", "ACCURACY.md");
        Path plots = null;
        Path notes = null;
        Path claims = Path.of("models", "src", "test", "resources", "org", "cosmoemu", "models",
                "accuracy-claims.properties");
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    out.println(usage());
                    return 0;
                }
                if (i + 1 >= args.length) {
                    throw new InvalidOptionException(a, a + " needs a value");
                }
                Path v = Path.of(args[++i]);
                switch (a) {
                    case "--specs" -> specs = v;
                    case "--models" -> models = v;
                    case "--data" -> data = v;
                    case "--out" -> report = v;
                    case "--plots" -> plots = v;
                    case "--notes" -> notes = v;
                    case "--claims" -> claims = v;
                    default -> throw new InvalidOptionException(a, "unknown option '" + a + "'");
                }
            }
        } catch (InvalidOptionException | java.nio.file.InvalidPathException e) {
            err.println("accuracy: " + e.getMessage());
            err.println(usage());
            return 2;
        }
        if (models == null && bundled == null) {
            err.println("accuracy: --models DIR is required here");
            err.println(usage());
            return 2;
        }
        if (plots == null) {
            Path parent = report.toAbsolutePath().getParent();
            plots = parent.resolve("accuracy");
        }
        if (notes == null) {
            notes = specs.resolve("NOTES.md");
        }
        try {
            ModelSource source = models == null ? bundled : ModelSource.directory(models);
            List<Path> files = specFiles(specs, source.names());
            if (files.isEmpty()) {
                throw new InvalidOptionException("--specs", "no *.spec file in " + specs);
            }
            // the family's data: the specs name it (class-lcdm, class-ext); --data overrides
            ClassTrainingData d = ClassTrainingData.open(data != null ? data
                    : DataDirectory.root().resolve(ModelSpec.read(files.get(0)).data()));
            String text = write(d, files, source, report, plots, notes, claims);
            out.print(text.substring(0, text.indexOf("\n## ") > 0 ? text.indexOf("\n## ") : text.length()));
            out.println("written " + report + " and plots in " + plots);
            return 0;
        } catch (CosmoEmuException | IOException e) {
            err.println("accuracy: " + e.getMessage());
            return 1;
        }
    }

    /** @return the spec files in a directory, in catalogue order where known */
    static List<Path> specFiles(Path dir, List<String> catalogue) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.list(dir)) {
            all = s.filter(p -> p.toString().endsWith(".spec")).sorted().toList();
        }
        List<Path> ordered = new ArrayList<>();
        for (String name : catalogue) {
            String base = name.substring(name.indexOf('/') + 1) + ".spec";
            all.stream().filter(p -> p.getFileName().toString().equals(base) && !ordered.contains(p))
                    .forEach(ordered::add);
        }
        all.stream().filter(p -> !ordered.contains(p)).forEach(ordered::add);
        return ordered;
    }

    /**
     * Measures the models and writes the report and plots.
     *
     * @param data        the CLASS shards
     * @param specs       spec files, one per model
     * @param models      the models, by catalogue name
     * @param report      the Markdown file to write
     * @param plotDir     the folder for the PNGs
     * @param notes       a Markdown file copied into the report if it exists
     * @param claims      where to write the claimed accuracy per model (a properties file the {@code models}
     *                    tests check the bundled models against), or {@code null}
     * @return the report text
     * @throws IOException if a file cannot be written
     */
    public static String write(ClassTrainingData data, List<Path> specs, ModelSource models,
            Path report, Path plotDir, Path notes, Path claims) throws IOException {
        String modelSource = models.description();
        Files.createDirectories(plotDir);
        Map<ModelSpec, ModelErrors> errors = new LinkedHashMap<>();
        Map<ModelSpec, ModelErrors> floors = new LinkedHashMap<>();
        Map<ModelSpec, NetworkModel> nets = new LinkedHashMap<>();
        for (Path p : specs) {
            ModelSpec spec = ModelSpec.read(p);
            NetworkModel m;
            try {
                m = models.model(spec.name());
            } catch (CosmoEmuException e) {
                nets.put(spec, null);
                continue;
            }
            nets.put(spec, m);
            errors.put(spec, ModelErrors.evaluate(m, data, spec, HeldOutSplit.Role.TEST));
            if (m.pca() != null) {
                floors.put(spec, pcaFloor(m, data, spec));
            }
        }
        StringBuilder sb = new StringBuilder();
        Path root = Path.of("").toAbsolutePath();
        String specDir = specs.isEmpty() ? "models/specs" : relative(root, specs.get(0).toAbsolutePath().getParent());
        boolean lcdm = specs.isEmpty() || ModelSpec.read(specs.get(0)).data().equals("class-lcdm");
        String family = lcdm ? "ΛCDM" : "`" + data.directory().toAbsolutePath().normalize().getFileName() + "`";
        sb.append("# Accuracy of the bundled ").append(family).append(" emulators\n\n");
        sb.append("Generated by `org.cosmoemu.training.AccuracyReport`; do not edit by hand (hand-written findings ")
                .append("live in `").append(notes == null ? specDir + "/NOTES.md" : relative(root, notes))
                .append("` and are copied in below). Regenerate with\n\n```\n./cosmo-emu accuracy")
                .append(lcdm ? "" : " --specs " + specDir + " --out " + relative(root, report) + " --claims "
                        + (claims == null ? "-" : relative(root, claims)))
                .append("\n```\n\n(it also rewrites the plots in `").append(relative(root, plotDir))
                .append("/` and the claims the `models` tests check, `")
                .append(claims == null ? "-" : relative(root, claims)).append("`).\n\n");
        List<ClassTrainingData.Shard> shards = data.shards();
        long test = java.util.Arrays.stream(data.indices())
                .filter(i -> HeldOutSplit.role(i) == HeldOutSplit.Role.TEST).count();
        sb.append(String.format(Locale.ROOT, "Models: %s. Data: %d CLASS design points in %d shard(s) of `%s`; the %d "
                + "**test** points (%s) were never used for training or early stopping. Models are evaluated as users "
                + "get them: the CPU emulator, float64 arithmetic on the stored float32 weights.%n%n", modelSource,
                data.size(), shards.size(), data.directory().getFileName(), test, HeldOutSplit.describe()));
        sb.append("Metrics: for C_ℓ, |ΔC_ℓ|/σ_ℓ with the cosmic-variance σ_ℓ = sqrt(2/(2ℓ+1)) C_ℓ (TE: ")
                .append("sqrt((C_TE² + C_TT C_EE)/(2ℓ+1))); otherwise the relative error |Δy|/y. Percentiles are over ")
                .append("all (test point, grid point) pairs of a band. The *headline* is the worst band's 99th ")
                .append("percentile within the target's range (for P(k, z): the worst (k band, z) pair; for derived ")
                .append("parameters: the worst of the targeted parameters). *PCA floor*: the same headline for the ")
                .append("test spectra projected on the model's PCA basis and back, the best its network could do.\n\n");
        sb.append("| model | metric | target (p99) | headline p99 | meets target | PCA floor | network | file size | ")
                .append("training time |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<ModelSpec, NetworkModel> e : nets.entrySet()) {
            ModelSpec spec = e.getKey();
            NetworkModel m = e.getValue();
            if (m == null) {
                sb.append("| ").append(spec.name()).append(" | | ").append(fmtTarget(spec))
                        .append(" | *not shipped yet* | | | | | |\n");
                continue;
            }
            ModelErrors me = errors.get(spec);
            double h = me.headline();
            ModelErrors floor = floors.get(spec);
            sb.append("| ").append(spec.name()).append(" | ").append(metricName(spec)).append(" | ")
                    .append(fmtTarget(spec)).append(" | ").append(fmtValue(spec, h)).append(" | ")
                    .append(Double.isNaN(spec.target()) ? "" : h <= spec.target() ? "yes" : String.format(Locale.ROOT,
                            "no (%.2f×)", h / spec.target()))
                    .append(" | ").append(floor == null ? "no PCA" : fmtValue(spec, floor.headline())).append(" | ")
                    .append(describe(m)).append(" | ").append(fileSize(models.fileSize(spec.name()))).append(" | ")
                    .append(m.provenance().getOrDefault("training.seconds", "?")).append(" s |\n");
        }
        for (Map.Entry<ModelSpec, ModelErrors> e : errors.entrySet()) {
            ModelSpec spec = e.getKey();
            ModelErrors me = e.getValue();
            NetworkModel m = nets.get(spec);
            sb.append("\n## ").append(spec.name()).append("\n\n");
            sb.append(String.format(Locale.ROOT, "%s (%s), %s; %s. Transform %s, %s. Trained %s on %s; %s.%n%n",
                    m.quantity().name(), m.quantity().units(), m.grid(), describe(m), m.quantity().transform().token(),
                    m.pca() == null ? "no PCA" : m.pca().components() + " PCA components",
                    m.provenance().getOrDefault("training.date", "?"),
                    m.provenance().getOrDefault("training.samples", "?"),
                    m.provenance().getOrDefault("training.code_version", "?")));
            sb.append(String.format(Locale.ROOT, "Test: %d points%s. Target: 99th percentile %s %s.%n%n", me.points(),
                    me.redshifts().length > 0 ? " × " + me.redshifts().length + " redshifts" : "", metricName(spec),
                    fmtTarget(spec)));
            sb.append("| band | p50 | p95 | p99 | max | target applies |\n|---|---|---|---|---|---|\n");
            for (ModelErrors.Group g : me.groups()) {
                sb.append("| ").append(g.label()).append(" | ").append(fmtValue(spec, g.p50())).append(" | ")
                        .append(fmtValue(spec, g.p95())).append(" | ").append(fmtValue(spec, g.p99())).append(" | ")
                        .append(fmtValue(spec, g.maximum())).append(" | ").append(g.inTarget() ? "yes" : "").append(" |\n");
            }
            if (!me.grid().isNamed()) {
                String png = spec.name().replace('/', '_') + ".png";
                plot(spec, me, floors.get(spec), plotDir.resolve(png));
                Path rel = report.toAbsolutePath().getParent().relativize(plotDir.toAbsolutePath().resolve(png));
                sb.append("\n![").append(spec.name()).append("](").append(rel.toString().replace('\\', '/'))
                        .append(")\n");
            }
        }
        if (notes != null && Files.exists(notes)) {
            sb.append("\n").append(Files.readString(notes, StandardCharsets.UTF_8));
        }
        Path parent = report.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(report, sb.toString(), StandardCharsets.UTF_8);
        if (claims != null) {
            writeClaims(errors, java.util.Arrays.stream(data.indices()).max().orElse(-1), claims);
        }
        return sb.toString();
    }

    /**
     * Writes, per model, the metric definition and the claimed headline 99th percentile and maximum error within
     * the target range (rounded up to 3 significant digits), for the {@code models} module's tests.
     */
    static void writeClaims(Map<ModelSpec, ModelErrors> errors, long maxIndex, Path file) throws IOException {
        StringBuilder sb = new StringBuilder("# Accuracy claimed in models/ACCURACY.md, per bundled model, on the held-out "
                + "CLASS test points\n# (" + HeldOutSplit.describe() + "). Written by AccuracyReport; checked by "
                + "BundledModelsTest.\n# p99: worst band 99th percentile in the target range; max: largest error there.\n"
                + "# Measured on the test points with design index <= max_design_index (shards added later are not "
                + "covered until the report is regenerated).\nmax_design_index = " + maxIndex + "\n");
        for (Map.Entry<ModelSpec, ModelErrors> e : errors.entrySet()) {
            ModelSpec s = e.getKey();
            ModelErrors me = e.getValue();
            String n = s.name();
            sb.append('\n').append(n).append(".metric = ").append(s.metric().name().toLowerCase(Locale.ROOT)).append('\n');
            if (s.metricMin() > Double.NEGATIVE_INFINITY) {
                sb.append(n).append(".min = ").append(s.metricMin()).append('\n');
            }
            if (s.metricMax() < Double.POSITIVE_INFINITY) {
                sb.append(n).append(".max = ").append(s.metricMax()).append('\n');
            }
            if (!s.metricOutputs().isEmpty()) {
                sb.append(n).append(".outputs = ").append(String.join(",", s.metricOutputs())).append('\n');
            }
            if (s.bands().length > 0) {
                sb.append(n).append(".bands = ").append(java.util.Arrays.stream(s.bands()).mapToObj(Double::toString)
                        .collect(java.util.stream.Collectors.joining(","))).append('\n');
            }
            if (s.zInput()) {
                sb.append(n).append(".z_max = ").append(s.zMax()).append('\n');
            }
            if (s.dropEqualTo() != null) {
                sb.append(n).append(".drop_equal_to = ").append(s.dropEqualTo()).append('\n');
            }
            sb.append(n).append(".p99 = ").append(roundUp(me.headline())).append('\n');
            sb.append(n).append(".max_error = ").append(roundUp(me.maximumInTarget())).append('\n');
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    /** @return {@code v} rounded up to 3 significant digits */
    static String roundUp(double v) {
        if (!(v > 0)) {
            return Double.toString(v);
        }
        java.math.BigDecimal b = new java.math.BigDecimal(v).round(new java.math.MathContext(3, java.math.RoundingMode.UP));
        return b.stripTrailingZeros().toString();
    }

    private static String relative(Path root, Path p) {
        Path a = p.toAbsolutePath().normalize();
        return (a.startsWith(root) ? root.relativize(a) : a).toString().replace('\\', '/');
    }

    /** The errors of the test spectra after projection on the model's own PCA basis and back. */
    static ModelErrors pcaFloor(NetworkModel m, ClassTrainingData data, ModelSpec spec) {
        TrainingSamples s = TrainingSamples.assemble(data, spec);
        int[] rows = s.rowsWith(HeldOutSplit.Role.TEST);
        NetworkModel.Pca pca = m.pca();
        double[] mean = m.outputMean();
        double[] std = m.outputStd();
        double[] mat = pca.matrix();
        int k = pca.components();
        int n = pca.outputs();
        double[][] rec = new double[rows.length][n];
        for (int i = 0; i < rows.length; i++) {
            double[] y = s.y()[rows[i]];
            double[] t = new double[n];
            for (int j = 0; j < n; j++) {
                double raw = m.quantity().transform() == org.cosmoemu.api.OutputTransform.LOG10 ? Math.log10(y[j]) : y[j];
                t[j] = std[j] == 0 ? 0 : (raw - mean[j]) / std[j];
            }
            for (int c = 0; c < k; c++) {
                double a = 0;
                for (int j = 0; j < n; j++) {
                    a += t[j] * mat[c * n + j];
                }
                for (int j = 0; j < n; j++) {
                    rec[i][j] += a * mat[c * n + j];
                }
            }
            for (int j = 0; j < n; j++) {
                rec[i][j] = m.quantity().transform().apply(rec[i][j] * std[j] + mean[j]);
            }
        }
        return ModelErrors.of(data, spec, s, rows, rec);
    }

    private static void plot(ModelSpec spec, ModelErrors me, ModelErrors floor, Path file) throws IOException {
        OutputGrid g = me.grid();
        boolean logX = g.axis() == OutputGrid.Axis.MULTIPOLE || g.axis() == OutputGrid.Axis.WAVENUMBER;
        String x = switch (g.axis()) {
            case MULTIPOLE -> "multipole ℓ";
            case WAVENUMBER -> "k [" + g.unit() + "]";
            case REDSHIFT -> "z";
            default -> g.axis().token();
        };
        String y = spec.metric() == ModelSpec.Metric.RELATIVE ? "relative error |Δy|/y" : "|ΔC_ℓ| / σ_ℓ (cosmic variance)";
        boolean manySeries = me.redshifts().length > 3;
        XYChart chart = new XYChartBuilder().width(manySeries ? 1100 : 900).height(manySeries ? 600 : 560).title(spec.name() + ": error on "
                + me.points() + " held-out CLASS points").xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setXAxisLogarithmic(logX).setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(manySeries ? Styler.LegendPosition.OutsideE : Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(manySeries ? Styler.LegendLayout.Vertical : Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(0);
        double[] xs = g.values();
        int firstX = 0;
        if (logX && xs[0] <= 0) {
            firstX = 1;
        }
        double[] redshifts = me.redshifts();
        if (redshifts.length == 0) {
            for (double p : PERCENTILES) {
                add(chart, String.format(Locale.ROOT, "%.0fth percentile", p), xs, me.perOutputPercentile(p, Double.NaN),
                        firstX, null);
            }
        } else {
            for (double z : redshifts) {
                add(chart, "p99, z = " + ModelErrors.fmt(z), xs, me.perOutputPercentile(99, z), firstX, null);
            }
        }
        if (floor != null) {
            add(chart, manySeries ? "PCA floor (p99)" : "PCA floor (99th percentile)", xs, floor.perOutputPercentile(99, Double.NaN), firstX,
                    new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 4f}, 0f));
        }
        if (!Double.isNaN(spec.target())) {
            double lo = Math.max(xs[firstX], spec.metricMin());
            double hi = Math.min(xs[xs.length - 1], spec.metricMax());
            XYSeries t = chart.addSeries(manySeries ? "target (p99)" : "target (99th percentile)", new double[] {lo, hi},
                    new double[] {spec.target(), spec.target()});
            t.setLineColor(Color.RED);
            t.setMarker(SeriesMarkers.NONE);
            t.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
        }
        javax.imageio.ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", file.toFile());
    }

    private static void add(XYChart chart, String name, double[] xs, double[] ys, int first, BasicStroke stroke) {
        List<Double> xv = new ArrayList<>();
        List<Double> yv = new ArrayList<>();
        for (int i = first; i < xs.length; i++) {
            if (Double.isFinite(ys[i]) && ys[i] > 0) {
                xv.add(xs[i]);
                yv.add(ys[i]);
            }
        }
        if (xv.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, xv, yv);
        s.setMarker(SeriesMarkers.NONE);
        if (stroke != null) {
            s.setLineStyle(stroke);
        }
    }

    private static String describe(NetworkModel m) {
        int[] a = m.architecture();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.length; i++) {
            sb.append(i == 0 ? "" : "→").append(a[i]);
        }
        if (m.pca() != null) {
            sb.append("→PCA→").append(m.pca().outputs());
        }
        return sb.toString();
    }

    private static String fileSize(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static String metricName(ModelSpec s) {
        return switch (s.metric()) {
            case COSMIC_VARIANCE, COSMIC_VARIANCE_TE -> "\\|ΔC_ℓ\\|/σ_ℓ";
            case RELATIVE -> "relative";
        };
    }

    private static String fmtTarget(ModelSpec s) {
        if (Double.isNaN(s.target())) {
            return "none";
        }
        String range = "";
        if (s.metricMin() > Double.NEGATIVE_INFINITY || s.metricMax() < Double.POSITIVE_INFINITY) {
            String x = s.dataset().equals("cl/pp") ? "L" : s.dataset().startsWith("cl") ? "ℓ"
                    : s.dataset().startsWith("pk/") ? "k" : "z";
            boolean lo = s.metricMin() > Double.NEGATIVE_INFINITY;
            boolean hi = s.metricMax() < Double.POSITIVE_INFINITY;
            range = " at " + (lo ? ModelErrors.fmt(s.metricMin()) + " ≤ " : "") + x
                    + (hi ? " ≤ " + ModelErrors.fmt(s.metricMax()) : "");
        }
        if (!s.metricOutputs().isEmpty()) {
            range = " for " + String.join(", ", s.metricOutputs());
        }
        return "< " + fmtValue(s, s.target()) + range;
    }

    private static String fmtValue(ModelSpec s, double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (s.metric() == ModelSpec.Metric.RELATIVE) {
            return String.format(Locale.ROOT, "%.3g%%", 100 * v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** {@return the usage text} */
    public static String usage() {
        return """
                usage: accuracy [--specs DIR] [--models DIR] [--data DIR] [--out FILE] [--plots DIR] [--notes FILE] [--claims FILE]
                  --specs   model specs (default models/specs)
                  --models  folder of model files to measure (default: the bundled models)
                  --data    directory of the CLASS train-*.h5 shards (default: <data dir>/<the specs' data>)
                  --out     the report (default models/ACCURACY.md)
                  --plots   folder for the PNGs (default: accuracy/ next to the report)
                  --notes   Markdown copied into the report (default <specs>/NOTES.md)
                  --claims  claimed accuracy for the models tests (default
                            models/src/test/resources/org/cosmoemu/models/accuracy-claims.properties)""";
    }
}
