package org.cosmoemu.benchmarks;

import org.cosmoemu.api.NetworkModel;

/**
 * Sizes of the benchmark networks (the networks themselves come from
 * {@link org.cosmoemu.cpu.SyntheticNetworks}).
 */
final class BenchmarkNetworks {
    private BenchmarkNetworks() {
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
}
