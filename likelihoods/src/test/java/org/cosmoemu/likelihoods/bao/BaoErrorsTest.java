package org.cosmoemu.likelihoods.bao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.MissingQuantityException;
import org.cosmoemu.api.NumericalException;
import org.cosmoemu.likelihoods.Likelihoods;
import org.cosmoemu.theory.Observables;
import org.cosmoemu.theory.SimpleObservables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaoErrorsTest {

    @Test
    void missingFileNamesItAndWhereItIsPublished(@TempDir Path empty) {
        DataFileException e = assertThrows(DataFileException.class, () -> BaoLikelihood.of(empty, "desi_dr2"));
        assertTrue(e.getMessage().contains("desi_gaussian_bao_ALL_GCcomb_mean.txt"), e.getMessage());
        assertTrue(e.getMessage().contains("github.com/CobayaSampler/bao_data"), e.getMessage());
        e = assertThrows(DataFileException.class, () -> BaoLikelihood.of(empty, "sdss_dr7_mgs"));
        assertTrue(e.getMessage().contains("sdss_MGS_prob.txt"), e.getMessage());
    }

    /** The 3-D ELG BAO+RSD grid is absent from the data snapshot: a clear error, not a crash. */
    @Test
    void absentElgGridIsReported() {
        Path data = BaoDataSetsTest.dir(); // outside the lambda: absent data skips the test, it is not the error
        DataFileException e = assertThrows(DataFileException.class,
                () -> BaoLikelihood.of(data, "sdss_dr16_baoplus_elg"));
        assertTrue(e.getMessage().contains("sdss_DR16_ELG_FSBAO_DMDHfs8gridlikelihood.txt"), e.getMessage());
    }

    @Test
    void unknownDataSetListsTheValidOnes() {
        Path data = BaoDataSetsTest.dir();
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> BaoLikelihood.of(data, "desi_dr2,desi_dr3"));
        assertEquals("dataset", e.option());
        assertTrue(e.getMessage().contains("'desi_dr3'"), e.getMessage());
        for (String valid : new String[] {"desi_dr2", "desi_dr1", "sdss_dr12_consensus", "sdss_dr16_lrg", "sdss_dr7_mgs", "sixdf",
            "desi_dr2_lya"}) {
            assertTrue(e.getMessage().contains(valid), e.getMessage());
        }
        assertThrows(InvalidOptionException.class, () -> BaoLikelihood.of(data, "desi_dr2,,sixdf"));
        e = assertThrows(InvalidOptionException.class, () -> BaoLikelihood.of(data, "sixdf,bao.sixdf_2011_bao"));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        org.cosmoemu.api.InvalidOptionException o = assertThrows(org.cosmoemu.api.InvalidOptionException.class,
                () -> Likelihoods.create("bao", Map.of("datasets", "sixdf")));
        assertTrue(o.getMessage().contains("dataset"), o.getMessage());
    }

    @Test
    void malformedFilesNameFileAndLine(@TempDir Path dir) throws Exception {
        Path src = BaoDataSetsTest.dir();
        Files.createDirectories(dir.resolve("desi_bao_dr2"));
        Path mean = dir.resolve("desi_bao_dr2/desi_gaussian_bao_QSO_GCcomb_mean.txt");
        Path cov = dir.resolve("desi_bao_dr2/desi_gaussian_bao_QSO_GCcomb_cov.txt");
        Files.copy(src.resolve("desi_bao_dr2/desi_gaussian_bao_QSO_GCcomb_cov.txt"), cov);

        Files.writeString(mean, "# [z] [value at z] [quantity]\n1.484 30.5 DM_over_rs\n1.484 twelve DH_over_rs\n");
        DataFileException e = assertThrows(DataFileException.class, () -> BaoLikelihood.of(dir, "desi_dr2_qso"));
        assertTrue(e.getMessage().contains(mean.toString()) && e.getMessage().contains("line 3"), e.getMessage());

        Files.writeString(mean, "1.484 30.5 DM_over_rs\n1.484 12.8 DX_over_rs\n");
        e = assertThrows(DataFileException.class, () -> BaoLikelihood.of(dir, "desi_dr2_qso"));
        assertTrue(e.getMessage().contains("DX_over_rs") && e.getMessage().contains("DH_over_rs"), e.getMessage());

        Files.writeString(mean, "1.484 30.5 DM_over_rs\n");
        e = assertThrows(DataFileException.class, () -> BaoLikelihood.of(dir, "desi_dr2_qso"));
        assertTrue(e.getMessage().contains("covariance is 2x2") && e.getMessage().contains("1 measurements"), e.getMessage());

        Files.writeString(mean, "1.484 30.5 DM_over_rs\n1.484 12.8 DH_over_rs\n");
        Files.writeString(cov, "1 2\n2 1\n");
        e = assertThrows(DataFileException.class, () -> BaoLikelihood.of(dir, "desi_dr2_qso"));
        assertTrue(e.getMessage().contains("not positive definite") && e.getMessage().contains(cov.toString()), e.getMessage());

        Files.writeString(cov, "1 0.1\n0.2 1\n");
        e = assertThrows(DataFileException.class, () -> BaoLikelihood.of(dir, "desi_dr2_qso"));
        assertTrue(e.getMessage().contains("not symmetric"), e.getMessage());
    }

    @Test
    void theoryLackingWhatIsNeededIsNamed() {
        BaoLikelihood desi = BaoLikelihood.of(BaoDataSetsTest.dir(), "desi_dr2");
        MissingQuantityException e = assertThrows(MissingQuantityException.class,
                () -> desi.logLike(SimpleObservables.builder().derived(Observables.RDRAG, 147.0).build()));
        assertTrue(e.getMessage().contains("bao.desi_dr2") && e.getMessage().contains("background"), e.getMessage());
        e = assertThrows(MissingQuantityException.class,
                () -> desi.logLike(SimpleObservables.builder().background(BaoDataSetsTest.BG).build()));
        assertTrue(e.getMessage().contains("rdrag"), e.getMessage());
        BaoLikelihood rsd = BaoLikelihood.of(BaoDataSetsTest.dir(), "sdss_dr12_consensus_final");
        e = assertThrows(MissingQuantityException.class, () -> rsd.logLike(
                SimpleObservables.builder().background(BaoDataSetsTest.BG).derived(Observables.RDRAG, 147.0).build()));
        assertTrue(e.getMessage().contains("f sigma8"), e.getMessage());
        NumericalException a = assertThrows(NumericalException.class, () -> desi.logLike(
                SimpleObservables.builder().background(BaoDataSetsTest.BG).derived(Observables.RDRAG, Double.NaN).build()));
        assertTrue(a.getMessage().contains("rdrag"), a.getMessage());
        assertThrows(InvalidParameterException.class, () -> desi.logLike(BaoDataSetsTest.theory(), new double[] {1.0}));
    }

    /** logLike allocates nothing once warm (HotSpot's per-thread allocation counter). */
    @Test
    void evaluationDoesNotAllocate() {
        BaoLikelihood l = BaoLikelihood.of(BaoDataSetsTest.dir(),
                "desi_dr2,sdss_dr12_consensus_final,sdss_dr7_mgs,sdss_dr16_elg,sdss_dr16_lyauto,sixdf");
        Observables th = BaoDataSetsTest.theory();
        double[] none = new double[0];
        double sink = 0;
        for (int i = 0; i < 20_000; i++) {
            sink += l.logLike(th, none);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            sink += l.logLike(th, none);
        }
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertTrue(Double.isFinite(sink));
        assertTrue(allocated < 10_000, "allocated " + allocated + " bytes in 10000 evaluations");
    }
}
