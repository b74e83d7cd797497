package org.cosmoemu.api.spi;

import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.NetworkModel;

/**
 * Service-provider interface of an emulator implementation, found with {@link java.util.ServiceLoader}
 * (register in {@code META-INF/services/org.cosmoemu.api.spi.EmulatorBackend}). Users do not call this;
 * they pick a backend by name through {@link EmulatorOptions#backend()}.
 */
public interface EmulatorBackend {

    /** {@return the name users select this backend by, e.g. {@code cpu} or {@code nd4j}} */
    String name();

    /**
     * {@return a ready emulator}
     *
     * @param model   the network to evaluate
     * @param options precision, range policy and kernel choice ({@code options.backend()} equals {@link #name()})
     * @throws org.cosmoemu.api.InvalidOptionException if the backend does not support these options (e.g. an unknown
     *   kernel)
     * @throws org.cosmoemu.api.CosmoEmuException     if the backend cannot evaluate this model (e.g. its native
     *   libraries fail to load)
     */
    Emulator create(NetworkModel model, EmulatorOptions options);
}
