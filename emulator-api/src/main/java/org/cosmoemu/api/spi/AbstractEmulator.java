package org.cosmoemu.api.spi;

import java.util.Map;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.MissingQuantityException;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.NumericalException;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.OutputQuantity;
import org.cosmoemu.api.OutputTransform;
import org.cosmoemu.api.ParameterSpace;
import org.cosmoemu.api.Precision;
import org.cosmoemu.api.RangePolicy;

/**
 * Base class for backends: does the input validation, the raw-to-value transform and the convenience
 * overloads of {@link Emulator}, so that a backend only implements {@link #forwardRaw}.
 */
public abstract class AbstractEmulator implements Emulator {
    private final NetworkModel model;
    private final RangePolicy rangePolicy;
    private final Precision precision;
    private final String context;

    /**
     * Sets up the checks every emulator shares.
     *
     * @param model       the network
     * @param precision   precision of the implementation
     * @param rangePolicy what to do with points outside the training range
     */
    protected AbstractEmulator(NetworkModel model, Precision precision, RangePolicy rangePolicy) {
        this.model = java.util.Objects.requireNonNull(model, "model");
        this.precision = java.util.Objects.requireNonNull(precision, "precision");
        this.rangePolicy = java.util.Objects.requireNonNull(rangePolicy, "rangePolicy");
        this.context = "emulator '" + model.name() + "'";
    }

    /**
     * Evaluates the network on validated inputs. Must be thread-safe and, for a fixed {@code count}, should
     * not allocate.
     *
     * @param points {@code count} points in network order, row-major (do not modify)
     * @param count  number of points, ≥ 1
     * @param out    receives {@code count * outputSize()} raw outputs, row-major
     */
    protected abstract void forwardRaw(double[] points, int count, double[] out);

    /**
     * {@return a copy of this emulator, sharing its weights, that applies {@code policy}}
     *
     * @param policy the new policy
     */
    protected abstract AbstractEmulator copyWith(RangePolicy policy);

    /**
     * {@return an emulator of {@code part} (this emulator's network restricted to outputs {@code from ..
     * from + part.outputSize() - 1}) with this emulator's range policy}
     *
     * <p>The default evaluates the whole network and keeps the range: correct for any backend, but it saves
     * nothing. Backends that can compile {@code part} itself override it.
     *
     * @param part the restricted network ({@link NetworkModel#restrictedTo})
     * @param from the first output of this network that {@code part} keeps
     */
    protected AbstractEmulator restrict(NetworkModel part, int from) {
        return new Slice(this, part, from);
    }

    /**
     * Computes raw outputs and their Jacobian for one validated point. The default throws
     * {@link MissingQuantityException}; backends that can differentiate override it.
     *
     * @param point    the validated point (do not modify)
     * @param raw      receives {@code outputSize()} raw outputs
     * @param jacobian receives {@code ∂raw_o/∂θ_j} at {@code [o * dimension + j]}
     */
    protected void jacobianRawImpl(double[] point, double[] raw, double[] jacobian) {
        throw new MissingQuantityException("backend " + backend() + " cannot compute Jacobians");
    }

    @Override
    public final String name() {
        return model.name();
    }

    @Override
    public final ParameterSpace parameterSpace() {
        return model.parameterSpace();
    }

    @Override
    public final OutputGrid outputGrid() {
        return model.grid();
    }

    @Override
    public final OutputQuantity quantity() {
        return model.quantity();
    }

    @Override
    public final int outputSize() {
        return model.outputSize();
    }

    @Override
    public final NetworkModel model() {
        return model;
    }

    @Override
    public final RangePolicy rangePolicy() {
        return rangePolicy;
    }

    @Override
    public final Precision precision() {
        return precision;
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code policy} is null (it used to disable the range checks silently)
     */
    @Override
    public final Emulator withRangePolicy(RangePolicy policy) {
        java.util.Objects.requireNonNull(policy, "policy");
        return policy == rangePolicy ? this : copyWith(policy);
    }

    @Override
    public final Emulator restrictedTo(int from, int to) {
        NetworkModel part = model.restrictedTo(from, to);
        return part == model ? this : restrict(part, from);
    }

    @Override
    public final double[] predict(Map<String, ? extends Number> point) {
        return predict(parameterSpace().toArray(point));
    }

    @Override
    public final double[] predict(double[] point) {
        double[] out = new double[outputSize()];
        predict(point, out);
        return out;
    }

    @Override
    public final void predict(double[] point, double[] out) {
        predictRaw(point, out);
        applyTransform(out, outputSize());
        checkFinite(out, 1, "value");
    }

    @Override
    public final void predictRaw(double[] point, double[] out) {
        parameterSpace().validate(point, rangePolicy, context);
        checkOutput(out, 1);
        forwardRaw(point, 1, out);
        checkFinite(out, 1, "raw output");
    }

    @Override
    public final void jacobian(double[] point, double[] values, double[] jacobian) {
        double[] v = values != null ? values : new double[outputSize()];
        jacobianRaw(point, v, jacobian);
        if (quantity().transform() == OutputTransform.LOG10) {
            int dim = parameterSpace().dimension();
            double ln10 = Math.log(10.0);
            for (int o = 0; o < outputSize(); o++) {
                v[o] = OutputTransform.exp10(v[o]);
                double f = ln10 * v[o];
                for (int j = 0; j < dim; j++) {
                    jacobian[o * dim + j] *= f;
                }
            }
            checkFinite(v, 1, "value");
        }
    }

