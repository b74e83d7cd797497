package org.cosmoemu.likelihoods.bao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import org.cosmoemu.api.testing.SharedTestData;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.Likelihoods;
import org.cosmoemu.theory.Background;
import org.cosmoemu.theory.FlatLcdmBackground;
import org.cosmoemu.theory.LinearGrowth;
import org.cosmoemu.theory.Observables;
import org.cosmoemu.theory.SimpleObservables;
import org.junit.jupiter.api.Test;

/**
 * Every named data set against an independent computation: the exact background at a stated cosmology
 * (ω_b 0.02225203, ω_cdm 0.1198657, H0 67.25, one 0.06 eV neutrino, CLASS conventions), r_drag 147.26 Mpc,
 * f σ8 from the linear growth with σ8 = 0.834, and the χ² evaluated in the test from the data files
 * ({@link BaoTestSupport}); the tabulated likelihoods against scipy's splines at placed theory points.
 */
class BaoDataSetsTest {
    static final FlatLcdmBackground BG = FlatLcdmBackground.ofH0(0.02225203, 0.1198657, 67.25);
    static final double RDRAG = 147.26;
    static final DoubleUnaryOperator FS8 = LinearGrowth.of(BG).fsigma8Function(0.834);

    static Observables theory() {
        return SimpleObservables.builder().background(BG).derived(Observables.RDRAG, RDRAG).fsigma8(FS8).build();
    }

