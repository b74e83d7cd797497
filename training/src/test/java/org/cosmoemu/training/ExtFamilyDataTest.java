package org.cosmoemu.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.api.testing.SharedTestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: the pipeline takes the family from its data, with no ΛCDM assumption: the {@code class-ext} shards give
 * ten inputs, ℓ = 2..5000, k up to 50 h/Mpc, unlensed spectra and P_cb, and the shipped specs name that data.
 */
class ExtFamilyDataTest {
    private static ClassTrainingData data;

    @BeforeAll
    static void open() {
        data = ClassTrainingData.open(SharedTestData.path("class-ext"));
    }

    @Test
    void theDesignComesFromTheShards() {
        assertEquals(List.of(Parameter.of("omega_b", 0.020, 0.025), Parameter.of("omega_cdm", 0.09, 0.15),
                Parameter.of("H0", 55.0, 80.0), Parameter.of("tau_reio", 0.02, 0.10), Parameter.of("n_s", 0.90, 1.03),
                Parameter.of("ln10^{10}A_s", 2.70, 3.30), Parameter.of("m_ncdm", 0.005, 0.5),
                Parameter.of("N_eff", 2.2, 4.0), Parameter.of("w0_fld", -1.5, -0.5), Parameter.of("wa_fld", -2.0, 0.5)),
                data.parameterSpace().parameters());
        // shard k holds design points 128k .. 128k+127; every shard present is read
        assertTrue(data.size() <= 128 * data.shards().size() && data.size() > 120 * data.shards().size());
    }

    @Test
    void everySpecOfTheFamilyAssemblesFromItsOwnData() {
        for (String s : List.of("tt_unlensed", "te", "pk_lin_cb", "pk_nl_cb", "derived", "hubble")) {
            ModelSpec spec = ModelSpec.read(Path.of("..", "models", "specs", "ext", s + ".spec"));
            assertEquals("class-ext", spec.data(), s);
            TrainingSamples t = TrainingSamples.assemble(data, spec);
            List<String> inputs = t.inputs().names();
            assertEquals(data.parameterSpace().names(), inputs.subList(0, 10), s);
            if (s.startsWith("pk_")) {
                assertEquals(List.of(TrainingSamples.Z), inputs.subList(10, 11));
                assertEquals(5.0, t.inputs().get(10).upper(), s);
                assertEquals(256, t.grid().size());
                assertEquals(50.0, t.grid().value(255), 1e-3);
                assertEquals(1e-4, t.grid().value(0), 1e-9);
            } else if (s.equals("tt_unlensed") || s.equals("te")) {
                assertEquals(OutputGrid.multipoles(2, 5000), t.grid(), s);
                assertEquals(data.size(), t.size());
            }
        }
        // the ΛCDM specs keep their data (the default)
        assertEquals("class-lcdm", ModelSpec.read(Path.of("..", "models", "specs", "tt.spec")).data());
    }

    /** The TE metric uses the TT and EE of its own family: unlensed TE is measured against unlensed TT and EE. */
    @Test
    void unlensedTeIsMeasuredAgainstUnlensedTtAndEe() {
        ModelSpec spec = ModelSpec.read(Path.of("..", "models", "specs", "ext", "te_unlensed.spec"));
        TrainingSamples t = TrainingSamples.assemble(data, spec);
        int row = t.rowsWith(HeldOutSplit.Role.TEST)[0];
        double[] predicted = t.y()[row].clone();
        predicted[3000] *= 1.01; // a 1% error at ℓ = 3002
        ModelErrors e = ModelErrors.of(data, spec, t, new int[] {row}, new double[][] {predicted});
        double te = t.y()[row][3000];
        double ell = 3002;
        double tt = data.read("cl_unlensed/tt").rows()[row][3000];
        double ee = data.read("cl_unlensed/ee").rows()[row][3000];
        double expected = 0.01 * Math.abs(te) / Math.sqrt((te * te + tt * ee) / (2 * ell + 1));
        assertEquals(expected, e.perOutputPercentile(100, Double.NaN)[3000], 1e-9 * expected);
        double lensedTt = data.read("cl/tt").rows()[row][3000];
        assertTrue(Math.abs(lensedTt / tt - 1) > 1e-3, "lensing changes TT at ℓ = 3002: the test can tell them apart");
    }
}
