package org.cosmoemu.theory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import org.cosmoemu.api.MissingQuantityException;

/**
 * {@link Observables} assembled from parts: spectra read from a file, a background, derived values. Used
 * for {@code --spectra FILE} and in tests. Immutable.
 */
public final class SimpleObservables implements Observables {
    private final CmbSpectra cmb;
    private final Background background;
    private final Map<String, Double> derived;
    private final DoubleUnaryOperator fsigma8;
    private final Map<String, Double> parameters;

    private SimpleObservables(Builder b) {
        this.cmb = b.cmb;
        this.background = b.background;
        this.derived = Map.copyOf(b.derived);
        this.fsigma8 = b.fsigma8;
        this.parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.parameters));
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return observables holding only {@code cmb}}
     *
     * @param cmb spectra
     */
    public static SimpleObservables of(CmbSpectra cmb) {
        return builder().cmb(cmb).build();
    }

    @Override
    public CmbSpectra cmb() {
        if (cmb == null) {
            throw new MissingQuantityException("CMB spectra were not computed");
        }
        return cmb;
    }

    @Override
    public Background background() {
        if (background == null) {
            throw new MissingQuantityException("the background was not computed");
        }
        return background;
    }

    @Override
    public double derived(String name) {
        Double v = derived.get(name);
        if (v == null) {
            throw new MissingQuantityException("derived quantity '" + name + "' was not computed (have "
                    + derived.keySet() + ")");
        }
        return v;
    }

    @Override
    public double fsigma8(double z) {
        if (fsigma8 == null) {
            throw new MissingQuantityException("f sigma8(z) was not computed");
        }
        return fsigma8.applyAsDouble(z);
    }

    @Override
    public Map<String, Double> parameters() {
        return parameters;
    }

    /** Builds {@link SimpleObservables}. */
    public static final class Builder {
        private CmbSpectra cmb;
        private Background background;
        private final Map<String, Double> derived = new LinkedHashMap<>();
        private DoubleUnaryOperator fsigma8;
        private final Map<String, Double> parameters = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * {@return this builder}
         *
         * @param c spectra
         */
        public Builder cmb(CmbSpectra c) {
            this.cmb = Objects.requireNonNull(c);
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param b background
         */
        public Builder background(Background b) {
            this.background = Objects.requireNonNull(b);
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param name derived name
         * @param value its value
         */
        public Builder derived(String name, double value) {
            this.derived.put(name, value);
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param f f σ8 as a function of z
         */
        public Builder fsigma8(DoubleUnaryOperator f) {
            this.fsigma8 = Objects.requireNonNull(f);
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param name parameter
         * @param value value
         */
        public Builder parameter(String name, double value) {
            this.parameters.put(name, value);
            return this;
        }

        /** {@return the observables} */
        public SimpleObservables build() {
            return new SimpleObservables(this);
        }
    }
}