    /** name → {mean file, cov file, rs_rescale} as SPEC.md tabulates them. */
    static final Map<String, Object[]> GAUSSIAN = Map.ofEntries(
            Map.entry("desi_dr2", new Object[] {"desi_bao_dr2/desi_gaussian_bao_ALL_GCcomb_mean.txt", "desi_bao_dr2/desi_gaussian_bao_ALL_GCcomb_cov.txt", 1.0}),
            Map.entry("desi_dr2_bgs", new Object[] {"desi_bao_dr2/desi_gaussian_bao_BGS_BRIGHT-21.35_GCcomb_mean.txt", "desi_bao_dr2/desi_gaussian_bao_BGS_BRIGHT-21.35_GCcomb_cov.txt", 1.0}),
            Map.entry("desi_dr2_lrg1", new Object[] {"desi_bao_dr2/desi_gaussian_bao_LRG_GCcomb_z0.4-0.6_mean.txt", "desi_bao_dr2/desi_gaussian_bao_LRG_GCcomb_z0.4-0.6_cov.txt", 1.0}),
            Map.entry("desi_dr2_lrg2", new Object[] {"desi_bao_dr2/desi_gaussian_bao_LRG_GCcomb_z0.6-0.8_mean.txt", "desi_bao_dr2/desi_gaussian_bao_LRG_GCcomb_z0.6-0.8_cov.txt", 1.0}),
            Map.entry("desi_dr2_lrg3pluselg1", new Object[] {"desi_bao_dr2/desi_gaussian_bao_LRG+ELG_LOPnotqso_GCcomb_mean.txt", "desi_bao_dr2/desi_gaussian_bao_LRG+ELG_LOPnotqso_GCcomb_cov.txt", 1.0}),
            Map.entry("desi_dr2_elg2", new Object[] {"desi_bao_dr2/desi_gaussian_bao_ELG_LOPnotqso_GCcomb_z1.1-1.6_mean.txt", "desi_bao_dr2/desi_gaussian_bao_ELG_LOPnotqso_GCcomb_z1.1-1.6_cov.txt", 1.0}),
            Map.entry("desi_dr2_qso", new Object[] {"desi_bao_dr2/desi_gaussian_bao_QSO_GCcomb_mean.txt", "desi_bao_dr2/desi_gaussian_bao_QSO_GCcomb_cov.txt", 1.0}),
            Map.entry("desi_dr2_lya", new Object[] {"desi_bao_dr2/desi_gaussian_bao_Lya_GCcomb_mean.txt", "desi_bao_dr2/desi_gaussian_bao_Lya_GCcomb_cov.txt", 1.0}),
            Map.entry("desi_dr1", new Object[] {"desi_2024_gaussian_bao_ALL_GCcomb_mean.txt", "desi_2024_gaussian_bao_ALL_GCcomb_cov.txt", 1.0}),
            Map.entry("desi_dr1_bgs", new Object[] {"desi_2024_gaussian_bao_BGS_BRIGHT-21.5_GCcomb_z0.1-0.4_mean.txt", "desi_2024_gaussian_bao_BGS_BRIGHT-21.5_GCcomb_z0.1-0.4_cov.txt", 1.0}),
            Map.entry("desi_dr1_lrg1", new Object[] {"desi_2024_gaussian_bao_LRG_GCcomb_z0.4-0.6_mean.txt", "desi_2024_gaussian_bao_LRG_GCcomb_z0.4-0.6_cov.txt", 1.0}),
            Map.entry("desi_dr1_lrg2", new Object[] {"desi_2024_gaussian_bao_LRG_GCcomb_z0.6-0.8_mean.txt", "desi_2024_gaussian_bao_LRG_GCcomb_z0.6-0.8_cov.txt", 1.0}),
            Map.entry("desi_dr1_lrg3pluselg1", new Object[] {"desi_2024_gaussian_bao_LRG+ELG_LOPnotqso_GCcomb_z0.8-1.1_mean.txt", "desi_2024_gaussian_bao_LRG+ELG_LOPnotqso_GCcomb_z0.8-1.1_cov.txt", 1.0}),
            Map.entry("desi_dr1_elg2", new Object[] {"desi_2024_gaussian_bao_ELG_LOPnotqso_GCcomb_z1.1-1.6_mean.txt", "desi_2024_gaussian_bao_ELG_LOPnotqso_GCcomb_z1.1-1.6_cov.txt", 1.0}),
            Map.entry("desi_dr1_qso", new Object[] {"desi_2024_gaussian_bao_QSO_GCcomb_z0.8-2.1_mean.txt", "desi_2024_gaussian_bao_QSO_GCcomb_z0.8-2.1_cov.txt", 1.0}),
            Map.entry("desi_dr1_lya", new Object[] {"desi_2024_gaussian_bao_Lya_GCcomb_mean.txt", "desi_2024_gaussian_bao_Lya_GCcomb_cov.txt", 1.0}),
            Map.entry("desi_dr1_eboss_lya", new Object[] {"desi_2024_eboss_gaussian_bao_Lya_GCcomb_mean.txt", "desi_2024_eboss_gaussian_bao_Lya_GCcomb_cov.txt", 1.0}),
            Map.entry("sdss_dr12_consensus", new Object[] {"sdss_DR12Consensus_bao.dat", "BAO_consensus_covtot_dM_Hz.txt", 1 / 147.78}),
            Map.entry("sdss_dr12_consensus_final", new Object[] {"sdss_DR12Consensus_final.dat", "final_consensus_covtot_dM_Hz_fsig.txt", 1 / 147.78}),
            Map.entry("sdss_dr12_consensus_full_shape", new Object[] {"sdss_DR12Consensus_FS.dat", "FS_consensus_covtot_dM_Hz_fsig.txt", 1 / 147.78}),
            Map.entry("sdss_dr12_lrg", new Object[] {"sdss_DR12_LRG_BAO_DMDH.dat", "sdss_DR12_LRG_BAO_DMDH_covtot.txt", 1.0}),
            Map.entry("sdss_dr16_lrg", new Object[] {"sdss_DR16_LRG_BAO_DMDH.dat", "sdss_DR16_LRG_BAO_DMDH_covtot.txt", 1.0}),
            Map.entry("sdss_dr16_baoplus_lrg", new Object[] {"sdss_DR16_BAOplus_LRG_FSBAO_DMDHfs8.dat", "sdss_DR16_BAOplus_LRG_FSBAO_DMDHfs8_covtot.txt", 1.0}),
            Map.entry("sdss_dr16_qso", new Object[] {"sdss_DR16_QSO_BAO_DMDH.txt", "sdss_DR16_QSO_BAO_DMDH_covtot.txt", 1.0}),
            Map.entry("sdss_dr16_baoplus_qso", new Object[] {"sdss_DR16_BAOplus_QSO_FSBAO_DMDHfs8.dat", "sdss_DR16_BAOplus_QSO_FSBAO_DMDHfs8_covtot.txt", 1.0}),
            Map.entry("test_mixed_observables", new Object[] {"test_bao_mixed_observables_mean.txt", "test_bao_mixed_observables_cov.txt", 1.0}));

    static Path dir() {
        return SharedTestData.path("likelihoods/bao");
    }

