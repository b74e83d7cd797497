package org.cosmoemu.plots;

import java.awt.geom.Path2D;

/** Marching squares on a gridded 2-D density, and bilinear interpolation of it. Package-private. */
final class ContourLines {
    private ContourLines() {
    }

    /** @return the density at (x, y) by bilinear interpolation; 0 off the grid */
    static double interpolate(Kde.Density2D d, double x, double y) {
        double[] gx = d.x();
        double[] gy = d.y();
        double tx = (x - gx[0]) / (gx[1] - gx[0]);
        double ty = (y - gy[0]) / (gy[1] - gy[0]);
        int i = (int) Math.floor(tx);
        int j = (int) Math.floor(ty);
        if (i < 0 || j < 0 || i >= gx.length - 1 || j >= gy.length - 1) {
            return 0;
        }
        double fx = tx - i;
        double fy = ty - j;
        double[][] v = d.density();
        return (1 - fx) * (1 - fy) * v[i][j] + fx * (1 - fy) * v[i + 1][j] + (1 - fx) * fy * v[i][j + 1]
                + fx * fy * v[i + 1][j + 1];
    }

    /**
     * @param d     the density
     * @param level the contour value
     * @param ax    x axis (data to pixels)
     * @param ay    y axis
     * @return the contour as line segments in pixel coordinates
     */
    static Path2D trace(Kde.Density2D d, double level, Axis ax, Axis ay) {
        Path2D path = new Path2D.Double();
        double[] gx = d.x();
        double[] gy = d.y();
        double[][] v = d.density();
        double[] px = new double[gx.length];
        double[] py = new double[gy.length];
        for (int i = 0; i < gx.length; i++) {
            px[i] = ax.toPixel(gx[i]);
        }
        for (int j = 0; j < gy.length; j++) {
            py[j] = ay.toPixel(gy[j]);
        }
        double[] ex = new double[4];
        double[] ey = new double[4];
        for (int i = 0; i < gx.length - 1; i++) {
            for (int j = 0; j < gy.length - 1; j++) {
                // corners: 0 (i,j), 1 (i+1,j), 2 (i+1,j+1), 3 (i,j+1)
                double a = v[i][j];
                double b = v[i + 1][j];
                double c = v[i + 1][j + 1];
                double e = v[i][j + 1];
                int code = (a >= level ? 1 : 0) | (b >= level ? 2 : 0) | (c >= level ? 4 : 0) | (e >= level ? 8 : 0);
                if (code == 0 || code == 15) {
                    continue;
                }
                // crossing points on edges 0: (0-1), 1: (1-2), 2: (3-2), 3: (0-3)
                ex[0] = lerp(px[i], px[i + 1], a, b, level);
                ey[0] = py[j];
                ex[1] = px[i + 1];
                ey[1] = lerp(py[j], py[j + 1], b, c, level);
                ex[2] = lerp(px[i], px[i + 1], e, c, level);
                ey[2] = py[j + 1];
                ex[3] = px[i];
                ey[3] = lerp(py[j], py[j + 1], a, e, level);
                switch (code) {
                    case 1, 14 -> seg(path, ex, ey, 3, 0);
                    case 2, 13 -> seg(path, ex, ey, 0, 1);
                    case 3, 12 -> seg(path, ex, ey, 3, 1);
                    case 4, 11 -> seg(path, ex, ey, 1, 2);
                    case 6, 9 -> seg(path, ex, ey, 0, 2);
                    case 7, 8 -> seg(path, ex, ey, 3, 2);
                    case 5, 10 -> {
                        // saddle: decide by the centre value
                        boolean centre = (a + b + c + e) / 4 >= level;
                        if ((code == 5) == centre) {
                            seg(path, ex, ey, 3, 2);
                            seg(path, ex, ey, 0, 1);
                        } else {
                            seg(path, ex, ey, 3, 0);
                            seg(path, ex, ey, 1, 2);
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return path;
    }

    private static double lerp(double p0, double p1, double v0, double v1, double level) {
        double t = (level - v0) / (v1 - v0);
        return p0 + t * (p1 - p0);
    }

    private static void seg(Path2D path, double[] ex, double[] ey, int from, int to) {
        path.moveTo(ex[from], ey[from]);
        path.lineTo(ex[to], ey[to]);
    }
}
