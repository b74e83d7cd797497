package org.cosmoemu.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AdamTest {

    /** Two steps against the Adam formulas evaluated by hand (Kingma & Ba, with Keras' epsilon placement). */
    @Test
    void followsTheAdamFormulas() {
        double lr = 0.01;
        double[] p0 = {1.0, -2.0, 0.5};
        double[] g1 = {0.3, -0.02, 0.0};
        double[] g2 = {-0.1, 0.05, 2.0};
        INDArray p = Nd4j.createFromArray(p0).castTo(DataType.DOUBLE);
        Adam adam = new Adam(p, lr);
        adam.update(p, Nd4j.createFromArray(g1.clone()));
        adam.update(p, Nd4j.createFromArray(g2.clone()));
        for (int i = 0; i < 3; i++) {
            double m = 0;
            double v = 0;
            double expected = p0[i];
            double[][] gs = {g1, g2};
            for (int t = 1; t <= 2; t++) {
                double g = gs[t - 1][i];
                m = 0.9 * m + 0.1 * g;
                v = 0.999 * v + 0.001 * g * g;
                double alpha = lr * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
                expected -= alpha * m / (Math.sqrt(v) + 1e-7);
            }
            assertEquals(expected, p.getDouble(i), 1e-12, "parameter " + i);
        }
    }
}
