package org.cosmoemu.inference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.OutputException;

/**
 * GetDist's plain-text chain format, as cobaya writes it and GetDist's {@code loadMCSamples} reads it.
 *
 * <ul>
 *   <li>{@code <root>.1.txt, <root>.2.txt, ...}: one chain per file, one sample per line:
 *       {@code weight  minuslogpost  p_1 ... p_n  d_1 ... d_k}, whitespace-separated; lines starting with
 *       {@code #} are comments (the first one names the columns). Numbers are written in Java's shortest
 *       round-trip form, so reading a file back gives the same doubles.</li>
 *   <li>{@code <root>.paramnames}: one line per column after the first two, {@code name<TAB>latex}; derived
 *       parameters' names end with {@code *}.</li>
 *   <li>{@code <root>.ranges}: {@code name lower upper} per parameter with a bounded prior, {@code N} for an open
 *       end.</li>
 *   <li>{@code <root>.covmat}: the sampler's learned proposal covariance, a {@code #} line of names then the
 *       matrix rows (cobaya's format).</li>
 *   <li>{@code <root>.progress}: one line per convergence check: total accepted samples, time, acceptance
 *       rate, R−1, R−1 of the bounds (cobaya's columns).</li>
 *   <li>{@code <root>.settings}: the sampler settings and parameters that decide which samples are drawn
 *       ({@code key = value} lines), written when a run starts; resuming requires the same.</li>
 *   <li>{@code <root>.lock}: held (an operating-system lock) while a run writes to the root, so a second run on
 *       the same root is refused; the file stays after the run, the lock does not.</li>
 * </ul>
 */
