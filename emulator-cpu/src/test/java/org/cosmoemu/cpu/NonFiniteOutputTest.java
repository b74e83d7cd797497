package org.cosmoemu.cpu;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.NumericalException;
import org.cosmoemu.api.OutputQuantity;
import org.cosmoemu.api.OutputTransform;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, item 3: an emulator never returns a non-finite output as a success. A log10 model whose outputs sit
 * at 10^400 overflows; every evaluation path says so with a NumericalException naming the emulator and output.
 */
class NonFiniteOutputTest {

    @Test
    void overflowingOutputIsANumericalError() {
        NetworkModel base = SyntheticNetworks.random(7, 3, 8, 2, 4, 0);
        double[] mean = new double[4];
        Arrays.fill(mean, 400.0); // raw ~ 400: value = 10^400 = +Infinity
        NetworkModel m = base.toBuilder().outputScaling(mean, base.outputStd())
                .quantity(OutputQuantity.unspecified().withTransform(OutputTransform.LOG10)).build();
        Emulator e = Emulators.create(m);
        double[] x = m.inputMean();
        NumericalException one = assertThrows(NumericalException.class, () -> e.predict(x));
        assertTrue(one.getMessage().contains("emulator '" + m.name() + "' gives a non-finite value (Infinity) at output 0"),
                one.getMessage());
        double[] two = new double[2 * x.length];
        System.arraycopy(x, 0, two, 0, x.length);
        System.arraycopy(x, 0, two, x.length, x.length);
        NumericalException batch = assertThrows(NumericalException.class, () -> e.predictBatch(two, 2, new double[8]));
        assertTrue(batch.getMessage().contains("of point 0 of the batch"), batch.getMessage());
        assertThrows(NumericalException.class, () -> e.jacobian(x, null, new double[4 * 3]));
        // the raw outputs (about 400) are finite and still available
        double[] raw = new double[4];
        e.predictRaw(x, raw);
        assertTrue(raw[0] > 300 && raw[0] < 500, Arrays.toString(raw));
    }
}
