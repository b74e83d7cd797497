package org.cosmoemu.likelihoods.planck;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cosmoemu.api.DataFileException;

/** Readers for the Planck likelihood data files (text tables and Fortran unformatted records). */
final class PlanckFiles {
    private PlanckFiles() {
    }

    /**
     * @param file   the file
     * @param source where the data is published (for the message)
     * @return the file
     * @throws DataFileException naming the file and where it is published if it does not exist
     */
    static Path require(Path file, String source) {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException("Planck data file not found: " + file + " (published at " + source
                    + "; point the data directory at a copy with -Dcosmoemu.data.dir=DIR or COSMOEMU_DATA_DIR)");
        }
        return file;
    }

    /**
     * Reads a whitespace-separated numeric table ({@code #} comments allowed).
     *
     * @param columns expected number of columns
     * @param rows    expected number of rows, or −1 for any
     * @throws DataFileException naming the file and line if malformed
     */
    static double[][] table(Path file, String source, int columns, int rows) {
        require(file, source);
        List<double[]> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                int hash = line.indexOf('#');
                String t = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (t.isEmpty()) {
                    continue;
                }
                String[] f = t.split("\\s+");
                if (f.length != columns) {
                    throw new DataFileException(file + " line " + n + ": " + f.length + " columns, expected " + columns);
                }
                double[] row = new double[columns];
                for (int i = 0; i < columns; i++) {
                    try {
                        row[i] = Double.parseDouble(f[i]);
                    } catch (NumberFormatException e) {
                        throw new DataFileException(file + " line " + n + ": '" + f[i] + "' is not a number");
                    }
                    if (!Double.isFinite(row[i])) {
                        throw new DataFileException(file + " line " + n + ": '" + f[i] + "' is not finite");
                    }
                }
                out.add(row);
            }
        } catch (IOException e) {
            throw new DataFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (rows >= 0 && out.size() != rows) {
            throw new DataFileException(file + ": " + out.size() + " rows, expected " + rows);
        }
        if (out.isEmpty()) {
            throw new DataFileException(file + ": no data rows");
        }
        return out.toArray(new double[0][]);
    }

    /**
     * @return every number in the file, row by row, whatever its layout (numpy.loadtxt of a vector file: one
     *         value per line or all on one line)
     * @throws DataFileException naming the file and line if a token is not a finite number
     */
    static double[] numbers(Path file, String source) {
        require(file, source);
        List<Double> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                int hash = line.indexOf('#');
                String t = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (t.isEmpty()) {
                    continue;
                }
                for (String f : t.split("\\s+")) {
                    double v;
                    try {
                        v = Double.parseDouble(f);
                    } catch (NumberFormatException e) {
                        throw new DataFileException(file + " line " + n + ": '" + f + "' is not a number");
                    }
                    if (!Double.isFinite(v)) {
                        throw new DataFileException(file + " line " + n + ": '" + f + "' is not finite");
                    }
                    out.add(v);
                }
            }
        } catch (IOException e) {
            throw new DataFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** @return the single column of a one-column table */
    static double[] column(Path file, String source, int rows) {
        double[][] t = table(file, source, 1, rows);
        double[] c = new double[t.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = t[i][0];
        }
        return c;
    }

    /**
     * Reads one Fortran unformatted sequential record of {@code n} little-endian float64 values (int32 length
     * marker, data, int32 length marker), as scipy's {@code FortranFile.read_reals} does.
     *
     * @throws DataFileException naming the file if the markers or the length are wrong
     */
    static double[] fortranRecord(Path file, String source, int n) {
        require(file, source);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
        long expected = 8L * n;
        if (bytes.length != expected + 8) {
            throw new DataFileException(file + ": " + bytes.length + " bytes, expected " + (expected + 8)
                    + " (one Fortran record of " + n + " float64 values)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int head = b.getInt(0);
        int tail = b.getInt(bytes.length - 4);
        if (head != expected || tail != expected) {
            throw new DataFileException(file + ": Fortran record markers " + head + "/" + tail + ", expected " + expected);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = b.getDouble(4 + 8 * i);
        }
        return out;
    }
}
