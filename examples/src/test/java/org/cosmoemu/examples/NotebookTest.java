package org.cosmoemu.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cosmoemu.api.testing.SharedTestData;
import org.cosmoemu.examples.notebook.QuickstartNotebookKt;
import org.cosmoemu.examples.notebook.QuickstartScript;
import org.junit.jupiter.api.Test;

/**
 * The quick start in its three forms: the Kotlin script {@code quickstart.main.kts}, the Kotlin Jupyter notebook
 * {@code quickstart.ipynb} and the Scala script {@code quickstart.sc}. The notebook is the script's cells (checked
 * here: regenerate it with {@code -Dcosmoemu.notebooks.write=true}), the Scala script has the same cells in the same
 * order, and the cells of both scripts run (compiled by the build as functions). The script itself runs unmodified
 * through the Kotlin script host in {@code examples/user-project/check.sh}.
 */
class NotebookTest {
    static final Path NOTEBOOKS = Path.of("notebooks");

    /** One cell: markdown (its text) or code. */
    record Cell(boolean markdown, String text) {
    }

    /**
     * The cells of a percent-format script ({@code // %%} starts a code cell, {@code // %% [markdown]} a markdown
     * cell whose lines are {@code // } comments). The lines before the first marker, less comments and blank lines,
     * form the first code cell (dependencies and imports).
     */
    static List<Cell> cells(String script, boolean includeHeader) {
        List<Cell> cells = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        Boolean markdown = null; // null: the header
        for (String line : script.split("\n", -1)) {
            if (line.startsWith("// %%")) {
                add(cells, markdown, cur, includeHeader);
                markdown = line.contains("[markdown]");
                cur.setLength(0);
                continue;
            }
            if (markdown == null) {
                if (line.isBlank() || line.startsWith("//")) {
                    continue;
                }
            } else if (markdown) {
                line = line.startsWith("// ") ? line.substring(3) : line.startsWith("//") ? line.substring(2) : line;
            }
            cur.append(line).append('\n');
        }
        add(cells, markdown, cur, includeHeader);
        return cells;
    }

    private static void add(List<Cell> cells, Boolean markdown, StringBuilder cur, boolean includeHeader) {
        String text = cur.toString().strip();
        if (text.isEmpty() || markdown == null && !includeHeader) {
            return;
        }
        cells.add(new Cell(markdown != null && markdown, text));
    }

    /** The Kotlin Jupyter notebook of the Kotlin script's cells (the kernel resolves from the local repository too). */
    static String notebook(List<Cell> cells) {
        StringBuilder sb = new StringBuilder("{\n \"cells\": [\n");
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            String text = c.text();
            if (i == 0 && !c.markdown()) {
                text = "@file:Repository(\"*mavenLocal\")\n" + text;
            }
            sb.append("  {\n   \"cell_type\": \"").append(c.markdown() ? "markdown" : "code").append("\",\n");
            if (!c.markdown()) {
                sb.append("   \"execution_count\": null,\n");
            }
            sb.append("   \"metadata\": {},\n");
            if (!c.markdown()) {
                sb.append("   \"outputs\": [],\n");
            }
            sb.append("   \"source\": [");
            String[] lines = text.split("\n", -1);
            for (int k = 0; k < lines.length; k++) {
                sb.append(k == 0 ? "\n    " : ",\n    ").append(json(lines[k] + (k + 1 < lines.length ? "\n" : "")));
            }
            sb.append("\n   ]\n  }").append(i + 1 < cells.size() ? ",\n" : "\n");
        }
        sb.append(" ],\n \"metadata\": {\n  \"kernelspec\": {\"display_name\": \"Kotlin\", \"language\": \"kotlin\", "
                + "\"name\": \"kotlin\"},\n  \"language_info\": {\"name\": \"kotlin\", \"file_extension\": \".kt\"}\n },\n"
                + " \"nbformat\": 4,\n \"nbformat_minor\": 4\n}\n");
        return sb.toString();
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    @Test
    void theNotebookAndTheScalaScriptMatchTheKotlinScript() throws IOException {
        String kts = Files.readString(NOTEBOOKS.resolve("quickstart.main.kts"));
        List<Cell> kotlin = cells(kts, true);
        String expected = notebook(kotlin);
        Path ipynb = NOTEBOOKS.resolve("quickstart.ipynb");
        if (Boolean.getBoolean("cosmoemu.notebooks.write")) {
            Files.writeString(ipynb, expected);
        }
        assertEquals(expected, Files.readString(ipynb), "quickstart.ipynb is not the cells of quickstart.main.kts: "
                + "regenerate it with -Dcosmoemu.notebooks.write=true");
        assertTrue(kotlin.get(0).text().startsWith("@file:DependsOn(\"org.cosmoemu:cli:"),
                "the script depends on the SDK by Maven coordinates: " + kotlin.get(0).text());

        List<Cell> scala = cells(Files.readString(NOTEBOOKS.resolve("quickstart.sc")), false);
        List<Cell> kotlinBody = kotlin.subList(1, kotlin.size());
        assertEquals(kotlinBody.size(), scala.size(), "the Scala script has the Kotlin script's cells");
        for (int i = 0; i < scala.size(); i++) {
            assertEquals(kotlinBody.get(i).markdown(), scala.get(i).markdown(), "cell " + i);
            if (scala.get(i).markdown()) {
                assertEquals(kotlinBody.get(i).text(), scala.get(i).text(), "markdown cell " + i);
            }
        }
        assertTrue(Files.readString(NOTEBOOKS.resolve("quickstart.sc")).contains("//> using dep org.cosmoemu:cli:"));
    }

    @Test
    void theCellsOfBothScriptsRun() throws Exception {
        SharedTestData.path("likelihoods/act_dr6_lenslike"); // the ACT cell needs the likelihood data
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        for (String f : List.of("tt_ns.png", "tt_ns.pdf", "tt_ns_scala.png", "tt_ns_scala.pdf")) {
            Files.deleteIfExists(tmp.resolve(f));
        }
        String kotlin = captured(QuickstartNotebookKt::quickstartNotebook);
        String scala = captured(QuickstartScript::run);
        for (String out : List.of(kotlin, scala)) {
            assertTrue(out.contains("first acoustic peak at l = 2"), out);
            assertTrue(out.contains("lnL = ") && out.contains("chi2 = "), out);
        }
        // the same numbers from both languages
        assertEquals(line(kotlin, "lnL = "), line(scala, "lnL = "));
        assertEquals(line(kotlin, "first acoustic peak"), line(scala, "first acoustic peak"));
        for (String f : List.of("tt_ns.png", "tt_ns.pdf", "tt_ns_scala.png", "tt_ns_scala.pdf")) {
            assertTrue(Files.size(tmp.resolve(f)) > 10_000, f + " written");
        }
    }

    private static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("(none)");
    }

    private static String captured(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
