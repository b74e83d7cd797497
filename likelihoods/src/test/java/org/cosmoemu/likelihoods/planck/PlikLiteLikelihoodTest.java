package org.cosmoemu.likelihoods.planck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.EllFactor;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.MissingQuantityException;
import org.cosmoemu.api.testing.SharedTestData;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.Likelihoods;
import org.cosmoemu.likelihoods.Prior;
import org.cosmoemu.likelihoods.planck.PlikLiteLikelihood.Spectra;
import org.cosmoemu.theory.CmbSpectra;
import org.cosmoemu.theory.CmbSpectra.Spectrum;
import org.cosmoemu.theory.Observables;
import org.cosmoemu.theory.SimpleObservables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class PlikLiteLikelihoodTest {
    private static final Logger LOG = LoggerFactory.getLogger(PlikLiteLikelihoodTest.class);

    static Path dir() {
        return SharedTestData.path("likelihoods/planck2018_plik_lite");
    }

    static Observables testSpectrum() {
        return SimpleObservables.of(CmbSpectra.readCambTable(dir().resolve("test_spectrum/Dl_planck2015fit.dat")));
    }

    /** SPEC.md §6: planck-lite-py's expected values for test_spectrum/Dl_planck2015fit.dat at A_planck = 1. */
    @Test
    void reproducesTheFourReferenceLogLikelihoods() {
        Observables th = testSpectrum();
        double[][] cases = {{-291.33481235418026, 0, 0}, {-101.58123068722583, 1, 0}, {-293.95586501795134, 0, 1},
            {-104.20228335099686, 1, 1}};
        StringBuilder sb = new StringBuilder();
        for (double[] c : cases) {
            PlikLiteLikelihood l = PlikLiteLikelihood.read(dir(), c[1] == 0 ? Spectra.TTTEEE : Spectra.TT, c[2] == 1);
            double v = l.logLike(th);
            sb.append(String.format("%n  %-55s %.14f (reference %.14f, diff %.1e)", l.name(), v, c[0], v - c[0]));
            assertEquals(c[0], v, 1e-9, l.name());
        }
        LOG.info("plik_lite reference log-likelihoods:{}", sb);
    }

    /** A_planck divides every binned spectrum by A²: same as feeding spectra divided by A² at A = 1. */
    @Test
    void calibrationRescalesTheTheory() {
        CmbSpectra cmb = CmbSpectra.readCambTable(dir().resolve("test_spectrum/Dl_planck2015fit.dat"));
        double a = 1.0025;
        CmbSpectra.Builder b = CmbSpectra.builder(cmb.lmax());
        for (Spectrum s : new Spectrum[] {Spectrum.TT, Spectrum.TE, Spectrum.EE}) {
            double[] v = cmb.toArray(s);
            for (int i = 0; i < v.length; i++) {
                v[i] /= a * a;
            }
            b.set(s, 0, v, EllFactor.NONE, 1.0);
        }
        Observables scaled = SimpleObservables.of(b.build());
        for (boolean low : new boolean[] {false, true}) {
            PlikLiteLikelihood l = PlikLiteLikelihood.read(dir(), Spectra.TTTEEE, low);
            assertEquals(l.logLike(scaled, new double[] {1.0}), l.logLike(SimpleObservables.of(cmb), new double[] {a}), 1e-9);
        }
        PlikLiteLikelihood l = PlikLiteLikelihood.read(dir(), Spectra.TT, false);
        assertEquals(1, l.nuisanceParameters().size());
        assertEquals("A_planck", l.nuisanceParameters().get(0).name());
        assertEquals(1.0, l.nuisanceParameters().get(0).defaultValue(), 0.0);
        assertEquals(Prior.gaussian(1.0, 0.0025), l.nuisanceParameters().get(0).prior());
        assertEquals(2508, l.requirements().lmax());
    }

    /**
     * Works from a CAMB text table: the Planck 2018 best-fit theory spectra. cobaya's reference χ² (CAMB, its
     * own precision settings) at the same best-fit cosmology is 584.24 with A_planck = 1.00044; the file here
     * was made by a different CAMB run, so only agreement to about a unit of χ² is expected.
     */
    @Test
    void worksFromACambTextTable() {
        Observables th = SimpleObservables.of(CmbSpectra.readCambTable(SharedTestData.path("reference/planck2018_bestfit_theory_cls.txt")));
        double chi2 = PlikLiteLikelihood.read(dir(), Spectra.TTTEEE, false).chi2(th, new double[] {1.00044});
        LOG.info("plik_lite TTTEEE chi2 of the Planck 2018 best-fit theory table: {} (cobaya/CAMB reference 584.24)", chi2);
        assertEquals(584.24, chi2, 1.5);
    }

    @Test
    void registeredWithItsOptions() {
        dir();
        Likelihood l = Likelihoods.create("planck2018_plik_lite", Map.of("spectra", "TT", "lowl_tt_bins", "true"));
        assertEquals("planck2018_plik_lite[spectra=TT,lowl_tt_bins=true]", l.name());
        assertEquals(-104.20228335099686, l.logLike(testSpectrum()), 1e-9);
        assertEquals("planck2018_plik_lite[spectra=TTTEEE,lowl_tt_bins=false]",
                Likelihoods.create("planck2018_plik_lite", Map.of()).name());
        org.cosmoemu.api.InvalidOptionException e = assertThrows(org.cosmoemu.api.InvalidOptionException.class,
                () -> Likelihoods.create("planck2018_plik_lite", Map.of("spectra", "EE")));
        assertTrue(e.getMessage().contains("TTTEEE") && e.getMessage().contains("TT"), e.getMessage());
        e = assertThrows(org.cosmoemu.api.InvalidOptionException.class,
                () -> Likelihoods.create("planck2018_plik_lite", Map.of("lowl", "true")));
        assertTrue(e.getMessage().contains("lowl_tt_bins"), e.getMessage());
    }

    @Test
    void errors(@TempDir Path empty) {
        DataFileException d = assertThrows(DataFileException.class, () -> PlikLiteLikelihood.read(empty, Spectra.TT, false));
        assertTrue(d.getMessage().contains("cl_cmb_plik_v22.dat") && d.getMessage().contains("planck-lite-py"), d.getMessage());
        PlikLiteLikelihood l = PlikLiteLikelihood.read(dir(), Spectra.TTTEEE, false);
        CmbSpectra full = CmbSpectra.readCambTable(dir().resolve("test_spectrum/Dl_planck2015fit.dat"));
        CmbSpectra ttOnly = CmbSpectra.builder(2508).set(Spectrum.TT, 0, full.toArray(Spectrum.TT), EllFactor.NONE, 1).build();
        MissingQuantityException s = assertThrows(MissingQuantityException.class,
                () -> l.logLike(SimpleObservables.of(ttOnly)));
        assertTrue(s.getMessage().contains("TE"), s.getMessage());
        CmbSpectra shortTt = CmbSpectra.builder(2000).set(Spectrum.TT, 0, full.toArray(Spectrum.TT), EllFactor.NONE, 1)
                .set(Spectrum.TE, 0, full.toArray(Spectrum.TE), EllFactor.NONE, 1)
                .set(Spectrum.EE, 0, full.toArray(Spectrum.EE), EllFactor.NONE, 1).build();
        s = assertThrows(MissingQuantityException.class, () -> l.logLike(SimpleObservables.of(shortTt)));
        assertTrue(s.getMessage().contains("2508"), s.getMessage());
        assertThrows(InvalidParameterException.class, () -> l.logLike(testSpectrum(), new double[0]));
        InvalidParameterException p = assertThrows(InvalidParameterException.class,
                () -> l.logLike(testSpectrum(), new double[] {-1}));
        assertEquals("A_planck", p.parameter());
        s = assertThrows(MissingQuantityException.class, () -> l.logLike(SimpleObservables.builder().build()));
        assertTrue(s.getMessage().contains("CMB"), s.getMessage());
    }

    @Test
    void evaluationDoesNotAllocate() {
        PlikLiteLikelihood l = PlikLiteLikelihood.read(dir(), Spectra.TTTEEE, true);
        Observables th = testSpectrum();
        double[] cal = {1.0};
        double sink = 0;
        for (int i = 0; i < 3000; i++) {
            sink += l.logLike(th, cal);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1000; i++) {
            sink += l.logLike(th, cal);
        }
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertTrue(Double.isFinite(sink));
        assertTrue(allocated < 10_000, "allocated " + allocated + " bytes in 1000 evaluations");
    }
}
