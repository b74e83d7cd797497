package org.cosmoemu.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.testing.SharedTestData;
import org.cosmoemu.theory.CmbSpectra.Spectrum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 4: the spectra table reader follows the header's column order (CAMB writes L TT EE BB TE), refuses
 * a table whose order it cannot know, and checks that ℓ is integral, contiguous and bounded before allocating.
 */
class SpectraTableTest {

    @TempDir
    Path tmp;

    private Path table(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    private static double dl(CmbSpectra c, Spectrum s, int ell) {
        return c.dl(s, ell);
    }

    @Test
    void cambLensedClsColumnsFollowTheHeader() throws IOException {
        // CAMB's lensedCls: L TT EE BB TE (the old reader took column 2 as TE)
        Path f = table("lensedCls.dat", """
                #    L    TT             EE             BB             TE
                     2    0.10580E+04    0.38581E-01    0.18920E-05    0.29894E+01
                     3    0.10010E+04    0.55430E-01    0.37863E-05    0.34939E+01
                """);
        CmbSpectra c = CmbSpectra.readCambTable(f);
        assertEquals(1058.0, dl(c, Spectrum.TT, 2), 1e-9);
        assertEquals(0.038581, dl(c, Spectrum.EE, 2), 1e-12);
        assertEquals(1.8920e-6, dl(c, Spectrum.BB, 2), 1e-15);
        assertEquals(3.4939, dl(c, Spectrum.TE, 3), 1e-12);
        assertFalse(c.has(Spectrum.PP));
    }

    @Test
    void realCambFilesAgreeWithTheirOwnRows() {
        Path f = SharedTestData.path("likelihoods/act_dr6_lenslike/fiducial_cosmo2017/cosmo2017_10K_acc3_lensedCls.dat");
        CmbSpectra c = CmbSpectra.readCambTable(f);
        // first row of the file: 2  0.10580E+04  0.38581E-01  0.18920E-05  0.29894E+01
        assertEquals(2.9894, dl(c, Spectrum.TE, 2), 1e-12);
        assertEquals(0.038581, dl(c, Spectrum.EE, 2), 1e-12);
        assertEquals(8250, c.lmax());
        Path p = SharedTestData.path("likelihoods/act_dr6_lenslike/fiducial_cosmo2017/cosmo2017_10K_acc3_lenspotentialCls.dat");
        CmbSpectra lp = CmbSpectra.readCambTable(p);
        // 2  0.10579E+04  0.38579E-01  0.00000E+00  0.29894E+01  0.52091E-07 ...
        assertEquals(2.9894, dl(lp, Spectrum.TE, 2), 1e-12);
        assertEquals(0.52091e-7, lp.ppCamb(2), 1e-19);
        // the plik-lite test spectrum: '# ell, DTT, DTE, DEE'
        CmbSpectra pl = CmbSpectra.readCambTable(SharedTestData.path(
                "likelihoods/planck2018_plik_lite/planck2018_plik_lite/../test_spectrum/Dl_planck2015fit.dat"));
        assertEquals(3.239968909520973828, dl(pl, Spectrum.TE, 2), 1e-12);
    }

    @Test
    void tableWithoutAHeaderNeedsTheColumnOrder() throws IOException {
        Path f = table("bare.dat", "2 1000 3 0.04\n3 990 3.5 0.05\n");
        DataFileException e = assertThrows(DataFileException.class, () -> CmbSpectra.readCambTable(f));
        assertTrue(e.getMessage().contains("no header naming its columns") && e.getMessage().contains("--columns"),
                e.getMessage());
        CmbSpectra c = CmbSpectra.readTable(f, List.of("L", "TT", "TE", "EE"));
        assertEquals(3.5, dl(c, Spectrum.TE, 3), 1e-12);
        assertThrows(DataFileException.class, () -> CmbSpectra.readTable(f, List.of("L", "TT", "TE")), "3 names for 4 columns");
        assertThrows(DataFileException.class, () -> CmbSpectra.readTable(f, List.of("TT", "L", "TE", "EE")), "L not first");
        assertThrows(DataFileException.class, () -> CmbSpectra.readTable(f, List.of("L", "TT", "TT", "EE")), "TT twice");
    }

    @Test
    void unknownColumnNameIsRefused() throws IOException {
        Path f = table("odd.dat", "# L TT XX\n2 1000 1\n3 990 2\n");
        DataFileException e = assertThrows(DataFileException.class, () -> CmbSpectra.readCambTable(f));
        assertTrue(e.getMessage().contains("'XX', not a known column"), e.getMessage());
    }

    @Test
    void hugeMultipoleIsRefusedBeforeAllocating() throws IOException {
        // a single line with L = 1e9 allocated five arrays of a billion doubles (OutOfMemoryError); 3e9 overflowed
        for (String ell : new String[] {"1000000000", "3000000000", "20001", "-1"}) {
            Path f = table("huge" + ell + ".dat", "# L TT\n" + ell + " 1000\n");
            DataFileException e = assertThrows(DataFileException.class, () -> CmbSpectra.readCambTable(f));
            assertTrue(e.getMessage().contains("L = " + ell + " is not an integer in 0..20000"), e.getMessage());
        }
    }

    @Test
    void stageFourMultipolesAreRead() throws IOException {
        StringBuilder sb = new StringBuilder("# L TT TE EE BB PP\n");
        for (int l = 2; l <= 5000; l++) {
            sb.append(l).append(" 1.5 0.25 0.5 0.001 1e-8\n");
        }
        CmbSpectra c = CmbSpectra.readCambTable(table("s4.dat", sb.toString()));
        assertEquals(5000, c.lmax());
        assertEquals(0.25, c.dl(Spectrum.TE, 5000), 1e-12);
    }

    @Test
    void nonIntegerMultipolesAreRefused() throws IOException {
        Path f = table("half.dat", "# L TT\n2.5 1000\n3.5 990\n");
        DataFileException e = assertThrows(DataFileException.class, () -> CmbSpectra.readCambTable(f));
        assertTrue(e.getMessage().contains("line 2: L = 2.5 is not an integer"), e.getMessage());
    }

    @Test
    void nonFiniteValuesAreRefused() throws IOException {
        for (String bad : new String[] {"NaN", "Infinity", "-inf", "1e999", "0x1p3", "1f"}) {
            Path f = table("bad.dat", "# L TT EE\n2 1000 0.04\n3 " + bad + " 0.05\n");
            DataFileException e = assertThrows(DataFileException.class, () -> CmbSpectra.readCambTable(f), bad);
            assertTrue(e.getMessage().contains("line 3 column 2"), e.getMessage());
        }
    }

    @Test
    void gapsInTheMultipolesAreRefused() throws IOException {
        Path f = table("gap.dat", "# L TT\n2 1000\n4 990\n");
        assertTrue(assertThrows(DataFileException.class, () -> CmbSpectra.readCambTable(f)).getMessage()
                .contains("L = 4 does not follow L = 2"));
    }
}
