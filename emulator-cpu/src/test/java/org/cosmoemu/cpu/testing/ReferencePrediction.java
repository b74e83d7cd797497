package org.cosmoemu.cpu.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One file of {@code cosmopower-fixtures/reference-predictions/}: the outputs of an independent numpy forward
 * pass of one pretrained CosmoPower-family network at one parameter point. Immutable.
 *
 * <p>File layout: {@code #}-comment header lines {@code key: value} ({@code model}, {@code source},
 * {@code local file} (relative to the fixtures folder), {@code loader format}, {@code point},
 * {@code network inputs (in network order)}: {@code name=value, ...}, {@code output convention},
 * {@code columns}), then one row per output: grid value or output name, raw network output (after
 * de-standardisation and PCA), then derived columns.
 */
public final class ReferencePrediction {
    private final Path file;
    private final Map<String, String> header;
    private final List<String> inputNames;
    private final double[] inputs;
    private final List<String> gridColumn;
    private final double[] raw;

    private ReferencePrediction(Path file, Map<String, String> header, List<String> inputNames, double[] inputs,
            List<String> gridColumn, double[] raw) {
        this.file = file;
        this.header = header;
        this.inputNames = inputNames;
        this.inputs = inputs;
        this.gridColumn = gridColumn;
        this.raw = raw;
    }

    /**
     * @param file a reference-prediction file
     * @return its content
     * @throws IllegalArgumentException if the file lacks a header line or a row is malformed
     * @throws UncheckedIOException     if it cannot be read
     */
    public static ReferencePrediction read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference prediction " + file, e);
        }
        Map<String, String> header = new LinkedHashMap<>();
        List<String> grid = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                String body = line.substring(1).trim();
                int colon = body.indexOf(": ");
                if (colon > 0) {
                    header.putIfAbsent(body.substring(0, colon).trim(), body.substring(colon + 2).trim());
                }
                continue;
            }
            String[] cols = line.trim().split("\\s+");
            if (cols.length < 2) {
                throw new IllegalArgumentException(file + ": row '" + line + "' has fewer than 2 columns");
            }
            grid.add(cols[0]);
            raw.add(Double.parseDouble(cols[1]));
        }
        String inputsLine = require(header, "network inputs (in network order)", file);
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (String item : inputsLine.split(",\\s*")) {
            int eq = item.lastIndexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(file + ": input '" + item + "' is not name=value");
            }
            names.add(item.substring(0, eq).trim());
            values.add(Double.parseDouble(item.substring(eq + 1).trim()));
        }
        require(header, "local file", file);
        require(header, "model", file);
        if (raw.isEmpty()) {
            throw new IllegalArgumentException(file + ": no data rows");
        }
        return new ReferencePrediction(file, Collections.unmodifiableMap(header), List.copyOf(names),
                values.stream().mapToDouble(Double::doubleValue).toArray(), List.copyOf(grid),
                raw.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static String require(Map<String, String> header, String key, Path file) {
        String v = header.get(key);
        if (v == null) {
            throw new IllegalArgumentException(file + ": header line '# " + key + ": ...' is missing");
        }
        return v;
    }

    /** @return the reference-prediction file */
    public Path file() {
        return file;
    }

    /** @return the case name: the file name without {@code .txt}, e.g. {@code CP_paper_PKLIN_NN__P18} */
    public String caseName() {
        String n = file.getFileName().toString();
        return n.endsWith(".txt") ? n.substring(0, n.length() - 4) : n;
    }

    /** @return the model's label, e.g. {@code CP_paper_PKLIN_NN} */
    public String model() {
        return header.get("model");
    }

    /** @return the point's label, e.g. {@code P18} or {@code ALT} */
    public String pointName() {
        return header.getOrDefault("point", "");
    }

    /** @return the model file path relative to the fixtures folder (the {@code local file} header) */
    public String localFile() {
        return header.get("local file");
    }

    /** @return the model file: {@link #localFile()} resolved against the fixtures folder (the file's grandparent) */
    public Path modelPath() {
        return file.toAbsolutePath().getParent().getParent().resolve(localFile());
    }

    /** @return the loader format, e.g. {@code A:CP-pickle-NN (NN); architecture [6, 512, 512, 512, 420]} */
    public String loaderFormat() {
        return header.getOrDefault("loader format", "");
    }

    /** @return the format letter the reference loader used: {@code A}, {@code B}, {@code C} or {@code D} */
    public String formatLetter() {
        String f = loaderFormat();
        int colon = f.indexOf(':');
        return colon > 0 ? f.substring(0, colon) : "";
    }

    /** @return {@code true} if the model is a PCAplusNN (per the loader-format header) */
    public boolean isPca() {
        return loaderFormat().contains("(PCAplusNN)");
    }

    /** @return all header entries (unmodifiable) */
    public Map<String, String> header() {
        return header;
    }

    /** @return the network's input names in network order */
    public List<String> inputNames() {
        return inputNames;
    }

    /** @return a copy of the input values in network order */
    public double[] inputs() {
        return inputs.clone();
    }

    /** @return the point as name → value, in network order */
    public Map<String, Double> namedInputs() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < inputs.length; i++) {
            m.put(inputNames.get(i), inputs[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** @return a copy of the raw outputs (column 2): the network output after de-standardisation and PCA */
    public double[] raw() {
        return raw.clone();
    }

    /** @return the number of outputs (rows) */
    public int size() {
        return raw.length;
    }

    /** @return max |raw|: the scale the tolerances are relative to */
    public double scale() {
        double s = 0.0;
        for (double v : raw) {
            s = Math.max(s, Math.abs(v));
        }
        return s;
    }

    /** @return column 1 as written: grid values (ℓ, k, z) or output names */
    public List<String> gridColumn() {
        return gridColumn;
    }

    /** @return {@code true} if column 1 holds numbers rather than names */
    public boolean hasNumericGrid() {
        try {
            Double.parseDouble(gridColumn.get(0));
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * @return column 1 as numbers
     * @throws NumberFormatException if column 1 holds names
     */
    public double[] gridValues() {
        return gridColumn.stream().mapToDouble(Double::parseDouble).toArray();
    }

    @Override
    public String toString() {
        return caseName();
    }
}
