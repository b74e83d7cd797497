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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.NumericalException;
import org.cosmoemu.inference.Chains;

/**
 * A GetDist-style triangle plot: the 1-D marginal posterior of each parameter on the diagonal and the 2-D
 * marginals of each pair below it, with filled 68% and 95% highest-density contours, for one or several
 * sets of chains overlaid in different colours. Immutable; made with {@link #builder()}.
 *
 * <p>Densities are Gaussian kernel estimates ({@link Kde}) of the weighted samples after burn-in removal
 * (default: the first 30% of each chain, as GetDist's {@code ignore_rows=0.3}); 1-D curves are scaled to peak
 * 1. A contour at mass p bounds the smallest region (highest-density cells of the 2-D grid) holding p of the
 * probability, as GetDist's. Axis ranges cover the 0.1–99.9% quantiles of all chains, padded, and are cut at
 * prior bounds (read from {@code .ranges}); the density is reflected at those bounds. Labels are the
 * parameters' LaTeX labels rendered by {@link LatexLabel}.
 *
 * <pre>{@code
 * TrianglePlot.builder()
 *     .add(Chains.read(Path.of("chains/lcdm")), "ΛCDM")
 *     .add(Chains.read(Path.of("chains/wcdm")), "wCDM")
 *     .parameters("omega_m", "sigma8", "S8")
 *     .build()
 *     .write(Path.of("triangle.png"));
 * }</pre>
 */
public final class TrianglePlot {
    static {
        Canvas.init();
    }

    /** Contour masses: 68% and 95%, GetDist's defaults. */
    static final double[] CONTOURS = {0.68, 0.95};

    private record Entry(Chains chains, String label, Color colour) {
    }

    private final List<Entry> entries;
    private final List<String> parameters;
    private final double burnFraction;
    private final int panelSize;
    private final double smoothing;
    private final Map<String, Double> markers;

