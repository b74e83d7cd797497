package org.cosmoemu.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.OutputQuantity;
import org.cosmoemu.api.OutputTransform;
import org.cosmoemu.api.Precision;
import org.cosmoemu.api.RangePolicy;
import org.cosmoemu.cpu.Emulators;
import org.cosmoemu.cpu.io.ModelFiles;
import org.cosmoemu.models.BundledModels;

/**
 * Turns the {@code --model FILE-OR-BUNDLED-NAME} argument and the options that qualify it into a model and
 * an emulator. Options it understands (declare them with {@link #declare}): {@code --model}, {@code --log10},
 * {@code --transform}, {@code --backend}, {@code --precision}, {@code --extrapolate}.
 */
final class ModelResolver {
    private ModelResolver() {
    }

    static Args declare(Args a) {
        return a.value("model", "FILE|NAME", "model file (CosmoPower .pkl/.npz, cosmo-emu .h5) or bundled name (e.g. lcdm/tt)")
                .flag("log10", "declare that the network was trained on log10 (values = 10^raw); same as --transform log10")
                .value("transform", "identity|log10", "declare the output transform of a CosmoPower file (default: what the file says, else identity)")
                .value("backend", "cpu|nd4j", "implementation evaluating the network (default cpu)")
                .value("precision", "float64|float32", "weights and arithmetic precision (default float64)")
                .flag("extrapolate", "evaluate points outside the training range instead of rejecting them");
    }

    /**
     * @return the model named by {@code --model}, with the user's declarations applied
     * @throws InvalidOptionException if {@code --log10}/{@code --transform} contradicts what the model file declares
     */
    static NetworkModel model(Args a) {
        NetworkModel m = load(a.require("model"));
        OutputTransform declared = declaredTransform(a);
        if (declared == null) {
            return m;
        }
        OutputQuantity q = m.quantity();
        boolean unspecified = q.equals(OutputQuantity.unspecified());
        if (!unspecified && q.transform() != declared) {
            throw new InvalidOptionException("transform", "model '" + m.name() + "' declares its output transform as "
                    + q.transform().token() + "; the command line says " + declared.token()
                    + " (drop --log10/--transform, which are for CosmoPower files that do not say)");
        }
        return m.toBuilder().quantity(q.withTransform(declared)).build();
    }

    static OutputTransform declaredTransform(Args a) {
        OutputTransform t = null;
        if (a.has("transform")) {
            try {
                t = OutputTransform.fromToken(a.get("transform"));
            } catch (InvalidOptionException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (a.has("log10")) {
            if (t != null && t != OutputTransform.LOG10) {
                throw new UsageException("--log10 contradicts --transform " + a.get("transform"));
            }
            t = OutputTransform.LOG10;
        }
        return t;
    }

    static EmulatorOptions options(Args a) {
        Precision p;
        try {
            p = Precision.parse(a.get("precision", "float64"));
        } catch (InvalidOptionException e) {
            throw new UsageException(e.getMessage());
        }
        String backend = a.get("backend", EmulatorOptions.CPU).toLowerCase(Locale.ROOT);
        return EmulatorOptions.defaults().withBackend(backend).withPrecision(p)
                .withRangePolicy(a.has("extrapolate") ? RangePolicy.EXTRAPOLATE : RangePolicy.REJECT);
    }

    static Emulator emulator(Args a) {
        return Emulators.create(model(a), options(a));
    }

    /**
     * A file that exists wins over a catalogue name, so that a local file {@code lcdm/tt} is still readable.
     *
     * @param spec a file path or a name in the bundled models' catalogue ({@link BundledModels#names()})
     * @return the model
     * @throws org.cosmoemu.api.ModelFormatException if {@code spec} is neither a catalogue name nor a readable
     *                                               model file (the message lists the catalogue)
     */
    static NetworkModel load(String spec) {
        Path p = Path.of(spec);
        if (Files.exists(p)) {
            return ModelFiles.read(p);
        }
        if (BundledModels.names().contains(spec)) {
            return BundledModels.model(spec);
        }
        if (!spec.contains(".") && spec.contains("/")) {
            throw new org.cosmoemu.api.ModelFormatException("no model file '" + spec + "' and no bundled model of that name; "
                    + "the bundled models are " + BundledModels.names());
        }
        return ModelFiles.read(p); // reports the missing file
    }
}
