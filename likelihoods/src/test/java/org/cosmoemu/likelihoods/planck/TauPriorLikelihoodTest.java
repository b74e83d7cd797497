package org.cosmoemu.likelihoods.planck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.MissingQuantityException;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.Likelihoods;
import org.cosmoemu.theory.SimpleObservables;
import org.junit.jupiter.api.Test;

class TauPriorLikelihoodTest {

    @Test
    void gaussianInTauReio() {
        Likelihood l = Likelihoods.create("planck2018_tau_prior", Map.of());
        // (0.0617 − 0.0544) / 0.0073 = 1 → ln L = −1/2
        assertEquals(-0.5, l.logLike(SimpleObservables.builder().parameter("tau_reio", 0.0617).build()), 1e-12);
        assertEquals(0.0, l.logLike(SimpleObservables.builder().parameter("tau_reio", 0.0544).build()), 0.0);
        Likelihood custom = Likelihoods.create("planck2018_tau_prior", Map.of("mean", "0.06", "sigma", "0.01"));
        assertEquals(-2.0, custom.logLike(SimpleObservables.builder().parameter("tau_reio", 0.08).build()), 1e-12);
        assertTrue(l.requirements().spectra().isEmpty() && !l.requirements().background());
    }

    @Test
    void missingTauIsNamed() {
        MissingQuantityException e = assertThrows(MissingQuantityException.class,
                () -> TauPriorLikelihood.planck2018().logLike(SimpleObservables.builder().parameter("H0", 67.0).build()));
        assertTrue(e.getMessage().contains("tau_reio") && e.getMessage().contains("H0"), e.getMessage());
        InvalidOptionException o = assertThrows(InvalidOptionException.class, () -> TauPriorLikelihood.of(0.05, 0));
        assertEquals("sigma", o.option());
        assertThrows(InvalidOptionException.class, () -> Likelihoods.create("planck2018_tau_prior", Map.of("sigma", "x")));
    }
}
