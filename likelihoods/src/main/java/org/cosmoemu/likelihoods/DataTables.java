package org.cosmoemu.likelihoods;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cosmoemu.api.DataDirectory;
import org.cosmoemu.api.DataFileException;

/**
 * Reads the whitespace-separated text files that likelihood data come in (numpy {@code savetxt} output,
 * CosmoMC and cobaya tables).
 *
 * <p>Format: a {@code #} starts a comment that runs to the end of its line; blank (and comment-only) lines are
 * skipped; every other line is a row of fields separated by white space. Numeric fields are parsed with
 * {@link Double#parseDouble} and must be finite. Line numbers in messages count every line of the file, from 1;
 * column numbers count fields, from 1.
 *
 * <p>Every failure is a {@link DataFileException} whose message names the file and, where there is one, the
 * line and column and what is wrong; a missing file's message also says where the data set is published.
 *
 * <p>Stateless and thread-safe; the arrays returned are new and belong to the caller.
 */
public final class DataTables {
    /** Passed as a column or row count: any number is accepted. */
    public static final int ANY = -1;

    private DataTables() {
    }

    /**
     * One data line of a text file: where it stands and its fields, for files that mix numbers and text.
     *
     * @param file   the file (for messages)
     * @param line   its line number in the file, from 1
     * @param fields its whitespace-separated fields, comment removed; at least one
     */
    public record Row(Path file, int line, List<String> fields) {
        /**
         * Checks the components.
         *
         * @throws DataFileException naming the file and line if there are no fields
         */
        public Row {
            fields = List.copyOf(fields);
            if (fields.isEmpty()) {
                throw new DataFileException(file + " line " + line + ": a row needs at least one field");
            }
        }

        /** {@return the number of fields} */
        public int size() {
            return fields.size();
        }

        /**
         * {@return the field as a finite number}
         *
         * @param column the field's index, from 0
         * @throws DataFileException naming the file, line and column if it is not a finite number
         * @throws IndexOutOfBoundsException if the row has no such field
         */
        public double number(int column) {
            String token = fields.get(column);
            double v;
            try {
                v = Double.parseDouble(token);
            } catch (NumberFormatException e) {
                throw badField(column, "is not a number");
            }
            if (!Double.isFinite(v)) {
                throw badField(column, "is not finite");
            }
            return v;
        }

        private DataFileException badField(int column, String what) {
            return new DataFileException(file + " line " + line + " column " + (column + 1) + ": '" + fields.get(column)
                    + "' " + what);
        }

        /**
         * {@return an exception whose message is {@code "<file> line <n>: <what>"}}
         *
         * @param what what is wrong with this row
         */
        public DataFileException error(String what) {
            return new DataFileException(file + " line " + line + ": " + what);
        }
    }

