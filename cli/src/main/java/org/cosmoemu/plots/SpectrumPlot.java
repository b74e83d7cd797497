package org.cosmoemu.plots;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cosmoemu.api.InvalidOptionException;

/**
 * Curves against multipole (or any x), e.g. CMB power spectra, with an optional residual panel comparing
 * curves with references (e.g. emulator against CLASS). Immutable; made with {@link #builder()}.
 *
 * <p>Axes are linear or logarithmic and set from the data: x spans the data exactly, y the data plus 5%
 * (in log space on a log axis). On a log axis, points with non-positive values are left out (the line breaks
 * there). A {@link Builder#compare compared} curve is drawn solid, its reference dashed in the same colour,
 * and the residual panel below shows (curve − reference)/reference in percent ({@link Residual#RELATIVE}) or
 * curve − reference ({@link Residual#DIFFERENCE}).
 *
 * <pre>{@code
 * SpectrumPlot.builder()
 *     .title("lensed TT").xLabel("\\ell").yLabel("D_\\ell^{TT}\\ [\\mu{\\rm K}^2]").logX(true)
 *     .compare("emulator", ell, dlEmu, dlClass).referenceLabel("CLASS")
 *     .residualBand(0.1)
 *     .build().write(Path.of("tt.png"));
 * }</pre>
 */
final class SpectrumPlot {
    static {
        Canvas.init();
    }

    /** How the residual panel compares a curve with its reference. */
    public enum Residual {
        /** 100 × (y − reference)/reference, in percent. */
        RELATIVE,
        /** y − reference, in the curve's units. */
        DIFFERENCE
    }

    /** Where the legend goes inside the main panel. */
    public enum LegendPosition {
        /** Upper right corner. */
        UPPER_RIGHT,
        /** Upper left corner. */
        UPPER_LEFT,
        /** Lower left corner. */
        LOWER_LEFT,
        /** Lower right corner. */
        LOWER_RIGHT
    }

    private record Curve(String label, double[] x, double[] y, double[] reference, Color colour) {
    }

    private final List<Curve> curves;
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final boolean logY;
    private final int width;
    private final int height;
    private final Residual residual;
    private final String residualLabel;
    private final double residualBand;
    private final String referenceLabel;
    private final LegendPosition legend;

