package org.cosmoemu.cpu.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cosmoemu.api.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pickle, {@code .npy} and {@code .npz} readers decode what numpy wrote. The files are made by
 * {@code src/test/scripts/make_numpy_test_files.py}; the expected values here are the formulas in that script.
 */
class NumpyReadersTest {

    @TempDir
    Path tmp;

    static byte[] resource(String name) {
        try (InputStream in = NumpyReadersTest.class.getResourceAsStream("numpy/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource numpy/" + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {2, 3, 4, 5})
    void picklesOfEveryProtocolDecodeAllDtypes(int protocol) {
        Object o = PickleReader.load(resource("arrays_p" + protocol + ".pkl"));
        Map<?, ?> d = assertInstanceOf(Map.class, o);

        assertArray(d.get("f8"), "<f8", new int[] {2, 3}, -1.25, -0.75, -0.25, 0.25, 0.75, 1.25);
        assertArray(d.get("f4_be"), ">f4", new int[] {4}, 1.5, -2.25, (double) 3e-8f, (double) 1e30f);
        assertArray(d.get("f4"), "<f4", new int[] {2}, (double) 0.1f, -7.0);
        assertLongs(d.get("i8"), "<i8", new int[] {5}, -(1L << 40), -1, 0, 7, 1L << 53);
        assertLongs(d.get("i4_be"), ">i4", new int[] {2, 2}, 1, -2, 3, -4);
        assertLongs(d.get("i4"), "<i4", new int[] {2}, Integer.MAX_VALUE, Integer.MIN_VALUE);
        assertLongs(d.get("u1"), "|u1", new int[] {2}, 0, 255);
        assertLongs(d.get("bool"), "|b1", new int[] {3}, 1, 0, 1);
        assertStrings(d.get("names"), "<U12", "omega_b", "ln10^{10}A_s", "\u03b8_s");
        assertStrings(d.get("names_be"), ">U2", "ab", "c");
        assertStrings(d.get("bytes_S"), "|S2", "ab", "c");

        double[] iota = new double[24];
        for (int i = 0; i < iota.length; i++) {
            iota[i] = i; // np.arange(24).reshape(2, 3, 4): element [i][j][k] = 12 i + 4 j + k, stored in Fortran order
        }
        assertArray(d.get("fortran"), "<f8", new int[] {2, 3, 4}, iota);

        NumpyArray zeroD = assertInstanceOf(NumpyArray.class, d.get("scalar0d"));
        assertEquals(0, zeroD.ndim());
        assertEquals(3.5, zeroD.item());
        assertEquals(2.5, d.get("np_scalar_f8"));
        assertEquals(-3L, d.get("np_scalar_i8"));

        List<?> plain = assertInstanceOf(List.class, d.get("plain"));
        assertEquals(11, plain.size());
        assertEquals(1L, plain.get(0));
        assertEquals(2.5, plain.get(1));
        assertEquals(Boolean.TRUE, plain.get(2));
        assertNull(plain.get(3));
        assertEquals("text", plain.get(4));
        assertArrayEquals("raw".getBytes(StandardCharsets.US_ASCII), (byte[]) plain.get(5));
        assertEquals(List.of(1L, "two"), plain.get(6));
        assertEquals(Map.of("k", List.of(1L, 2L)), plain.get(7));
        assertEquals(BigInteger.TWO.pow(70), plain.get(8));
        assertEquals(Long.MIN_VALUE, plain.get(9));
        assertEquals(-1.5e-300, plain.get(10));
    }

    @Test
    void npyVersions1To3() {
        assertArray(NpyReader.read(resource("f8_v1.npy")), "<f8", new int[] {2, 3}, -1.25, -0.75, -0.25, 0.25, 0.75, 1.25);
        assertArray(NpyReader.read(resource("f4be_v2.npy")), ">f4", new int[] {4}, 1.5, -2.25, (double) 3e-8f, (double) 1e30f);
        assertStrings(NpyReader.read(resource("names_v3.npy")), "<U12", "omega_b", "ln10^{10}A_s", "\u03b8_s");
        NumpyArray f = NpyReader.read(resource("fortran_v1.npy"));
        assertEquals(List.of(2, 3, 4), Arrays.stream(f.shape()).boxed().toList());
        for (int i = 0; i < 24; i++) {
            assertEquals(i, f.toDoubles()[i], 0.0);
        }
    }

    @Test
    void objectNpyHoldsASafelyUnpickledDict() {
        NumpyArray a = NpyReader.read(resource("object_v1.npy"));
        assertTrue(a.isObject());
        assertEquals(0, a.ndim());
        Map<?, ?> d = assertInstanceOf(Map.class, a.item());
        assertEquals(List.of("x", "y"), d.get("parameters"));
        List<?> w = assertInstanceOf(List.class, d.get("weights_"));
        assertArray(w.get(0), "<f8", new int[] {2, 3}, -1.25, -0.75, -0.25, 0.25, 0.75, 1.25);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stored.npz", "compressed.npz"})
    void npzStoredAndCompressed(String name) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, resource(name));
        Map<String, NumpyArray> m = NpzReader.read(p);
        assertEquals(List.of("f8", "names", "i4_be"), List.copyOf(m.keySet()));
        assertArray(m.get("f8"), "<f8", new int[] {2, 3}, -1.25, -0.75, -0.25, 0.25, 0.75, 1.25);
        assertStrings(m.get("names"), "<U12", "omega_b", "ln10^{10}A_s", "\u03b8_s");
        assertLongs(m.get("i4_be"), ">i4", new int[] {2, 2}, 1, -2, 3, -4);
    }

    @Test
    void malformedNpyIsReported() {
        byte[] good = resource("f8_v1.npy");
        ModelFormatException t = assertThrows(ModelFormatException.class,
                () -> NpyReader.read(Arrays.copyOf(good, good.length - 5)));
        assertTrue(t.getMessage().contains("truncated"), t.getMessage());

        ModelFormatException c = assertThrows(ModelFormatException.class,
                () -> NpyReader.read(npy("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", new byte[16])));
        assertTrue(c.getMessage().contains("unsupported numpy dtype '<c16'"), c.getMessage());

        ModelFormatException s = assertThrows(ModelFormatException.class, () -> NpyReader.read(
                npy("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", new byte[8])));
        assertTrue(s.getMessage().contains("structured"), s.getMessage());

        ModelFormatException h = assertThrows(ModelFormatException.class,
                () -> NpyReader.read(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,", new byte[8])));
        assertTrue(h.getMessage().contains("cannot parse .npy header"), h.getMessage());
    }

    /** A version-1 .npy with the given header text and data. */
    static byte[] npy(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[10 + h.length + data.length];
        out[0] = (byte) 0x93;
        System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, out, 1, 5);
        out[6] = 1;
        out[8] = (byte) h.length;
        out[9] = (byte) (h.length >> 8);
        System.arraycopy(h, 0, out, 10, h.length);
        System.arraycopy(data, 0, out, 10 + h.length, data.length);
        return out;
    }

    private static void assertArray(Object o, String dtype, int[] shape, double... expected) {
        NumpyArray a = assertInstanceOf(NumpyArray.class, o);
        assertEquals(dtype, a.dtype().descr());
        assertArrayEquals(shape, a.shape());
        assertArrayEquals(expected, a.toDoubles(), 0.0);
    }

    private static void assertLongs(Object o, String dtype, int[] shape, long... expected) {
        NumpyArray a = assertInstanceOf(NumpyArray.class, o);
        assertEquals(dtype, a.dtype().descr());
        assertArrayEquals(shape, a.shape());
        assertArrayEquals(expected, a.toLongs());
    }

    private static void assertStrings(Object o, String dtype, String... expected) {
        NumpyArray a = assertInstanceOf(NumpyArray.class, o);
        assertEquals(dtype, a.dtype().descr());
        assertEquals(List.of(expected), a.toStrings());
    }
}
