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

    @Test
    void badInputIsReportedByName() {
        InvalidParameterException e4 = assertThrows(InvalidParameterException.class,
                () -> TrianglePlot.builder().add(cmbLike(1, 100), "A").parameters("omega_m", "H0").build());
        assertTrue(e4.getMessage().contains("'A'") && e4.getMessage().contains("H0"), e4.getMessage());
        assertEquals("H0", e4.parameter());
        assertThrows(InvalidOptionException.class, () -> TrianglePlot.builder().build());
        TrianglePlot t = TrianglePlot.builder().add(cmbLike(1, 2000), "A").parameters("sigma8").build();
        InvalidOptionException ext = assertThrows(InvalidOptionException.class, () -> t.write(OUT.resolve("tri.gif")));
        assertTrue(ext.getMessage().contains(".svg, .pdf or .eps"), ext.getMessage());
    }

    /** Vector output: lines and text as vectors, the filled contours as an embedded image; PDF and EPS too. */
    @Test
    void trianglePlotAsVectorGraphics() throws IOException {
        TrianglePlot t = TrianglePlot.builder().add(cmbLike(4, 20_000), "CMB-like").add(lensingLike(5, 10_000), "lensing-like")
                .parameters("omega_m", "sigma8").build();
        Path svg = OUT.resolve("triangle.svg");
        t.write(svg);
        String text = Files.readString(svg);
        assertTrue(text.contains("<svg") && text.contains("<path"), "an SVG document of paths");
        assertTrue(text.contains("<image"), "the filled regions are embedded as an image");
        Path pdf = OUT.resolve("triangle.pdf");
        t.write(pdf);
        assertEquals("%PDF", new String(Files.readAllBytes(pdf), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        Path eps = OUT.resolve("triangle.eps");
        t.write(eps);
        assertTrue(Files.readString(eps).startsWith("%!PS"), "EPS header");
    }

    @Test
    void writingToAnUnwritablePlaceNamesTheFile(@TempDir Path dir) throws IOException {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        Path png = blocker.resolve("plot.png");
        var plot = TrianglePlot.builder().add(cmbLike(2, 2000), "").parameters("sigma8").build();
        var e = assertThrows(org.cosmoemu.api.OutputException.class, () -> plot.write(png));
        assertTrue(e.getMessage().contains(png.toString()), e.getMessage());
    }
}
