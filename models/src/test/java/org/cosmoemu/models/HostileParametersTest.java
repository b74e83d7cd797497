package org.cosmoemu.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.ParameterOutOfRangeException;
import org.cosmoemu.theory.EmulatorTheory;
import org.cosmoemu.theory.ParameterBases;
import org.cosmoemu.theory.Reparametrisation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, items 2 and 7: a NaN, infinite or negative target is refused by name instead of silently returning
 * the starting point (or blaming ln10^{10}A_s); a null range policy is refused; a theory's range error does not
 * suggest an option the theory does not have.
 */
class HostileParametersTest {
    private static final EmulatorTheory THEORY = LcdmTheory.bundled();

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"sigma8, NaN", "sigma8, Infinity", "sigma8, -Infinity", "Omega_m, NaN", "Omega_m, Infinity",
        "100theta_star, NaN", "100theta_star, -Infinity", "S8, NaN"})
    void nonFiniteTargetsAreRefusedByName(String target, double value) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Reparametrisation.of(THEORY)
                .solve(ParameterBases.get("planck2018"), Map.of(target, value)));
        assertEquals(target, e.parameter());
        assertTrue(e.getMessage().contains("cannot set " + target + " = " + value + ": a target must be a finite number"),
                e.getMessage());
    }

    @Test
    void negativeSigma8NamesSigma8() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Reparametrisation.of(THEORY)
                .solve(ParameterBases.get("planck2018"), Map.of("sigma8", -0.8)));
        assertEquals("sigma8", e.parameter());
        assertTrue(e.getMessage().contains("sigma8 is positive"), e.getMessage());
        assertFalse(e.getMessage().contains("A_s"), e.getMessage());
    }

    @Test
    void finiteTargetsStillSolve() {
        Reparametrisation.Solution s = Reparametrisation.of(THEORY).solve(ParameterBases.get("planck2018"),
                Map.of("sigma8", 0.8));
        assertEquals(0.8, s.achieved().get("sigma8"), 1e-8);
    }

    @Test
    void nullRangePolicyIsRefused() {
        Emulator tt = BundledModels.lcdm().tt();
        assertThrows(NullPointerException.class, () -> tt.withRangePolicy(null));
    }

    @Test
    void theoryRangeErrorsDoNotSuggestExtrapolating() {
        Map<String, Double> p = new java.util.LinkedHashMap<>(ParameterBases.get("planck2018"));
        p.put("H0", 500.0);
        ParameterOutOfRangeException e = assertThrows(ParameterOutOfRangeException.class,
                () -> THEORY.compute(p, org.cosmoemu.theory.Requirements.background("Omega_m")));
        assertFalse(e.getMessage().contains("extrapolate") || e.getMessage().contains("EXTRAPOLATE"), e.getMessage());
        assertTrue(e.getMessage().contains("only inside their training ranges"), e.getMessage());
    }
}
