package org.cosmoemu.likelihoods.lensing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.EllFactor;
import org.cosmoemu.theory.CmbSpectra;
import org.cosmoemu.theory.CmbSpectra.Spectrum;
import org.cosmoemu.theory.SimpleObservables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny synthetic CMBlikes data set whose χ² is computed by hand here. */
class CmbLikesDatasetTest {
    @TempDir
    Path dir;

    // theory: PP = [L(L+1)]^2 C^pp / 2pi and D_TT at L = 2, 3, 4
    private static final double[] PP = {2.0e-7, 3.0e-7, 5.0e-7};
    private static final double[] DTT = {1000.0, 900.0, 800.0};

    @BeforeEach
    void writeDataset() throws IOException {
        Files.writeString(dir.resolve("toy.dataset"), """
                # a toy lensing data set
                like_approx = gaussian
                fields_use = P
                fields_required = T P
                binned = T
                nbins = 3
                use_min = 1
                use_max = 2
                cl_lmin = 2
                cl_lmax = 4
                cl_hat_file = toy_bandpowers.dat
                bin_window_files = toy_window/window%u.dat
                bin_window_in_order = PP
                covmat_cl = PP
                covmat_fiducial = toy_cov.dat
                linear_correction_fiducial_file = toy_fid.dat
                linear_correction_bin_window_files = toy_delta/window%u.dat
                linear_correction_bin_window_in_order = TT PP
                linear_correction_bin_window_out_order = PP PP
                calibration_param = toy.paramnames
                """);
        Files.writeString(dir.resolve("toy.paramnames"), "A_toy   A_{\\rm toy}\n");
        Files.writeString(dir.resolve("toy_bandpowers.dat"), """
                # a comment
                # bin L_min L_max PP Error
                1 2 3 2.4e-7 1e-8
                2 3 4 4.6e-7 1e-8
                3 5 9 9.9e-7 1e-8
                """);
        Files.createDirectories(dir.resolve("toy_window"));
        Files.writeString(dir.resolve("toy_window/window1.dat"), "2 0.5\n3 0.5\n");
        // L = 5 lies above cl_lmax: ignored, as cobaya does
        Files.writeString(dir.resolve("toy_window/window2.dat"), "3 0.25\n4 0.75\n5 9.0\n");
        Files.createDirectories(dir.resolve("toy_delta"));
        Files.writeString(dir.resolve("toy_delta/window1.dat"), "0 0 0\n1 0 0\n2 1e-10 0.1\n3 0 0\n4 2e-10 0\n");
        Files.writeString(dir.resolve("toy_delta/window2.dat"), "3 -1e-10 0.2\n");
        Files.writeString(dir.resolve("toy_fid.dat"), "# bin PP\n1 1e-8\n2 -2e-8\n3 7\n");
        Files.writeString(dir.resolve("toy_cov.dat"), "4e-16 1e-16 0\n1e-16 2e-16 0\n0 0 1\n");
    }

    private static SimpleObservables theory() {
        CmbSpectra cmb = CmbSpectra.builder(10).set(Spectrum.PP, 2, PP, EllFactor.L_L1_SQUARED_OVER_2PI, 1.0)
                .set(Spectrum.TT, 2, DTT, EllFactor.L_L1_OVER_2PI, 1.0).build();
        return SimpleObservables.of(cmb);
    }

    /** By hand: T_b = Σ W PP + Σ (M_TT D_TT / A² + M_PP PP) − F, χ² = xᵀ C⁻¹ x on bins 1, 2. */
    private static double handChi2(double a) {
        double cal = 1.0 / (a * a);
        double t1 = 0.5 * PP[0] + 0.5 * PP[1] + (1e-10 * DTT[0] + 2e-10 * DTT[2]) * cal + 0.1 * PP[0] - 1e-8;
        double t2 = 0.25 * PP[1] + 0.75 * PP[2] + (-1e-10 * DTT[1]) * cal + 0.2 * PP[1] + 2e-8;
        double x1 = t1 - 2.4e-7;
        double x2 = t2 - 4.6e-7;
        double det = 4e-16 * 2e-16 - 1e-16 * 1e-16;
        return (x1 * x1 * 2e-16 - 2 * x1 * x2 * 1e-16 + x2 * x2 * 4e-16) / det;
    }

