package org.cosmoemu.likelihoods.planck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.EllFactor;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.MissingQuantityException;
import org.cosmoemu.likelihoods.Likelihoods;
import org.cosmoemu.theory.CmbSpectra;
import org.cosmoemu.theory.CmbSpectra.Spectrum;
import org.cosmoemu.theory.Observables;
import org.cosmoemu.theory.SimpleObservables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native low-ℓ likelihoods. Their data is not available, so: (1) the missing-data error, (2) the
 * algorithms on synthetic tables against cobaya's algorithm run with scipy (src/test/scripts/lowl_reference.py,
 * which defines the same tables).
 */
class LowlLikelihoodsTest {

    @Test
    void missingDataSaysWhatAndWhere(@TempDir Path empty) {
        DataFileException e = assertThrows(DataFileException.class, () -> LowlTtLikelihood.read(empty));
        assertTrue(e.getMessage().contains("cov.txt") && e.getMessage().contains("cl2x_2.txt")
                && e.getMessage().contains("planck_2018_lowT.zip")
                && e.getMessage().contains("github.com/CobayaSampler/planck_native_data"), e.getMessage());
        e = assertThrows(DataFileException.class, () -> LowlEeLikelihood.read(empty));
        assertTrue(e.getMessage().contains("prob_table.txt") && e.getMessage().contains("planck_2018_lowE.zip")
                && e.getMessage().contains("simall"), e.getMessage());
        // Through the provider, with the configured data directory (which lacks these files).
        e = assertThrows(DataFileException.class, () -> Likelihoods.create("planck2018_lowl_ee", Map.of()));
        assertTrue(e.getMessage().contains("planck_2018_lowE_native"), e.getMessage());
    }

    @Test
    void commanderTtOnSyntheticTables(@TempDir Path dir) throws IOException {
        int n = 30;
        int nb = 1000;
        double[] m = new double[n];
        double[] s = new double[n];
        double[][] cl1 = new double[nb][n];
        double[][] cl2 = new double[nb][n];
        double[][] cov = new double[n][n];
        double[] mu = new double[n];
        double[] muSigma = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = 1000.0 + 50.0 * i;
            s[i] = 100.0 + 5.0 * i;
            double step = (2 * m[i] - 0.0) / (nb - 1);
            for (int j = 0; j < nb; j++) {
                cl1[j][i] = j == nb - 1 ? 2 * m[i] : j * step + 0.0;
                double u = cl1[j][i] - m[i];
                cl2[j][i] = Math.min(5.0, Math.max(-5.0, 6.0 * u / Math.sqrt(u * u + s[i] * s[i])));
            }
            mu[i] = 0.05 * ((i % 7) - 3.0);
            muSigma[i] = m[i] + 7.0;
        }
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double ab = Math.pow(0.3, Math.abs(a - b)) * (1 + 0.01 * a);
                double ba = Math.pow(0.3, Math.abs(a - b)) * (1 + 0.01 * b);
                cov[a][b] = 0.5 * (ab + ba);
            }
        }
        write(dir.resolve("cl2x_1.txt"), cl1);
        write(dir.resolve("cl2x_2.txt"), cl2);
        write(dir.resolve("cov.txt"), cov);
        write(dir.resolve("mu.txt"), column(mu));
        Files.writeString(dir.resolve("mu_sigma.txt"), join(muSigma)); // one row: numpy.loadtxt reads it as a vector too
        LowlTtLikelihood tt = LowlTtLikelihood.read(dir);

        assertEquals(0.0, tt.logLike(tt(l -> muSigma[l - 2])), 1e-12, "normalised to 0 at mu_sigma");
        Observables th = tt(l -> m[l - 2] + 3.0 * ((7 * (l - 2)) % 11) - 15.0);
        assertEquals(-2.1463794957188043, tt.logLike(th), 1e-9);
        assertEquals(-12.90730471976957, tt.logLike(th, new double[] {1.01}), 1e-9);
        // scipy: prior range at l = 2 is [854.8548548548549, 1145.1451451451453]
        assertEquals(Double.NEGATIVE_INFINITY, tt.logLike(tt(l -> l == 2 ? 854.8 : muSigma[l - 2])));
        assertEquals(Double.NEGATIVE_INFINITY, tt.logLike(tt(l -> l == 2 ? 1145.2 : muSigma[l - 2])));
        assertTrue(Double.isFinite(tt.logLike(tt(l -> l == 2 ? 854.9 : muSigma[l - 2]))));
    }

    @Test
    void simallEeOnSyntheticTable(@TempDir Path dir) throws IOException {
        double[][] table = new double[3000][28];
        for (int k = 0; k < 3000; k++) {
            for (int c = 0; c < 28; c++) {
                double d = (k * 1e-4 - (0.01 + 0.001 * c)) / 0.004;
                table[k][c] = -0.5 * d * d;
            }
        }
        write(dir.resolve("prob_table.txt"), table);
        LowlEeLikelihood ee = LowlEeLikelihood.read(dir);
        Observables th = ee(l -> 0.01 + 0.001 * (l - 2) + 0.000037 * ((3 * (l - 2)) % 5) - 0.000083);
        assertEquals(-0.005312499999999935, ee.logLike(th), 1e-12);
        assertEquals(-0.2381249999999996, ee.logLike(th, new double[] {1.01}), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, ee.logLike(ee(l -> l == 5 ? 0.30001 : 0.02)), "beyond the table");
        assertEquals(Double.NEGATIVE_INFINITY, ee.logLike(ee(l -> l == 5 ? -0.001 : 0.02)), "negative D_l");
        // bad calibration and short spectra are errors that say so, not a silent -inf or NaN
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(InvalidParameterException.class,
                    () -> ee.logLike(th, new double[] {bad}));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("A_planck"), e.getMessage());
            assertEquals("A_planck", e.parameter());
        }
        Observables shortSpectra = SimpleObservables.of(CmbSpectra.builder(20)
                .set(Spectrum.EE, 2, new double[19], EllFactor.L_L1_OVER_2PI, 1.0).build());
        var e = org.junit.jupiter.api.Assertions.assertThrows(MissingQuantityException.class,
                () -> ee.logLike(shortSpectra));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("l = 29"), e.getMessage());
    }

    private static Observables tt(IntToDoubleFunction dl) {
        return spectrum(Spectrum.TT, dl);
    }

    private static Observables ee(IntToDoubleFunction dl) {
        return spectrum(Spectrum.EE, dl);
    }

    private static Observables spectrum(Spectrum s, IntToDoubleFunction dl) {
        double[] v = new double[29];
        for (int l = 2; l <= 30; l++) {
            v[l - 2] = dl.applyAsDouble(l);
        }
        return SimpleObservables.of(CmbSpectra.builder(30).set(s, 2, v, EllFactor.L_L1_OVER_2PI, 1.0).build());
    }

    private static double[][] column(double[] v) {
        double[][] c = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            c[i][0] = v[i];
        }
        return c;
    }

    private static String join(double[] row) {
        StringBuilder sb = new StringBuilder();
        for (double x : row) {
            sb.append(x).append(' ');
        }
        return sb.append('\n').toString();
    }

    private static void write(Path p, double[][] rows) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (double[] r : rows) {
            sb.append(join(r));
        }
        Files.writeString(p, sb.toString());
    }
}
