package org.cosmoemu.nd4j;

import java.util.Locale;
import org.cosmoemu.api.CosmoEmuException;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.spi.EmulatorBackend;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J backend ({@code nd4j}), found by {@link java.util.ServiceLoader}: select it with
 * {@code EmulatorOptions.defaults().withBackend(EmulatorOptions.Backend.ND4J)}.
 *
 * <p>Which ND4J backend runs the arithmetic is decided by the classpath, as ND4J always does: the native CPU
 * backend ({@code org.nd4j:nd4j-native}, this module's default Maven profile) or the CUDA backend
 * ({@code org.nd4j:nd4j-cuda-11.6}, Maven profile {@code cuda}: {@code -Dcuda}). {@link Emulator#backend()} reports
 * the one actually loaded: {@code nd4j-cpu} or {@code nd4j-cuda}.
 *
 * <p>Options: {@link EmulatorOptions#kernel()} must be {@code auto} (ND4J has one kernel). The number of
 * points evaluated per ND4J call (the chunk) is chosen from a memory budget, or set with the system property
 * {@value #CHUNK_ROWS_PROPERTY}.
 */
public final class Nd4jBackend implements EmulatorBackend {

    /** The name users select this backend by. */
    public static final String NAME = "nd4j";

    /** System property: points per ND4J chunk (a positive integer), overriding the memory-budget default. */
    public static final String CHUNK_ROWS_PROPERTY = "cosmoemu.nd4j.chunkRows";

    /** Creates the backend (used by {@link java.util.ServiceLoader}). */
    public Nd4jBackend() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * @throws InvalidOptionException if {@code options.kernel()} is not {@code auto}, or if
     *                                {@value #CHUNK_ROWS_PROPERTY} is not a positive integer
     * @throws CosmoEmuException      if ND4J's native backend cannot be loaded
     */
    @Override
    public Emulator create(NetworkModel model, EmulatorOptions options) {
        if (options.kernel() != EmulatorOptions.Kernel.AUTO) {
            throw new InvalidOptionException("kernel", "the nd4j backend has no kernel '" + options.kernel().token()
                    + "': it has one kernel, use kernel 'auto' (choose CPU or CUDA by dependency)");
        }
        return Nd4jEmulator.of(model, options.precision(), options.rangePolicy(), chunkRowsFromProperty());
    }

    /** @return the chunk size from {@value #CHUNK_ROWS_PROPERTY}, or 0 (choose automatically) if it is unset */
    static int chunkRowsFromProperty() {
        String v = System.getProperty(CHUNK_ROWS_PROPERTY);
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            int rows = Integer.parseInt(v.trim());
            if (rows > 0) {
                return rows;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new InvalidOptionException(CHUNK_ROWS_PROPERTY, "system property " + CHUNK_ROWS_PROPERTY + " = '" + v
                + "' is not a positive integer (points per ND4J chunk)");
    }

    /**
     * Loads ND4J (on first use: this unpacks its native libraries into {@code ~/.javacpp/cache}) and names the
     * backend it found.
     *
     * @return {@code nd4j-cpu} for the native CPU backend, {@code nd4j-cuda} for the CUDA backend
     * @throws CosmoEmuException if no ND4J backend is on the classpath or its native libraries fail to load
     */
    public static String loadedBackend() {
        try {
            if (Nd4j.getEnvironment().isCPU()) {
                return "nd4j-cpu";
            }
            String cls = Nd4j.getBackend().getClass().getSimpleName().toLowerCase(Locale.ROOT);
            return cls.contains("cublas") || cls.contains("cuda") ? "nd4j-cuda" : "nd4j-" + cls;
        } catch (RuntimeException | LinkageError e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new CosmoEmuException("the ND4J backend could not be loaded (" + root + "): it needs "
                    + "org.nd4j:nd4j-native with classifier linux-x86_64 on the classpath (CPU, the default), or "
                    + "org.nd4j:nd4j-cuda-11.6 (build with -Dcuda) and an NVIDIA GPU with its driver", e);
        }
    }
}