    @Override
    public final void jacobianRaw(double[] point, double[] raw, double[] jacobian) {
        parameterSpace().validate(point, rangePolicy, context);
        double[] r = raw != null ? raw : new double[outputSize()];
        checkOutput(r, 1);
        long need = (long) outputSize() * parameterSpace().dimension();
        if (jacobian.length < need) {
            throw new InvalidParameterException(null, "Jacobian buffer holds " + jacobian.length + " values, " + context
                    + " needs " + need + " (" + outputSize() + " outputs x " + parameterSpace().dimension() + " inputs)");
        }
        jacobianRawImpl(point, r, jacobian);
        checkFinite(r, 1, "raw output");
    }

    @Override
    public final void predictBatch(double[] points, int count, double[] out) {
        predictRawBatch(points, count, out);
        applyTransform(out, count * outputSize());
        checkFinite(out, count, "value");
    }

    @Override
    public final void predictRawBatch(double[] points, int count, double[] out) {
        int dim = parameterSpace().dimension();
        if (count < 0) {
            throw new InvalidParameterException(null, "point count " + count + " is negative");
        }
        if (points.length < (long) count * dim) {
            throw new InvalidParameterException(null, "expected " + count + " points of " + dim + " values ("
                    + (long) count * dim + " numbers) for " + context + ", got " + points.length + " numbers");
        }
        checkOutput(out, count);
        for (int s = 0; s < count; s++) {
            try {
                parameterSpace().validate(points, s * dim, rangePolicy, context);
            } catch (InvalidParameterException e) {
                throw rethrowForPoint(e, s);
            }
        }
        if (count > 0) {
            forwardRaw(points, count, out);
            checkFinite(out, count, "raw output");
        }
    }

    /**
     * Refuses a non-finite output: a network whose weights overflow at this point, or a log10 output beyond the
     * range of a double. One pass over the outputs, allocation-free unless it throws.
     *
     * @throws NumericalException naming the emulator, the point of the batch, the output and its value
     */
    private void checkFinite(double[] out, int count, String what) {
        int n = count * outputSize();
        double probe = 0;
        for (int i = 0; i < n; i++) {
            probe += out[i] * 0.0; // NaN as soon as one output is NaN or infinite
        }
        if (probe == 0) {
            return;
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(out[i])) {
                int s = i / outputSize();
                int o = i % outputSize();
                throw new NumericalException(context + " gives a non-finite " + what + " (" + out[i] + ") at output "
                        + o + " (" + outputGrid().axis().token() + " " + outputGrid().label(o) + ")"
                        + (count > 1 ? " of point " + s + " of the batch" : "")
                        + "; the network or its output transform overflows at this point");
            }
        }
    }

    private static InvalidParameterException rethrowForPoint(InvalidParameterException e, int s) {
        if (e instanceof org.cosmoemu.api.ParameterOutOfRangeException r) {
            return new org.cosmoemu.api.ParameterOutOfRangeException(r.parameter(), r.value(), r.lower(), r.upper(),
                    "point " + s + " of the batch");
        }
        return new InvalidParameterException(e.parameter(), "point " + s + " of the batch: " + e.getMessage());
    }

    private void checkOutput(double[] out, int count) {
        long need = (long) count * outputSize();
        if (out.length < need) {
            throw new InvalidParameterException(null, "output buffer holds " + out.length + " values, " + context
                    + " needs " + need + " (" + count + " x " + outputSize() + ")");
        }
    }

    private void applyTransform(double[] out, int n) {
        if (quantity().transform() == OutputTransform.LOG10) {
            for (int i = 0; i < n; i++) {
                out[i] = OutputTransform.exp10(out[i]);
            }
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + model + ", " + backend() + ", " + precision + ", " + rangePolicy + "]";
    }

    /** The default {@link #restrict}: the whole network, then the kept range copied out. Thread-safe. */
    private static final class Slice extends AbstractEmulator {
        private final AbstractEmulator whole;
        private final int from;
        private final ThreadLocal<double[][]> scratch = new ThreadLocal<>();

        Slice(AbstractEmulator whole, NetworkModel part, int from) {
            super(part, whole.precision(), whole.rangePolicy());
            this.whole = whole;
            this.from = from;
        }

        private double[] buffer(int slot, int size) {
            double[][] b = scratch.get();
            if (b == null) {
                b = new double[2][];
                scratch.set(b);
            }
            if (b[slot] == null || b[slot].length < size) {
                b[slot] = new double[size];
            }
            return b[slot];
        }

        @Override
        protected void forwardRaw(double[] points, int count, double[] out) {
            int n = whole.outputSize();
            int m = outputSize();
            double[] full = buffer(0, count * n);
            whole.forwardRaw(points, count, full);
            for (int s = 0; s < count; s++) {
                System.arraycopy(full, s * n + from, out, s * m, m);
            }
        }

        @Override
        protected void jacobianRawImpl(double[] point, double[] raw, double[] jacobian) {
            int n = whole.outputSize();
            int m = outputSize();
            int dim = parameterSpace().dimension();
            double[] fullRaw = buffer(0, n);
            double[] fullJac = buffer(1, n * dim);
            whole.jacobianRawImpl(point, fullRaw, fullJac);
            System.arraycopy(fullRaw, from, raw, 0, m);
            System.arraycopy(fullJac, from * dim, jacobian, 0, m * dim);
        }

        @Override
        protected AbstractEmulator copyWith(RangePolicy policy) {
            return new Slice(whole.copyWith(policy), model(), from);
        }

        @Override
        public String backend() {
            return whole.backend();
        }
    }
}
