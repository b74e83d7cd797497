package org.cosmoemu.api;

import java.util.List;
import java.util.Map;

/**
 * A neural-network emulator of one cosmological observable: parameters in, an array of values on
 * {@link #outputGrid()} out.
 *
 * <p>Implementations are immutable and thread-safe: one instance may serve many threads at once. The
 * {@code void} methods that take an output buffer allocate nothing on the hot path (scratch space is kept
 * per thread), so an MCMC loop that reuses its buffers produces no garbage.
 *
 * <p>Two kinds of output: {@code predictRaw} gives the network output after de-standardisation (and PCA
 * reconstruction), {@code predict} gives the physical value {@code quantity().transform().apply(raw)},
 * e.g. {@code 10^raw} for networks trained on log10.
 *
 * <p>Every method validates its input first: a wrong array length, a NaN or infinite value, a missing or
 * unknown name throw {@link InvalidParameterException}; a value outside {@link #parameterSpace()} throws
 * {@link ParameterOutOfRangeException} unless {@link #rangePolicy()} is {@link RangePolicy#EXTRAPOLATE}.
 */
public interface Emulator {

    /** {@return the model's name} */
    String name();

    /** {@return the inputs in network order with their training ranges} */
    ParameterSpace parameterSpace();

    /** {@return the input names in network order} */
    default List<String> parameterNames() {
        return parameterSpace().names();
    }

    /** {@return the points the outputs belong to} */
    OutputGrid outputGrid();

    /** {@return what the output values mean (quantity, units, ℓ-factor, transform)} */
    OutputQuantity quantity();

    /** {@return the number of outputs per point} */
    default int outputSize() {
        return outputGrid().size();
    }

    /** {@return the network this emulator evaluates} */
    NetworkModel model();

    /** {@return what happens to points outside the training range} */
    RangePolicy rangePolicy();

    /**
     * {@return an emulator sharing this one's weights that applies {@code policy}}
     *
     * @param policy the new policy (not null)
     * @throws NullPointerException if {@code policy} is null
     */
    Emulator withRangePolicy(RangePolicy policy);

    /**
     * {@return an emulator that computes only the outputs {@code from .. to-1} of this one, sharing its range policy and
     * precision (this emulator when the range is all outputs)}
     *
     * <p>Its grid, output scaling and last layer (or PCA basis) keep those entries (see
     * {@link NetworkModel#restrictedTo}), so the values are this emulator's at those outputs and the outputs left out
     * cost nothing: a theory whose likelihood reads C_L^φφ up to L = 763 reconstructs 762 outputs, not 2999.
     * Create it once and keep it: the pure-Java backend compiles a forward pass for it.
     *
     * @param from first output kept (inclusive)
     * @param to   last output kept (exclusive)
     * @throws InvalidOptionException if the range is empty or outside the outputs
     */
    Emulator restrictedTo(int from, int to);

    /** {@return the precision of the weights and arithmetic} */
    Precision precision();

    /**
     * {@return which implementation evaluates the network, e.g. {@code cpu-vector}, {@code cpu-scalar},
     * {@code nd4j-cpu}}
     *
     */
    String backend();

    /**
     * {@return a new array of physical values on {@link #outputGrid()}}
     *
     * @param point values by parameter name, exactly the names of {@link #parameterNames()}
     * @throws InvalidParameterException     for a missing/unknown name or a non-finite value
     * @throws ParameterOutOfRangeException for a value outside the training range under {@link RangePolicy#REJECT}
     * @throws NumericalException           if an output is NaN or infinite (the network or its transform overflows)
     */
    double[] predict(Map<String, ? extends Number> point);

    /**
     * {@return a new array of physical values on {@link #outputGrid()}}
     *
     * @param point values in network order (not modified)
     * @throws InvalidParameterException     for a wrong length or a non-finite value
     * @throws ParameterOutOfRangeException for a value outside the training range under {@link RangePolicy#REJECT}
     * @throws NumericalException           if an output is NaN or infinite (the network or its transform overflows)
     */
    double[] predict(double[] point);

    /**
     * The fast path: evaluates one point into a caller-owned buffer, allocating nothing.
     *
     * @param point values in network order (not modified)
     * @param out   receives {@link #outputSize()} physical values (overwritten); must not alias {@code point}
     * @throws InvalidParameterException     for a wrong length (of either array) or a non-finite value
     * @throws ParameterOutOfRangeException for a value outside the training range under {@link RangePolicy#REJECT}
     * @throws NumericalException           if an output is NaN or infinite (the network or its transform overflows)
     */
    void predict(double[] point, double[] out);

