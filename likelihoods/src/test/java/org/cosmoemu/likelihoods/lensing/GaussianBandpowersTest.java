package org.cosmoemu.likelihoods.lensing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.EllFactor;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.theory.CmbSpectra;
import org.cosmoemu.theory.CmbSpectra.Spectrum;
import org.junit.jupiter.api.Test;

class GaussianBandpowersTest {

    @Test
    void chi2OfTwoBinsByHand() {
        double[][] c = {{4.0, 1.0}, {1.0, 2.0}}; // inverse = [[2, -1], [-1, 4]] / 7
        GaussianBandpowers g = GaussianBandpowers.of(new double[]{1.0, 2.0}, c, 0.5, "toy");
        double[] t = {2.0, 5.0}; // residual (1, 3)
        double expected = 0.5 * (2 * 1 - 2 * 1 * 3 + 4 * 9) / 7.0;
        assertEquals(expected, g.chi2(t), 1e-15);
        assertArrayEquals(new double[]{1.0, 3.0}, t, 0.0, "theory is overwritten by the residual");
        assertArrayEquals(new double[]{0.5 * 2 / 7.0, -0.5 / 7.0}, g.inverseCovariance()[0], 1e-15);
    }

    @Test
    void rejectsBadCovariances() {
        DataFileException e = assertThrows(DataFileException.class,
                () -> GaussianBandpowers.of(new double[2], new double[][]{{1, 2}, {2, 1}}, 1.0, "cov.txt"));
        assertTrue(e.getMessage().contains("cov.txt") && e.getMessage().contains("positive definite"), e.getMessage());
        e = assertThrows(DataFileException.class,
                () -> GaussianBandpowers.of(new double[2], new double[][]{{1, 0.1}, {0.2, 1}}, 1.0, "cov.txt"));
        assertTrue(e.getMessage().contains("symmetric"), e.getMessage());
        e = assertThrows(DataFileException.class,
                () -> GaussianBandpowers.of(new double[3], new double[][]{{1, 0}, {0, 1}}, 1.0, "cov.txt"));
        assertTrue(e.getMessage().contains("rows"), e.getMessage());
        assertThrows(InvalidOptionException.class,
                () -> GaussianBandpowers.of(new double[1], new double[][]{{1}}, -0.5, "cov.txt"));
    }

    @Test
    void windowsFoldWeightsAndTrimSupport() {
        BandpowerWindows w = BandpowerWindows.builder(2)
                .add(0, Spectrum.PP, 3, 2.0).add(0, Spectrum.PP, 5, 1.0).add(0, Spectrum.PP, 5, 1.0)
                .add(1, Spectrum.TT, 4, 0.5).add(1, Spectrum.TT, 9, 0.0).subtract(1, 0.25).build();
        assertEquals(5, w.lmax());
        assertEquals(2.0, w.weight(0, Spectrum.PP, 5), 0.0);
        CmbSpectra cmb = CmbSpectra.builder(9).set(Spectrum.PP, 0, new double[]{0, 0, 1, 2, 3, 4}, EllFactor.NONE, 1.0)
                .set(Spectrum.TT, 0, new double[]{0, 0, 0, 0, 8}, EllFactor.NONE, 1.0).build();
        double[] out = new double[2];
        w.evaluate(cmb, 0.5, out);
        assertArrayEquals(new double[]{2.0 * 2 + 2.0 * 4, 0.5 * 0.5 * 8 - 0.25}, out, 1e-15);
    }

    @Test
    void sparseAndDenseWindowsGiveTheSameSums() {
        double[] pp = new double[201];
        for (int l = 2; l <= 200; l++) {
            pp[l] = 1.0 / (l * l);
        }
        CmbSpectra cmb = CmbSpectra.builder(200).set(Spectrum.PP, 0, pp, EllFactor.NONE, 1.0).build();
        // bin 0: three isolated weights (stored sparsely); bin 1: a full range of 7 (dense, remainder loop)
        BandpowerWindows w = BandpowerWindows.builder(2).add(0, Spectrum.PP, 3, 1.5).add(0, Spectrum.PP, 50, -2.0)
                .add(0, Spectrum.PP, 200, 4.0).add(1, Spectrum.PP, 10, 1.0).add(1, Spectrum.PP, 11, 1.0)
                .add(1, Spectrum.PP, 12, 1.0).add(1, Spectrum.PP, 13, 1.0).add(1, Spectrum.PP, 14, 1.0)
                .add(1, Spectrum.PP, 15, 1.0).add(1, Spectrum.PP, 16, 1.0).build();
        assertEquals(200, w.lmax());
        assertEquals(-2.0, w.weight(0, Spectrum.PP, 50), 0.0);
        assertEquals(0.0, w.weight(0, Spectrum.PP, 51), 0.0);
        double[] out = new double[2];
        w.evaluate(cmb, 1.0, out);
        double dense = 0.0;
        for (int l = 10; l <= 16; l++) {
            dense += pp[l];
        }
        assertArrayEquals(new double[]{1.5 * pp[3] - 2.0 * pp[50] + 4.0 * pp[200], dense}, out, 1e-15);
    }
}
