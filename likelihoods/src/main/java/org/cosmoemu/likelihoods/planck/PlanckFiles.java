package org.cosmoemu.likelihoods.planck;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.likelihoods.DataTables;

/**
 * Reader for the one binary format among the Planck likelihood data files, a Fortran unformatted record (the text
 * tables are read with {@link DataTables}).
 */
final class PlanckFiles {
    private PlanckFiles() {
    }

    /**
     * Reads one Fortran unformatted sequential record of {@code n} little-endian float64 values (int32 length
     * marker, data, int32 length marker), as scipy's {@code FortranFile.read_reals} does.
     *
     * @throws DataFileException naming the file if the markers or the length are wrong, or a value is not finite
     */
    static double[] fortranRecord(Path file, String source, int n) {
        DataTables.require(file, source);
        long expected = 8L * n;
        byte[] bytes;
        try {
            long size = Files.size(file); // checked before reading: the record's size is known
            if (size != expected + 8) {
                throw new DataFileException(file + ": " + size + " bytes, expected " + (expected + 8)
                        + " (one Fortran record of " + n + " float64 values)");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
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
            if (!Double.isFinite(out[i])) {
                throw new DataFileException(file + ": value " + i + " of the record is " + out[i]
                        + "; every value must be finite");
            }
        }
        return out;
    }
}
