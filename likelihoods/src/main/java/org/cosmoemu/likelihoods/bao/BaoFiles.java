package org.cosmoemu.likelihoods.bao;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cosmoemu.api.DataFileException;

/** Readers for the whitespace-separated text files of the BAO data (CobayaSampler/bao_data). */
final class BaoFiles {
    /** Where the BAO data files are published. */
    static final String SOURCE = "https://github.com/CobayaSampler/bao_data (as installed by cobaya: cobaya-install bao)";

    private BaoFiles() {
    }

    /** One row of a measurements file. */
    record Measurement(double z, double value, BaoObservable observable) {
    }

    /**
     * Reads a measurements file: rows {@code z value observable} ({@code #} comments, blank lines skipped).
     *
     * @throws DataFileException naming the file (and line) if it is missing or malformed
     */
    static List<Measurement> readMeasurements(Path file) {
        List<Measurement> out = new ArrayList<>();
        for (Row r : rows(file)) {
            if (r.fields.length != 3) {
                throw new DataFileException(file + " line " + r.line + ": expected 'z value observable', got "
                        + r.fields.length + " columns");
            }
            double z = number(file, r, 0);
            double v = number(file, r, 1);
            BaoObservable o;
            try {
                o = BaoObservable.fromFileName(r.fields[2]);
            } catch (IllegalArgumentException e) {
                throw new DataFileException(file + " line " + r.line + ": " + e.getMessage(), e);
            }
            if (!(z > 0)) {
                throw new DataFileException(file + " line " + r.line + ": redshift " + z + " must be > 0");
            }
            out.add(new Measurement(z, v, o));
        }
        if (out.isEmpty()) {
            throw new DataFileException(file + ": no measurements");
        }
        return out;
    }

    /**
     * Reads a whitespace-separated numeric table with a fixed number of columns.
     *
     * @param columns expected number of columns, or −1 for any (but the same on every row)
     * @throws DataFileException naming the file and line if it is missing or malformed
     */
    static double[][] readTable(Path file, int columns) {
        List<double[]> out = new ArrayList<>();
        int cols = columns;
        for (Row r : rows(file)) {
            if (cols < 0) {
                cols = r.fields.length;
            }
            if (r.fields.length != cols) {
                throw new DataFileException(file + " line " + r.line + ": " + r.fields.length + " columns, expected " + cols);
            }
            double[] row = new double[cols];
            for (int i = 0; i < cols; i++) {
                row[i] = number(file, r, i);
            }
            out.add(row);
        }
        if (out.isEmpty()) {
            throw new DataFileException(file + ": no data rows");
        }
        return out.toArray(new double[0][]);
    }

    /** Checks that the file exists, with a message naming it and where the data is published. */
    static Path require(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException("BAO data file not found: " + file + " (the data set is published at "
                    + SOURCE + "; point the data directory at a copy with -Dcosmoemu.data.dir=DIR or COSMOEMU_DATA_DIR, "
                    + "files under DIR/likelihoods/bao/)");
        }
        return file;
    }

    private record Row(int line, String[] fields) {
    }

    private static List<Row> rows(Path file) {
        require(file);
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                int hash = line.indexOf('#');
                String t = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (!t.isEmpty()) {
                    rows.add(new Row(n, t.split("\\s+")));
                }
            }
        } catch (IOException e) {
            throw new DataFileException("cannot read BAO data file " + file + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private static double number(Path file, Row r, int i) {
        try {
            double v = Double.parseDouble(r.fields[i]);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new DataFileException(file + " line " + r.line + " column " + (i + 1) + ": '" + r.fields[i]
                    + "' is not a finite number");
        }
    }
}