public final class GetDistFiles {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GetDistFiles.class);

    private GetDistFiles() {
    }

    /**
     * {@return {@code <root>.<chain+1>.txt}}
     *
     * @param root  the file root
     * @param chain chain index from 0
     */
    public static Path chainFile(Path root, int chain) {
        return sibling(root, "." + (chain + 1) + ".txt");
    }

    /**
     * {@return {@code <root>.paramnames}}
     *
     * @param root the file root
     */
    public static Path paramNamesFile(Path root) {
        return sibling(root, ".paramnames");
    }

    /**
     * {@return {@code <root>.ranges}}
     *
     * @param root the file root
     */
    public static Path rangesFile(Path root) {
        return sibling(root, ".ranges");
    }

    /**
     * {@return {@code <root>.covmat}}
     *
     * @param root the file root
     */
    public static Path covmatFile(Path root) {
        return sibling(root, ".covmat");
    }

    /**
     * {@return {@code <root>.progress}}
     *
     * @param root the file root
     */
    public static Path progressFile(Path root) {
        return sibling(root, ".progress");
    }

    /**
     * @param root the file root
     * @return {@code <root>.settings}
     */
    static Path settingsFile(Path root) {
        return sibling(root, ".settings");
    }

    /**
     * @param root the file root
     * @return {@code <root>.lock}
     */
    static Path lockFile(Path root) {
        return sibling(root, ".lock");
    }

    /**
     * What an I/O error means, in words: the JDK's file-system exceptions carry only the path as their message.
     *
     * @param e the error
     * @return e.g. {@code permission denied}, {@code a file of that name already exists}
     */
    static String reason(IOException e) {
        String other = e instanceof java.nio.file.FileSystemException f && f.getOtherFile() != null
                ? " (and " + f.getOtherFile() + ")" : "";
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied" + other;
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return (f.getFile() == null ? "a file" : f.getFile()) + " already exists and is not a directory";
        }
        if (e instanceof NoSuchFileException f) {
            return (f.getFile() == null ? "a file or directory" : f.getFile()) + " does not exist";
        }
        if (e instanceof java.nio.file.NotDirectoryException f) {
            return (f.getFile() == null ? "a part of the path" : f.getFile()) + " is not a directory";
        }
        if (e instanceof java.nio.file.DirectoryNotEmptyException f) {
            return f.getFile() + " is a directory that is not empty";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason() + other;
        }
        return e.getMessage() == null ? "input/output error" : e.getMessage();
    }

    /**
     * Reads a chain file to resume it, repairing what an interrupted run can leave: a last line without its
     * newline (cut short by the interruption: dropped, with a warning) and a missing column header (a file that
     * was created but never written: the header is added). The file is rewritten in place only if it changed.
     *
     * @param file    the chain file
     * @param columns the run's columns
     * @return its rows, flattened
     * @throws org.cosmoemu.api.DataFileException naming the file and line if a complete line is malformed
     * @throws OutputException                    naming the file if the repair cannot be written
     */
    static double[] readForResume(Path file, List<Chains.Column> columns) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new DataFileException(file + ": not a text chain file (it holds bytes that are not UTF-8)");
        } catch (IOException e) {
            throw new DataFileException(file + ": cannot read (" + reason(e) + ")", e);
        }
        String repaired = text;
        int lastNewline = repaired.lastIndexOf('\n');
        if (lastNewline < repaired.length() - 1) {
            String torn = repaired.substring(lastNewline + 1);
            repaired = repaired.substring(0, lastNewline + 1);
            if (!torn.isBlank()) {
                LOG.warn("{}: dropping its last line, which the interrupted run left incomplete ({} characters)", file,
                        torn.length());
            }
        }
        if (!repaired.stripLeading().startsWith("#")) {
            repaired = chainHeader(columns) + repaired;
        }
        if (!repaired.equals(text)) {
            Path tmp = sibling(file, ".repair-" + ProcessHandle.current().pid());
            try {
                Files.writeString(tmp, repaired, StandardCharsets.UTF_8);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new OutputException(file + ": cannot repair the chain file (" + reason(e) + ")", e);
            }
        }
        return parseChainRows(file, List.of(repaired.split("\n", -1)), columns.size() + 2);
    }

    static Path sibling(Path root, String suffix) {
        Path name = root.getFileName();
        if (name == null) {
            throw new InvalidOptionException("output", "output root '" + root + "' has no file name part");
        }
        return root.resolveSibling(name + suffix);
    }

    /** Formats a number so that {@link #parseNumber} returns exactly it; non-finite as numpy writes them. */
    static void appendNumber(StringBuilder sb, double v) {
        if (Double.isNaN(v)) {
            sb.append("nan");
        } else if (Double.isInfinite(v)) {
            sb.append(v > 0 ? "inf" : "-inf");
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            sb.append((long) v);
        } else {
            sb.append(v);
        }
    }

    static double parseNumber(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "inf", "+inf", "infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(s);
        }
    }

    /** @return the header comment line of a chain file (with newline) */
    static String chainHeader(List<Chains.Column> columns) {
        StringBuilder sb = new StringBuilder("# weight minuslogpost");
        for (Chains.Column c : columns) {
            sb.append(' ').append(c.name());
        }
        return sb.append('\n').toString();
    }

    /** Appends one chain row (with newline). */
    static void appendRow(StringBuilder sb, double weight, double minusLogPost, double[] values, double[] derived) {
        appendNumber(sb, weight);
        sb.append(' ');
        appendNumber(sb, minusLogPost);
        for (double v : values) {
            sb.append(' ');
            appendNumber(sb, v);
        }
        for (double v : derived) {
            sb.append(' ');
            appendNumber(sb, v);
        }
        sb.append('\n');
    }

    static void writeParamNames(Path root, List<Chains.Column> columns) {
        StringBuilder sb = new StringBuilder();
        for (Chains.Column c : columns) {
            sb.append(c.name()).append(c.derived() ? "*" : "").append('\t').append(c.latex()).append('\n');
        }
        writeString(paramNamesFile(root), sb.toString());
    }

    static void writeRanges(Path root, List<Chains.Column> columns) {
        StringBuilder sb = new StringBuilder();
        for (Chains.Column c : columns) {
            if (!c.derived() || Double.isFinite(c.lower()) || Double.isFinite(c.upper())) {
                sb.append(c.name()).append(' ').append(Double.isFinite(c.lower()) ? format(c.lower()) : "N")
                        .append(' ').append(Double.isFinite(c.upper()) ? format(c.upper()) : "N").append('\n');
            }
        }
        writeString(rangesFile(root), sb.toString());
    }

    private static String format(double v) {
        StringBuilder sb = new StringBuilder();
        appendNumber(sb, v);
        return sb.toString();
    }

    static void writeCovmat(Path root, List<String> names, double[][] cov) {
        StringBuilder sb = new StringBuilder("#");
        for (String n : names) {
            sb.append(' ').append(n);
        }
        sb.append('\n');
        for (double[] row : cov) {
            for (int j = 0; j < row.length; j++) {
                if (j > 0) {
                    sb.append(' ');
                }
                appendNumber(sb, row[j]);
            }
            sb.append('\n');
        }
        writeString(covmatFile(root), sb.toString());
    }

    /**
     * Reads a covariance matrix in cobaya's {@code .covmat} format for the given parameters.
     *
     * @param file  the file
     * @param names the parameter names the matrix must cover, in the order wanted
     * @return the matrix in the order of {@code names}
     * @throws DataFileException naming the file if it is malformed or lacks one of the names
     */
    public static double[][] readCovmat(Path file, List<String> names) {
        List<String> lines = readLines(file);
        if (lines.isEmpty() || !lines.get(0).startsWith("#")) {
            throw new DataFileException(file + ": a covariance file must start with a '#' line naming the parameters");
        }
        String[] header = lines.get(0).substring(1).trim().split("\\s+");
        int n = header.length;
        double[][] m = new double[n][];
        int row = 0;
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (row >= n) {
                throw new DataFileException(file + " line " + (i + 1) + ": more rows than the " + n + " parameters named");
            }
            m[row++] = parseRow(l, n, file, i + 1);
        }
        if (row != n) {
            throw new DataFileException(file + ": " + row + " matrix rows for " + n + " parameters");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(header[i], i);
        }
        double[][] out = new double[names.size()][names.size()];
        for (int a = 0; a < names.size(); a++) {
            Integer ia = index.get(names.get(a));
            if (ia == null) {
                throw new DataFileException(file + ": no row for parameter '" + names.get(a) + "'; it has "
                        + List.of(header));
            }
            for (int b = 0; b < names.size(); b++) {
                out[a][b] = m[ia][index.get(names.get(b))];
            }
        }
        return out;
    }

    static double[] parseRow(String line, int expected, Path file, int lineNumber) {
        String[] tok = line.trim().split("\\s+");
        if (tok.length != expected) {
            throw new DataFileException(file + " line " + lineNumber + ": " + tok.length + " columns, expected "
                    + expected);
        }
        double[] v = new double[expected];
        for (int j = 0; j < expected; j++) {
            try {
                v[j] = parseNumber(tok[j]);
            } catch (NumberFormatException e) {
                throw new DataFileException(file + " line " + lineNumber + ": '" + tok[j] + "' is not a number");
            }
        }
        return v;
    }

    /** Reads {@code .paramnames} (and {@code .ranges} when present) into columns. */
    static List<Chains.Column> readColumns(Path root) {
        Path pn = paramNamesFile(root);
        List<String[]> names = new ArrayList<>();
        List<String> lines = readLines(pn);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+", 2);
            names.add(new String[] {parts[0], parts.length > 1 ? parts[1].strip() : parts[0]});
        }
        if (names.isEmpty()) {
            throw new DataFileException(pn + ": names no parameter");
        }
        Map<String, double[]> ranges = new HashMap<>();
        Path rf = rangesFile(root);
        if (Files.exists(rf)) {
            List<String> rl = readLines(rf);
            for (int i = 0; i < rl.size(); i++) {
                String l = rl.get(i).strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] t = l.split("\\s+");
                if (t.length != 3) {
                    throw new DataFileException(rf + " line " + (i + 1) + ": expected 'name lower upper', got '" + l + "'");
                }
                try {
                    double lo = t[1].equals("N") ? Double.NEGATIVE_INFINITY : parseNumber(t[1]);
                    double hi = t[2].equals("N") ? Double.POSITIVE_INFINITY : parseNumber(t[2]);
                    ranges.put(t[0].endsWith("*") ? t[0].substring(0, t[0].length() - 1) : t[0], new double[] {lo, hi});
                } catch (NumberFormatException e) {
                    throw new DataFileException(rf + " line " + (i + 1) + ": bounds are not numbers or N: '" + l + "'");
                }
            }
        }
        List<Chains.Column> cols = new ArrayList<>();
        for (String[] nl : names) {
            boolean derived = nl[0].endsWith("*");
            String name = derived ? nl[0].substring(0, nl[0].length() - 1) : nl[0];
            double[] r = ranges.getOrDefault(name, new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY});
            try {
                cols.add(new Chains.Column(name, nl[1], derived, r[0], r[1]));
            } catch (InvalidParameterException e) {
                throw new DataFileException(rf + ": " + e.getMessage(), e);
            }
        }
        return cols;
    }

    /** @return the existing chain files of a root, in order (empty if none) */
    static List<Path> existingChainFiles(Path root) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; Files.exists(chainFile(root, i)); i++) {
            files.add(chainFile(root, i));
        }
        if (files.isEmpty()) {
            for (int i = 1; Files.exists(sibling(root, "_" + i + ".txt")); i++) {
                files.add(sibling(root, "_" + i + ".txt"));
            }
        }
        if (files.isEmpty() && Files.exists(sibling(root, ".txt"))) {
            files.add(sibling(root, ".txt"));
        }
        return files;
    }

    /** Reads one chain file as flat rows of {@code stride} numbers. */
    static double[] readChainFile(Path file, int stride) {
        return parseChainRows(file, readLines(file), stride);
    }

    private static double[] parseChainRows(Path file, List<String> lines, int stride) {
        double[] flat = new double[Math.max(16, lines.size() * stride)];
        int n = 0;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank() || l.strip().startsWith("#")) {
                continue;
            }
            double[] row = parseRow(l, stride, file, i + 1);
            if (!(row[0] >= 0) || !Double.isFinite(row[0])) {
                throw new DataFileException(file + " line " + (i + 1) + ": weight " + row[0] + " is not a finite number >= 0");
            }
            System.arraycopy(row, 0, flat, n, stride);
            n += stride;
        }
        return java.util.Arrays.copyOf(flat, n);
    }

    static Chains read(Path root) {
        List<Chains.Column> cols = readColumns(root);
        List<Path> files = existingChainFiles(root);
        if (files.isEmpty()) {
            throw new DataFileException("no chain files for root " + root + " (looked for " + chainFile(root, 0)
                    + ", " + sibling(root, "_1.txt") + " and " + sibling(root, ".txt") + ")");
        }
        List<double[]> flat = new ArrayList<>();
        for (Path f : files) {
            flat.add(readChainFile(f, 2 + cols.size()));
        }
        return Chains.ofFlat(cols, flat);
    }

    static void write(Path root, Chains chains) {
        writeParamNames(root, chains.columns());
        writeRanges(root, chains.columns());
        int stride = 2 + chains.columns().size();
        for (int c = 0; c < chains.chainCount(); c++) {
            StringBuilder sb = new StringBuilder(chainHeader(chains.columns()));
            double[] raw = chains.raw(c);
            for (int r = 0; r < chains.rows(c); r++) {
                for (int j = 0; j < stride; j++) {
                    if (j > 0) {
                        sb.append(' ');
                    }
                    appendNumber(sb, raw[r * stride + j]);
                }
                sb.append('\n');
            }
            writeString(chainFile(root, c), sb.toString());
        }
    }

    static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file + ": file not found");
        } catch (IOException e) {
            throw new DataFileException(file + ": cannot read (" + reason(e) + ")", e);
        }
    }

    static void writeString(Path file, String s) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, s, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OutputException(file + ": cannot write (" + reason(e) + ")", e);
        }
    }

    static void unchecked(IOException e, Path file) {
        throw new OutputException(file + ": write failed (" + reason(e) + ")", new UncheckedIOException(e));
    }
}
