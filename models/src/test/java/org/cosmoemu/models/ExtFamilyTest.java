package org.cosmoemu.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.api.ParameterConstraintException;
import org.cosmoemu.api.ParameterOutOfRangeException;
import org.cosmoemu.api.ParameterSpace;
import org.cosmoemu.cpu.Emulators;
import org.cosmoemu.cpu.SyntheticNetworks;
import org.cosmoemu.theory.CplBackground;
import org.cosmoemu.theory.EmulatorTheory;
import org.cosmoemu.theory.InputConstraint;
import org.cosmoemu.theory.Requirements;
import org.junit.jupiter.api.Test;

/**
 * The extended family's theory machinery without its networks: the CPL background created from the input vector,
 * the w0 + wa &lt; 0 constraint, and {@link ModelFamily}'s choice of family. (A synthetic derived emulator stands in
 * for {@code ext/derived}; the agreement of the trained networks is {@code ExtTheoryTest}'s.)
 */
class ExtFamilyTest {

    /** The class-ext training box. */
    static final ParameterSpace EXT_SPACE = ParameterSpace.of(List.of(Parameter.of("omega_b", 0.02, 0.025),
            Parameter.of("omega_cdm", 0.09, 0.15), Parameter.of("H0", 55, 80), Parameter.of("tau_reio", 0.02, 0.1),
            Parameter.of("n_s", 0.9, 1.03), Parameter.of("ln10^{10}A_s", 2.7, 3.3), Parameter.of("m_ncdm", 0.005, 0.5),
            Parameter.of("N_eff", 2.2, 4.0), Parameter.of("w0_fld", -1.5, -0.5), Parameter.of("wa_fld", -2.0, 0.5)));

    static EmulatorTheory syntheticExt() {
        NetworkModel m = SyntheticNetworks.random(7, 10, 8, 1, 2, 0).toBuilder().name("synthetic-ext-derived")
                .parameterSpace(EXT_SPACE).grid(OutputGrid.named(List.of("sigma8", "rs_drag_Mpc"))).build();
        Emulator derived = Emulators.create(m);
        return EmulatorTheory.builder().derived(derived).background(EmulatorTheory.BackgroundModel.cpl())
                .constraint(InputConstraint.CPL_EARLY_DARK_ENERGY).build();
    }

    static double[] point(double mnu, double neff, double w0, double wa) {
        return new double[] {0.0224, 0.12, 67.0, 0.055, 0.965, 3.04, mnu, neff, w0, wa};
    }

    @Test
    void backgroundComesFromTheInputVector() {
        EmulatorTheory t = syntheticExt();
        double[] x = point(0.2, 3.3, -0.8, -0.7);
        var r = t.compute(x, Requirements.background("Omega_m"));
        CplBackground expect = CplBackground.of(0.0224, 0.12, 67.0, 0.2, 3.3, -0.8, -0.7);
        for (double z : new double[] {0.3, 0.51, 1.32, 2.33}) {
            assertEquals(expect.comovingAngularDistance(z), r.background().comovingAngularDistance(z), 1e-9);
            assertEquals(expect.hubble(z), r.background().hubble(z), 1e-9);
        }
        assertEquals(expect.omegaM(), r.derived("Omega_m"), 1e-15);
        assertTrue(t.hasBackground());
        assertEquals(List.of(InputConstraint.CPL_EARLY_DARK_ENERGY), t.constraints());
    }

    /** Ω_m depends on Σm_ν too: its Jacobian row has that column (central differences), the others analytic. */
    @Test
    void omegaMJacobianIncludesTheNeutrinoMass() {
        EmulatorTheory t = syntheticExt();
        double[] x = point(0.2, 3.3, -0.8, -0.7);
        double[] row = t.derivedJacobian(x, "Omega_m")[0];
        double h2 = 0.67 * 0.67;
        assertEquals(1 / h2, row[0], 1e-12);
        // Ω_ν h² ≈ Σm_ν / 93.14 eV for a non-relativistic neutrino
        assertEquals(1 / (93.14 * h2), row[6], 0.01 / (93.14 * h2));
        assertEquals(0.0, row[7], 1e-9);
        assertEquals(0.0, row[8], 1e-12);
    }

