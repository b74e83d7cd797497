package org.cosmoemu.cpu.io;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cosmoemu.api.MessageText;
import org.cosmoemu.api.ModelFormatException;
import org.cosmoemu.api.UnsafePickleException;

/**
 * A Python pickle reader that never runs code: it interprets the pickle opcodes of protocols 2 to 5 (and the
 * text opcodes of protocols 0 and 1) itself and builds only plain data.
 *
 * <h2>What it builds</h2>
 * <ul>
 *   <li>None → {@code null}; bool → {@link Boolean}; int → {@link Long} (or {@link BigInteger} when it does not
 *       fit); float → {@link Double}; str → {@link String}; bytes and bytearray → {@code byte[]};</li>
 *   <li>list → mutable {@link ArrayList}; tuple → unmodifiable {@link List}; dict → {@link LinkedHashMap}; set
 *       and frozenset → {@link Set};</li>
 *   <li>numpy arrays → {@link NumpyArray}, from {@code numpy.core.multiarray._reconstruct} (also
 *       {@code numpy._core...}) followed by the {@code BUILD} state tuple, or from {@code numpy.core.numeric._frombuffer}
 *       (protocol 5); numpy scalars ({@code multiarray.scalar}) → Double/Long/Boolean/String;</li>
 *   <li>TensorFlow's {@code ListWrapper} (module {@code tensorflow.python.training.tracking.data_structures} or
 *       {@code tensorflow.python.trackable.data_structures}) → the list it wraps;</li>
 *   <li>{@code _codecs.encode(text, 'latin1')}, which protocol 2 uses for bytes → {@code byte[]}.</li>
 * </ul>
 * The whitelisted callables are implemented by this class; nothing is looked up by name at run time.
 *
 * <h2>What it refuses</h2>
 * Any other global ({@code GLOBAL} or {@code STACK_GLOBAL}, e.g. {@code os.system}, {@code builtins.eval}),
 * {@code REDUCE} on anything but a whitelisted callable, {@code BUILD} on anything but a numpy array or dtype
 * under construction, and the opcodes that create arbitrary objects ({@code INST, OBJ, NEWOBJ, NEWOBJ_EX,
 * EXT1/2/4, PERSID, BINPERSID}) raise {@link UnsafePickleException} naming the opcode or global and its byte
 * offset. Truncated or corrupt data raises {@link ModelFormatException}. Messages do not name the file; the
 * caller adds it.
 */
final class PickleReader {

    /** Most digits of an integer in a text opcode (Python's own limit for int() of a string). */
    static final int MAX_TEXT_DIGITS = 4300;
    private static final java.util.regex.Pattern TEXT_INT = java.util.regex.Pattern.compile("[-+]?[0-9]{1,"
            + MAX_TEXT_DIGITS + "}");
    private static final java.util.regex.Pattern TEXT_FLOAT = java.util.regex.Pattern.compile(
            "[-+]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][-+]?[0-9]{1,5})?");
    private static final java.util.regex.Pattern HEX = java.util.regex.Pattern.compile("[0-9a-fA-F]+");
    /** Deepest nesting of tuples accepted in a dict key or set element (Python's are shallow). */
    static final int MAX_KEY_DEPTH = 32;
    /** Most values (counted through nested tuples) in one dict key or set element. */
    static final int MAX_KEY_ELEMENTS = 10_000;

    /** The callables a pickle may refer to; each is implemented in {@link #reduce}. */
    private enum Callable {
        NDARRAY_RECONSTRUCT, NDARRAY_TYPE, DTYPE, NUMPY_SCALAR, FROM_BUFFER, CODECS_ENCODE, LIST_WRAPPER
    }

