package org.cosmoemu.likelihoods.bao;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.NumericalException;
import org.cosmoemu.likelihoods.DataTables;

/**
 * The named BAO data sets: each is cobaya's {@code bao.*} likelihood of the same data (files from
 * CobayaSampler/bao_data under {@code <data dir>/likelihoods/bao/}, numbers that live in cobaya's yaml —
 * 6dF, MGS — written here). Names are ours (short, stable); cobaya's names are accepted as aliases, with or
 * without the {@code bao.} prefix.
 */
final class BaoDataSets {

    /** One named data set. */
    public record DataSet(String name, String cobayaName, String description,
            Function<Path, AbstractBaoLikelihood> loader) {
        /**
         * @param baoDirectory the folder holding the bao_data files
         * @return the likelihood
         * @throws DataFileException naming the file if one is missing or malformed
         */
        public AbstractBaoLikelihood load(Path baoDirectory) {
            return loader.apply(baoDirectory);
        }
    }

    private static final Map<String, DataSet> SETS = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = new TreeMap<>();

    static {
        String d2 = "desi_bao_dr2/desi_gaussian_bao_";
        gaussian("desi_dr2", "desi_dr2.desi_bao_all", "DESI DR2 BAO, all tracers (13 points, z 0.295-2.33)", d2 + "ALL_GCcomb", 1);
        gaussian("desi_dr2_bgs", "desi_dr2.desi_bao_bgs", "DESI DR2 BGS, D_V at z 0.295", d2 + "BGS_BRIGHT-21.35_GCcomb", 1);
        gaussian("desi_dr2_lrg1", "desi_dr2.desi_bao_lrg1", "DESI DR2 LRG 0.4<z<0.6", d2 + "LRG_GCcomb_z0.4-0.6", 1);
        gaussian("desi_dr2_lrg2", "desi_dr2.desi_bao_lrg2", "DESI DR2 LRG 0.6<z<0.8", d2 + "LRG_GCcomb_z0.6-0.8", 1);
        gaussian("desi_dr2_lrg3pluselg1", "desi_dr2.desi_bao_lrg3pluselg1", "DESI DR2 LRG+ELG 0.8<z<1.1",
                d2 + "LRG+ELG_LOPnotqso_GCcomb", 1);
        gaussian("desi_dr2_elg2", "desi_dr2.desi_bao_elg2", "DESI DR2 ELG 1.1<z<1.6", d2 + "ELG_LOPnotqso_GCcomb_z1.1-1.6", 1);
        gaussian("desi_dr2_qso", "desi_dr2.desi_bao_qso", "DESI DR2 QSO 0.8<z<2.1", d2 + "QSO_GCcomb", 1);
        gaussian("desi_dr2_lya", "desi_dr2.desi_bao_lya", "DESI DR2 Lyman-alpha z 2.33", d2 + "Lya_GCcomb", 1);
        alias("desi_dr2", "desi_dr2");

        String d1 = "desi_2024_gaussian_bao_";
        gaussian("desi_dr1", "desi_2024_bao_all", "DESI DR1 BAO, all tracers (12 points, z 0.295-2.33)", d1 + "ALL_GCcomb", 1);
        gaussian("desi_dr1_bgs", "desi_2024_bao_bgs_z1", "DESI DR1 BGS, D_V at z 0.295",
                d1 + "BGS_BRIGHT-21.5_GCcomb_z0.1-0.4", 1);
        gaussian("desi_dr1_lrg1", "desi_2024_bao_lrg_z1", "DESI DR1 LRG 0.4<z<0.6", d1 + "LRG_GCcomb_z0.4-0.6", 1);
        gaussian("desi_dr1_lrg2", "desi_2024_bao_lrg_z2", "DESI DR1 LRG 0.6<z<0.8", d1 + "LRG_GCcomb_z0.6-0.8", 1);
        gaussian("desi_dr1_lrg3pluselg1", "desi_2024_bao_lrgpluselg_z1", "DESI DR1 LRG+ELG 0.8<z<1.1",
                d1 + "LRG+ELG_LOPnotqso_GCcomb_z0.8-1.1", 1);
        gaussian("desi_dr1_elg2", "desi_2024_bao_elg_z2", "DESI DR1 ELG 1.1<z<1.6", d1 + "ELG_LOPnotqso_GCcomb_z1.1-1.6", 1);
        gaussian("desi_dr1_qso", "desi_2024_bao_qso_z1", "DESI DR1 QSO, D_V at z 1.491", d1 + "QSO_GCcomb_z0.8-2.1", 1);
        gaussian("desi_dr1_lya", "desi_2024_bao_lya", "DESI DR1 Lyman-alpha z 2.33", d1 + "Lya_GCcomb", 1);
        gaussian("desi_dr1_eboss_lya", "desi_2024_eboss_bao_lya", "DESI DR1 + eBOSS DR16 Lyman-alpha combined, z 2.33",
                "desi_2024_eboss_gaussian_bao_Lya_GCcomb", 1);

        double dr12 = 1.0 / 147.78; // rs_fid of the DR12 consensus files
        gaussian("sdss_dr12_consensus", "sdss_dr12_consensus_bao", "SDSS DR12 consensus BAO-only: D_M, H at z 0.38-0.61",
                "sdss_DR12Consensus_bao.dat", "BAO_consensus_covtot_dM_Hz.txt", dr12);
        gaussian("sdss_dr12_consensus_final", "sdss_dr12_consensus_final", "SDSS DR12 consensus final: D_M, H, f sigma8",
                "sdss_DR12Consensus_final.dat", "final_consensus_covtot_dM_Hz_fsig.txt", dr12);
        gaussian("sdss_dr12_consensus_full_shape", "sdss_dr12_consensus_full_shape",
                "SDSS DR12 consensus full-shape: D_M, H, f sigma8", "sdss_DR12Consensus_FS.dat",
                "FS_consensus_covtot_dM_Hz_fsig.txt", dr12);
        gaussian("sdss_dr12_lrg", "sdss_dr12_lrg_bao_dmdh", "SDSS DR12 LRG BAO: D_M/r_d, D_H/r_d at z 0.38, 0.51",
                "sdss_DR12_LRG_BAO_DMDH.dat", "sdss_DR12_LRG_BAO_DMDH_covtot.txt", 1);
        gaussian("sdss_dr16_lrg", "sdss_dr16_lrg_bao_dmdh", "eBOSS DR16 LRG BAO: D_M/r_d, D_H/r_d at z 0.698",
                "sdss_DR16_LRG_BAO_DMDH.dat", "sdss_DR16_LRG_BAO_DMDH_covtot.txt", 1);
        gaussian("sdss_dr16_baoplus_lrg", "sdss_dr16_baoplus_lrg",
                "BOSS DR12 + eBOSS DR16 LRG BAO+RSD: D_M/r_d, D_H/r_d, f sigma8 at z 0.38, 0.51, 0.698",
                "sdss_DR16_BAOplus_LRG_FSBAO_DMDHfs8.dat", "sdss_DR16_BAOplus_LRG_FSBAO_DMDHfs8_covtot.txt", 1);
        gaussian("sdss_dr16_qso", "sdss_dr16_qso_bao_dmdh", "eBOSS DR16 QSO BAO: D_M/r_d, D_H/r_d at z 1.48",
                "sdss_DR16_QSO_BAO_DMDH.txt", "sdss_DR16_QSO_BAO_DMDH_covtot.txt", 1);
        gaussian("sdss_dr16_baoplus_qso", "sdss_dr16_baoplus_qso", "eBOSS DR16 QSO BAO+RSD: D_M/r_d, D_H/r_d, f sigma8 at z 1.48",
                "sdss_DR16_BAOplus_QSO_FSBAO_DMDHfs8.dat", "sdss_DR16_BAOplus_QSO_FSBAO_DMDHfs8_covtot.txt", 1);
        put(new DataSet("sdss_dr16_elg", "sdss_dr16_bao_elg", "eBOSS DR16 ELG BAO: tabulated likelihood of D_V/r_d at z 0.845",
                dir -> readDvTable("sdss_dr16_elg", dir.resolve("sdss_DR16_ELG_BAO_DVtable.txt"), 0.845)));
        put(new DataSet("sdss_dr16_baoplus_elg", "sdss_dr16_baoplus_elg",
                "eBOSS DR16 ELG BAO+RSD: tabulated likelihood of D_M/r_d, D_H/r_d, f sigma8 at z 0.85",
                dir -> readGrid3d("sdss_dr16_baoplus_elg", dir.resolve("sdss_DR16_ELG_FSBAO_DMDHfs8gridlikelihood.txt"), 0.85)));
        put(new DataSet("sdss_dr16_lyauto", "sdss_dr16_baoplus_lyauto",
                "eBOSS DR16 Lyman-alpha auto: tabulated likelihood of D_M/r_d, D_H/r_d at z 2.334",
                dir -> readGrid2d("sdss_dr16_lyauto", dir.resolve("sdss_DR16_LYAUTO_BAO_DMDHgrid.txt"), 2.334)));
        put(new DataSet("sdss_dr16_lyxqso", "sdss_dr16_baoplus_lyxqso",
                "eBOSS DR16 Lyman-alpha x QSO: tabulated likelihood of D_M/r_d, D_H/r_d at z 2.334",
                dir -> readGrid2d("sdss_dr16_lyxqso", dir.resolve("sdss_DR16_LYxQSO_BAO_DMDHgrid.txt"), 2.334)));
        put(new DataSet("sdss_dr7_mgs", "sdss_dr7_mgs",
                "SDSS DR7 main galaxy sample: tabulated chi2 of alpha = D_V(0.15)/r_d / (638.9518/148.69)",
                dir -> readMgs(dir.resolve("sdss_MGS_prob.txt"))));
        put(new DataSet("sixdf", "sixdf_2011_bao", "6dF Galaxy Survey: r_s/D_V at z 0.106 = 0.336 +- 0.015 (EH98 r_s convention)",
                dir -> GaussianBaoLikelihood.of("bao.sixdf", new double[] {0.106},
                        new BaoObservable[] {BaoObservable.RS_OVER_DV}, new double[] {0.336},
                        new double[][] {{0.015 * 0.015}}, 1.027369826)));
        gaussian("test_mixed_observables", "generic", "cobaya's test file for bao.generic (D_V, F_AP, D_M, D_H; rs_fid 1)",
                "test_bao_mixed_observables_mean.txt", "test_bao_mixed_observables_cov.txt", 1);
    }

