package org.cosmoemu.cpu;

import java.util.ArrayList;
import java.util.List;
import org.cosmoemu.api.NetworkModel;

/**
 * One matrix product of the forward pass, in the precision-independent form the Vector API kernels are built
 * from: {@code y = epilogue(x · W + b)} with row-major {@code W[in][out]}. The network's hidden layers, its
 * output layer and (for PCA models) the PCA reconstruction each become one {@code PackedLayer}.
 *
 * @param in       inputs
 * @param out      outputs
 * @param weights  row-major {@code [in][out]}
 * @param bias     {@code [out]}
 * @param epilogue what is applied to {@code z = x·W + b}
 * @param p1       first epilogue parameter per output: −β for {@link Epilogue#ACTIVATION}, the scale for
 *                 {@link Epilogue#AFFINE}, {@code null} for {@link Epilogue#NONE}
 * @param p2       second: γ, or the shift
 * @param p3       third: 1 − γ for {@link Epilogue#ACTIVATION}, otherwise {@code null}
 */
record PackedLayer(int in, int out, double[] weights, double[] bias, Epilogue epilogue, double[] p1, double[] p2,
        double[] p3) {

    /** What a layer does to {@code z = x·W + b}, column by column. */
    enum Epilogue {
        /** {@code y = z}. */
        NONE,
        /** The CosmoPower activation {@code y = (γ + (1 − γ)·sigmoid(β·z))·z}, with p1 = −β, p2 = γ, p3 = 1 − γ. */
        ACTIVATION,
        /** {@code y = z·p1 + p2} (the PCA coefficients' de-standardisation). */
        AFFINE
    }

    /**
     * The matrix products that {@link ScalarForwardPass} performs, in order: every layer (the CosmoPower
     * activation on all but the last), then for PCA models the reconstruction {@code (y⊙std + mean)·M}, whose
     * {@code ⊙std + mean} becomes the {@link Epilogue#AFFINE} epilogue of the output layer.
     *
     * @param model the network
     * @return the products, first to last
     */
    static List<PackedLayer> of(NetworkModel model) {
        List<NetworkModel.DenseLayer> layers = model.layers();
        NetworkModel.Pca pca = model.pca();
        List<PackedLayer> products = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            NetworkModel.DenseLayer d = layers.get(l);
            boolean last = l == layers.size() - 1;
            if (!last && d.hasActivation()) {
                double[] beta = d.beta();
                double[] gamma = d.gamma();
                double[] negBeta = new double[beta.length];
                double[] oneMinusGamma = new double[gamma.length];
                for (int j = 0; j < beta.length; j++) {
                    negBeta[j] = -beta[j];
                    oneMinusGamma[j] = 1.0 - gamma[j];
                }
                products.add(new PackedLayer(d.inputs(), d.outputs(), d.weights(), d.bias(), Epilogue.ACTIVATION,
                        negBeta, gamma, oneMinusGamma));
            } else if (last && pca != null) {
                products.add(new PackedLayer(d.inputs(), d.outputs(), d.weights(), d.bias(), Epilogue.AFFINE,
                        pca.coefficientStd(), pca.coefficientMean(), null));
            } else {
                products.add(new PackedLayer(d.inputs(), d.outputs(), d.weights(), d.bias(), Epilogue.NONE, null, null,
                        null));
            }
        }
        if (pca != null) {
            products.add(new PackedLayer(pca.components(), pca.outputs(), pca.matrix(), new double[pca.outputs()],
                    Epilogue.NONE, null, null, null));
        }
        return products;
    }
}