    @Test
    void everyGaussianDataSetMatchesAnIndependentChi2() {
        Path dir = dir();
        for (Map.Entry<String, Object[]> e : GAUSSIAN.entrySet()) {
            Object[] f = e.getValue();
            double expected = BaoTestSupport.chi2(dir.resolve((String) f[0]), dir.resolve((String) f[1]), (Double) f[2], BG,
                    RDRAG, FS8);
            BaoLikelihood l = BaoLikelihood.of(dir, e.getKey());
            double chi2 = -2 * l.logLike(theory());
            assertEquals(expected, chi2, 1e-10 * Math.max(1, expected), e.getKey());
            assertTrue(chi2 > 0 && chi2 < 200, e.getKey() + ": chi2 " + chi2 + " at a Planck-like cosmology");
        }
    }

    @Test
    void sixdfByHand() {
        double dv = Math.cbrt(Math.pow(BG.comovingAngularDistance(0.106), 2) * BaoTestSupport.C * 0.106 / BG.hubble(0.106));
        double t = RDRAG * 1.027369826 / dv;
        double expected = Math.pow((t - 0.336) / 0.015, 2);
        assertEquals(expected, -2 * BaoLikelihood.of(dir(), "sixdf").logLike(theory()), 1e-12);
    }

    /** MGS at theory points that place α exactly where scipy was evaluated; −∞ outside [0.8005, 1.1985]. */
    @Test
    void mgsTabulatedLikelihood() {
        Likelihood l = BaoLikelihood.of(dir(), "sdss_dr7_mgs");
        double[] alpha = {0.80051, 0.8123456, 0.9, 0.95, 1.0, 1.0234567, 1.05, 1.1, 1.1984};
        double[] scipy = {-4.267574330645678, -4.0687576700750325, -4.307579860945049, -2.6417376304156783,
            -0.6085902273772376, -0.09284188063044213, -0.045051864686285054, -1.1086037841517171, -3.3507210761582};
        BaoTestSupport.StubBackground bg = new BaoTestSupport.StubBackground(600.0, 70.0);
        double dv = Math.cbrt(0.15 * 600.0 * 600.0 * BaoTestSupport.C / 70.0);
        for (int i = 0; i < alpha.length; i++) {
            double rd = dv / (4.29720761315 * alpha[i]);
            assertEquals(scipy[i], l.logLike(obs(bg, rd)), 1e-11, "alpha " + alpha[i]);
        }
        for (double a : new double[] {0.8004, 0.5, 1.1986, 3}) {
            assertEquals(Double.NEGATIVE_INFINITY, l.logLike(obs(bg, dv / (4.29720761315 * a))), "alpha " + a);
        }
    }

    @Test
    void elgTabulatedLikelihood() {
        Likelihood l = BaoLikelihood.of(dir(), "sdss_dr16_elg");
        double[] x = {15.0, 17.77, 18.5, 19.123, 20.0, 22.0};
        double[] scipy = {-1.7406648906894446, -0.40351368051717434, -0.047499728130786546, -0.9522340095164723,
            -3.637487413579127, -7.733401769851157};
        BaoTestSupport.StubBackground bg = new BaoTestSupport.StubBackground(3000.0, 140.0);
        double dv = Math.cbrt(0.845 * 3000.0 * 3000.0 * BaoTestSupport.C / 140.0);
        for (int i = 0; i < x.length; i++) {
            assertEquals(scipy[i], l.logLike(obs(bg, dv / x[i])), 1e-11, "DV/rd " + x[i]);
        }
        for (double v : new double[] {14.87, 10, 22.28, 30}) {
            assertEquals(Double.NEGATIVE_INFINITY, l.logLike(obs(bg, dv / v)), "DV/rd " + v);
        }
    }

    @Test
    void lymanAlphaTabulatedLikelihoods() {
        check2d("sdss_dr16_lyauto", BicubicGridSplineTest.LYAUTO);
        check2d("sdss_dr16_lyxqso", BicubicGridSplineTest.LYXQSO);
    }

    private static void check2d(String name, double[] scipy) {
        Likelihood l = BaoLikelihood.of(dir(), name);
        double rd = 147.0;
        // interior points only (the theory is placed up to rounding, which may fall off an exact edge)
        for (int i = 1; i < BicubicGridSplineTest.POINTS.length - 1; i++) {
            double[] p = BicubicGridSplineTest.POINTS[i];
            Observables th = obs(new BaoTestSupport.StubBackground(p[0] * rd, BaoTestSupport.C / (p[1] * rd)), rd);
            assertEquals(scipy[i], l.logLike(th), 1e-9, name + " at " + p[0] + ", " + p[1]);
        }
        for (double[] p : new double[][] {{31.36, 8.0}, {40.0, 6.88}, {47.05, 9.0}, {40.0, 10.33}}) {
            Observables th = obs(new BaoTestSupport.StubBackground(p[0] * rd, BaoTestSupport.C / (p[1] * rd)), rd);
            assertEquals(Double.NEGATIVE_INFINITY, l.logLike(th), name + " outside the grid at " + p[0] + ", " + p[1]);
        }
    }