    private BaoDataSets() {
    }

    /** @return every data-set name, in a stable order */
    public static List<String> names() {
        return List.copyOf(SETS.keySet());
    }

    /** @return every data set by name (unmodifiable) */
    public static Map<String, DataSet> all() {
        return Collections.unmodifiableMap(SETS);
    }

    /**
     * @param name a data-set name, or cobaya's name (with or without {@code bao.})
     * @return the data set
     * @throws InvalidOptionException listing the valid names if {@code name} is unknown
     */
    public static DataSet get(String name) {
        String n = name.trim();
        String key = n.toLowerCase(Locale.ROOT);
        if (key.startsWith("bao.")) {
            key = key.substring(4);
        }
        DataSet d = SETS.get(key);
        if (d == null && ALIASES.containsKey(key)) {
            d = SETS.get(ALIASES.get(key));
        }
        if (d == null) {
            throw new InvalidOptionException("dataset", "unknown BAO data set '" + name + "'; valid: "
                    + String.join(", ", SETS.keySet())
                    + " (cobaya names such as bao.sdss_dr12_consensus_bao are accepted too)");
        }
        return d;
    }

    // ---- loaders -------------------------------------------------------------------------------------

    private static void gaussian(String name, String cobaya, String description, String prefix, double rsRescale) {
        gaussian(name, cobaya, description, prefix + "_mean.txt", prefix + "_cov.txt", rsRescale);
    }

