package org.cosmoemu.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.ParameterSpace;
import org.cosmoemu.models.BundledModels;
import org.junit.jupiter.api.Test;

/** The backend-switching example: the ND4J (CPU) backend reproduces the pure-Java one on a bundled model. */
class BackendSwitchExampleTest {

    @Test
    void nd4jAgreesWithCpuOnABundledModel() {
        // float64 evaluation of float32-stored weights on both sides: only summation order differs
        double d = BackendSwitchExample.maxRelativeDifference("lcdm/tt", "nd4j");
        assertTrue(d < 1e-9, "largest difference " + d + " of the output scale");
    }

    /** Every bundled model loads through the public API on both backends and gives the same numbers. */
    @Test
    void everyBundledModelAgreesOnBothBackends() {
        for (String name : BundledModels.names()) {
            Emulator cpu = BundledModels.get(name);
            Emulator nd4j = BundledModels.get(name, EmulatorOptions.defaults().withBackend(EmulatorOptions.Backend.ND4J));
            ParameterSpace box = cpu.parameterSpace();
            double[] x = new double[box.dimension()];
            for (int i = 0; i < x.length; i++) {
                // an off-centre point inside the training box
                x[i] = box.get(i).lower() + (0.3 + 0.05 * i) * (box.get(i).upper() - box.get(i).lower());
            }
            double[] a = cpu.predict(x);
            double[] b = nd4j.predict(x);
            double scale = 0;
            double diff = 0;
            for (int j = 0; j < a.length; j++) {
                scale = Math.max(scale, Math.abs(a[j]));
                diff = Math.max(diff, Math.abs(a[j] - b[j]));
            }
            assertTrue(diff <= 1e-9 * scale, name + ": largest difference " + diff / scale + " of the output scale");
        }
    }
}
