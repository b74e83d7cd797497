package org.cosmoemu.plots;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A linear or logarithmic axis mapping data values to pixels, and its tick marks. Immutable.
 * Package-private: used by the plots.
 */
final class Axis {
    final double lo;
    final double hi;
    final boolean log;
    final double p0;
    final double p1;

    /**
     * @param lo  data value at pixel p0 (&gt; 0 for a log axis)
     * @param hi  data value at pixel p1
     * @param log logarithmic
     * @param p0  pixel of lo (for a y axis, the bottom)
     * @param p1  pixel of hi
     */
    Axis(double lo, double hi, boolean log, double p0, double p1) {
        this.lo = lo;
        this.hi = hi;
        this.log = log;
        this.p0 = p0;
        this.p1 = p1;
    }

    double toPixel(double v) {
        double t = log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
        return p0 + t * (p1 - p0);
    }

    double fromPixel(double p) {
        double t = (p - p0) / (p1 - p0);
        return log ? Math.pow(10, Math.log10(lo) + t * (Math.log10(hi) - Math.log10(lo))) : lo + t * (hi - lo);
    }

    /**
     * A tick.
     *
     * @param value the data value
     * @param label its label ("" for minor ticks)
     * @param major whether it is a labelled tick
     */
    record Tick(double value, String label, boolean major) {
    }

    /** Ticks and, for linear axes with very large or small numbers, the power of ten factored out of labels. */
    record Ticks(List<Tick> ticks, String multiplier) {
    }

    /**
     * @param target about how many labelled ticks are wanted
     * @return ticks inside [lo, hi]
     */
    Ticks ticks(int target) {
        return log ? logTicks() : linearTicks(target);
    }

    private Ticks linearTicks(int target) {
        double step = niceStep((hi - lo) / Math.max(1, target));
        double maxAbs = Math.max(Math.abs(lo), Math.abs(hi));
        int exp = 0;
        if (maxAbs >= 1e5 || maxAbs < 1e-2) {
            exp = (int) Math.floor(Math.log10(maxAbs));
        }
        double scale = Math.pow(10, exp);
        double s = step / scale;
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(s) + 1e-9));
        if (Math.abs(s / Math.pow(10, Math.floor(Math.log10(s) + 1e-9)) - 2.5) < 1e-6) {
            decimals++;
        }
        List<Tick> out = new ArrayList<>();
        long first = (long) Math.ceil(lo / step - 1e-9);
        long last = (long) Math.floor(hi / step + 1e-9);
        for (long k = first; k <= last; k++) {
            double v = k * step;
            double shown = v / scale;
            if (Math.abs(shown) < 1e-12 * Math.max(1, s)) {
                shown = 0;
            }
            out.add(new Tick(v, number(shown, decimals), true));
        }
        return new Ticks(out, exp == 0 ? null : "×10" + superscript(exp));
    }

    private Ticks logTicks() {
        List<Tick> out = new ArrayList<>();
        int e0 = (int) Math.floor(Math.log10(lo) + 1e-9);
        int e1 = (int) Math.ceil(Math.log10(hi) - 1e-9);
        int decades = e1 - e0;
        int every = Math.max(1, (int) Math.ceil(decades / 8.0));
        for (int e = e0; e <= e1; e++) {
            for (int m = 1; m <= 9; m++) {
                double v = m * Math.pow(10, e);
                if (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9)) {
                    continue;
                }
                boolean major = m == 1 && (e % every == 0);
                boolean labelledMinor = decades <= 1 && (m == 2 || m == 5);
                String label = major || labelledMinor ? logLabel(m, e) : "";
                out.add(new Tick(v, label, major || labelledMinor));
            }
        }
        return new Ticks(out, null);
    }

    private static String logLabel(int m, int e) {
        if (e >= -2 && e <= 4) {
            return number(m * Math.pow(10, e), Math.max(0, -e));
        }
        return (m == 1 ? "" : m + "×") + "10" + superscript(e);
    }

    static String number(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        if (s.startsWith("-")) {
            s = s.matches("-0(\\.0*)?") ? s.substring(1) : "−" + s.substring(1);
        }
        return s;
    }

    static String superscript(int e) {
        String digits = Integer.toString(e);
        StringBuilder sb = new StringBuilder();
        for (char c : digits.toCharArray()) {
            sb.append(c == '-' ? '⁻' : "⁰¹²³⁴⁵⁶⁷⁸⁹".charAt(c - '0'));
        }
        return sb.toString();
    }

    /** @return 1, 2, 2.5 or 5 times a power of ten, at least {@code raw} */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        double nice = m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10;
        return nice * p;
    }
}
