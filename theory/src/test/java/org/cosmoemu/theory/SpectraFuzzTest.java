package org.cosmoemu.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cosmoemu.api.DataDirectory;
import org.cosmoemu.api.testing.HostileInputFuzzer;
import org.cosmoemu.theory.CmbSpectra.Spectrum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzz harness over the spectra table reader (FUZZING.md): every input ends in spectra whose every value is
 * finite, or in a named error with a clean message, in bounded time and memory.
 */
class SpectraFuzzTest {

    @TempDir
    Path tmp;

    @Test
    void spectraTables() throws IOException {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("sdk.txt", ascii("    L    TT             TE             EE             BB             PP\n"
                + "     2   0.101673E+04   0.261753E+01   0.308827E-01   0.181847E-05   0.501352E-07\n"
                + "     3   0.963727E+03   0.293806E+01   0.396903E-01   0.363743E-05   0.609943E-07\n"
                + "     4   0.900000E+03   0.300000E+01   0.400000E-01   0.400000E-05   0.700000E-07\n"));
        seeds.put("lensedCls.dat", ascii("#    L    TT             EE             BB             TE\n"
                + "     2    0.10580E+04    0.38581E-01    0.18920E-05    0.29894E+01\n"
                + "     3    0.10010E+04    0.55430E-01    0.37863E-05    0.34939E+01\n"));
        seeds.put("plik.dat", ascii("# ell, DTT, DTE, DEE\n# from class\n2.000000000000000000e+00 1.07e+03 3.2e+00 4.5e-02\n"
                + "3.000000000000000000e+00 1.01e+03 3.3e+00 5.5e-02\n"));
        // the real tables, cut to their first rows (the reader's work is per line)
        for (String f : List.of("likelihoods/act_dr6_lenslike/fiducial_cosmo2017/cosmo2017_10K_acc3_lenspotentialCls.dat",
                "reference/planck2018_bestfit_theory_cls.txt")) {
            Path p = DataDirectory.root().resolve(f);
            if (Files.isRegularFile(p)) {
                List<String> lines = Files.readAllLines(p, StandardCharsets.ISO_8859_1);
                seeds.put(p.getFileName().toString(), ascii(String.join("\n", lines.subList(0, Math.min(40, lines.size())))
                        + "\n"));
            }
        }
        HostileInputFuzzer.Settings s = HostileInputFuzzer.Settings.fromSystemProperties(1500);
        HostileInputFuzzer.Report r = new HostileInputFuzzer("spectra", f -> CmbSpectra.readCambTable(f),
                SpectraFuzzTest::allFinite, s, Files.createDirectories(tmp.resolve("work")),
                Path.of("target", "fuzz-failures")).run(seeds);
        System.out.println(r);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "fuzz-spectra.txt"), r + "\n" + String.join("\n", r.violations()) + "\n");
        assertEquals(List.of(), r.violations(), r.toString());
    }

    private static String allFinite(Object value) {
        CmbSpectra c = (CmbSpectra) value;
        for (Spectrum s : Spectrum.values()) {
            if (c.has(s)) {
                double[] a = c.toArray(s);
                for (int l = 0; l < a.length; l++) {
                    if (!Double.isFinite(a[l])) {
                        return s + " at ell " + l + " is " + a[l];
                    }
                }
            }
        }
        return null;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
