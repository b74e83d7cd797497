package org.cosmoemu.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.OutputQuantity;
import org.cosmoemu.api.ParameterSpace;

/**
 * {@code predict}: evaluates a model at one point ({@code --param}) or at every row of a CSV file
 * ({@code --params-file}), printing the grid, the raw network output and the physical values.
 */
final class PredictCommand implements Command {
    private static final int CHUNK = 1024;

    @Override
    public String name() {
        return "predict";
    }

    @Override
    public String summary() {
        return "evaluate an emulator at parameter points";
    }

    @Override
    public boolean evaluatesNetworks() {
        return true;
    }

    @Override
    public int run(String[] argv, int from, PrintStream out) {
        Args a = ModelResolver.declare(new Args("predict"))
                .repeated("param", "NAME=VALUE", "an input value (all inputs needed unless --params-file gives them)")
                .value("params-file", "CSV", "predict every row (header = parameter names); prints one JSON object per line")
                .flag("json", "print one JSON object")
                .parse(argv, from);
        Emulator emu = ModelResolver.emulator(a);
        Map<String, Double> fixed = a.assignments("param");
        if (a.has("params-file")) {
            predictFile(emu, Path.of(a.get("params-file")), fixed, out);
            return 0;
        }
        double[] x = emu.parameterSpace().toArray(fixed);
        double[] raw = new double[emu.outputSize()];
        emu.predictRaw(x, raw);
        double[] values = values(emu, raw);
        if (a.has("json")) {
            out.println(json(emu, x, raw, values, 0));
        } else {
            printTable(emu, x, raw, values, out);
        }
        return 0;
    }

    private static double[] values(Emulator emu, double[] raw) {
        double[] v = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            v[i] = emu.quantity().transform().apply(raw[i]);
        }
        return v;
    }

    static String json(Emulator emu, double[] x, double[] raw, double[] values, int offset) {
        OutputGrid g = emu.outputGrid();
        OutputQuantity q = emu.quantity();
        int n = emu.outputSize();
        Json j = Json.object().put("model", emu.name())
                .putNumbers("parameters", emu.parameterSpace().toMap(x));
        if (g.isNamed()) {
            j.putStrings("grid", g.labels());
        } else {
            j.put("grid", g.values());
        }
        return j.put("raw", raw, offset, offset + n).put("values", values, offset, offset + n)
                .put("quantity", q.name()).put("units", q.units()).put("ell_factor", q.ellFactor().token())
                .put("transform", q.transform().token()).put("grid_axis", g.axis().token()).put("grid_unit", g.unit())
                .put("backend", emu.backend()).put("precision", emu.precision().toString()).end();
    }

    private static void printTable(Emulator emu, double[] x, double[] raw, double[] values, PrintStream out) {
        OutputGrid g = emu.outputGrid();
        OutputQuantity q = emu.quantity();
        out.println("# model: " + emu.name() + " (" + emu.backend() + ", " + emu.precision() + ")");
        out.println("# parameters: " + emu.parameterSpace().toMap(x));
        out.println("# quantity: " + q.name() + " [" + q.units() + "], ell factor " + q.ellFactor().token()
                + ", value = " + (q.transform().token().equals("log10") ? "10^raw" : "raw"));
        out.println("# " + g.axis().token() + (g.unit().isEmpty() ? "" : "[" + g.unit() + "]") + "  raw  value");
        for (int i = 0; i < raw.length; i++) {
            out.println(g.label(i) + " " + raw[i] + " " + values[i]);
        }
    }

    private static void predictFile(Emulator emu, Path csv, Map<String, Double> fixed, PrintStream out) {
        ParameterSpace space = emu.parameterSpace();
        int dim = space.dimension();
        if (!Files.isRegularFile(csv)) {
            throw new DataFileException("parameters file not found: " + csv);
        }
        try (BufferedReader r = Files.newBufferedReader(csv)) {
            String header = null;
            int lineNo = 0;
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (!line.isBlank() && !line.trim().startsWith("#")) {
                    header = line;
                    break;
                }
            }
            if (header == null) {
                throw new DataFileException(csv + ": no header line (expected parameter names)");
            }
            String[] cols = header.split(",");
            int[] target = new int[cols.length];
            List<String> unknown = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int c = 0; c < cols.length; c++) {
                cols[c] = cols[c].trim();
                if (!seen.add(cols[c])) {
                    // the last column used to win silently
                    throw new DataFileException(csv + ": column '" + cols[c] + "' appears twice in the header; each "
                            + "parameter must have one column");
                }
                target[c] = space.indexOf(cols[c]);
                if (target[c] < 0) {
                    unknown.add(cols[c]);
                }
                if (fixed.containsKey(cols[c])) {
                    throw new UsageException("parameter '" + cols[c] + "' is given both by --param and by " + csv);
                }
            }
            if (!unknown.isEmpty()) {
                throw new DataFileException(csv + ": unknown parameter column(s) " + unknown + "; this emulator takes "
                        + space.names());
            }
            Map<String, Double> template = new LinkedHashMap<>();
            for (String n : space.names()) {
                template.put(n, fixed.get(n));
            }
            double[] base = new double[dim];
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < dim; i++) {
                String n = space.names().get(i);
                boolean inCsv = java.util.Arrays.asList(cols).contains(n);
                if (fixed.containsKey(n)) {
                    base[i] = fixed.get(n);
                } else if (!inCsv) {
                    missing.add(n);
                }
            }
            if (!missing.isEmpty()) {
                throw new DataFileException(csv + ": parameter(s) " + missing + " are neither columns nor given by --param");
            }
            double[] pts = new double[CHUNK * dim];
            double[] raw = new double[CHUNK * emu.outputSize()];
            double[] values = new double[raw.length];
            int n = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.trim().startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",");
                if (f.length != cols.length) {
                    throw new DataFileException(csv + " line " + lineNo + ": " + f.length + " fields, header has "
                            + cols.length);
                }
                System.arraycopy(base, 0, pts, n * dim, dim);
                for (int c = 0; c < cols.length; c++) {
                    try {
                        pts[n * dim + target[c]] = Double.parseDouble(f[c].trim());
                    } catch (NumberFormatException e) {
                        throw new DataFileException(csv + " line " + lineNo + ": " + cols[c] + " = '" + f[c].trim()
                                + "' is not a number");
                    }
                }
                space.validate(pts, n * dim, emu.rangePolicy(), csv.getFileName() + " line " + lineNo);
                n++;
                if (n == CHUNK) {
                    flush(emu, pts, n, raw, values, out);
                    n = 0;
                }
            }
            if (n > 0) {
                flush(emu, pts, n, raw, values, out);
            }
        } catch (IOException e) {
            throw new DataFileException(csv + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static void flush(Emulator emu, double[] pts, int n, double[] raw, double[] values, PrintStream out) {
        int dim = emu.parameterSpace().dimension();
        int m = emu.outputSize();
        emu.predictRawBatch(pts, n, raw);
        for (int i = 0; i < n * m; i++) {
            values[i] = emu.quantity().transform().apply(raw[i]);
        }
        for (int s = 0; s < n; s++) {
            double[] x = java.util.Arrays.copyOfRange(pts, s * dim, (s + 1) * dim);
            out.println(json(emu, x, raw, values, s * m));
        }
    }
}
