package org.cosmoemu.likelihoods.lensing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.EllFactor;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.MissingQuantityException;
import org.cosmoemu.api.testing.SharedTestData;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.Likelihoods;
import org.cosmoemu.likelihoods.NuisanceParameter;
import org.cosmoemu.likelihoods.Prior;
import org.cosmoemu.likelihoods.lensing.PlanckLensing.Pr4Variant;
import org.cosmoemu.likelihoods.lensing.PlanckLensing.Range2018;
import org.cosmoemu.theory.CmbSpectra;
import org.cosmoemu.theory.CmbSpectra.Spectrum;
import org.cosmoemu.theory.SimpleObservables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Planck 2018 and PR4 lensing against the regression values of planck2018_lensing/SPEC.md and
 * planck_pr4_lensing/SPEC.md (FFP10 fiducial input, A_planck = 1) and against lensing_check.py.
 */
class PlanckLensingTest {
    private static Path p18;
    private static Path pr4;
    private static SimpleObservables ffp10;

    @BeforeAll
    static void load() {
        p18 = SharedTestData.path("likelihoods/planck2018_lensing");
        pr4 = SharedTestData.path("likelihoods/planck_pr4_lensing");
        ffp10 = SimpleObservables.of(LensingTestSpectra.ffp10());
    }

    private static CmbLikesLensing create(String which) {
        return switch (which) {
            case "consext8_native" -> (CmbLikesLensing) PlanckLensing.planck2018(p18, Range2018.CONSEXT8, false);
            case "consext8_cmbmarged" -> (CmbLikesLensing) PlanckLensing.planck2018(p18, Range2018.CONSEXT8, true);
            case "agr2_native" -> (CmbLikesLensing) PlanckLensing.planck2018(p18, Range2018.AGR2, false);
            case "agr2_cmbmarged" -> (CmbLikesLensing) PlanckLensing.planck2018(p18, Range2018.AGR2, true);
            case "pr4_ps1" -> (CmbLikesLensing) PlanckLensing.pr4(pr4, Pr4Variant.PS1);
            case "pr4_cmbmarged" -> (CmbLikesLensing) PlanckLensing.pr4(pr4, Pr4Variant.CMB_MARGINALISED);
            case "pr4_polonly" -> (CmbLikesLensing) PlanckLensing.pr4(pr4, Pr4Variant.POL_ONLY);
            default -> throw new IllegalArgumentException(which);
        };
    }

