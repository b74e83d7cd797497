package org.cosmoemu.cpu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.cosmoemu.api.CosmoEmuException;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.spi.EmulatorBackend;
import org.cosmoemu.cpu.io.ModelFiles;

/**
 * The entry point: load a model file, get an {@link Emulator}.
 *
 * <pre>{@code
 * Emulator tt = Emulators.load(Path.of("lcdm_tt.h5"));                                   // pure Java, float64
 * Emulator gpu = Emulators.load(path, EmulatorOptions.defaults().withBackend(EmulatorOptions.Backend.ND4J));   // ND4J (needs emulator-nd4j)
 * double[] cl = tt.predict(Map.of("omega_b", 0.0224, ...));
 * }</pre>
 */
public final class Emulators {
    private Emulators() {
    }

    /**
     * {@return an emulator with {@link EmulatorOptions#defaults()}}
     *
     * @param file a model file in any supported format (see {@link ModelFiles#read(Path)})
     * @throws org.cosmoemu.api.ModelFormatException if the file is missing, corrupt or of an unknown format
     */
    public static Emulator load(Path file) {
        return create(ModelFiles.read(file), EmulatorOptions.defaults());
    }

    /**
     * {@return the emulator}
     *
     * @param file    a model file in any supported format
     * @param options backend, precision and range policy
     * @throws org.cosmoemu.api.ModelFormatException  if the file is missing, corrupt or of an unknown format
     * @throws org.cosmoemu.api.InvalidOptionException if the requested backend is not on the classpath, or it has no
     *   such kernel
     * @throws CosmoEmuException                      if the backend cannot be loaded
     */
    public static Emulator load(Path file, EmulatorOptions options) {
        return create(ModelFiles.read(file), options);
    }

    /**
     * {@return an emulator with {@link EmulatorOptions#defaults()}}
     *
     * @param model a network in memory
     */
    public static Emulator create(NetworkModel model) {
        return create(model, EmulatorOptions.defaults());
    }

    /**
     * {@return the emulator}
     *
     * @param model   a network in memory
     * @param options backend, precision and range policy
     * @throws org.cosmoemu.api.InvalidOptionException if the requested backend is not on the classpath (the message
     *   lists those that are), or it has no such kernel
     * @throws CosmoEmuException                      if the backend cannot be loaded
     */
    public static Emulator create(NetworkModel model, EmulatorOptions options) {
        return backend(options.backend()).create(model, options);
    }

    /**
     * {@return the backend}
     *
     * @param name a backend name
     * @throws org.cosmoemu.api.InvalidOptionException if no backend of that name is on the classpath
     */
    public static EmulatorBackend backend(String name) {
        if (EmulatorOptions.CPU.equals(name)) {
            return new CpuBackend();
        }
        List<String> found = new ArrayList<>();
        for (EmulatorBackend b : ServiceLoader.load(EmulatorBackend.class)) {
            if (b.name().equals(name)) {
                return b;
            }
            found.add(b.name());
        }
        throw new org.cosmoemu.api.InvalidOptionException("backend", "emulator backend '" + name + "' not found (available: " + found + ")"
                + ("nd4j".equals(name) ? "; add the dependency org.cosmoemu:emulator-nd4j" : ""));
    }
}
