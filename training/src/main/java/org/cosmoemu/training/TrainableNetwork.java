package org.cosmoemu.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.NetworkModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The CosmoPower network as trainable ND4J arrays, with a hand-written backward pass.
 *
 * <p>For a batch {@code X} of standardised inputs ({@code [B][in]}), each hidden layer computes
 * <pre>
 *   Z = X·W + b
 *   S = sigmoid(β ⊙ Z)
 *   A = (γ + (1 − γ) ⊙ S) ⊙ Z
 * </pre>
 * and the output layer {@code Y = A·W + b} is linear, exactly as {@link NetworkModel} defines it. The loss is
 * the weighted mean squared error {@code L = Σ_bj w_j (Y_bj − T_bj)² / (B · Σ_j w_j)} (the plain mean when all
 * weights are 1). Its derivatives, used by {@link #lossAndGradient}:
 * <pre>
 *   ∂A/∂Z = γ + (1 − γ) ⊙ (S + β ⊙ Z ⊙ S ⊙ (1 − S))
 *   ∂A/∂β = (1 − γ) ⊙ Z² ⊙ S ⊙ (1 − S)
 *   ∂A/∂γ = (1 − S) ⊙ Z
 * </pre>
 *
 * <p>All parameters live in one flat array (views per tensor), and so do their gradients, so that the
 * optimiser updates everything with a handful of vector operations and the best weights are saved with one
 * copy. Not thread-safe.
 */
final class TrainableNetwork {
    private final int[] widths;
    private final DataType dataType;
    private final INDArray parameters;
    private final INDArray gradient;
    private final INDArray[] w;
    private final INDArray[] b;
    private final INDArray[] beta;
    private final INDArray[] gamma;
    private final INDArray[] gw;
    private final INDArray[] gb;
    private final INDArray[] gbeta;
    private final INDArray[] ggamma;

    private TrainableNetwork(int[] widths, DataType dataType) {
        this.widths = widths.clone();
        this.dataType = dataType;
        int layers = widths.length - 1;
        long size = parameterCount(widths);
        parameters = Nd4j.create(dataType, size);
        gradient = Nd4j.create(dataType, size);
        w = new INDArray[layers];
        b = new INDArray[layers];
        beta = new INDArray[layers];
        gamma = new INDArray[layers];
        gw = new INDArray[layers];
        gb = new INDArray[layers];
        gbeta = new INDArray[layers];
        ggamma = new INDArray[layers];
        long off = 0;
        for (int l = 0; l < layers; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            w[l] = view(parameters, off, in, out);
            gw[l] = view(gradient, off, in, out);
            off += (long) in * out;
            b[l] = view(parameters, off, 1, out);
            gb[l] = view(gradient, off, 1, out);
            off += out;
            if (l < layers - 1) {
                beta[l] = view(parameters, off, 1, out);
                gbeta[l] = view(gradient, off, 1, out);
                off += out;
                gamma[l] = view(parameters, off, 1, out);
                ggamma[l] = view(gradient, off, 1, out);
                off += out;
            }
        }
    }

    /**
     * A freshly initialised network: Glorot-normal weights, zero biases, β and γ drawn from N(0, 1) as in
     * CosmoPower. The draws come from a {@link SplittableRandom}, so the result depends only on {@code seed}.
     *
     * @param widths   layer widths: inputs, each hidden layer, outputs
     * @param dataType {@link DataType#FLOAT} or {@link DataType#DOUBLE}
     * @param seed     random seed
     * @return the network
     * @throws InvalidOptionException if there is no hidden layer
     */
    static TrainableNetwork initialise(int[] widths, DataType dataType, long seed) {
        if (widths.length < 3) {
            throw new InvalidOptionException("hidden", "a network needs inputs, at least one hidden layer and outputs: "
                    + Arrays.toString(widths));
        }
        TrainableNetwork net = new TrainableNetwork(widths, dataType);
        SplittableRandom r = new SplittableRandom(seed);
        int layers = widths.length - 1;
        for (int l = 0; l < layers; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            double sd = Math.sqrt(2.0 / (in + out));
            net.w[l].assign(gaussian(r, in, out, sd));
            if (l < layers - 1) {
                net.beta[l].assign(gaussian(r, 1, out, 1.0));
                net.gamma[l].assign(gaussian(r, 1, out, 1.0));
            }
        }
        return net;
    }

    /**
     * @param widths layer widths
     * @return the number of trainable numbers: weights, biases, β and γ
     */
    static long parameterCount(int[] widths) {
        long n = 0;
        for (int l = 0; l + 1 < widths.length; l++) {
            n += (long) widths[l] * widths[l + 1] + widths[l + 1];
            if (l + 2 < widths.length) {
                n += 2L * widths[l + 1];
            }
        }
        return n;
    }

    private static INDArray view(INDArray flat, long offset, int rows, int cols) {
        INDArray v = flat.get(NDArrayIndex.interval(offset, offset + (long) rows * cols)).reshape('c', rows, cols);
        // The optimiser updates the flat array; make sure the tensor really shares its memory.
        double old = flat.getDouble(offset);
        v.putScalar(0, 0, old + 1.0);
        boolean shared = flat.getDouble(offset) == old + 1.0;
        v.putScalar(0, 0, old);
        if (!shared) {
            throw new AssertionError("ND4J returned a copy instead of a view of the parameter array");
        }
        return v;
    }

    private static INDArray gaussian(SplittableRandom r, int rows, int cols, double sd) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = sd * gauss(r);
            }
        }
        return Nd4j.createFromArray(a);
    }

    private static double gauss(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** @return layer widths: inputs, hidden layers, outputs (a copy) */
    int[] widths() {
        return widths.clone();
    }

    /** @return the arithmetic type */
    DataType dataType() {
        return dataType;
    }

    /** @return all parameters as one flat array (the live array: modifying it changes the network) */
    INDArray parameters() {
        return parameters;
    }

    /** @return the gradient of the last {@link #lossAndGradient} call, flat like {@link #parameters()} (live) */
    INDArray gradient() {
        return gradient;
    }

    /**
     * @param x standardised inputs {@code [B][in]} (not modified)
     * @return the network outputs {@code [B][out]} (a new array)
     */
    INDArray forward(INDArray x) {
        INDArray a = x;
        int layers = widths.length - 1;
        for (int l = 0; l < layers - 1; l++) {
            INDArray z = a.mmul(w[l]).addiRowVector(b[l]);
            INDArray s = Transforms.sigmoid(z.mulRowVector(beta[l]), false);
            // A = (γ + (1 − γ) S) Z = (γ + S − γ S) Z
            a = s.mulRowVector(gamma[l].rsub(1.0)).addiRowVector(gamma[l]).muli(z);
        }
        return a.mmul(w[layers - 1]).addiRowVector(b[layers - 1]);
    }

    /**
     * Computes the loss and writes its gradient with respect to every parameter into {@link #gradient()}.
     *
     * @param x       standardised inputs {@code [B][in]} (not modified)
     * @param target  targets {@code [B][out]} (not modified)
     * @param weights per-output loss weights {@code [1][out]}, or {@code null} for equal weights
     * @return the loss {@code Σ w_j (Y − T)² / (B Σ w_j)}
     */
    double lossAndGradient(INDArray x, INDArray target, INDArray weights) {
        int layers = widths.length - 1;
        long batch = x.rows();
        List<INDArray> inputs = new ArrayList<>(layers);
        List<INDArray> zs = new ArrayList<>(layers);
        List<INDArray> ss = new ArrayList<>(layers);
        INDArray a = x;
        for (int l = 0; l < layers - 1; l++) {
            inputs.add(a);
            INDArray z = a.mmul(w[l]).addiRowVector(b[l]);
            INDArray s = Transforms.sigmoid(z.mulRowVector(beta[l]), false);
            zs.add(z);
            ss.add(s);
            a = s.mulRowVector(gamma[l].rsub(1.0)).addiRowVector(gamma[l]).muli(z);
        }
        inputs.add(a);
        INDArray y = a.mmul(w[layers - 1]).addiRowVector(b[layers - 1]);
        INDArray diff = y.subi(target);
        double weightSum = weights == null ? widths[layers] : weights.sumNumber().doubleValue();
        INDArray weighted = weights == null ? diff : diff.mulRowVector(weights);
        double loss = weighted.mul(diff).sumNumber().doubleValue() / (batch * weightSum);
        // dL/dY = 2 w (Y − T) / (B Σw)
        INDArray d = weighted.muli(2.0 / (batch * weightSum));
        for (int l = layers - 1; l >= 0; l--) {
            gw[l].assign(inputs.get(l).transpose().mmul(d));
            gb[l].assign(d.sum(true, 0));
            if (l == 0) {
                break;
            }
            INDArray dA = d.mmul(w[l].transpose());
            int h = l - 1; // hidden layer that produced inputs.get(l)
            INDArray z = zs.get(h);
            INDArray s = ss.get(h);
            INDArray oneMinusGamma = gamma[h].rsub(1.0);
            INDArray sp = s.rsub(1.0).muli(s); // S (1 − S)
            INDArray dAz = dA.mul(z);
            // ∂L/∂γ = Σ_b dA (1 − S) Z
            ggamma[h].assign(s.rsub(1.0).muli(dAz).sum(true, 0));
            // ∂L/∂β = (1 − γ) Σ_b dA Z² S (1 − S)
            gbeta[h].assign(dAz.mul(z).muli(sp).sum(true, 0).muli(oneMinusGamma));
            // ∂L/∂Z = dA (γ + (1 − γ)(S + β Z S (1 − S)))
            INDArray dAdZ = sp.muli(z).muliRowVector(beta[h]).addi(s).muliRowVector(oneMinusGamma)
                    .addiRowVector(gamma[h]);
            d = dA.muli(dAdZ);
        }
        return loss;
    }

    /**
     * Copies the parameters into an immutable {@link NetworkModel} layer list (float64, row-major {@code [in][out]}).
     *
     * @return hidden layers followed by the linear output layer
     */
    List<NetworkModel.DenseLayer> toLayers() {
        int layers = widths.length - 1;
        List<NetworkModel.DenseLayer> out = new ArrayList<>(layers);
        for (int l = 0; l < layers; l++) {
            int in = widths[l];
            int o = widths[l + 1];
            double[] wl = w[l].dup('c').data().asDouble();
            double[] bl = b[l].dup('c').data().asDouble();
            if (l < layers - 1) {
                out.add(NetworkModel.DenseLayer.hidden(in, o, wl, bl, beta[l].dup('c').data().asDouble(),
                        gamma[l].dup('c').data().asDouble()));
            } else {
                out.add(NetworkModel.DenseLayer.linear(in, o, wl, bl));
            }
        }
        return out;
    }
}
