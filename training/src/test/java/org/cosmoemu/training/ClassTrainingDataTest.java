package org.cosmoemu.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.api.testing.SharedTestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the CLASS shards and checks them against the data's README and against physics they must obey. */
class ClassTrainingDataTest {
    private static ClassTrainingData data;

    @BeforeAll
    static void open() {
        data = ClassTrainingData.open(SharedTestData.path("class-lcdm"));
    }

    @Test
    void designMatchesTheReadme() {
        assertTrue(data.shards().size() >= 3, "shards: " + data.shards());
        assertTrue(data.size() <= 256 * data.shards().size() && data.size() > 250 * data.shards().size());
        assertEquals(List.of(Parameter.of("omega_b", 0.020, 0.025), Parameter.of("omega_cdm", 0.09, 0.15),
                Parameter.of("H0", 58.0, 78.0), Parameter.of("tau_reio", 0.02, 0.10), Parameter.of("n_s", 0.90, 1.03),
                Parameter.of("ln10^{10}A_s", 2.70, 3.30)), data.parameterSpace().parameters());
        long[] idx = data.indices();
        assertEquals(idx.length, Arrays.stream(idx).distinct().count());
        // shard k holds design points 256k .. 256k+255
        assertEquals(0, idx[0]);
        for (int r = 0; r < data.size(); r++) {
            double[] p = data.parameters(r);
            for (int i = 0; i < p.length; i++) {
                assertTrue(data.parameterSpace().get(i).contains(p[i]), "row " + r + " parameter " + i);
            }
        }
        for (ClassTrainingData.Shard s : data.shards()) {
            assertEquals(64, s.sha256().length());
        }
    }

    @Test
    void backgroundObeysItsDefinitions() {
        double[][] h = data.read("background/H").rows();
        double[][] da = data.read("background/D_A").rows();
        double[] z = data.axis("background/H", "z");
        assertEquals(201, z.length);
        assertEquals(20.0, z[200], 1e-12);
        int h0 = data.parameterSpace().indexOf("H0");
        for (int r = 0; r < data.size(); r++) {
            // H(z = 0)/c = H0 / (299792.458 km/s): checks the reader keeps parameters and outputs aligned
            assertEquals(data.parameters(r)[h0] / 299792.458, h[r][0], 1e-9 * h[r][0], "row " + r);
            assertEquals(0.0, da[r][0], 0.0);
            assertTrue(da[r][10] > 0 && h[r][10] > h[r][0]);
        }
    }

    @Test
    void spectraAndDerivedHaveTheDocumentedShapesAndScales() {
        ClassTrainingData.Block tt = data.read("cl/tt");
        assertArrayEquals(new int[] {2999}, tt.perPoint());
        double[] ell = data.axis("cl/tt", "ell");
        assertEquals(2.0, ell[0]);
        assertEquals(3000.0, ell[2998]);
        double tcmb2 = Math.pow(2.7255e6, 2);
        for (double[] row : tt.rows()) {
            double peak = row[220 - 2] * tcmb2; // D_220 in muK^2: the first acoustic peak, ~5800 muK^2 for Planck LCDM
            assertTrue(peak > 3000 && peak < 10000, "D_220 = " + peak);
        }
        ClassTrainingData.Block pk = data.read("pk/linear");
        assertArrayEquals(new int[] {12, 256}, pk.perPoint());
        double[] k = data.axis("pk/linear", "k_h_per_Mpc");
        assertEquals(1e-4, k[0], 1e-12);
        assertEquals(10.0, k[255], 1e-9);
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 4, 5}, data.axis("pk/linear", "z"));
        List<String> names = data.names("derived");
        assertEquals(13, names.size());
        int neff = names.indexOf("N_eff");
        for (double[] row : data.read("derived").rows()) {
            assertEquals(3.046, row[neff], 2e-3); // README: N_eff = 3.046
        }
    }

    @Test
    void missingDataIsReportedWithItsPath(@TempDir Path empty) throws IOException {
        DataFileException e = assertThrows(DataFileException.class, () -> ClassTrainingData.open(empty.resolve("nope")));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        e = assertThrows(DataFileException.class, () -> ClassTrainingData.open(empty));
        assertTrue(e.getMessage().contains("no train-*.h5") && e.getMessage().contains(empty.toString()), e.getMessage());
        Files.writeString(empty.resolve("train-000.h5"), "not hdf5");
        e = assertThrows(DataFileException.class, () -> ClassTrainingData.open(empty));
        assertTrue(e.getMessage().contains("train-000.h5"), e.getMessage());
        e = assertThrows(DataFileException.class, () -> data.read("cl/xx"));
        assertTrue(e.getMessage().contains("cl/xx"), e.getMessage());
    }
}