    @Test
    void pointsBreakingW0PlusWaBelowZeroAreRefusedByName() {
        EmulatorTheory t = syntheticExt();
        // in the class-ext box (w0 <= -0.5, wa <= 0.5) only the corner w0 + wa = 0 breaks it
        double[] bad = point(0.06, 3.046, -0.5, 0.5);
        ParameterConstraintException e = assertThrows(ParameterConstraintException.class,
                () -> t.compute(bad, Requirements.background("rdrag")));
        assertInstanceOf(ParameterOutOfRangeException.class, e);
        assertEquals("w0_fld + wa_fld", e.parameter());
        assertEquals("w0+wa<0", e.constraint());
        assertEquals(0.0, e.value(), 1e-15);
        assertEquals(0.0, e.upper());
        assertTrue(e.getMessage().contains("w0+wa<0"), e.getMessage());
        assertThrows(ParameterConstraintException.class, () -> t.derived("sigma8", bad));
        assertThrows(ParameterConstraintException.class, () -> t.derivedJacobian(bad, "sigma8"));
        // the box check comes first and keeps its message
        ParameterOutOfRangeException box = assertThrows(ParameterOutOfRangeException.class,
                () -> t.compute(point(0.06, 3.046, -0.4, 0.45), Requirements.background("Omega_m")));
        assertEquals("w0_fld", box.parameter());
        t.compute(point(0.06, 3.046, -0.5, 0.4999), Requirements.background("Omega_m"));
    }

    @Test
    void constraintsNameTheirInputs() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> EmulatorTheory.builder()
                .derived(Emulators.create(SyntheticNetworks.random(1, 3, 4, 1, 2, 0).toBuilder()
                        .grid(OutputGrid.named(List.of("a", "b"))).build()))
                .constraint(InputConstraint.CPL_EARLY_DARK_ENERGY).build());
        assertTrue(e.getMessage().contains("w0_fld"), e.getMessage());
        assertThrows(InvalidOptionException.class, () -> InputConstraint.linearBelow("x", List.of("a"),
                new double[] {1, 2}, 0, "r"));
        assertTrue(InputConstraint.CPL_EARLY_DARK_ENERGY.holds(-1, 0.9));
        assertTrue(!InputConstraint.CPL_EARLY_DARK_ENERGY.holds(-0.5, 0.5));
    }

    @Test
    void familyFollowsTheParameters() {
        assertEquals(ModelFamily.LCDM, ModelFamily.forParameters(List.of("omega_b", "H0", "A_planck")));
        assertEquals(ModelFamily.EXT, ModelFamily.forParameters(List.of("omega_b", "w0_fld")));
        assertEquals(ModelFamily.EXT, ModelFamily.forParameters(Set.of("m_ncdm")));
        assertEquals(ModelFamily.LCDM, ModelFamily.forPoint(Map.of("H0", 67.0, "m_ncdm", 0.06, "w0_fld", -1.0)));
        assertEquals(ModelFamily.EXT, ModelFamily.forPoint(Map.of("H0", 67.0, "m_ncdm", 0.1)));
        assertEquals(ModelFamily.EXT, ModelFamily.forPoint(Map.of("N_eff", 3.3)));
        assertEquals(ModelFamily.EXT, ModelFamily.parse(" EXT"));
        assertEquals("lcdm", ModelFamily.LCDM.token());
        assertEquals("ext/tt_unlensed", ModelFamily.EXT.model("tt_unlensed"));
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> ModelFamily.parse("wcdm"));
        assertTrue(e.getMessage().contains("[lcdm, ext]"), e.getMessage());
        Map<String, Double> six = new LinkedHashMap<>(Map.of("H0", 67.0));
        assertEquals(Map.of("H0", 67.0, "m_ncdm", 0.06, "N_eff", 3.046, "w0_fld", -1.0, "wa_fld", 0.0),
                ModelFamily.EXT.complete(six));
        assertEquals(Map.of("H0", 67.0, "w0_fld", -0.9), ModelFamily.LCDM.complete(Map.of("H0", 67.0, "m_ncdm", 0.06,
                "w0_fld", -0.9)));
    }
}
