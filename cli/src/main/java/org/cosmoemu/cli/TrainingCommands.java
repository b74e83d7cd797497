package org.cosmoemu.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.models.BundledModels;
import org.cosmoemu.training.AccuracyReport;
import org.cosmoemu.training.ModelSource;
import org.cosmoemu.training.TrainCommand;

/**
 * {@code train} and {@code accuracy}: the training pipeline of the {@code training} module, reachable from the CLI.
 * Their options are the pipeline's own ({@code cosmo-emu train --help}).
 */
final class TrainingCommands {
    private TrainingCommands() {
    }

    /** {@code train}: trains models from spec files on the CLASS shards (see {@link TrainCommand}). */
    static final class Train implements Command {
        @Override
        public String name() {
            return "train";
        }

        @Override
        public String summary() {
            return "train an emulator from a spec file on the CLASS spectra (ND4J; e.g. --spec models/specs/tt.spec)";
        }

        @Override
        public int run(String[] args, int from, PrintStream out) {
            return TrainCommand.run(Arrays.copyOfRange(args, from, args.length), out, System.err);
        }
    }

    /** {@code accuracy}: measures the bundled models on held-out CLASS points and writes models/ACCURACY.md. */
    static final class Accuracy implements Command {
        @Override
        public String name() {
            return "accuracy";
        }

        @Override
        public String summary() {
            return "measure the bundled models on held-out CLASS points; rewrite models/ACCURACY.md and its plots";
        }

        @Override
        public int run(String[] args, int from, PrintStream out) {
            return AccuracyReport.run(Arrays.copyOfRange(args, from, args.length), out, System.err, BUNDLED);
        }
    }

    /** The {@code models} module's catalogue, as the accuracy report's default source. */
    static final ModelSource BUNDLED = new ModelSource() {
        @Override
        public List<String> names() {
            return BundledModels.names();
        }

        @Override
        public NetworkModel model(String name) {
            return BundledModels.model(name);
        }

        @Override
        public long fileSize(String name) {
            try (InputStream in = BundledModels.class.getResourceAsStream(BundledModels.RESOURCE_ROOT + name + ".h5")) {
                return in == null ? -1 : in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                return -1;
            }
        }

        @Override
        public String description() {
            return "the bundled models (`BundledModels`)";
        }
    };
}