    /**
     * {@return {@code file}}
     *
     * @param file   a data file
     * @param source where the data set is published and how to get it (e.g. a URL), quoted in the message; may
     *   be {@code null}
     * @throws DataFileException naming the file, {@code source} and the data-directory settings if it is not a
     *   regular file
     */
    public static Path require(Path file, String source) {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException("likelihood data file not found: " + file + (source == null ? ""
                    : " (the data set is published at " + source + "; point the data directory at a copy with -D"
                            + DataDirectory.PROPERTY + "=DIR or " + DataDirectory.ENV + "=DIR)"));
        }
        return file;
    }

    /**
     * Reads the data lines of a file, without interpreting the fields.
     *
     * @param file   the file
     * @param source where the data set is published (see {@link #require}); may be {@code null}
     * @return its data lines in file order; empty if it has none
     * @throws DataFileException if the file is missing or cannot be read
     */
    public static List<Row> rows(Path file, String source) {
        require(file, source);
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                int hash = line.indexOf('#');
                String t = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (!t.isEmpty()) {
                    rows.add(new Row(file, n, List.of(t.split("\\s+"))));
                }
            }
        } catch (IOException e) {
            throw new DataFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /**
     * Reads a numeric table whose rows all have the same number of columns.
     *
     * @param file   the file
     * @param source where the data set is published (see {@link #require}); may be {@code null}
     * @return the rows, {@code [row][column]}; at least one
     * @throws DataFileException naming the file if it is missing, has no data rows, or a row's length differs
     *                           from the first's; naming the line and column of a field that is not a finite
     *                           number
     */
    public static double[][] read(Path file, String source) {
        return read(file, source, ANY, ANY);
    }

    /**
     * Reads a numeric table, checking its shape.
     *
     * @param file    the file
     * @param source  where the data set is published (see {@link #require}); may be {@code null}
     * @param columns the number of columns every row must have, or {@link #ANY} (then every row must have as many
     *                as the first)
     * @param rows    the number of data rows the file must have, or {@link #ANY}
     * @return the rows, {@code [row][column]}; at least one
     * @throws DataFileException naming the file (and line) if it is missing, has no data rows, the wrong number of
     *                           rows, or a row with the wrong number of columns; naming the line and column of a
     *                           field that is not a finite number
     */
    public static double[][] read(Path file, String source, int columns, int rows) {
        List<Row> lines = rows(file, source);
        if (lines.isEmpty()) {
            throw new DataFileException(file + ": no data rows");
        }
        int cols = columns == ANY ? lines.get(0).size() : columns;
        double[][] out = new double[lines.size()][];
        for (int i = 0; i < out.length; i++) {
            Row row = lines.get(i);
            if (row.size() != cols) {
                throw row.error(row.size() + " columns, expected " + cols);
            }
            out[i] = new double[cols];
            for (int j = 0; j < cols; j++) {
                out[i][j] = row.number(j);
            }
        }
        if (rows != ANY && out.length != rows) {
            throw new DataFileException(file + ": " + out.length + " rows, expected " + rows);
        }
        return out;
    }

    /**
     * Reads a data vector stored one number per line (a one-column table).
     *
     * @param file   the file
     * @param source where the data set is published (see {@link #require}); may be {@code null}
     * @param length the number of values the file must hold, or {@link #ANY}
     * @return the values in file order
     * @throws DataFileException as {@link #read(Path, String, int, int)}, also if a line holds more than one number
     */
    public static double[] readVector(Path file, String source, int length) {
        return column(read(file, source, 1, length), 0);
    }

    /**
     * Reads every number in a file, row by row, whatever its layout (as numpy's {@code loadtxt(...).ravel()}
     * does: a vector stored one value per line or all on one line).
     *
     * @param file   the file
     * @param source where the data set is published (see {@link #require}); may be {@code null}
     * @return the numbers in reading order; at least one
     * @throws DataFileException naming the file if it is missing or holds no numbers; naming the line and column
     *                           of a field that is not a finite number
     */
    public static double[] readNumbers(Path file, String source) {
        List<Row> lines = rows(file, source);
        int n = 0;
        for (Row row : lines) {
            n += row.size();
        }
        if (n == 0) {
            throw new DataFileException(file + ": no data rows");
        }
        double[] out = new double[n];
        int k = 0;
        for (Row row : lines) {
            for (int j = 0; j < row.size(); j++) {
                out[k++] = row.number(j);
            }
        }
        return out;
    }

    /**
     * Reads a square matrix (a covariance, say).
     *
     * @param file   the file
     * @param source where the data set is published (see {@link #require}); may be {@code null}
     * @param size   the number of rows (and columns) it must have, or {@link #ANY}
     * @return the matrix, {@code [row][column]}
     * @throws DataFileException as {@link #read(Path, String, int, int)}, also if the matrix is not square or not of
     *                           the given size
     */
    public static double[][] readSquare(Path file, String source, int size) {
        double[][] t = read(file, source, size, size);
        if (t.length != t[0].length) {
            throw new DataFileException(file + ": expected a square matrix, found " + t.length + " rows of "
                    + t[0].length + " columns");
        }
        return t;
    }

    /**
     * {@return a new array holding that column}
     *
     * @param table  a table as returned by {@link #read}, not modified
     * @param column the column's index, from 0
     * @throws IndexOutOfBoundsException if a row has no such column
     */
    public static double[] column(double[][] table, int column) {
        double[] c = new double[table.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = table[i][column];
        }
        return c;
    }
}
