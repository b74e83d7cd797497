package org.cosmoemu.spark;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.cosmoemu.api.CosmoEmuException;
import org.cosmoemu.theory.EmulatorTheory;
import org.cosmoemu.theory.Reparametrisation;

/**
 * One partition of {@link SparkEmu#scan}: each row as {@code cosmo-emu loglike} evaluates one point (solve the
 * targets, compute the theory once for every likelihood, sum the log-likelihoods), into buffers reused across rows.
 */
final class ScanPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final ScanSpec spec;
    private final Opts options;
    private final StructType inputSchema;
    private final String idColumn;
    private final boolean errorColumn;

    ScanPartition(ScanSpec spec, Opts options, StructType inputSchema, String idColumn, boolean errorColumn) {
        this.spec = spec;
        this.options = options;
        this.inputSchema = inputSchema;
        this.idColumn = idColumn;
        this.errorColumn = errorColumn;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        Scanner s = Scanner.get(spec, options);
        Scanner.Layout layout = s.layout(inputSchema, errorColumn);
        int idIndex = Columns.indexOrMinus1(inputSchema, idColumn);
        TaskContext tc = TaskContext.get();
        int partition = tc == null ? 0 : tc.partitionId();
        Reparametrisation solver = layout.targetNames.length == 0 ? null : Reparametrisation.of(s.theory);
        double[] x = new double[s.inputs.size()];
        double[] targets = new double[layout.targetNames.length];
        double[][] nuisance = new double[s.likelihoods.size()][];
        for (int i = 0; i < nuisance.length; i++) {
            nuisance[i] = new double[s.nuisanceDefaults[i].length];
        }
        int width = inputSchema.size();
        int outWidth = layout.outputSchema.size();
        int nl = s.likelihoods.size();
        int[] outInputs = layout.outputInputs.stream().mapToInt(s.inputs::indexOf).toArray();
        String[] outDerived = layout.outputDerived.toArray(String[]::new);
        return new Iterator<>() {
            private long index;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                if (!rows.hasNext()) {
                    throw new NoSuchElementException();
                }
                Row row = rows.next();
                Object[] v = new Object[outWidth];
                for (int c = 0; c < width; c++) {
                    v[c] = row.get(c);
                }
                try {
                    evaluate(row, v);
                } catch (CosmoEmuException e) {
                    String where = RowFailures.identity(row, idIndex, idColumn, partition, index);
                    if (!errorColumn) {
                        throw RowFailures.named(e, where);
                    }
                    for (int c = width; c < outWidth - 1; c++) {
                        v[c] = null;
                    }
                    String msg = e.getMessage();
                    v[outWidth - 1] = msg != null && msg.contains(where) ? msg : where + ": " + msg;
                }
                index++;
                return RowFactory.create(v);
            }

            private void evaluate(Row row, Object[] v) {
                System.arraycopy(s.template, 0, x, 0, x.length);
                for (int k = 0; k < x.length; k++) {
                    int c = layout.inputColumn[k];
                    if (c >= 0) {
                        x[k] = row.isNullAt(c) ? Double.NaN : Columns.value(row, c);
                    }
                }
                if (solver != null) {
                    for (int t = 0; t < targets.length; t++) {
                        int c = layout.targetColumn[t];
                        targets[t] = c < 0 ? s.fixedTargets.get(layout.targetNames[t])
                                : row.isNullAt(c) ? Double.NaN : Columns.value(row, c);
                    }
                    Reparametrisation.Solution sol = solver.solve(x, layout.targetNames, targets);
                    for (int k = 0; k < x.length; k++) {
                        x[k] = sol.inputs().get(s.inputs.get(k));
                    }
                }
                EmulatorTheory.TheoryResult r = s.theory.compute(x, s.requirements);
                double logL = 0;
                int col = width + 2;
                for (int i = 0; i < nl; i++) {
                    System.arraycopy(s.nuisanceDefaults[i], 0, nuisance[i], 0, nuisance[i].length);
                    int[] nc = layout.nuisanceColumn[i];
                    for (int k = 0; k < nc.length; k++) {
                        if (nc[k] >= 0) {
                            nuisance[i][k] = row.isNullAt(nc[k]) ? Double.NaN : Columns.value(row, nc[k]);
                        }
                    }
                    double li = s.likelihoods.get(i).logLike(r, nuisance[i]);
                    logL += li;
                    v[col++] = -2.0 * li;
                }
                v[width] = logL;
                v[width + 1] = -2.0 * logL;
                for (int k : outInputs) {
                    v[col++] = x[k];
                }
                for (String d : outDerived) {
                    v[col++] = r.derived(d);
                }
                if (errorColumn) {
                    v[outWidth - 1] = null;
                }
            }
        };
    }
}
