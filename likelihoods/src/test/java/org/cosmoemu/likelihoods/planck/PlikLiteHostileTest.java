package org.cosmoemu.likelihoods.planck;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.NumericalException;
import org.cosmoemu.api.testing.SharedTestData;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.theory.CmbSpectra;
import org.cosmoemu.theory.SimpleObservables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16, item 3: a NaN in plik-lite's binary covariance, or in the theory, is an error, never a logL of NaN. */
class PlikLiteHostileTest {

    @Test
    void nanInTheBinaryCovarianceIsADataFileError(@TempDir Path tmp) throws IOException {
        Path src = SharedTestData.path(PlikLiteLikelihood.DATA_SUBDIR);
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = tmp.resolve(src.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        Path cov = tmp.resolve("planck2018_plik_lite/c_matrix_plik_v22.dat");
        byte[] b = Files.readAllBytes(cov);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putDouble(4 + 8 * (613 * 5 + 3), Double.NaN); // entry (5, 3)
        Files.write(cov.toAbsolutePath(), b);
        DataFileException e = assertThrows(DataFileException.class,
                () -> PlikLiteLikelihood.read(tmp, PlikLiteLikelihood.Spectra.TTTEEE, false));
        assertTrue(e.getMessage().contains("c_matrix_plik_v22.dat") && e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void nanInTheTheoryIsANumericalError(@TempDir Path tmp) throws IOException {
        SharedTestData.path(PlikLiteLikelihood.DATA_SUBDIR);
        Likelihood like = PlikLiteLikelihood.of(PlikLiteLikelihood.Spectra.TTTEEE, false);
        double[] tt = new double[2507];
        java.util.Arrays.fill(tt, 1000);
        tt[998] = Double.NaN;
        double[] one = new double[2507];
        java.util.Arrays.fill(one, 1);
        CmbSpectra cmb = CmbSpectra.builder(2508).set(CmbSpectra.Spectrum.TT, 2, tt, org.cosmoemu.api.EllFactor.L_L1_OVER_2PI, 1)
                .set(CmbSpectra.Spectrum.TE, 2, one, org.cosmoemu.api.EllFactor.L_L1_OVER_2PI, 1)
                .set(CmbSpectra.Spectrum.EE, 2, one, org.cosmoemu.api.EllFactor.L_L1_OVER_2PI, 1).build();
        NumericalException e = assertThrows(NumericalException.class, () -> like.logLike(SimpleObservables.of(cmb)));
        assertTrue(e.getMessage().contains("log-likelihood is NaN"), e.getMessage());
    }
}
