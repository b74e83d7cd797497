package org.cosmoemu.models;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cosmoemu.api.EllFactor;
import org.cosmoemu.api.ModelFormatException;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.OutputQuantity;
import org.cosmoemu.api.OutputTransform;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.api.ParameterSpace;
import org.cosmoemu.api.Precision;

/**
 * A stop-gap binary serialisation of a {@link NetworkModel} (big-endian {@link DataOutputStream}), used until
 * the SDK's HDF5 model format ({@code org.cosmoemu.cpu.io.ModelFiles}) can write models. Everything the model
 * holds round-trips; with {@link Precision#FLOAT32} storage the layer weights, biases, β, γ and the PCA matrix
 * are rounded to float, the standardisation vectors stay float64.
 *
 * <p>Layout: magic {@code "CEMU-INTERIM"}, int version (1), byte storage (4 = float32, 8 = float64), name,
 * parameters (count; name, lower, upper), input mean/std, layers (count; inputs, outputs, hasActivation,
 * weights, bias[, β, γ]), PCA (flag; components, outputs, coefficient mean/std, matrix), output mean/std, grid
 * (axis token, unit, values, labels), quantity (name, units, ℓ-factor token, transform token), provenance
 * (count; key, value). Strings are int length + UTF-8 bytes.
 */
public final class InterimModelFile {
    private static final byte[] MAGIC = "CEMU-INTERIM".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    /** File-name extension of interim model files. */
    public static final String EXTENSION = ".cemu";

    private InterimModelFile() {
    }

