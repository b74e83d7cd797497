package org.cosmoemu.spark;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cosmoemu.api.InvalidParameterException;

/** Reading numeric parameter columns out of rows. */
final class Columns {
    private Columns() {
    }

    /**
     * {@return the index of each named column in {@code schema}}
     *
     * @param schema the dataset's schema
     * @param names  the columns needed
     * @param who    who needs them, for the message
     * @throws InvalidParameterException naming a column that is absent or not numeric
     */
    static int[] indices(StructType schema, List<String> names, String who) {
        int[] idx = new int[names.size()];
        for (int i = 0; i < idx.length; i++) {
            int k = indexOrMinus1(schema, names.get(i));
            if (k < 0) {
                throw EmulatePartition.missing(names.get(i), who, schema);
            }
            checkNumeric(schema.fields()[k], who);
            idx[i] = k;
        }
        return idx;
    }

    /**
     * {@return the index of column {@code name}, or -1}
     *
     * @param schema the schema
     * @param name   the column name, or null
     */
    static int indexOrMinus1(StructType schema, String name) {
        if (name == null) {
            return -1;
        }
        String[] f = schema.fieldNames();
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    static void checkNumeric(StructField f, String who) {
        DataType t = f.dataType();
        if (!(t instanceof NumericType)) {
            throw new InvalidParameterException(f.name(), who + " reads column '" + f.name() + "' as a number, but it is "
                    + t.simpleString());
        }
    }

    /**
     * Copies the row's values of {@code idx} into {@code out[offset..]}; a null becomes NaN (and so fails
     * validation, naming the parameter).
     *
     * @param row    the row
     * @param idx    column indices
     * @param out    destination
     * @param offset first index written
     */
    static void read(Row row, int[] idx, double[] out, int offset) {
        for (int i = 0; i < idx.length; i++) {
            int c = idx[i];
            out[offset + i] = row.isNullAt(c) ? Double.NaN : value(row, c);
        }
    }

    static double value(Row row, int c) {
        Object o = row.get(c);
        return o instanceof Double d ? d : ((Number) o).doubleValue();
    }

    static final DataType DOUBLE_ARRAY = DataTypes.createArrayType(DataTypes.DoubleType, false);
}
