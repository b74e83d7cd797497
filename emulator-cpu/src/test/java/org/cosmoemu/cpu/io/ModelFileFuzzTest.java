package org.cosmoemu.cpu.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cosmoemu.api.DataDirectory;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.NetworkModel.DenseLayer;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.api.Precision;
import org.cosmoemu.api.RangePolicy;
import org.cosmoemu.api.testing.HostileInputFuzzer;
import org.cosmoemu.cpu.Emulators;
import org.cosmoemu.cpu.SyntheticNetworks;
import org.cosmoemu.cpu.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzz harness over the model readers (FUZZING.md): pickles, {@code .npy}/{@code .npz} and the SDK's HDF5
 * format, through {@link ModelFiles#read}. Every input must end in a model whose prediction at the centre of its
 * inputs is finite (or a named error), or in a named error with a clean message, in bounded time and memory.
 * The short run (a fixed seed and count) is part of the normal build; {@code -Dcosmoemu.fuzz.seconds=N} makes it
 * the long run.
 */
class ModelFileFuzzTest {

    @TempDir
    Path tmp;

    private static final int SHORT_RUN = 600;

    @Test
    void pickles() throws IOException {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        for (int p = 2; p <= 5; p++) {
            seeds.put("arrays_p" + p + ".pkl", NumpyReadersTest.resource("arrays_p" + p + ".pkl"));
        }
        seeds.put("object.npy", NumpyReadersTest.resource("object_v1.npy"));
        seeds.put("list.pkl", new UnsafePickleTest.Bytes().op(0x80, 2, ']', 'q', 0, '(', 'K', 1, 'G')
                .u64(Long.reverseBytes(Double.doubleToLongBits(2.5))).op('X').u32(3).text("abc").op('e', '.').get());
        realFixtures(seeds, ".pkl");
        fuzz("pickle", seeds);
    }

    @Test
    void npyAndNpz() throws IOException {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        for (String f : List.of("f8_v1.npy", "f4be_v2.npy", "fortran_v1.npy", "names_v3.npy", "object_v1.npy",
                "stored.npz", "compressed.npz")) {
            seeds.put(f, NumpyReadersTest.resource(f));
        }
        seeds.put("flat.npz", flatNpz(SyntheticNetworks.random(5, 3, 8, 2, 4, 0), false));
        seeds.put("flat_deflated.npz", flatNpz(SyntheticNetworks.random(6, 2, 4, 3, 3, 0), true));
        realFixtures(seeds, ".npz");
        fuzz("npz", seeds);
    }

    @Test
    void hdf5Models() throws IOException {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        int k = 0;
        for (NetworkModel m : List.of(SyntheticNetworks.random(1, 3, 8, 2, 4, 0), SyntheticNetworks.random(2, 2, 4, 2, 6, 3))) {
            for (Precision p : Precision.values()) {
                Path f = tmp.resolve("seed" + k + ".h5");
                ModelFiles.write(m, f, p);
                seeds.put("model" + k++ + ".h5", Files.readAllBytes(f));
            }
        }
        fuzz("hdf5", seeds);
    }

    private void fuzz(String name, Map<String, byte[]> seeds) throws IOException {
        HostileInputFuzzer.Settings s = HostileInputFuzzer.Settings.fromSystemProperties(SHORT_RUN);
        Path work = Files.createDirectories(tmp.resolve("work"));
        HostileInputFuzzer.Report r = new HostileInputFuzzer(name, ModelFiles::read, ModelFileFuzzTest::finitePrediction,
                s, work, Path.of("target", "fuzz-failures")).run(seeds);
        System.out.println(r);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "fuzz-" + name + ".txt"), r + "\n" + String.join("\n", r.violations()) + "\n");
        assertTrue(r.inputs() >= Math.min(s.iterations(), 1) || s.seconds() > 0);
        assertEquals(List.of(), r.violations(), r.toString());
    }

    /** A model that loads must predict finite values at the centre of its inputs, or say why not. */
    static String finitePrediction(Object value) {
        NetworkModel m = (NetworkModel) value;
        if ((long) m.outputSize() * m.layers().stream().mapToLong(l -> (long) l.inputs() * l.outputs()).max().orElse(0) > 1L << 28) {
            return null; // too big to evaluate within the harness's bounds; loading it was the test
        }
        Emulator e = Emulators.create(m).withRangePolicy(RangePolicy.EXTRAPOLATE);
        double[] x = new double[m.parameterSpace().dimension()];
        for (int i = 0; i < x.length; i++) {
            Parameter p = m.parameterSpace().get(i);
            x[i] = Double.isFinite(p.lower()) && Double.isFinite(p.upper()) ? 0.5 * (p.lower() + p.upper()) : m.inputMean()[i];
        }
        double[] out = e.predict(x);
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                return "model '" + m.name() + "' predicted " + out[i] + " at output " + i + " without an error";
            }
        }
        return null;
    }

    /** The shared CosmoPower fixtures, in the long run only (they are megabytes each). */
    private static void realFixtures(Map<String, byte[]> seeds, String extension) throws IOException {
        if (Long.getLong("cosmoemu.fuzz.seconds", 0) <= 0) {
            return;
        }
        Path root = DataDirectory.root().resolve(Fixtures.ROOT);
        for (String f : Fixtures.MODEL_FILES) {
            Path p = root.resolve(f);
            if (f.endsWith(extension) && Files.isRegularFile(p)) {
                seeds.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
    }

    /** A CosmoPower flat npz (format D) holding {@code m}: W_i, b_i, alphas_i, betas_i and the scalings. */
    static byte[] flatNpz(NetworkModel m, boolean deflate) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.setLevel(deflate ? 6 : 0);
            List<DenseLayer> layers = m.layers();
            for (int i = 0; i < layers.size(); i++) {
                DenseLayer l = layers.get(i);
                put(z, "W_" + i, floats(l.weights(), l.inputs(), l.outputs()));
                put(z, "b_" + i, floats(l.bias(), l.outputs()));
                if (l.hasActivation()) {
                    put(z, "alphas_" + i, floats(l.beta(), l.outputs()));
                    put(z, "betas_" + i, floats(l.gamma(), l.outputs()));
                }
            }
            put(z, "param_train_mean", floats(m.inputMean(), m.inputMean().length));
            put(z, "param_train_std", floats(m.inputStd(), m.inputStd().length));
            put(z, "feature_train_mean", floats(m.outputMean(), m.outputMean().length));
            put(z, "feature_train_std", floats(m.outputStd(), m.outputStd().length));
            List<String> names = m.parameterSpace().names();
            int w = names.stream().mapToInt(String::length).max().orElse(1);
            ByteBuffer b = ByteBuffer.allocate(4 * w * names.size()).order(ByteOrder.LITTLE_ENDIAN);
            for (String n : names) {
                for (int c = 0; c < w; c++) {
                    b.putInt(c < n.length() ? n.charAt(c) : 0);
                }
            }
            put(z, "parameters", NumpyReadersTest.npy("{'descr': '<U" + w + "', 'fortran_order': False, 'shape': ("
                    + names.size() + ",), }", b.array()));
        }
        return out.toByteArray();
    }

    private static void put(ZipOutputStream z, String name, byte[] npy) throws IOException {
        z.putNextEntry(new ZipEntry(name + ".npy"));
        z.write(npy);
        z.closeEntry();
    }

    private static byte[] floats(double[] v, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : v) {
            b.putFloat((float) d);
        }
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(shape[i]).append(shape.length == 1 ? ",)" : i == shape.length - 1 ? ")" : ", ");
        }
        return NumpyReadersTest.npy("{'descr': '<f4', 'fortran_order': False, 'shape': " + s + ", }", b.array());
    }

    @Test
    void flatNpzSeedIsAValidModel() throws IOException {
        NetworkModel m = SyntheticNetworks.random(5, 3, 8, 2, 4, 0);
        Path f = Files.write(tmp.resolve("flat.npz"), flatNpz(m, true));
        NetworkModel read = ModelFiles.read(f);
        assertEquals(m.parameterSpace().names(), read.parameterSpace().names());
        assertEquals(null, finitePrediction(read));
    }

}
