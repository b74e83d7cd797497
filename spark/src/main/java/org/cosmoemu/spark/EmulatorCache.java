package org.cosmoemu.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.ModelFormatException;
import org.cosmoemu.cpu.Emulators;
import org.cosmoemu.cpu.io.ModelFiles;
import org.cosmoemu.models.BundledModels;

/**
 * The executor JVM's emulators: built once per model name, checksum and options, on first use, thread-safely
 * ({@link ConcurrentHashMap#computeIfAbsent}), and shared by every task the JVM runs.
 */
final class EmulatorCache {
    private static final Map<String, Emulator> EMULATORS = new ConcurrentHashMap<>();

    private EmulatorCache() {
    }

    /**
     * {@return the emulator of {@code ref} with {@code options}, built on first use}
     *
     * @param ref     the model
     * @param options precision, backend and range policy
     * @throws ModelFormatException if this executor's copy of the file differs from the driver's, or cannot be read
     */
    static Emulator get(ModelRef ref, EmulatorOptions options) {
        String key = ref.key() + "|" + options;
        return EMULATORS.computeIfAbsent(key, k -> build(ref, options));
    }

    private static Emulator build(ModelRef ref, EmulatorOptions options) {
        if (ref.isBundled()) {
            String here = ModelRef.bundledSha256(ref.name());
            if (!here.equals(ref.sha256())) {
                throw new ModelFormatException("bundled model " + ref.name() + " on this executor (sha256 " + here
                        + ") differs from the driver's (" + ref.sha256() + "): the executors run another cosmo-emu jar");
            }
            return BundledModels.get(ref.name(), options);
        }
        Path local = ref.localFile();
        try (InputStream in = Files.newInputStream(local)) {
            String here = ModelRef.sha256(in);
            if (!here.equals(ref.sha256())) {
                throw new ModelFormatException("model file " + ref.name() + " on this executor (sha256 " + here
                        + ") differs from the driver's (" + ref.sha256() + ")");
            }
        } catch (IOException e) {
            throw new ModelFormatException("cannot read the shipped model file " + local + ": " + e.getMessage(), e);
        }
        return Emulators.create(ModelFiles.read(local), options);
    }
}
