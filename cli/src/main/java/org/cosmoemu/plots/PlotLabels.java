package org.cosmoemu.plots;

import java.util.Locale;
import java.util.Map;
import org.cosmoemu.api.EllFactor;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.OutputQuantity;

/**
 * Axis labels, titles and legend entries from an emulator's metadata ({@link OutputGrid}, {@link OutputQuantity})
 * and its input names, as readable Unicode text (XChart draws plain strings): {@code ℓ}, {@code k [h/Mpc]},
 * {@code D_ℓ^TT [μK²]}, {@code ℓ(ℓ+1)C_L^φφ/2π}, {@code P_lin(k, z) [(Mpc/h)³]}, {@code ω_cdm}. Package-private.
 */
final class PlotLabels {
    private PlotLabels() {
    }

    /** LaTeX of the bundled ΛCDM inputs and other common names (any other name is shown as written). */
    private static final Map<String, String> INPUTS = Map.ofEntries(Map.entry("omega_b", "\\omega_{\\rm b}"),
            Map.entry("omega_cdm", "\\omega_{\\rm cdm}"), Map.entry("H0", "H_0"), Map.entry("tau_reio", "\\tau_{\\rm reio}"),
            Map.entry("n_s", "n_{\\rm s}"), Map.entry("ln10^{10}A_s", "\\ln(10^{10} A_{\\rm s})"), Map.entry("z", "z"),
            Map.entry("A_s", "A_{\\rm s}"), Map.entry("sigma8", "\\sigma_8"), Map.entry("Omega_m", "\\Omega_{\\rm m}"),
            Map.entry("h", "h"), Map.entry("m_ncdm", "m_{\\rm ncdm}"), Map.entry("N_ur", "N_{\\rm ur}"),
            Map.entry("w0_fld", "w_0"), Map.entry("wa_fld", "w_a"), Map.entry("Omega_k", "\\Omega_k"));

    /**
     * @param name an input's name, e.g. {@code omega_cdm}
     * @return its readable label, e.g. {@code ω_cdm} (names the table does not know are shown as written)
     */
    static String parameter(String name) {
        String latex = INPUTS.get(name);
        return latex == null ? name : LatexLabel.plain(latex);
    }

    /** @return whether the quantity is a CMB temperature/polarisation spectrum plotted as D_ℓ in µK² */
    static boolean isCmbPower(OutputQuantity q) {
        String n = q.name();
        return n.startsWith("C_ell^") && !n.contains("phiphi") && q.ellFactor() == EllFactor.L_L1_OVER_2PI
                && q.units().startsWith("dimensionless");
    }

    static boolean isLensing(OutputQuantity q) {
        return q.name().contains("phiphi") || q.name().contains("kappa");
    }

    /**
     * @param grid the emulator's output grid
     * @param q    its quantity
     * @return the x-axis label: {@code ℓ} (or {@code L} for lensing), {@code k [unit]}, {@code z}
     */
    static String xAxis(OutputGrid grid, OutputQuantity q) {
        String unit = grid.unit() == null || grid.unit().isBlank() ? "" : " [" + units(grid.unit()) + "]";
        return switch (grid.axis()) {
            case MULTIPOLE -> isLensing(q) ? "L" : "ℓ";
            case WAVENUMBER -> "k" + unit;
            case REDSHIFT -> "z";
            case NAMED -> "output";
            case MODES -> "mode" + unit;
        };
    }

    /**
     * @param q the quantity
     * @return the y-axis label from the quantity's name, ℓ-factor and units, e.g. {@code D_ℓ^TT [μK²]} for a lensed
     *         CMB spectrum (plotted in µK², see {@link #isCmbPower}), {@code L(L+1)C_L^φφ/2π} for φφ,
     *         {@code P_lin(k, z) [(Mpc/h)³]}
     */
    static String yAxis(OutputQuantity q) {
        if (isCmbPower(q)) {
            return "D_ℓ^" + spectrum(q.name()) + " [μK²]";
        }
        String symbol = symbol(q.name());
        String l = isLensing(q) ? "L" : "ℓ";
        symbol = symbol.replace("ℓ", l);
        String factored = switch (q.ellFactor()) {
            case NONE -> symbol;
            case L_L1_OVER_2PI -> l + "(" + l + "+1)" + symbol + "/2π";
            case L_L1_SQUARED_OVER_2PI -> "[" + l + "(" + l + "+1)]²" + symbol + "/2π";
            case L_L1_SQUARED_OVER_4 -> "[" + l + "(" + l + "+1)]²" + symbol + "/4";
        };
        String units = q.units() == null || q.units().isBlank() || q.units().startsWith("dimensionless")
                || q.units().startsWith("as named") ? "" : " [" + units(q.units()) + "]";
        return factored + units;
    }

    /** @return the description in a quantity name's parentheses, e.g. {@code lensed}, or "" */
    static String description(OutputQuantity q) {
        String n = q.name();
        int open = n.indexOf(" (");
        return open >= 0 && n.endsWith(")") ? n.substring(open + 2, n.length() - 1) : "";
    }

    private static String spectrum(String name) {
        String s = name.substring("C_ell^".length());
        int sp = s.indexOf(' ');
        return sp >= 0 ? s.substring(0, sp) : s;
    }

    /** The symbol part of a quantity name, readable: {@code C_ell^phiphi (x)} becomes {@code C_ℓ^φφ}. */
    static String symbol(String name) {
        int open = name.indexOf(" (");
        String s = open >= 0 ? name.substring(0, open) : name;
        s = s.replace("C_ell^", "C_ℓ^").replace("phiphi", "φφ").replace("kappakappa", "κκ");
        return s.replace("(k,z)", "(k, z)");
    }

    /** Units with Unicode powers: {@code (Mpc/h)^3} becomes {@code (Mpc/h)³}. */
    static String units(String u) {
        return u.replace("^3", "³").replace("^2", "²").replace("^-1", "⁻¹").replace("muK", "μK");
    }

    /**
     * @param name a named output, e.g. {@code rs_drag_Mpc}
     * @return its label with units from its suffix, e.g. {@code rs_drag [Mpc]}
     */
    static String namedOutput(String name) {
        for (String unit : new String[] {"Mpc", "Gyr"}) {
            if (name.endsWith("_" + unit)) {
                return name.substring(0, name.length() - unit.length() - 1) + " [" + unit + "]";
            }
        }
        return switch (name) {
            case "sigma8" -> "σ₈";
            case "sigma8_cb" -> "σ₈ (cb)";
            case "100theta_s" -> "100θ_s";
            case "100theta_star" -> "100θ*";
            case "YHe" -> "Y_He";
            case "N_eff" -> "N_eff";
            default -> name;
        };
    }

    /** @return {@code v} with at most 4 significant figures and no trailing zeros, as in legends: 0.9, 0.965 */
    static String number(double v) {
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }
}
