package org.cosmoemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cosmoemu.api.testing.SharedTestData;
import org.cosmoemu.cli.CliTest.Result;
import org.cosmoemu.cpu.testing.Fixtures;
import org.cosmoemu.cpu.testing.ReferencePrediction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 16 through the command line: each defect's crafted input now ends in a named error and its exit code. */
class HostileCliTest {

    private static Result run(String... args) {
        return CliTest.run(args);
    }

    private static void assertError(Result r, int code, String kind) {
        assertEquals(code, r.code(), r.err());
        Map<String, Object> j = r.json();
        assertEquals(kind, j.get("kind"), r.out());
        assertTrue(j.get("error") instanceof String, r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigma8=NaN", "sigma8=Infinity", "sigma8=-Infinity", "Omega_m=NaN", "Omega_m=Infinity",
        "100theta_star=NaN", "sigma8=-0.8"})
    void nonFiniteOrNegativeTargetsAreInvalidParameters(String set) {
        SharedTestData.path("likelihoods/act_dr6_lenslike");
        Result r = run("loglike", "--likelihood", "act_dr6_lensing", "--base", "planck2018", "--set", set, "--json");
        assertError(r, 1, "invalid_parameter");
        assertEquals(set.substring(0, set.indexOf('=')), r.json().get("parameter"), r.out());
        assertFalse(r.out().contains("\"logL\""), "no result: " + r.out());
    }

    @Test
    void spectraWithNonFiniteValuesAreRefused(@TempDir Path dir) throws IOException {
        SharedTestData.path("likelihoods/act_dr6_lenslike");
        List<String> lines = Files.readAllLines(SharedTestData.path("reference/planck2018_bestfit_theory_cls.txt"));
        for (String bad : new String[] {"NaN", "Infinity"}) {
            List<String> copy = new java.util.ArrayList<>(lines);
            copy.set(100, copy.get(100).replaceFirst("\\s\\S+$", " " + bad));
            Path f = Files.write(dir.resolve(bad + ".txt"), copy);
            Result r = run("loglike", "--likelihood", "act_dr6_lensing", "--spectra", f.toString(), "--json");
            assertError(r, 1, "data_file");
            assertTrue(r.err().contains("line 101 column 6"), r.err());
        }
    }

    @Test
    void cambLensedClsGivesTheSameLogLikeAsTheSameSpectraInTheSdkOrder(@TempDir Path dir) throws IOException {
        Path camb = SharedTestData.path("likelihoods/act_dr6_lenslike/fiducial_cosmo2017/cosmo2017_10K_acc3_lensedCls.dat");
        SharedTestData.path("likelihoods/planck2018_plik_lite");
        // the same numbers, columns reordered to L TT TE EE BB (CAMB writes L TT EE BB TE)
        StringBuilder sdk = new StringBuilder("# L TT TE EE BB\n");
        for (String l : Files.readAllLines(camb)) {
            if (!l.strip().startsWith("#")) {
                String[] t = l.strip().split("\\s+");
                sdk.append(String.join(" ", t[0], t[1], t[4], t[2], t[3])).append('\n');
            }
        }
        Path reordered = Files.writeString(dir.resolve("sdk.txt"), sdk);
        Result a = run("loglike", "--likelihood", "planck2018_plik_lite", "--spectra", camb.toString(), "--json");
        Result b = run("loglike", "--likelihood", "planck2018_plik_lite", "--spectra", reordered.toString(), "--json");
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        assertEquals((Double) b.json().get("logL"), (Double) a.json().get("logL"), 0.0);
        assertTrue((Double) a.json().get("logL") > -2000, a.out()); // the misread order gave -45430
        // a table without a header needs --columns
        Path bare = Files.writeString(dir.resolve("bare.txt"), sdk.substring(sdk.indexOf("\n") + 1));
        Result c = run("loglike", "--likelihood", "planck2018_plik_lite", "--spectra", bare.toString(), "--json");
        assertError(c, 1, "data_file");
        assertTrue(c.err().contains("--columns"), c.err());
        Result d = run("loglike", "--likelihood", "planck2018_plik_lite", "--spectra", bare.toString(), "--columns",
                "L,TT,TE,EE,BB", "--json");
        assertEquals(b.json().get("logL"), d.json().get("logL"), d.err());
    }

    @Test
    void theoryRangeErrorDoesNotSuggestAnOptionLoglikeLacks() {
        SharedTestData.path("likelihoods/act_dr6_lenslike");
        Result r = run("loglike", "--likelihood", "act_dr6_lensing", "--base", "planck2018", "--param", "H0=500", "--json");
        assertError(r, 1, "parameter_out_of_range");
        assertFalse(r.err().contains("--extrapolate"), r.err());
    }

    @Test
    void unknownCommandWithJsonPrintsJson() {
        Result r = run("frobnicate", "--json");
        assertError(r, 2, "usage");
        assertTrue(((String) r.json().get("error")).contains("unknown command 'frobnicate'"), r.out());
    }

    @Test
    void anOptionIsNotTakenAsTheValueOfAnother() {
        Result r = run("info", "--model", "--json");
        assertError(r, 2, "usage");
        assertTrue(r.err().contains("option --model needs a value (FILE|NAME), got the option --json"), r.err());
    }

    @Test
    void duplicateParamsFileColumnIsAnError(@TempDir Path dir) throws IOException {
        ReferencePrediction p18 = Fixtures.reference("jense_camb_mnu_derived__P18");
        List<String> names = p18.inputNames();
        String row = names.stream().map(n -> Double.toString(p18.namedInputs().get(n))).reduce((x, y) -> x + "," + y).get();
        Path csv = Files.writeString(dir.resolve("dup.csv"), String.join(",", names) + "," + names.get(0) + "\n"
                + row + ",0.5\n");
        Result r = run("predict", "--model", p18.modelPath().toString(), "--params-file", csv.toString(), "--json");
        assertError(r, 1, "data_file");
        assertTrue(r.err().contains("column '" + names.get(0) + "' appears twice"), r.err());
    }

    @Test
    void sampleChecksItsArgumentsBeforeWritingAndSaysWhichFlagToUse(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("new");
        Result bad = run("sample", "--example", "act-dr6-bao", "--output", out.toString(), "--max-minutes", "-1", "--json");
        assertError(bad, 2, "usage");
        assertFalse(Files.exists(out), "the output directory was created before the arguments were checked");
        Result both = run("sample", "--example", "act-dr6-bao", "--output", out.toString(), "--resume", "--force",
                "--json");
        assertError(both, 2, "usage");
        assertFalse(Files.exists(out));

        SharedTestData.path("likelihoods/act_dr6_lenslike");
        SharedTestData.path("likelihoods/bao");
        Files.createDirectories(out);
        Files.writeString(out.resolve("act_dr6_bao.paramnames"), "ombh2\t\\Omega_b h^2\n");
        Result existing = run("sample", "--example", "act-dr6-bao", "--output", out.toString(), "--json");
        assertError(existing, 5, "output");
        assertTrue(existing.err().contains("--resume") && existing.err().contains("--force")
                && existing.err().contains(out.resolve("act_dr6_bao").toString()), existing.err());
    }
}
