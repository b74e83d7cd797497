package org.cosmoemu.likelihoods.lensing;

import java.nio.file.Path;
import org.cosmoemu.api.EllFactor;
import org.cosmoemu.api.testing.SharedTestData;
import org.cosmoemu.likelihoods.DataTables;
import org.cosmoemu.theory.CmbSpectra;
import org.cosmoemu.theory.CmbSpectra.Spectrum;
import org.cosmoemu.theory.SimpleObservables;

/**
 * Builds the test inputs the SPECs describe from the shared fiducial files. Note their column layouts: CAMB
 * {@code lensedCls.dat} is L TT EE BB TE (D_ℓ, µK²), {@code lenspotentialCls.dat} is L TT EE BB TE PP TP EP
 * with PP = [L(L+1)]² C^φφ/2π; candl's test spectra are ell TT TE EE BB pp kk.
 */
public final class LensingTestSpectra {
    private LensingTestSpectra() {
    }

    /**
     * The cosmo2017 fiducial of act_dr6_lenslike: C^κκ = PP·2π/4 from lenspotentialCls, lensed CMB from
     * lensedCls, ℓ = 2..lmax (ℓ = 0, 1 zero).
     *
     * @param lmax highest multipole kept
     * @return the spectra
     */
    public static CmbSpectra cosmo2017(int lmax) {
        Path dir = SharedTestData.path("likelihoods/act_dr6_lenslike/fiducial_cosmo2017");
        return camb(dir.resolve("cosmo2017_10K_acc3_lensedCls.dat"), dir.resolve("cosmo2017_10K_acc3_lenspotentialCls.dat"),
                lmax, 1.0, 1.0, 1.0);
    }

    /**
     * cosmo2017 with rescaled spectra (for checks away from the fiducial).
     *
     * @param lmax    highest multipole
     * @param scaleTT multiplies TT
     * @param scaleEE multiplies EE
     * @param scalePP multiplies PP
     * @return the spectra
     */
    public static CmbSpectra cosmo2017Scaled(int lmax, double scaleTT, double scaleEE, double scalePP) {
        Path dir = SharedTestData.path("likelihoods/act_dr6_lenslike/fiducial_cosmo2017");
        return camb(dir.resolve("cosmo2017_10K_acc3_lensedCls.dat"), dir.resolve("cosmo2017_10K_acc3_lenspotentialCls.dat"),
                lmax, scaleTT, scaleEE, scalePP);
    }

    /**
     * The Planck FFP10 fiducial (FFP10_wdipole_*Cls.dat from the PR4 folder), ℓ = 2..2500.
     *
     * @return the spectra
     */
    public static CmbSpectra ffp10() {
        Path dir = SharedTestData.path("likelihoods/planck_pr4_lensing/data_pr4");
        return camb(dir.resolve("FFP10_wdipole_lensedCls.dat"), dir.resolve("FFP10_wdipole_lenspotentialCls.dat"), 2500,
                1.0, 1.0, 1.0);
    }

    /**
     * A candl test spectrum (columns ell TT TE EE BB pp kk; D_ℓ in µK², C^κκ), ℓ = 2..3001.
     *
     * @param name file name in {@code act_dr6_lenslike/candl_tests}
     * @return the spectra, PP from the kk column
     */
    public static CmbSpectra candl(String name) {
        double[][] t = DataTables.read(SharedTestData.path("likelihoods/act_dr6_lenslike/candl_tests/" + name), null);
        int l0 = (int) t[0][0];
        CmbSpectra.Builder b = CmbSpectra.builder((int) t[t.length - 1][0]);
        Spectrum[] order = {Spectrum.TT, Spectrum.TE, Spectrum.EE, Spectrum.BB};
        for (int c = 0; c < 4; c++) {
            b.set(order[c], l0, column(t, c + 1, 1.0), EllFactor.L_L1_OVER_2PI, 1.0);
        }
        b.set(Spectrum.PP, l0, column(t, 6, 1.0), EllFactor.L_L1_SQUARED_OVER_4, 1.0);
        return b.build();
    }

    /**
     * @param cmb spectra
     * @return observables holding them
     */
    public static SimpleObservables theory(CmbSpectra cmb) {
        return SimpleObservables.of(cmb);
    }

    private static CmbSpectra camb(Path lensed, Path potential, int lmax, double sTT, double sEE, double sPP) {
        double[][] le = DataTables.read(lensed, null);
        double[][] lp = DataTables.read(potential, null);
        CmbSpectra.Builder b = CmbSpectra.builder(lmax);
        int l0 = (int) le[0][0];
        // lensedCls columns: L TT EE BB TE
        b.set(Spectrum.TT, l0, column(le, 1, sTT), EllFactor.L_L1_OVER_2PI, 1.0);
        b.set(Spectrum.EE, l0, column(le, 2, sEE), EllFactor.L_L1_OVER_2PI, 1.0);
        b.set(Spectrum.BB, l0, column(le, 3, 1.0), EllFactor.L_L1_OVER_2PI, 1.0);
        b.set(Spectrum.TE, l0, column(le, 4, 1.0), EllFactor.L_L1_OVER_2PI, 1.0);
        // lenspotentialCls column 5: PP = [L(L+1)]^2 C^phiphi / 2pi
        b.set(Spectrum.PP, (int) lp[0][0], column(lp, 5, sPP), EllFactor.L_L1_SQUARED_OVER_2PI, 1.0);
        return b.build();
    }

    private static double[] column(double[][] t, int c, double scale) {
        double[] v = new double[t.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = t[i][c] * scale;
        }
        return v;
    }
}
