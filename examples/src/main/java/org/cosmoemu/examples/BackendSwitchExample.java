package org.cosmoemu.examples;

import java.util.Locale;
import java.util.Map;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.models.BundledModels;
import org.cosmoemu.theory.ParameterBases;

/**
 * Switching the implementation behind {@link Emulator} is one option: the same bundled model evaluated by
 * the pure-Java {@code cpu} backend and by ND4J ({@code nd4j}, which needs {@code emulator-nd4j} on the class
 * path; it picks ND4J's CUDA backend when that is the one on the class path and a GPU is present).
 *
 * <p>Run: {@code examples/run-example org.cosmoemu.examples.BackendSwitchExample [MODEL]}; the command-line
 * equivalent is {@code ./cosmo-emu predict --model lcdm/tt --backend nd4j ...}.
 */
public final class BackendSwitchExample {
    private BackendSwitchExample() {
    }

    /**
     * Evaluates a bundled model at the Planck 2018 point on two backends.
     *
     * @param model   a bundled model without the extra {@code z} input, e.g. {@code lcdm/tt}
     * @param backend the backend to compare with {@code cpu}, e.g. {@code nd4j}
     * @return the largest |difference| over the outputs, relative to the largest |value|
     * @throws org.cosmoemu.api.InvalidOptionException if the model or the backend is unknown
     */
    public static double maxRelativeDifference(String model, String backend) {
        Emulator cpu = BundledModels.get(model);
        // The one line that changes: the backend option.
        Emulator other = BundledModels.get(model, EmulatorOptions.defaults().withBackend(backend));
        Map<String, Double> point = ParameterBases.get("planck2018");
        double[] a = cpu.predict(point);
        double[] b = other.predict(point);
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(a[i]));
        }
        return diff / scale;
    }

    /** @param args {@code [MODEL]}, default {@code lcdm/tt} */
    public static void main(String[] args) {
        String model = args.length > 0 ? args[0] : BundledModels.LCDM_TT;
        Emulator nd4j = BundledModels.get(model, EmulatorOptions.defaults().withBackend(EmulatorOptions.Backend.ND4J));
        System.out.printf(Locale.ROOT, "%s on %s vs cpu: largest difference %.2e of the output scale%n", model,
                nd4j.backend(), maxRelativeDifference(model, "nd4j"));
    }
}
