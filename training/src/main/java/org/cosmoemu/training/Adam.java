package org.cosmoemu.training;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * The Adam optimiser (Kingma &amp; Ba 2015) with β1 = 0.9, β2 = 0.999, ε = 1e-7 (Keras' defaults, which
 * CosmoPower uses), on one flat parameter array:
 * <pre>
 *   m ← β1 m + (1 − β1) g,   v ← β2 v + (1 − β2) g²,   p ← p − lr · sqrt(1 − β2^t)/(1 − β1^t) · m / (sqrt(v) + ε)
 * </pre>
 * ND4J's fused native updater does the arithmetic (one op per step instead of a dozen, which matters because
 * ND4J's per-op overhead dominates small batches). Not thread-safe.
 */
final class Adam {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-7;

    private final GradientUpdater<?> updater;
    private int step;

    /**
     * @param parameters   the flat parameter array the optimiser will update (for length and type)
     * @param learningRate the step size
     */
    Adam(INDArray parameters, double learningRate) {
        org.nd4j.linalg.learning.config.Adam config = new org.nd4j.linalg.learning.config.Adam(learningRate, BETA1,
                BETA2, EPSILON);
        INDArray state = Nd4j.zeros(parameters.dataType(), 1, config.stateSize(parameters.length()));
        this.updater = config.instantiate(state, true);
    }

    /**
     * One update.
     *
     * @param parameters the flat parameters (modified in place)
     * @param gradient   the flat gradient of the loss (overwritten with the step taken)
     */
    void update(INDArray parameters, INDArray gradient) {
        updater.applyUpdater(gradient, step, 0);
        step++;
        parameters.subi(gradient);
    }
}
