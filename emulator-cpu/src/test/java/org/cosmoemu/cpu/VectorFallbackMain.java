package org.cosmoemu.cpu;

import org.cosmoemu.api.CosmoEmuException;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.NetworkModel;

/**
 * Run by {@link VectorForwardPassTest} in a child JVM started without {@code --add-modules jdk.incubator.vector}:
 * prints which kernel {@code auto} chose, whether it predicts what the scalar kernel predicts, and what asking
 * for the vector kernel says.
 */
public final class VectorFallbackMain {
    private VectorFallbackMain() {
    }

    /** @param args ignored */
    public static void main(String[] args) {
        NetworkModel m = SyntheticNetworks.random(3, 4, 10, 2, 7, 0);
        Emulator auto = Emulators.create(m, EmulatorOptions.defaults().withKernel(EmulatorOptions.Kernel.AUTO));
        Emulators.create(m, EmulatorOptions.defaults().withKernel(EmulatorOptions.Kernel.AUTO)); // a second one must not log again
        Emulator scalar = Emulators.create(m, EmulatorOptions.defaults().withKernel(EmulatorOptions.Kernel.SCALAR));
        double[] point = {0.1, 0.2, 0.3, 0.4};
        System.out.println("backend=" + auto.backend());
        System.out.println("prediction=" + (java.util.Arrays.equals(auto.predict(point), scalar.predict(point)) ? "ok"
                : "differs"));
        try {
            Emulators.create(m, EmulatorOptions.defaults().withKernel(EmulatorOptions.Kernel.VECTOR));
            System.out.println("vector kernel created");
        } catch (CosmoEmuException e) {
            System.out.println("vector kernel refused: " + e.getMessage());
        }
    }
}