    @Test
    void chi2MatchesHandComputation() {
        CmbLikesLensing like = CmbLikesLensing.of("toy", CmbLikesDataset.read(dir.resolve("toy.dataset"), "nowhere"));
        assertEquals(2, like.size());
        assertEquals("A_toy", like.nuisanceParameters().get(0).name());
        assertEquals(EnumSet.of(Spectrum.TT, Spectrum.PP), like.requirements().spectra());
        assertEquals(4, like.requirements().lmax());
        assertEquals(handChi2(1.0), like.chi2(theory(), new double[]{1.0}), 1e-12 * handChi2(1.0));
        assertEquals(handChi2(1.1), like.chi2(theory(), new double[]{1.1}), 1e-12 * handChi2(1.1));
    }

    @Test
    void defaultFileSuppliesUnsetKeysAndBinSelectionPicksCovarianceBlock() throws IOException {
        // inherit everything, use bin 2 only, no calibration, PP-only linear correction
        Files.writeString(dir.resolve("toy2.dataset"), """
                DEFAULT(toy.dataset)
                use_min = 2
                fields_required = P
                calibration_param =
                linear_correction_bin_window_in_order = PP
                linear_correction_bin_window_out_order = PP
                linear_correction_bin_window_files = toy_deltapp/window%u.dat
                """);
        Files.createDirectories(dir.resolve("toy_deltapp"));
        Files.writeString(dir.resolve("toy_deltapp/window2.dat"), "3 0.2\n");
        CmbLikesLensing like = CmbLikesLensing.of("toy2", CmbLikesDataset.read(dir.resolve("toy2.dataset"), null));
        assertEquals(1, like.size());
        assertTrue(like.nuisanceParameters().isEmpty());
        double x2 = 0.25 * PP[1] + 0.75 * PP[2] + 0.2 * PP[1] + 2e-8 - 4.6e-7;
        assertEquals(x2 * x2 / 2e-16, like.chi2(theory(), new double[0]), 1e-12 * x2 * x2 / 2e-16);
    }

    @Test
    void unsupportedFeaturesAreNamed() throws IOException {
        Files.writeString(dir.resolve("hl.dataset"), "DEFAULT(toy.dataset)\nlike_approx = HL\n");
        DataFileException e = assertThrows(DataFileException.class,
                () -> CmbLikesDataset.read(dir.resolve("hl.dataset"), null));
        assertTrue(e.getMessage().contains("hl.dataset") && e.getMessage().contains("like_approx = HL"), e.getMessage());
        Files.writeString(dir.resolve("tt.dataset"), "DEFAULT(toy.dataset)\nfields_use = T\n");
        e = assertThrows(DataFileException.class, () -> CmbLikesDataset.read(dir.resolve("tt.dataset"), null));
        assertTrue(e.getMessage().contains("fields_use"), e.getMessage());
        Files.writeString(dir.resolve("req.dataset"), "DEFAULT(toy.dataset)\nfields_required = P\n");
        e = assertThrows(DataFileException.class, () -> CmbLikesDataset.read(dir.resolve("req.dataset"), null));
        assertTrue(e.getMessage().contains("fields_required lacks T"), e.getMessage());
    }

    @Test
    void missingAndMalformedFilesAreNamed() throws IOException {
        Files.delete(dir.resolve("toy_delta/window2.dat"));
        DataFileException e = assertThrows(DataFileException.class,
                () -> CmbLikesDataset.read(dir.resolve("toy.dataset"), "https://example.org/toy"));
        assertTrue(e.getMessage().contains("toy_delta/window2.dat"), e.getMessage());
        assertTrue(e.getMessage().contains("https://example.org/toy"), e.getMessage());
        Files.writeString(dir.resolve("toy_delta/window2.dat"), "3 -1e-10\n");
        e = assertThrows(DataFileException.class, () -> CmbLikesDataset.read(dir.resolve("toy.dataset"), null));
        assertTrue(e.getMessage().contains("columns"), e.getMessage());
        Files.writeString(dir.resolve("toy_delta/window2.dat"), "3 -1e-10 0.2\n");
        Files.writeString(dir.resolve("toy_cov.dat"), "1e-16 2e-16 0\n2e-16 1e-16 0\n0 0 1\n");
        e = assertThrows(DataFileException.class,
                () -> CmbLikesLensing.of("toy", CmbLikesDataset.read(dir.resolve("toy.dataset"), null)));
        assertTrue(e.getMessage().contains("toy_cov.dat") && e.getMessage().contains("positive definite"),
                e.getMessage());
        Files.writeString(dir.resolve("toy.dataset"), "like_approx = gaussian\nnbins\n");
        e = assertThrows(DataFileException.class, () -> CmbLikesDataset.read(dir.resolve("toy.dataset"), null));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
