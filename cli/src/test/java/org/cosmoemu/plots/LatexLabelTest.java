package org.cosmoemu.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parameter labels in LaTeX become readable Unicode text and styled runs. */
class LatexLabelTest {

    @Test
    void plainUnicode() {
        assertEquals("σ₈", LatexLabel.plain("\\sigma_8"));
        assertEquals("Ωₘ", LatexLabel.plain("\\Omega_{\\rm m}"));
        assertEquals("Ωₘ", LatexLabel.plain("$\\Omega_\\mathrm{m}$"));
        assertEquals("H₀", LatexLabel.plain("H_0"));
        assertEquals("S₈", LatexLabel.plain("S_8"));
        assertEquals("Σm_ν", LatexLabel.plain("\\sum m_\\nu"));
        assertEquals("Ω_b h²", LatexLabel.plain("\\Omega_b h^2"));
        assertEquals("100θ_MC", LatexLabel.plain("100\\theta_{MC}"));
        assertEquals("ln(10¹⁰Aₛ)", LatexLabel.plain("\\ln(10^{10} A_s)"));
        assertEquals("D_ℓ^TT [μK²]", LatexLabel.plain("D_\\ell^{TT}\\ [\\mu{\\rm K}^2]"));
        assertEquals("ω_cdm", LatexLabel.plain("\\omega_{\\rm cdm}"));
        assertEquals("nₛ", LatexLabel.plain("n_{\\rm s}"));
    }

    @Test
    void styledRuns() {
        assertEquals(List.of(new LatexLabel.Run("σ", 0, false), new LatexLabel.Run("8", -1, false)),
                LatexLabel.parse("\\sigma_8"));
        // Latin letters in math are italic, \rm ones upright; superscripts nest on subscripts' base
        assertEquals(List.of(new LatexLabel.Run("D", 0, true), new LatexLabel.Run("ℓ", -1, false),
                new LatexLabel.Run("TT", 1, true)), LatexLabel.parse("D_\\ell^{TT}"));
        assertEquals(List.of(new LatexLabel.Run("Ω", 0, false), new LatexLabel.Run("m", -1, false)),
                LatexLabel.parse("\\Omega_{\\rm m}"));
        assertEquals(List.of(new LatexLabel.Run("unknown", 0, false)), LatexLabel.parse("\\unknown"));
        // text mode: upright letters, spaces kept, math between dollars
        assertEquals(List.of(new LatexLabel.Run("EE × 50 ", 0, false), new LatexLabel.Run("x", 0, true)),
                LatexLabel.parseText("EE \\times 50 $x$"));
    }
}