    /** The 3-D ELG grid file is not in the data snapshot: test the trilinear likelihood on a synthetic grid. */
    @Test
    void trilinearGridLikelihoodOnSyntheticFile(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        StringBuilder sb = new StringBuilder();
        double[] xs = {17, 18, 19};
        double[] ys = {18, 19, 20, 21};
        double[] ws = {0.3, 0.4, 0.5, 0.6, 0.7};
        for (double x : xs) {
            for (double y : ys) {
                for (double w : ws) {
                    sb.append(x).append(' ').append(y).append(' ').append(w).append(' ')
                            .append(Math.exp(-1 - 0.5 * (x - 18) + 0.25 * (y - 19) - 3 * (w - 0.5))).append('\n');
                }
            }
        }
        Path f = tmp.resolve("grid.txt");
        Files.writeString(f, sb.toString());
        TrilinearBaoLikelihood l = BaoDataSets.readGrid3d("t", f, 0.85);
        double rd = 150;
        double x = 17.3;
        double y = 20.6;
        double w = 0.47;
        Observables th = SimpleObservables.builder().background(new BaoTestSupport.StubBackground(x * rd, BaoTestSupport.C / (y * rd)))
                .derived(Observables.RDRAG, rd).fsigma8(z -> w).build();
        assertEquals(-1 - 0.5 * (x - 18) + 0.25 * (y - 19) - 3 * (w - 0.5), l.logLike(th), 1e-12);
        Observables out = SimpleObservables.builder().background(new BaoTestSupport.StubBackground(x * rd, BaoTestSupport.C / (y * rd)))
                .derived(Observables.RDRAG, rd).fsigma8(z -> 0.71).build();
        assertEquals(Double.NEGATIVE_INFINITY, l.logLike(out));
        assertEquals(0.85, l.requirements().fsigma8Redshifts()[0], 0.0);
    }

    @Test
    void combinationIsTheProductOfItsParts() {
        Path dir = dir();
        BaoLikelihood both = BaoLikelihood.of(dir, "desi_dr2, sixdf,sdss_dr7_mgs,bao.sdss_dr12_consensus_final");
        double sum = 0;
        for (String n : List.of("desi_dr2", "sixdf", "sdss_dr7_mgs", "sdss_dr12_consensus_final")) {
            sum += BaoLikelihood.of(dir, n).logLike(theory());
        }
        assertEquals(sum, both.logLike(theory()), 1e-12);
        assertEquals("bao[dataset=desi_dr2,sixdf,sdss_dr7_mgs,sdss_dr12_consensus_final]", both.name());
        assertEquals(4, both.parts().size());
        assertTrue(both.requirements().background());
        assertEquals(Set.of(Observables.RDRAG), both.requirements().derived());
        assertEquals(3, both.requirements().fsigma8Redshifts().length);
        assertTrue(both.nuisanceParameters().isEmpty());
    }

    @Test
    void registeredThroughTheServiceLoader() {
        dir();
        assertTrue(Likelihoods.names().contains("bao"));
        Likelihood l = Likelihoods.create("bao", Map.of("dataset", "desi_dr1,sixdf"));
        assertEquals("bao[dataset=desi_dr1,sixdf]", l.name());
        Likelihood def = Likelihoods.create("bao", Map.of());
        assertEquals("bao[dataset=desi_dr2]", def.name());
        assertEquals(def.logLike(theory()), BaoLikelihood.of(dir(), "desi_dr2").logLike(theory()), 0.0);
    }

    @Test
    void cobayaNamesAreAliases() {
        Set<String> seen = new HashSet<>();
        for (BaoDataSets.DataSet d : BaoDataSets.all().values()) {
            assertEquals(d.name(), BaoDataSets.get("bao." + d.cobayaName()).name());
            assertTrue(seen.add(d.cobayaName()), "duplicate cobaya name " + d.cobayaName());
        }
        assertEquals("desi_dr2", BaoDataSets.get("bao.desi_dr2").name());
    }

    static Observables obs(Background bg, double rd) {
        return SimpleObservables.builder().background(bg).derived(Observables.RDRAG, rd).build();
    }
}
