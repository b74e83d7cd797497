package org.cosmoemu.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.EllFactor;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.OutputTransform;

/**
 * What to train and how: the contents of a small {@code key = value} spec file (one per shipped model, under
 * {@code models/specs/}). Lines starting with {@code #} are comments. Immutable.
 *
 * <pre>
 * name            = lcdm/tt                  # catalogue name of the model
 * data            = class-lcdm               # the CLASS shards' folder under the data directory (default
 *                                            # class-lcdm; class-ext for the ext/… family): the family
 * dataset         = cl/tt                    # dataset in the CLASS shards
 * quantity        = C_ell^TT (lensed)        # OutputQuantity name
 * units           = dimensionless            # OutputQuantity units
 * ell_factor      = l(l+1)/2pi               # EllFactor token (default none)
 * transform       = log10                    # log10 | identity: what the network learns
 * pca             = 64                       # PCA components of the outputs, 0 = none (default 0)
 * loss            = coefficients             # coefficients | reconstruction | relative (see {@link Loss})
 * z_input         = false                    # true: the dataset's z axis becomes an extra input named z
 * z_max           = 5                        # with z_input: largest z used
 * z_exclude       = 1.25                     # experiments: redshifts left out of training (to measure how
 *                                            # well the network interpolates between the data's redshifts)
 * grid_min, grid_max                         # keep only outputs whose grid value lies in [grid_min, grid_max]
 * drop_equal_to   = pk/linear                # drop samples (point, z) whose values equal this dataset's: where
 *                                            # CLASS could not apply HMcode, pk/nonlinear is a copy of pk/linear
 * hidden          = 512, 512, 512, 512       # hidden layer widths
 * learning_rates  = 1e-2, 1e-3, 1e-4, 1e-5, 1e-6
 * batch_sizes     = 32, 64, 128, 256, 512    # one per learning rate
 * patience        = 100                      # epochs without validation improvement before a stage ends
 * max_epochs      = 1000                     # per stage
 * seed            = 1
 * dtype           = float32                  # float32 | float64 arithmetic during training
 * metric          = cosmic_variance          # cosmic_variance | cosmic_variance_te | relative
 * metric_min, metric_max                     # grid-value range the accuracy target applies to
 * metric_outputs  = sigma8, 100theta_s       # named grids: the outputs the target applies to
 * emphasis        = 10                       # loss = relative only: loss weights x10 (default 1) for the
 *                                            # metric_outputs (named grids), or for the outputs whose grid
 * emphasis_min, emphasis_max                 # value lies in [emphasis_min, emphasis_max] (value grids)
 * target          = 0.2                      # target for the 99th percentile of the metric
 * bands           = 2, 30, 100, 500, ...     # grid-value band edges for the accuracy report
 * max_design_index = 512                     # experiments: train/validate only on design points below this
 *                                            # index (as if fewer shards existed); the test set is unchanged
 * </pre>
 */
public final class ModelSpec {

    /** How the per-output squared errors of the network are weighted in the loss. */
    public enum Loss {
        /** Equal weights on the network's standardised outputs (CosmoPower; for PCA models, its coefficients). */
        COEFFICIENTS,
        /**
         * PCA models: each standardised coefficient weighted by its variance, which makes the loss the mean squared
         * error of the reconstructed standardised outputs (noise-level components then weigh next to nothing).
         */
        RECONSTRUCTION,
        /**
         * Models without PCA: output j weighted so that the loss approximates the mean squared relative error of
         * the physical values: weight ∝ std_j² for log10 outputs, (std_j / |mean_j|)² for linear ones. Outputs
         * that vary little (e.g. Y_He) then no longer dominate through their standardisation.
         */
        RELATIVE
    }

    /** How the accuracy of a model is measured on the held-out points. */
    public enum Metric {
        /** |ΔC_ℓ| / σ_ℓ with the cosmic-variance σ_ℓ = sqrt(2/(2ℓ+1)) C_ℓ (TT, EE, BB). */
        COSMIC_VARIANCE,
        /** |ΔC_ℓ^TE| / σ_ℓ with σ_ℓ = sqrt((C_TE² + C_TT C_EE)/(2ℓ+1)) (needs the TT and EE truth). */
        COSMIC_VARIANCE_TE,
        /** |Δy| / |y|. */
        RELATIVE
    }

