package org.cosmoemu.cpu.io;

import java.nio.ByteOrder;
import org.cosmoemu.api.ModelFormatException;

/**
 * The numpy element types the readers understand, parsed from a numpy type string such as {@code <f4},
 * {@code >i8}, {@code |b1}, {@code <U12} or {@code |O}. Immutable.
 *
 * <p>Supported kinds: {@code f} (IEEE float, 4 or 8 bytes), {@code i} (signed integer, 1/2/4/8 bytes),
 * {@code u} (unsigned integer, 1/2/4 bytes, and 8 bytes when the value fits a {@code long}), {@code b} (bool),
 * {@code U} (fixed-width UCS-4 text), {@code S} (fixed-width byte strings, read as Latin-1) and {@code O}
 * (Python objects; only inside pickles). Structured, sub-array, complex, half-precision and date types are
 * rejected.
 */
final class NumpyDtype {

    /** Element kind, numpy's {@code dtype.kind}. */
    enum Kind {
        FLOAT, SIGNED, UNSIGNED, BOOL, UNICODE, BYTES, OBJECT
    }

    private final Kind kind;
    private final int itemSize;
    private final ByteOrder order;

    private NumpyDtype(Kind kind, int itemSize, ByteOrder order) {
        this.kind = kind;
        this.itemSize = itemSize;
        this.order = order;
    }

    /**
     * Parses a type string with an optional leading byte-order character.
     *
     * @param descr e.g. {@code <f8}, {@code >f4}, {@code |b1}, {@code <U5}, {@code |O}, {@code f4}
     * @return the dtype
     * @throws ModelFormatException if the type is not one of the supported kinds
     */
    static NumpyDtype parse(String descr) {
        String s = descr.trim();
        char orderChar = '=';
        if (!s.isEmpty() && "<>|=".indexOf(s.charAt(0)) >= 0) {
            orderChar = s.charAt(0);
            s = s.substring(1);
        }
        return of(s, orderChar, descr);
    }

    /**
     * Builds a dtype from the two halves numpy pickles it as: the type code (argument of {@code numpy.dtype})
     * and the byte-order character of its state.
     *
     * @param typeCode  e.g. {@code f4}, {@code U5}, {@code O8}, {@code b1}
     * @param orderChar {@code <}, {@code >}, {@code |} or {@code =}
     * @param itemSize  the state's element size in bytes, or -1 if the type code fixes it
     * @return the dtype
     * @throws ModelFormatException if the type is not supported
     */
    static NumpyDtype fromPickle(String typeCode, char orderChar, int itemSize) {
        NumpyDtype d = of(typeCode, orderChar, orderChar + typeCode);
        if (itemSize > 0 && (d.kind == Kind.UNICODE || d.kind == Kind.BYTES) && itemSize != d.itemSize) {
            return new NumpyDtype(d.kind, itemSize, d.order);
        }
        return d;
    }

    private static NumpyDtype of(String code, char orderChar, String original) {
        if (code.isEmpty()) {
            throw unsupported(original);
        }
        char k = code.charAt(0);
        String digits = code.substring(1);
        int size;
        if (digits.isEmpty()) {
            size = switch (k) {
                case 'O' -> 8;
                case 'U', 'S' -> 0;
                case '?' -> 1;
                default -> throw unsupported(original);
            };
        } else {
            try {
                size = Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                throw unsupported(original);
            }
        }
        ByteOrder order = switch (orderChar) {
            case '<' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            default -> ByteOrder.nativeOrder(); // '=' native, '|' not applicable
        };
        switch (k) {
            case 'f':
                if (size == 4 || size == 8) {
                    return new NumpyDtype(Kind.FLOAT, size, order);
                }
                break;
            case 'i':
                if (size == 1 || size == 2 || size == 4 || size == 8) {
                    return new NumpyDtype(Kind.SIGNED, size, order);
                }
                break;
            case 'u':
                if (size == 1 || size == 2 || size == 4 || size == 8) {
                    return new NumpyDtype(Kind.UNSIGNED, size, order);
                }
                break;
            case 'b', '?':
                if (size == 1) {
                    return new NumpyDtype(Kind.BOOL, 1, order);
                }
                break;
            case 'U':
                if (size >= 0 && size <= Integer.MAX_VALUE / 4) {
                    return new NumpyDtype(Kind.UNICODE, size * 4, order); // U<n>: n characters of 4 bytes
                }
                break;
            case 'S', 'a':
                if (size >= 0) {
                    return new NumpyDtype(Kind.BYTES, size, order);
                }
                break;
            case 'O':
                if (size == 8 || size == 4) {
                    return new NumpyDtype(Kind.OBJECT, size, order);
                }
                break;
            default:
                break;
        }
        throw unsupported(original);
    }

