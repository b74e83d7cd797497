package org.cosmoemu.likelihoods.act;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.EllFactor;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.MissingQuantityException;
import org.cosmoemu.api.NumericalException;
import org.cosmoemu.api.testing.SharedTestData;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.Likelihoods;
import org.cosmoemu.likelihoods.act.ActDr6Lensing.Corrections;
import org.cosmoemu.likelihoods.act.ActDr6Lensing.Variant;
import org.cosmoemu.likelihoods.lensing.LensingTestSpectra;
import org.cosmoemu.theory.CmbSpectra;
import org.cosmoemu.theory.CmbSpectra.Spectrum;
import org.cosmoemu.theory.SimpleObservables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ACT DR6 lensing against the reference values of act_dr6_lenslike/SPEC.md (official test_act.py, the candl
 * tests) and against likelihoods/src/test/scripts/lensing_check.py (an independent NumPy implementation).
 */
class ActDr6LensingTest {
    private static Path data;
    private static SimpleObservables fiducial;

    @BeforeAll
    static void load() {
        data = SharedTestData.path("likelihoods/act_dr6_lenslike");
        fiducial = SimpleObservables.of(LensingTestSpectra.cosmo2017(3001));
    }

    private static ActDr6Lensing act(Variant v, boolean lensOnly, double nsims) {
        ActDr6Lensing.Builder b = ActDr6Lensing.builder().variant(v).lensOnly(lensOnly).nsimsAct(nsims);
        if (!lensOnly) {
            b.corrections(Corrections.NONE);
        }
        return b.build(data);
    }

    /**
     * SPEC §7 table: official expected χ² (test_act.py, places=1), the SPEC's recomputed columns for nsims_act 796
     * and 792 (4 decimals), and lensing_check.py's values (10 decimals). The official lens_only=False values
     * were computed with corrections on, which vanish at this fiducial input, so corrections=none reproduces them.
     */
    @ParameterizedTest(name = "{0} lens_only={1}")
    @CsvSource({
        "act_baseline,       true,  14.06,  14.0579,  14.0569,  14.0579117887,  14.0569143621",
        "act_baseline,       false, 14.13,  14.1315,  14.1305,  14.1315004774,  14.1304978296",
        "actplanck_baseline, true,  21.07,  21.0716,  21.0716,  21.0716312736,  21.0716312736",
        "actplanck_baseline, false, 21.46,  21.4618,  21.4618,  21.4617993004,  21.4617993004",
        "act_extended,       true,  17.66,  17.6574,  17.6558,  17.6573941096,  17.6557934937",
        "act_extended,       false, 17.72,  17.7196,  17.7180,  17.7196137882,  17.7180075322",
        "actplanck_extended, true,  24.4,   24.3969,  24.3969,  24.3968899128,  24.3968899128",
        "actplanck_extended, false, 24.75,  24.7462,  24.7462,  24.7462340936,  24.7462340936",
        "act_polonly,        true,  309.71, 309.7061, 309.6842, 309.7061444872, 309.6841704451",
        "act_cibdeproj,      true,  15.16,  15.1636,  15.1625,  15.1635835878,  15.1625077124",
        "act_cinpaint,       true,  15.94,  15.9425,  15.9414,  15.9425355548,  15.9414044117"})
    void reproducesSpecTable(String variant, boolean lensOnly, double official, double spec796, double spec792,
            double numpy796, double numpy792) {
        Variant v = Variant.fromId(variant);
        double chi796 = act(v, lensOnly, 796).chi2(fiducial, new double[0]);
        double chi792 = act(v, lensOnly, 792).chi2(fiducial, new double[0]);
        assertEquals(official, chi796, 0.05, "official test_act.py value (places=1)");
        assertEquals(spec796, chi796, 0.005, "SPEC recomputed (796)");
        assertEquals(spec792, chi792, 0.005, "SPEC recomputed (792)");
        assertEquals(numpy796, chi796, 1e-8, "lensing_check.py (796)");
        assertEquals(numpy792, chi792, 1e-8, "lensing_check.py (792)");
    }

    @Test
    void defaultNsimsIsCobayas792() {
        double def = ActDr6Lensing.builder().build(data).chi2(fiducial, new double[0]);
        assertEquals(14.0569143621, def, 1e-8);
    }

    @Test
    void candlLensOnlyTest() {
        SimpleObservables t = SimpleObservables.of(LensingTestSpectra.candl("ACT_DR6_Lens_test_spec.txt"));
        assertEquals(-7.028457181071917, act(Variant.ACT_BASELINE, true, 792).logLike(t), 1e-8);
    }

