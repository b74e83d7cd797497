package org.cosmoemu.cpu.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.ModelFormatException;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.NetworkModel.DenseLayer;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.OutputQuantity;
import org.cosmoemu.api.ParameterSpace;

/**
 * Maps the CosmoPower family's file layouts onto a {@link NetworkModel}. Every layout stores the same network
 * (see {@link NetworkModel}); they differ in how the arrays are packed:
 *
 * <ul>
 *   <li><b>A</b>, original CosmoPower pickle: a 15-item list for {@code cosmopower_NN}
 *       {@code [W, b, alphas, betas, parameters_mean, parameters_std, features_mean, features_std, n_parameters,
 *       parameters, n_modes, modes, n_hidden, n_layers, architecture]}, or a 19-item list for
 *       {@code cosmopower_PCAplusNN} {@code [W, b, alphas, betas, parameters_mean, parameters_std, pca_mean,
 *       pca_std, features_mean, features_std, parameters, n_parameters, modes, n_modes, n_pcas,
 *       pca_transform_matrix, n_hidden, n_layers, architecture]};</li>
 *   <li><b>B</b>, cosmopower-jax pickle: 13 items {@code [[(Wᵀ, b) per layer], [(alpha, beta) per hidden layer],
 *       param_train_mean, param_train_std, feature_train_mean, feature_train_std, n_parameters, parameters,
 *       n_modes, modes, n_hidden, n_layers, architecture]}. Weights are stored transposed ({@code [out][in]}) and
 *       the output layer adds the scalar {@code b[-1]} to every output (cosmopower-jax's {@code _predict}). PCA
 *       models ({@code cmb_pp}, {@code cmb_te}, or any pickle with side files) keep the PCA matrix and the
 *       spectrum statistics in {@code ../pca_utils/<name>_{pca_transform_matrix,training_mean,training_std}.npy};
 *       there {@code feature_train_mean/std} are the PCA-coefficient statistics;</li>
 *   <li><b>C</b>, object npz: {@code arr_0.npy} holds a pickled dict ({@code weights_, biases_, alphas_, betas_,
 *       param_train_mean, param_train_std, feature_train_mean, feature_train_std, parameters, modes, ...});</li>
 *   <li><b>D</b>, flat npz: members {@code W_i, b_i, alphas_i, betas_i, parameters_mean, parameters_std,
 *       features_mean, features_std, [pca_mean, pca_std, pca_transform_matrix], parameters, modes}.</li>
 * </ul>
 *
 * <p>Naming trap: the arrays called {@code alphas} hold β (the slope inside the sigmoid) and {@code betas} hold
 * γ (the linear leak); they go to {@link DenseLayer#beta()} and {@link DenseLayer#gamma()} respectively.
 *
 * <p>The files store no parameter ranges and do not say whether outputs are log10: the model gets unbounded
 * parameters and {@link OutputQuantity#unspecified()}. The {@code modes} array becomes an {@link OutputGrid} of
 * axis {@link OutputGrid.Axis#MODES} (numbers) or a named grid (strings); when its length does not match the
 * outputs (cosmopower-jax PCA pickles store the PCA index) the grid is 0..n-1 and provenance notes why.
 */
final class CosmoPowerFormats {

    /** cosmopower-jax probes that are PCA models (its {@code CosmoPowerJAX.__init__}). */
    static final Set<String> CPJAX_PCA_PROBES = Set.of("cmb_pp", "cmb_te");

    /** The layouts, with the letter and description recorded in provenance. */
    enum Layout {
        A_NN("A", "CosmoPower pickle, cosmopower_NN (15-item list)"),
        A_PCA("A", "CosmoPower pickle, cosmopower_PCAplusNN (19-item list)"),
        B("B", "cosmopower-jax pickle (13-item list, transposed weights, scalar output bias)"),
        C("C", "object npz (pickled CosmoPower dict in arr_0.npy)"),
        C_PICKLE("C", "pickled CosmoPower dict"),
        D("D", "flat npz (one .npy member per array)");

