package org.cosmoemu.likelihoods.lensing;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cosmoemu.api.DataFileException;

/**
 * Reads the whitespace-separated numeric text files that likelihood data come in (numpy {@code savetxt}
 * output, CosmoMC tables): blank lines and lines starting with {@code #} are skipped, every other line is a
 * row of numbers, all rows of a file have the same number of columns.
 */
public final class NumericTable {
    private NumericTable() {
    }

    /**
     * @param file   the file
     * @param source where the data set is published, quoted when the file is missing (e.g. a URL)
     * @return the rows, each a {@code double[]} of the same length; at least one row
     * @throws DataFileException naming the file and {@code source} if it is missing, naming the file and line if
     *                           it is malformed (not a finite number, ragged rows, no rows)
     */
    public static double[][] read(Path file, String source) {
        requireFile(file, source);
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                double[] row = parseRow(t, file, n);
                if (!rows.isEmpty() && row.length != rows.get(0).length) {
                    throw new DataFileException(file + " line " + n + ": " + row.length + " columns, expected "
                            + rows.get(0).length);
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new DataFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new DataFileException(file + " holds no data rows");
        }
        return rows.toArray(new double[0][]);
    }

    /**
     * Reads a file holding one number per row (a data vector).
     *
     * @param file   the file
     * @param source where the data set is published
     * @return the column
     * @throws DataFileException as {@link #read}, or if a row has more than one number
     */
    public static double[] readVector(Path file, String source) {
        double[][] t = read(file, source);
        if (t[0].length != 1) {
            throw new DataFileException(file + ": expected one number per line, found " + t[0].length);
        }
        double[] v = new double[t.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = t[i][0];
        }
        return v;
    }

    /**
     * Reads a square matrix.
     *
     * @param file   the file
     * @param source where the data set is published
     * @return the matrix, {@code [row][column]}
     * @throws DataFileException as {@link #read}, or if the matrix is not square
     */
    public static double[][] readSquare(Path file, String source) {
        double[][] t = read(file, source);
        if (t.length != t[0].length) {
            throw new DataFileException(file + ": expected a square matrix, found " + t.length + " rows of "
                    + t[0].length + " columns");
        }
        return t;
    }

    /**
     * @param file   a data file
     * @param source where the data set is published
     * @throws DataFileException naming the file and {@code source} if it is not a regular file
     */
    public static void requireFile(Path file, String source) {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException("likelihood data file not found: " + file
                    + (source == null ? "" : " (the data is published at " + source + ")"));
        }
    }

    private static double[] parseRow(String line, Path file, int lineNumber) {
        double[] out = new double[8];
        int count = 0;
        int i = 0;
        int len = line.length();
        while (i < len) {
            while (i < len && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= len) {
                break;
            }
            int start = i;
            while (i < len && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            String token = line.substring(start, i);
            double v;
            try {
                v = Double.parseDouble(token);
            } catch (NumberFormatException e) {
                throw new DataFileException(file + " line " + lineNumber + ": '" + token + "' is not a number");
            }
            if (!Double.isFinite(v)) {
                throw new DataFileException(file + " line " + lineNumber + ": '" + token + "' is not finite");
            }
            if (count == out.length) {
                out = java.util.Arrays.copyOf(out, 2 * out.length);
            }
            out[count++] = v;
        }
        return java.util.Arrays.copyOf(out, count);
    }
}
