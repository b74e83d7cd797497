package org.cosmoemu.cpu.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cosmoemu.api.MessageText;
import org.cosmoemu.api.ModelFormatException;

/**
 * Reads numpy's {@code .npy} format, versions 1.0, 2.0 and 3.0: the magic {@code \x93NUMPY}, a version, a
 * header that is a Python dict literal ({@code {'descr': '<f4', 'fortran_order': False, 'shape': (7, 512), }})
 * and the raw elements. Object arrays ({@code descr '|O'}) store a pickle of the array instead of raw elements;
 * it is read with the safe {@link PickleReader}.
 */
final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Longest header accepted, checked before it is decoded (numpy's own reader refuses more than 10000). */
    static final int MAX_HEADER_BYTES = 65_536;

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
        if (headerLength > MAX_HEADER_BYTES) {
            throw new ModelFormatException(".npy header of " + headerLength + " bytes is longer than the " + MAX_HEADER_BYTES
                    + " this reader accepts (numpy writes a few hundred)");
        }
        if ((long) headerStart + headerLength > bytes.length) {
            throw new ModelFormatException(".npy header is truncated: it needs " + headerLength + " bytes, "
                    + (bytes.length - headerStart) + " remain");
        }
        String header = new String(bytes, headerStart, headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Object parsed = new PythonLiteral(header).parseAll();
        if (!(parsed instanceof Map<?, ?> dict)) {
            throw new ModelFormatException(".npy header is not a dict: " + MessageText.quote(header.trim(), 200));
        }
        Object descr = dict.get("descr");
        Object fortran = dict.get("fortran_order");
        Object shapeObject = dict.get("shape");
        if (!(descr instanceof String d)) {
            throw new ModelFormatException(".npy header has no simple 'descr' (structured arrays are not supported): "
                    + MessageText.quote(header.trim(), 200));
        }
        if (!(fortran instanceof Boolean isFortran)) {
            throw new ModelFormatException(".npy header has no boolean 'fortran_order': " + MessageText.quote(header.trim(), 200));
        }
        if (!(shapeObject instanceof List<?> dims)) {
            throw new ModelFormatException(".npy header has no 'shape' tuple: " + MessageText.quote(header.trim(), 200));
        }
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long l) || l < 0 || l > Integer.MAX_VALUE) {
                throw new ModelFormatException(".npy shape " + MessageText.quote(String.valueOf(dims), 100)
                        + " is not a tuple of sizes");
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
     *
     * <p>It is iterative (an explicit stack of open containers), so a hostile header of many nested brackets
     * cannot overflow the thread's stack; nesting deeper than {@link #MAX_DEPTH} is refused.
     */
    private static final class PythonLiteral {
        /** numpy headers nest two deep (a dict holding a shape tuple); structured dtypes a few more. */
        static final int MAX_DEPTH = 32;

        /** An open container: a dict (with its pending key) or a sequence. */
        private static final class Open {
            final Map<Object, Object> dict;
            final List<Object> list;
            final char close;
            Object key;
            boolean haveKey;

            Open(Map<Object, Object> dict, List<Object> list, char close) {
                this.dict = dict;
                this.list = list;
                this.close = close;
            }

            Object value() {
                return dict != null ? dict : list;
            }
        }

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

        /** Parses one value; containers are filled iteratively. */
        private Object value() {
            java.util.ArrayDeque<Open> stack = new java.util.ArrayDeque<>();
            while (true) {
                skipSpace();
                Open top = stack.peek();
                Object done;
                // inside a container: a closing bracket, or the next item
                if (top != null && peek() == top.close && !top.haveKey) {
                    i++;
                    stack.pop();
                    done = top.value();
                } else {
                    char c = peek();
                    if (c == '{' || c == '(' || c == '[') {
                        if (stack.size() >= MAX_DEPTH) {
                            throw error("nested deeper than " + MAX_DEPTH + " levels");
                        }
                        i++;
                        stack.push(c == '{' ? new Open(new LinkedHashMap<>(), null, '}')
                                : new Open(null, new ArrayList<>(), c == '(' ? ')' : ']'));
                        continue;
                    }
                    done = scalar(c);
                }
                // hand the finished value to its container, or return it
                while (true) {
                    Open parent = stack.peek();
                    if (parent == null) {
                        return done;
                    }
                    skipSpace();
                    if (parent.dict != null && !parent.haveKey) {
                        parent.key = done;
                        parent.haveKey = true;
                        expect(':');
                        break;
                    }
                    if (parent.dict != null) {
                        parent.dict.put(parent.key, done);
                        parent.haveKey = false;
                        parent.key = null;
                    } else {
                        parent.list.add(done);
                    }
                    skipSpace();
                    if (peek() == ',') {
                        i++;
                        break;
                    }
                    if (peek() != parent.close) {
                        throw error("expected ',' or '" + parent.close + "'");
                    }
                    i++;
                    stack.pop();
                    done = parent.value();
                }
            }
        }

        private Object scalar(char c) {
            switch (c) {
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
                    throw error("unexpected character " + MessageText.quote(String.valueOf(c), 8));
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
            while (i < s.length() && Character.isDigit(s.charAt(i)) && i - start < 20) {
                i++;
            }
            String digits = s.substring(start, i);
            if (i < s.length() && s.charAt(i) == 'L') { // Python 2 long suffix
                i++;
            }
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw error("integer " + MessageText.quote(digits, 24) + " is not a 64-bit integer");
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
                    + MessageText.quote(s.trim(), 200));
        }
    }
}
