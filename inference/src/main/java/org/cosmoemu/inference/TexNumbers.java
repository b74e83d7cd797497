package org.cosmoemu.inference;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Constraints as LaTeX, rounded as GetDist's {@code NumberFormatter} rounds them: the error to two significant
 * figures (one for large, loosely constrained values), the value to the error's decimal places. Package-private
 * helper of {@link ChainAnalysis#latexTable()}.
 */
final class TexNumbers {
    private static final int SIG_FIGS = 4;
    private static final int ERR_SIG_FIGS = 2;
    private static final double SEPARATE_LIMIT_TOL = 0.1;
    static final String NO_CONSTRAINT = "---";

    private TexNumbers() {
    }

    /**
     * @param m       a parameter's statistics
     * @param contour index of the contour, from 0
     * @return its constraint at that contour, e.g. {@code 0.811^{+0.012}_{-0.011}}, {@code 0.811\pm 0.011} or
     *         {@code < 0.120}
     */
    static String constraint(ChainAnalysis.Marginal m, int contour) {
        ChainAnalysis.Limit lim = m.limits().get(contour);
        return switch (lim.tail()) {
            case TWO_TAIL -> {
                double up = lim.upper() - m.mean();
                double down = lim.lower() - m.mean();
                boolean separate = contour != 0 || Math.abs(Math.abs(up / down) - 1) > SEPARATE_LIMIT_TOL;
                if (!separate) {
                    String[] r = sigFigs(m.mean(), m.sd(), m.sd(), false);
                    yield r[0] + "\\pm " + r[1];
                }
                String[] r = sigFigs(m.mean(), up, down, true);
                yield r[0] + "^{" + r[1] + "}_{" + r[2] + "}";
            }
            case UPPER_LIMIT -> "< " + format(lim.upper(), 3, false);
            case LOWER_LIMIT -> "> " + format(lim.lower(), 3, false);
            case NONE -> NO_CONSTRAINT;
        };
    }

    /** GetDist's {@code namesigFigs}: the value and its two errors, rounded consistently. */
    static String[] sigFigs(double value, double plus, double minus, boolean wantSign) {
        double frac = plus / (Math.abs(value) + plus);
        int errSf = ERR_SIG_FIGS;
        if (value >= 20 && frac > 0.1 && plus >= 2) {
            errSf = 1;
        }
        String plusStr = format(plus, errSf, wantSign);
        String minusStr = format(minus, errSf, wantSign);
        int sf = SIG_FIGS;
        if (frac > 0.1 && value < 100 && value >= 20) {
            sf = 2;
        } else if (frac > 0.01 && value < 1000) {
            sf = 3;
        }
        String res = format(value, sf, false);
        int maxDp = Math.max(decimals(plusStr), decimals(minusStr));
        while (maxDp < decimals(res)) {
            sf--;
            if (sf == 0) {
                res = String.format(java.util.Locale.ROOT, "%." + maxDp + "f", value);
                if (Double.parseDouble(res) == 0) {
                    res = String.format(java.util.Locale.ROOT, "%." + maxDp + "f", 0.0);
                }
                break;
            }
            res = format(value, sf, false);
        }
        while (decimals(plusStr) > decimals(res)) {
            sf++;
            res = format(value, sf, false);
        }
        return new String[] {res, plusStr, minusStr};
    }

    /** GetDist's {@code numberFigs} and {@code formatNumber}: {@code sig} significant figures, never exponents. */
    static String format(double value, int sig, boolean wantSign) {
        String s;
        if (value == 0 || !Double.isFinite(value)) {
            s = value == 0 ? (sig > 1 ? "0." + "0".repeat(sig - 1) : "0") : Double.toString(value);
        } else {
            BigDecimal d = new BigDecimal(value).round(new MathContext(sig, RoundingMode.HALF_UP));
            // keep trailing zeros up to the significant figures, as GetDist does ("0.100", "1200")
            s = d.toPlainString();
            int digits = d.precision();
            if (digits < sig && d.scale() >= 0) {
                s = d.setScale(d.scale() + sig - digits, RoundingMode.UNNECESSARY).toPlainString();
            }
        }
        if (wantSign) {
            double v = Double.parseDouble(s);
            if (!s.startsWith("-") && v < 0) {
                s = "-" + s;
            }
            if (v > 0) {
                s = "+" + s;
            }
        }
        return s;
    }

    private static int decimals(String s) {
        int i = s.indexOf('.');
        return i > 0 ? s.length() - i - 1 : 0;
    }
}
