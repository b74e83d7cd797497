package org.cosmoemu.likelihoods.planck;

import java.nio.file.Path;
import java.util.List;
import org.cosmoemu.api.DataDirectory;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.MissingQuantityException;
import org.cosmoemu.api.NumericalException;
import org.cosmoemu.likelihoods.DataTables;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.NuisanceParameter;
import org.cosmoemu.theory.Requirements;
import org.cosmoemu.likelihoods.bao.InterpolatingSpline;
import org.cosmoemu.theory.CmbSpectra;
import org.cosmoemu.theory.CmbSpectra.Spectrum;
import org.cosmoemu.theory.Observables;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Planck 2018 low-ℓ TT (Commander, Gaussianised Blackwell–Rao), cobaya's native {@code planck_2018_lowl.TT}
 * for 2 ≤ ℓ ≤ 29. Each D_ℓ = D_ℓ^TT / A_planck² is mapped to a Gaussianised x_ℓ by the interpolating
 * cubic spline through the tabulated (cl2x_1, cl2x_2) pairs ({@link InterpolatingSpline}, = scipy's
 * InterpolatedUnivariateSpline), and
 * <pre>  ln L = Σ_ℓ ln x_ℓ'(D_ℓ) − ½ (x − μ)ᵀ C⁻¹ (x − μ) − offset</pre>
 * where the offset makes ln L = 0 at D_ℓ = mu_sigma. −∞ if a D_ℓ is outside the tabulated prior range
 * (where the tables saturate at x = ±5) or the spline's slope is negative. Needs
 * {@code planck_2018_lowT_native/{cov, mu, mu_sigma, cl2x_1, cl2x_2}.txt} (see {@link #of()}). Immutable,
 * thread-safe and allocation-free.
 */
public final class LowlTtLikelihood implements Likelihood {
    static final String DIR = "planck_2018_lowT_native";
    static final String[] FILES = {"cov.txt", "mu.txt", "mu_sigma.txt", "cl2x_1.txt", "cl2x_2.txt"};
    private static final int LMIN = 2;
    private static final int LMAX = 29;
    private static final int NL = LMAX - LMIN + 1;
    private static final String ASSET = "planck_2018_lowT.zip";

    private final InterpolatingSpline[] spline = new InterpolatingSpline[NL];
    private final double[] lower = new double[NL];
    private final double[] upper = new double[NL];
    private final double[] mu = new double[NL];
    private final double[] inverseCovariance = new double[NL * NL];
    private final double offset;
    private final ThreadLocal<double[]> scratch = ThreadLocal.withInitial(() -> new double[NL]);

    private LowlTtLikelihood(Path dir) {
        double[][] cov = DataTables.read(dir.resolve("cov.txt"), ASSET);
        double[] muAll = DataTables.readNumbers(dir.resolve("mu.txt"), ASSET);
        double[] muSigma = DataTables.readNumbers(dir.resolve("mu_sigma.txt"), ASSET);
        Path f1 = dir.resolve("cl2x_1.txt");
        Path f2 = dir.resolve("cl2x_2.txt");
        double[][] knotsD = DataTables.read(f1, ASSET);
        double[][] knotsX = DataTables.read(f2, ASSET, DataTables.ANY, knotsD.length);
        if (cov.length < NL || cov[0].length < NL || muAll.length < NL || muSigma.length < NL || knotsD[0].length < NL
                || knotsX[0].length < NL || knotsD.length < 5) {
            throw new DataFileException(dir + ": the low-l TT tables must cover l = 2..29 (cov " + cov.length + "x"
                    + cov[0].length + ", mu " + muAll.length + ", mu_sigma " + muSigma.length + ", cl2x " + knotsD.length
                    + "x" + knotsD[0].length + ")");
        }
        DMatrixRMaj c = new DMatrixRMaj(NL, NL);
        for (int i = 0; i < NL; i++) {
            for (int j = 0; j < NL; j++) {
                c.set(i, j, cov[i][j]);
            }
        }
        if (!CommonOps_DDRM.invert(c)) {
            throw new DataFileException(dir.resolve("cov.txt") + ": covariance is singular");
        }
        System.arraycopy(c.data, 0, inverseCovariance, 0, NL * NL);
        System.arraycopy(muAll, 0, mu, 0, NL);
        int nb = knotsD.length;
        for (int i = 0; i < NL; i++) {
            double[] d = DataTables.column(knotsD, i);
            double[] x = DataTables.column(knotsX, i);
            int j = 0;
            while (j < nb && Math.abs(x[j] + 5) < 1e-4) {
                j++;
            }
            int k = nb - 1;
            while (k >= 0 && Math.abs(x[k] - 5) < 1e-4) {
                k--;
            }
            if (j + 2 >= nb || k - 2 < 0) {
                throw new DataFileException(f2 + ": column " + i + " (l = " + (i + LMIN) + ") is saturated everywhere");
            }
            lower[i] = d[j + 2];
            upper[i] = d[k - 2];
            try {
                spline[i] = InterpolatingSpline.of(d, x);
            } catch (DataFileException | NumericalException e) {
                throw new DataFileException(f1 + ": column " + i + " (l = " + (i + LMIN) + "): " + e.getMessage(), e);
            }
        }
        double[] ref = new double[NL];
        System.arraycopy(muSigma, 0, ref, 0, NL);
        this.offset = evaluate(ref, 0.0);
        if (!Double.isFinite(offset)) {
            throw new DataFileException(dir.resolve("mu_sigma.txt") + ": the likelihood is not finite at mu_sigma");
        }
    }

    /**
     * {@return the likelihood with data from
     * {@link DataDirectory#root()}{@code /likelihoods/planck2018_lowl/planck_2018_lowT_native}}
     *
     * @throws DataFileException saying which files are missing and where they are published, or naming a malformed file
     */
    public static LowlTtLikelihood of() {
        return read(DataDirectory.root().resolve(LowlFiles.DATA_SUBDIR).resolve(DIR));
    }

    /**
     * {@return the likelihood}
     *
     * @param dir the folder holding cov.txt, mu.txt, mu_sigma.txt, cl2x_1.txt, cl2x_2.txt
     * @throws DataFileException saying which files are missing and where they are published, or naming a malformed file
     */
    public static LowlTtLikelihood read(Path dir) {
        LowlFiles.requireAll(dir, FILES, "planck2018_lowl_tt", ASSET,
                "baseline/plc_3.0/low_l/commander/commander_dx12_v3_2_29.clik");
        return new LowlTtLikelihood(dir);
    }

    @Override
    public String name() {
        return "planck2018_lowl_tt";
    }

    @Override
    public Requirements requirements() {
        return Requirements.cmb(LMAX, Spectrum.TT);
    }

    /** @return [A_planck] (default 1) */
    @Override
    public List<NuisanceParameter> nuisanceParameters() {
        return List.of(PlikLiteLikelihood.A_PLANCK);
    }

    /**
     * @param theory   lensed CMB spectra up to ℓ = 29 (TT)
     * @param nuisance {A_planck}
     * @return ln L; −∞ where a D_ℓ leaves the tabulated range
     * @throws org.cosmoemu.api.NumericalException for a spectrum that is NaN at a multipole used
     * @throws InvalidParameterException if nuisance is not one value, or A_planck is not positive and finite
     * @throws MissingQuantityException  if the theory has no CMB spectra, or they stop below ℓ = 29
     */
    @Override
    public double logLike(Observables theory, double[] nuisance) {
        CmbSpectra cmb = CalibratedCmb.check(name(), theory, nuisance, LMAX);
        double[] d = scratch.get();
        double inv2 = 1.0 / (nuisance[0] * nuisance[0]);
        for (int i = 0; i < NL; i++) {
            d[i] = cmb.dl(Spectrum.TT, i + LMIN) * inv2;
        }
        return Likelihood.checkedResult(name(), evaluate(d, offset));
    }

    /** ln L at D_ℓ = d[ℓ − 2]; overwrites d with x − μ. */
    private double evaluate(double[] d, double off) {
        for (int i = 0; i < NL; i++) {
            if (Double.isNaN(d[i])) {
                return Double.NaN;
            }
            if (d[i] < lower[i] || d[i] > upper[i]) {
                return Double.NEGATIVE_INFINITY;
            }
        }
        double logl = 0;
        for (int i = 0; i < NL; i++) {
            double slope = spline[i].derivative(d[i]);
            if (slope < 0) {
                return Double.NEGATIVE_INFINITY;
            }
            logl += Math.log(slope);
            d[i] = spline[i].value(d[i]) - mu[i];
        }
        double q = 0;
        for (int i = 0; i < NL; i++) {
            double s = 0;
            for (int j = 0; j < NL; j++) {
                s += inverseCovariance[i * NL + j] * d[j];
            }
            q += d[i] * s;
        }
        return logl - 0.5 * q - off;
    }
}
