package org.cosmoemu.cpu.io;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cosmoemu.api.EllFactor;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.ModelFormatException;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.NetworkModel.DenseLayer;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.OutputQuantity;
import org.cosmoemu.api.OutputTransform;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.api.ParameterSpace;
import org.cosmoemu.api.Precision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK's own model format: a self-describing HDF5 file (layout in {@code emulator-cpu/MODEL-FORMAT.md}),
 * written and read with jHDF.
 *
 * <pre>
 * /                    @format = "cosmo-emu-model", @format_version = 1, @name, @payload_sha256
 * /parameters          names (str[n]), lower, upper (f64[n], ±inf allowed), mean, std (f64[n]: input scaling)
 * /network             architecture (i32[L+1]); @activation = "cosmopower"
 * /network/layer_i     weights (f32 or f64 [in][out]), bias (f64[out]), beta, gamma (f64[out], hidden layers only)
 * /pca                 (PCAplusNN only) coefficient_mean, coefficient_std (f64[c]), matrix (f32 or f64 [c][outputs])
 * /output              mean, std (f64[outputs]); @quantity, @units, @ell_factor, @transform
 * /grid                values (f64[outputs]), labels (str[outputs], named grids only); @axis, @unit
 * /provenance          keys, values (str[k]); absent when the model has no provenance
 * </pre>
 *
 * {@code payload_sha256} is {@link #payloadDigest} of the model as stored; {@link #read} recomputes it and
 * refuses a file whose content changed. Files written before it existed load with a warning.
 *
 * <p>Every group holds at least one dataset: jHDF 0.13 can write an unreadable file when a group has no children
 * (seen with an empty or attribute-only group written after another group).
 */
final class Hdf5ModelFile {
    /** Value of the root attribute {@code format}. */
    static final String FORMAT = "cosmo-emu-model";
    /** The layout version this class writes and reads. */
    static final int FORMAT_VERSION = 1;
    /** The activation the network groups declare: {@code (γ + (1 − γ)·sigmoid(β ⊙ z)) ⊙ z}. */
    static final String ACTIVATION = "cosmopower";
    /** Root attribute holding the SHA-256 of the payload ({@link #payloadDigest}). */
    static final String PAYLOAD_SHA256 = "payload_sha256";
    private static final Logger LOG = LoggerFactory.getLogger(Hdf5ModelFile.class);
    /** Most values one dataset may declare (a model's largest matrix has a few million). */
    static final long MAX_DATASET_ELEMENTS = 1L << 24;
    /** Most bytes one dataset may declare (an uncompressed one may also not exceed the file). */
    static final long MAX_DATASET_BYTES = 128L << 20;
    /** Most values an attribute may declare (a model's attributes are scalars). */
    static final long MAX_ATTRIBUTE_ELEMENTS = 1024;

    private Hdf5ModelFile() {
    }

    /**
     * @param model   the model
     * @param file    destination; replaced if it exists
     * @param storage {@link Precision#FLOAT32} stores the weight and PCA matrices as float32, everything else
     *                float64; {@link Precision#FLOAT64} stores everything as float64
     */
    static void write(NetworkModel model, Path file, Precision storage) {
        write(model, file, storage, true);
    }

    /** As {@link #write(NetworkModel, Path, Precision)}; {@code withChecksum = false} writes a pre-checksum file (tests). */
    static void write(NetworkModel model, Path file, Precision storage, boolean withChecksum) {
        boolean f32 = storage == Precision.FLOAT32;
        try (WritableHdfFile h = HdfFile.write(file)) {
            h.putAttribute("format", FORMAT);
            h.putAttribute("format_version", FORMAT_VERSION);
            h.putAttribute("name", model.name());
            if (withChecksum) {
                h.putAttribute(PAYLOAD_SHA256, payloadDigest(f32 ? roundedToFloat32(model) : model));
            }

            ParameterSpace space = model.parameterSpace();
            WritableGroup params = h.putGroup("parameters");
            params.putDataset("names", space.names().toArray(new String[0]));
            params.putDataset("lower", space.parameters().stream().mapToDouble(Parameter::lower).toArray());
            params.putDataset("upper", space.parameters().stream().mapToDouble(Parameter::upper).toArray());
            params.putDataset("mean", model.inputMean());
            params.putDataset("std", model.inputStd());

            WritableGroup network = h.putGroup("network");
            network.putDataset("architecture", model.architecture());
            network.putAttribute("activation", ACTIVATION);
            List<DenseLayer> layers = model.layers();
            for (int i = 0; i < layers.size(); i++) {
                DenseLayer l = layers.get(i);
                WritableGroup g = network.putGroup("layer_" + i);
                g.putDataset("weights", matrix(l.weights(), l.inputs(), l.outputs(), f32));
                g.putDataset("bias", l.bias());
                if (l.hasActivation()) {
                    g.putDataset("beta", l.beta());
                    g.putDataset("gamma", l.gamma());
                }
            }

            NetworkModel.Pca pca = model.pca();
            if (pca != null) {
                WritableGroup p = h.putGroup("pca");
                p.putDataset("coefficient_mean", pca.coefficientMean());
                p.putDataset("coefficient_std", pca.coefficientStd());
                p.putDataset("matrix", matrix(pca.matrix(), pca.components(), pca.outputs(), f32));
            }

            WritableGroup out = h.putGroup("output");
            out.putDataset("mean", model.outputMean());
            out.putDataset("std", model.outputStd());
            OutputQuantity q = model.quantity();
            out.putAttribute("quantity", q.name());
            out.putAttribute("units", q.units());
            out.putAttribute("ell_factor", q.ellFactor().token());
            out.putAttribute("transform", q.transform().token());

            OutputGrid grid = model.grid();
            WritableGroup g = h.putGroup("grid");
            g.putDataset("values", grid.values());
            if (grid.isNamed()) {
                g.putDataset("labels", grid.labels().toArray(new String[0]));
            }
            g.putAttribute("axis", grid.axis().token());
            g.putAttribute("unit", grid.unit());

            if (!model.provenance().isEmpty()) {
                WritableGroup p = h.putGroup("provenance");
                p.putDataset("keys", model.provenance().keySet().toArray(new String[0]));
                p.putDataset("values", model.provenance().values().toArray(new String[0]));
            }
        }
    }

    private static Object matrix(double[] flat, int rows, int cols, boolean f32) {
        if (f32) {
            float[][] m = new float[rows][cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    m[r][c] = (float) flat[r * cols + c];
                }
            }
            return m;
        }
        double[][] m = new double[rows][];
        for (int r = 0; r < rows; r++) {
            m[r] = Arrays.copyOfRange(flat, r * cols, (r + 1) * cols);
        }
        return m;
    }

    /**
     * Reads a model from the file's bytes. jHDF reads them in memory, where a size in the file that points past
     * its end gives an error instead of an allocation of that size (its file-channel reader allocates first).
     *
     * @param bytes the whole file
     * @param file  the file, for messages
     * @return the model it holds
     * @throws ModelFormatException if it is not a cosmo-emu model, has an unknown version, or an entry is
     *                              missing or malformed (the message names the entry)
     */
    static NetworkModel read(byte[] bytes, Path file) {
        try (HdfFile h = HdfFile.fromBytes(bytes)) {
            io.jhdf.Superblock sb = h.getHdfBackingStorage().getSuperblock();
            long expected = sb.getBaseAddressByte() + sb.getEndOfFileAddress();
            long actual = h.getHdfBackingStorage().size();
            if (expected > actual) {
                throw new ModelFormatException("HDF5 file is truncated: its superblock says " + expected
                        + " bytes, the file has " + actual);
            }
            Object format = attribute(h, "format");
            if (format == null) {
                throw new ModelFormatException("HDF5 file without a 'format' attribute: not a cosmo-emu model file "
                        + "(root attributes: " + h.getAttributes().keySet() + ")");
            }
            if (!FORMAT.equals(format)) {
                throw new ModelFormatException("HDF5 file of format '" + format + "', expected '" + FORMAT + "'");
            }
            Object version = attribute(h, "format_version");
            if (!(version instanceof Number v) || v.doubleValue() != FORMAT_VERSION) {
                throw new ModelFormatException("cosmo-emu model format_version " + version + " is not supported (this "
                        + "reader understands version " + FORMAT_VERSION + "); use a newer cosmo-emu");
            }
            String name = string(attribute(h, "name"), "/@name");

            List<String> names = strings(h, "/parameters/names");
            double[] lower = doubles(h, "/parameters/lower", names.size());
            double[] upper = doubles(h, "/parameters/upper", names.size());
            List<Parameter> ps = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                try {
                    ps.add(Parameter.of(names.get(i), lower[i], upper[i]));
                } catch (InvalidParameterException e) {
                    throw new ModelFormatException("/parameters: " + e.getMessage(), e);
                }
            }
            ParameterSpace space;
            try {
                space = ParameterSpace.of(ps);
            } catch (InvalidParameterException e) {
                throw new ModelFormatException("/parameters/names: " + e.getMessage(), e);
            }

            Object activation = attribute(node(h, "/network"), "activation");
            if (!ACTIVATION.equals(activation)) {
                throw new ModelFormatException("/network/@activation is '" + activation + "', expected '" + ACTIVATION + "'");
            }
            int[] arch = ints(h, "/network/architecture");
            if (arch.length < 3) {
                throw new ModelFormatException("/network/architecture " + Arrays.toString(arch) + " needs at least an "
                        + "input, a hidden and an output width");
            }
            List<DenseLayer> layers = new ArrayList<>();
            for (int i = 0; i < arch.length - 1; i++) {
                String g = "/network/layer_" + i;
                boolean hidden = i < arch.length - 2;
                int in = arch[i];
                int out = arch[i + 1];
                double[] w = matrix(h, g + "/weights", in, out);
                double[] b = doubles(h, g + "/bias", out);
                try {
                    layers.add(hidden ? DenseLayer.hidden(in, out, w, b, doubles(h, g + "/beta", out), doubles(h, g + "/gamma", out))
                            : DenseLayer.linear(in, out, w, b));
                } catch (ModelFormatException e) {
                    throw new ModelFormatException(g + ": " + e.getMessage(), e);
                }
            }

            NetworkModel.Pca pca = null;
            if (h.getChildren().containsKey("pca")) {
                double[] cm = doubles(h, "/pca/coefficient_mean", -1);
                int[] dims = dataset(h, "/pca/matrix").getDimensions();
                if (dims.length != 2) {
                    throw new ModelFormatException("/pca/matrix has shape " + Arrays.toString(dims) + ", expected 2-d");
                }
                try {
                    pca = NetworkModel.Pca.of(dims[0], dims[1], cm, doubles(h, "/pca/coefficient_std", cm.length),
                            matrix(h, "/pca/matrix", dims[0], dims[1]));
                } catch (ModelFormatException e) {
                    throw new ModelFormatException("/pca: " + e.getMessage(), e);
                }
            }

            Node out = node(h, "/output");
            OutputQuantity quantity;
            try {
                quantity = OutputQuantity.of(string(attribute(out, "quantity"), "/output/@quantity"),
                        string(attribute(out, "units"), "/output/@units"),
                        EllFactor.fromToken(string(attribute(out, "ell_factor"), "/output/@ell_factor")),
                        OutputTransform.fromToken(string(attribute(out, "transform"), "/output/@transform")));
            } catch (InvalidOptionException e) {
                throw new ModelFormatException("/output: " + e.getMessage(), e);
            }

            Node gridNode = node(h, "/grid");
            OutputGrid grid;
            try {
                OutputGrid.Axis axis = OutputGrid.Axis.fromToken(string(attribute(gridNode, "axis"), "/grid/@axis"));
                grid = axis == OutputGrid.Axis.NAMED ? OutputGrid.named(strings(h, "/grid/labels"))
                        : OutputGrid.of(axis, string(attribute(gridNode, "unit"), "/grid/@unit"), doubles(h, "/grid/values", -1));
            } catch (InvalidOptionException e) {
                throw new ModelFormatException("/grid: " + e.getMessage(), e);
            }

            Map<String, String> provenance = new LinkedHashMap<>();
            if (h.getChildren().containsKey("provenance")) {
                List<String> keys = strings(h, "/provenance/keys");
                List<String> values = strings(h, "/provenance/values");
                if (keys.size() != values.size()) {
                    throw new ModelFormatException("/provenance has " + keys.size() + " keys but " + values.size() + " values");
                }
                for (int i = 0; i < keys.size(); i++) {
                    provenance.put(keys.get(i), values.get(i));
                }
            }

            NetworkModel model = NetworkModel.builder().name(name).parameterSpace(space)
                    .inputScaling(doubles(h, "/parameters/mean", names.size()), doubles(h, "/parameters/std", names.size()))
                    .layers(layers).pca(pca).outputScaling(doubles(h, "/output/mean", -1), doubles(h, "/output/std", -1))
                    .grid(grid).quantity(quantity).provenance(provenance).build();
            if (!Arrays.equals(model.architecture(), arch)) {
                throw new ModelFormatException("/network/architecture " + Arrays.toString(arch) + " does not match the "
                        + "layers " + Arrays.toString(model.architecture()));
            }
            Object stored = attribute(h, PAYLOAD_SHA256);
            if (stored == null) {
                LOG.warn("{}: model '{}' has no payload checksum (written before cosmo-emu stored one); its content "
                        + "cannot be verified. Re-save it with ModelFiles.write (CLI: convert) to add one.", file, name);
            } else if (!(stored instanceof String s) || !s.equals(payloadDigest(model))) {
                throw new ModelFormatException("the content of model '" + name + "' does not match its checksum "
                        + "(/@" + PAYLOAD_SHA256 + "): the file is corrupt or was modified after it was written");
            }
            return model;
        }
    }

    /**
     * Reads the header of a model file: the root attributes, {@code /parameters} (names and ranges), {@code /output}'s
     * attributes and {@code /grid}; no weight is read (jHDF reads a dataset's data only when asked).
     *
     * @param file an HDF5 file
     * @return its header
     * @throws ModelFormatException if it is not a cosmo-emu model, has an unknown version, or a header entry is
     *                              missing or malformed (the message names the entry)
     */
    static ModelHeader readHeader(Path file) {
        try (HdfFile h = new HdfFile(file)) {
            Object format = attribute(h, "format");
            if (!FORMAT.equals(format)) {
                throw new ModelFormatException("HDF5 file of format '" + format + "', expected '" + FORMAT + "'");
            }
            Object version = attribute(h, "format_version");
            if (!(version instanceof Number v) || v.doubleValue() != FORMAT_VERSION) {
                throw new ModelFormatException("cosmo-emu model format_version " + version + " is not supported (this "
                        + "reader understands version " + FORMAT_VERSION + "); use a newer cosmo-emu");
            }
            String name = string(attribute(h, "name"), "/@name");
            List<String> names = strings(h, "/parameters/names");
            double[] lower = doubles(h, "/parameters/lower", names.size());
            double[] upper = doubles(h, "/parameters/upper", names.size());
            ParameterSpace space;
            try {
                List<Parameter> ps = new ArrayList<>();
                for (int i = 0; i < names.size(); i++) {
                    ps.add(Parameter.of(names.get(i), lower[i], upper[i]));
                }
                space = ParameterSpace.of(ps);
            } catch (InvalidParameterException e) {
                throw new ModelFormatException("/parameters: " + e.getMessage(), e);
            }
            Node out = node(h, "/output");
            Node gridNode = node(h, "/grid");
            try {
                OutputQuantity quantity = OutputQuantity.of(string(attribute(out, "quantity"), "/output/@quantity"),
                        string(attribute(out, "units"), "/output/@units"),
                        EllFactor.fromToken(string(attribute(out, "ell_factor"), "/output/@ell_factor")),
                        OutputTransform.fromToken(string(attribute(out, "transform"), "/output/@transform")));
                OutputGrid.Axis axis = OutputGrid.Axis.fromToken(string(attribute(gridNode, "axis"), "/grid/@axis"));
                OutputGrid grid = axis == OutputGrid.Axis.NAMED ? OutputGrid.named(strings(h, "/grid/labels"))
                        : OutputGrid.of(axis, string(attribute(gridNode, "unit"), "/grid/@unit"), doubles(h, "/grid/values", -1));
                return new ModelHeader(name, space, grid, quantity);
            } catch (InvalidOptionException e) {
                throw new ModelFormatException("/output or /grid: " + e.getMessage(), e);
            }
        }
    }

    /**
     * The SHA-256 of everything a model holds, in a fixed order: name, parameters (names, ranges, input scaling),
     * architecture, every layer's weights, bias, β and γ, the PCA (coefficient scaling, matrix), the output
     * scaling, quantity, grid and provenance. Numbers enter as their IEEE-754 bits (big-endian), strings as UTF-8,
     * every array and string preceded by its length, so that no two models share a digest by concatenation.
     *
     * @param m the model, as read back from storage (float32-stored matrices widened to double)
     * @return the digest, 64 lower-case hex digits
     */
    static String payloadDigest(NetworkModel m) {
        java.security.MessageDigest md;
        try {
            md = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM provides SHA-256", e);
        }
        Digest d = new Digest(md);
        d.string(m.name());
        ParameterSpace space = m.parameterSpace();
        d.strings(space.names());
        d.doubles(space.parameters().stream().mapToDouble(Parameter::lower).toArray());
        d.doubles(space.parameters().stream().mapToDouble(Parameter::upper).toArray());
        d.doubles(m.inputMean());
        d.doubles(m.inputStd());
        int[] arch = m.architecture();
        d.integer(arch.length);
        for (int a : arch) {
            d.integer(a);
        }
        for (DenseLayer l : m.layers()) {
            d.doubles(l.weights());
            d.doubles(l.bias());
            d.doubles(l.hasActivation() ? l.beta() : new double[0]);
            d.doubles(l.hasActivation() ? l.gamma() : new double[0]);
        }
        NetworkModel.Pca pca = m.pca();
        d.integer(pca == null ? 0 : 1);
        if (pca != null) {
            d.doubles(pca.coefficientMean());
            d.doubles(pca.coefficientStd());
            d.doubles(pca.matrix());
        }
        d.doubles(m.outputMean());
        d.doubles(m.outputStd());
        OutputQuantity q = m.quantity();
        d.strings(List.of(q.name(), q.units(), q.ellFactor().token(), q.transform().token()));
        OutputGrid g = m.grid();
        d.strings(List.of(g.axis().token(), g.unit()));
        d.doubles(g.values());
        d.strings(g.isNamed() ? g.labels() : List.of());
        d.strings(List.copyOf(m.provenance().keySet()));
        d.strings(List.copyOf(m.provenance().values()));
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    /** The model with its weight and PCA matrices rounded to float32, as {@link #write} stores them. */
    private static NetworkModel roundedToFloat32(NetworkModel m) {
        List<DenseLayer> layers = new ArrayList<>();
        for (DenseLayer l : m.layers()) {
            double[] w = rounded(l.weights());
            layers.add(l.hasActivation() ? DenseLayer.hidden(l.inputs(), l.outputs(), w, l.bias(), l.beta(), l.gamma())
                    : DenseLayer.linear(l.inputs(), l.outputs(), w, l.bias()));
        }
        NetworkModel.Pca p = m.pca();
        NetworkModel.Pca pca = p == null ? null : NetworkModel.Pca.of(p.components(), p.outputs(), p.coefficientMean(),
                p.coefficientStd(), rounded(p.matrix()));
        return m.toBuilder().layers(layers).pca(pca).build();
    }

    private static double[] rounded(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = (float) a[i];
        }
        return r;
    }

    /** Feeds lengths, numbers and strings into a digest unambiguously. */
    private static final class Digest {
        private final java.security.MessageDigest md;
        private final java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8);

        Digest(java.security.MessageDigest md) {
            this.md = md;
        }

        void integer(int v) {
            buf.clear();
            md.update(buf.putInt(v).array(), 0, 4);
        }

        void doubles(double[] a) {
            integer(a.length);
            for (double v : a) {
                buf.clear();
                md.update(buf.putLong(Double.doubleToLongBits(v)).array(), 0, 8);
            }
        }

        void string(String s) {
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            integer(b.length);
            md.update(b);
        }

        void strings(List<String> list) {
            integer(list.size());
            list.forEach(this::string);
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static Object attribute(Node node, String name) {
        Attribute a = node.getAttribute(name);
        if (a == null) {
            return null;
        }
        if (a.getSize() > MAX_ATTRIBUTE_ELEMENTS || a.getSizeInBytes() > MAX_DATASET_BYTES) {
            throw new ModelFormatException("HDF5 attribute " + name + " of " + node.getPath() + " declares "
                    + a.getSize() + " values; a model's attributes hold one");
        }
        return a.getData();
    }

    /**
     * A dataset's values, after checking the size it declares: a damaged or hostile file can declare a vast
     * dataset, which jHDF would allocate before finding the data missing.
     */
    private static Object data(HdfFile h, Dataset d, String path) {
        long n = d.getSize();
        long bytes = d.getSizeInBytes();
        if (n < 0 || bytes < 0 || n > MAX_DATASET_ELEMENTS || bytes > MAX_DATASET_BYTES) {
            throw new ModelFormatException("HDF5 entry " + path + " declares " + n + " values (" + bytes + " bytes), "
                    + "more than the " + MAX_DATASET_ELEMENTS + " values or " + MAX_DATASET_BYTES
                    + " bytes this reader accepts");
        }
        long fileSize = h.getHdfBackingStorage().size();
        if (d.getFilters().isEmpty() && !d.isVariableLength() && bytes > fileSize) {
            throw new ModelFormatException("HDF5 entry " + path + " declares " + bytes + " bytes of uncompressed data in "
                    + "a file of " + fileSize + " bytes: the file is corrupt or truncated");
        }
        return d.getDataFlat();
    }

    private static String string(Object o, String what) {
        if (o instanceof String s) {
            return s;
        }
        throw new ModelFormatException(what + " is " + (o == null ? "missing" : "not a string"));
    }

    /** Walks the groups (jHDF's getByPath cannot report a missing entry of an in-memory file). */
    private static Node node(HdfFile h, String path) {
        Node n = h;
        for (String part : path.substring(1).split("/")) {
            Node child = n instanceof io.jhdf.api.Group g ? g.getChildren().get(part) : null;
            if (child == null) {
                throw new ModelFormatException("HDF5 entry " + path + " is missing");
            }
            n = child;
        }
        return n;
    }

    private static Dataset dataset(HdfFile h, String path) {
        Node n = node(h, path);
        if (!(n instanceof Dataset d)) {
            throw new ModelFormatException("HDF5 entry " + path + " is not a dataset");
        }
        return d;
    }

    /** A numeric dataset as doubles (float32 widened exactly); {@code expected < 0} accepts any length. */
    private static double[] doubles(HdfFile h, String path, int expected) {
        Object data = data(h, dataset(h, path), path);
        double[] d;
        if (data instanceof double[] a) {
            d = a;
        } else if (data instanceof float[] a) {
            d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i];
            }
        } else if (data instanceof int[] a) {
            d = Arrays.stream(a).asDoubleStream().toArray();
        } else if (data instanceof long[] a) {
            d = Arrays.stream(a).asDoubleStream().toArray();
        } else {
            throw new ModelFormatException("HDF5 entry " + path + " is not a numeric dataset");
        }
        if (expected >= 0 && d.length != expected) {
            throw new ModelFormatException("HDF5 entry " + path + " has " + d.length + " values, expected " + expected);
        }
        return d;
    }

    private static double[] matrix(HdfFile h, String path, int rows, int cols) {
        int[] dims = dataset(h, path).getDimensions();
        if (dims.length != 2 || dims[0] != rows || dims[1] != cols) {
            throw new ModelFormatException("HDF5 entry " + path + " has shape " + Arrays.toString(dims) + ", expected ["
                    + rows + ", " + cols + "]");
        }
        return doubles(h, path, rows * cols);
    }

    private static int[] ints(HdfFile h, String path) {
        Object data = data(h, dataset(h, path), path);
        if (data instanceof int[] a) {
            return a;
        }
        if (data instanceof long[] a) {
            int[] out = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                if (a[i] < Integer.MIN_VALUE || a[i] > Integer.MAX_VALUE) {
                    throw new ModelFormatException("HDF5 entry " + path + " holds " + a[i] + ", which is not a 32-bit integer");
                }
                out[i] = (int) a[i];
            }
            return out;
        }
        throw new ModelFormatException("HDF5 entry " + path + " is not an integer dataset");
    }

    private static List<String> strings(HdfFile h, String path) {
        Object data = data(h, dataset(h, path), path);
        if (data instanceof String[] a) {
            return List.of(a);
        }
        throw new ModelFormatException("HDF5 entry " + path + " is not a string dataset");
    }
}
