package org.cosmoemu.api;

import java.util.Objects;

/**
 * How to build an {@link Emulator} from a {@link NetworkModel}: which backend, which precision, which range
 * policy. Immutable; the {@code with...} methods return modified copies.
 *
 * <pre>{@code
 * EmulatorOptions.defaults()                          // cpu backend, float64, reject out-of-range points
 * EmulatorOptions.defaults().withBackend("nd4j")      // the ND4J backend (needs emulator-nd4j on the classpath)
 * EmulatorOptions.defaults().withPrecision(Precision.FLOAT32)
 * }</pre>
 *
 * @param backend     backend name: {@code cpu} (pure Java) or {@code nd4j}
 * @param precision   weights and arithmetic precision
 * @param rangePolicy what to do with points outside the training range
 * @param kernel      backend-specific kernel choice; for {@code cpu}: {@code auto} (Vector API when the
 *                    {@code jdk.incubator.vector} module is present, scalar otherwise), {@code vector} or
 *                    {@code scalar}
 */
public record EmulatorOptions(String backend, Precision precision, RangePolicy rangePolicy, String kernel) {

    /** The default backend name. */
    public static final String CPU = "cpu";

    /** @throws NullPointerException if a component is null */
    public EmulatorOptions {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(rangePolicy, "rangePolicy");
        Objects.requireNonNull(kernel, "kernel");
    }

    /** @return cpu backend, float64, {@link RangePolicy#REJECT}, automatic kernel choice */
    public static EmulatorOptions defaults() {
        return new EmulatorOptions(CPU, Precision.FLOAT64, RangePolicy.REJECT, "auto");
    }

    /** @param b backend name @return a copy using backend {@code b} */
    public EmulatorOptions withBackend(String b) {
        return new EmulatorOptions(b, precision, rangePolicy, kernel);
    }

    /** @param p precision @return a copy using precision {@code p} */
    public EmulatorOptions withPrecision(Precision p) {
        return new EmulatorOptions(backend, p, rangePolicy, kernel);
    }

    /** @param r range policy @return a copy using range policy {@code r} */
    public EmulatorOptions withRangePolicy(RangePolicy r) {
        return new EmulatorOptions(backend, precision, r, kernel);
    }

    /** @param k kernel choice @return a copy using kernel {@code k} */
    public EmulatorOptions withKernel(String k) {
        return new EmulatorOptions(backend, precision, rangePolicy, k);
    }
}