        final String letter;
        final String description;

        Layout(String letter, String description) {
            this.letter = letter;
            this.description = description;
        }
    }

    private static final List<String> A_NN_ITEMS = List.of("weights_", "biases_", "alphas_", "betas_",
            "parameters_mean", "parameters_std", "features_mean", "features_std", "n_parameters", "parameters",
            "n_modes", "modes", "n_hidden", "n_layers", "architecture");
    private static final List<String> A_PCA_ITEMS = List.of("weights_", "biases_", "alphas_", "betas_",
            "parameters_mean", "parameters_std", "pca_mean", "pca_std", "features_mean", "features_std", "parameters",
            "n_parameters", "modes", "n_modes", "n_pcas", "pca_transform_matrix", "n_hidden", "n_layers",
            "architecture");
    private static final List<String> B_ITEMS = List.of("weights", "hyper_params", "param_train_mean",
            "param_train_std", "feature_train_mean", "feature_train_std", "n_parameters", "parameters", "n_modes",
            "modes", "n_hidden", "n_layers", "architecture");

    private CosmoPowerFormats() {
    }

    /** A row-major matrix with its shape. */
    private record Matrix(int rows, int cols, double[] values, String dtype) {
        Matrix transposed() {
            double[] t = new double[values.length];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    t[c * rows + r] = values[r * cols + c];
                }
            }
            return new Matrix(cols, rows, t, dtype);
        }
    }

    /**
     * The named entries of a file, with how to name each one in messages ("key 'W_0'", "item 4 (parameters_mean)").
     */
    private static final class Fields {
        final Map<String, Object> values = new LinkedHashMap<>();
        final Map<String, String> labels = new LinkedHashMap<>();
        final String kind;

        Fields(String kind) {
            this.kind = kind;
        }

        void put(String key, Object value, String label) {
            values.put(key, value);
            labels.put(key, label);
        }

        boolean has(String key) {
            return values.containsKey(key);
        }

        String label(String key) {
            return labels.getOrDefault(key, kind + " '" + key + "'");
        }

        /** The first key present among {@code keys}; fails naming all of them. */
        String require(String... keys) {
            for (String k : keys) {
                if (has(k)) {
                    return k;
                }
            }
            StringBuilder sb = new StringBuilder("missing ").append(kind).append(" '").append(keys[0]).append('\'');
            for (int i = 1; i < keys.length; i++) {
                sb.append(" (or '").append(keys[i]).append("')");
            }
            throw new ModelFormatException(sb + "; the file has " + values.keySet());
        }
    }

    // ---------------------------------------------------------------------------------------------- entry points

    /**
     * @param top the unpickled value of a {@code .pkl} file
     * @param src the file
     * @return the model
     * @throws ModelFormatException if the layout is not one of the known ones or its arrays do not fit together
     */
    static NetworkModel fromPickle(Object top, SourceFile src) {
        if (top instanceof Map<?, ?> dict) {
            return fromFields(dictFields(dict), src, Layout.C_PICKLE, new LinkedHashMap<>());
        }
        if (!(top instanceof List<?> items)) {
            throw new ModelFormatException("the pickle holds a " + PickleReader.describe(top) + "; a CosmoPower model "
                    + "pickle holds a list of 15 (cosmopower_NN), 19 (cosmopower_PCAplusNN) or 13 (cosmopower-jax) items");
        }
        return switch (items.size()) {
            case 15 -> fromFields(listFields(items, A_NN_ITEMS), src, Layout.A_NN, new LinkedHashMap<>());
            case 19 -> fromFields(listFields(items, A_PCA_ITEMS), src, Layout.A_PCA, new LinkedHashMap<>());
            case 13 -> fromCosmoPowerJax(items, src);
            default -> throw new ModelFormatException("the pickle holds a list of " + items.size() + " items; a "
                    + "CosmoPower model pickle holds 15 (cosmopower_NN), 19 (cosmopower_PCAplusNN) or 13 "
                    + "(cosmopower-jax) items");
        };
    }

    /**
     * @param members the arrays of a {@code .npz} file by key
     * @param src     the file
     * @return the model
     * @throws ModelFormatException if keys are missing or the arrays do not fit together
     */
    static NetworkModel fromNpz(Map<String, NumpyArray> members, SourceFile src) {
        NumpyArray arr0 = members.get("arr_0");
        if (members.size() == 1 && arr0 != null) {
            if (!arr0.isObject() || arr0.size() != 1 || !(arr0.item() instanceof Map<?, ?> dict)) {
                throw new ModelFormatException("the only member arr_0.npy is a " + arr0 + "; an object npz model "
                        + "holds a pickled dict there");
            }
            return fromFields(dictFields(dict), src, Layout.C, new LinkedHashMap<>());
        }
        Fields f = new Fields("member");
        members.forEach((k, v) -> f.put(k, v, "member '" + k + ".npy'"));
        return fromFields(f, src, Layout.D, new LinkedHashMap<>());
    }

    private static Fields listFields(List<?> items, List<String> names) {
        Fields f = new Fields("item");
        for (int i = 0; i < names.size(); i++) {
            f.put(names.get(i), items.get(i), "item " + i + " (" + names.get(i) + ")");
        }
        return f;
    }

    private static Fields dictFields(Map<?, ?> dict) {
        Fields f = new Fields("key");
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            if (e.getKey() instanceof String k) {
                f.put(k, e.getValue(), "key '" + k + "'");
            }
        }
        return f;
    }

    // ---------------------------------------------------------------------------------------------- format B

    private static NetworkModel fromCosmoPowerJax(List<?> items, SourceFile src) {
        Fields raw = listFields(items, B_ITEMS);
        List<?> weightPairs = list(raw.values.get("weights"), raw.label("weights"));
        List<?> hyperPairs = list(raw.values.get("hyper_params"), raw.label("hyper_params"));
        List<Object> w = new ArrayList<>();
        List<Object> b = new ArrayList<>();
        for (int i = 0; i < weightPairs.size(); i++) {
            String what = raw.label("weights") + "[" + i + "]";
            List<?> pair = pair(weightPairs.get(i), what, "(W transposed, b)");
            w.add(matrix(pair.get(0), what + "[0]").transposed());
            double[] bias = vector(pair.get(1), what + "[1]");
            if (i == weightPairs.size() - 1 && bias.length > 0) {
                Arrays.fill(bias, bias[bias.length - 1]); // cosmopower-jax adds the scalar b[-1] to every output
            }
            b.add(bias);
        }
        List<Object> alphas = new ArrayList<>();
        List<Object> betas = new ArrayList<>();
        for (int i = 0; i < hyperPairs.size(); i++) {
            String what = raw.label("hyper_params") + "[" + i + "]";
            List<?> pair = pair(hyperPairs.get(i), what, "(alpha, beta)");
            alphas.add(vector(pair.get(0), what + "[0]"));
            betas.add(vector(pair.get(1), what + "[1]"));
        }
        Fields f = new Fields("item");
        f.put("weights_", w, raw.label("weights"));
        f.put("biases_", b, raw.label("weights"));
        f.put("alphas_", alphas, raw.label("hyper_params"));
        f.put("betas_", betas, raw.label("hyper_params"));
        f.put("parameters_mean", raw.values.get("param_train_mean"), raw.label("param_train_mean"));
        f.put("parameters_std", raw.values.get("param_train_std"), raw.label("param_train_std"));
        f.put("parameters", raw.values.get("parameters"), raw.label("parameters"));
        f.put("modes", raw.values.get("modes"), raw.label("modes"));

        Map<String, String> provenance = new LinkedHashMap<>();
        Path[] side = cpjaxSideFiles(src);
        boolean anySide = Arrays.stream(side).anyMatch(Files::isRegularFile);
        if (CPJAX_PCA_PROBES.contains(src.stem()) || anySide) {
            NumpyArray[] arrays = new NumpyArray[3];
            StringBuilder note = new StringBuilder();
            for (int k = 0; k < 3; k++) {
                if (!Files.isRegularFile(side[k])) {
                    throw new ModelFormatException("the cosmopower-jax PCA model '" + src.stem() + "' needs its PCA side "
                            + "file " + side[k] + ", which does not exist (cosmopower-jax keeps it in ../pca_utils/ "
                            + "next to the trained_models/ folder)");
                }
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(side[k]);
                    arrays[k] = NpyReader.read(bytes);
                } catch (IOException e) {
                    throw new ModelFormatException("cannot read the PCA side file " + side[k] + ": " + e, e);
                } catch (ModelFormatException e) {
                    throw new ModelFormatException("PCA side file " + side[k] + ": " + e.getMessage(), e);
                }
                note.append(k == 0 ? "" : ", ").append(side[k].getFileName()).append(" sha256=")
                        .append(SourceFile.sha256(bytes));
            }
            provenance.put("pca_side_files", note.toString());
            f.put("pca_transform_matrix", arrays[0], "side file " + side[0].getFileName());
            f.put("features_mean", arrays[1], "side file " + side[1].getFileName());
            f.put("features_std", arrays[2], "side file " + side[2].getFileName());
            f.put("pca_mean", raw.values.get("feature_train_mean"), raw.label("feature_train_mean"));
            f.put("pca_std", raw.values.get("feature_train_std"), raw.label("feature_train_std"));
        } else {
            f.put("features_mean", raw.values.get("feature_train_mean"), raw.label("feature_train_mean"));
            f.put("features_std", raw.values.get("feature_train_std"), raw.label("feature_train_std"));
        }
        return fromFields(f, src, Layout.B, provenance);
    }

    /**
     * @param src a cosmopower-jax pickle {@code .../trained_models/<name>.pkl}
     * @return {@code .../pca_utils/<name>_pca_transform_matrix.npy}, {@code ..._training_mean.npy},
     *         {@code ..._training_std.npy}
     */
    static Path[] cpjaxSideFiles(SourceFile src) {
        Path dir = src.path().toAbsolutePath().getParent();
        Path pcaDir = (dir.getParent() == null ? dir : dir.getParent()).resolve("pca_utils");
        String stem = src.stem();
        return new Path[] {pcaDir.resolve(stem + "_pca_transform_matrix.npy"),
            pcaDir.resolve(stem + "_training_mean.npy"), pcaDir.resolve(stem + "_training_std.npy")};
    }

    // ---------------------------------------------------------------------------------------------- common mapping

    private static NetworkModel fromFields(Fields f, SourceFile src, Layout layout, Map<String, String> extra) {
        List<Matrix> weights = matrices(f, "weights_", "W_");
        List<double[]> biases = vectors(f, "biases_", "b_", weights.size());
        List<double[]> alphas = vectors(f, "alphas_", "alphas_", weights.size() - 1);
        List<double[]> betas = vectors(f, "betas_", "betas_", weights.size() - 1);
        List<DenseLayer> layers = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            Matrix w = weights.get(i);
            try {
                layers.add(i < weights.size() - 1
                        ? DenseLayer.hidden(w.rows(), w.cols(), w.values(), biases.get(i), alphas.get(i), betas.get(i))
                        : DenseLayer.linear(w.rows(), w.cols(), w.values(), biases.get(i)));
            } catch (ModelFormatException e) {
                throw new ModelFormatException("layer " + i + " (" + w.rows() + "x" + w.cols() + "): " + e.getMessage(), e);
            }
        }
        String inMean = f.require("parameters_mean", "param_train_mean");
        String inStd = f.require("parameters_std", "param_train_std");
        List<String> names = names(f.values.get(f.require("parameters")), f.label("parameters"));

        NetworkModel.Pca pca = null;
        String outMean;
        String outStd;
        String pcaMatrixKey = f.has("pca_transform_matrix") ? "pca_transform_matrix" : f.has("pca_matrix") ? "pca_matrix" : null;
        if (pcaMatrixKey != null) {
            String coefMean;
            String coefStd;
            if (f.has("pca_mean")) { // PCA-coefficient statistics stored as pca_mean/std (formats A, D)
                coefMean = "pca_mean";
                coefStd = f.require("pca_std");
                outMean = f.require("feature_train_mean", "features_mean");
                outStd = f.require("feature_train_std", "features_std");
            } else { // typical CosmoPower dict: feature_train_* are the coefficient statistics
                coefMean = f.require("feature_train_mean", "features_mean");
                coefStd = f.require("feature_train_std", "features_std");
                outMean = f.require("training_mean");
                outStd = f.require("training_std");
            }
            Matrix m = matrix(f.values.get(pcaMatrixKey), f.label(pcaMatrixKey));
            try {
                pca = NetworkModel.Pca.of(m.rows(), m.cols(), vector(f.values.get(coefMean), f.label(coefMean)),
                        vector(f.values.get(coefStd), f.label(coefStd)), m.values());
            } catch (ModelFormatException e) {
                throw new ModelFormatException(f.label(pcaMatrixKey) + ": " + e.getMessage(), e);
            }
        } else {
            outMean = f.require("features_mean", "feature_train_mean");
            outStd = f.require("features_std", "feature_train_std");
        }
        double[] outputMean = vector(f.values.get(outMean), f.label(outMean));
        double[] outputStd = vector(f.values.get(outStd), f.label(outStd));

        ParameterSpace space;
        try {
            space = ParameterSpace.unbounded(names);
        } catch (InvalidParameterException e) {
            throw new ModelFormatException(f.label("parameters") + ": " + e.getMessage(), e);
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("source_file", src.name());
        provenance.put("source_format", layout.letter);
        provenance.put("source_format_description", layout.description);
        provenance.put("source_sha256", src.sha256());
        provenance.put("source_size_bytes", Long.toString(src.bytes().length));
        provenance.put("source_weights_dtype", weights.get(0).dtype());
        provenance.putAll(extra);
        int nOut = pca != null ? pca.outputs() : outputMean.length;
        OutputGrid grid = grid(f.has("modes") ? f.values.get("modes") : null, f.label("modes"), nOut, provenance);

        return NetworkModel.builder().name(src.stem()).parameterSpace(space)
                .inputScaling(vector(f.values.get(inMean), f.label(inMean)), vector(f.values.get(inStd), f.label(inStd)))
                .layers(layers).pca(pca).outputScaling(outputMean, outputStd).grid(grid)
                .quantity(OutputQuantity.unspecified()).provenance(provenance).build();
    }

    /** The weight matrices, from the list {@code listKey} or the numbered entries {@code prefix0, prefix1, ...}. */
    private static List<Matrix> matrices(Fields f, String listKey, String prefix) {
        List<Matrix> out = new ArrayList<>();
        if (f.has(listKey)) {
            List<?> items = list(f.values.get(listKey), f.label(listKey));
            for (int i = 0; i < items.size(); i++) {
                out.add(matrix(items.get(i), f.label(listKey) + "[" + i + "]"));
            }
        } else {
            for (int i = 0; f.has(prefix + i); i++) {
                out.add(matrix(f.values.get(prefix + i), f.label(prefix + i)));
            }
            if (out.isEmpty()) {
                f.require(listKey, prefix + "0");
            }
            if (f.has("b_" + out.size())) { // numbered layers continue past a gap
                throw new ModelFormatException("missing " + f.kind + " '" + prefix + out.size() + "' (the file has 'b_"
                        + out.size() + "'); the file has " + f.values.keySet());
            }
        }
        if (out.size() < 2) {
            throw new ModelFormatException("the file has " + out.size() + " weight matrix(es); a CosmoPower network has "
                    + "at least one hidden layer and an output layer");
        }
        return out;
    }

    /** {@code count} vectors from the list {@code listKey} or the numbered entries {@code prefix0, ...}. */
    private static List<double[]> vectors(Fields f, String listKey, String prefix, int count) {
        List<double[]> out = new ArrayList<>();
        if (f.has(listKey)) {
            List<?> items = list(f.values.get(listKey), f.label(listKey));
            if (items.size() != count) {
                throw new ModelFormatException(f.label(listKey) + " has " + items.size() + " arrays, expected " + count
                        + " for " + (count + (listKey.startsWith("biases") ? 0 : 1)) + " weight matrices");
            }
            for (int i = 0; i < items.size(); i++) {
                out.add(vector(items.get(i), f.label(listKey) + "[" + i + "]"));
            }
        } else {
            for (int i = 0; i < count; i++) {
                String k = f.require(listKey, prefix + i);
                out.add(vector(f.values.get(k), f.label(k)));
            }
            if (f.has(prefix + count)) {
                throw new ModelFormatException("the file has more " + prefix + "i arrays than expected (" + prefix
                        + count + " exists, but there are only " + count + " for this many weight matrices)");
            }
        }
        return out;
    }

    private static OutputGrid grid(Object modes, String what, int nOut, Map<String, String> provenance) {
        if (modes == null) {
            return OutputGrid.index(nOut);
        }
        boolean text = modes instanceof NumpyArray a ? a.isText()
                : modes instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String;
        int n = modes instanceof NumpyArray a ? a.size() : modes instanceof List<?> l ? l.size() : -1;
        if (n != nOut) {
            provenance.put("modes_note", what + " has " + (n < 0 ? "no" : Integer.toString(n)) + " values but the "
                    + "network gives " + nOut + " outputs; the grid is the output index 0.." + (nOut - 1));
            return OutputGrid.index(nOut);
        }
        try {
            return text ? OutputGrid.named(names(modes, what)) : OutputGrid.of(OutputGrid.Axis.MODES, "", vector(modes, what));
        } catch (InvalidOptionException e) {
            throw new ModelFormatException(what + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------- value helpers

    private static List<?> list(Object o, String what) {
        if (o instanceof List<?> l) {
            return l;
        }
        if (o instanceof NumpyArray a && a.isObject() && a.ndim() == 1) {
            return a.toObjects();
        }
        throw new ModelFormatException(what + " is a " + PickleReader.describe(o) + ", expected a list");
    }

    private static List<?> pair(Object o, String what, String expected) {
        List<?> l = list(o, what);
        if (l.size() != 2) {
            throw new ModelFormatException(what + " has " + l.size() + " entries, expected a pair " + expected);
        }
        return l;
    }

    private static Matrix matrix(Object o, String what) {
        if (o instanceof Matrix m) {
            return m;
        }
        if (o instanceof NumpyArray a && a.isNumeric() && a.ndim() == 2) {
            return new Matrix(a.dim(0), a.dim(1), a.toDoubles(), a.dtype().descr());
        }
        throw new ModelFormatException(what + " is a " + PickleReader.describe(o) + ", expected a 2-d numeric array");
    }

    private static double[] vector(Object o, String what) {
        if (o instanceof double[] d) {
            return d.clone();
        }
        if (o instanceof NumpyArray a && a.isNumeric() && a.ndim() == 1) {
            return a.toDoubles();
        }
        if (o instanceof List<?> l && l.stream().allMatch(x -> x instanceof Number)) {
            return l.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
        }
        throw new ModelFormatException(what + " is a " + PickleReader.describe(o) + ", expected a 1-d numeric array");
    }

    private static List<String> names(Object o, String what) {
        if (o instanceof NumpyArray a && a.isText() && a.ndim() == 1) {
            return a.toStrings();
        }
        if (o instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object x : l) {
                if (x instanceof String s) {
                    out.add(s);
                } else if (x instanceof byte[] b) {
                    out.add(new String(b, StandardCharsets.ISO_8859_1));
                } else {
                    throw new ModelFormatException(what + " holds a " + PickleReader.describe(x) + ", expected strings");
                }
            }
            return out;
        }
        throw new ModelFormatException(what + " is a " + PickleReader.describe(o) + ", expected a list of names");
    }
}
