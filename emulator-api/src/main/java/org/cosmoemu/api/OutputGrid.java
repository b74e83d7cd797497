package org.cosmoemu.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The points an emulator's outputs are given at: multipoles ℓ, wavenumbers k, redshifts z, or named
 * scalars (derived parameters). Output {@code i} of the emulator belongs to {@link #value(int) value(i)}
 * (and {@link #label(int) label(i)}). Immutable and thread-safe.
 */
public final class OutputGrid {

    /** The kind of grid. */
    public enum Axis {
        /** Multipoles ℓ (or lensing L). */
        MULTIPOLE("ell"),
        /** Wavenumbers k; see {@link #unit()} for 1/Mpc vs h/Mpc. */
        WAVENUMBER("k"),
        /** Redshifts z. */
        REDSHIFT("z"),
        /** Named scalars, such as derived parameters; the values are 0, 1, 2, .... */
        NAMED("name"),
        /**
         * Values whose meaning nobody declared (CosmoPower's {@code modes} array), or 0, 1, 2, ... when the
         * file has none.
         */
        MODES("modes");

        private final String token;

        Axis(String token) {
            this.token = token;
        }

        /** {@return the stable name used in model files and JSON ({@code ell, k, z, name, modes})} */
        public String token() {
            return token;
        }

        /**
         * {@return the axis}
         *
         * @param token a value of {@link #token()}
         * @throws InvalidOptionException for an unknown token, naming the accepted ones
         */
        public static Axis fromToken(String token) {
            for (Axis a : values()) {
                if (a.token.equals(token.trim().toLowerCase(Locale.ROOT))) {
                    return a;
                }
            }
            throw new InvalidOptionException("grid_axis",
                    "unknown grid axis '" + token + "': use ell, k, z, name or modes");
        }
    }

    private final Axis axis;
    private final String unit;
    private final double[] values;
    private final List<String> labels;

    private OutputGrid(Axis axis, String unit, double[] values, List<String> labels) {
        this.axis = axis;
        this.unit = unit;
        this.values = values;
        this.labels = labels;
    }

    /**
     * {@return the grid}
     *
     * @param axis   the kind of grid
     * @param unit   unit of the grid values ({@code ""} for ℓ, z and names; {@code "1/Mpc"} or {@code "h/Mpc"} for k)
     * @param values the grid values (copied), finite
     * @throws InvalidOptionException if {@code values} is empty or holds a non-finite value, or {@code axis} is
     *   {@link Axis#NAMED}
     */
    public static OutputGrid of(Axis axis, String unit, double[] values) {
        Objects.requireNonNull(axis, "axis");
        Objects.requireNonNull(unit, "unit");
        if (values.length == 0) {
            throw new InvalidOptionException("grid", "output grid is empty");
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new InvalidOptionException("grid", "output grid value " + v + " is not finite");
            }
        }
        if (axis == Axis.NAMED) {
            throw new InvalidOptionException("grid_axis", "use OutputGrid.named(labels) for named outputs");
        }
        return new OutputGrid(axis, unit, values.clone(), null);
    }

    /**
     * {@return the grid ℓ = lmin..lmax}
     *
     * @param lmin first multipole
     * @param lmax last multipole (inclusive)
     * @throws InvalidOptionException if {@code lmax < lmin}
     */
    public static OutputGrid multipoles(int lmin, int lmax) {
        if (lmax < lmin) {
            throw new InvalidOptionException("grid", "output grid lmax " + lmax + " < lmin " + lmin);
        }
        double[] v = new double[lmax - lmin + 1];
        for (int i = 0; i < v.length; i++) {
            v[i] = lmin + i;
        }
        return new OutputGrid(Axis.MULTIPOLE, "", v, null);
    }

    /**
     * {@return a grid of named scalars}
     *
     * @param labels the output names, in output order, unique
     * @throws InvalidOptionException if {@code labels} is empty or a name repeats
     */
    public static OutputGrid named(List<String> labels) {
        if (labels.isEmpty()) {
            throw new InvalidOptionException("grid", "output grid is empty");
        }
        if (labels.stream().distinct().count() != labels.size()) {
            throw new InvalidOptionException("grid", "output names repeat: " + labels);
        }
        double[] v = new double[labels.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        return new OutputGrid(Axis.NAMED, "", v, List.copyOf(labels));
    }

    /**
     * {@return the grid 0, 1, ..., n-1 with axis {@link Axis#MODES}}
     *
     * @param n number of outputs
     * @throws InvalidOptionException if {@code n < 1}
     */
    public static OutputGrid index(int n) {
        if (n <= 0) {
            throw new InvalidOptionException("grid", "output grid is empty");
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return new OutputGrid(Axis.MODES, "", v, null);
    }

    /** {@return the kind of grid} */
    public Axis axis() {
        return axis;
    }

    /** {@return the unit of the grid values ({@code ""} when dimensionless)} */
    public String unit() {
        return unit;
    }

    /** {@return the number of outputs} */
    public int size() {
        return values.length;
    }

    /**
     * {@return the grid value of output {@code i}}
     *
     * @param i output index
     */
    public double value(int i) {
        return values[i];
    }

    /** {@return a copy of the grid values} */
    public double[] values() {
        return values.clone();
    }

    /** {@return {@code true} for {@link Axis#NAMED} grids} */
    public boolean isNamed() {
        return labels != null;
    }

    /** {@return the output names of a named grid (unmodifiable), or an empty list} */
    public List<String> labels() {
        return labels == null ? List.of() : labels;
    }

    /**
     * {@return the output's name for named grids, otherwise the grid value as text}
     *
     * @param i output index
     */
    public String label(int i) {
        if (labels != null) {
            return labels.get(i);
        }
        double v = values[i];
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * {@return its index in a named grid, or -1}
     *
     * @param name an output name
     */
    public int indexOf(String name) {
        return labels == null ? -1 : labels.indexOf(name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutputGrid g && g.axis == axis && g.unit.equals(unit) && Arrays.equals(g.values, values)
                && Objects.equals(g.labels, labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(axis, unit, Arrays.hashCode(values), labels);
    }

    @Override
    public String toString() {
        return "OutputGrid[" + axis.token() + (unit.isEmpty() ? "" : " [" + unit + "]") + ", " + values.length
                + " points" + (values.length > 0 ? ", " + label(0) + " .. " + label(values.length - 1) : "") + "]";
    }

    /**
     * The part of this grid between two output indices, as {@link NetworkModel#restrictedTo(int, int)} keeps it.
     *
     * @param from first output kept (inclusive)
     * @param to   last output kept (exclusive)
     * @return the grid of outputs {@code from .. to-1} (labels too, for a named grid)
     * @throws InvalidOptionException if the range is empty or outside the grid
     */
    public OutputGrid slice(int from, int to) {
        if (from < 0 || to > values.length || from >= to) {
            throw new InvalidOptionException("outputs", "output range [" + from + ", " + to + ") is empty or outside the "
                    + values.length + " outputs of the grid");
        }
        return new OutputGrid(axis, unit, java.util.Arrays.copyOfRange(values, from, to),
                labels == null ? null : List.copyOf(labels.subList(from, to)));
    }
}
