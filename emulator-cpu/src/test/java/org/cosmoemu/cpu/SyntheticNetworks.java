package org.cosmoemu.cpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.api.ParameterSpace;

/**
 * Synthetic CosmoPower-shaped networks for benchmarks and tests: random weights, no physics. They have the
 * layout of a trained emulator (input scaling, dense layers with CosmoPower's activation, a linear output layer,
 * optional PCA, output scaling) and trained-network-like weight scales, so activations stay in the range real
 * models see and timings and rounding errors are representative.
 *
 * <p>The recipe, drawn in this order from one {@link SplittableRandom} seeded with {@code seed}:
 * <ul>
 *   <li>inputs {@code p0, p1, ...}, each in [0, 1], scaled with mean 0.5 and standard deviation 0.29;</li>
 *   <li>per layer of {@code in → out}: weights ~ N(0, 1/in) ({@code [in][out]} row-major), biases ~ N(0, 0.1²),
 *       and for hidden layers the activation's β ~ U(0.2, 3) and γ ~ U(−0.2, 0.6);</li>
 *   <li>with PCA: coefficient mean ~ N(0, 1), coefficient standard deviation ~ U(0.5, 2), basis
 *       ({@code [components][outputs]}) ~ N(0, 0.2²);</li>
 *   <li>output scaling: mean ~ N(0, 1), standard deviation ~ U(0.5, 2).</li>
 * </ul>
 * Normal deviates come from the Box–Muller transform. The same arguments give the same network, bit for bit, on
 * every JVM. The model is named {@code random-<seed>} and its grid is ℓ = 2, 3, ... (one multipole per output).
 */
public final class SyntheticNetworks {
    private SyntheticNetworks() {
    }

    /**
     * A network of equal-width hidden layers.
     *
     * @param seed     random seed
     * @param inputs   number of inputs (parameters {@code p0, p1, ...}, each in [0, 1])
     * @param hidden   width of each hidden layer
     * @param layers   number of hidden layers (≥ 1)
     * @param outputs  network outputs (PCA components if {@code pcaModes > 0})
     * @param pcaModes 0 for an NN model, otherwise the number of outputs the PCA basis reconstructs
     * @return the model
     * @throws IllegalArgumentException if a count is not positive ({@code pcaModes} may be 0)
     */
    public static NetworkModel random(long seed, int inputs, int hidden, int layers, int outputs, int pcaModes) {
        if (layers < 1) {
            throw new IllegalArgumentException("layers = " + layers + ": a network needs at least one hidden layer");
        }
        int[] widths = new int[layers + 2];
        widths[0] = inputs;
        for (int l = 1; l <= layers; l++) {
            widths[l] = hidden;
        }
        widths[layers + 1] = outputs;
        return random(seed, widths, pcaModes);
    }

    /**
     * A network of any layer widths.
     *
     * @param seed     random seed
     * @param widths   the number of inputs, the width of each hidden layer, the number of network outputs (PCA
     *                 components if {@code pcaModes > 0}); not modified
     * @param pcaModes 0 for an NN model, otherwise the number of outputs the PCA basis reconstructs
     * @return the model
     * @throws IllegalArgumentException if there are fewer than three widths (inputs, at least one hidden layer,
     *                                  outputs), a width is not positive, or {@code pcaModes} is negative
     */
    public static NetworkModel random(long seed, int[] widths, int pcaModes) {
        if (widths.length < 3) {
            throw new IllegalArgumentException("widths " + Arrays.toString(widths)
                    + ": a network needs inputs, at least one hidden layer and outputs");
        }
        for (int w : widths) {
            if (w <= 0) {
                throw new IllegalArgumentException("layer width " + w + " must be > 0");
            }
        }
        if (pcaModes < 0) {
            throw new IllegalArgumentException("pcaModes = " + pcaModes + " must be >= 0");
        }
        SplittableRandom r = new SplittableRandom(seed);
        int inputs = widths[0];
        List<Parameter> ps = new ArrayList<>();
        double[] mean = new double[inputs];
        double[] std = new double[inputs];
        for (int i = 0; i < inputs; i++) {
            ps.add(Parameter.of("p" + i, 0.0, 1.0));
            mean[i] = 0.5;
            std[i] = 0.29;
        }
        List<NetworkModel.DenseLayer> layers = new ArrayList<>();
        for (int l = 1; l < widths.length; l++) {
            int in = widths[l - 1];
            int out = widths[l];
            double[] w = gauss(r, Math.multiplyExact(in, out), 1.0 / Math.sqrt(in));
            double[] b = gauss(r, out, 0.1);
            layers.add(l < widths.length - 1
                    ? NetworkModel.DenseLayer.hidden(in, out, w, b, uniform(r, out, 0.2, 3.0), uniform(r, out, -0.2, 0.6))
                    : NetworkModel.DenseLayer.linear(in, out, w, b));
        }
        NetworkModel.Builder model = NetworkModel.builder().name("random-" + seed).parameterSpace(ParameterSpace.of(ps))
                .inputScaling(mean, std).layers(layers);
        int components = widths[widths.length - 1];
        int outputs = components;
        if (pcaModes > 0) {
            model.pca(NetworkModel.Pca.of(components, pcaModes, gauss(r, components, 1.0),
                    uniform(r, components, 0.5, 2.0), gauss(r, Math.multiplyExact(components, pcaModes), 0.2)));
            outputs = pcaModes;
        }
        return model.outputScaling(gauss(r, outputs, 1.0), uniform(r, outputs, 0.5, 2.0))
                .grid(OutputGrid.multipoles(2, outputs + 1)).build();
    }

    /**
     * @param seed  random seed
     * @param count number of points
     * @param dim   dimension
     * @return {@code count} points uniform in [0, 1]^dim, row-major ({@code count × dim} values)
     * @throws ArithmeticException if {@code count × dim} overflows an int
     */
    public static double[] points(long seed, int count, int dim) {
        return uniform(new SplittableRandom(seed), Math.multiplyExact(count, dim), 0.0, 1.0);
    }

    /** @return n draws of N(0, scale²) by Box–Muller (one cosine branch per pair of uniforms) */
    private static double[] gauss(SplittableRandom r, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            double v = r.nextDouble();
            a[i] = scale * Math.sqrt(-2.0 * Math.log(1.0 - u)) * Math.cos(2.0 * Math.PI * v);
        }
        return a;
    }

    private static double[] uniform(SplittableRandom r, int n, double lo, double hi) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = lo + (hi - lo) * r.nextDouble();
        }
        return a;
    }
}