    private static void gaussian(String name, String cobaya, String description, String mean, String cov, double rsRescale) {
        put(new DataSet(name, cobaya, description,
                dir -> GaussianBaoLikelihood.read("bao." + name, dir.resolve(mean), dir.resolve(cov), rsRescale)));
    }

    private static void put(DataSet d) {
        SETS.put(d.name(), d);
        alias(d.cobayaName(), d.name());
    }

    private static void alias(String cobaya, String name) {
        ALIASES.put(cobaya.toLowerCase(Locale.ROOT), name);
    }

    /** SDSS DR7 MGS (cobaya prob_dist): chi² on α = linspace(0.8005, 1.1985, 399), spline of −χ²/2. */
    static SplineBaoLikelihood readMgs(Path file) {
        double[][] t = DataTables.read(file, BaoFiles.SOURCE, 1, DataTables.ANY);
        double lo = 0.8005;
        double hi = 1.1985;
        int n = t.length;
        if (n < 4) {
            throw new DataFileException(file + ": " + n + " chi2 values, need at least 4");
        }
        double[] alpha = linspace(lo, hi, n);
        double[] lnL = new double[n];
        for (int i = 0; i < n; i++) {
            lnL[i] = -0.5 * t[i][0];
        }
        // rs_rescale = D_V,fid / r_s,fid = 638.9518 / 148.69, so DV_over_rs is α.
        return SplineBaoLikelihood.of("bao.sdss_dr7_mgs", BaoObservable.DV_OVER_RS, 0.15, 4.29720761315,
                InterpolatingSpline.of(alpha, lnL), lo, hi);
    }

