package org.cosmoemu.training;

import java.nio.file.Path;
import java.util.Locale;
import org.cosmoemu.api.DataDirectory;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.OutputTransform;

/**
 * Measures the accuracy floor a PCA size sets: fits the output encoding (transform, standardisation, PCA) on
 * the training points, reconstructs the held-out test spectra from their first {@code k} coefficients, and
 * prints the spec's headline metric of that reconstruction (a network cannot beat it).
 *
 * <pre>PcaScan SPEC [k1,k2,...] [transform] [DATA_DIR]</pre>
 */
public final class PcaScan {
    private PcaScan() {
    }

    /**
     * Runs the program from the command line.
     *
     * @param args spec file, comma-separated component counts (default 8,16,24,32,48,64), transform (default the
     *   spec's), data directory (default {@code <data dir>/<the spec's data>})
     * @throws InvalidOptionException if a component count is not an integer or the transform is unknown
     */
    public static void main(String[] args) {
        ModelSpec spec = ModelSpec.read(Path.of(args[0]));
        String ks = args.length > 1 ? args[1] : "8,16,24,32,48,64";
        OutputTransform t = args.length > 2 && !args[2].isBlank() ? OutputTransform.fromToken(args[2]) : spec.transform();
        ClassTrainingData data = ClassTrainingData.open(args.length > 3 ? Path.of(args[3])
                : DataDirectory.root().resolve(spec.data()));
        spec = spec.with("transform", t.token());
        TrainingSamples s = TrainingSamples.assemble(data, spec);
        int[] train = s.rowsWith(HeldOutSplit.Role.TRAINING);
        int[] test = s.rowsWith(HeldOutSplit.Role.TEST);
        double[][] trainY = Trainer.rows(s.y(), train);
        for (String kText : ks.split(",")) {
            int k;
            try {
                k = Integer.parseInt(kText.strip());
            } catch (NumberFormatException e) {
                throw new InvalidOptionException("pca", "component count '" + kText + "' in '" + ks
                        + "' is not an integer");
            }
            OutputEncoding enc = OutputEncoding.fit(trainY, t, k);
            double[][] rec = new double[test.length][];
            for (int i = 0; i < test.length; i++) {
                rec[i] = enc.reconstruct(s.y()[test[i]]);
            }
            ModelErrors e = ModelErrors.of(data, spec, s, test, rec);
            StringBuilder bands = new StringBuilder();
            for (ModelErrors.Group g : e.groups()) {
                bands.append(String.format(Locale.ROOT, " [%s: %.3g]", g.label(), g.p99()));
            }
            System.out.printf(Locale.ROOT, "%s %s pca %d: unexplained variance %.3e, test headline p99 %.4g;%s%n",
                    spec.name(), t.token(), k, 1 - enc.explainedVariance(), e.headline(), bands);
        }
    }
}
