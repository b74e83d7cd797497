package org.cosmoemu.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.ParameterSpace;
import org.cosmoemu.api.Precision;
import org.cosmoemu.cpu.ScalarForwardPass;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TrainableNetworkTest {

    private static INDArray random(SplittableRandom r, int rows, int cols) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = 2 * r.nextDouble() - 1;
            }
        }
        return Nd4j.createFromArray(a);
    }

    /** The analytic gradient equals central finite differences of the loss, for every parameter. */
    @Test
    void gradientMatchesFiniteDifferences() {
        int[] widths = {3, 5, 4, 2};
        TrainableNetwork net = TrainableNetwork.initialise(widths, DataType.DOUBLE, 7);
        SplittableRandom r = new SplittableRandom(3);
        // biases are initialised to zero: give them values so that their role is exercised
        INDArray p = net.parameters();
        p.addi(random(r, 1, (int) p.length()).reshape(p.shape()).muli(0.3));
        INDArray x = random(r, 6, 3);
        INDArray t = random(r, 6, 2);
        INDArray weights = Nd4j.createFromArray(new double[][] {{0.7, 2.0}});
        net.lossAndGradient(x, t, weights);
        double[] analytic = net.gradient().dup().data().asDouble();
        double h = 1e-6;
        double maxErr = 0;
        for (int i = 0; i < p.length(); i++) {
            double v = p.getDouble(i);
            p.putScalar(i, v + h);
            double up = net.lossAndGradient(x, t, weights);
            p.putScalar(i, v - h);
            double down = net.lossAndGradient(x, t, weights);
            p.putScalar(i, v);
            double numeric = (up - down) / (2 * h);
            double err = Math.abs(numeric - analytic[i]) / Math.max(1e-3, Math.abs(numeric));
            maxErr = Math.max(maxErr, err);
            assertEquals(numeric, analytic[i], 1e-7 * Math.max(1.0, Math.abs(numeric)), "parameter " + i);
        }
        assertTrue(maxErr < 1e-5, "max relative error " + maxErr);
    }

    /** The ND4J forward pass computes what the reference {@link ScalarForwardPass} defines. */
    @Test
    void forwardMatchesReferenceForwardPass() {
        int[] widths = {3, 8, 8, 4};
        TrainableNetwork net = TrainableNetwork.initialise(widths, DataType.DOUBLE, 11);
        SplittableRandom r = new SplittableRandom(5);
        net.parameters().addi(random(r, 1, (int) net.parameters().length()).reshape(net.parameters().shape()).muli(0.2));
        NetworkModel model = NetworkModel.builder().parameterSpace(ParameterSpace.unbounded(java.util.List.of("a", "b", "c")))
                .inputScaling(new double[] {0, 0, 0}, new double[] {1, 1, 1}).layers(net.toLayers())
                .outputScaling(new double[4], new double[] {1, 1, 1, 1}).build();
        INDArray x = random(r, 5, 3);
        double[] y = net.forward(x).dup('c').data().asDouble();
        double[] ref = new double[5 * 4];
        new ScalarForwardPass(model, Precision.FLOAT64).forward(x.dup('c').data().asDouble(), 5, ref);
        for (int i = 0; i < ref.length; i++) {
            assertEquals(ref[i], y[i], 1e-12 * Math.max(1, Math.abs(ref[i])), "output " + i);
        }
    }
}
