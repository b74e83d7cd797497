package org.cosmoemu.cpu.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.cosmoemu.api.ModelFormatException;

/**
 * A numpy array read from a pickle, {@code .npy} or {@code .npz} file: its dtype, its shape and its elements in
 * C (row-major) order, whatever order the file stored them in. Immutable.
 *
 * <p>Elements are held as {@code double} (float dtypes), {@code long} (integer and bool dtypes), {@code String}
 * (text dtypes) or {@code Object} (object arrays, whose elements are the values the pickle reader builds).
 */
final class NumpyArray {
    /**
     * Most elements a text array may have. Model files hold a few names; the limit stops a small file from
     * declaring a vast array of short strings, each of which costs a Java object.
     */
    static final int MAX_TEXT_ELEMENTS = 1 << 20;

    private final NumpyDtype dtype;
    private final int[] shape;
    private final int size;
    private final double[] floats;
    private final long[] ints;
    private final String[] strings;
    private final Object[] objects;

    private NumpyArray(NumpyDtype dtype, int[] shape, int size, double[] floats, long[] ints, String[] strings,
            Object[] objects) {
        this.dtype = dtype;
        this.shape = shape;
        this.size = size;
        this.floats = floats;
        this.ints = ints;
        this.strings = strings;
        this.objects = objects;
    }

    /**
     * Decodes an array from its raw element bytes.
     *
     * @param dtype   element type (not {@link NumpyDtype.Kind#OBJECT})
     * @param shape   the shape (copied); {@code {}} for a 0-d array
     * @param fortran {@code true} if the bytes are in Fortran (column-major) order
     * @param data    the bytes
     * @param offset  index of the first element's first byte
     * @param length  number of bytes available from {@code offset}; must be exactly size × itemsize
     * @return the array
     * @throws ModelFormatException if the byte count does not match the shape, the dtype is unsupported here, or
     *                              a text array has zero-width elements or more than {@link #MAX_TEXT_ELEMENTS}
     */
    static NumpyArray fromBytes(NumpyDtype dtype, int[] shape, boolean fortran, byte[] data, int offset, long length) {
        if (dtype.kind() == NumpyDtype.Kind.OBJECT) {
            throw new ModelFormatException("object arrays cannot be decoded from raw bytes");
        }
        int n = elementCount(shape);
        if (!dtype.isNumeric()) {
            // checked before anything is allocated: zero-width strings need no data, so the byte count below
            // would not bound them
            if (dtype.itemSize() == 0 && n > 0) {
                throw new ModelFormatException("text array of zero-width dtype " + dtype.descr() + " and shape "
                        + Arrays.toString(shape) + " is not supported");
            }
            if (n > MAX_TEXT_ELEMENTS) {
                throw new ModelFormatException("text array of shape " + Arrays.toString(shape) + " has " + n
                        + " elements, more than the " + MAX_TEXT_ELEMENTS + " this reader accepts");
            }
        }
        long expected = (long) n * dtype.itemSize();
        if (length != expected) {
            throw new ModelFormatException("array of dtype " + dtype.descr() + " and shape " + Arrays.toString(shape)
                    + " needs " + expected + " bytes of data, found " + length);
        }
        double[] f = null;
        long[] i = null;
        String[] s = null;
        switch (dtype.kind()) {
            case FLOAT -> {
                f = new double[n];
                dtype.decodeNumbers(data, offset, n, f, null);
            }
            case SIGNED, UNSIGNED, BOOL -> {
                i = new long[n];
                dtype.decodeNumbers(data, offset, n, null, i);
            }
            default -> s = dtype.decodeStrings(data, offset, n);
        }
        if (fortran && shape.length > 1) {
            int[] perm = fortranToC(shape, n);
            f = f == null ? null : permute(f, perm);
            i = i == null ? null : permute(i, perm);
            s = s == null ? null : permute(s, perm);
        }
        return new NumpyArray(dtype, shape.clone(), n, f, i, s, null);
    }

    /**
     * An object array ({@code dtype=object}), as numpy pickles it: a flat list of elements.
     *
     * @param shape    the shape (copied)
     * @param fortran  {@code true} if the list is in Fortran order
     * @param elements the elements (copied)
     * @return the array
     * @throws ModelFormatException if the element count does not match the shape
     */
    static NumpyArray ofObjects(int[] shape, boolean fortran, List<?> elements) {
        int n = elementCount(shape);
        if (elements.size() != n) {
            throw new ModelFormatException("object array of shape " + Arrays.toString(shape) + " needs " + n
                    + " elements, found " + elements.size());
        }
        Object[] o = elements.toArray();
        if (fortran && shape.length > 1) {
            o = permute(o, fortranToC(shape, n));
        }
        return new NumpyArray(NumpyDtype.parse("|O"), shape.clone(), n, null, null, null, o);
    }

