package org.cosmoemu.plots;

import java.awt.Font;
import java.awt.font.TextAttribute;
import java.text.AttributedString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders the small subset of LaTeX that parameter labels use ({@code \sigma_8}, {@code \Omega_{\rm m}},
 * {@code 100\theta_{\rm MC}}, {@code D_\ell^{TT}\,[\mu{\rm K}^2]}) as styled text, without a TeX engine.
 *
 * <p>Understood: Greek letters ({@code \alpha ... \omega}, {@code \Gamma ... \Omega}), {@code \ell},
 * {@code \times}, {@code \cdot}, {@code \pm}, {@code \sim}, {@code \log}, {@code \ln}; sub/superscripts
 * {@code _x}, {@code _{...}}, {@code ^x}, {@code ^{...}} (nested); groups {@code {...}}; upright text
 * {@code \rm}, {@code \mathrm{}}, {@code \text{}}, {@code \textrm{}}; spacing {@code \, \; \! \ }; {@code $} is
 * dropped. Latin letters in math are italic, as TeX sets them. Other commands are shown as their name.
 * Immutable utility.
 */
public final class LatexLabel {
    private LatexLabel() {
    }

    private static final Map<String, String> SYMBOLS = Map.ofEntries(
            Map.entry("alpha", "α"), Map.entry("beta", "β"), Map.entry("gamma", "γ"), Map.entry("delta", "δ"),
            Map.entry("epsilon", "ε"), Map.entry("varepsilon", "ε"), Map.entry("zeta", "ζ"), Map.entry("eta", "η"),
            Map.entry("theta", "θ"), Map.entry("vartheta", "ϑ"), Map.entry("iota", "ι"), Map.entry("kappa", "κ"),
            Map.entry("lambda", "λ"), Map.entry("mu", "μ"), Map.entry("nu", "ν"), Map.entry("xi", "ξ"),
            Map.entry("pi", "π"), Map.entry("rho", "ρ"), Map.entry("sigma", "σ"), Map.entry("tau", "τ"),
            Map.entry("upsilon", "υ"), Map.entry("phi", "φ"), Map.entry("varphi", "φ"), Map.entry("chi", "χ"),
            Map.entry("psi", "ψ"), Map.entry("omega", "ω"), Map.entry("Gamma", "Γ"), Map.entry("Delta", "Δ"),
            Map.entry("Theta", "Θ"), Map.entry("Lambda", "Λ"), Map.entry("Xi", "Ξ"), Map.entry("Pi", "Π"),
            Map.entry("Sigma", "Σ"), Map.entry("Upsilon", "Υ"), Map.entry("Phi", "Φ"), Map.entry("Psi", "Ψ"),
            Map.entry("Omega", "Ω"), Map.entry("ell", "ℓ"), Map.entry("times", "×"), Map.entry("cdot", "·"),
            Map.entry("pm", "±"), Map.entry("sim", "∼"), Map.entry("log", "log"), Map.entry("ln", "ln"),
            Map.entry("infty", "∞"), Map.entry("propto", "∝"), Map.entry("approx", "≈"), Map.entry("leq", "≤"),
            Map.entry("geq", "≥"), Map.entry("langle", "⟨"), Map.entry("rangle", "⟩"), Map.entry("prime", "′"),
            Map.entry("sum", "Σ"));
    private static final String SUB_FROM = "0123456789+-=()aehijklmnoprstuvx";
    private static final String SUB_TO = "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ";
    private static final String SUP_FROM = "0123456789+-=()in";
    private static final String SUP_TO = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁱⁿ";

    /**
     * A piece of text in one style.
     *
     * @param text   the characters
     * @param level  −1 subscript (−2 sub-sub, ...), 0 baseline, +1 superscript
     * @param italic whether it is set in italic
     */
    record Run(String text, int level, boolean italic) {
    }

    /**
     * {@return the label as plain Unicode, with Unicode sub/superscript characters where they exist (σ₈, H₀, Ωₘ) and
     * {@code _x}/{@code ^x} otherwise (Ω_b, θ_MC, D_ℓ^TT)}
     *
     * @param latex a label, with or without {@code $}
     */
    public static String plain(String latex) {
        StringBuilder sb = new StringBuilder();
        List<Run> runs = parse(latex);
        for (int k = 0; k < runs.size(); k++) {
            Run r = runs.get(k);
            if (r.level() == 0) {
                sb.append(r.text());
            } else {
                String from = r.level() < 0 ? SUB_FROM : SUP_FROM;
                String to = r.level() < 0 ? SUB_TO : SUP_TO;
                StringBuilder mapped = new StringBuilder();
                boolean ok = true;
                for (char c : r.text().toCharArray()) {
                    int i = from.indexOf(c);
                    if (i < 0) {
                        ok = false;
                        break;
                    }
                    mapped.append(to.charAt(i));
                }
                if (ok) {
                    sb.append(mapped);
                } else {
                    sb.append(r.level() < 0 ? '_' : '^');
                    // braces only where a space would end the script: "θ_MC", "D_ℓ^TT", "X_{a b}"
                    sb.append(r.text().indexOf(' ') < 0 ? r.text() : "{" + r.text() + "}");
                    if (k + 1 < runs.size() && runs.get(k + 1).level() == 0
                            && Character.isLetterOrDigit(runs.get(k + 1).text().charAt(0))) {
                        sb.append(' '); // "Ω_b h²", not "Ω_bh²"
                    }
                }
            }
        }
        return sb.toString();
    }

    /**
     * {@return styled text for
     * {@link java.awt.Graphics2D#drawString(java.text.AttributedCharacterIterator, float, float)}}
     *
     * @param latex a label, all of it math (as GetDist's {@code .paramnames} labels)
     * @param font  the base font (its size is the baseline size)
     */
    public static AttributedString attributed(String latex, Font font) {
        return styled(parse(latex), font);
    }

