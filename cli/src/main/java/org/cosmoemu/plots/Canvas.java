package org.cosmoemu.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/** Shared drawing helpers: image set-up, styled text, colours. Package-private. */
final class Canvas {
    static {
        // plots are drawn off screen; never try to open a display
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static final String FONT = Font.SANS_SERIF;
    static final Color AXIS = new Color(0x222222);
    static final Color GRID = new Color(0xE6E6E6);

    /** GetDist-like colours for chains: blue, red, green, purple, orange, grey. */
    static final Color[] CHAIN_COLOURS = {new Color(0x006FED), new Color(0xE03424), new Color(0x009966),
        new Color(0x7B3294), new Color(0xF28E2B), new Color(0x555555)};

    /** Line colours for curves (matplotlib's tab10). */
    static final Color[] LINE_COLOURS = {new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C),
        new Color(0xD62728), new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F),
        new Color(0xBCBD22), new Color(0x17BECF)};

    private Canvas() {
    }

    static BufferedImage image(int width, int height) {
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }

    static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        return g;
    }

    static Font font(float size) {
        return new Font(FONT, Font.PLAIN, 1).deriveFont(size);
    }

    static BasicStroke stroke(float width) {
        return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    static BasicStroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f);
    }

    /** Horizontal alignment of text relative to the anchor: 0 left, 0.5 centre, 1 right. */
    static TextLayout layout(Graphics2D g, String latex, Font f) {
        return new TextLayout(LatexLabel.attributed(latex, f).getIterator(), g.getFontRenderContext());
    }

    /** Layout of text with optional {@code $...$} math ({@link LatexLabel#attributedText}). */
    static TextLayout textLayout(Graphics2D g, String text, Font f) {
        return new TextLayout(LatexLabel.attributedText(text, f).getIterator(), g.getFontRenderContext());
    }

    /**
     * Draws a LaTeX label.
     *
     * @param ax horizontal anchor fraction (0 left, 0.5 centre, 1 right)
     * @param ay vertical anchor: 0 top of the text at y, 0.5 centred, 1 baseline at y
     */
    static void latex(Graphics2D g, String latex, Font f, double x, double y, double ax, double ay) {
        draw(g, layout(g, latex, f), x, y, ax, ay);
    }

    /** Draws text with optional {@code $...$} math, anchored as {@link #latex}. */
    static void richText(Graphics2D g, String text, Font f, double x, double y, double ax, double ay) {
        draw(g, textLayout(g, text, f), x, y, ax, ay);
    }

    private static void draw(Graphics2D g, TextLayout tl, double x, double y, double ax, double ay) {
        float w = tl.getAdvance();
        float asc = tl.getAscent();
        float desc = tl.getDescent();
        double bx = x - ax * w;
        double by = ay == 1 ? y : ay == 0 ? y + asc : y + (asc - desc) / 2;
        tl.draw(g, (float) bx, (float) by);
    }

    /** Draws a LaTeX label rotated by −90° (reading upwards), centred on (x, y). */
    static void latexVertical(Graphics2D g, String latex, Font f, double x, double y) {
        AffineTransform old = g.getTransform();
        g.translate(x, y);
        g.rotate(-Math.PI / 2);
        latex(g, latex, f, 0, 0, 0.5, 0.5);
        g.setTransform(old);
    }

    /** Draws plain text with the given anchors (as {@link #latex}). */
    static void text(Graphics2D g, String s, Font f, double x, double y, double ax, double ay) {
        g.setFont(f);
        var fm = g.getFontMetrics();
        double w = fm.getStringBounds(s, g).getWidth();
        double by = ay == 1 ? y : ay == 0 ? y + fm.getAscent() : y + (fm.getAscent() - fm.getDescent()) / 2.0;
        g.drawString(s, (float) (x - ax * w), (float) by);
    }

    static double textWidth(Graphics2D g, String s, Font f) {
        return g.getFontMetrics(f).getStringBounds(s, g).getWidth();
    }

    /** @return c mixed with white: f = 0 gives c, f = 1 white */
    static Color lighter(Color c, double f) {
        return new Color((int) Math.round(c.getRed() + (255 - c.getRed()) * f),
                (int) Math.round(c.getGreen() + (255 - c.getGreen()) * f),
                (int) Math.round(c.getBlue() + (255 - c.getBlue()) * f));
    }

    /** Touches the class so that its static initialiser sets headless mode before AWT starts. */
    static void init() {
    }
}
