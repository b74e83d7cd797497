package org.cosmoemu.likelihoods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.cosmoemu.api.InvalidOptionException;
import org.junit.jupiter.api.Test;

/**
 * The likelihoods' bad-option paths, for every likelihood and every option of the catalogue: each ends in an
 * {@link InvalidOptionException} (exactly that type, never an IllegalArgumentException) that names the option.
 * Values are validated before any data file is looked at, so these tests need no data.
 */
class LikelihoodOptionsTest {

    /** Values of the wrong type for each kind of option. */
    private static List<String> badValues(LikelihoodOption o) {
        return switch (o.type()) {
            case CHOICE -> List.of("nonsense", o.choices().get(0).toUpperCase(java.util.Locale.ROOT) + "x", "");
            case BOOLEAN -> List.of("maybe", "1", "");
            case NUMBER -> List.of("many", "NaN", "Infinity", "1,5", "");
            case TEXT -> List.of("", "   ");
        };
    }

    @Test
    void theCatalogueListsEveryLikelihood() {
        assertEquals(List.of("act_dr6_lensing", "bao", "planck2018_lensing", "planck2018_lowl_ee", "planck2018_lowl_tt",
                "planck2018_plik_lite", "planck2018_tau_prior", "planck_pr4_lensing"), List.copyOf(Likelihoods.names()));
        for (LikelihoodDescriptor d : Likelihoods.descriptors()) {
            assertFalse(d.summary().isBlank(), d.name());
            assertFalse(d.data().isBlank(), d.name());
            for (LikelihoodOption o : d.options()) {
                assertFalse(o.description().isBlank(), d.name() + "." + o.key());
            }
        }
    }

    @Test
    void everyBadValueOfEveryOptionIsANamedInvalidOptionException() {
        int checked = 0;
        for (LikelihoodDescriptor d : Likelihoods.descriptors()) {
            for (LikelihoodOption o : d.options()) {
                for (String bad : badValues(o)) {
                    InvalidOptionException e = assertThrowsExactly(InvalidOptionException.class,
                            () -> Likelihoods.create(d.name(), Map.of(o.key(), bad)), d.name() + " " + o.key() + "=" + bad);
                    assertEquals(o.key(), e.option(), e.getMessage());
                    assertTrue(e.getMessage().contains(d.name()) && e.getMessage().contains(o.key()), e.getMessage());
                    checked++;
                }
            }
        }
        assertTrue(checked > 30, "checked " + checked);
    }

    @Test
    void unknownOptionsAndNamesAreNamedInvalidOptionExceptions() {
        for (LikelihoodDescriptor d : Likelihoods.descriptors()) {
            InvalidOptionException e = assertThrowsExactly(InvalidOptionException.class,
                    () -> Likelihoods.create(d.name(), Map.of("no_such_option", "1")));
            assertEquals("no_such_option", e.option());
            for (String key : d.optionKeys()) {
                assertTrue(e.getMessage().contains(key), "the message lists the accepted options: " + e.getMessage());
            }
        }
        InvalidOptionException e = assertThrowsExactly(InvalidOptionException.class,
                () -> Likelihoods.create("act_dr7_lensing", Map.of()));
        assertTrue(e.getMessage().contains("act_dr6_lensing"), "the message lists the names: " + e.getMessage());
    }

    @Test
    void everyDefaultIsAValidValueOfItsOption() {
        for (LikelihoodDescriptor d : Likelihoods.descriptors()) {
            for (LikelihoodOption o : d.options()) {
                if (o.defaultValue() != null) {
                    Options given = Options.of(d, Map.of(o.key(), o.defaultValue()));
                    assertTrue(given.isGiven(o.key()));
                }
            }
        }
    }

    @Test
    void typedReadsUseTheDescriptorDefaults() {
        LikelihoodDescriptor d = Likelihoods.descriptor("act_dr6_lensing");
        Options none = Options.of(d, Map.of());
        assertEquals("act_baseline", none.string("variant"));
        assertTrue(none.bool("lens_only"));
        assertEquals(792.0, none.number("nsims_act"));
        assertEquals(null, none.string("corrections"));
        Options given = Options.of(d, Map.of("lens_only", "FALSE", "nsims_act", " 796 "));
        assertFalse(given.bool("lens_only"));
        assertEquals(796.0, given.number("nsims_act"));
    }
}