    @Test
    void candlLensAndCmbTestWithAndWithoutN1Corrections() {
        SimpleObservables t = SimpleObservables.of(LensingTestSpectra.candl("ACT_DR6_Lens_and_CMB_test_spec.txt"));
        assertEquals(-7.0652489147803506, act(Variant.ACT_BASELINE, false, 792).logLike(t), 1e-8);
        // at the fiducial the N1 responses cancel their fiducial value (to ~1e-15): a wrong column order would not
        ActDr6Lensing n1 = ActDr6Lensing.builder().lensOnly(false).corrections(Corrections.N1).build(data);
        assertEquals(-7.0652489147803506, n1.logLike(t), 1e-8);
    }

    @Test
    void n1CorrectionsAwayFromTheFiducialMatchNumpy() {
        // lensing_check.py: C_TT x 1.02, C_EE x 0.99, C_kk x 1.03
        SimpleObservables t = SimpleObservables.of(LensingTestSpectra.cosmo2017Scaled(3001, 1.02, 0.99, 1.03));
        ActDr6Lensing n1 = ActDr6Lensing.builder().lensOnly(false).corrections(Corrections.N1).build(data);
        ActDr6Lensing none = ActDr6Lensing.builder().lensOnly(false).corrections(Corrections.NONE).build(data);
        assertEquals(-8.930597264943, n1.logLike(t), 1e-9);
        assertEquals(-8.806898497187, none.logLike(t), 1e-9);
        assertEquals(EnumSet.allOf(Spectrum.class), n1.requirements().spectra());
        assertEquals(2952, n1.requirements().lmax());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"act_baseline, 14.2046673400", "act_extended, 18.9112580100", "actplanck_baseline, 19.9703668700",
        "actplanck_extended, 24.3820005300"})
    void cambTableAsTheCliReadsIt(String variant, double numpy) {
        // the CLI's --spectra mode: CmbSpectra.readCambTable (L TT TE EE BB PP, up to L = 2508)
        CmbSpectra cls = CmbSpectra.readCambTable(SharedTestData.path("reference/planck2018_bestfit_theory_cls.txt"));
        double chi2 = act(Variant.fromId(variant), true, 792).chi2(SimpleObservables.of(cls), new double[0]);
        assertEquals(numpy, chi2, 1e-7);
    }

    @Test
    void fiducialLensPotentialFileThroughTheCliReader() {
        // lenspotentialCls columns are L TT EE BB TE PP TP EP, as its header says; the reader follows the header
        CmbSpectra cls = CmbSpectra.readCambTable(data.resolve("fiducial_cosmo2017/cosmo2017_10K_acc3_lenspotentialCls.dat"));
        assertEquals(14.0579117887, act(Variant.ACT_BASELINE, true, 796).chi2(SimpleObservables.of(cls), new double[0]),
                1e-8);
    }

    @Test
    void requirementsSizesAndName() {
        ActDr6Lensing base = act(Variant.ACT_BASELINE, true, 792);
        assertEquals(EnumSet.of(Spectrum.PP), base.requirements().spectra());
        assertEquals(763, base.requirements().lmax());
        assertEquals(10, base.size());
        assertEquals(1300, act(Variant.ACT_EXTENDED, true, 792).requirements().lmax());
        assertEquals(13, act(Variant.ACT_EXTENDED, true, 792).size());
        assertEquals(19, act(Variant.ACTPLANCK_BASELINE, true, 792).size());
        assertEquals(22, act(Variant.ACTPLANCK_EXTENDED, false, 792).size());
        assertTrue(base.nuisanceParameters().isEmpty());
        assertEquals("act_dr6_lensing[variant=act_baseline, lens_only=true, nsims_act=792]", base.name());
    }

    @Test
    void hartlapFactorScalesChi2() {
        ActDr6Lensing with = act(Variant.ACT_BASELINE, true, 792);
        ActDr6Lensing without = ActDr6Lensing.builder().hartlap(false).build(data);
        double h = (792.0 - 10 - 2) / (792.0 - 1);
        assertEquals(with.chi2(fiducial, new double[0]) / h, without.chi2(fiducial, new double[0]), 1e-10);
        // actplanck uses min(nsims_act, nsims_planck): changing nsims_act above 400 changes nothing
        assertEquals(act(Variant.ACTPLANCK_BASELINE, true, 796).chi2(fiducial, new double[0]),
                act(Variant.ACTPLANCK_BASELINE, true, 5000).chi2(fiducial, new double[0]), 1e-12);
        double hp = (300.0 - 19 - 2) / (300.0 - 1) / ((400.0 - 19 - 2) / (400.0 - 1));
        double c400 = act(Variant.ACTPLANCK_BASELINE, true, 792).chi2(fiducial, new double[0]);
        double c300 = ActDr6Lensing.builder().variant(Variant.ACTPLANCK_BASELINE).nsimsPlanck(300).build(data)
                .chi2(fiducial, new double[0]);
        assertEquals(c400 * hp, c300, 1e-10);
    }

    @Test
    void providerBuildsTheSameLikelihood() {
        Likelihood viaName = Likelihoods.create("act_dr6_lensing",
                Map.of("variant", "act_extended", "lens_only", "false", "corrections", "none", "nsims_act", "796"));
        assertEquals(17.7196137882, viaName.chi2(fiducial, new double[0]), 1e-8);
        assertEquals(14.0569143621, Likelihoods.create("act_dr6_lensing", Map.of()).chi2(fiducial, new double[0]), 1e-8);
    }

    @Test
    void sameResultFromManyThreads() throws Exception {
        ActDr6Lensing like = act(Variant.ACTPLANCK_EXTENDED, true, 792);
        double expected = like.logLike(fiducial);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Double>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> like.logLike(fiducial)));
            }
            for (Future<Double> f : results) {
                assertEquals(expected, f.get(), 0.0);
            }
        } finally {
            pool.shutdown();
        }
    }

    // ------------------------------------------------------------------------------------------ errors

    @Test
    void missingDataFolderNamesItAndTheSource(@TempDir Path tmp) {
        DataFileException e = assertThrows(DataFileException.class, () -> ActDr6Lensing.builder().build(tmp));
        assertTrue(e.getMessage().contains("clkk_bandpowers_act.txt"), e.getMessage());
        assertTrue(e.getMessage().contains("lambda.gsfc.nasa.gov"), e.getMessage());
    }

    @Test
    void missingCovarianceFileIsNamed(@TempDir Path tmp) throws Exception {
        Path v12 = Files.createDirectories(tmp.resolve("v1.2"));
        for (String f : List.of("clkk_bandpowers_act.txt", "binning_matrix_act.txt")) {
            Files.copy(data.resolve("v1.2").resolve(f), v12.resolve(f));
        }
        DataFileException e = assertThrows(DataFileException.class, () -> ActDr6Lensing.builder().build(tmp));
        assertTrue(e.getMessage().contains("covmat_act_cmbmarg.txt"), e.getMessage());
        assertTrue(e.getMessage().contains("ACT_dr6_likelihood_v1.2.tgz"), e.getMessage());
    }

    @Test
    void missingCandlFilesForN1AreNamed(@TempDir Path tmp) throws Exception {
        Path v12 = Files.createDirectories(tmp.resolve("v1.2"));
        try (var files = Files.list(data.resolve("v1.2"))) {
            for (Path f : files.toList()) {
                Files.copy(f, v12.resolve(f.getFileName()));
            }
        }
        DataFileException e = assertThrows(DataFileException.class,
                () -> ActDr6Lensing.builder().lensOnly(false).corrections(Corrections.N1).build(tmp));
        assertTrue(e.getMessage().contains("fiducial_correction.txt"), e.getMessage());
        assertTrue(e.getMessage().contains("github.com/Lbalkenhol/candl_data"), e.getMessage());
    }

    @Test
    void malformedBandpowerFileIsNamed(@TempDir Path tmp) throws Exception {
        Path v12 = Files.createDirectories(tmp.resolve("v1.2"));
        Files.writeString(v12.resolve("clkk_bandpowers_act.txt"), "# header\n1.0e-7\nnot-a-number\n");
        DataFileException e = assertThrows(DataFileException.class, () -> ActDr6Lensing.builder().build(tmp));
        assertTrue(e.getMessage().contains("clkk_bandpowers_act.txt line 3"), e.getMessage());
    }

    @Test
    void unknownVariantOrOptionListsTheValidOnes() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> Likelihoods.create("act_dr6_lensing", Map.of("variant", "act_wide")));
        assertTrue(e.getMessage().contains("act_baseline") && e.getMessage().contains("act_cinpaint"), e.getMessage());
        e = assertThrows(InvalidOptionException.class,
                () -> Likelihoods.create("act_dr6_lensing", Map.of("lmax", "4000")));
        assertTrue(e.getMessage().contains("nsims_act") && e.getMessage().contains("corrections"), e.getMessage());
        e = assertThrows(InvalidOptionException.class,
                () -> Likelihoods.create("act_dr6_lensing", Map.of("lens_only", "false", "corrections", "some")));
        assertTrue(e.getMessage().contains("n1"), e.getMessage());
        assertThrows(InvalidOptionException.class,
                () -> Likelihoods.create("act_dr6_lensing", Map.of("nsims_act", "many")));
    }

    @Test
    void unsupportedCombinationsAreClearErrors() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> ActDr6Lensing.builder().lensOnly(false).corrections(Corrections.FULL).check());
        assertTrue(e.getMessage().contains("like_corrs"), e.getMessage());
        assertEquals("corrections", e.option());
        e = assertThrows(InvalidOptionException.class,
                () -> ActDr6Lensing.builder().lensOnly(false).check());
        assertTrue(e.getMessage().contains("corrections=none") && e.getMessage().contains("corrections=n1"), e.getMessage());
        e = assertThrows(InvalidOptionException.class, () -> ActDr6Lensing.builder()
                .variant(Variant.ACT_EXTENDED).lensOnly(false).corrections(Corrections.N1).check());
        assertTrue(e.getMessage().contains("act_extended"), e.getMessage());
        e = assertThrows(InvalidOptionException.class, () -> ActDr6Lensing.builder()
                .variant(Variant.ACTPLANCK_BASELINE).lensOnly(false).corrections(Corrections.N1).check());
        assertTrue(e.getMessage().contains("Planck N1"), e.getMessage());
        e = assertThrows(InvalidOptionException.class,
                () -> ActDr6Lensing.builder().corrections(Corrections.N1).check());
        assertTrue(e.getMessage().contains("lens_only=false"), e.getMessage());
        e = assertThrows(InvalidOptionException.class, () -> ActDr6Lensing.builder()
                .variant(Variant.ACT_POLONLY).lensOnly(false).corrections(Corrections.NONE).check());
        assertTrue(e.getMessage().contains("act_polonly"), e.getMessage());
        // via the provider: reported before the data directory is looked at
        e = assertThrows(InvalidOptionException.class, () -> Likelihoods.create("act_dr6_lensing",
                Map.of("variant", "act_cibdeproj", "lens_only", "false", "corrections", "none")));
        assertTrue(e.getMessage().contains("act_cibdeproj"), e.getMessage());
        e = assertThrows(InvalidOptionException.class,
                () -> ActDr6Lensing.builder().nsimsAct(12).build(data));
        assertTrue(e.getMessage().contains("Hartlap"), e.getMessage());
        assertEquals("nsims_act", e.option());
    }

    @Test
    void theoryLackingPpOrMultipolesIsRejected() {
        ActDr6Lensing like = act(Variant.ACT_BASELINE, true, 792);
        CmbSpectra ttOnly = CmbSpectra.builder(3000).set(Spectrum.TT, 2, new double[]{1, 2, 3}, EllFactor.NONE, 1.0)
                .build();
        MissingQuantityException e = assertThrows(MissingQuantityException.class,
                () -> like.logLike(SimpleObservables.of(ttOnly)));
        assertTrue(e.getMessage().contains("PP"), e.getMessage());
        CmbSpectra shortPp = CmbSpectra.builder(700).set(Spectrum.PP, 2, new double[]{1e-8}, EllFactor.NONE, 1.0)
                .build();
        e = assertThrows(MissingQuantityException.class, () -> like.logLike(SimpleObservables.of(shortPp)));
        assertTrue(e.getMessage().contains("763") && e.getMessage().contains("700"), e.getMessage());
        ActDr6Lensing n1 = ActDr6Lensing.builder().lensOnly(false).corrections(Corrections.N1).build(data);
        CmbSpectra ppOnly = CmbSpectra.builder(3000).set(Spectrum.PP, 2, new double[]{1e-8}, EllFactor.NONE, 1.0)
                .build();
        e = assertThrows(MissingQuantityException.class, () -> n1.logLike(SimpleObservables.of(ppOnly)));
        assertTrue(e.getMessage().contains("TT"), e.getMessage());
    }

    @Test
    void nonFiniteTheoryAndWrongNuisanceAreRejected() {
        ActDr6Lensing like = act(Variant.ACT_BASELINE, true, 792);
        double[] pp = new double[3000];
        pp[100] = Double.NaN;
        CmbSpectra nan = CmbSpectra.builder(3000).set(Spectrum.PP, 0, pp, EllFactor.NONE, 1.0).build();
        assertThrows(NumericalException.class, () -> like.logLike(SimpleObservables.of(nan)));
        assertThrows(InvalidParameterException.class, () -> like.logLike(fiducial, new double[]{1.0}));
    }
}
