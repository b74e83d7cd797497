package org.cosmoemu.training;

import java.nio.file.Path;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.Precision;
import org.cosmoemu.cpu.io.ModelFiles;

/**
 * Where trained models are saved, and how saved ones are read back. The format of the shipped files is chosen
 * in one place, {@link #SHIPPED}.
 */
interface ModelSink {

    /**
     * The format of the files shipped in the {@code models} module: the SDK's HDF5 model format with float32
     * weights ({@link ModelFiles#write(NetworkModel, Path, Precision)}).
     */
    ModelSink SHIPPED = of(".h5", (m, f) -> ModelFiles.write(m, f, Precision.FLOAT32), ModelFiles::read);

    /** @return the file-name extension of this format, with the dot (e.g. {@code .h5}) */
    String extension();

    /**
     * @param model the model
     * @param file  the file to write (replaced)
     * @throws org.cosmoemu.api.ModelFormatException naming the file if it cannot be written
     */
    void write(NetworkModel model, Path file);

    /**
     * @param file a file this sink wrote
     * @return the model as stored
     * @throws org.cosmoemu.api.ModelFormatException naming the file if it is missing or unreadable
     */
    NetworkModel read(Path file);

    /** Writes a model file. */
    @FunctionalInterface
    interface Writer {
        /**
         * @param model the model
         * @param file  the file to write
         */
        void write(NetworkModel model, Path file);
    }

    /** Reads a model file. */
    @FunctionalInterface
    interface Reader {
        /**
         * @param file the file
         * @return the model
         */
        NetworkModel read(Path file);
    }

    /**
     * @param extension file-name extension with the dot
     * @param writer    what writes a file
     * @param reader    what reads it back
     * @return the sink
     */
    static ModelSink of(String extension, Writer writer, Reader reader) {
        return new ModelSink() {
            @Override
            public String extension() {
                return extension;
            }

            @Override
            public void write(NetworkModel model, Path file) {
                writer.write(model, file);
            }

            @Override
            public NetworkModel read(Path file) {
                return reader.read(file);
            }
        };
    }
}
