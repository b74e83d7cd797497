package org.cosmoemu.likelihoods.planck;

import java.nio.file.Path;
import java.util.List;
import org.cosmoemu.api.DataDirectory;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.MissingQuantityException;
import org.cosmoemu.likelihoods.DataTables;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.NuisanceParameter;
import org.cosmoemu.likelihoods.Prior;
import org.cosmoemu.theory.Requirements;
import org.cosmoemu.theory.CmbSpectra;
import org.cosmoemu.theory.CmbSpectra.Spectrum;
import org.cosmoemu.theory.Observables;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Planck 2018 high-ℓ plik_lite (foreground-marginalised, binned TT or TT+TE+EE, ℓ = 30–2508), as cobaya's
 * {@code planck_2018_highl_plik.TTTEEE_lite_native} / {@code TT_lite_native} and planck-lite-py compute it:
 * <pre>
 *   T_b = Σ_{ℓ=ℓmin(b)}^{ℓmax(b)} w_ℓ C_ℓ / A_planck²       (binned C_ℓ in µK², the same bins for TT, TE, EE)
 *   ln L = −½ (X − T)ᵀ C⁻¹ (X − T)                          (no constant)
 * </pre>
 * with X the binned data, C the covariance (613 × 613 for TTTEEE, its 215 × 215 TT block for TT) and
 * A_planck the overall calibration, a {@link NuisanceParameter} with the N(1, 0.0025²) prior. Optionally
 * ({@code lowl_tt_bins}) the two-bin Gaussian compression of the low-ℓ (2 ≤ ℓ ≤ 29) TT likelihood of Prince
 * &amp; Dunkley 2019 is added (planck-lite-py's option; not part of cobaya): two independent Gaussian bins of
 * Σ w_ℓ C_ℓ / A_planck². The theory must provide lensed TT (and TE, EE) up to ℓ = 2508.
 *
 * <p>Data: {@code <data dir>/likelihoods/planck2018_plik_lite/planck2018_plik_lite/} (cl_cmb_plik_v22.dat,
 * c_matrix_plik_v22.dat, blmin.dat, blmax.dat, bweight.dat) and {@code …/planck2018_low_ell/}. Immutable and
 * thread-safe; {@link #logLike} allocates nothing (~n²/2 multiply-adds).
 */
public final class PlikLiteLikelihood implements Likelihood {

    /** Which spectra are used. */
    public enum Spectra {
        /** TT, TE and EE (613 bins). */
        TTTEEE,
        /** TT only (215 bins). */
        TT
    }

    /** The data directory's sub-folder of this likelihood. */
    public static final String DATA_SUBDIR = "likelihoods/planck2018_plik_lite";
    /** Where the data files are published. */
    public static final String SOURCE = "https://github.com/heatherprince/planck-lite-py (data/planck2018_plik_lite, "
            + "data/planck2018_low_ell), from the Planck Legacy Archive https://pla.esac.esa.int (plik_lite_v22)";
    /** The calibration nuisance parameter. */
    public static final NuisanceParameter A_PLANCK = new NuisanceParameter("A_planck", 1.0, Prior.gaussian(1.0, 0.0025));

    static final int LMIN = 30;
    static final int LMAX = 2508;
    static final int NBIN_TT = 215;
    static final int NBIN_TE = 199;
    static final int NBIN_EE = 199;
    static final int NBIN_ALL = NBIN_TT + NBIN_TE + NBIN_EE;

    private final String name;
    private final Spectra spectra;
    private final boolean lowlTtBins;
    private final int[] binLo;     // first ℓ of each high-ℓ bin (same for TT, TE, EE)
    private final int[] binHi;     // last ℓ
    private final double[] weight; // w_ℓ at index ℓ (0 outside 30..2508)
    private final double[] data;   // X, high-ℓ bins in TT, TE, EE order
    private final double[] inverseCovariance; // packed upper triangle of C⁻¹, row i holding columns i..n-1
    private final int n;
    private final int[] lowLo;
    private final int[] lowHi;
    private final double[] lowWeight; // at index ℓ for 2..29
    private final double[] lowData;
    private final double[] lowSigma;
    private final ThreadLocal<double[]> residual;
    private final Requirements requirements;

    private PlikLiteLikelihood(Path dir, Spectra spectra, boolean lowlTtBins) {
        this.spectra = spectra;
        this.lowlTtBins = lowlTtBins;
        this.name = "planck2018_plik_lite[spectra=" + spectra + ",lowl_tt_bins=" + lowlTtBins + "]";
        Path hi = dir.resolve("planck2018_plik_lite");
        double[][] cl = DataTables.read(hi.resolve("cl_cmb_plik_v22.dat"), SOURCE, 3, NBIN_ALL);
        double[] blmin = DataTables.readVector(hi.resolve("blmin.dat"), SOURCE, 3 * NBIN_TT);
        double[] blmax = DataTables.readVector(hi.resolve("blmax.dat"), SOURCE, 3 * NBIN_TT);
        double[] bweight = DataTables.readVector(hi.resolve("bweight.dat"), SOURCE, 3 * (LMAX - LMIN + 1));
        double[] cov = PlanckFiles.fortranRecord(hi.resolve("c_matrix_plik_v22.dat"), SOURCE, NBIN_ALL * NBIN_ALL);

        // Bins: cobaya uses the first block of blmin/blmax/bweight for all three spectra.
        this.binLo = new int[NBIN_TT];
        this.binHi = new int[NBIN_TT];
        for (int b = 0; b < NBIN_TT; b++) {
            binLo[b] = LMIN + integer(blmin[b], hi.resolve("blmin.dat"));
            binHi[b] = LMIN + integer(blmax[b], hi.resolve("blmax.dat"));
            if (binLo[b] > binHi[b] || binHi[b] > LMAX || (b > 0 && binLo[b] != binHi[b - 1] + 1)) {
                throw new DataFileException(hi.resolve("blmin.dat") + " / blmax.dat: bin " + b + " = [" + binLo[b] + ", "
                        + binHi[b] + "] is not contiguous within 30..2508");
            }
        }
        this.weight = new double[LMAX + 1];
        for (int l = LMIN; l <= LMAX; l++) {
            weight[l] = bweight[l - LMIN];
        }

        this.n = spectra == Spectra.TT ? NBIN_TT : NBIN_ALL;
        this.data = new double[n];
        for (int i = 0; i < n; i++) {
            data[i] = cl[i][1];
        }
        // Only the lower triangle (as read row-major) is filled: C = tril(C) + tril(C, -1)ᵀ.
        DMatrixRMaj c = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = cov[i * NBIN_ALL + j];
                c.set(i, j, v);
                c.set(j, i, v);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                if (!Double.isFinite(c.get(i, j))) {
                    throw new DataFileException(hi.resolve("c_matrix_plik_v22.dat") + ": covariance entry (" + i + ", " + j
                            + ") is " + c.get(i, j) + "; every entry must be finite");
                }
            }
        }
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(n);
        if (!chol.setA(c)) {
            throw new DataFileException(hi.resolve("c_matrix_plik_v22.dat") + ": covariance is not positive definite");
        }
        DMatrixRMaj inv = new DMatrixRMaj(n, n);
        chol.invert(inv);
        this.inverseCovariance = new double[n * (n + 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                // symmetrise what the inversion returns, then fold the factor 2 of the off-diagonal terms in
                double v = 0.5 * (inv.get(i, j) + inv.get(j, i));
                inverseCovariance[k++] = i == j ? v : 2.0 * v;
            }
        }

        if (lowlTtBins) {
            Path lo = dir.resolve("planck2018_low_ell");
            double[][] lowCl = DataTables.read(lo.resolve("CTT_bin_low_ell_2018.dat"), SOURCE, 3, 2);
            double[] lmin = DataTables.readVector(lo.resolve("blmin_low_ell.dat"), SOURCE, 2);
            double[] lmax = DataTables.readVector(lo.resolve("blmax_low_ell.dat"), SOURCE, 2);
            double[] lw = DataTables.readVector(lo.resolve("bweight_low_ell.dat"), SOURCE, LMIN - 2);
            this.lowLo = new int[2];
            this.lowHi = new int[2];
            this.lowData = new double[2];
            this.lowSigma = new double[2];
            for (int b = 0; b < 2; b++) {
                lowLo[b] = 2 + integer(lmin[b], lo.resolve("blmin_low_ell.dat"));
                lowHi[b] = 2 + integer(lmax[b], lo.resolve("blmax_low_ell.dat"));
                if (lowLo[b] > lowHi[b] || lowHi[b] >= LMIN) {
                    throw new DataFileException(lo + ": low-l bin " + b + " = [" + lowLo[b] + ", " + lowHi[b] + "] outside 2..29");
                }
                lowData[b] = lowCl[b][1];
                lowSigma[b] = lowCl[b][2];
            }
            this.lowWeight = new double[LMIN];
            System.arraycopy(lw, 0, lowWeight, 2, LMIN - 2);
        } else {
            this.lowLo = new int[0];
            this.lowHi = new int[0];
            this.lowData = new double[0];
            this.lowSigma = new double[0];
            this.lowWeight = new double[0];
        }
        int size = n;
        this.residual = ThreadLocal.withInitial(() -> new double[size]);
        this.requirements = spectra == Spectra.TT ? Requirements.cmb(LMAX, Spectrum.TT)
                : Requirements.cmb(LMAX, Spectrum.TT, Spectrum.TE, Spectrum.EE);
    }

    /**
     * {@return the likelihood with data from {@link DataDirectory#root()}{@code /likelihoods/planck2018_plik_lite}}
     *
     * @param spectra    TTTEEE or TT
     * @param lowlTtBins whether to add the two-bin low-ℓ TT approximation
     * @throws DataFileException naming the file and where it is published if one is missing or malformed
     */
    public static PlikLiteLikelihood of(Spectra spectra, boolean lowlTtBins) {
        return read(DataDirectory.root().resolve(DATA_SUBDIR), spectra, lowlTtBins);
    }

    /**
     * {@return the likelihood}
     *
     * @param directory  the folder holding {@code planck2018_plik_lite/} and {@code planck2018_low_ell/}
     * @param spectra    TTTEEE or TT
     * @param lowlTtBins whether to add the two-bin low-ℓ TT approximation
     * @throws DataFileException naming the file and where it is published if one is missing or malformed
     */
    public static PlikLiteLikelihood read(Path directory, Spectra spectra, boolean lowlTtBins) {
        return new PlikLiteLikelihood(directory, spectra, lowlTtBins);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Requirements requirements() {
        return requirements;
    }

    /** @return [A_planck] */
    @Override
    public List<NuisanceParameter> nuisanceParameters() {
        return List.of(A_PLANCK);
    }

    /** {@return the spectra used} */
    public Spectra spectra() {
        return spectra;
    }

    /** {@return whether the two low-ℓ TT bins are included} */
    public boolean lowlTtBins() {
        return lowlTtBins;
    }

    /**
     * @param theory   lensed CMB spectra up to ℓ = 2508 (TT, and TE, EE for TTTEEE)
     * @param nuisance {A_planck}
     * @return ln L (no constant; the A_planck prior is not included)
     * @throws InvalidParameterException if nuisance is not one value, or A_planck is not positive and finite
     * @throws MissingQuantityException  naming the spectrum if the theory lacks one, or if the spectra stop below
     *                                   ℓ = 2508
     * @throws org.cosmoemu.api.NumericalException if the spectra are not finite at the multipoles used
     */
    @Override
    public double logLike(Observables theory, double[] nuisance) {
        CmbSpectra cmb = CalibratedCmb.check(name, theory, nuisance, LMAX);
        double cal = nuisance[0];
        double inv2 = 1.0 / (cal * cal);
        double[] r = residual.get();
        try {
            bin(cmb, Spectrum.TT, 0, inv2, r);
            if (spectra == Spectra.TTTEEE) {
                bin(cmb, Spectrum.TE, NBIN_TT, inv2, r);
                bin(cmb, Spectrum.EE, NBIN_TT + NBIN_TE, inv2, r);
            }
        } catch (MissingQuantityException e) {
            throw new MissingQuantityException(name + ": " + e.getMessage(), e);
        }
        double chi2 = 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            // four independent partial sums: the additions are latency-bound otherwise
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int j = i;
            for (; j + 3 < n; j += 4, k += 4) {
                s0 += inverseCovariance[k] * r[j];
                s1 += inverseCovariance[k + 1] * r[j + 1];
                s2 += inverseCovariance[k + 2] * r[j + 2];
                s3 += inverseCovariance[k + 3] * r[j + 3];
            }
            for (; j < n; j++, k++) {
                s0 += inverseCovariance[k] * r[j];
            }
            chi2 += r[i] * ((s0 + s1) + (s2 + s3));
        }
        for (int b = 0; b < lowData.length; b++) {
            double t = 0;
            for (int l = lowLo[b]; l <= lowHi[b]; l++) {
                t += lowWeight[l] * cmb.cl(Spectrum.TT, l);
            }
            double d = (lowData[b] - t * inv2) / lowSigma[b];
            chi2 += d * d;
        }
        return Likelihood.checkedResult(name, -0.5 * chi2);
    }

    /** r[offset + b] = X_b − Σ w_ℓ C_ℓ / A² for the bins of one spectrum. */
    private void bin(CmbSpectra cmb, Spectrum s, int offset, double inv2, double[] r) {
        int nb = s == Spectrum.TT ? NBIN_TT : NBIN_TE;
        for (int b = 0; b < nb; b++) {
            double t = 0;
            for (int l = binLo[b]; l <= binHi[b]; l++) {
                t += weight[l] * cmb.cl(s, l);
            }
            r[offset + b] = data[offset + b] - t * inv2;
        }
    }

    private static int integer(double v, Path file) {
        if (v != Math.rint(v) || v < 0) {
            throw new DataFileException(file + ": bin edge " + v + " is not a non-negative integer");
        }
        return (int) v;
    }

    @Override
    public String toString() {
        return name;
    }
}