    private static final Set<String> KEYS = Set.of("name", "data", "dataset", "quantity", "units", "ell_factor", "transform",
            "pca", "loss", "z_input", "z_max", "grid_min", "grid_max", "hidden", "learning_rates", "batch_sizes",
            "patience", "max_epochs", "seed", "dtype", "metric", "metric_min", "metric_max", "metric_outputs", "emphasis",
            "emphasis_min", "emphasis_max", "target", "bands", "max_design_index", "z_exclude", "drop_equal_to");

    private final String source;
    private final Map<String, String> values;

    private ModelSpec(String source, Map<String, String> values) {
        this.source = source;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * {@return the spec}
     *
     * @param file a spec file
     * @throws DataFileException if the file is unreadable or invalid (the message names the file and key)
     */
    public static ModelSpec read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new DataFileException("cannot read model spec " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@return the spec}
     *
     * @param text   spec text
     * @param source where it came from, for messages
     * @throws DataFileException naming {@code source}, the line or key, and what is wrong
     */
    public static ModelSpec parse(String text, String source) {
        Map<String, String> v = new LinkedHashMap<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new DataFileException(source + " line " + (i + 1) + ": expected 'key = value', got '" + line + "'");
            }
            String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1).strip();
            if (!KEYS.contains(key)) {
                throw new DataFileException(source + " line " + (i + 1) + ": unknown key '" + key + "' (known: "
                        + KEYS.stream().sorted().toList() + ")");
            }
            if (v.put(key, value) != null) {
                throw new DataFileException(source + " line " + (i + 1) + ": key '" + key + "' given twice");
            }
        }
        ModelSpec spec = new ModelSpec(source, v);
        spec.validate();
        return spec;
    }

    /**
     * {@return a copy of this spec with {@code key} set, validated}
     *
     * @param key   a spec key
     * @param value its new value (text, as in the file)
     * @throws DataFileException if the key is unknown or the result invalid
     */
    public ModelSpec with(String key, String value) {
        return with(Map.of(key, value));
    }

    /**
     * {@return a copy of this spec with the overrides, validated once all are applied}
     *
     * @param overrides keys and their new values (text, as in the file), applied together
     * @throws DataFileException if a key is unknown or the result invalid
     */
    public ModelSpec with(Map<String, String> overrides) {
        Map<String, String> v = new LinkedHashMap<>(values);
        StringBuilder what = new StringBuilder();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String k = e.getKey().toLowerCase(Locale.ROOT);
            if (!KEYS.contains(k)) {
                throw new DataFileException(source + ": unknown key '" + e.getKey() + "'");
            }
            v.put(k, e.getValue());
            what.append(what.isEmpty() ? "" : ", ").append(k).append(" = ").append(e.getValue());
        }
        ModelSpec s = new ModelSpec(source + " (with " + what + ")", v);
        s.validate();
        return s;
    }

    private void validate() {
        require("name");
        require("dataset");
        transform();
        ellFactor();
        if (pcaComponents() < 0) {
            fail("pca", "must be >= 0");
        }
        loss();
        emphasis();
        int[] hidden = hidden();
        if (hidden.length == 0 || Arrays.stream(hidden).anyMatch(h -> h <= 0)) {
            fail("hidden", "needs at least one positive width");
        }
        double[] lr = learningRates();
        int[] bs = batchSizes();
        if (lr.length == 0 || lr.length != bs.length) {
            fail("batch_sizes", "needs one batch size per learning rate (" + lr.length + " learning rates, "
                    + bs.length + " batch sizes)");
        }
        if (Arrays.stream(lr).anyMatch(x -> !(x > 0)) || Arrays.stream(bs).anyMatch(x -> x <= 0)) {
            fail("learning_rates", "learning rates and batch sizes must be positive");
        }
        if (patience() <= 0 || maxEpochs() <= 0) {
            fail("patience", "patience and max_epochs must be positive");
        }
        seed();
        trainInFloat64();
        if (zInput() && !(zMax() >= 0)) {
            fail("z_max", "must be >= 0 when z_input = true");
        }
        metric();
        target();
        bands();
        metricMin();
        metricMax();
        gridMin();
        gridMax();
        maxDesignIndex();
        zExclude();
    }

    private void require(String key) {
        if (!values.containsKey(key) || values.get(key).isEmpty()) {
            throw new DataFileException(source + ": required key '" + key + "' is missing");
        }
    }

    private void fail(String key, String what) {
        throw new DataFileException(source + ": " + key + " = '" + values.getOrDefault(key, "") + "': " + what);
    }

    private String get(String key, String def) {
        return values.getOrDefault(key, def);
    }

    private double number(String key, double def) {
        String s = values.get(key);
        if (s == null) {
            return def;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new DataFileException(source + ": " + key + " = '" + s + "' is not a number");
        }
    }

    private int integer(String key, int def) {
        String s = values.get(key);
        if (s == null) {
            return def;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new DataFileException(source + ": " + key + " = '" + s + "' is not an integer");
        }
    }

    private List<String> list(String key, String def) {
        String s = values.getOrDefault(key, def);
        List<String> out = new ArrayList<>();
        for (String part : s.split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    private double[] numbers(String key, String def) {
        try {
            return list(key, def).stream().mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new DataFileException(source + ": " + key + " = '" + values.get(key) + "' is not a list of numbers");
        }
    }

    private int[] integers(String key, String def) {
        try {
            return list(key, def).stream().mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new DataFileException(source + ": " + key + " = '" + values.get(key) + "' is not a list of integers");
        }
    }

    /** {@return where the spec came from} */
    public String source() {
        return source;
    }

    /** {@return every key given, with its text value (unmodifiable, file order): recorded in the provenance} */
    public Map<String, String> values() {
        return values;
    }

    /** {@return the catalogue name, e.g. {@code lcdm/tt}} */
    public String name() {
        return values.get("name");
    }

    /**
     * {@return the folder of the CLASS shards this model is trained and measured on, relative to the data directory
     * (default {@code class-lcdm}); the commands use it unless {@code --data} names a directory}
     */
    public String data() {
        return get("data", "class-lcdm");
    }

    /** {@return the dataset path in the CLASS shards} */
    public String dataset() {
        return values.get("dataset");
    }

    /** {@return the quantity name (default: the dataset path)} */
    public String quantity() {
        return get("quantity", dataset());
    }

    /** {@return the units of the values} */
    public String units() {
        return get("units", "unspecified");
    }

    /** {@return the multipole factor the values carry} */
    public EllFactor ellFactor() {
        try {
            return EllFactor.fromToken(get("ell_factor", "none"));
        } catch (InvalidOptionException e) {
            throw new DataFileException(source + ": ell_factor: " + e.getMessage());
        }
    }

    /** {@return what the network learns: log10 of the values, or the values} */
    public OutputTransform transform() {
        try {
            return OutputTransform.fromToken(get("transform", "identity"));
        } catch (InvalidOptionException e) {
            throw new DataFileException(source + ": transform: " + e.getMessage());
        }
    }

    /** {@return number of PCA components, 0 for none} */
    public int pcaComponents() {
        return integer("pca", 0);
    }

    /** {@return how the loss weights the network's outputs (default {@link Loss#COEFFICIENTS})} */
    public Loss loss() {
        Loss l;
        try {
            l = Loss.valueOf(get("loss", "coefficients").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            fail("loss", "use coefficients, reconstruction or relative");
            throw e;
        }
        if (l == Loss.RECONSTRUCTION && pcaComponents() == 0) {
            fail("loss", "reconstruction needs pca > 0");
        }
        if (l == Loss.RELATIVE && pcaComponents() > 0) {
            fail("loss", "relative needs pca = 0 (with PCA use reconstruction)");
        }
        return l;
    }

    /** {@return {@code true} if the dataset's z axis becomes an extra input {@code z}} */
    public boolean zInput() {
        String s = get("z_input", "false").toLowerCase(Locale.ROOT);
        if (!s.equals("true") && !s.equals("false")) {
            fail("z_input", "use true or false");
        }
        return s.equals("true");
    }

    /** {@return with {@link #zInput()}: the largest redshift trained on} */
    public double zMax() {
        return number("z_max", Double.NaN);
    }

    /** {@return with {@link #zInput()}: redshifts of the data left out of training (experiments)} */
    public double[] zExclude() {
        return numbers("z_exclude", "");
    }

    /**
     * {@return a dataset of the same shape; samples whose values all equal it (to 1e-6) are dropped from training and
     * evaluation, or {@code null}}
     *
     */
    public String dropEqualTo() {
        String v = values.get("drop_equal_to");
        return v == null || v.isBlank() ? null : v;
    }

    /** {@return smallest grid value kept (default -inf)} */
    public double gridMin() {
        return number("grid_min", Double.NEGATIVE_INFINITY);
    }

    /** {@return largest grid value kept (default +inf)} */
    public double gridMax() {
        return number("grid_max", Double.POSITIVE_INFINITY);
    }

    /** {@return hidden layer widths (default 4 × 512)} */
    public int[] hidden() {
        return integers("hidden", "512,512,512,512");
    }

    /** {@return the learning rate of each stage} */
    public double[] learningRates() {
        return numbers("learning_rates", "1e-2,1e-3,1e-4,1e-5,1e-6");
    }

    /** {@return the batch size of each stage} */
    public int[] batchSizes() {
        return integers("batch_sizes", "32,64,128,256,512");
    }

    /** {@return epochs without validation improvement before a stage ends} */
    public int patience() {
        return integer("patience", 100);
    }

    /** {@return the most epochs per stage} */
    public int maxEpochs() {
        return integer("max_epochs", 1000);
    }

    /** {@return the random seed (initial weights, batch order)} */
    public long seed() {
        return integer("seed", 1);
    }

    /** {@return {@code true} to train in float64 arithmetic} */
    public boolean trainInFloat64() {
        String s = get("dtype", "float32").toLowerCase(Locale.ROOT);
        if (!s.equals("float32") && !s.equals("float64")) {
            fail("dtype", "use float32 or float64");
        }
        return s.equals("float64");
    }

    /** {@return how accuracy is measured} */
    public Metric metric() {
        try {
            return Metric.valueOf(get("metric", "relative").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            fail("metric", "use cosmic_variance, cosmic_variance_te or relative");
            throw e;
        }
    }

    /** {@return the target for the 99th percentile of the metric (NaN when none)} */
    public double target() {
        return number("target", Double.NaN);
    }

    /** {@return smallest grid value the target applies to} */
    public double metricMin() {
        return number("metric_min", Double.NEGATIVE_INFINITY);
    }

    /** {@return largest grid value the target applies to} */
    public double metricMax() {
        return number("metric_max", Double.POSITIVE_INFINITY);
    }

    /** {@return for named grids: the outputs the target applies to (empty: all)} */
    public List<String> metricOutputs() {
        return list("metric_outputs", "");
    }

    /**
     * {@return with {@code loss = relative}: the factor by which the loss weights of the emphasised outputs are
     * multiplied (default 1): on named grids the {@link #metricOutputs()}, on value grids those in
     * [{@link #emphasisMin()}, {@link #emphasisMax()}]. It keeps the outputs a target applies to from being drowned by
     * harder ones.}
     *
     */
    public double emphasis() {
        double w = number("emphasis", 1);
        if (!(w > 0) || Double.isInfinite(w)) {
            fail("emphasis", "must be a positive number");
        }
        if (w != 1 && loss() != Loss.RELATIVE) {
            fail("emphasis", "needs loss = relative");
        }
        return w;
    }

    /** {@return smallest grid value of the emphasised outputs (value grids)} */
    public double emphasisMin() {
        return number("emphasis_min", Double.NEGATIVE_INFINITY);
    }

    /** {@return largest grid value of the emphasised outputs (value grids)} */
    public double emphasisMax() {
        return number("emphasis_max", Double.POSITIVE_INFINITY);
    }

    /**
     * {@return train and validate only on design points with a smaller index (default: no limit); for measuring how the
     * error scales with the number of training points}
     *
     */
    public long maxDesignIndex() {
        String v = values.get("max_design_index");
        if (v == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new DataFileException(source + ": max_design_index = '" + v + "' is not an integer");
        }
    }

    /** {@return band edges (grid values) for the accuracy report; empty for one band} */
    public double[] bands() {
        return numbers("bands", "");
    }

    @Override
    public String toString() {
        return "ModelSpec[" + name() + " from " + source + "]";
    }
}
