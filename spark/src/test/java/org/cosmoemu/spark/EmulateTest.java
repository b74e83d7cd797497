package org.cosmoemu.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.cosmoemu.api.CosmoEmuException;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.api.ParameterOutOfRangeException;
import org.cosmoemu.models.BundledModels;
import org.junit.jupiter.api.Test;

class EmulateTest {

    private static final Emulator TT = BundledModels.get("lcdm/tt");
    private static final Emulator PK = BundledModels.get("lcdm/pk_lin");

    /** Random points inside the box of both TT and P(k) (the P(k) inputs add z). */
    static double[][] points(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> names = PK.parameterNames();
        double[][] p = new double[n][names.size()];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < names.size(); j++) {
                Parameter a = PK.parameterSpace().get(j);
                int t = TT.parameterNames().indexOf(a.name());
                double lo = a.lower();
                double hi = a.upper();
                if (t >= 0) {
                    lo = Math.max(lo, TT.parameterSpace().get(t).lower());
                    hi = Math.min(hi, TT.parameterSpace().get(t).upper());
                }
                p[s][j] = lo + (hi - lo) * (0.05 + 0.9 * r.nextDouble());
            }
        }
        return p;
    }

    static Dataset<Row> dataset(SparkSession spark, double[][] p, boolean withId, int partitions) {
        List<StructField> f = new ArrayList<>();
        if (withId) {
            f.add(DataTypes.createStructField("id", DataTypes.LongType, false));
        }
        for (String n : PK.parameterNames()) {
            f.add(DataTypes.createStructField(n, DataTypes.DoubleType, true));
        }
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < p.length; s++) {
            Object[] v = new Object[f.size()];
            int c = 0;
            if (withId) {
                v[c++] = (long) s;
            }
            for (double x : p[s]) {
                v[c++] = x;
            }
            rows.add(RowFactory.create(v));
        }
        return spark.createDataFrame(rows, DataTypes.createStructType(f)).repartition(partitions);
    }

    private static double[] column(double[][] p, Emulator e, int s) {
        double[] x = new double[e.parameterNames().size()];
        for (int j = 0; j < x.length; j++) {
            x[j] = p[s][PK.parameterNames().indexOf(e.parameterNames().get(j))];
        }
        return x;
    }

    /** The single-JVM reference: one predictBatch call over every point. */
    private static double[] reference(Emulator e, double[][] p) {
        int dim = e.parameterNames().size();
        double[] flat = new double[p.length * dim];
        for (int s = 0; s < p.length; s++) {
            System.arraycopy(column(p, e, s), 0, flat, s * dim, dim);
        }
        double[] out = new double[p.length * e.outputSize()];
        e.predictBatch(flat, p.length, out);
        return out;
    }

    @Test
    void emulateEqualsPredictBatchBitForBit() {
        double[][] p = points(1000, 42);
        Dataset<Row> ds = dataset(LocalSpark.get(), p, true, 3);
        List<Row> rows = SparkEmu.of().withBlockSize(100).emulate(ds, "lcdm/tt", "lcdm/pk_lin").collectAsList();
        assertEquals(p.length, rows.size());
        double[] tt = reference(TT, p);
        double[] pk = reference(PK, p);
        int ntt = TT.outputSize();
        int npk = PK.outputSize();
        for (Row r : rows) {
            int s = (int) r.getLong(0);
            List<Double> a = r.getList(r.fieldIndex("lcdm_tt"));
            List<Double> b = r.getList(r.fieldIndex("lcdm_pk_lin"));
            double[] ta = a.stream().mapToDouble(Double::doubleValue).toArray();
            double[] pb = b.stream().mapToDouble(Double::doubleValue).toArray();
            assertArrayEquals(java.util.Arrays.copyOfRange(tt, s * ntt, (s + 1) * ntt), ta, 0.0, "row " + s);
            assertArrayEquals(java.util.Arrays.copyOfRange(pk, s * npk, (s + 1) * npk), pb, 0.0, "row " + s);
            assertEquals(p[s][0], r.getDouble(1), 0.0);
        }
    }

    @Test
    void outOfRangeRowFailsNamingItsId() {
        double[][] p = points(50, 7);
        p[17][PK.parameterNames().indexOf("H0")] = 500.0;
        Dataset<Row> ds = dataset(LocalSpark.get(), p, true, 2);
        Exception e = assertThrows(Exception.class, () -> SparkEmu.of().emulate(ds, "lcdm/tt").count());
        CosmoEmuException c = SparkEmu.cause(e).orElseThrow(() -> new AssertionError("no SDK exception in", e));
        assertTrue(c instanceof ParameterOutOfRangeException, c.toString());
        assertTrue(c.getMessage().contains("row id=17"), c.getMessage());
        assertTrue(c.getMessage().contains("H0"), c.getMessage());
    }

    @Test
    void nanRowWithoutIdFailsNamingItsIndex() {
        double[][] p = points(10, 8);
        p[3][0] = Double.NaN;
        Dataset<Row> ds = dataset(LocalSpark.get(), p, false, 1);
        Exception e = assertThrows(Exception.class, () -> SparkEmu.of().emulate(ds.coalesce(1), "lcdm/tt").collectAsList());
        CosmoEmuException c = SparkEmu.cause(e).orElseThrow(() -> new AssertionError("no SDK exception in", e));
        assertTrue(c instanceof InvalidParameterException, c.toString());
        assertTrue(c.getMessage().contains("of partition 0"), c.getMessage());
    }

    @Test
    void errorColumnRecordsBadRowsAndKeepsTheOthers() {
        double[][] p = points(300, 9);
        p[5][PK.parameterNames().indexOf("n_s")] = 5.0;
        p[250][0] = Double.NaN;
        Dataset<Row> ds = dataset(LocalSpark.get(), p, true, 2);
        List<Row> rows = SparkEmu.of().withErrorColumn(true).emulate(ds, "lcdm/tt").collectAsList();
        double[] tt = reference(TT, points(300, 9));
        int n = TT.outputSize();
        int bad = 0;
        for (Row r : rows) {
            int s = (int) r.getLong(0);
            if (s == 5 || s == 250) {
                bad++;
                assertTrue(r.isNullAt(r.fieldIndex("lcdm_tt")));
                String err = r.getString(r.fieldIndex(SparkEmu.ERROR_COLUMN));
                assertNotNull(err);
                assertTrue(err.contains("row id=" + s), err);
            } else {
                assertNull(r.get(r.fieldIndex(SparkEmu.ERROR_COLUMN)));
                double[] v = r.<Double>getList(r.fieldIndex("lcdm_tt")).stream().mapToDouble(Double::doubleValue).toArray();
                assertArrayEquals(java.util.Arrays.copyOfRange(tt, s * n, (s + 1) * n), v, 0.0, "row " + s);
            }
        }
        assertEquals(2, bad);
    }

    @Test
    void missingColumnFailsOnTheDriver() {
        Dataset<Row> ds = dataset(LocalSpark.get(), points(3, 1), true, 1).drop("H0");
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> SparkEmu.of().emulate(ds, "lcdm/tt"));
        assertEquals("H0", e.parameter());
    }

    @Test
    void theExecutorBuildsEachEmulatorOnce() {
        ModelRef ref = ModelRef.bundled("lcdm/tt");
        Emulator a = EmulatorCache.get(ref, SparkEmu.of().options());
        Emulator b = EmulatorCache.get(ModelRef.bundled("lcdm/tt").withColumn("x"), SparkEmu.of().options());
        assertTrue(a == b);
        assertEquals(64, ref.sha256().length());
    }
}