    /**
     * @param shape an array shape
     * @return the number of elements
     * @throws ModelFormatException if a dimension is negative or the count exceeds {@code Integer.MAX_VALUE}
     */
    static int elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new ModelFormatException("negative array dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new ModelFormatException("array shape " + Arrays.toString(shape) + " is too large");
            }
        }
        return (int) n;
    }

    /** perm[f] = C-order index of the element at Fortran-order position f. */
    private static int[] fortranToC(int[] shape, int n) {
        int[] perm = new int[n];
        int[] idx = new int[shape.length];
        int[] cStride = new int[shape.length];
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            cStride[d] = s;
            s *= shape[d];
        }
        for (int f = 0; f < n; f++) {
            int c = 0;
            for (int d = 0; d < shape.length; d++) {
                c += idx[d] * cStride[d];
            }
            perm[f] = c;
            for (int d = 0; d < shape.length; d++) { // first axis varies fastest in Fortran order
                if (++idx[d] < shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return perm;
    }

    private static double[] permute(double[] a, int[] perm) {
        double[] out = new double[a.length];
        for (int f = 0; f < a.length; f++) {
            out[perm[f]] = a[f];
        }
        return out;
    }

    private static long[] permute(long[] a, int[] perm) {
        long[] out = new long[a.length];
        for (int f = 0; f < a.length; f++) {
            out[perm[f]] = a[f];
        }
        return out;
    }

    private static <T> T[] permute(T[] a, int[] perm) {
        T[] out = a.clone();
        for (int f = 0; f < a.length; f++) {
            out[perm[f]] = a[f];
        }
        return out;
    }

    /** @return the element type */
    NumpyDtype dtype() {
        return dtype;
    }

    /** @return a copy of the shape ({@code {}} for a 0-d array) */
    int[] shape() {
        return shape.clone();
    }

    /** @return the number of dimensions */
    int ndim() {
        return shape.length;
    }

    /**
     * @param axis an axis index
     * @return the length along that axis
     */
    int dim(int axis) {
        return shape[axis];
    }

    /** @return the number of elements */
    int size() {
        return size;
    }

    /** @return {@code true} for float, integer and bool arrays */
    boolean isNumeric() {
        return floats != null || ints != null;
    }

    /** @return {@code true} for text arrays ({@code U} and {@code S} dtypes) */
    boolean isText() {
        return strings != null;
    }

    /** @return {@code true} for object arrays */
    boolean isObject() {
        return objects != null;
    }

    /**
     * @return the elements in C order as doubles (integers converted; exact up to 2^53)
     * @throws ModelFormatException if the array is not numeric
     */
    double[] toDoubles() {
        if (floats != null) {
            return floats.clone();
        }
        if (ints != null) {
            double[] d = new double[ints.length];
            for (int k = 0; k < d.length; k++) {
                d[k] = ints[k];
            }
            return d;
        }
        throw new ModelFormatException("expected a numeric array, found dtype " + dtype.descr());
    }

    /**
     * @return the elements in C order as longs
     * @throws ModelFormatException if the array is not of an integer or bool dtype
     */
    long[] toLongs() {
        if (ints != null) {
            return ints.clone();
        }
        throw new ModelFormatException("expected an integer array, found dtype " + dtype.descr());
    }

    /**
     * @return the elements of a text array in C order (unmodifiable)
     * @throws ModelFormatException if the array is not of a text dtype
     */
    List<String> toStrings() {
        if (strings != null) {
            return List.of(strings);
        }
        throw new ModelFormatException("expected a string array, found dtype " + dtype.descr());
    }

    /**
     * @return the elements of an object array in C order (unmodifiable; may contain {@code null} for None)
     * @throws ModelFormatException if the array is not an object array
     */
    List<Object> toObjects() {
        if (objects != null) {
            return Collections.unmodifiableList(new ArrayList<>(Arrays.asList(objects)));
        }
        throw new ModelFormatException("expected an object array, found dtype " + dtype.descr());
    }

    /**
     * The single element of a 0-d or one-element array, as numpy's {@code item()}.
     *
     * @return a Double, Long, Boolean (bool dtype), String or the object element
     * @throws ModelFormatException if the array does not have exactly one element
     */
    Object item() {
        if (size != 1) {
            throw new ModelFormatException("expected a single value, found an array of shape " + Arrays.toString(shape));
        }
        if (floats != null) {
            return floats[0];
        }
        if (ints != null) {
            return dtype.kind() == NumpyDtype.Kind.BOOL ? (Object) (ints[0] != 0) : (Object) ints[0];
        }
        if (strings != null) {
            return strings[0];
        }
        return objects[0];
    }

    @Override
    public String toString() {
        return "ndarray(shape=" + Arrays.toString(shape) + ", dtype=" + dtype.descr() + ")";
    }
}