    private TrianglePlot(Builder b) {
        entries = List.copyOf(b.entries);
        parameters = List.copyOf(b.parameters);
        burnFraction = b.burnFraction;
        panelSize = b.panelSize;
        smoothing = b.smoothing;
        markers = Map.copyOf(b.markers);
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes the plot: PNG, or SVG, PDF or EPS (vector graphics: lines and text as vectors, the filled regions as a
     * fine embedded image) by the file's extension.
     *
     * @param file the file (parent directories are created); {@code .png}, {@code .svg}, {@code .pdf} or {@code .eps}
     * @throws InvalidOptionException if the extension is none of those
     * @throws org.cosmoemu.api.OutputException naming the file if it cannot be written
     */
    public void write(Path file) {
        Figures.write(this::paint, width(), height(), file);
    }

    private static final int LEFT = 86;
    private static final int BOTTOM = 74;
    private static final int TOP = 14;
    private static final int RIGHT = 18;

    private int width() {
        return LEFT + parameters.size() * panelSize + RIGHT;
    }

    private int height() {
        return TOP + parameters.size() * panelSize + BOTTOM;
    }

    /** Per-parameter data of one entry after burn-in. */
    private record Samples(double[] w, double[][] v, double[][] bounds) {
    }

    /** {@return the plot as an image} */
    public BufferedImage render() {
        return Figures.image(this::paint, width(), height());
    }

    private void paint(Graphics2D g, int width, int height, boolean vector) {
        int n = parameters.size();
        List<Samples> samples = new ArrayList<>();
        for (Entry e : entries) {
            Chains kept = e.chains.removeBurnFraction(burnFraction);
            double[][] v = new double[n][];
            double[][] bounds = new double[n][];
            for (int p = 0; p < n; p++) {
                int col;
                try {
                    col = kept.columnIndex(parameters.get(p));
                } catch (InvalidParameterException ex) {
                    throw new InvalidParameterException(ex.parameter(),
                            "triangle plot: chains '" + e.label + "': " + ex.getMessage());
                }
                v[p] = kept.allValues(col);
                Chains.Column c = kept.columns().get(col);
                bounds[p] = new double[] {c.lower(), c.upper()};
            }
            double[] w = kept.allWeights();
            if (!(Arrays.stream(w).sum() > 0)) {
                throw new InvalidOptionException("burn",
                        "triangle plot: chains '" + e.label + "' have no samples after burn-in");
            }
            samples.add(new Samples(w, v, bounds));
        }
        double[][] ranges = ranges(samples, n);

        int left = LEFT;
        int top = TOP;
        int size = panelSize;
        int raster = vector ? 3 : 1; // the fills' pixels per point: finer in vector documents
        Font tickFont = Canvas.font(12.5f);
        Font labelFont = Canvas.font(18f);

        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double x0 = left + j * size;
                double y0 = top + i * size;
                Rectangle2D panel = new Rectangle2D.Double(x0, y0, size, size);
                Axis ax = new Axis(ranges[j][0], ranges[j][1], false, x0, x0 + size);
                if (i == j) {
                    Axis ay = new Axis(0, 1.08, false, y0 + size, y0);
                    draw1D(g, panel, ax, ay, samples, j, ranges[j]);
                } else {
                    Axis ay = new Axis(ranges[i][0], ranges[i][1], false, y0 + size, y0);
                    draw2D(raster, g, panel, ax, ay, samples, j, i, ranges);
                }
                g.setColor(Canvas.AXIS);
                g.setStroke(Canvas.stroke(1f));
                g.draw(panel);
                // inward ticks on the bottom edge of every panel, the left edge of 2-D panels
                Axis.Ticks xt = ax.ticks(4);
                for (Axis.Tick t : xt.ticks()) {
                    double px = ax.toPixel(t.value());
                    g.draw(new Line2D.Double(px, y0 + size, px, y0 + size - 5));
                    if (i == n - 1 && inside(px, x0, size)) {
                        Canvas.text(g, t.label(), tickFont, px, y0 + size + 5, 0.5, 0);
                    }
                }
                if (i != j) {
                    Axis ay = new Axis(ranges[i][0], ranges[i][1], false, y0 + size, y0);
                    for (Axis.Tick t : ay.ticks(4).ticks()) {
                        double py = ay.toPixel(t.value());
                        g.draw(new Line2D.Double(x0, py, x0 + 5, py));
                        if (j == 0 && inside(py, y0, size)) {
                            Canvas.text(g, t.label(), tickFont, x0 - 5, py, 1, 0.5);
                        }
                    }
                }
            }
        }
        // axis labels
        g.setColor(Color.BLACK);
        for (int j = 0; j < n; j++) {
            Canvas.latex(g, label(j), labelFont, left + (j + 0.5) * size, top + n * size + 28, 0.5, 0);
        }
        for (int i = 1; i < n; i++) {
            Canvas.latexVertical(g, label(i), labelFont, left - 58, top + (i + 0.5) * size);
        }
        drawLegend(g, left + n * size - 8, top + 8, n == 1);
    }

    private static boolean inside(double p, double start, double size) {
        return p > start + 0.07 * size && p < start + 0.93 * size;
    }

    private String label(int p) {
        String name = parameters.get(p);
        for (Entry e : entries) {
            for (Chains.Column c : e.chains.columns()) {
                if (c.name().equals(name)) {
                    return c.latex();
                }
            }
        }
        return name;
    }

    /** Plot ranges: the union over chains of the 0.1–99.9% quantiles, padded by 8%, cut at prior bounds. */
    private static double[][] ranges(List<Samples> samples, int n) {
        double[][] r = new double[n][];
        for (int p = 0; p < n; p++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double lower = Double.NEGATIVE_INFINITY;
            double upper = Double.POSITIVE_INFINITY;
            for (Samples s : samples) {
                double[] q = quantiles(s.w, s.v[p], 0.001, 0.999);
                lo = Math.min(lo, q[0]);
                hi = Math.max(hi, q[1]);
                lower = Math.max(lower, s.bounds[p][0]);
                upper = Math.min(upper, s.bounds[p][1]);
            }
            if (!(hi > lo)) {
                double pad = Math.max(1e-3, Math.abs(lo) * 1e-3);
                lo -= pad;
                hi += pad;
            }
            double pad = 0.08 * (hi - lo);
            lo = Math.max(lo - pad, lower);
            hi = Math.min(hi + pad, upper);
            r[p] = new double[] {lo, hi};
        }
        return r;
    }

    /** Weighted quantiles by sorting (linear in cumulative weight). */
    static double[] quantiles(double[] w, double[] v, double... p) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
        double total = 0;
        for (double x : w) {
            total += x;
        }
        double[] out = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            double target = p[k] * total;
            double c = 0;
            out[k] = v[idx[idx.length - 1]];
            for (Integer i : idx) {
                c += w[i];
                if (c >= target) {
                    out[k] = v[i];
                    break;
                }
            }
        }
        return out;
    }

    private void draw1D(Graphics2D g, Rectangle2D panel, Axis ax, Axis ay, List<Samples> samples, int p, double[] range) {
        Shape oldClip = g.getClip();
        g.clip(panel);
        drawMarkerX(g, ax, panel, parameters.get(p));
        for (int e = entries.size() - 1; e >= 0; e--) {
            Samples s = samples.get(e);
            Kde.Density1D d = density1D(s, p, range);
            double max = d.max();
            Path2D path = new Path2D.Double();
            for (int k = 0; k < d.x().length; k++) {
                double px = ax.toPixel(d.x()[k]);
                double py = ay.toPixel(d.density()[k] / max);
                if (k == 0) {
                    path.moveTo(px, py);
                } else {
                    path.lineTo(px, py);
                }
            }
            g.setColor(entries.get(e).colour);
            g.setStroke(Canvas.stroke(1.8f));
            g.draw(path);
        }
        g.setClip(oldClip);
    }

    private Kde.Density1D density1D(Samples s, int p, double[] range) {
        try {
            return Kde.density1D(s.w, s.v[p], range[0], range[1], 600, s.bounds[p][0], s.bounds[p][1], 1.6 * smoothing);
        } catch (NumericalException ex) {
            throw new NumericalException("triangle plot: parameter " + parameters.get(p) + ": " + ex.getMessage(), ex);
        }
    }

    private void draw2D(int raster, Graphics2D g, Rectangle2D panel, Axis ax, Axis ay, List<Samples> samples,
            int px, int py, double[][] ranges) {
        List<Kde.Density2D> densities = new ArrayList<>();
        List<double[]> levels = new ArrayList<>();
        for (Samples s : samples) {
            Kde.Density2D d;
            try {
                d = Kde.density2D(s.w, s.v[px], s.v[py], ranges[px], ranges[py], 100, s.bounds[px], s.bounds[py],
                        1.6 * smoothing);
            } catch (NumericalException ex) {
                throw new NumericalException("triangle plot: parameters " + parameters.get(px) + ", "
                        + parameters.get(py) + ": " + ex.getMessage(), ex);
            }
            densities.add(d);
            levels.add(Kde.levels(d.density(), CONTOURS));
        }
        // the last set first and opaque, earlier sets over it, slightly transparent: the first is on top
        for (int e = entries.size() - 1; e >= 0; e--) {
            fillContours(g, raster, panel, ax, ay, densities.get(e), levels.get(e), entries.get(e).colour,
                    e == entries.size() - 1 ? 1.0 : 0.8);
        }
        Shape oldClip = g.getClip();
        g.clip(panel);
        drawMarkerX(g, ax, panel, parameters.get(px));
        Double my = markers.get(parameters.get(py));
        if (my != null) {
            g.setColor(new Color(0x777777));
            g.setStroke(Canvas.dashed(1f));
            double y = ay.toPixel(my);
            g.draw(new Line2D.Double(panel.getMinX(), y, panel.getMaxX(), y));
        }
        for (int e = entries.size() - 1; e >= 0; e--) {
            g.setColor(entries.get(e).colour.darker());
            g.setStroke(Canvas.stroke(1.1f));
            for (double level : levels.get(e)) {
                g.draw(ContourLines.trace(densities.get(e), level, ax, ay));
            }
        }
        g.setClip(oldClip);
    }

    private void drawMarkerX(Graphics2D g, Axis ax, Rectangle2D panel, String name) {
        Double m = markers.get(name);
        if (m != null) {
            g.setColor(new Color(0x777777));
            g.setStroke(Canvas.dashed(1f));
            double x = ax.toPixel(m);
            g.draw(new Line2D.Double(x, panel.getMinY(), x, panel.getMaxY()));
        }
    }

    /**
     * Paints the 95% region in a light shade and the 68% region in the full colour, antialiased by 3×3
     * supersampling of the bilinearly interpolated density, with the given opacity: as an image of the panel with
     * {@code raster} pixels per point, composited over what is drawn (so vector documents embed it).
     */
    private static void fillContours(Graphics2D g, int raster, Rectangle2D panel, Axis ax, Axis ay, Kde.Density2D d,
            double[] levels, Color colour, double opacity) {
        Color light = Canvas.lighter(colour, 0.6);
        int xa = (int) Math.ceil(panel.getMinX());
        int xb = (int) Math.floor(panel.getMaxX());
        int ya = (int) Math.ceil(panel.getMinY());
        int yb = (int) Math.floor(panel.getMaxY());
        int pw = (xb - xa) * raster;
        int ph = (yb - ya) * raster;
        if (pw <= 0 || ph <= 0) {
            return;
        }
        BufferedImage fill = new BufferedImage(pw, ph, BufferedImage.TYPE_INT_ARGB);
        int sub = 3;
        boolean any = false;
        for (int qy = 0; qy < ph; qy++) {
            for (int qx = 0; qx < pw; qx++) {
                int in68 = 0;
                int in95 = 0;
                for (int sy = 0; sy < sub; sy++) {
                    double y = ay.fromPixel(ya + (qy + (sy + 0.5) / sub) / raster);
                    for (int sx = 0; sx < sub; sx++) {
                        double x = ax.fromPixel(xa + (qx + (sx + 0.5) / sub) / raster);
                        double v = ContourLines.interpolate(d, x, y);
                        if (v >= levels[1]) {
                            in95++;
                            if (v >= levels[0]) {
                                in68++;
                            }
                        }
                    }
                }
                if (in95 == 0) {
                    continue;
                }
                any = true;
                int a = (int) Math.round(255 * opacity * in95 / (double) (sub * sub));
                double f68 = in68 / (double) in95;
                int r = (int) Math.round(f68 * colour.getRed() + (1 - f68) * light.getRed());
                int gg = (int) Math.round(f68 * colour.getGreen() + (1 - f68) * light.getGreen());
                int b = (int) Math.round(f68 * colour.getBlue() + (1 - f68) * light.getBlue());
                fill.setRGB(qx, qy, (a << 24) | (r << 16) | (gg << 8) | b);
            }
        }
        if (any) {
            g.drawImage(fill, xa, ya, xb - xa, yb - ya, null);
        }
    }

    private void drawLegend(Graphics2D g, double rightX, double topY, boolean single) {
        if (entries.size() < 2 && entries.get(0).label.isEmpty()) {
            return;
        }
        Font f = Canvas.font(single ? 13f : 16f);
        double box = single ? 11 : 15;
        double lineH = single ? 18 : 24;
        double maxW = 0;
        for (Entry e : entries) {
            maxW = Math.max(maxW, Canvas.textLayout(g, e.label, f).getAdvance());
        }
        double x = rightX - maxW - box - 8;
        for (int k = 0; k < entries.size(); k++) {
            Entry e = entries.get(k);
            double y = topY + k * lineH;
            g.setColor(e.colour);
            g.fill(new Rectangle2D.Double(x, y + (lineH - box) / 2, box, box));
            g.setColor(Color.BLACK);
            Canvas.richText(g, e.label, f, x + box + 8, y + lineH / 2, 0, 0.5);
        }
    }

    /** Builds a {@link TrianglePlot}. */
    public static final class Builder {
        private final List<Entry> entries = new ArrayList<>();
        private final List<String> parameters = new ArrayList<>();
        private double burnFraction = 0.3;
        private int panelSize = 220;
        private double smoothing = 1.0;
        private final Map<String, Double> markers = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds chains in the next palette colour (GetDist's blue, red, green, ...).
         *
         * @param chains the chains
         * @param label  legend label (text, with {@code $...$} for math; "" for none with a single set)
         * @return this
         */
        public Builder add(Chains chains, String label) {
            return add(chains, label, Canvas.CHAIN_COLOURS[entries.size() % Canvas.CHAIN_COLOURS.length]);
        }

        /**
         * {@return this}
         *
         * @param chains the chains
         * @param label  legend label
         * @param colour the colour of their contours
         */
        public Builder add(Chains chains, String label, Color colour) {
            entries.add(new Entry(Objects.requireNonNull(chains, "chains"), Objects.requireNonNull(label, "label"),
                    Objects.requireNonNull(colour, "colour")));
            return this;
        }

        /**
         * {@return this}
         *
         * @param names the parameters to plot, in order (default: the first chains' sampled parameters)
         */
        public Builder parameters(String... names) {
            parameters.clear();
            parameters.addAll(Arrays.asList(names));
            return this;
        }

        /**
         * {@return this}
         *
         * @param fraction fraction of each chain's rows dropped as burn-in, in [0, 1) (default 0.3)
         * @throws InvalidOptionException if outside [0, 1)
         */
        public Builder burnFraction(double fraction) {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new InvalidOptionException("burn", "triangle plot: burn fraction must be in [0, 1), got " + fraction);
            }
            burnFraction = fraction;
            return this;
        }

        /**
         * {@return this}
         *
         * @param pixels side of each panel in pixels, 80..1000 (default 220)
         * @throws InvalidOptionException if out of range
         */
        public Builder panelSize(int pixels) {
            if (pixels < 80 || pixels > 1000) {
                throw new InvalidOptionException("panelSize", "triangle plot: panel size must be 80..1000 pixels, got " + pixels);
            }
            panelSize = pixels;
            return this;
        }

        /**
         * {@return this}
         *
         * @param factor kernel width relative to the default (1), &gt; 0
         * @throws InvalidOptionException unless &gt; 0 and finite
         */
        public Builder smoothing(double factor) {
            if (!(factor > 0) || !Double.isFinite(factor)) {
                throw new InvalidOptionException("smoothing", "triangle plot: smoothing must be > 0, got " + factor);
            }
            smoothing = factor;
            return this;
        }

        /**
         * {@return this}
         *
         * @param parameter a parameter name
         * @param value     a value to mark with dashed lines (e.g. the truth)
         */
        public Builder marker(String parameter, double value) {
            markers.put(parameter, value);
            return this;
        }

        /**
         * {@return the plot}
         *
         * @throws InvalidOptionException    if no chains were added, or no parameter is chosen
         * @throws InvalidParameterException if a parameter is missing from some chains (the message names both)
         */
        public TrianglePlot build() {
            if (entries.isEmpty()) {
                throw new InvalidOptionException("chains", "triangle plot: add at least one set of chains");
            }
            if (parameters.isEmpty()) {
                for (Chains.Column c : entries.get(0).chains.columns()) {
                    if (!c.derived()) {
                        parameters.add(c.name());
                    }
                }
            }
            if (parameters.isEmpty()) {
                throw new InvalidOptionException("params", "triangle plot: no parameters to plot");
            }
            for (Entry e : entries) {
                for (String p : parameters) {
                    try {
                        e.chains.columnIndex(p);
                    } catch (InvalidParameterException ex) {
                        throw new InvalidParameterException(ex.parameter(),
                                "triangle plot: chains '" + e.label + "': " + ex.getMessage());
                    }
                }
            }
            return new TrianglePlot(this);
        }
    }
}
