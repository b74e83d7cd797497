package org.cosmoemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cosmoemu.api.testing.SharedTestData;
import org.cosmoemu.models.ModelFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --family}: the ΛCDM answers are unchanged, the extended family answers where it is bundled. */
class FamilyCliTest {

    @Test
    void lcdmAnswersAreUnchangedAndFamiliesAreNamed() {
        SharedTestData.path("likelihoods/bao");
        CliTest.Result plain = CliTest.run("loglike", "--likelihood", "bao", "--base", "planck2018", "--json");
        CliTest.Result named = CliTest.run("loglike", "--likelihood", "bao", "--base", "planck2018", "--family", "lcdm",
                "--param", "m_ncdm=0.06", "--json");
        assertEquals(0, plain.code(), plain.err());
        assertEquals(plain.out(), named.out());
        CliTest.Result bad = CliTest.run("loglike", "--likelihood", "bao", "--base", "planck2018", "--family", "wcdm");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("[lcdm, ext]"), bad.err());
    }

    @Test
    void theExtendedFamilyAnswersBaoAndSweepsItsInputs(@TempDir Path tmp) {
        assumeTrue(ModelFamily.EXT.isBundled(), "the ext family's models are not in this build");
        SharedTestData.path("likelihoods/bao");
        CliTest.Result lambda = CliTest.run("loglike", "--likelihood", "bao", "--base", "planck2018", "--family", "ext",
                "--json");
        assertEquals(0, lambda.code(), lambda.err());
        CliTest.Result w = CliTest.run("loglike", "--likelihood", "bao", "--base", "planck2018", "--param",
                "w0_fld=-0.8", "--param", "wa_fld=-0.7", "--json");
        assertEquals(0, w.code(), w.err());
        assertTrue(w.out().contains("\"w0_fld\":-0.8"), w.out());
        Path png = tmp.resolve("w0.png");
        CliTest.Result sweep = CliTest.run("plot-spectra", "--vary", "w0_fld", "--count", "3", "--output", png.toString());
        assertEquals(0, sweep.code(), sweep.err());
        assertTrue(Files.exists(png));
    }
}
