package org.cosmoemu.cpu.io;

import java.nio.file.Path;
import org.cosmoemu.api.ModelFormatException;
import org.cosmoemu.api.NetworkModel;

/** Reads model files of every supported format into a {@link NetworkModel}. (Being written.) */
public final class ModelFiles {
    private ModelFiles() {
    }

    /**
     * @param file the model file
     * @return the model
     * @throws ModelFormatException always, until the readers land
     */
    public static NetworkModel read(Path file) {
        throw new ModelFormatException("model readers not implemented yet: " + file);
    }

    /**
     * @param model   the model
     * @param file    destination
     * @param storage precision of stored weights
     * @throws ModelFormatException always, until the writer lands
     */
    public static void write(NetworkModel model, Path file, org.cosmoemu.api.Precision storage) {
        throw new ModelFormatException("model writer not implemented yet: " + file);
    }
}
