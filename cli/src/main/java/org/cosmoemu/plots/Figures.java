package org.cosmoemu.plots;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.OutputException;

/**
 * Writes a figure as PNG or as vector graphics (SVG, PDF, EPS through VectorGraphics2D), chosen by the file's
 * extension. A figure is anything that paints itself on a {@link Graphics2D} of a given size: XChart charts and the
 * triangle plot alike. Package-private.
 */
final class Figures {
    static {
        Canvas.init(); // headless before AWT starts
    }

    private Figures() {
    }

    /** What a figure is: something that paints itself on a canvas of the given size (white background done). */
    @FunctionalInterface
    interface Painter {
        /**
         * @param g      the canvas
         * @param width  its width
         * @param height its height
         * @param vector whether the canvas is a vector document (raster parts should then be drawn finer)
         */
        void paint(Graphics2D g, int width, int height, boolean vector);
    }

    /** The output formats, by file extension. */
    enum Format {
        PNG, SVG, PDF, EPS;

        /**
         * @param file a file name
         * @return its format
         * @throws InvalidOptionException naming the file if its extension is none of png, svg, pdf, eps
         */
        static Format of(Path file) {
            String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            int dot = n.lastIndexOf('.');
            String ext = dot < 0 ? "" : n.substring(dot + 1);
            return switch (ext) {
                case "png" -> PNG;
                case "svg" -> SVG;
                case "pdf" -> PDF;
                case "eps", "ps" -> EPS;
                default -> throw new InvalidOptionException("output", file + ": unknown figure format '" + ext
                        + "'; name the file .png, .svg, .pdf or .eps");
            };
        }
    }

    /**
     * @param p the figure
     * @param w width in pixels (points for vector formats)
     * @param h height
     * @return the figure as an image
     */
    static BufferedImage image(Painter p, int w, int h) {
        BufferedImage img = Canvas.image(w, h);
        Graphics2D g = Canvas.graphics(img);
        try {
            p.paint(g, w, h, false);
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * Writes a figure, creating parent directories; the file is written next to its destination and moved into
     * place.
     *
     * @param p    the figure
     * @param w    width in pixels (points for vector formats)
     * @param h    height
     * @param file the destination; its extension chooses the format
     * @throws InvalidOptionException if the extension is not a known format
     * @throws OutputException        naming the file if it cannot be written
     */
    static void write(Painter p, int w, int h, Path file) {
        Format f = Format.of(file);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".part");
            try {
                if (f == Format.PNG) {
                    if (!javax.imageio.ImageIO.write(image(p, w, h), "png", tmp.toFile())) {
                        throw new OutputException(file + ": no PNG writer available");
                    }
                } else {
                    VectorGraphics2D g = new VectorGraphics2D();
                    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                    g.setColor(Color.WHITE);
                    g.fillRect(0, 0, w, h);
                    p.paint(g, w, h, true);
                    g.dispose();
                    Document doc = Processors.get(f.name().toLowerCase(Locale.ROOT))
                            .getDocument(g.getCommands(), new PageSize(0, 0, w, h));
                    try (OutputStream out = Files.newOutputStream(tmp)) {
                        doc.writeTo(out);
                    }
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new OutputException(file + ": cannot write the figure (" + e.getMessage() + ")", e);
        }
    }
}
