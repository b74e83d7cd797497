package org.cosmoemu.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.theory.ParameterBases;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * Every {@code plot-spectra} figure: axes and labels come from the model's metadata (ℓ, k with its unit, z; the
 * quantity's symbol and units), named outputs are never drawn as one curve, P(k) gets a redshift, legends sit
 * outside the curves, and each figure renders as PNG, SVG, PDF and EPS. The files are left in {@code target/plots/}
 * for a person to look at.
 */
class SpectrumFiguresTest {
    static final Path OUT = Path.of("target", "plots");
    static final Map<String, Double> PLANCK = ParameterBases.get(ParameterBases.PLANCK2018);

    /** model → {x-axis label, y-axis label, logarithmic x} from its metadata. */
    static final Map<String, String[]> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("lcdm/tt", new String[] {"ℓ", "D_ℓ^TT [μK²]", "log"});
        EXPECTED.put("lcdm/te", new String[] {"ℓ", "D_ℓ^TE [μK²]", "log"});
        EXPECTED.put("lcdm/ee", new String[] {"ℓ", "D_ℓ^EE [μK²]", "log"});
        EXPECTED.put("lcdm/bb", new String[] {"ℓ", "D_ℓ^BB [μK²]", "log"});
        EXPECTED.put("lcdm/pp", new String[] {"L", "L(L+1)C_L^φφ/2π", "log"});
        EXPECTED.put("lcdm/pk_lin", new String[] {"k [h/Mpc]", "P_lin(k, z) [(Mpc/h)³]", "log"});
        EXPECTED.put("lcdm/pk_nl", new String[] {"k [h/Mpc]", "P_nl(k, z) [(Mpc/h)³]", "log"});
        EXPECTED.put("lcdm/hubble", new String[] {"z", "H(z)/c [1/Mpc]", "linear"});
        EXPECTED.put("lcdm/angular_distance", new String[] {"z", "D_A(z) [Mpc]", "linear"});
    }

    @Test
    void axesAndLabelsComeFromTheMetadataAndEveryFormatRenders() throws IOException {
        for (Map.Entry<String, String[]> m : EXPECTED.entrySet()) {
            String model = m.getKey();
            XYChart c = SpectrumFigures.sweepChart(model, "n_s", 3, PLANCK);
            assertEquals(m.getValue()[0], c.getXAxisTitle(), model + " x axis");
            assertEquals(m.getValue()[1], c.getYAxisTitle(), model + " y axis");
            assertEquals(m.getValue()[2].equals("log"), c.getStyler().isXAxisLogarithmic(), model + " log x");
            java.util.List<String> names = c.getSeriesCollection().stream().map(x -> x.getName()).toList();
            assertEquals(3, names.size());
            assertTrue(names.contains("nₛ = 0.9") && names.contains("nₛ = 0.965"), model + " legend: " + names);
            assertEquals(Styler.LegendPosition.OutsideE, c.getStyler().getLegendPosition(), "the legend covers no curve");
            assertTrue(!c.getTitle().contains("C_ell") && c.getTitle().contains("(" + model + ")"), c.getTitle());
        }
        XYChart te = SpectrumFigures.sweepChart("lcdm/te", "n_s", 3, PLANCK);
        assertTrue(!te.getStyler().isYAxisLogarithmic(), "TE changes sign: a linear y axis");
        assertEquals("Lensed TT power spectrum for 3 values of nₛ (lcdm/tt)",
                SpectrumFigures.sweepChart("lcdm/tt", "n_s", 3, PLANCK).getTitle());
        assertEquals("Lensing potential C_L^φφ for 3 values of ω_cdm (lcdm/pp)",
                SpectrumFigures.sweepChart("lcdm/pp", "omega_cdm", 3, PLANCK).getTitle());

        for (String ext : new String[] {"png", "svg", "pdf", "eps"}) {
            Path f = OUT.resolve("tt-ns-sweep." + ext);
            SpectrumFigures.parameterSweep("lcdm/tt", "n_s", 10, PLANCK, f);
            byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(f), 5);
            String h = new String(head, StandardCharsets.ISO_8859_1);
            switch (ext) {
                case "png" -> {
                    BufferedImage img = ImageIO.read(f.toFile());
                    assertEquals(SpectrumChart.WIDTH, img.getWidth());
                    assertEquals(SpectrumChart.HEIGHT, img.getHeight());
                    assertTrue(PlotImagesTest.distinct(img) > 50, "a drawn chart");
                }
                case "svg" -> assertTrue(Files.readString(f).contains("<svg"), h);
                case "pdf" -> assertEquals("%PDF-", h);
                default -> assertTrue(h.startsWith("%!PS"), h);
            }
        }
        SpectrumFigures.parameterSweep("lcdm/pk_lin", "omega_cdm", 6, PLANCK, OUT.resolve("pk-lin-sweep.png"));
        SpectrumFigures.parameterSweep("lcdm/pp", "omega_cdm", 6, PLANCK, OUT.resolve("pp-sweep.png"));
    }

    @Test
    void comparisonWithABoltzmannTableHasAlignedResidualPanel() throws IOException {
        Path table = org.cosmoemu.api.testing.SharedTestData.path("reference/planck2018_bestfit_theory_cls.txt");
        double[] worst = new double[1];
        XYChart[] c = SpectrumFigures.compareCharts(PLANCK, table, "CAMB", worst);
        assertEquals("D_ℓ [μK²]", c[0].getYAxisTitle());
        assertEquals("ℓ", c[1].getXAxisTitle());
        assertEquals("Δ/reference [%]", c[1].getYAxisTitle());
        assertTrue(worst[0] > 0 && worst[0] < 0.01, "largest relative difference " + worst[0]);
        Path png = OUT.resolve("compare.png");
        assertEquals(worst[0], SpectrumFigures.compareWithTable(PLANCK, table, png, "CAMB"), 0.0);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(SpectrumChart.MAIN_HEIGHT + SpectrumChart.RESIDUAL_HEIGHT, img.getHeight());
        SpectrumFigures.compareWithTable(PLANCK, table, OUT.resolve("compare.pdf"), "CAMB");
    }

    @Test
    void matterPowerGetsARedshift() {
        assertTrue(SpectrumFigures.sweepChart("lcdm/pk_lin", "n_s", 2, PLANCK).getTitle().contains("at z = 0 "),
                "z defaults to 0 and the title says so");
        Map<String, Double> z1 = new LinkedHashMap<>(PLANCK);
        z1.put("z", 1.0);
        assertTrue(SpectrumFigures.sweepChart("lcdm/pk_nl", "n_s", 2, z1).getTitle().contains("at z = 1 "));
    }

    @Test
    void namedOutputsAreNeverOneCurve() throws IOException {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> SpectrumFigures.sweepChart("lcdm/derived", "n_s", 3, PLANCK));
        assertEquals("output-name", e.option());
        assertTrue(e.getMessage().contains("sigma8") && e.getMessage().contains("--output-name"), e.getMessage());
        XYChart c = SpectrumFigures.namedOutputChart("lcdm/derived", "sigma8", "omega_cdm", 20, PLANCK);
        assertEquals("ω_cdm", c.getXAxisTitle());
        assertEquals("σ₈", c.getYAxisTitle());
        assertEquals("rs_drag [Mpc]", SpectrumFigures.namedOutputChart("lcdm/derived", "rs_drag_Mpc", "H0", 5, PLANCK)
                .getYAxisTitle());
        InvalidOptionException bad = assertThrows(InvalidOptionException.class,
                () -> SpectrumFigures.namedOutputChart("lcdm/derived", "nope", "H0", 5, PLANCK));
        assertTrue(bad.getMessage().contains("age_Gyr"), "the message lists the outputs: " + bad.getMessage());
        SpectrumFigures.namedOutputSweep("lcdm/derived", "sigma8", "omega_cdm", 30, PLANCK, OUT.resolve("sigma8.svg"));
        assertTrue(Files.size(OUT.resolve("sigma8.svg")) > 1000);
    }

    @Test
    void readableLabels() {
        assertEquals("ω_cdm", PlotLabels.parameter("omega_cdm"));
        assertEquals("ln(10¹⁰Aₛ)", PlotLabels.parameter("ln10^{10}A_s"));
        assertEquals("τᵣₑᵢₒ", PlotLabels.parameter("tau_reio"));
        assertEquals("H₀", PlotLabels.parameter("H0"));
        assertEquals("my_param", PlotLabels.parameter("my_param"), "unknown names as written, not as LaTeX");
        assertEquals("C_ℓ^φφ", PlotLabels.symbol("C_ell^phiphi (lensing potential)"), "spaces and words kept");
        assertEquals("lensing potential", PlotLabels.description(
                org.cosmoemu.models.BundledModels.get("lcdm/pp").quantity()));
        assertEquals("10⁻⁴", SpectrumChart.tick(1e-4));
        assertEquals("2500", SpectrumChart.tick(2500));
        assertEquals("0.05", SpectrumChart.tick(0.05));
    }
}