    private static final Map<String, Callable> WHITELIST = Map.ofEntries(
            Map.entry("numpy.core.multiarray._reconstruct", Callable.NDARRAY_RECONSTRUCT),
            Map.entry("numpy._core.multiarray._reconstruct", Callable.NDARRAY_RECONSTRUCT),
            Map.entry("numpy.ndarray", Callable.NDARRAY_TYPE),
            Map.entry("numpy.dtype", Callable.DTYPE),
            Map.entry("numpy.core.multiarray.scalar", Callable.NUMPY_SCALAR),
            Map.entry("numpy._core.multiarray.scalar", Callable.NUMPY_SCALAR),
            Map.entry("numpy.core.numeric._frombuffer", Callable.FROM_BUFFER),
            Map.entry("numpy._core.numeric._frombuffer", Callable.FROM_BUFFER),
            Map.entry("_codecs.encode", Callable.CODECS_ENCODE),
            Map.entry("tensorflow.python.training.tracking.data_structures.ListWrapper", Callable.LIST_WRAPPER),
            Map.entry("tensorflow.python.trackable.data_structures.ListWrapper", Callable.LIST_WRAPPER));

    /** A whitelisted global on the stack. */
    private record Global(Callable callable, String name) {
    }

    /** Result of {@code _reconstruct(ndarray, ...)}: an array waiting for its BUILD state. */
    private static final class PendingArray {
        final List<Integer> memoKeys = new ArrayList<>();
    }

    /** Result of {@code numpy.dtype(code, ...)}: a dtype waiting for its BUILD state (byte order, size). */
    private static final class PendingDtype {
        final String typeCode;
        final List<Integer> memoKeys = new ArrayList<>();

        PendingDtype(String typeCode) {
            this.typeCode = typeCode;
        }

        NumpyDtype withDefaults() {
            return NumpyDtype.fromPickle(typeCode, '=', -1);
        }
    }

    private final byte[] data;
    private final int base;
    private final int end;
    private int pos;
    private final ArrayList<Object> stack = new ArrayList<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Integer, Object> memo = new HashMap<>();

    private PickleReader(byte[] data, int start, int end) {
        this.data = data;
        this.base = start;
        this.pos = start;
        this.end = end;
    }

    /**
     * @param data the pickle bytes
     * @return the unpickled value
     * @throws UnsafePickleException if the pickle asks for anything outside the whitelist
     * @throws ModelFormatException  if the pickle is truncated or corrupt
     */
    static Object load(byte[] data) {
        return load(data, 0, data.length);
    }

    /**
     * @param data  bytes holding the pickle
     * @param start index of the pickle's first byte; byte offsets in messages count from here
     * @param end   index one past the last byte available
     * @return the unpickled value
     * @throws UnsafePickleException if the pickle asks for anything outside the whitelist
     * @throws ModelFormatException  if the pickle is truncated or corrupt
     */
    static Object load(byte[] data, int start, int end) {
        PickleReader r = new PickleReader(data, start, end);
        try {
            return r.run();
        } catch (ClassCastException | IndexOutOfBoundsException | ArithmeticException | IllegalArgumentException e) {
            // a safety net: the reader checks what it reads, so this is a malformed value it did not anticipate
            throw new ModelFormatException("corrupt pickle near byte offset " + (r.pos - start)
                    + " (a malformed value)", e);
        }
    }