    /** As numpy.linspace: start + i·step, last point exactly {@code stop}. */
    static double[] linspace(double start, double stop, int n) {
        double step = (stop - start) / (n - 1);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = i * step + start;
        }
        a[n - 1] = stop;
        return a;
    }

    /** eBOSS DR16 ELG: rows {@code DV/rd  p}; spline of ln p. */
    static SplineBaoLikelihood readDvTable(String name, Path file, double z) {
        double[][] t = DataTables.read(file, BaoFiles.SOURCE, 2, DataTables.ANY);
        double[] x = new double[t.length];
        double[] y = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            x[i] = t[i][0];
            if (!(t[i][1] > 0)) {
                throw new DataFileException(file + " row " + (i + 1) + ": probability " + t[i][1] + " must be > 0");
            }
            y[i] = Math.log(t[i][1]);
        }
        InterpolatingSpline s;
        try {
            s = InterpolatingSpline.of(x, y);
        } catch (DataFileException | NumericalException e) {
            throw new DataFileException(file + ": " + e.getMessage(), e);
        }
        return SplineBaoLikelihood.of("bao." + name, BaoObservable.DV_OVER_RS, z, 1.0, s, x[0], x[x.length - 1]);
    }

    /** eBOSS DR16 Lyα: rows {@code DM/rd  DH/rd  p} on a grid, first column slowest; bicubic spline of ln p. */
    static BicubicBaoLikelihood readGrid2d(String name, Path file, double z) {
        double[][] t = DataTables.read(file, BaoFiles.SOURCE, 3, DataTables.ANY);
        double[] x = unique(t, 0);
        double[] y = unique(t, 1);
        if (x.length * y.length != t.length) {
            throw new DataFileException(file + ": " + t.length + " rows do not form a grid of " + x.length + " x " + y.length);
        }
        double[][] lnp = new double[x.length][y.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y.length; j++) {
                double[] row = t[i * y.length + j];
                if (row[0] != x[i] || row[1] != y[j]) {
                    throw new DataFileException(file + " row " + (i * y.length + j + 1)
                            + ": not in grid order (first column slowest, both ascending)");
                }
                if (!(row[2] > 0)) {
                    throw new DataFileException(file + " row " + (i * y.length + j + 1) + ": probability " + row[2] + " must be > 0");
                }
                lnp[i][j] = Math.log(row[2]);
            }
        }
        BicubicGridSpline s;
        try {
            s = BicubicGridSpline.of(x, y, lnp);
        } catch (DataFileException | NumericalException e) {
            throw new DataFileException(file + ": " + e.getMessage(), e);
        }
        return BicubicBaoLikelihood.of("bao." + name, BaoObservable.DM_OVER_RS, BaoObservable.DH_OVER_RS, z, 1.0, s);
    }

    /** eBOSS DR16 ELG BAO+RSD: rows {@code DM/rd DH/rd fσ8 p}, first column slowest; trilinear in ln(p + 1e-300). */
    static TrilinearBaoLikelihood readGrid3d(String name, Path file, double z) {
        double[][] t = DataTables.read(file, BaoFiles.SOURCE, 4, DataTables.ANY);
        double[] x = unique(t, 0);
        double[] y = unique(t, 1);
        double[] w = unique(t, 2);
        if (x.length * y.length * w.length != t.length) {
            throw new DataFileException(file + ": " + t.length + " rows do not form a grid of " + x.length + " x " + y.length
                    + " x " + w.length);
        }
        double[] v = new double[t.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y.length; j++) {
                for (int k = 0; k < w.length; k++) {
                    int r = (i * y.length + j) * w.length + k;
                    if (t[r][0] != x[i] || t[r][1] != y[j] || t[r][2] != w[k]) {
                        throw new DataFileException(file + " row " + (r + 1) + ": not in grid order (first column slowest)");
                    }
                    v[r] = Math.log(t[r][3] + 1e-300);
                }
            }
        }
        try {
            return TrilinearBaoLikelihood.of("bao." + name, BaoObservable.DM_OVER_RS, BaoObservable.DH_OVER_RS,
                    BaoObservable.F_SIGMA8, z, 1.0, TrilinearGrid.of(x, y, w, v));
        } catch (DataFileException e) {
            throw new DataFileException(file + ": " + e.getMessage(), e);
        }
    }

    private static double[] unique(double[][] t, int col) {
        return Arrays.stream(t).mapToDouble(r -> r[col]).sorted().distinct().toArray();
    }
}
