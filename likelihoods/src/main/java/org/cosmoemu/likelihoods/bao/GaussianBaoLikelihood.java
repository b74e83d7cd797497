package org.cosmoemu.likelihoods.bao;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.likelihoods.DataTables;
import org.cosmoemu.theory.Background;
import org.cosmoemu.theory.Observables;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * A Gaussian BAO/RSD likelihood as cobaya's {@code bao.*} computes it: measurements (z, value, observable)
 * with a covariance C, and
 * <pre>  ln L = −½ (t − d)ᵀ C⁻¹ (t − d)      (no normalisation constant)</pre>
 * where t are the predictions of {@link BaoObservable} with r_s = r_drag × rs_rescale (rs_rescale = 1/rs_fid
 * for data quoted with a fiducial sound horizon, e.g. 1/147.78 for SDSS DR12 consensus; 1 for DESI).
 * C is inverted once (Cholesky). Immutable and thread-safe; {@link #logLike} allocates nothing.
 */
final class GaussianBaoLikelihood extends AbstractBaoLikelihood {

    private final double[] z;
    private final BaoObservable[] observables;
    private final double[] data;
    private final double[] inverseCovariance; // row-major n × n
    private final ThreadLocal<double[]> residual;

    private GaussianBaoLikelihood(String name, double[] z, BaoObservable[] obs, double[] data, double[] invCov,
            double rsRescale) {
        super(name, rsRescale, Arrays.asList(obs), fsigma8Redshifts(z, obs));
        this.z = z;
        this.observables = obs;
        this.data = data;
        this.inverseCovariance = invCov;
        int n = z.length;
        this.residual = ThreadLocal.withInitial(() -> new double[n]);
    }

    /**
     * @param name         the name (for messages and {@link #name()})
     * @param measurements file of rows {@code z value observable}
     * @param covariance   file with the n × n covariance, rows in the order of the measurements
     * @param rsRescale    the factor applied to r_drag (1/rs_fid)
     * @return the likelihood
     * @throws DataFileException naming the file if one is missing or malformed, or the covariance is not
     *                           symmetric positive definite or does not match the measurements
     */
    public static GaussianBaoLikelihood read(String name, Path measurements, Path covariance, double rsRescale) {
        List<BaoFiles.Measurement> m = BaoFiles.readMeasurements(measurements);
        double[][] cov = DataTables.read(covariance, BaoFiles.SOURCE);
        if (cov.length != m.size() || cov[0].length != m.size()) {
            throw new DataFileException(covariance + ": covariance is " + cov.length + "x" + cov[0].length + " but "
                    + measurements + " has " + m.size() + " measurements");
        }
        return build(name, m, cov, covariance.toString(), rsRescale);
    }

    /**
     * @param name        the name
     * @param z           redshifts (&gt; 0)
     * @param observables what each value measures
     * @param values      the measured values
     * @param covariance  their covariance (symmetric positive definite)
     * @param rsRescale   the factor applied to r_drag
     * @return the likelihood (the arrays are copied)
     * @throws DataFileException naming {@code name} if the sizes disagree or the covariance is not finite,
     *                           symmetric and positive definite
     */
    public static GaussianBaoLikelihood of(String name, double[] z, BaoObservable[] observables, double[] values,
            double[][] covariance, double rsRescale) {
        int n = z.length;
        if (observables.length != n || values.length != n || covariance.length != n) {
            throw new DataFileException(name + ": " + n + " redshifts, " + observables.length + " observables, "
                    + values.length + " values, covariance with " + covariance.length + " rows");
        }
        List<BaoFiles.Measurement> m = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            m.add(new BaoFiles.Measurement(z[i], values[i], observables[i]));
        }
        return build(name, m, covariance, name + " covariance", rsRescale);
    }

    private static GaussianBaoLikelihood build(String name, List<BaoFiles.Measurement> m, double[][] cov, String where,
            double rsRescale) {
        int n = m.size();
        double[] z = new double[n];
        BaoObservable[] obs = new BaoObservable[n];
        double[] data = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = m.get(i).z();
            obs[i] = m.get(i).observable();
            data[i] = m.get(i).value();
        }
        return new GaussianBaoLikelihood(name, z, obs, data, invert(cov, where), rsRescale);
    }

    static double[] invert(double[][] cov, String where) {
        int n = cov.length;
        DMatrixRMaj c = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            if (cov[i].length != n) {
                throw new DataFileException(where + ": covariance row " + i + " has " + cov[i].length + " entries, expected " + n);
            }
            for (int j = 0; j < n; j++) {
                c.set(i, j, cov[i][j]);
                double scale = Math.max(Math.abs(cov[i][j]), Math.abs(cov[j][i]));
                if (Math.abs(cov[i][j] - cov[j][i]) > 1e-10 * scale) {
                    throw new DataFileException(where + ": covariance is not symmetric at (" + i + "," + j + ")");
                }
            }
        }
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(n);
        if (!chol.setA(c.copy())) {
            throw new DataFileException(where + ": covariance is not positive definite");
        }
        DMatrixRMaj inv = new DMatrixRMaj(n, n);
        chol.invert(inv);
        return inv.data.clone();
    }

    @Override
    double logLike(Observables theory, Background bg, double rs) {
        double[] r = residual.get();
        int n = r.length;
        for (int i = 0; i < n; i++) {
            r[i] = observables[i].predict(theory, bg, z[i], rs) - data[i];
        }
        double chi2 = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            int row = i * n;
            for (int j = 0; j < n; j++) {
                s += inverseCovariance[row + j] * r[j];
            }
            chi2 += r[i] * s;
        }
        return -0.5 * chi2;
    }

    /** @return a copy of the redshifts, in file order */
    public double[] redshifts() {
        return z.clone();
    }

    /** @return the observables, in file order */
    public List<BaoObservable> observables() {
        return List.of(observables);
    }

    /** @return a copy of the measured values, in file order */
    public double[] values() {
        return data.clone();
    }

    /** @return a copy of the inverse covariance, n × n */
    public double[][] inverseCovariance() {
        int n = z.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(inverseCovariance, i * n, out[i], 0, n);
        }
        return out;
    }

    private static double[] fsigma8Redshifts(double[] z, BaoObservable[] obs) {
        return java.util.stream.IntStream.range(0, z.length).filter(i -> obs[i] == BaoObservable.F_SIGMA8)
                .mapToDouble(i -> z[i]).distinct().toArray();
    }

    @Override
    public String toString() {
        return "GaussianBaoLikelihood[" + name() + ", " + z.length + " points]";
    }
}
