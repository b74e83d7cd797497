package org.cosmoemu.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A CosmoPower-style network in memory, independent of the file format it came from and of the backend
 * that will evaluate it. Immutable: accessors return copies of the arrays.
 *
 * <h2>The network</h2>
 * For an input point θ (in {@link #parameterSpace()} order):
 * <pre>
 *   x   = (θ − inputMean) / inputStd
 *   for each hidden layer i:   z = x·W_i + b_i
 *                              x = (γ_i + (1 − γ_i) · sigmoid(β_i ⊙ z)) ⊙ z
 *   y   = x·W_last + b_last                        (linear output layer)
 *   NN:         raw = y ⊙ outputStd + outputMean
 *   PCAplusNN:  raw = ((y ⊙ pcaStd + pcaMean) · M) ⊙ outputStd + outputMean    (M: nPca × nOutputs)
 *   value = transform(raw)                          (see {@link OutputQuantity#transform()})
 * </pre>
 * Weights are stored row-major with shape {@code [inputs][outputs]}. β and γ are the paper's symbols; the
 * CosmoPower files call them {@code alphas} and {@code betas} respectively.
 */
public final class NetworkModel {

    /**
     * One dense layer: {@code z = x·W + b}, followed for hidden layers by the CosmoPower activation with
     * per-neuron β and γ. Immutable.
     */
    public static final class DenseLayer {
        private final int inputs;
        private final int outputs;
        private final double[] weights;
        private final double[] bias;
        private final double[] beta;
        private final double[] gamma;

        private DenseLayer(int inputs, int outputs, double[] weights, double[] bias, double[] beta, double[] gamma) {
            this.inputs = inputs;
            this.outputs = outputs;
            this.weights = weights;
            this.bias = bias;
            this.beta = beta;
            this.gamma = gamma;
        }

        /**
         * A hidden layer with the CosmoPower activation.
         *
         * @param inputs  number of inputs
         * @param outputs number of neurons
         * @param weights row-major {@code [inputs][outputs]} (copied)
         * @param bias    {@code [outputs]} (copied)
         * @param beta    {@code [outputs]}, the slope inside the sigmoid (CosmoPower's {@code alphas}) (copied)
         * @param gamma   {@code [outputs]}, the linear leak (CosmoPower's {@code betas}) (copied)
         * @return the layer
         * @throws ModelFormatException if a length does not match or a value is not finite
         */
        public static DenseLayer hidden(int inputs, int outputs, double[] weights, double[] bias, double[] beta,
                double[] gamma) {
            Objects.requireNonNull(beta, "beta");
            Objects.requireNonNull(gamma, "gamma");
            return create(inputs, outputs, weights, bias, beta, gamma);
        }

        /**
         * A linear layer (the output layer).
         *
         * @param inputs  number of inputs
         * @param outputs number of outputs
         * @param weights row-major {@code [inputs][outputs]} (copied)
         * @param bias    {@code [outputs]} (copied)
         * @return the layer
         * @throws ModelFormatException if a length does not match or a value is not finite
         */
        public static DenseLayer linear(int inputs, int outputs, double[] weights, double[] bias) {
            return create(inputs, outputs, weights, bias, null, null);
        }

        private static DenseLayer create(int in, int out, double[] w, double[] b, double[] beta, double[] gamma) {
            if (in <= 0 || out <= 0) {
                throw new ModelFormatException("layer shape " + in + "x" + out + " is not positive");
            }
            checkArray("weights", w, (long) in * out);
            checkArray("bias", b, out);
            if (beta != null) {
                checkArray("beta (alphas)", beta, out);
                checkArray("gamma (betas)", gamma, out);
            }
            return new DenseLayer(in, out, w.clone(), b.clone(), beta == null ? null : beta.clone(),
                    gamma == null ? null : gamma.clone());
        }

        /** {@return number of inputs} */
        public int inputs() {
            return inputs;
        }

        /** {@return number of outputs (neurons)} */
        public int outputs() {
            return outputs;
        }

        /** {@return {@code true} for hidden layers, which apply the activation} */
        public boolean hasActivation() {
            return beta != null;
        }

        /** {@return a copy of the row-major {@code [inputs][outputs]} weights} */
        public double[] weights() {
            return weights.clone();
        }

        /**
         * {@return W[i][j]}
         *
         * @param i input index
         * @param j output index
         */
        public double weight(int i, int j) {
            return weights[i * outputs + j];
        }

        /** {@return a copy of the bias} */
        public double[] bias() {
            return bias.clone();
        }

        /** {@return a copy of β (inside the sigmoid), or {@code null} for a linear layer} */
        public double[] beta() {
            return beta == null ? null : beta.clone();
        }

        /** {@return a copy of γ (the linear leak), or {@code null} for a linear layer} */
        public double[] gamma() {
            return gamma == null ? null : gamma.clone();
        }
    }

    /**
     * PCA reconstruction of the outputs: the network predicts {@code nPca} standardised coefficients,
     * {@code raw = ((y ⊙ coefficientStd + coefficientMean) · matrix) ⊙ outputStd + outputMean}.
     */
    public static final class Pca {
        private final int components;
        private final int outputs;
        private final double[] coefficientMean;
        private final double[] coefficientStd;
        private final double[] matrix;

        private Pca(int components, int outputs, double[] mean, double[] std, double[] matrix) {
            this.components = components;
            this.outputs = outputs;
            this.coefficientMean = mean;
            this.coefficientStd = std;
            this.matrix = matrix;
        }

        /**
         * {@return the PCA block}
         *
         * @param components      number of PCA components
         * @param outputs         number of reconstructed outputs
         * @param coefficientMean {@code [components]} (copied)
         * @param coefficientStd  {@code [components]} (copied)
         * @param matrix          row-major {@code [components][outputs]} (copied)
         * @throws ModelFormatException if a length does not match or a value is not finite
         */
        public static Pca of(int components, int outputs, double[] coefficientMean, double[] coefficientStd,
                double[] matrix) {
            if (components <= 0 || outputs <= 0) {
                throw new ModelFormatException("PCA shape " + components + "x" + outputs + " is not positive");
            }
            checkArray("PCA coefficient mean", coefficientMean, components);
            checkArray("PCA coefficient std", coefficientStd, components);
            checkArray("PCA matrix", matrix, (long) components * outputs);
            return new Pca(components, outputs, coefficientMean.clone(), coefficientStd.clone(), matrix.clone());
        }

        /** {@return number of components} */
        public int components() {
            return components;
        }

        /** {@return number of reconstructed outputs} */
        public int outputs() {
            return outputs;
        }

        /** {@return a copy of the coefficient means} */
        public double[] coefficientMean() {
            return coefficientMean.clone();
        }

        /** {@return a copy of the coefficient standard deviations} */
        public double[] coefficientStd() {
            return coefficientStd.clone();
        }

        /** {@return a copy of the row-major {@code [components][outputs]} matrix} */
        public double[] matrix() {
            return matrix.clone();
        }
    }

    private final String name;
    private final ParameterSpace parameterSpace;
    private final double[] inputMean;
    private final double[] inputStd;
    private final List<DenseLayer> layers;
    private final Pca pca;
    private final double[] outputMean;
    private final double[] outputStd;
    private final OutputGrid grid;
    private final OutputQuantity quantity;
    private final Map<String, String> provenance;

    private NetworkModel(Builder b) {
        this.name = b.name;
        this.parameterSpace = b.parameterSpace;
        this.inputMean = b.inputMean;
        this.inputStd = b.inputStd;
        this.layers = List.copyOf(b.layers);
        this.pca = b.pca;
        this.outputMean = b.outputMean;
        this.outputStd = b.outputStd;
        this.grid = b.grid;
        this.quantity = b.quantity;
        this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(b.provenance));
    }

    /** {@return a builder for a new model} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The same network computing only the outputs {@code from .. to-1}: the last layer keeps those columns (or,
     * with PCA, the PCA matrix keeps them), the output scaling and the grid keep those entries. Its values are
     * those of this model at the same outputs, bit for bit on the scalar path, and the outputs it drops cost
     * nothing: a likelihood that reads C_L^φφ up to L = 1300 of a network that predicts L ≤ 3000 reconstructs
     * 1299 instead of 2999 outputs.
     *
     * @param from first output kept (inclusive)
     * @param to   last output kept (exclusive)
     * @return the restricted model (this model when the range is all outputs)
     * @throws InvalidOptionException if the range is empty or outside the outputs
     */
    public NetworkModel restrictedTo(int from, int to) {
        int n = outputSize();
        if (from < 0 || to > n || from >= to) {
            throw new InvalidOptionException("outputs", "output range [" + from + ", " + to + ") of model '" + name
                    + "' is empty or outside its " + n + " outputs");
        }
        if (from == 0 && to == n) {
            return this;
        }
        int m = to - from;
        Builder b = toBuilder().grid(grid.slice(from, to))
                .outputScaling(Arrays.copyOfRange(outputMean, from, to), Arrays.copyOfRange(outputStd, from, to));
        if (pca != null) {
            double[] mat = new double[pca.components * m];
            for (int c = 0; c < pca.components; c++) {
                System.arraycopy(pca.matrix, c * pca.outputs + from, mat, c * m, m);
            }
            b.pca(new Pca(pca.components, m, pca.coefficientMean, pca.coefficientStd, mat));
        } else {
            List<DenseLayer> ls = new java.util.ArrayList<>(layers);
            DenseLayer last = ls.get(ls.size() - 1);
            double[] w = new double[last.inputs * m];
            for (int i = 0; i < last.inputs; i++) {
                System.arraycopy(last.weights, i * last.outputs + from, w, i * m, m);
            }
            ls.set(ls.size() - 1, DenseLayer.linear(last.inputs, m, w, Arrays.copyOfRange(last.bias, from, to)));
            b.layers(ls);
        }
        return b.build();
    }

    /** {@return a builder initialised with this model's contents, to derive a modified copy} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.parameterSpace = parameterSpace;
        b.inputMean = inputMean;
        b.inputStd = inputStd;
        b.layers.addAll(layers);
        b.pca = pca;
        b.outputMean = outputMean;
        b.outputStd = outputStd;
        b.grid = grid;
        b.quantity = quantity;
        b.provenance.putAll(provenance);
        return b;
    }

    /** {@return the model's name (for messages and catalogues)} */
    public String name() {
        return name;
    }

    /** {@return the inputs in network order and their training ranges} */
    public ParameterSpace parameterSpace() {
        return parameterSpace;
    }

    /** {@return a copy of the input standardisation means} */
    public double[] inputMean() {
        return inputMean.clone();
    }

    /** {@return a copy of the input standardisation standard deviations} */
    public double[] inputStd() {
        return inputStd.clone();
    }

    /** {@return all dense layers, hidden ones first, the linear output layer last} */
    public List<DenseLayer> layers() {
        return layers;
    }

    /** {@return the PCA block, or {@code null} for a plain NN model} */
    public Pca pca() {
        return pca;
    }

    /** {@return a copy of the output de-standardisation means ({@code [outputSize()]})} */
    public double[] outputMean() {
        return outputMean.clone();
    }

    /** {@return a copy of the output de-standardisation standard deviations ({@code [outputSize()]})} */
    public double[] outputStd() {
        return outputStd.clone();
    }

    /** {@return the points the outputs belong to} */
    public OutputGrid grid() {
        return grid;
    }

    /** {@return what the output numbers mean} */
    public OutputQuantity quantity() {
        return quantity;
    }

    /** {@return where the model came from: source file, hashes, training settings, ... (unmodifiable)} */
    public Map<String, String> provenance() {
        return provenance;
    }

    /** {@return the number of inputs} */
    public int inputSize() {
        return parameterSpace.dimension();
    }

    /** {@return the number of outputs (the grid size)} */
    public int outputSize() {
        return outputMean.length;
    }

    /**
     * {@return layer widths: inputs, each hidden layer, and the output layer's width (PCA components for PCA models)}
     *
     */
    public int[] architecture() {
        int[] a = new int[layers.size() + 1];
        a[0] = layers.get(0).inputs();
        for (int i = 0; i < layers.size(); i++) {
            a[i + 1] = layers.get(i).outputs();
        }
        return a;
    }

    /** {@return multiply-adds per sample in the network and PCA reconstruction} */
    public long multiplyAddsPerSample() {
        long n = 0;
        for (DenseLayer l : layers) {
            n += (long) l.inputs() * l.outputs();
        }
        if (pca != null) {
            n += (long) pca.components() * pca.outputs();
        }
        return n;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("NetworkModel[").append(name).append(", ");
        sb.append(pca == null ? "NN" : "PCAplusNN").append(' ').append(java.util.Arrays.toString(architecture()));
        if (pca != null) {
            sb.append(" -> ").append(pca.outputs());
        }
        return sb.append(", ").append(grid).append(']').toString();
    }

    private static void checkArray(String what, double[] a, long expected) {
        if (a == null) {
            throw new ModelFormatException(what + " is missing");
        }
        if (a.length != expected) {
            throw new ModelFormatException(what + " has " + a.length + " values, expected " + expected);
        }
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new ModelFormatException(what + "[" + i + "] = " + a[i] + " is not finite");
            }
        }
    }

    /** Builds a {@link NetworkModel}, checking that all shapes fit together. Not thread-safe. */
    public static final class Builder {
        private String name = "unnamed";
        private ParameterSpace parameterSpace;
        private double[] inputMean;
        private double[] inputStd;
        private final List<DenseLayer> layers = new ArrayList<>();
        private Pca pca;
        private double[] outputMean;
        private double[] outputStd;
        private OutputGrid grid;
        private OutputQuantity quantity = OutputQuantity.unspecified();
        private final Map<String, String> provenance = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * {@return this builder}
         *
         * @param name the model's name
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param space the inputs in network order with their ranges
         */
        public Builder parameterSpace(ParameterSpace space) {
            this.parameterSpace = Objects.requireNonNull(space, "space");
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param mean input means (copied)
         * @param std  input standard deviations (copied)
         */
        public Builder inputScaling(double[] mean, double[] std) {
            this.inputMean = mean.clone();
            this.inputStd = std.clone();
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param layers all layers, hidden first, the linear output layer last (replaces any set before)
         */
        public Builder layers(List<DenseLayer> layers) {
            this.layers.clear();
            this.layers.addAll(layers);
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param pca the PCA block, or {@code null} for a plain NN model
         */
        public Builder pca(Pca pca) {
            this.pca = pca;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param mean output means (copied)
         * @param std  output standard deviations (copied)
         */
        public Builder outputScaling(double[] mean, double[] std) {
            this.outputMean = mean.clone();
            this.outputStd = std.clone();
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param grid the output grid
         */
        public Builder grid(OutputGrid grid) {
            this.grid = Objects.requireNonNull(grid, "grid");
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param quantity what the outputs mean
         */
        public Builder quantity(OutputQuantity quantity) {
            this.quantity = Objects.requireNonNull(quantity, "quantity");
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param key provenance key
         * @param value provenance value
         */
        public Builder provenance(String key, String value) {
            this.provenance.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param entries provenance entries to add
         */
        public Builder provenance(Map<String, String> entries) {
            entries.forEach(this::provenance);
            return this;
        }

        /**
         * {@return the model}
         *
         * @throws ModelFormatException naming the model and the part that is missing or does not fit
         */
        public NetworkModel build() {
            try {
                validate();
            } catch (ModelFormatException e) {
                throw new ModelFormatException("model '" + name + "': " + e.getMessage(), e);
            }
            return new NetworkModel(this);
        }

        private void validate() {
            if (parameterSpace == null) {
                throw new ModelFormatException("parameter names are missing");
            }
            int nIn = parameterSpace.dimension();
            checkArray("input mean", inputMean, nIn);
            checkArray("input std", inputStd, nIn);
            for (int i = 0; i < nIn; i++) {
                if (inputStd[i] == 0.0) {
                    throw new ModelFormatException("input std of '" + parameterSpace.get(i).name() + "' is zero");
                }
            }
            if (layers.size() < 2) {
                throw new ModelFormatException("a network needs at least one hidden layer and an output layer, got "
                        + layers.size() + " layer(s)");
            }
            int width = nIn;
            for (int i = 0; i < layers.size(); i++) {
                DenseLayer l = layers.get(i);
                boolean last = i == layers.size() - 1;
                if (l.inputs() != width) {
                    throw new ModelFormatException("layer " + i + " takes " + l.inputs() + " inputs but the previous "
                            + (i == 0 ? "input has " : "layer gives ") + width);
                }
                if (l.hasActivation() == last) {
                    throw new ModelFormatException(last ? "the output layer must be linear"
                            : "hidden layer " + i + " lacks activation parameters");
                }
                width = l.outputs();
            }
            int nOut = width;
            if (pca != null) {
                if (pca.components() != width) {
                    throw new ModelFormatException("output layer gives " + width + " values but the PCA has "
                            + pca.components() + " components");
                }
                nOut = pca.outputs();
            }
            checkArray("output mean", outputMean, nOut);
            checkArray("output std", outputStd, nOut);
            if (grid == null) {
                grid = OutputGrid.index(nOut);
            }
            if (grid.size() != nOut) {
                throw new ModelFormatException("output grid has " + grid.size() + " points but the network gives "
                        + nOut + " outputs");
            }
        }
    }
}
