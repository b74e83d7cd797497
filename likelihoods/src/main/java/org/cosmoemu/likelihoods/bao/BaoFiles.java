package org.cosmoemu.likelihoods.bao;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.likelihoods.DataTables;

/**
 * The BAO data files (CobayaSampler/bao_data): where they are published, and the measurements file, whose third
 * column is text. The numeric tables are read with {@link DataTables}, quoting {@link #SOURCE}.
 */
final class BaoFiles {
    /** Where the BAO data files are published, and where the SDK looks for them. */
    static final String SOURCE = "https://github.com/CobayaSampler/bao_data (as installed by cobaya: cobaya-install bao; "
            + "the files lie under DIR/likelihoods/bao/)";

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
        for (DataTables.Row r : DataTables.rows(file, SOURCE)) {
            if (r.size() != 3) {
                throw r.error("expected 'z value observable', got " + r.size() + " columns");
            }
            double z = r.number(0);
            double v = r.number(1);
            BaoObservable o;
            try {
                o = BaoObservable.fromFileName(r.fields().get(2));
            } catch (InvalidOptionException e) {
                throw new DataFileException(file + " line " + r.line() + ": " + e.getMessage(), e);
            }
            if (!(z > 0)) {
                throw r.error("redshift " + z + " must be > 0");
            }
            out.add(new Measurement(z, v, o));
        }
        if (out.isEmpty()) {
            throw new DataFileException(file + ": no measurements");
        }
        return out;
    }
}
