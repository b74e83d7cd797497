package org.cosmoemu.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cosmoemu.api.testing.SharedTestData;
import org.cosmoemu.examples.notebook.QuickstartNotebookKt;
import org.junit.jupiter.api.Test;

/** The Kotlin notebook's cells (compiled from examples/notebooks/quickstart.main.kts) run and do what they say. */
class NotebookTest {

    @Test
    void notebookCellsRun() throws Exception {
        SharedTestData.path("likelihoods/act_dr6_lenslike"); // the ACT cell needs the likelihood data
        Path png = Path.of(System.getProperty("java.io.tmpdir"), "tt_ns.png");
        Files.deleteIfExists(png);
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            QuickstartNotebookKt.quickstartNotebook();
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("first acoustic peak at l = 2"), out);
        assertTrue(out.contains("chi2 = "), out);
        assertTrue(Files.size(png) > 10_000, "PNG written");
    }
}
