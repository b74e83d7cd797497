package org.cosmoemu.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cosmoemu.api.NetworkModel;

/**
 * Where the accuracy report finds the models it measures: a folder of model files, or (from the CLI) the
 * catalogue of the {@code models} module, which this module does not depend on.
 */
public interface ModelSource {

    /** {@return the catalogue names, in the order the report lists them (may be empty: then spec order)} */
    List<String> names();

    /**
     * {@return the model}
     *
     * @param name a catalogue name, e.g. {@code lcdm/tt}
     * @throws org.cosmoemu.api.CosmoEmuException if there is no such model
     */
    NetworkModel model(String name);

    /**
     * {@return the size in bytes of the model's file, or -1 if unknown}
     *
     * @param name a catalogue name
     */
    long fileSize(String name);

    /** {@return how the report names this source, e.g. {@code the bundled models}} */
    String description();

    /**
     * {@return the models in that folder}
     *
     * @param dir a folder holding {@code <name>.h5} files (e.g. {@code lcdm/tt.h5})
     */
    static ModelSource directory(Path dir) {
        return new ModelSource() {
            @Override
            public List<String> names() {
                return List.of();
            }

            @Override
            public NetworkModel model(String name) {
                return ModelSink.SHIPPED.read(dir.resolve(name + ModelSink.SHIPPED.extension()));
            }

            @Override
            public long fileSize(String name) {
                try {
                    return Files.size(dir.resolve(name + ModelSink.SHIPPED.extension()));
                } catch (IOException e) {
                    return -1;
                }
            }

            @Override
            public String description() {
                return "`" + dir + "`";
            }
        };
    }
}
