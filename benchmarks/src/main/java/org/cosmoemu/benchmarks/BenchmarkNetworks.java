package org.cosmoemu.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.api.ParameterSpace;

/**
 * Random CosmoPower-shaped networks for the benchmarks (the same generator as emulator-cpu's test helper
 * {@code TestNetworks}, which lives in a test-jar): weights scaled like a trained network's, so activations
 * stay in the range real models see.
 */
public final class BenchmarkNetworks {
    private BenchmarkNetworks() {
    }

    /**
     * @param seed    random seed
     * @param inputs  number of inputs (parameters p0, p1, ... each in [0, 1])
     * @param hidden  width of each hidden layer
     * @param layers  number of hidden layers
     * @param outputs network outputs (no PCA)
     * @return the model
     */
    public static NetworkModel random(long seed, int inputs, int hidden, int layers, int outputs) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Parameter> ps = new ArrayList<>();
        double[] mean = new double[inputs];
        double[] std = new double[inputs];
        for (int i = 0; i < inputs; i++) {
            ps.add(Parameter.of("p" + i, 0.0, 1.0));
            mean[i] = 0.5;
            std[i] = 0.29;
        }
        List<NetworkModel.DenseLayer> ls = new ArrayList<>();
        int in = inputs;
        for (int l = 0; l < layers; l++) {
            ls.add(NetworkModel.DenseLayer.hidden(in, hidden, gauss(r, in * hidden, 1.0 / Math.sqrt(in)),
                    gauss(r, hidden, 0.1), uniform(r, hidden, 0.2, 3.0), uniform(r, hidden, -0.2, 0.6)));
            in = hidden;
        }
        ls.add(NetworkModel.DenseLayer.linear(in, outputs, gauss(r, in * outputs, 1.0 / Math.sqrt(in)),
                gauss(r, outputs, 0.1)));
        return NetworkModel.builder().name("random-" + seed).parameterSpace(ParameterSpace.of(ps))
                .inputScaling(mean, std).layers(ls).outputScaling(gauss(r, outputs, 1.0), uniform(r, outputs, 0.5, 2.0))
                .grid(OutputGrid.multipoles(2, outputs + 1)).build();
    }

    /**
     * @param seed  random seed
     * @param count number of points
     * @param dim   dimension
     * @return {@code count} uniform points in [0, 1]^dim, row-major
     */
    public static double[] points(long seed, int count, int dim) {
        return uniform(new SplittableRandom(seed), count * dim, 0.0, 1.0);
    }

    /**
     * @param model a network
     * @param lanes vector length the kernel pads each layer's output width to
     * @return the number of weights the Vector API kernel stores (and streams once per batch), padding included
     */
    public static long packedWeights(NetworkModel model, int lanes) {
        long n = 0;
        for (NetworkModel.DenseLayer l : model.layers()) {
            n += (long) l.inputs() * ((l.outputs() + lanes - 1) / lanes * lanes);
        }
        if (model.pca() != null) {
            n += (long) model.pca().components() * ((model.pca().outputs() + lanes - 1) / lanes * lanes);
        }
        return n;
    }

    private static double[] gauss(SplittableRandom r, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble(), v = r.nextDouble(); // Box-Muller
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