    /**
     * {@return styled text}
     *
     * @param text text with optional {@code $...$} math (as matplotlib's labels): outside the dollars letters
     *   are upright and spaces kept, but commands such as {@code \times} still work
     * @param font the base font
     */
    public static AttributedString attributedText(String text, Font font) {
        return styled(parseText(text), font);
    }

    /** Parses text with {@code $...$} math segments. */
    static List<Run> parseText(String text) {
        List<Run> out = new ArrayList<>();
        String[] parts = text.split("\\$", -1);
        for (int k = 0; k < parts.length; k++) {
            new Parser(parts[k], out).group(0, k % 2 == 0, Integer.MAX_VALUE);
        }
        return merge(out);
    }

    private static AttributedString styled(List<Run> runs, Font font) {
        StringBuilder all = new StringBuilder();
        for (Run r : runs) {
            all.append(r.text());
        }
        if (all.isEmpty()) {
            all.append(' ');
            runs = List.of(new Run(" ", 0, false));
        }
        AttributedString s = new AttributedString(all.toString());
        s.addAttribute(TextAttribute.FAMILY, font.getFamily());
        s.addAttribute(TextAttribute.SIZE, font.getSize2D());
        int pos = 0;
        for (Run r : runs) {
            int end = pos + r.text().length();
            if (r.level() != 0) {
                s.addAttribute(TextAttribute.SUPERSCRIPT, r.level() < 0 ? TextAttribute.SUPERSCRIPT_SUB
                        : TextAttribute.SUPERSCRIPT_SUPER, pos, end);
                if (Math.abs(r.level()) > 1) {
                    s.addAttribute(TextAttribute.SIZE, font.getSize2D() * 0.8f, pos, end);
                }
            }
            if (r.italic()) {
                s.addAttribute(TextAttribute.POSTURE, TextAttribute.POSTURE_OBLIQUE, pos, end);
            }
            pos = end;
        }
        return s;
    }

    /**
     * {@return the text with LaTeX's special characters escaped, so it renders literally}
     *
     * @param plain plain text, such as a file name
     */
    public static String escape(String plain) {
        StringBuilder sb = new StringBuilder();
        for (char c : plain.toCharArray()) {
            if ("_^{}%&#$\\".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Parses a label into styled runs (adjacent runs of the same style merged). */
    static List<Run> parse(String latex) {
        List<Run> out = new ArrayList<>();
        new Parser(latex.replace("$", ""), out).group(0, false, Integer.MAX_VALUE);
        return merge(out);
    }

    private static List<Run> merge(List<Run> out) {
        List<Run> merged = new ArrayList<>();
        for (Run r : out) {
            if (r.text().isEmpty()) {
                continue;
            }
            if (!merged.isEmpty()) {
                Run last = merged.get(merged.size() - 1);
                if (last.level() == r.level() && last.italic() == r.italic()) {
                    merged.set(merged.size() - 1, new Run(last.text() + r.text(), r.level(), r.italic()));
                    continue;
                }
            }
            merged.add(r);
        }
        return merged;
    }

    private static final class Parser {
        private final String s;
        private final List<Run> out;
        private int i;

        Parser(String s, List<Run> out) {
            this.s = s;
            this.out = out;
        }

        /** Parses until the closing brace (or the end), or until {@code maxAtoms} atoms have been read. */
        void group(int level, boolean upright, int maxAtoms) {
            boolean rm = upright;
            int atoms = 0;
            while (i < s.length() && atoms < maxAtoms) {
                char c = s.charAt(i);
                if (c == '}') {
                    if (maxAtoms == Integer.MAX_VALUE) {
                        i++;
                    }
                    return;
                }
                atoms++;
                if (c == '{') {
                    i++;
                    group(level, rm, Integer.MAX_VALUE);
                } else if (c == '_' || c == '^') {
                    i++;
                    atoms--; // a script attaches to the previous atom
                    skipSpaces();
                    script(c == '_' ? level - 1 : level + 1, rm);
                } else if (c == '\\') {
                    i++;
                    String cmd = command();
                    switch (cmd) {
                        case "rm" -> {
                            rm = true;
                            skipSpaces(); // "{\\rm m}": the space ends the command
                        }
                        case "mathrm", "text", "textrm", "mathsf" -> {
                            skipSpaces();
                            script(level, true);
                        }
                        case "mathit", "mathcal", "mathbf", "boldsymbol", "bar", "hat", "tilde" -> {
                            skipSpaces();
                            script(level, rm);
                        }
                        case "," , ";", ":", " " -> emit(" ", level, false);
                        case "!" -> { }
                        case "{", "}", "_", "%", "&", "#" -> emit(cmd, level, false);
                        case "left", "right" -> { }
                        default -> emit(SYMBOLS.getOrDefault(cmd, cmd), level, false);
                    }
                } else {
                    i++;
                    if (c == ' ' && !rm) {
                        atoms--;
                        continue; // math mode ignores spaces
                    }
                    emit(String.valueOf(c), level, !rm && Character.isLetter(c) && c < 128);
                }
            }
        }

        private void script(int level, boolean upright) {
            if (i < s.length() && s.charAt(i) == '{') {
                i++;
                group(level, upright, Integer.MAX_VALUE);
            } else {
                group(level, upright, 1);
            }
        }

        private String command() {
            if (i >= s.length()) {
                return "";
            }
            int start = i;
            if (!Character.isLetter(s.charAt(i))) {
                i++;
                return s.substring(start, i);
            }
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            return s.substring(start, i);
        }

        private void skipSpaces() {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
        }

        private void emit(String text, int level, boolean italic) {
            out.add(new Run(text, level, italic));
        }
    }
}