    private Object run() {
        while (true) {
            if (pos >= end) {
                throw new ModelFormatException("pickle is truncated: no STOP opcode before the end of the data (byte "
                        + (end - base) + ")");
            }
            int at = pos - base;
            int op = data[pos++] & 0xFF;
            switch (op) {
                case 0x80 -> { // PROTO
                    int v = u8();
                    if (v > 5) {
                        throw new ModelFormatException("unsupported pickle protocol " + v + " (byte offset " + at + ")");
                    }
                }
                case 0x95 -> skip(8); // FRAME: only a length hint
                case '(' -> marks.push(stack.size()); // MARK
                case '.' -> { // STOP
                    Object result = pop(at, "STOP");
                    if (result instanceof PendingArray || result instanceof PendingDtype) {
                        throw new ModelFormatException("corrupt pickle: numpy object without its BUILD state");
                    }
                    return result;
                }
                case '0' -> { // POP
                    if (!marks.isEmpty() && marks.peek() == stack.size()) {
                        marks.pop();
                    } else {
                        pop(at, "POP");
                    }
                }
                case '1' -> popMark(at, "POP_MARK");
                case '2' -> push(peek(at, "DUP"));
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'K' -> push((long) u8()); // BININT1
                case 'M' -> push((long) (u8() | (u8() << 8))); // BININT2
                case 'J' -> push((long) s32()); // BININT
                case 0x8a -> push(longFromBytes(bytes(u8()))); // LONG1
                case 0x8b -> push(longFromBytes(bytes(length(s32(), at)))); // LONG4
                case 'I' -> push(parseTextIntOrBool(line(), at)); // INT
                case 'L' -> push(parseTextInt(stripSuffix(line(), "L"), at)); // LONG
                case 'F' -> push(parseTextFloat(line(), at)); // FLOAT
                case 'G' -> push(Double.longBitsToDouble(beLong())); // BINFLOAT
                case 'X' -> push(utf8(bytes(length(s32(), at)))); // BINUNICODE
                case 0x8c -> push(utf8(bytes(u8()))); // SHORT_BINUNICODE
                case 0x8d -> push(utf8(bytes(length(s64(), at)))); // BINUNICODE8
                case 'V' -> push(rawUnicodeEscape(line(), at)); // UNICODE
                case 'B' -> push(bytes(length(s32(), at))); // BINBYTES
                case 'C' -> push(bytes(u8())); // SHORT_BINBYTES
                case 0x8e, 0x96 -> push(bytes(length(s64(), at))); // BINBYTES8, BYTEARRAY8
                case 'T' -> push(bytes(length(s32(), at))); // BINSTRING (Python 2 str, kept as bytes)
                case 'U' -> push(bytes(u8())); // SHORT_BINSTRING
                case 'S' -> throw new ModelFormatException("protocol-0 STRING opcode (Python 2 text pickle) at byte "
                        + "offset " + at + " is not supported");
                case ']' -> push(new ArrayList<>()); // EMPTY_LIST
                case ')' -> push(tuple(List.of())); // EMPTY_TUPLE
                case '}' -> push(new LinkedHashMap<>()); // EMPTY_DICT
                case 0x8f -> push(new LinkedHashSet<>()); // EMPTY_SET
                case 'l' -> push(new ArrayList<>(popMark(at, "LIST"))); // LIST
                case 't' -> push(tuple(popMark(at, "TUPLE"))); // TUPLE
                case 0x85 -> push(tuple(popN(1, at, "TUPLE1")));
                case 0x86 -> push(tuple(popN(2, at, "TUPLE2")));
                case 0x87 -> push(tuple(popN(3, at, "TUPLE3")));
                case 'd' -> push(dict(popMark(at, "DICT"), new LinkedHashMap<>(), at)); // DICT
                case 'a' -> { // APPEND
                    Object v = pop(at, "APPEND");
                    list(peek(at, "APPEND"), at, "APPEND").add(v);
                }
                case 'e' -> { // APPENDS
                    List<Object> items = popMark(at, "APPENDS");
                    list(peek(at, "APPENDS"), at, "APPENDS").addAll(items);
                }
                case 's' -> { // SETITEM
                    Object v = pop(at, "SETITEM");
                    Object k = hashable(pop(at, "SETITEM"), at, "SETITEM");
                    mutableDict(peek(at, "SETITEM"), at, "SETITEM").put(k, v);
                }
                case 'u' -> { // SETITEMS
                    List<Object> items = popMark(at, "SETITEMS");
                    dict(items, mutableDict(peek(at, "SETITEMS"), at, "SETITEMS"), at);
                }
                case 0x90 -> { // ADDITEMS
                    List<Object> items = popMark(at, "ADDITEMS");
                    Object s = peek(at, "ADDITEMS");
                    if (!(s instanceof LinkedHashSet<?>)) {
                        throw corrupt("ADDITEMS", at, "target is a " + describe(s) + ", not a set");
                    }
                    @SuppressWarnings("unchecked")
                    Set<Object> set = (Set<Object>) s;
                    for (Object item : items) {
                        set.add(hashable(item, at, "ADDITEMS"));
                    }
                }
                case 0x91 -> { // FROZENSET
                    Set<Object> set = new LinkedHashSet<>();
                    for (Object item : popMark(at, "FROZENSET")) {
                        set.add(hashable(item, at, "FROZENSET"));
                    }
                    push(Collections.unmodifiableSet(set));
                }
                case 'p' -> memoPut(parseMemoKey(line(), at), at); // PUT
                case 'q' -> memoPut(u8(), at); // BINPUT
                case 'r' -> memoPut(length(s32(), at), at); // LONG_BINPUT
                case 0x94 -> memoPut(memo.size(), at); // MEMOIZE
                case 'g' -> push(memoGet(parseMemoKey(line(), at), at)); // GET
                case 'h' -> push(memoGet(u8(), at)); // BINGET
                case 'j' -> push(memoGet(length(s32(), at), at)); // LONG_BINGET
                case 'c' -> { // GLOBAL
                    String module = line();
                    String name = line();
                    push(resolve(module, name, "GLOBAL", at));
                }
                case 0x93 -> { // STACK_GLOBAL
                    Object name = pop(at, "STACK_GLOBAL");
                    Object module = pop(at, "STACK_GLOBAL");
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw corrupt("STACK_GLOBAL", at, "module and name must be strings");
                    }
                    push(resolve(m, n, "STACK_GLOBAL", at));
                }
                case 'R' -> { // REDUCE
                    Object args = pop(at, "REDUCE");
                    Object callable = pop(at, "REDUCE");
                    push(reduce(callable, args, at));
                }
                case 'b' -> { // BUILD
                    Object state = pop(at, "BUILD");
                    build(state, at);
                }
                case 0x98 -> peek(at, "READONLY_BUFFER"); // only marks the buffer read-only
                case 0x97 -> throw new ModelFormatException("pickle uses an out-of-band buffer (NEXT_BUFFER at byte "
                        + "offset " + at + "), which a file cannot provide");
                case 'i' -> throw unsafeOpcode("INST", at);
                case 'o' -> throw unsafeOpcode("OBJ", at);
                case 0x81 -> throw unsafeOpcode("NEWOBJ", at);
                case 0x92 -> throw unsafeOpcode("NEWOBJ_EX", at);
                case 0x82 -> throw unsafeOpcode("EXT1", at);
                case 0x83 -> throw unsafeOpcode("EXT2", at);
                case 0x84 -> throw unsafeOpcode("EXT4", at);
                case 'P' -> throw unsafeOpcode("PERSID", at);
                case 'Q' -> throw unsafeOpcode("BINPERSID", at);
                default -> throw new ModelFormatException(String.format(
                        "corrupt pickle: unknown opcode 0x%02x at byte offset %d", op, at));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- globals

    private Global resolve(String module, String name, String opcode, int at) {
        String qualified = module + "." + name;
        Callable c = WHITELIST.get(qualified);
        if (c == null) {
            throw new UnsafePickleException("unsafe pickle: it asks for the Python global " + MessageText.quote(qualified, 200) + " ("
                    + opcode + " opcode at byte offset " + at + "). This reader only builds numpy arrays, lists, "
                    + "tuples, dicts, strings and numbers, and never imports or runs code");
        }
        return new Global(c, qualified);
    }

    private Object reduce(Object callable, Object argsObject, int at) {
        if (!(callable instanceof Global g)) {
            throw new UnsafePickleException("unsafe pickle: REDUCE at byte offset " + at + " would call a "
                    + describe(callable) + "; only whitelisted numpy and TensorFlow list constructors may be called");
        }
        if (!(argsObject instanceof List<?> args)) {
            throw corrupt("REDUCE", at, "arguments of " + g.name() + " are a " + describe(argsObject) + ", not a tuple");
        }
        switch (g.callable()) {
            case NDARRAY_RECONSTRUCT -> {
                // _reconstruct(numpy.ndarray, (0,), b'b'): an empty array that BUILD fills in
                if (args.size() != 3 || !(args.get(0) instanceof Global cls) || cls.callable() != Callable.NDARRAY_TYPE) {
                    throw corrupt("REDUCE", at, g.name() + " expects (numpy.ndarray, shape, typecode), got "
                            + describeAll(args));
                }
                return new PendingArray();
            }
            case DTYPE -> {
                if (args.isEmpty() || !(args.get(0) instanceof String code)) {
                    throw corrupt("REDUCE", at, "numpy.dtype expects a type code string, got " + describeAll(args));
                }
                return new PendingDtype(code);
            }
            case NUMPY_SCALAR -> {
                if (args.size() != 2 || !(args.get(1) instanceof byte[] raw)) {
                    throw corrupt("REDUCE", at, g.name() + " expects (dtype, bytes), got " + describeAll(args));
                }
                NumpyDtype dt = dtype(args.get(0), at);
                if (dt.kind() == NumpyDtype.Kind.OBJECT) {
                    throw corrupt("REDUCE", at, "numpy object scalars are not supported");
                }
                return NumpyArray.fromBytes(dt, new int[0], false, raw, 0, raw.length).item();
            }
            case FROM_BUFFER -> {
                // _frombuffer(buffer, dtype, shape, order): protocol 5's form of an array
                if (args.size() != 4 || !(args.get(0) instanceof byte[] buf) || !(args.get(3) instanceof String order)) {
                    throw corrupt("REDUCE", at, g.name() + " expects (buffer, dtype, shape, order), got "
                            + describeAll(args));
                }
                return NumpyArray.fromBytes(dtype(args.get(1), at), shape(args.get(2), at), "F".equals(order), buf, 0,
                        buf.length);
            }
            case CODECS_ENCODE -> {
                if (args.size() != 2 || !(args.get(0) instanceof String text) || !(args.get(1) instanceof String enc)
                        || !(enc.equalsIgnoreCase("latin1") || enc.equalsIgnoreCase("latin-1"))) {
                    throw corrupt("REDUCE", at, "_codecs.encode is only supported as (text, 'latin1'), got "
                            + describeAll(args));
                }
                return latin1(text, at);
            }
            case LIST_WRAPPER -> {
                if (args.size() != 1 || !(args.get(0) instanceof List<?> wrapped)) {
                    throw corrupt("REDUCE", at, "ListWrapper expects one list argument, got " + describeAll(args));
                }
                return wrapped;
            }
            case NDARRAY_TYPE -> throw new UnsafePickleException("unsafe pickle: REDUCE at byte offset " + at
                    + " calls numpy.ndarray directly; arrays must come from _reconstruct or _frombuffer");
            default -> throw new AssertionError("unhandled global " + g.name());
        }
    }

    private void build(Object state, int at) {
        int top = stack.size() - 1;
        Object target = peek(at, "BUILD");
        Object built;
        List<Integer> memoKeys;
        if (target instanceof PendingArray pa) {
            built = buildArray(state, at);
            memoKeys = pa.memoKeys;
        } else if (target instanceof PendingDtype pd) {
            built = buildDtype(pd, state, at);
            memoKeys = pd.memoKeys;
        } else {
            throw new UnsafePickleException("unsafe pickle: BUILD at byte offset " + at + " would set the state of a "
                    + describe(target) + "; only numpy arrays and dtypes may be built");
        }
        stack.set(top, built);
        for (Integer k : memoKeys) {
            memo.put(k, built);
        }
    }

    /** ndarray.__setstate__((version, shape, dtype, is_fortran, rawdata)); the version is optional. */
    private NumpyArray buildArray(Object stateObject, int at) {
        if (!(stateObject instanceof List<?> st) || (st.size() != 5 && st.size() != 4)) {
            throw corrupt("BUILD", at, "numpy array state must be a tuple (version, shape, dtype, fortran, data), got "
                    + describe(stateObject));
        }
        int o = st.size() - 4;
        int[] shape = shape(st.get(o), at);
        NumpyDtype dt = dtype(st.get(o + 1), at);
        boolean fortran = truth(st.get(o + 2), at);
        Object raw = st.get(o + 3);
        if (dt.kind() == NumpyDtype.Kind.OBJECT) {
            if (!(raw instanceof List<?> items)) {
                throw corrupt("BUILD", at, "object array data must be a list, got " + describe(raw));
            }
            return NumpyArray.ofObjects(shape, fortran, items);
        }
        byte[] bytes = raw instanceof String s ? latin1(s, at) : raw instanceof byte[] b ? b : null;
        if (bytes == null) {
            throw corrupt("BUILD", at, "numpy array data must be bytes, got " + describe(raw));
        }
        return NumpyArray.fromBytes(dt, shape, fortran, bytes, 0, bytes.length);
    }

    /** dtype.__setstate__((version, byteorder, subarray, names, fields, elsize, alignment, flags[, metadata])). */
    private NumpyDtype buildDtype(PendingDtype pending, Object stateObject, int at) {
        if (!(stateObject instanceof List<?> st) || st.size() < 8 || !(st.get(1) instanceof String order)
                || order.length() != 1) {
            throw corrupt("BUILD", at, "numpy dtype state must be a tuple (version, byteorder, subarray, names, "
                    + "fields, elsize, alignment, flags), got " + describe(stateObject));
        }
        if (st.get(2) != null || st.get(3) != null || st.get(4) != null) {
            throw new ModelFormatException("structured or sub-array numpy dtype '" + pending.typeCode + "' at byte "
                    + "offset " + at + " is not supported");
        }
        int elsize = st.get(5) instanceof Long l ? l.intValue() : -1;
        return NumpyDtype.fromPickle(pending.typeCode, order.charAt(0), elsize);
    }

    private NumpyDtype dtype(Object o, int at) {
        if (o instanceof NumpyDtype d) {
            return d;
        }
        if (o instanceof PendingDtype p) {
            return p.withDefaults();
        }
        throw corrupt("BUILD", at, "expected a numpy dtype, got " + describe(o));
    }

    private int[] shape(Object o, int at) {
        if (o instanceof Long l) {
            return new int[] {Math.toIntExact(l)};
        }
        if (!(o instanceof List<?> dims)) {
            throw corrupt("BUILD", at, "array shape must be a tuple of ints, got " + describe(o));
        }
        int[] s = new int[dims.size()];
        for (int i = 0; i < s.length; i++) {
            if (!(dims.get(i) instanceof Long l) || l < 0 || l > Integer.MAX_VALUE) {
                throw corrupt("BUILD", at, "array shape " + describeAll(dims) + " is not a tuple of sizes");
            }
            s[i] = l.intValue();
        }
        return s;
    }

    private boolean truth(Object o, int at) {
        if (o instanceof Boolean b) {
            return b;
        }
        if (o instanceof Long l) {
            return l != 0;
        }
        throw corrupt("BUILD", at, "expected a bool, got " + describe(o));
    }

    // ---------------------------------------------------------------------------------------------- stack

    private void push(Object o) {
        stack.add(o);
    }

    private int fence() {
        return marks.isEmpty() ? 0 : marks.peek();
    }

    private Object pop(int at, String opcode) {
        if (stack.size() <= fence()) {
            throw corrupt(opcode, at, "stack underflow");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek(int at, String opcode) {
        if (stack.size() <= fence()) {
            throw corrupt(opcode, at, "stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popN(int n, int at, String opcode) {
        if (stack.size() - fence() < n) {
            throw corrupt(opcode, at, "stack underflow");
        }
        List<Object> sub = stack.subList(stack.size() - n, stack.size());
        List<Object> items = new ArrayList<>(sub);
        sub.clear();
        return items;
    }

    private List<Object> popMark(int at, String opcode) {
        if (marks.isEmpty()) {
            throw corrupt(opcode, at, "no MARK on the stack");
        }
        int m = marks.pop();
        List<Object> sub = stack.subList(m, stack.size());
        List<Object> items = new ArrayList<>(sub);
        sub.clear();
        return items;
    }

    private void memoPut(int key, int at) {
        Object v = peek(at, "PUT");
        memo.put(key, v);
        if (v instanceof PendingArray p) {
            p.memoKeys.add(key);
        } else if (v instanceof PendingDtype p) {
            p.memoKeys.add(key);
        }
    }

    private Object memoGet(int key, int at) {
        if (!memo.containsKey(key)) {
            throw corrupt("GET", at, "memo key " + key + " was never stored");
        }
        return memo.get(key);
    }

    private static List<Object> tuple(List<Object> items) {
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o, int at, String opcode) {
        if (o instanceof ArrayList<?>) {
            return (List<Object>) o;
        }
        throw corrupt(opcode, at, "target is a " + describe(o) + ", not a list");
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> mutableDict(Object o, int at, String opcode) {
        if (o instanceof LinkedHashMap<?, ?>) {
            return (Map<Object, Object>) o;
        }
        throw corrupt(opcode, at, "target is a " + describe(o) + ", not a dict");
    }

    private static Map<Object, Object> dict(List<Object> items, Map<Object, Object> into, int at) {
        if (items.size() % 2 != 0) {
            throw corrupt("SETITEMS", at, "odd number of keys and values");
        }
        for (int i = 0; i < items.size(); i += 2) {
            into.put(hashable(items.get(i), at, "SETITEMS"), items.get(i + 1));
        }
        return into;
    }

    /**
     * Checks that a dict key or set element is hashable as in Python (numbers, strings, bytes, None and
     * tuples of them) and small enough to hash: a list would be unhashable in Python, and hashing a list that
     * contains itself, or a deep or widely shared nest of tuples, would overflow the stack or take exponential
     * time.
     */
    private static Object hashable(Object key, int at, String opcode) {
        if (!(key instanceof List<?>) && !(key instanceof Map<?, ?>) && !(key instanceof Set<?>)) {
            return key;
        }
        ArrayDeque<Object> todo = new ArrayDeque<>();
        ArrayDeque<Integer> depth = new ArrayDeque<>();
        todo.push(key);
        depth.push(0);
        int visited = 0;
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            int d = depth.pop();
            if (o instanceof ArrayList<?> || o instanceof Map<?, ?> || o instanceof Set<?>) {
                throw corrupt(opcode, at, "a " + describe(o) + " is not hashable and cannot be a dict key or set element");
            }
            if (o instanceof List<?> tuple) {
                if (d >= MAX_KEY_DEPTH || (visited += tuple.size()) > MAX_KEY_ELEMENTS) {
                    throw corrupt(opcode, at, "a dict key or set element nests tuples deeper than " + MAX_KEY_DEPTH
                            + " or holds more than " + MAX_KEY_ELEMENTS + " values");
                }
                for (Object item : tuple) {
                    todo.push(item);
                    depth.push(d + 1);
                }
            }
        }
        return key;
    }

    // ---------------------------------------------------------------------------------------------- bytes

    private void need(long n) {
        if (n > end - pos) {
            throw new ModelFormatException("pickle is truncated: " + n + " more bytes needed at byte offset "
                    + (pos - base) + " but only " + (end - pos) + " remain");
        }
    }

    private int u8() {
        need(1);
        return data[pos++] & 0xFF;
    }

    private int s32() {
        need(4);
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8 | (data[pos + 2] & 0xFF) << 16 | (data[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    private long s64() {
        need(8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (data[pos + i] & 0xFF);
        }
        pos += 8;
        return v;
    }

    private long beLong() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (data[pos + i] & 0xFF);
        }
        pos += 8;
        return v;
    }

    private void skip(int n) {
        need(n);
        pos += n;
    }

    private int length(long n, int at) {
        if (n < 0 || n > Integer.MAX_VALUE - 8) {
            throw new ModelFormatException("corrupt pickle: length " + n + " at byte offset " + at + " is out of range");
        }
        need(n);
        return (int) n;
    }

    private byte[] bytes(int n) {
        need(n);
        byte[] b = new byte[n];
        System.arraycopy(data, pos, b, 0, n);
        pos += n;
        return b;
    }

    private String line() {
        int start = pos;
        while (pos < end && data[pos] != '\n') {
            pos++;
        }
        if (pos >= end) {
            throw new ModelFormatException("pickle is truncated: unterminated text argument at byte offset "
                    + (start - base));
        }
        String s = new String(data, start, pos - start, StandardCharsets.UTF_8);
        pos++;
        return s;
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] latin1(String s, int at) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) {
            char c = s.charAt(i);
            if (c > 0xFF) {
                throw corrupt("REDUCE", at, "text is not Latin-1 encodable");
            }
            b[i] = (byte) c;
        }
        return b;
    }

    private static Object longFromBytes(byte[] littleEndian) {
        if (littleEndian.length == 0) {
            return 0L;
        }
        byte[] be = new byte[littleEndian.length];
        for (int i = 0; i < be.length; i++) {
            be[i] = littleEndian[be.length - 1 - i];
        }
        return normalise(new BigInteger(be));
    }

    private static Object normalise(BigInteger v) {
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private static Object parseTextIntOrBool(String s, int at) {
        String t = s.trim();
        if (t.equals("00")) {
            return Boolean.FALSE;
        }
        if (t.equals("01")) {
            return Boolean.TRUE;
        }
        return parseTextInt(t, at);
    }

    /**
     * A decimal integer of a text opcode. Like Python (whose int() refuses more than 4300 digits), it refuses
     * very long digit strings, whose conversion would take time that grows faster than their length.
     */
    private static Object parseTextInt(String s, int at) {
        String t = s.trim();
        if (!TEXT_INT.matcher(t).matches()) {
            throw corrupt("INT/LONG", at, "text " + MessageText.quote(t, 40) + " is not a decimal integer of at most "
                    + MAX_TEXT_DIGITS + " digits");
        }
        return normalise(new BigInteger(t));
    }

    private static double parseTextFloat(String s, int at) {
        String t = s.trim();
        switch (t) {
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            case "nan":
                return Double.NaN;
            default:
                if (!TEXT_FLOAT.matcher(t).matches()) {
                    throw corrupt("FLOAT", at, "text " + MessageText.quote(t, 40) + " is not a decimal number");
                }
                return Double.parseDouble(t);
        }
    }

    private static String stripSuffix(String s, String suffix) {
        String t = s.trim();
        return t.endsWith(suffix) ? t.substring(0, t.length() - suffix.length()) : t;
    }

    private static int parseMemoKey(String s, int at) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw corrupt("PUT/GET", at, "memo key '" + s + "' is not a number");
        }
    }

    /** Python's raw-unicode-escape: only backslash-u and backslash-U escapes are special. */
    private static String rawUnicodeEscape(String s, int at) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U')) {
                int n = s.charAt(i + 1) == 'u' ? 4 : 8;
                if (i + 2 + n <= s.length()) {
                    String hex = s.substring(i + 2, i + 2 + n);
                    long cp = HEX.matcher(hex).matches() ? Long.parseLong(hex, 16) : -1;
                    if (cp < 0 || cp > Character.MAX_CODE_POINT) {
                        throw corrupt("UNICODE", at, "escape " + MessageText.quote(s.substring(i, i + 2 + n), 16)
                                + " is not a unicode code point");
                    }
                    sb.appendCodePoint((int) cp);
                    i += 1 + n;
                    continue;
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------- messages

    private static ModelFormatException corrupt(String opcode, int at, String what) {
        return new ModelFormatException("corrupt pickle: " + opcode + " at byte offset " + at + ": " + what);
    }

    private static UnsafePickleException unsafeOpcode(String opcode, int at) {
        return new UnsafePickleException("unsafe pickle: opcode " + opcode + " at byte offset " + at
                + " would create an arbitrary Python object; this reader only builds numpy arrays, lists, tuples, "
                + "dicts, strings and numbers");
    }

    /**
     * @param o a value the reader built
     * @return its Python type name, for messages
     */
    static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Global g) {
            return "global " + g.name();
        }
        if (o instanceof ArrayList<?> l) {
            return "list of " + l.size();
        }
        if (o instanceof List<?> l) {
            return "tuple of " + l.size();
        }
        if (o instanceof Map<?, ?>) {
            return "dict";
        }
        if (o instanceof Set<?>) {
            return "set";
        }
        if (o instanceof String) {
            return "str";
        }
        if (o instanceof byte[]) {
            return "bytes";
        }
        if (o instanceof Boolean) {
            return "bool";
        }
        if (o instanceof Long || o instanceof BigInteger) {
            return "int";
        }
        if (o instanceof Double) {
            return "float";
        }
        if (o instanceof NumpyArray a) {
            return a.toString();
        }
        if (o instanceof NumpyDtype d) {
            return "dtype " + d.descr();
        }
        if (o instanceof PendingArray) {
            return "numpy array under construction";
        }
        if (o instanceof PendingDtype) {
            return "numpy dtype under construction";
        }
        return o.getClass().getSimpleName();
    }

    private static String describeAll(List<?> items) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < items.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(describe(items.get(i)));
        }
        return sb.append(')').toString();
    }
}
