package org.cosmoemu.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.cosmoemu.api.InvalidOptionException;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Spectra as XChart line charts in one house style (fonts, colours, legends that never cover the curves), and the
 * two-panel layout of a comparison: the curves above, their relative residuals below, with the two plot areas
 * aligned. Package-private: {@link SpectrumFigures} builds the figures.
 */
final class SpectrumChart {
    static {
        Canvas.init();
    }

    /** Width of the figures in pixels (points in vector formats). */
    static final int WIDTH = 960;
    /** Height of a single-panel figure. */
    static final int HEIGHT = 600;
    /** Heights of the two panels of a comparison. */
    static final int MAIN_HEIGHT = 540;
    static final int RESIDUAL_HEIGHT = 240;

    /** Line colours (matplotlib's tab10) for curves that are not a sequence. */
    static final Color[] COLOURS = Canvas.LINE_COLOURS;

    private SpectrumChart() {
    }

    /**
     * @param title  the title (plain text)
     * @param xTitle the x-axis label
     * @param yTitle the y-axis label
     * @param logX   logarithmic x
     * @param logY   logarithmic y
     * @param width  width
     * @param height height
     * @return an empty chart in the house style, legend outside on the right
     */
    static XYChart chart(String title, String xTitle, String yTitle, boolean logX, boolean logY, int width, int height) {
        XYChart c = new XYChart(width, height);
        c.setTitle(title);
        c.setXAxisTitle(xTitle);
        c.setYAxisTitle(yTitle);
        var s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0x333333));
        s.setPlotGridLinesColor(new Color(0xE6E6E6));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Canvas.FONT, Font.PLAIN, 17));
        s.setAxisTitleFont(new Font(Canvas.FONT, Font.PLAIN, 16));
        s.setAxisTickLabelsFont(new Font(Canvas.FONT, Font.PLAIN, 13));
        s.setLegendFont(new Font(Canvas.FONT, Font.PLAIN, 13));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(new Color(0xCCCCCC));
        s.setMarkerSize(0);
        s.setXAxisLogarithmic(logX);
        s.setYAxisLogarithmic(logY);
        s.setXAxisLogarithmicDecadeOnly(true);
        s.setYAxisLogarithmicDecadeOnly(true);
        s.setAntiAlias(true);
        s.setChartPadding(12);
        s.setXAxisTickLabelsFormattingFunction(SpectrumChart::tick);
        s.setYAxisTickLabelsFormattingFunction(SpectrumChart::tick);
        return c;
    }

    /**
     * Adds a line.
     *
     * @param c      the chart
     * @param label  its legend entry
     * @param x      abscissae
     * @param y      values (same length)
     * @param colour its colour
     * @param dashed dashed (a reference curve) or solid
     * @return the series
     * @throws InvalidOptionException naming the curve if the lengths differ, or a value is not finite (index given)
     */
    static XYSeries line(XYChart c, String label, double[] x, double[] y, Color colour, boolean dashed) {
        Objects.requireNonNull(label, "label");
        if (x.length != y.length || x.length < 2) {
            throw new InvalidOptionException("curve", "curve '" + label + "' has " + x.length + " x values and " + y.length
                    + " y values (at least 2, as many as x)");
        }
        for (int k = 0; k < x.length; k++) {
            if (!Double.isFinite(x[k]) || !Double.isFinite(y[k])) {
                throw new InvalidOptionException("curve", "curve '" + label + "' has a non-finite value at index " + k
                        + " (x=" + x[k] + ", y=" + y[k] + ")");
            }
        }
        XYSeries s = c.addSeries(label, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineWidth(1.8f);
        s.setLineStyle(dashed ? SeriesLines.DASH_DASH : new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        return s;
    }

    /**
     * @param k     index of the curve
     * @param count how many curves
     * @return a colour of the viridis sequence, so that curves ordered by a parameter read in order
     */
    static Color sequential(int k, int count) {
        double[][] stops = {{0.267, 0.005, 0.329}, {0.283, 0.141, 0.458}, {0.254, 0.265, 0.530}, {0.207, 0.372, 0.553},
            {0.164, 0.471, 0.558}, {0.128, 0.567, 0.551}, {0.135, 0.659, 0.518}, {0.267, 0.749, 0.441},
            {0.478, 0.821, 0.318}, {0.741, 0.873, 0.150}, {0.993, 0.906, 0.144}};
        double t = count < 2 ? 0 : 0.92 * k / (count - 1); // stop short of the palest yellow
        double pos = t * (stops.length - 1);
        int i = Math.min((int) pos, stops.length - 2);
        double f = pos - i;
        float[] rgb = new float[3];
        for (int j = 0; j < 3; j++) {
            rgb[j] = (float) (stops[i][j] * (1 - f) + stops[i + 1][j] * f);
        }
        return new Color(rgb[0], rgb[1], rgb[2]);
    }

    /** A readable tick label: plain decimals in [1e-3, 1e5), powers of ten as 10ⁿ beyond. */
    static String tick(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e5) {
            String s = String.format(Locale.ROOT, "%.6g", v);
            if (s.contains(".")) {
                s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            return s.replace('-', '−');
        }
        int e = (int) Math.floor(Math.log10(a) + 1e-9);
        double m = v / Math.pow(10, e);
        String mant = Math.abs(Math.abs(m) - 1) < 1e-9 ? (m < 0 ? "−" : "") : String.format(Locale.ROOT, "%.3g×", m);
        return mant.replace('-', '−') + "10" + Axis.superscript(e);
    }

    /** @return a painter of one chart filling the canvas */
    static Figures.Painter single(XYChart c) {
        return (g, w, h, vector) -> c.paint(g, w, h);
    }

    /**
     * @param main     the upper panel (its legend below it)
     * @param residual the lower panel (no legend)
     * @return a painter of the two panels stacked, their plot areas aligned: the residual panel is laid out at the
     *         width that gives its plot the main plot's width, and shifted so that the two start at the same x
     */
    static Figures.Painter stacked(XYChart main, XYChart residual) {
        main.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        main.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        residual.getStyler().setLegendVisible(false);
        residual.getStyler().setYAxisTickLabelsFormattingFunction(RESIDUAL_TICKS);
        return (Graphics2D g, int w, int h, boolean vector) -> {
            int mh = Math.round(h * MAIN_HEIGHT / (float) (MAIN_HEIGHT + RESIDUAL_HEIGHT));
            int rh = h - mh;
            Graphics2D top = (Graphics2D) g.create();
            main.paint(top, w, mh);
            top.dispose();
            java.awt.geom.Rectangle2D target = plotBounds(main);
            int rw = w;
            double shift = 0;
            if (target != null) {
                // measure the residual panel's own layout off screen, then fit it to the main plot's columns
                java.awt.image.BufferedImage scratch = new java.awt.image.BufferedImage(w, rh, java.awt.image.BufferedImage.TYPE_INT_RGB);
                Graphics2D sg = scratch.createGraphics();
                residual.paint(sg, w, rh);
                sg.dispose();
                java.awt.geom.Rectangle2D own = plotBounds(residual);
                if (own != null) {
                    rw = (int) Math.round(w + target.getWidth() - own.getWidth());
                    shift = target.getX() - own.getX();
                }
            }
            Graphics2D bottom = (Graphics2D) g.create();
            bottom.clipRect(0, mh, w, rh);
            bottom.translate(shift, mh);
            residual.paint(bottom, rw, rh);
            bottom.dispose();
        };
    }

    /**
     * The plot area of a chart after it was painted, read from XChart's layout (package-private there, hence
     * reflection); {@code null} if this XChart version hides it, and the panels are then stacked unaligned.
     */
    static java.awt.geom.Rectangle2D plotBounds(XYChart c) {
        try {
            java.lang.reflect.Method getPlot = org.knowm.xchart.internal.chartpart.Chart.class.getDeclaredMethod("getPlot");
            getPlot.setAccessible(true);
            Object plot = getPlot.invoke(c);
            Object bounds = plot.getClass().getMethod("getBounds").invoke(plot);
            return bounds instanceof java.awt.geom.Rectangle2D r && r.getWidth() > 0 ? r : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Residual ticks in percent. */
    private static final Function<Double, String> RESIDUAL_TICKS = v -> String.format(Locale.ROOT, "%.2f", v)
            .replace('-', '−');
}
