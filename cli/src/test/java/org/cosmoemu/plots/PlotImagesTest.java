package org.cosmoemu.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.inference.Chains;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plots render to PNG files that read back with the expected size and real content (several colours, the
 * chain colours present, a plausible fraction of non-white pixels). The images are left in
 * {@code target/plots/} for a person to look at; {@code docs/img/} holds copies of two of them.
 */
class PlotImagesTest {
    static final Path OUT = Path.of("target", "plots");

    /** Synthetic "CMB-like" chains: Ω_m, σ8 Gaussian-correlated, S8 = σ8 √(Ω_m/0.3) derived. */
    static Chains cmbLike(long seed, int rows) {
        Random rng = new Random(seed);
        double[][] r = new double[rows][];
        for (int k = 0; k < rows; k++) {
            double a = rng.nextGaussian();
            double b = rng.nextGaussian();
            double om = 0.315 + 0.0073 * a;
            double s8 = 0.811 + 0.006 * (-0.45 * a + Math.sqrt(1 - 0.45 * 0.45) * b);
            r[k] = new double[] {1 + rng.nextInt(3), 0, om, s8, s8 * Math.sqrt(om / 0.3)};
        }
        return Chains.of(columns(), List.<double[][]>of(r));
    }

    /** Synthetic "lensing-like" chains: a banana along S8 = const, Ω_m broad. Two chains. */
    static Chains lensingLike(long seed, int rows) {
        Random rng = new Random(seed);
        List<double[][]> chains = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            double[][] r = new double[rows][];
            for (int k = 0; k < rows; k++) {
                double om;
                do {
                    om = 0.30 + 0.045 * rng.nextGaussian();
                } while (om <= 0.1);
                double s8 = 0.80 + 0.018 * rng.nextGaussian();
                double sigma8 = s8 / Math.sqrt(om / 0.3);
                r[k] = new double[] {1, 0, om, sigma8, s8};
            }
            chains.add(r);
        }
        return Chains.of(columns(), chains);
    }

    static List<Chains.Column> columns() {
        double inf = Double.POSITIVE_INFINITY;
        return List.of(new Chains.Column("omega_m", "\\Omega_{\\rm m}", false, 0.1, 0.9),
                new Chains.Column("sigma8", "\\sigma_8", false, -inf, inf),
                new Chains.Column("S8", "S_8", true, -inf, inf));
    }

    static int distinct(BufferedImage img) {
        Set<Integer> s = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                s.add(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return s.size();
    }

    static double nonWhite(BufferedImage img) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    n++;
                }
            }
        }
        return n / (double) (img.getWidth() * img.getHeight());
    }

    /** @return pixels within a small distance of a colour */
    static int near(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                int d = Math.abs(((p >> 16) & 255) - ((rgb >> 16) & 255)) + Math.abs(((p >> 8) & 255) - ((rgb >> 8) & 255))
                        + Math.abs((p & 255) - (rgb & 255));
                if (d < 30) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void trianglePlotOfTwoOverlaidChainSetsReadFromGetDistFiles(@TempDir Path dir) throws IOException {
        cmbLike(1, 30_000).write(dir.resolve("cmb"));
        lensingLike(2, 20_000).write(dir.resolve("lens"));
        Path png = OUT.resolve("triangle.png");
        TrianglePlot.builder()
                .add(Chains.read(dir.resolve("cmb")), "CMB-like")
                .add(Chains.read(dir.resolve("lens")), "lensing-like")
                .parameters("omega_m", "sigma8", "S8")
                .build().write(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(86 + 3 * 220 + 18, img.getWidth());
        assertEquals(14 + 3 * 220 + 74, img.getHeight());
        assertTrue(distinct(img) > 200, "antialiased fills and text: " + distinct(img) + " colours");
        double f = nonWhite(img);
        assertTrue(f > 0.08 && f < 0.5, "non-white fraction " + f);
        // both chain colours are painted (68% fills in the full colour)
        assertTrue(near(img, 0x006FED) > 500, "blue pixels: " + near(img, 0x006FED));
        assertTrue(near(img, 0xE03424) > 500, "red pixels: " + near(img, 0xE03424));
        // the upper triangle stays empty apart from the legend (top-right corner region below it)
        for (int y = 14 + 120; y < 14 + 220; y++) {
            for (int x = 86 + 2 * 220 + 20; x < 86 + 3 * 220 - 20; x++) {
                assertEquals(0xFFFFFF, img.getRGB(x, y) & 0xFFFFFF, "upper triangle pixel " + x + "," + y);
            }
        }
    }

    @Test
    void singleParameterAndDefaultParameters() throws IOException {
        Chains c = cmbLike(3, 5000);
        BufferedImage one = TrianglePlot.builder().add(c, "").parameters("sigma8").panelSize(200).build().render();
        assertEquals(86 + 200 + 18, one.getWidth());
        assertTrue(nonWhite(one) > 0.02);
        Path png = OUT.resolve("triangle-default.png");
        TrianglePlot.builder().add(c, "run").marker("omega_m", 0.315).marker("sigma8", 0.811).build().write(png);
        // default parameters: the sampled ones (omega_m, sigma8), not the derived S8
        assertEquals(86 + 2 * 220 + 18, ImageIO.read(png.toFile()).getWidth());
    }

    /** A toy TT-like D_ℓ in µK²: a Sachs–Wolfe plateau, damped Gaussian acoustic peaks (shape only). */
    static double toyTT(double ell) {
        double[][] peaks = {{220, 4700, 85}, {537, 1900, 95}, {810, 1900, 100}, {1120, 950, 110}, {1430, 620, 115},
            {1730, 330, 120}, {2050, 170, 125}, {2370, 90, 130}};
        double d = 1050 * Math.exp(-Math.pow(ell / 700.0, 1.4)) + 40 * Math.exp(-ell / 2500.0);
        for (double[] p : peaks) {
            d += p[1] * Math.exp(-0.5 * Math.pow((ell - p[0]) / p[2], 2));
        }
        return d;
    }

    static double toyEE(double ell) {
        return 40 * Math.exp(-Math.pow(ell / 1500.0, 1.5)) * (1 + 0.8 * Math.cos(Math.PI * (ell - 390) / 300.0))
                * Math.pow(ell / 300.0, 2) / (1 + Math.pow(ell / 300.0, 2)) + 0.05;
    }

    @Test
    void spectrumPlotWithResidualPanel() throws IOException {
        int n = 2999;
        double[] ell = new double[n];
        double[] tt = new double[n];
        double[] ttEmu = new double[n];
        double[] ee = new double[n];
        double[] eeEmu = new double[n];
        for (int k = 0; k < n; k++) {
            ell[k] = k + 2;
            tt[k] = toyTT(ell[k]);
            ttEmu[k] = tt[k] * (1 + 6e-4 * Math.sin(ell[k] / 37.0) + 2e-4 * Math.cos(ell[k] / 11.0));
            ee[k] = toyEE(ell[k]) * 50;
            eeEmu[k] = ee[k] * (1 - 4e-4 * Math.cos(ell[k] / 53.0));
        }
        Path png = OUT.resolve("spectra.png");
        SpectrumPlot.builder()
                .title("Emulator vs Boltzmann code (synthetic spectra)")
                .xLabel("\\ell").yLabel("D_\\ell\\ [\\mu{\\rm K}^2]").logX(true)
                .compare("TT", ell, ttEmu, tt)
                .compare("EE $\\times$ 50", ell, eeEmu, ee)
                .referenceLabel("reference (dashed)")
                .residualBand(0.1)
                .legend(SpectrumPlot.LegendPosition.UPPER_LEFT)
                .build().write(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(900, img.getWidth());
        assertEquals(780, img.getHeight());
        assertTrue(distinct(img) > 100, distinct(img) + " colours");
        double f = nonWhite(img);
        assertTrue(f > 0.04 && f < 0.4, "non-white fraction " + f);
        assertTrue(near(img, 0x1F77B4) > 300, "first curve colour present");
        assertTrue(near(img, 0xFF7F0E) > 300, "second curve colour present");

        // log-log without residuals, a plain curve
        Path png2 = OUT.resolve("spectra-loglog.png");
        SpectrumPlot.builder().xLabel("\\ell").yLabel("C_\\ell^{\\phi\\phi}").logX(true).logY(true)
                .curve("\\phi\\phi", ell, java.util.Arrays.stream(ell).map(l -> 1e-7 * Math.pow(l / 60, -4) / (1 + Math.pow(60 / l, 2))).toArray())
                .build().write(png2);
        BufferedImage img2 = ImageIO.read(png2.toFile());
        assertEquals(600, img2.getHeight());
        assertTrue(nonWhite(img2) > 0.01);
    }

    @Test
    void badInputIsReportedByName() {
        double[] x = {1, 2, 3};
        InvalidOptionException e1 = assertThrows(InvalidOptionException.class,
                () -> SpectrumPlot.builder().curve("TT", x, new double[] {1, 2}));
        assertTrue(e1.getMessage().contains("'TT'") && e1.getMessage().contains("3 x values"), e1.getMessage());
        InvalidOptionException e2 = assertThrows(InvalidOptionException.class,
                () -> SpectrumPlot.builder().curve("EE", x, new double[] {1, Double.NaN, 2}));
        assertTrue(e2.getMessage().contains("'EE'") && e2.getMessage().contains("index 1"), e2.getMessage());
        InvalidOptionException e3 = assertThrows(InvalidOptionException.class,
                () -> SpectrumPlot.builder().logY(true).curve("TE", x, new double[] {-1, -2, 0}).build());
        assertTrue(e3.getMessage().contains("'TE'") && e3.getMessage().contains("log"), e3.getMessage());
        assertThrows(InvalidOptionException.class, () -> SpectrumPlot.builder().build());
        InvalidParameterException e4 = assertThrows(InvalidParameterException.class,
                () -> TrianglePlot.builder().add(cmbLike(1, 100), "A").parameters("omega_m", "H0").build());
        assertTrue(e4.getMessage().contains("'A'") && e4.getMessage().contains("H0"), e4.getMessage());
        assertEquals("H0", e4.parameter());
        assertThrows(InvalidOptionException.class, () -> TrianglePlot.builder().build());
    }

    @Test
    void writingToAnUnwritablePlaceNamesTheFile(@TempDir Path dir) throws IOException {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        Path png = blocker.resolve("plot.png");
        var plot = SpectrumPlot.builder().curve("a", new double[] {1, 2}, new double[] {1, 2}).build();
        var e = assertThrows(org.cosmoemu.api.OutputException.class, () -> plot.write(png));
        assertTrue(e.getMessage().contains(png.toString()), e.getMessage());
    }
}
