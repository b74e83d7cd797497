package org.cosmoemu.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The backend-switching example: the ND4J (CPU) backend reproduces the pure-Java one on a bundled model. */
class BackendSwitchExampleTest {

    @Test
    void nd4jAgreesWithCpuOnABundledModel() {
        // float64 evaluation of float32-stored weights on both sides: only summation order differs
        double d = BackendSwitchExample.maxRelativeDifference("lcdm/tt", "nd4j");
        assertTrue(d < 1e-9, "largest difference " + d + " of the output scale");
    }
}
