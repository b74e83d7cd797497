package org.cosmoemu.spark;

import org.cosmoemu.api.CosmoEmuException;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.MissingQuantityException;
import org.cosmoemu.api.NumericalException;
import org.cosmoemu.api.ParameterOutOfRangeException;
import org.apache.spark.sql.Row;

/** How a row is named in messages, and the SDK's exceptions re-raised with that name in front. */
final class RowFailures {
    private RowFailures() {
    }

    /**
     * {@return the row's identity: {@code id=VALUE} when the row has the id column, else its position}
     *
     * @param row       the row
     * @param idIndex   index of the id column, or -1
     * @param idColumn  the id column's name
     * @param partition the partition index
     * @param index     the row's index within its partition
     */
    static String identity(Row row, int idIndex, String idColumn, int partition, long index) {
        if (idIndex >= 0) {
            return "row " + idColumn + "=" + (row.isNullAt(idIndex) ? "null" : String.valueOf(row.get(idIndex)));
        }
        return "row " + index + " of partition " + partition;
    }

    /**
     * {@return {@code e} if its message names {@code where}, else an exception of the same kind whose message does}
     *
     * @param e     the failure
     * @param where the row's identity
     */
    static CosmoEmuException named(CosmoEmuException e, String where) {
        if (e.getMessage() != null && e.getMessage().contains(where)) {
            return e;
        }
        String msg = where + ": " + e.getMessage();
        CosmoEmuException r;
        if (e instanceof ParameterOutOfRangeException p) {
            r = new ParameterOutOfRangeException(p.parameter(), p.value(), p.lower(), p.upper(), where,
                    "pass RangePolicy.EXTRAPOLATE (SparkEmu.withOptions; cosmo-emu-spark --extrapolate) to evaluate outside "
                            + "the training range, or record the failure and go on (withErrorColumn; --error-column)");
        } else if (e instanceof InvalidParameterException p) {
            r = new InvalidParameterException(p.parameter(), msg);
        } else if (e instanceof NumericalException) {
            r = new NumericalException(msg);
        } else if (e instanceof MissingQuantityException) {
            r = new MissingQuantityException(msg);
        } else if (e instanceof InvalidOptionException o) {
            r = new InvalidOptionException(o.option(), msg);
        } else if (e instanceof DataFileException) {
            r = new DataFileException(msg);
        } else {
            r = new CosmoEmuException(msg, e);
        }
        if (r.getCause() == null) {
            r.initCause(e);
        }
        return r;
    }
}