    /** SPEC values (6 decimals) and lensing_check.py (10 decimals); pol-only has no SPEC value. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "consext8_native,    9.271102,  9.2711019010",
        "consext8_cmbmarged, 9.089752,  9.0897524737",
        "agr2_native,        16.030069, 16.0300690374",
        "agr2_cmbmarged,     15.530271, 15.5302711396",
        "pr4_ps1,            9.314049,  9.3140494812",
        "pr4_cmbmarged,      8.863447,  8.8634470993",
        "pr4_polonly,        NaN,       5.2568414290"})
    void reproducesSpecRegressionValuesAtFfp10(String which, double spec, double numpy) {
        CmbLikesLensing like = create(which);
        double chi2 = -2 * like.logLike(ffp10); // A_planck at its default 1
        if (!Double.isNaN(spec)) {
            assertEquals(spec, chi2, 1e-6, "SPEC");
        }
        assertEquals(numpy, chi2, 1e-8, "lensing_check.py");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"consext8_native, 9.0177100400", "pr4_ps1, 8.7015611300"})
    void calibrationDividesCmbSpectraByASquared(String which, double numpy) {
        assertEquals(numpy, create(which).chi2(ffp10, new double[]{1.0025}), 1e-7);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "consext8_native,    8.8916836800", "consext8_cmbmarged, 9.0819653100", "agr2_native, 13.9901985900",
        "agr2_cmbmarged,     13.5001505900", "pr4_ps1, 8.7870968900", "pr4_cmbmarged, 8.5061942300",
        "pr4_polonly,        4.6786680300"})
    void cambTableAsTheCliReadsIt(String which, double numpy) {
        CmbSpectra cls = CmbSpectra.readCambTable(SharedTestData.path("reference/planck2018_bestfit_theory_cls.txt"));
        assertEquals(numpy, -2 * create(which).logLike(SimpleObservables.of(cls)), 1e-7);
    }

    @Test
    void fiducialLensPotentialFileThroughTheCliReader() {
        // lenspotentialCls: L TT EE BB TE PP TP EP, read from its header; the file starts at L = 1
        CmbSpectra cls = CmbSpectra.readCambTable(pr4.resolve("data_pr4/FFP10_wdipole_lenspotentialCls.dat"));
        assertEquals(9.0897524737, -2 * create("consext8_cmbmarged").logLike(SimpleObservables.of(cls)), 1e-8);
        assertEquals(8.8634470993, -2 * create("pr4_cmbmarged").logLike(SimpleObservables.of(cls)), 1e-8);
    }

    @Test
    void requirementsAndNuisanceParameters() {
        CmbLikesLensing nat = create("consext8_native");
        assertEquals(EnumSet.of(Spectrum.TT, Spectrum.TE, Spectrum.EE, Spectrum.PP), nat.requirements().spectra());
        assertEquals(2500, nat.requirements().lmax());
        assertEquals(List.of(new NuisanceParameter("A_planck", 1.0, Prior.gaussian(1.0, 0.0025))),
                nat.nuisanceParameters());
        assertEquals(9, nat.size());
        assertEquals("planck2018_lensing[variant=native, dataset=consext8]", nat.name());
        CmbLikesLensing marged = create("consext8_cmbmarged");
        assertEquals(EnumSet.of(Spectrum.PP), marged.requirements().spectra());
        assertEquals(2500, marged.requirements().lmax());
        assertTrue(marged.nuisanceParameters().isEmpty());
        assertEquals(14, create("agr2_native").size());
        CmbLikesLensing pol = create("pr4_polonly");
        assertEquals(EnumSet.of(Spectrum.PP), pol.requirements().spectra());
        assertEquals(400, pol.requirements().lmax());
        assertTrue(pol.nuisanceParameters().isEmpty(), "A_planck multiplies nothing in the pol-only data set");
        assertEquals(1, create("pr4_ps1").nuisanceParameters().size());
    }

    @Test
    void providerOptions() {
        Likelihood l = Likelihoods.create("planck2018_lensing", Map.of("variant", "cmbmarged", "dataset", "agr2"));
        assertEquals(15.5302711396, -2 * l.logLike(ffp10), 1e-8);
        assertEquals(9.2711019010, -2 * Likelihoods.create("planck2018_lensing", Map.of()).logLike(ffp10), 1e-8);
        assertEquals(9.3140494812, -2 * Likelihoods.create("planck_pr4_lensing", Map.of()).logLike(ffp10), 1e-8);
        assertEquals(5.2568414290,
                -2 * Likelihoods.create("planck_pr4_lensing", Map.of("variant", "polonly")).logLike(ffp10), 1e-8);
    }

    @Test
    void unknownOptionsListTheValidOnes() {
        org.cosmoemu.api.InvalidOptionException e = assertThrows(org.cosmoemu.api.InvalidOptionException.class,
                () -> Likelihoods.create("planck2018_lensing", Map.of("variant", "clik")));
        assertTrue(e.getMessage().contains("native") && e.getMessage().contains("cmbmarged"), e.getMessage());
        e = assertThrows(org.cosmoemu.api.InvalidOptionException.class,
                () -> Likelihoods.create("planck2018_lensing", Map.of("dataset", "agr1")));
        assertTrue(e.getMessage().contains("consext8") && e.getMessage().contains("agr2"), e.getMessage());
        e = assertThrows(org.cosmoemu.api.InvalidOptionException.class,
                () -> Likelihoods.create("planck_pr4_lensing", Map.of("variant", "mv")));
        assertTrue(e.getMessage().contains("ps1") && e.getMessage().contains("polonly"), e.getMessage());
        e = assertThrows(org.cosmoemu.api.InvalidOptionException.class,
                () -> Likelihoods.create("planck_pr4_lensing", Map.of("dataset", "consext8")));
        assertTrue(e.getMessage().contains("variant"), e.getMessage());
    }

    @Test
    void missingDataNamesTheFileAndSource(@TempDir Path tmp) {
        DataFileException e = assertThrows(DataFileException.class,
                () -> PlanckLensing.planck2018(tmp, Range2018.CONSEXT8, false));
        assertTrue(e.getMessage().contains("smicadx12_Dec5_ftl_mv2_ndclpp_p_teb_consext8.dataset"), e.getMessage());
        assertTrue(e.getMessage().contains("planck_supp_data_and_covmats"), e.getMessage());
        e = assertThrows(DataFileException.class, () -> PlanckLensing.pr4(tmp, Pr4Variant.PS1));
        assertTrue(e.getMessage().contains("PS1.dataset") && e.getMessage().contains("carronj/planck_PR4_lensing"),
                e.getMessage());
    }

    @Test
    void theoryLackingSpectraIsRejected() {
        CmbSpectra ppOnly = CmbSpectra.builder(2500).set(Spectrum.PP, 2, new double[]{1e-8}, EllFactor.NONE, 1.0)
                .build();
        MissingQuantityException e = assertThrows(MissingQuantityException.class,
                () -> create("consext8_native").logLike(SimpleObservables.of(ppOnly)));
        assertTrue(e.getMessage().contains("needs the T"), e.getMessage());
        CmbSpectra tt = CmbSpectra.builder(2500).set(Spectrum.TT, 2, new double[]{1.0}, EllFactor.NONE, 1.0).build();
        e = assertThrows(MissingQuantityException.class,
                () -> create("consext8_cmbmarged").logLike(SimpleObservables.of(tt)));
        assertTrue(e.getMessage().contains("PP"), e.getMessage());
    }

    @Test
    void badNuisanceValuesAreRejected() {
        CmbLikesLensing nat = create("consext8_native");
        assertThrows(InvalidParameterException.class, () -> nat.logLike(ffp10, new double[0]));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> nat.logLike(ffp10, new double[]{Double.NaN}));
        assertTrue(e.getMessage().contains("A_planck"), e.getMessage());
        assertEquals("A_planck", e.parameter());
        assertThrows(InvalidParameterException.class, () -> nat.logLike(ffp10, new double[]{-1.0}));
    }
}
