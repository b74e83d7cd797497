package org.cosmoemu.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordered inputs of an emulator and the box they were trained on. Immutable and thread-safe.
 *
 * <p>Converts between named points ({@code Map<String, Number>}) and the positional {@code double[]} the
 * fast paths take, and validates points: {@link #validate(double[], RangePolicy, String)} rejects NaN and
 * infinite values always, and values outside the box under {@link RangePolicy#REJECT}.
 */
public final class ParameterSpace {
    private final List<Parameter> parameters;
    private final List<String> names;
    private final Map<String, Integer> index;

    private ParameterSpace(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
        List<String> n = new ArrayList<>(parameters.size());
        Map<String, Integer> idx = new HashMap<>();
        for (Parameter p : parameters) {
            if (idx.put(p.name(), n.size()) != null) {
                throw new InvalidParameterException(p.name(), "parameter '" + p.name() + "' appears twice");
            }
            n.add(p.name());
        }
        this.names = Collections.unmodifiableList(n);
        this.index = Map.copyOf(idx);
    }

    /**
     * {@return the parameter space}
     *
     * @param parameters the inputs in network order, at least one, names unique
     * @throws InvalidParameterException if the list is empty or a name repeats
     */
    public static ParameterSpace of(List<Parameter> parameters) {
        if (parameters.isEmpty()) {
            throw new InvalidParameterException(null, "a parameter space needs at least one parameter");
        }
        return new ParameterSpace(parameters);
    }

    /**
     * {@return the parameter space}
     *
     * @param parameters the inputs in network order
     * @throws InvalidParameterException if the list is empty or a name repeats
     */
    public static ParameterSpace of(Parameter... parameters) {
        return of(List.of(parameters));
    }

    /**
     * {@return a parameter space whose ranges are all unknown}
     *
     * @param names the input names in network order
     */
    public static ParameterSpace unbounded(List<String> names) {
        return of(names.stream().map(Parameter::unbounded).toList());
    }

    /** {@return the number of inputs} */
    public int dimension() {
        return parameters.size();
    }

    /** {@return the inputs in network order (unmodifiable)} */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** {@return the input names in network order (unmodifiable)} */
    public List<String> names() {
        return names;
    }

    /**
     * {@return the parameter at that position}
     *
     * @param i position in network order
     */
    public Parameter get(int i) {
        return parameters.get(i);
    }

    /**
     * {@return its position in network order, or -1 if this space has no such parameter}
     *
     * @param name a parameter name
     */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    /** {@return {@code true} if every parameter has a known training range} */
    public boolean isFullyBounded() {
        return parameters.stream().allMatch(p -> p.lower() != Double.NEGATIVE_INFINITY
                && p.upper() != Double.POSITIVE_INFINITY);
    }

    /**
     * A point of this space built by name, without a map of boxed numbers (convenient from Kotlin and Scala):
     * {@code space.point().set("omega_b", 0.0224).set("n_s", 0.965)...toArray()}.
     *
     * @return an empty point
     */
    public Point point() {
        return new Point(this, new double[parameters.size()], new boolean[parameters.size()]);
    }

    /**
     * A point of this space starting from the values of {@code base} (which may name other parameters too; those are
     * ignored), to be changed with {@link Point#set}.
     *
     * @param base values by name, e.g. {@code ParameterBases.get("planck2018")}
     * @return the point with every parameter of {@code base} that this space has set
     */
    public Point point(Map<String, ? extends Number> base) {
        Point p = point();
        base.forEach((k, v) -> {
            if (index.containsKey(k) && v != null) {
                p.set(k, v.doubleValue());
            }
        });
        return p;
    }

    /**
     * A point of a {@link ParameterSpace} under construction: set values by name, then take the positional array.
     * Not thread-safe; each {@link #toArray()} returns a new array.
     */
    public static final class Point {
        private final ParameterSpace space;
        private final double[] x;
        private final boolean[] set;

        private Point(ParameterSpace space, double[] x, boolean[] set) {
            this.space = space;
            this.x = x;
            this.set = set;
        }

        /**
         * {@return this point}
         *
         * @param name  a parameter of the space
         * @param value its value
         * @throws InvalidParameterException naming {@code name} if the space has no such parameter
         */
        public Point set(String name, double value) {
            Integer i = space.index.get(name);
            if (i == null) {
                throw new InvalidParameterException(name, "unknown parameter '" + name + "'; this emulator takes "
                        + space.names);
            }
            x[i] = value;
            set[i] = true;
            return this;
        }

        /**
         * {@return the point in network order, a new array (not yet range-checked)}
         *
         * @throws InvalidParameterException naming the parameters not set
         */
        public double[] toArray() {
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                if (!set[i]) {
                    missing.add(space.names.get(i));
                }
            }
            if (!missing.isEmpty()) {
                throw new InvalidParameterException(missing.get(0), "missing parameter(s) " + missing
                        + "; this emulator takes " + space.names);
            }
            return x.clone();
        }
    }

    /**
     * Converts a named point to the positional array, in network order.
     *
     * @param point values by parameter name; must name every parameter of this space and nothing else
     * @return a new array in network order (not yet range-checked; see {@link #validate})
     * @throws InvalidParameterException naming the missing or unknown parameter(s), or a null value
     */
    public double[] toArray(Map<String, ? extends Number> point) {
        List<String> unknown = new ArrayList<>();
        for (String key : point.keySet()) {
            if (!index.containsKey(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidParameterException(unknown.get(0), "unknown parameter(s) " + unknown
                    + "; this emulator takes " + names);
        }
        double[] x = new double[parameters.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            String name = names.get(i);
            Number v = point.get(name);
            if (v == null) {
                missing.add(name);
            } else {
                x[i] = v.doubleValue();
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidParameterException(missing.get(0), "missing parameter(s) " + missing
                    + "; this emulator takes " + names);
        }
        return x;
    }

    /**
     * {@return the same point keyed by name, in network order}
     *
     * @param x a point in network order
     * @throws InvalidParameterException if {@code x} has the wrong length
     */
    public Map<String, Double> toMap(double[] x) {
        checkLength(x.length, null);
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < x.length; i++) {
            m.put(names.get(i), x[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * Validates one point in network order. Allocates nothing when the point is valid.
     *
     * @param x       the point (not modified)
     * @param policy  what to do with values outside the training range
     * @param context what is being evaluated, quoted in error messages (may be {@code null})
     * @throws InvalidParameterException     if {@code x} has the wrong length or holds a NaN or infinite value
     * @throws ParameterOutOfRangeException if a value is outside its range and {@code policy} is REJECT
     */
    public void validate(double[] x, RangePolicy policy, String context) {
        checkLength(x.length, context);
        validate(x, 0, policy, context);
    }

    /**
     * Validates one point stored at {@code x[offset .. offset + dimension())}.
     *
     * @param x       array holding the point (not modified)
     * @param offset  index of the point's first value
     * @param policy  what to do with values outside the training range
     * @param context what is being evaluated, quoted in error messages (may be {@code null})
     * @throws InvalidParameterException     if a value is NaN or infinite
     * @throws ParameterOutOfRangeException if a value is outside its range and {@code policy} is REJECT
     */
    public void validate(double[] x, int offset, RangePolicy policy, String context) {
        java.util.Objects.requireNonNull(policy, "policy");
        for (int i = 0; i < parameters.size(); i++) {
            double v = x[offset + i];
            Parameter p = parameters.get(i);
            if (!Double.isFinite(v)) {
                throw new InvalidParameterException(p.name(), "parameter '" + p.name() + "' is " + v
                        + (context == null ? "" : " (" + context + ")") + "; values must be finite numbers");
            }
            if (policy == RangePolicy.REJECT && !p.contains(v)) {
                throw new ParameterOutOfRangeException(p.name(), v, p.lower(), p.upper(), context);
            }
        }
    }

    /**
     * Checks the length of an array meant to hold one point.
     *
     * @param length  the length of an array meant to hold one point
     * @param context what is being evaluated, quoted in the message (may be {@code null})
     * @throws InvalidParameterException if {@code length != dimension()}
     */
    public void checkLength(int length, String context) {
        if (length != parameters.size()) {
            throw new InvalidParameterException(null, "expected " + parameters.size() + " parameter values "
                    + names + (context == null ? "" : " for " + context) + ", got " + length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterSpace s && s.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return parameters.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ParameterSpace[");
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            sb.append(i == 0 ? "" : ", ").append(p.name());
            if (p.isBounded()) {
                sb.append(" in [").append(p.lower()).append(", ").append(p.upper()).append(']');
            }
        }
        return sb.append(']').toString();
    }
}
