package org.cosmoemu.cli;

import org.cosmoemu.api.CosmoEmuException;
import org.cosmoemu.api.NetworkModel;

/** Access to the models bundled in the {@code models} module. (Wired when the models land.) */
final class Bundled {
    private Bundled() {
    }

    static boolean isBundledName(String spec) {
        return spec.startsWith("lcdm/");
    }

    static NetworkModel model(String name) {
        throw new CosmoEmuException("bundled model '" + name + "' is not available yet");
    }
}
