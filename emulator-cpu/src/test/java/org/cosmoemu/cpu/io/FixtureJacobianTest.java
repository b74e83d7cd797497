package org.cosmoemu.cpu.io;

import java.util.stream.Stream;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.cpu.Emulators;
import org.cosmoemu.cpu.testing.Fixtures;
import org.cosmoemu.cpu.testing.JacobianCheck;
import org.cosmoemu.cpu.testing.ReferencePrediction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Analytic Jacobians of every CosmoPower fixture model (all four formats) against finite differences. */
class FixtureJacobianTest {

    static Stream<ReferencePrediction> references() {
        return Fixtures.references().stream();
    }

    @ParameterizedTest
    @MethodSource("references")
    void jacobianMatchesFiniteDifferences(ReferencePrediction ref) {
        Emulator e = Emulators.create(ModelFiles.read(ref.modelPath()), EmulatorOptions.defaults());
        JacobianCheck.assertMatchesFiniteDifferences(e, ref.inputs(), 1e-6);
    }
}