    /**
     * @param model   the model
     * @param file    the file to write (replaced)
     * @param storage precision of the stored weights
     * @throws ModelFormatException naming the file if it cannot be written
     */
    public static void write(NetworkModel model, Path file, Precision storage) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                write(model, os, storage);
            }
        } catch (IOException e) {
            throw new ModelFormatException("cannot write model file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param model   the model
     * @param out     the stream (not closed)
     * @param storage precision of the stored weights
     * @throws IOException if writing fails
     */
    public static void write(NetworkModel model, OutputStream out, Precision storage) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        boolean f32 = storage == Precision.FLOAT32;
        d.write(MAGIC);
        d.writeInt(VERSION);
        d.writeByte(f32 ? 4 : 8);
        string(d, model.name());
        ParameterSpace ps = model.parameterSpace();
        d.writeInt(ps.dimension());
        for (Parameter p : ps.parameters()) {
            string(d, p.name());
            d.writeDouble(p.lower());
            d.writeDouble(p.upper());
        }
        doubles(d, model.inputMean(), false);
        doubles(d, model.inputStd(), false);
        d.writeInt(model.layers().size());
        for (NetworkModel.DenseLayer l : model.layers()) {
            d.writeInt(l.inputs());
            d.writeInt(l.outputs());
            d.writeBoolean(l.hasActivation());
            doubles(d, l.weights(), f32);
            doubles(d, l.bias(), f32);
            if (l.hasActivation()) {
                doubles(d, l.beta(), f32);
                doubles(d, l.gamma(), f32);
            }
        }
        NetworkModel.Pca pca = model.pca();
        d.writeBoolean(pca != null);
        if (pca != null) {
            d.writeInt(pca.components());
            d.writeInt(pca.outputs());
            doubles(d, pca.coefficientMean(), false);
            doubles(d, pca.coefficientStd(), false);
            doubles(d, pca.matrix(), f32);
        }
        doubles(d, model.outputMean(), false);
        doubles(d, model.outputStd(), false);
        OutputGrid g = model.grid();
        string(d, g.axis().token());
        string(d, g.unit());
        doubles(d, g.values(), false);
        d.writeInt(g.labels().size());
        for (String s : g.labels()) {
            string(d, s);
        }
        OutputQuantity q = model.quantity();
        string(d, q.name());
        string(d, q.units());
        string(d, q.ellFactor().token());
        string(d, q.transform().token());
        d.writeInt(model.provenance().size());
        for (Map.Entry<String, String> e : model.provenance().entrySet()) {
            string(d, e.getKey());
            string(d, e.getValue());
        }
        d.flush();
    }

    /**
     * @param file an interim model file
     * @return the model
     * @throws ModelFormatException naming the file if it is missing, truncated or not an interim model file
     */
    public static NetworkModel read(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new ModelFormatException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param in     the stream (not closed)
     * @param source what the stream is, for messages
     * @return the model
     * @throws ModelFormatException naming {@code source} if the content is truncated or not an interim model
     */
    public static NetworkModel read(InputStream in, String source) {
        DataInputStream d = new DataInputStream(in);
        try {
            byte[] magic = new byte[MAGIC.length];
            d.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new ModelFormatException(source + " is not an interim cosmo-emu model file (bad magic)");
            }
            int version = d.readInt();
            if (version != VERSION) {
                throw new ModelFormatException(source + ": interim model format version " + version
                        + " is not supported (expected " + VERSION + ")");
            }
            int storage = d.readByte();
            if (storage != 4 && storage != 8) {
                throw new ModelFormatException(source + ": unknown weight storage " + storage);
            }
            boolean f32 = storage == 4;
            NetworkModel.Builder b = NetworkModel.builder().name(string(d));
            int np = count(d, source);
            List<Parameter> ps = new ArrayList<>();
            for (int i = 0; i < np; i++) {
                ps.add(Parameter.of(string(d), d.readDouble(), d.readDouble()));
            }
            b.parameterSpace(ParameterSpace.of(ps));
            b.inputScaling(doubles(d, false, source), doubles(d, false, source));
            int nl = count(d, source);
            List<NetworkModel.DenseLayer> layers = new ArrayList<>();
            for (int l = 0; l < nl; l++) {
                int in0 = d.readInt();
                int out0 = d.readInt();
                boolean act = d.readBoolean();
                double[] w = doubles(d, f32, source);
                double[] bias = doubles(d, f32, source);
                layers.add(act ? NetworkModel.DenseLayer.hidden(in0, out0, w, bias, doubles(d, f32, source),
                        doubles(d, f32, source)) : NetworkModel.DenseLayer.linear(in0, out0, w, bias));
            }
            b.layers(layers);
            if (d.readBoolean()) {
                int k = d.readInt();
                int n = d.readInt();
                b.pca(NetworkModel.Pca.of(k, n, doubles(d, false, source), doubles(d, false, source),
                        doubles(d, f32, source)));
            }
            b.outputScaling(doubles(d, false, source), doubles(d, false, source));
            OutputGrid.Axis axis = OutputGrid.Axis.fromToken(string(d));
            String unit = string(d);
            double[] values = doubles(d, false, source);
            int nLabels = count(d, source);
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < nLabels; i++) {
                labels.add(string(d));
            }
            OutputGrid grid = axis == OutputGrid.Axis.NAMED ? OutputGrid.named(labels)
                    : axis == OutputGrid.Axis.MULTIPOLE && isRange(values)
                            ? OutputGrid.multipoles((int) values[0], (int) values[values.length - 1])
                            : OutputGrid.of(axis, unit, values);
            b.grid(grid);
            b.quantity(OutputQuantity.of(string(d), string(d), EllFactor.fromToken(string(d)),
                    OutputTransform.fromToken(string(d))));
            int nProv = count(d, source);
            Map<String, String> prov = new LinkedHashMap<>();
            for (int i = 0; i < nProv; i++) {
                prov.put(string(d), string(d));
            }
            b.provenance(prov);
            return b.build();
        } catch (EOFException e) {
            throw new ModelFormatException(source + " is truncated", e);
        } catch (IOException e) {
            throw new ModelFormatException("cannot read model " + source + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source + " is corrupt: " + e.getMessage(), e);
        }
    }

    private static boolean isRange(double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i]) || (i > 0 && v[i] != v[i - 1] + 1)) {
                return false;
            }
        }
        return true;
    }

    private static int count(DataInputStream d, String source) throws IOException {
        int n = d.readInt();
        if (n < 0 || n > 100_000_000) {
            throw new ModelFormatException(source + " is corrupt: count " + n);
        }
        return n;
    }

    private static void string(DataOutputStream d, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        d.writeInt(b.length);
        d.write(b);
    }

    private static String string(DataInputStream d) throws IOException {
        int n = d.readInt();
        if (n < 0 || n > 10_000_000) {
            throw new ModelFormatException("corrupt string length " + n);
        }
        byte[] b = new byte[n];
        d.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void doubles(DataOutputStream d, double[] a, boolean f32) throws IOException {
        d.writeInt(a.length);
        for (double v : a) {
            if (f32) {
                d.writeFloat((float) v);
            } else {
                d.writeDouble(v);
            }
        }
    }

    private static double[] doubles(DataInputStream d, boolean f32, String source) throws IOException {
        int n = count(d, source);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = f32 ? d.readFloat() : d.readDouble();
        }
        return a;
    }
}
