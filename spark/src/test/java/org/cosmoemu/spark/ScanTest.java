package org.cosmoemu.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cosmoemu.api.CosmoEmuException;
import org.cosmoemu.api.ParameterOutOfRangeException;
import org.cosmoemu.api.testing.SharedTestData;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.Likelihoods;
import org.cosmoemu.models.LcdmTheory;
import org.cosmoemu.theory.EmulatorTheory;
import org.cosmoemu.theory.ParameterBases;
import org.cosmoemu.theory.Reparametrisation;
import org.cosmoemu.theory.Requirements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scans of ACT DR6 lensing + BAO against the single-JVM path of {@code cosmo-emu loglike}. */
class ScanTest {

    private static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("id", DataTypes.IntegerType, false),
            DataTypes.createStructField("H0", DataTypes.DoubleType, true),
            DataTypes.createStructField("omega_cdm", DataTypes.DoubleType, true),
            DataTypes.createStructField("label", DataTypes.StringType, true)));

    @BeforeAll
    static void data() {
        SharedTestData.path("likelihoods/act_dr6_lenslike");
        SharedTestData.path("likelihoods/bao");
    }

    private static double[][] grid(int n) {
        SplittableRandom r = new SplittableRandom(3);
        double[][] g = new double[n][];
        for (int i = 0; i < n; i++) {
            g[i] = new double[] {62 + 10 * r.nextDouble(), 0.11 + 0.02 * r.nextDouble()};
        }
        return g;
    }

    private static Dataset<Row> dataset(double[][] g) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < g.length; i++) {
            rows.add(RowFactory.create(i, g[i][0], g[i][1], "p" + i));
        }
        return LocalSpark.get().createDataFrame(rows, SCHEMA).repartition(2);
    }

    @Test
    void scanEqualsTheLoglikePathBitForBit() {
        double[][] g = grid(40);
        ScanSpec spec = ScanSpec.of("act_dr6_lensing", "bao").withBase("planck2018")
                .withOption("act_dr6_lensing", "variant", "actplanck_baseline");
        List<Row> rows = SparkEmu.of().scan(dataset(g), spec).collectAsList();
        assertEquals(g.length, rows.size());

        // what cosmo-emu loglike does, per likelihood, on the same theory request
        EmulatorTheory t = LcdmTheory.bundled();
        Likelihood act = Likelihoods.create("act_dr6_lensing", Map.of("variant", "actplanck_baseline"));
        Likelihood bao = Likelihoods.create("bao", Map.of());
        Requirements req = Requirements.background(t.derivedNames().toArray(String[]::new))
                .union(act.requirements()).union(bao.requirements());
        for (Row row : rows) {
            int i = row.getInt(0);
            Map<String, Double> in = new LinkedHashMap<>(ParameterBases.get("planck2018"));
            in.put("H0", g[i][0]);
            in.put("omega_cdm", g[i][1]);
            EmulatorTheory.TheoryResult r = t.compute(in, req);
            double la = act.logLike(r);
            double lb = bao.logLike(r);
            assertEquals(la + lb, row.getDouble(row.fieldIndex("logL")), 0.0, "row " + i);
            assertEquals(-2 * la, row.getDouble(row.fieldIndex("chi2__act_dr6_lensing")), 0.0);
            assertEquals(-2 * lb, row.getDouble(row.fieldIndex("chi2__bao")), 0.0);
            assertEquals(r.derived("sigma8"), row.getDouble(row.fieldIndex("sigma8")), 0.0);
            assertEquals(3.044, row.getDouble(row.fieldIndex("ln10^{10}A_s")), 0.0);
            assertEquals("p" + i, row.getString(row.fieldIndex("label")));
        }
    }

    @Test
    void targetColumnsAreSolvedAsSetDoes() {
        List<Row> in = List.of(RowFactory.create(1, 0.81), RowFactory.create(2, 0.79));
        StructType s = DataTypes.createStructType(List.of(DataTypes.createStructField("id", DataTypes.IntegerType, false),
                DataTypes.createStructField("sigma8", DataTypes.DoubleType, false)));
        ScanSpec spec = ScanSpec.of("bao").withBase("planck2018");
        List<Row> rows = SparkEmu.of().scan(LocalSpark.get().createDataFrame(in, s), spec).collectAsList();
        EmulatorTheory t = LcdmTheory.bundled();
        Likelihood act = Likelihoods.create("bao", Map.of());
        for (Row row : rows) {
            double s8 = row.getDouble(1);
            Reparametrisation.Solution sol = Reparametrisation.of(t).solve(ParameterBases.get("planck2018"),
                    Map.of("sigma8", s8));
            EmulatorTheory.TheoryResult r = t.compute(sol.inputs(), act.requirements().union(
                    Requirements.background(t.derivedNames().toArray(String[]::new))));
            assertEquals(act.logLike(r), row.getDouble(row.fieldIndex("logL")), 0.0);
            assertEquals(sol.inputs().get("ln10^{10}A_s"), row.getDouble(row.fieldIndex("ln10^{10}A_s")), 0.0);
        }
    }

    @Test
    void badRowFailsNamingItOrIsRecorded() {
        double[][] g = grid(20);
        g[11][0] = 500;
        ScanSpec spec = ScanSpec.of("bao").withBase("planck2018");
        Exception e = assertThrows(Exception.class, () -> SparkEmu.of().scan(dataset(g), spec).count());
        CosmoEmuException c = SparkEmu.cause(e).orElseThrow(() -> new AssertionError("no SDK exception in", e));
        assertTrue(c instanceof ParameterOutOfRangeException, c.toString());
        assertTrue(c.getMessage().contains("row id=11"), c.getMessage());

        List<Row> rows = SparkEmu.of().withErrorColumn(true).scan(dataset(g), spec).collectAsList();
        for (Row row : rows) {
            if (row.getInt(0) == 11) {
                assertTrue(row.isNullAt(row.fieldIndex("logL")));
                assertNotNull(row.getString(row.fieldIndex("error")));
            } else {
                assertNull(row.get(row.fieldIndex("error")));
                assertTrue(Double.isFinite(row.getDouble(row.fieldIndex("logL"))));
            }
        }
    }
}