    private static ModelFormatException unsupported(String descr) {
        return new ModelFormatException("unsupported numpy dtype " + org.cosmoemu.api.MessageText.quote(descr, 40) + " (supported: float32/64, integers, "
                + "bool, unicode and byte strings, and object arrays)");
    }

    /** @return the element kind */
    Kind kind() {
        return kind;
    }

    /** @return bytes per element (for {@code U<n>}: {@code 4n}) */
    int itemSize() {
        return itemSize;
    }

    /** @return {@code true} for float, integer and bool types */
    boolean isNumeric() {
        return kind == Kind.FLOAT || kind == Kind.SIGNED || kind == Kind.UNSIGNED || kind == Kind.BOOL;
    }

    /** @return the numpy type string, e.g. {@code <f4}, {@code >i8}, {@code |b1}, {@code <U5}, {@code |O} */
    String descr() {
        String o = itemSize == 1 || kind == Kind.BOOL || kind == Kind.BYTES || kind == Kind.OBJECT ? "|"
                : order == ByteOrder.LITTLE_ENDIAN ? "<" : ">";
        return switch (kind) {
            case FLOAT -> o + "f" + itemSize;
            case SIGNED -> o + "i" + itemSize;
            case UNSIGNED -> o + "u" + itemSize;
            case BOOL -> "|b1";
            case UNICODE -> o + "U" + itemSize / 4;
            case BYTES -> "|S" + itemSize;
            case OBJECT -> "|O";
        };
    }

    /**
     * Decodes {@code count} consecutive elements of a numeric type.
     *
     * @param data   the raw bytes
     * @param offset index of the first element's first byte
     * @param count  number of elements
     * @param floats receives float elements (when {@link Kind#FLOAT}), else untouched
     * @param ints   receives integer and bool elements (when not {@link Kind#FLOAT}), else untouched
     * @throws ModelFormatException if an unsigned 64-bit value does not fit a {@code long}
     */
    void decodeNumbers(byte[] data, int offset, int count, double[] floats, long[] ints) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(data, offset, count * itemSize).order(order);
        for (int i = 0; i < count; i++) {
            switch (kind) {
                case FLOAT -> floats[i] = itemSize == 4 ? buf.getFloat() : buf.getDouble();
                case BOOL -> ints[i] = buf.get() != 0 ? 1 : 0;
                case SIGNED -> ints[i] = switch (itemSize) {
                    case 1 -> buf.get();
                    case 2 -> buf.getShort();
                    case 4 -> buf.getInt();
                    default -> buf.getLong();
                };
                case UNSIGNED -> {
                    long v = switch (itemSize) {
                        case 1 -> buf.get() & 0xFFL;
                        case 2 -> buf.getShort() & 0xFFFFL;
                        case 4 -> buf.getInt() & 0xFFFFFFFFL;
                        default -> buf.getLong();
                    };
                    if (itemSize == 8 && v < 0) {
                        throw new ModelFormatException("uint64 value " + Long.toUnsignedString(v) + " is too large");
                    }
                    ints[i] = v;
                }
                default -> throw new AssertionError("not a numeric dtype: " + descr());
            }
        }
    }

    /**
     * Decodes {@code count} fixed-width text elements ({@link Kind#UNICODE} or {@link Kind#BYTES}); trailing
     * NUL characters are padding and are removed, as numpy does.
     *
     * @param data   the raw bytes
     * @param offset index of the first element's first byte
     * @param count  number of elements
     * @return the strings
     * @throws ModelFormatException if a UCS-4 code point is invalid
     */
    String[] decodeStrings(byte[] data, int offset, int count) {
        String[] out = new String[count];
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(data, offset, count * itemSize).order(order);
        for (int i = 0; i < count; i++) {
            StringBuilder sb = new StringBuilder();
            if (kind == Kind.UNICODE) {
                for (int c = 0; c < itemSize / 4; c++) {
                    int cp = buf.getInt();
                    if (!Character.isValidCodePoint(cp)) {
                        throw new ModelFormatException("invalid unicode code point 0x" + Integer.toHexString(cp)
                                + " in a numpy string array");
                    }
                    sb.appendCodePoint(cp);
                }
            } else {
                for (int c = 0; c < itemSize; c++) {
                    sb.append((char) (buf.get() & 0xFF));
                }
            }
            int end = sb.length();
            while (end > 0 && sb.charAt(end - 1) == '\0') {
                end--;
            }
            out[i] = sb.substring(0, end);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumpyDtype d && d.kind == kind && d.itemSize == itemSize && d.order == order;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, itemSize, order);
    }

    @Override
    public String toString() {
        return descr();
    }
}
