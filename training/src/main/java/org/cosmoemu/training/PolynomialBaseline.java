package org.cosmoemu.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cosmoemu.api.DataDirectory;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * A classical regressor on the same data as a network, to tell how much of a model's error the data itself
 * sets: fits a polynomial in the standardised inputs (degree 1, 2 or 3, ridge-regularised) to the network's
 * targets (the spec's transform, standardisation and PCA) on the training points, picks the degree and ridge
 * strength with the best headline on the validation points, and prints the spec's headline metric on the
 * held-out test points for every setting and for the one picked. A network that does worse than this on its
 * test points is not yet the best model its data allows.
 *
 * <pre>PolynomialBaseline SPEC [DATA_DIR]</pre>
 */
public final class PolynomialBaseline {
    /** Ridge strengths tried, relative to the mean diagonal of the normal equations. */
    private static final double[] RIDGES = {1e-10, 1e-8, 1e-6, 1e-4, 1e-2};
    /** Degrees tried (fewer when a degree has more terms than training samples). */
    private static final int MAX_DEGREE = 3;

    private PolynomialBaseline() {
    }

    /**
     * One polynomial fit and its errors.
     *
     * @param degree     the polynomial's degree
     * @param terms      its number of coefficients per network output
     * @param ridge      the ridge strength, relative to the mean diagonal of the normal equations
     * @param validation the headline p99 on the validation points
     * @param test       the headline p99 on the held-out test points
     */
    record Fit(int degree, int terms, double ridge, double validation, double test) {
    }

    /**
     * Runs the program from the command line.
     *
     * @param args spec file, data directory (default {@code <data dir>/<the spec's data>})
     */
    public static void main(String[] args) {
        if (args.length == 0 || args.length > 2) {
            System.err.println("usage: PolynomialBaseline SPEC [DATA_DIR]");
            System.exit(2);
        }
        ModelSpec spec = ModelSpec.read(Path.of(args[0]));
        ClassTrainingData data = ClassTrainingData.open(args.length > 1 ? Path.of(args[1])
                : DataDirectory.root().resolve(spec.data()));
        List<Fit> fits = scan(data, spec, TrainingSamples.assemble(data, spec));
        for (Fit f : fits) {
            System.out.println(line(spec, f));
        }
        System.out.println("picked on the validation points: " + line(spec, picked(fits)));
    }

    private static String line(ModelSpec spec, Fit f) {
        return String.format(Locale.ROOT, "%s polynomial degree %d (%d terms), ridge %.0e: validation headline p99 "
                + "%.4g, test headline p99 %.4g", spec.name(), f.degree(), f.terms(), f.ridge(), f.validation(), f.test());
    }

    /**
     * {@return the fit with the best validation headline}
     *
     * @param fits what {@link #scan} returned (not empty)
     */
    static Fit picked(List<Fit> fits) {
        return fits.stream().min(java.util.Comparator.comparingDouble(Fit::validation)).orElseThrow();
    }

    /**
     * Fits every degree (while it has fewer terms than training samples) and ridge strength.
     *
     * @param data the CLASS shards (read only for the TE metric's TT and EE; may be {@code null} otherwise)
     * @param spec the spec: transform, PCA, metric
     * @param s    the samples, split by {@link HeldOutSplit}
     * @return one fit per setting, in order of degree then ridge
     */
    static List<Fit> scan(ClassTrainingData data, ModelSpec spec, TrainingSamples s) {
        int[] train = s.rowsWith(HeldOutSplit.Role.TRAINING);
        int[] val = s.rowsWith(HeldOutSplit.Role.VALIDATION);
        int[] test = s.rowsWith(HeldOutSplit.Role.TEST);
        double[][] scaling = Trainer.inputScaling(s, train, spec.name());
        double[] mean = scaling[0];
        double[] std = scaling[1];
        double[][] trainY = Trainer.rows(s.y(), train);
        OutputEncoding enc = OutputEncoding.fit(trainY, spec.transform(), spec.pcaComponents());
        int nOut = enc.networkOutputs();
        DMatrixRMaj targets = new DMatrixRMaj(train.length, nOut);
        for (int i = 0; i < train.length; i++) {
            double[] t = enc.encode(trainY[i]);
            for (int j = 0; j < nOut; j++) {
                targets.unsafe_set(i, j, t[j]);
            }
        }
        List<Fit> fits = new ArrayList<>();
        for (int degree = 1; degree <= MAX_DEGREE; degree++) {
            DMatrixRMaj f = features(s, train, mean, std, degree);
            if (f.numCols >= train.length) {
                break;
            }
            DMatrixRMaj gram = new DMatrixRMaj(f.numCols, f.numCols);
            CommonOps_DDRM.multTransA(f, f, gram);
            DMatrixRMaj rhs = new DMatrixRMaj(f.numCols, nOut);
            CommonOps_DDRM.multTransA(f, targets, rhs);
            double trace = CommonOps_DDRM.trace(gram) / f.numCols;
            for (double ridge : RIDGES) {
                DMatrixRMaj a = gram.copy();
                for (int c = 1; c < f.numCols; c++) { // the intercept is not shrunk
                    a.add(c, c, ridge * trace);
                }
                LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(a.numCols);
                if (!solver.setA(a)) {
                    continue; // not positive definite at this ridge: a larger one follows
                }
                DMatrixRMaj w = new DMatrixRMaj(f.numCols, nOut);
                solver.solve(rhs, w);
                fits.add(new Fit(degree, f.numCols, ridge, headline(data, spec, s, val, enc, w, mean, std, degree),
                        headline(data, spec, s, test, enc, w, mean, std, degree)));
            }
        }
        return fits;
    }

    private static double headline(ClassTrainingData data, ModelSpec spec, TrainingSamples s, int[] rows,
            OutputEncoding enc, DMatrixRMaj w, double[] mean, double[] std, int degree) {
        DMatrixRMaj f = features(s, rows, mean, std, degree);
        DMatrixRMaj out = new DMatrixRMaj(rows.length, w.numCols);
        CommonOps_DDRM.mult(f, w, out);
        double[][] predicted = new double[rows.length][];
        double[] t = new double[w.numCols];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < t.length; j++) {
                t[j] = out.unsafe_get(i, j);
            }
            predicted[i] = enc.decode(t);
        }
        return ModelErrors.of(data, spec, s, rows, predicted).headline();
    }

    /** Monomials of the standardised inputs up to {@code degree}, the constant first. */
    private static DMatrixRMaj features(TrainingSamples s, int[] rows, double[] mean, double[] std, int degree) {
        int dim = mean.length;
        int terms = 1;
        long c = 1;
        for (int d = 1; d <= degree; d++) {
            c = c * (dim + d - 1) / d; // multisets of size d from dim inputs
            terms += (int) c;
        }
        DMatrixRMaj f = new DMatrixRMaj(rows.length, terms);
        double[] z = new double[dim];
        for (int i = 0; i < rows.length; i++) {
            for (int k = 0; k < dim; k++) {
                z[k] = (s.x()[rows[i]][k] - mean[k]) / std[k];
            }
            int col = 0;
            f.unsafe_set(i, col++, 1);
            for (int a = 0; a < dim; a++) {
                f.unsafe_set(i, col++, z[a]);
            }
            if (degree >= 2) {
                for (int a = 0; a < dim; a++) {
                    for (int b = a; b < dim; b++) {
                        f.unsafe_set(i, col++, z[a] * z[b]);
                    }
                }
            }
            if (degree >= 3) {
                for (int a = 0; a < dim; a++) {
                    for (int b = a; b < dim; b++) {
                        for (int e = b; e < dim; e++) {
                            f.unsafe_set(i, col++, z[a] * z[b] * z[e]);
                        }
                    }
                }
            }
        }
        return f;
    }
}
