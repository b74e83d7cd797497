package org.cosmoemu.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.SplittableRandom;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.OutputTransform;
import org.cosmoemu.api.ParameterSpace;
import org.cosmoemu.api.Precision;
import org.cosmoemu.cpu.ScalarForwardPass;
import org.junit.jupiter.api.Test;

class OutputEncodingTest {

    private static double[][] rows(int n, int m, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] y = new double[n][m];
        for (double[] row : y) {
            double a = r.nextDouble();
            double b = r.nextDouble();
            for (int j = 0; j < m; j++) {
                row[j] = Math.exp(a * Math.sin(j * 0.3) + b * j / m) + 0.01 * r.nextDouble();
            }
        }
        return y;
    }

    /**
     * The reference forward pass of a network whose output layer is zero with bias {@code target}, through the
     * encoding's PCA and output scaling: what {@link NetworkModel} makes of that network output.
     */
    private static double[] biasOnlyNetworkOutput(OutputEncoding enc, double[] target, int outputs) {
        int out = enc.networkOutputs();
        NetworkModel m = NetworkModel.builder().parameterSpace(ParameterSpace.unbounded(List.of("p")))
                .inputScaling(new double[] {0}, new double[] {1})
                .layers(List.of(NetworkModel.DenseLayer.hidden(1, 2, new double[2], new double[2], new double[] {1, 1},
                        new double[] {0, 0}), NetworkModel.DenseLayer.linear(2, out, new double[2 * out], target)))
                .pca(enc.pca()).outputScaling(enc.mean(), enc.std()).build();
        double[] raw = new double[outputs];
        new ScalarForwardPass(m, Precision.FLOAT64).forward(new double[] {0.3}, 1, raw);
        return raw;
    }

    /**
     * A network whose output layer is zero with bias = encode(y) reproduces y through the reference forward pass:
     * the encoding is the inverse of what {@link NetworkModel} defines.
     */
    @Test
    void encodingInvertsTheNetworkModelReconstruction() {
        double[][] y = rows(50, 12, 1);
        for (int k : new int[] {0, 12}) {
            OutputEncoding enc = OutputEncoding.fit(y, OutputTransform.LOG10, k);
            double[] target = enc.encode(y[7]);
            double[] raw = biasOnlyNetworkOutput(enc, target, 12);
            for (int j = 0; j < 12; j++) {
                assertEquals(y[7][j], Math.pow(10, raw[j]), 1e-10 * y[7][j], "k = " + k + ", output " + j);
            }
            // with all components kept the PCA reconstruction is exact too
            assertArrayEquals(y[7], enc.reconstruct(y[7]), 1e-10);
        }
    }

    /**
     * {@code decode} is what {@link NetworkModel} does to the network's outputs, also when the PCA truncates:
     * checked against the reference forward pass of a network whose output bias is the target.
     */
    @Test
    void decodeIsTheNetworkModelsOutputStage() {
        double[][] y = rows(50, 12, 3);
        for (int k : new int[] {0, 4, 12}) {
            OutputEncoding enc = OutputEncoding.fit(y, OutputTransform.LOG10, k);
            double[] target = new double[enc.networkOutputs()];
            for (int i = 0; i < target.length; i++) {
                target[i] = 0.3 * Math.cos(i); // any network output, not only an encoded sample
            }
            double[] raw = biasOnlyNetworkOutput(enc, target, 12);
            double[] decoded = enc.decode(target);
            for (int j = 0; j < 12; j++) {
                assertEquals(Math.pow(10, raw[j]), decoded[j], 1e-12 * decoded[j], "k = " + k + ", output " + j);
            }
            if (k == 4) { // truncating: decode(encode(y)) is the reconstruction, not y
                assertArrayEquals(enc.reconstruct(y[9]), enc.decode(enc.encode(y[9])), 0.0);
            }
        }
    }

    @Test
    void constantOutputsAreReproducedExactlyEvenWhenTiny() {
        double[][] y = rows(20, 3, 2);
        for (double[] row : y) {
            row[1] = 3.046;
            row[2] *= 1e-13; // tiny but varying (like TE at high ell): must not count as constant
        }
        OutputEncoding enc = OutputEncoding.fit(y, OutputTransform.IDENTITY, 0);
        assertEquals(0.0, enc.std()[1]);
        assertEquals(3.046, enc.mean()[1]);
        assertEquals(0.0, enc.encode(y[4])[1]);
        assertEquals(true, enc.std()[2] > 0);
    }

    @Test
    void relativeLossWeightsFollowTheRelativeSpread() {
        double[][] y = {{9, 990}, {11, 1010}};
        OutputEncoding lin = OutputEncoding.fit(y, OutputTransform.IDENTITY, 0);
        // std/mean = 0.1 and 0.01: weights 0.01 : 0.0001, normalised to mean 1
        assertArrayEquals(new double[] {2 * 0.01 / 0.0101, 2 * 0.0001 / 0.0101}, lin.lossWeights(ModelSpec.Loss.RELATIVE),
                1e-12);
        OutputEncoding log = OutputEncoding.fit(y, OutputTransform.LOG10, 0);
        double s0 = (Math.log10(11) - Math.log10(9)) / 2;
        double s1 = (Math.log10(1010) - Math.log10(990)) / 2;
        double sum = s0 * s0 + s1 * s1;
        assertArrayEquals(new double[] {2 * s0 * s0 / sum, 2 * s1 * s1 / sum}, log.lossWeights(ModelSpec.Loss.RELATIVE),
                1e-12);
        assertNull(log.lossWeights(ModelSpec.Loss.COEFFICIENTS));
    }
}
