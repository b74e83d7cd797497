package org.cosmoemu.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.models.InterimModelFile;

/**
 * Re-saves every interim model file ({@code *.cemu}) under a directory in the {@link ModelSink#SHIPPED} format,
 * next to the original, and deletes the original when the formats differ. For the switch to the SDK's HDF5
 * format: {@code ConvertBundledModels models/src/main/resources/org/cosmoemu/models}.
 */
public final class ConvertBundledModels {
    private ConvertBundledModels() {
    }

    /**
     * @param args one directory
     * @throws IOException if a file cannot be listed, written or deleted
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ConvertBundledModels MODELS_DIR");
            System.exit(2);
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            files = s.filter(p -> p.toString().endsWith(InterimModelFile.EXTENSION)).sorted().toList();
        }
        for (Path f : files) {
            NetworkModel m = InterimModelFile.read(f);
            String name = f.getFileName().toString();
            Path target = f.resolveSibling(name.substring(0, name.length() - InterimModelFile.EXTENSION.length())
                    + ModelSink.SHIPPED.extension());
            if (target.equals(f)) {
                continue;
            }
            ModelSink.SHIPPED.write(m, target);
            Files.delete(f);
            System.out.println(f + " -> " + target);
        }
    }
}
