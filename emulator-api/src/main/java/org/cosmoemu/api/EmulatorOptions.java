package org.cosmoemu.api;

import java.util.Locale;
import java.util.Objects;

/**
 * How to build an {@link Emulator} from a {@link NetworkModel}: which backend, which precision, which range
 * policy. Immutable; the {@code with...} methods return modified copies.
 *
 * <pre>{@code
 * EmulatorOptions.defaults()                          // cpu backend, float64, reject out-of-range points
 * EmulatorOptions.defaults().withBackend(Backend.ND4J)   // the ND4J backend (needs emulator-nd4j on the classpath)
 * EmulatorOptions.defaults().withPrecision(Precision.FLOAT32)
 * }</pre>
 *
 * @param backend     backend name, as its {@link org.cosmoemu.api.spi.EmulatorBackend} registers it: {@code cpu}
 *                    (pure Java) or {@code nd4j} for the SDK's own ({@link Backend}), or a third-party one
 * @param precision   weights and arithmetic precision
 * @param rangePolicy what to do with points outside the training range
 * @param kernel      the {@code cpu} backend's kernel choice (other backends ignore it)
 */
public record EmulatorOptions(String backend, Precision precision, RangePolicy rangePolicy, Kernel kernel) {

    /** The default backend name. */
    public static final String CPU = "cpu";

    /** The SDK's own backends. */
    public enum Backend {
        /** Pure Java ({@code emulator-cpu}): a scalar reference and Vector API kernels. */
        CPU("cpu"),
        /** ND4J ({@code emulator-nd4j}): CPU native, or CUDA on a GPU. */
        ND4J("nd4j");

        private final String token;

        Backend(String token) {
            this.token = token;
        }

        /** {@return the backend's registered name, e.g. {@code nd4j}} */
        public String token() {
            return token;
        }
    }

    /** The {@code cpu} backend's kernels. */
    public enum Kernel {
        /** The Vector API kernel when the JVM runs with {@code --add-modules jdk.incubator.vector}, else scalar. */
        AUTO,
        /** The Vector API kernel; an error if the module is missing. */
        VECTOR,
        /** The scalar reference. */
        SCALAR;

        /** {@return the kernel's name on the command line, e.g. {@code vector}} */
        public String token() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * {@return the kernel}
         *
         * @param token {@code auto}, {@code vector} or {@code scalar} (any case)
         * @throws InvalidOptionException naming the token and the kernels
         */
        public static Kernel parse(String token) {
            for (Kernel k : values()) {
                if (k.token().equalsIgnoreCase(token == null ? "" : token.trim())) {
                    return k;
                }
            }
            throw new InvalidOptionException("kernel", "unknown cpu kernel '" + token + "': use auto, vector or scalar");
        }
    }

    /**
     * Checks the components.
     *
     * @throws NullPointerException   if a component is null
     * @throws InvalidOptionException if the backend name is blank
     */
    public EmulatorOptions {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(rangePolicy, "rangePolicy");
        Objects.requireNonNull(kernel, "kernel");
        if (backend.isBlank()) {
            throw new InvalidOptionException("backend", "the backend name is blank; use cpu or nd4j");
        }
    }

    /** {@return cpu backend, float64, {@link RangePolicy#REJECT}, automatic kernel choice} */
    public static EmulatorOptions defaults() {
        return new EmulatorOptions(CPU, Precision.FLOAT64, RangePolicy.REJECT, Kernel.AUTO);
    }

    /**
     * {@return a copy using backend {@code b}}
     *
     * @param b one of the SDK's backends
     */
    public EmulatorOptions withBackend(Backend b) {
        return withBackend(b.token());
    }

    /**
     * The string form, for command lines and third-party backends.
     *
     * @param b backend name, e.g. {@code nd4j}
     * @return a copy using backend {@code b}
     * @throws InvalidOptionException if {@code b} is blank (an unknown name fails when an emulator is created)
     */
    public EmulatorOptions withBackend(String b) {
        return new EmulatorOptions(b.trim().toLowerCase(Locale.ROOT), precision, rangePolicy, kernel);
    }

    /**
     * {@return a copy using precision {@code p}}
     *
     * @param p precision
     */
    public EmulatorOptions withPrecision(Precision p) {
        return new EmulatorOptions(backend, p, rangePolicy, kernel);
    }

    /**
     * {@return a copy using range policy {@code r}}
     *
     * @param r range policy
     */
    public EmulatorOptions withRangePolicy(RangePolicy r) {
        return new EmulatorOptions(backend, precision, r, kernel);
    }

    /**
     * {@return a copy using kernel {@code k}}
     *
     * @param k kernel choice
     */
    public EmulatorOptions withKernel(Kernel k) {
        return new EmulatorOptions(backend, precision, rangePolicy, k);
    }
}
