package org.cosmoemu.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.cosmoemu.api.CosmoEmuException;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.InvalidParameterException;

/**
 * One partition of {@link SparkEmu#emulate}: rows in blocks of {@code blockSize}, each block one
 * {@link Emulator#predictBatch(double[], int, double[])} call per model, into buffers reused across blocks.
 */
final class EmulatePartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final List<ModelRef> models;
    private final Opts options;
    private final StructType inputSchema;
    private final int blockSize;
    private final String idColumn;
    private final boolean errorColumn;

    EmulatePartition(List<ModelRef> models, Opts options, StructType inputSchema, int blockSize,
            String idColumn, boolean errorColumn) {
        this.models = List.copyOf(models);
        this.options = options;
        this.inputSchema = inputSchema;
        this.blockSize = blockSize;
        this.idColumn = idColumn;
        this.errorColumn = errorColumn;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        int m = models.size();
        Emulator[] emu = new Emulator[m];
        int[][] columns = new int[m][];
        for (int j = 0; j < m; j++) {
            emu[j] = EmulatorCache.get(models.get(j), options.toOptions());
            columns[j] = Columns.indices(inputSchema, emu[j].parameterNames(), "model " + models.get(j).name());
        }
        int idIndex = Columns.indexOrMinus1(inputSchema, idColumn);
        TaskContext tc = TaskContext.get();
        int partition = tc == null ? 0 : tc.partitionId();
        return new Blocks(rows, emu, columns, idIndex, partition);
    }

    /** The iterator that evaluates one block at a time. */
    private final class Blocks implements Iterator<Row> {
        private final Iterator<Row> in;
        private final Emulator[] emu;
        private final int[][] columns;
        private final int idIndex;
        private final int partition;
        private final Row[] block;
        private final double[][] points;
        private final double[][] outs;
        private final double[][] ones;
        private final int[] good;
        private final String[] errors;
        private final List<Row> ready = new ArrayList<>();
        private int next;
        private long index;

        Blocks(Iterator<Row> in, Emulator[] emu, int[][] columns, int idIndex, int partition) {
            this.in = in;
            this.emu = emu;
            this.columns = columns;
            this.idIndex = idIndex;
            this.partition = partition;
            this.block = new Row[blockSize];
            this.points = new double[emu.length][];
            this.outs = new double[emu.length][];
            this.ones = new double[emu.length][];
            for (int j = 0; j < emu.length; j++) {
                int dim = emu[j].parameterSpace().dimension();
                ones[j] = new double[dim];
                points[j] = new double[blockSize * dim];
                outs[j] = new double[blockSize * emu[j].outputSize()];
            }
            this.good = new int[blockSize];
            this.errors = new String[blockSize];
        }

        @Override
        public boolean hasNext() {
            if (next < ready.size()) {
                return true;
            }
            ready.clear();
            next = 0;
            int count = 0;
            while (count < blockSize && in.hasNext()) {
                block[count++] = in.next();
            }
            if (count == 0) {
                return false;
            }
            evaluate(count);
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.get(next++);
        }

        private void evaluate(int count) {
            int width = inputSchema.size();
            Object[][] values = new Object[count][];
            for (int r = 0; r < count; r++) {
                errors[r] = null;
                values[r] = new Object[width + emu.length + (errorColumn ? 1 : 0)];
                for (int c = 0; c < width; c++) {
                    values[r][c] = block[r].get(c);
                }
            }
            for (int j = 0; j < emu.length; j++) {
                int dim = emu[j].parameterSpace().dimension();
                int n = emu[j].outputSize();
                // fill and validate: a bad row is named before any batch runs
                int ok = 0;
                for (int r = 0; r < count; r++) {
                    if (errors[r] != null) {
                        continue;
                    }
                    Columns.read(block[r], columns[j], points[j], ok * dim);
                    try {
                        emu[j].parameterSpace().validate(points[j], ok * dim, emu[j].rangePolicy(), null);
                        good[ok++] = r;
                    } catch (CosmoEmuException e) {
                        // again, naming the model and the row (built only for a bad row: nothing allocated otherwise)
                        try {
                            emu[j].parameterSpace().validate(points[j], ok * dim, emu[j].rangePolicy(),
                                    models.get(j).name() + ", " + where(r));
                            fail(r, e);
                        } catch (CosmoEmuException named) {
                            fail(r, named);
                        }
                    }
                }
                if (ok == 0) {
                    continue;
                }
                try {
                    emu[j].predictBatch(points[j], ok, outs[j]);
                    for (int k = 0; k < ok; k++) {
                        double[] v = new double[n];
                        System.arraycopy(outs[j], k * n, v, 0, n);
                        values[good[k]][width + j] = v;
                    }
                } catch (CosmoEmuException batchFailure) {
                    // find the row at fault: one point at a time
                    for (int k = 0; k < ok; k++) {
                        int r = good[k];
                        System.arraycopy(points[j], k * dim, ones[j], 0, dim);
                        double[] v = new double[n];
                        try {
                            emu[j].predict(ones[j], v);
                            values[r][width + j] = v;
                        } catch (CosmoEmuException e) {
                            fail(r, e);
                        }
                    }
                }
            }
            for (int r = 0; r < count; r++) {
                if (errors[r] != null) {
                    for (int j = 0; j < emu.length; j++) {
                        values[r][width + j] = null;
                    }
                }
                if (errorColumn) {
                    values[r][width + emu.length] = errors[r];
                }
                ready.add(RowFactory.create(values[r]));
                block[r] = null;
                index++;
            }
        }

        private String where(int r) {
            return RowFailures.identity(block[r], idIndex, idColumn, partition, index + r);
        }

        private void fail(int r, CosmoEmuException e) {
            if (!errorColumn) {
                throw RowFailures.named(e, where(r));
            }
            String w = where(r);
            String msg = e.getMessage();
            errors[r] = msg != null && msg.contains(w) ? msg : w + ": " + msg;
        }
    }

    /** @return an exception for a column the models need but the dataset lacks */
    static InvalidParameterException missing(String column, String who, StructType schema) {
        return new InvalidParameterException(column, who + " needs a column '" + column + "'; the dataset has "
                + java.util.Arrays.toString(schema.fieldNames()));
    }
}