    private SpectrumPlot(Builder b) {
        curves = List.copyOf(b.curves);
        title = b.title;
        xLabel = b.xLabel;
        yLabel = b.yLabel;
        logX = b.logX;
        logY = b.logY;
        width = b.width;
        height = b.height;
        residual = b.residual;
        residualLabel = b.residualLabel != null ? b.residualLabel
                : residual == Residual.RELATIVE ? "\\Delta/{\\rm ref}\\ [\\%]" : "\\Delta";
        residualBand = b.residualBand;
        referenceLabel = b.referenceLabel;
        legend = b.legend;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes the plot as a PNG.
     *
     * @param png the file (parent directories are created)
     * @throws org.cosmoemu.api.OutputException naming the file if it cannot be written
     */
    public void write(Path png) {
        Canvas.writePng(render(), png);
    }

    private boolean hasResiduals() {
        return curves.stream().anyMatch(c -> c.reference != null);
    }

    private boolean valid(double x, double y) {
        return (!logX || x > 0) && (!logY || y > 0);
    }

    private double residual(Curve c, int k) {
        double d = c.y[k] - c.reference[k];
        return residual == Residual.RELATIVE ? 100 * d / c.reference[k] : d;
    }

    /** @return the plot as an image */
    public BufferedImage render() {
        // data ranges
        double xlo = Double.POSITIVE_INFINITY;
        double xhi = Double.NEGATIVE_INFINITY;
        double ylo = Double.POSITIVE_INFINITY;
        double yhi = Double.NEGATIVE_INFINITY;
        double rmax = 0;
        for (Curve c : curves) {
            for (int k = 0; k < c.x.length; k++) {
                for (double y : c.reference == null ? new double[] {c.y[k]} : new double[] {c.y[k], c.reference[k]}) {
                    if (valid(c.x[k], y)) {
                        xlo = Math.min(xlo, c.x[k]);
                        xhi = Math.max(xhi, c.x[k]);
                        ylo = Math.min(ylo, y);
                        yhi = Math.max(yhi, y);
                    }
                }
                if (c.reference != null && valid(c.x[k], 1) && Double.isFinite(residual(c, k))) {
                    rmax = Math.max(rmax, Math.abs(residual(c, k)));
                }
            }
        }
        if (!(xhi > xlo)) {
            throw new InvalidOptionException("curve", "spectrum plot: the curves span no x range (" + xlo + " to " + xhi + ")");
        }
        if (!(yhi > ylo)) {
            double pad = ylo == 0 ? 1 : Math.abs(ylo) * 0.1;
            ylo -= logY ? 0 : pad;
            yhi += pad;
        }
        if (logY) {
            double l0 = Math.log10(ylo);
            double l1 = Math.log10(yhi);
            double pad = 0.05 * (l1 - l0);
            ylo = Math.pow(10, l0 - pad);
            yhi = Math.pow(10, l1 + pad);
        } else {
            double pad = 0.05 * (yhi - ylo);
            ylo -= pad;
            yhi += pad;
        }
        boolean res = hasResiduals();
        double rRange = Math.max(rmax * 1.15, residualBand * 1.5);
        if (!(rRange > 0)) {
            rRange = residual == Residual.RELATIVE ? 0.01 : 1e-12;
        }

        BufferedImage img = Canvas.image(width, height);
        Graphics2D g = Canvas.graphics(img);
        Font tickFont = Canvas.font(13f);
        Font labelFont = Canvas.font(17f);
        int left = 96;
        int right = 26;
        int top = title == null ? 18 : 46;
        int bottom = 62;
        int resH = res ? (int) Math.round(0.27 * (height - top - bottom)) : 0;
        int mainH = height - top - bottom - resH;
        Rectangle2D main = new Rectangle2D.Double(left, top, width - left - right, mainH);
        Axis ax = new Axis(xlo, xhi, logX, main.getMinX(), main.getMaxX());
        Axis ay = new Axis(ylo, yhi, logY, main.getMaxY(), main.getMinY());

        grid(g, main, ax, ay);
        Shape oldClip = g.getClip();
        g.clip(main);
        for (Curve c : curves) {
            if (c.reference != null) {
                g.setColor(c.colour);
                g.setStroke(Canvas.dashed(1.6f));
                g.draw(polyline(c.x, c.reference, ax, ay, logX, logY));
            }
            g.setColor(c.colour);
            g.setStroke(Canvas.stroke(1.7f));
            g.draw(polyline(c.x, c.y, ax, ay, logX, logY));
        }
        g.setClip(oldClip);
        frame(g, main, ax, ay, tickFont, !res);
        Canvas.latexVertical(g, yLabel, labelFont, 26, main.getCenterY());

        Rectangle2D rp = null;
        if (res) {
            rp = new Rectangle2D.Double(left, top + mainH, width - left - right, resH);
            Axis ry = new Axis(-rRange, rRange, false, rp.getMaxY(), rp.getMinY());
            grid(g, rp, ax, ry);
            g.clip(rp);
            if (residualBand > 0) {
                g.setColor(new Color(0xEDEDED));
                double y1 = ry.toPixel(residualBand);
                double y0 = ry.toPixel(-residualBand);
                g.fill(new Rectangle2D.Double(rp.getMinX(), y1, rp.getWidth(), y0 - y1));
            }
            g.setColor(new Color(0x888888));
            g.setStroke(Canvas.stroke(1f));
            g.draw(new Line2D.Double(rp.getMinX(), ry.toPixel(0), rp.getMaxX(), ry.toPixel(0)));
            for (Curve c : curves) {
                if (c.reference == null) {
                    continue;
                }
                double[] r = new double[c.x.length];
                for (int k = 0; k < r.length; k++) {
                    r[k] = residual(c, k);
                }
                g.setColor(c.colour);
                g.setStroke(Canvas.stroke(1.5f));
                g.draw(polyline(c.x, r, ax, ry, logX, false));
            }
            g.setClip(oldClip);
            frame(g, rp, ax, ry, tickFont, true);
            Canvas.latexVertical(g, residualLabel, Canvas.font(15f), 26, rp.getCenterY());
        }
        double bottomEdge = res ? rp.getMaxY() : main.getMaxY();
        g.setColor(Color.BLACK);
        Canvas.latex(g, xLabel, labelFont, main.getCenterX(), bottomEdge + 30, 0.5, 0);
        if (title != null) {
            Canvas.richText(g, title, Canvas.font(18f), main.getCenterX(), 14, 0.5, 0);
        }
        drawLegend(g, main);
        g.dispose();
        return img;
    }

    private static Path2D polyline(double[] x, double[] y, Axis ax, Axis ay, boolean logX, boolean logY) {
        Path2D p = new Path2D.Double();
        boolean pen = false;
        for (int k = 0; k < x.length; k++) {
            if ((logX && !(x[k] > 0)) || (logY && !(y[k] > 0)) || !Double.isFinite(y[k])) {
                pen = false;
                continue;
            }
            double px = ax.toPixel(x[k]);
            double py = ay.toPixel(y[k]);
            if (pen) {
                p.lineTo(px, py);
            } else {
                p.moveTo(px, py);
                pen = true;
            }
        }
        return p;
    }

    private static void grid(Graphics2D g, Rectangle2D r, Axis ax, Axis ay) {
        g.setColor(Canvas.GRID);
        g.setStroke(Canvas.stroke(1f));
        for (Axis.Tick t : ax.ticks(6).ticks()) {
            if (t.major()) {
                double x = ax.toPixel(t.value());
                g.draw(new Line2D.Double(x, r.getMinY(), x, r.getMaxY()));
            }
        }
        for (Axis.Tick t : ay.ticks(5).ticks()) {
            if (t.major()) {
                double y = ay.toPixel(t.value());
                g.draw(new Line2D.Double(r.getMinX(), y, r.getMaxX(), y));
            }
        }
    }

    private static void frame(Graphics2D g, Rectangle2D r, Axis ax, Axis ay, Font tickFont, boolean xLabels) {
        g.setColor(Canvas.AXIS);
        g.setStroke(Canvas.stroke(1f));
        g.draw(r);
        for (Axis.Tick t : ax.ticks(6).ticks()) {
            double x = ax.toPixel(t.value());
            double len = t.major() ? 6 : 3;
            g.draw(new Line2D.Double(x, r.getMaxY(), x, r.getMaxY() - len));
            g.draw(new Line2D.Double(x, r.getMinY(), x, r.getMinY() + len));
            if (xLabels && !t.label().isEmpty()) {
                Canvas.text(g, t.label(), tickFont, x, r.getMaxY() + 5, 0.5, 0);
            }
        }
        Axis.Ticks yt = ay.ticks(5);
        for (Axis.Tick t : yt.ticks()) {
            double y = ay.toPixel(t.value());
            double len = t.major() ? 6 : 3;
            g.draw(new Line2D.Double(r.getMinX(), y, r.getMinX() + len, y));
            g.draw(new Line2D.Double(r.getMaxX(), y, r.getMaxX() - len, y));
            if (!t.label().isEmpty() && y > r.getMinY() + 4 && y < r.getMaxY() - 4) {
                Canvas.text(g, t.label(), tickFont, r.getMinX() - 6, y, 1, 0.5);
            }
        }
        if (yt.multiplier() != null) {
            Canvas.text(g, yt.multiplier(), tickFont, r.getMinX() + 4, r.getMinY() - 3, 0, 1);
        }
    }

    private void drawLegend(Graphics2D g, Rectangle2D main) {
        List<String> labels = new ArrayList<>();
        List<Color> colours = new ArrayList<>();
        List<Boolean> dashed = new ArrayList<>();
        for (Curve c : curves) {
            if (!c.label.isEmpty()) {
                labels.add(c.label);
                colours.add(c.colour);
                dashed.add(false);
            }
        }
        if (referenceLabel != null && hasResiduals()) {
            labels.add(referenceLabel);
            colours.add(new Color(0x555555));
            dashed.add(true);
        }
        if (labels.isEmpty()) {
            return;
        }
        Font f = Canvas.font(14f);
        double lineH = 22;
        double sample = 30;
        double maxW = 0;
        for (String l : labels) {
            maxW = Math.max(maxW, Canvas.textLayout(g, l, f).getAdvance());
        }
        double w = 10 + sample + 8 + maxW + 10;
        double h = 8 + labels.size() * lineH + 4;
        boolean rightSide = legend == LegendPosition.UPPER_RIGHT || legend == LegendPosition.LOWER_RIGHT;
        boolean upper = legend == LegendPosition.UPPER_RIGHT || legend == LegendPosition.UPPER_LEFT;
        double x = rightSide ? main.getMaxX() - w - 10 : main.getMinX() + 10;
        double y = upper ? main.getMinY() + 10 : main.getMaxY() - h - 10;
        Rectangle2D box = new Rectangle2D.Double(x, y, w, h);
        g.setColor(new Color(255, 255, 255, 230));
        g.fill(box);
        g.setColor(new Color(0xCCCCCC));
        g.setStroke(Canvas.stroke(1f));
        g.draw(box);
        for (int k = 0; k < labels.size(); k++) {
            double cy = y + 8 + (k + 0.5) * lineH;
            g.setColor(colours.get(k));
            g.setStroke(dashed.get(k) ? Canvas.dashed(1.6f) : Canvas.stroke(2f));
            g.draw(new Line2D.Double(x + 10, cy, x + 10 + sample, cy));
            g.setColor(Color.BLACK);
            Canvas.richText(g, labels.get(k), f, x + 10 + sample + 8, cy, 0, 0.5);
        }
    }

    /** Builds a {@link SpectrumPlot}; setters validate their arguments. */
    public static final class Builder {
        private final List<Curve> curves = new ArrayList<>();
        private String title;
        private String xLabel = "\\ell";
        private String yLabel = "";
        private boolean logX;
        private boolean logY;
        private int width = 900;
        private int height = 0;
        private Residual residual = Residual.RELATIVE;
        private String residualLabel;
        private double residualBand;
        private String referenceLabel;
        private LegendPosition legend = LegendPosition.UPPER_RIGHT;

        private Builder() {
        }

        /**
         * @param latex plot title (text, with {@code $...$} for math), or null for none
         * @return this
         */
        public Builder title(String latex) {
            title = latex;
            return this;
        }

        /**
         * @param latex x-axis label (default {@code \ell})
         * @return this
         */
        public Builder xLabel(String latex) {
            xLabel = Objects.requireNonNull(latex, "xLabel");
            return this;
        }

        /**
         * @param latex y-axis label
         * @return this
         */
        public Builder yLabel(String latex) {
            yLabel = Objects.requireNonNull(latex, "yLabel");
            return this;
        }

        /**
         * @param log whether x is logarithmic
         * @return this
         */
        public Builder logX(boolean log) {
            logX = log;
            return this;
        }

        /**
         * @param log whether y is logarithmic
         * @return this
         */
        public Builder logY(boolean log) {
            logY = log;
            return this;
        }

        /**
         * @param w width in pixels, 200..4000 (default 900)
         * @param h height in pixels, 150..4000 (default 600, or 780 with a residual panel)
         * @return this
         * @throws InvalidOptionException if out of range
         */
        public Builder size(int w, int h) {
            if (w < 200 || w > 4000 || h < 150 || h > 4000) {
                throw new InvalidOptionException("size", "spectrum plot: size must be 200..4000 x 150..4000 pixels, got "
                        + w + "x" + h);
            }
            width = w;
            height = h;
            return this;
        }

        /**
         * Adds a curve.
         *
         * @param label legend label (text, with {@code $...$} for math; "" for none)
         * @param x     abscissae (e.g. ℓ), copied
         * @param y     values, same length, copied
         * @return this
         * @throws InvalidOptionException naming the curve if the lengths differ, it has fewer than 2 points, or
         *                                a value is NaN or infinite (the message gives the index)
         */
        public Builder curve(String label, double[] x, double[] y) {
            check(label, x, y, "y");
            curves.add(new Curve(label, x.clone(), y.clone(), null, nextColour()));
            return this;
        }

        /**
         * Adds a curve compared with a reference on the same x: the curve solid, the reference dashed, and their
         * residual in the lower panel.
         *
         * @param label     legend label of the curve
         * @param x         abscissae, copied
         * @param y         values, copied
         * @param reference reference values at the same x, copied
         * @return this
         * @throws InvalidOptionException as {@link #curve}, for either array
         */
        public Builder compare(String label, double[] x, double[] y, double[] reference) {
            check(label, x, y, "y");
            check(label, x, reference, "reference");
            curves.add(new Curve(label, x.clone(), y.clone(), reference.clone(), nextColour()));
            return this;
        }

        /**
         * @param latex legend label for the dashed reference curves (text, e.g. {@code CLASS}); null for no entry
         * @return this
         */
        public Builder referenceLabel(String latex) {
            referenceLabel = latex;
            return this;
        }

        /**
         * @param r how residuals are shown (default {@link Residual#RELATIVE}, in percent)
         * @return this
         */
        public Builder residual(Residual r) {
            residual = Objects.requireNonNull(r, "residual");
            return this;
        }

        /**
         * @param latex label of the residual axis (default depends on {@link #residual})
         * @return this
         */
        public Builder residualLabel(String latex) {
            residualLabel = latex;
            return this;
        }

        /**
         * @param halfWidth shade ±halfWidth in the residual panel (in its units: percent for relative residuals),
         *                  ≥ 0; 0 for none
         * @return this
         * @throws InvalidOptionException if negative or not finite
         */
        public Builder residualBand(double halfWidth) {
            if (!(halfWidth >= 0) || !Double.isFinite(halfWidth)) {
                throw new InvalidOptionException("residualBand", "spectrum plot: residual band must be finite and >= 0, got " + halfWidth);
            }
            residualBand = halfWidth;
            return this;
        }

        /**
         * @param p where the legend goes
         * @return this
         */
        public Builder legend(LegendPosition p) {
            legend = Objects.requireNonNull(p, "legend");
            return this;
        }

        private Color nextColour() {
            return Canvas.LINE_COLOURS[curves.size() % Canvas.LINE_COLOURS.length];
        }

        private static void check(String label, double[] x, double[] y, String what) {
            Objects.requireNonNull(label, "label");
            if (x.length != y.length) {
                throw new InvalidOptionException("curve", "spectrum plot: curve '" + label + "' has " + x.length + " x values and "
                        + y.length + " " + what + " values");
            }
            if (x.length < 2) {
                throw new InvalidOptionException("curve", "spectrum plot: curve '" + label + "' needs at least 2 points");
            }
            for (int k = 0; k < x.length; k++) {
                if (!Double.isFinite(x[k]) || !Double.isFinite(y[k])) {
                    throw new InvalidOptionException("curve", "spectrum plot: curve '" + label + "' has a non-finite value at index "
                            + k + " (x=" + x[k] + ", " + what + "=" + y[k] + ")");
                }
            }
        }

        /**
         * @return the plot
         * @throws InvalidOptionException if there is no curve, or a curve has no point that a log axis can show
         */
        public SpectrumPlot build() {
            if (curves.isEmpty()) {
                throw new InvalidOptionException("curve", "spectrum plot: add at least one curve");
            }
            for (Curve c : curves) {
                boolean any = false;
                for (int k = 0; k < c.x.length && !any; k++) {
                    any = (!logX || c.x[k] > 0) && (!logY || c.y[k] > 0);
                }
                if (!any) {
                    throw new InvalidOptionException("curve", "spectrum plot: curve '" + c.label
                            + "' has no point with positive values to show on the log axis");
                }
            }
            if (height == 0) {
                height = curves.stream().anyMatch(c -> c.reference != null) ? 780 : 600;
            }
            return new SpectrumPlot(this);
        }
    }
}
