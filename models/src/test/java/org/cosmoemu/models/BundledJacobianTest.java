package org.cosmoemu.models;

import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.cpu.testing.JacobianCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Analytic Jacobians of every bundled model against finite differences, at the centre of its training box. */
class BundledJacobianTest {

    static java.util.List<String> names() {
        return BundledModels.names();
    }

    @ParameterizedTest
    @MethodSource("names")
    void jacobianMatchesFiniteDifferences(String name) {
        org.junit.jupiter.api.Assertions.assertTrue(BundledModels.isAvailable(name), name + " is not in this build");
        Emulator e = BundledModels.get(name);
        double[] x = new double[e.parameterSpace().dimension()];
        for (int i = 0; i < x.length; i++) {
            Parameter p = e.parameterSpace().get(i);
            x[i] = 0.5 * (p.lower() + p.upper());
        }
        JacobianCheck.assertMatchesFiniteDifferences(e, x, 1e-6);
    }
}