    /**
     * Evaluates one point into a caller-owned buffer of raw network outputs.
     *
     * @param point values in network order (not modified)
     * @param out   receives {@link #outputSize()} raw network outputs (de-standardised, before the transform)
     * @throws InvalidParameterException     for a wrong length or a non-finite value
     * @throws ParameterOutOfRangeException for a value outside the training range under {@link RangePolicy#REJECT}
     * @throws NumericalException           if an output is NaN or infinite (the network or its transform overflows)
     */
    void predictRaw(double[] point, double[] out);

    /**
     * Evaluates many points at once; much faster per point than one-by-one calls.
     *
     * @param points {@code count} points in network order, row-major: point {@code s} at
     *               {@code [s*dim, (s+1)*dim)} (not modified)
     * @param count  number of points
     * @param out    receives {@code count * outputSize()} physical values, row-major (overwritten)
     * @throws InvalidParameterException     if an array is too short or a value is non-finite (the message names the point)
     * @throws ParameterOutOfRangeException for a value outside the training range under {@link RangePolicy#REJECT}
     * @throws NumericalException           if an output is NaN or infinite (the network or its transform overflows)
     */
    void predictBatch(double[] points, int count, double[] out);

    /**
     * As {@link #predictBatch(double[], int, double[])} but writes raw network outputs.
     *
     * @param points {@code count} points in network order, row-major (not modified)
     * @param count  number of points
     * @param out    receives {@code count * outputSize()} raw outputs, row-major (overwritten)
     * @throws InvalidParameterException     if an array is too short or a value is non-finite
     * @throws ParameterOutOfRangeException for a value outside the training range under {@link RangePolicy#REJECT}
     * @throws NumericalException           if an output is NaN or infinite (the network or its transform overflows)
     */
    void predictRawBatch(double[] points, int count, double[] out);

    /**
     * Derivatives of the physical values with respect to the inputs, exact up to rounding: the chain rule
     * through every layer of the network, not finite differences. Computed in float64 from the model's
     * weights whatever {@link #precision()} is. For {@link OutputTransform#LOG10} models the factor
     * {@code ln(10) · value} is applied.
     *
     * @param point    values in network order (not modified)
     * @param values   receives {@link #outputSize()} physical values (overwritten), or {@code null}
     * @param jacobian receives {@code outputSize() × dimension} values, row-major:
     *                 {@code jacobian[o * dimension + j] = ∂value_o / ∂θ_j} (overwritten)
     * @throws InvalidParameterException     for a wrong length (of any array) or a non-finite value
     * @throws ParameterOutOfRangeException for a value outside the training range under {@link RangePolicy#REJECT}
     * @throws NumericalException           if an output is NaN or infinite (the network or its transform overflows)
     * @throws MissingQuantityException     if this backend cannot differentiate
     */
    void jacobian(double[] point, double[] values, double[] jacobian);

    /**
     * As {@link #jacobian} for the raw network outputs (before the output transform).
     *
     * @param point    values in network order (not modified)
     * @param raw      receives {@link #outputSize()} raw outputs (overwritten), or {@code null}
     * @param jacobian receives {@code ∂raw_o / ∂θ_j} at {@code [o * dimension + j]} (overwritten)
     * @throws InvalidParameterException     for a wrong length or a non-finite value
     * @throws ParameterOutOfRangeException for a value outside the training range under {@link RangePolicy#REJECT}
     * @throws NumericalException           if an output is NaN or infinite (the network or its transform overflows)
     * @throws MissingQuantityException     if this backend cannot differentiate
     */
    void jacobianRaw(double[] point, double[] raw, double[] jacobian);

    /**
     * {@return one row of physical values per point}
     *
     * @param points one point per row, in network order (not modified)
     * @throws InvalidParameterException     for a wrong row length or a non-finite value
     * @throws ParameterOutOfRangeException for a value outside the training range under {@link RangePolicy#REJECT}
     * @throws NumericalException           if an output is NaN or infinite (the network or its transform overflows)
     */
    default double[][] predictBatch(double[][] points) {
        int dim = parameterSpace().dimension();
        int n = outputSize();
        double[] flat = new double[points.length * dim];
        for (int s = 0; s < points.length; s++) {
            parameterSpace().checkLength(points[s].length, name() + ", point " + s);
            System.arraycopy(points[s], 0, flat, s * dim, dim);
        }
        double[] out = new double[points.length * n];
        predictBatch(flat, points.length, out);
        double[][] rows = new double[points.length][];
        for (int s = 0; s < points.length; s++) {
            rows[s] = java.util.Arrays.copyOfRange(out, s * n, (s + 1) * n);
        }
        return rows;
    }
}
