package org.cosmoemu.cpu.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cosmoemu.api.ModelFormatException;

/**
 * Reads numpy's {@code .npy} format, versions 1.0, 2.0 and 3.0: the magic {@code \x93NUMPY}, a version, a
 * header that is a Python dict literal ({@code {'descr': '<f4', 'fortran_order': False, 'shape': (7, 512), }})
 * and the raw elements. Object arrays ({@code descr '|O'}) store a pickle of the array instead of raw elements;
 * it is read with the safe {@link PickleReader}.
 */
final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private NpyReader() {
    }

    /**
     * @param bytes the whole {@code .npy} content
     * @return {@code true} if it starts with the {@code .npy} magic
     */
    static boolean isNpy(byte[] bytes) {
        return bytes.length >= MAGIC.length && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /**
     * @param bytes the whole {@code .npy} content
     * @return the array
     * @throws ModelFormatException           if the content is not a valid {@code .npy} or is truncated
     * @throws org.cosmoemu.api.UnsafePickleException if an object array's pickle asks for code
     */
    static NumpyArray read(byte[] bytes) {
        if (!isNpy(bytes)) {
            throw new ModelFormatException("not a .npy array (missing the \\x93NUMPY magic)");
        }
        if (bytes.length < 10) {
            throw new ModelFormatException(".npy data is truncated (" + bytes.length + " bytes)");
        }
        int major = bytes[6] & 0xFF;
        int headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new ModelFormatException(".npy data is truncated (" + bytes.length + " bytes)");
            }
            long len = (bytes[8] & 0xFFL) | (bytes[9] & 0xFFL) << 8 | (bytes[10] & 0xFFL) << 16 | (bytes[11] & 0xFFL) << 24;
            if (len > Integer.MAX_VALUE - 16) {
                throw new ModelFormatException(".npy header length " + len + " is out of range");
            }
            headerLength = (int) len;
            headerStart = 12;
        } else {
            throw new ModelFormatException("unsupported .npy format version " + major + "." + (bytes[7] & 0xFF)
                    + " (supported: 1.0, 2.0, 3.0)");
        }
        if ((long) headerStart + headerLength > bytes.length) {
            throw new ModelFormatException(".npy header is truncated: it needs " + headerLength + " bytes, "
                    + (bytes.length - headerStart) + " remain");
        }
        String header = new String(bytes, headerStart, headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Object parsed = new PythonLiteral(header).parseAll();
        if (!(parsed instanceof Map<?, ?> dict)) {
            throw new ModelFormatException(".npy header is not a dict: " + header.trim());
        }
        Object descr = dict.get("descr");
        Object fortran = dict.get("fortran_order");
        Object shapeObject = dict.get("shape");
        if (!(descr instanceof String d)) {
            throw new ModelFormatException(".npy header has no simple 'descr' (structured arrays are not supported): "
                    + header.trim());
        }
        if (!(fortran instanceof Boolean isFortran)) {
            throw new ModelFormatException(".npy header has no boolean 'fortran_order': " + header.trim());
        }
        if (!(shapeObject instanceof List<?> dims)) {
            throw new ModelFormatException(".npy header has no 'shape' tuple: " + header.trim());
        }
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long l) || l < 0 || l > Integer.MAX_VALUE) {
                throw new ModelFormatException(".npy shape " + dims + " is not a tuple of sizes");
            }
            shape[i] = l.intValue();
        }
        NumpyDtype dtype = NumpyDtype.parse(d);
        int dataStart = headerStart + headerLength;
        if (dtype.kind() == NumpyDtype.Kind.OBJECT) {
            Object o = PickleReader.load(bytes, dataStart, bytes.length);
            if (!(o instanceof NumpyArray a) || !a.isObject() || !Arrays.equals(a.shape(), shape)) {
                throw new ModelFormatException(".npy object array: the pickled payload is a " + PickleReader.describe(o)
                        + ", expected an object array of shape " + Arrays.toString(shape));
            }
            return a;
        }
        long expected = (long) NumpyArray.elementCount(shape) * dtype.itemSize();
        long available = bytes.length - (long) dataStart;
        if (available < expected) {
            throw new ModelFormatException(".npy data is truncated: shape " + Arrays.toString(shape) + " of "
                    + dtype.descr() + " needs " + expected + " bytes, " + available + " remain");
        }
        return NumpyArray.fromBytes(dtype, shape, isFortran, bytes, dataStart, expected); // trailing bytes ignored, as numpy does
    }

    /**
     * A parser for the small subset of Python literals {@code .npy} headers use: dicts, tuples, lists, strings,
     * integers, {@code True}, {@code False} and {@code None}. Tuples and lists become {@link List}s.
     */
    private static final class PythonLiteral {
        private final String s;
        private int i;

        PythonLiteral(String s) {
            this.s = s;
        }

        Object parseAll() {
            Object v = value();
            skipSpace();
            if (i != s.length()) {
                throw error("unexpected text");
            }
            return v;
        }

        private Object value() {
            skipSpace();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{':
                    return dict();
                case '(':
                    return sequence(')');
                case '[':
                    return sequence(']');
                case '\'':
                case '"':
                    return string(c);
                default:
                    if (c == '-' || Character.isDigit(c)) {
                        return integer();
                    }
                    for (String word : new String[] {"True", "False", "None"}) {
                        if (s.startsWith(word, i)) {
                            i += word.length();
                            return word.equals("None") ? null : Boolean.valueOf(word.equals("True"));
                        }
                    }
                    throw error("unexpected character '" + c + "'");
            }
        }

        private Map<Object, Object> dict() {
            Map<Object, Object> m = new LinkedHashMap<>();
            i++; // {
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    i++;
                    return m;
                }
                Object k = value();
                skipSpace();
                expect(':');
                m.put(k, value());
                skipSpace();
                if (peek() == ',') {
                    i++;
                } else if (peek() != '}') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        private List<Object> sequence(char close) {
            List<Object> items = new ArrayList<>();
            i++; // ( or [
            while (true) {
                skipSpace();
                if (peek() == close) {
                    i++;
                    return items;
                }
                items.add(value());
                skipSpace();
                if (peek() == ',') {
                    i++;
                } else if (peek() != close) {
                    throw error("expected ',' or '" + close + "'");
                }
            }
        }

        private String string(char quote) {
            StringBuilder sb = new StringBuilder();
            i++;
            while (i < s.length() && s.charAt(i) != quote) {
                char c = s.charAt(i++);
                if (c == '\\' && i < s.length()) {
                    c = s.charAt(i++);
                }
                sb.append(c);
            }
            if (i >= s.length()) {
                throw error("unterminated string");
            }
            i++;
            return sb.toString();
        }

        private Long integer() {
            int start = i;
            if (s.charAt(i) == '-') {
                i++;
            }
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            String digits = s.substring(start, i);
            if (i < s.length() && s.charAt(i) == 'L') { // Python 2 long suffix
                i++;
            }
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw error("bad integer");
            }
        }

        private char peek() {
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            return s.charAt(i);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private ModelFormatException error(String what) {
            return new ModelFormatException("cannot parse .npy header at character " + i + " (" + what + "): "
                    + s.trim());
        }
    }
}
