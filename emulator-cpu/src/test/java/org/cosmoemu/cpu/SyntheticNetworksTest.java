package org.cosmoemu.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.cosmoemu.api.NetworkModel;
import org.junit.jupiter.api.Test;

/** The synthetic networks: shape, determinism, and the documented weight distributions. */
class SyntheticNetworksTest {

    @Test
    void shapeFollowsTheArguments() {
        NetworkModel nn = SyntheticNetworks.random(1, 6, 32, 3, 50, 0);
        assertArrayEquals(new int[] {6, 32, 32, 32, 50}, nn.architecture());
        assertEquals(50, nn.outputSize());
        assertEquals(null, nn.pca());
        assertEquals("random-1", nn.name());
        NetworkModel pca = SyntheticNetworks.random(2, new int[] {5, 16, 24, 8}, 40);
        assertEquals(3, pca.layers().size());
        assertEquals(8, pca.pca().components());
        assertEquals(40, pca.outputSize());
        assertTrue(pca.layers().get(1).hasActivation());
        assertFalse(pca.layers().get(2).hasActivation());
        assertEquals(12, SyntheticNetworks.points(3, 4, 3).length);
    }

    @Test
    void sameSeedSameNetwork() {
        NetworkModel a = SyntheticNetworks.random(7, 4, 16, 2, 10, 20);
        NetworkModel b = SyntheticNetworks.random(7, new int[] {4, 16, 16, 10}, 20);
        for (int l = 0; l < a.layers().size(); l++) {
            assertArrayEquals(a.layers().get(l).weights(), b.layers().get(l).weights(), 0.0);
            assertArrayEquals(a.layers().get(l).bias(), b.layers().get(l).bias(), 0.0);
        }
        assertArrayEquals(a.pca().matrix(), b.pca().matrix(), 0.0);
        assertArrayEquals(a.outputStd(), b.outputStd(), 0.0);
        assertFalse(Arrays.equals(a.layers().get(0).weights(),
                SyntheticNetworks.random(8, 4, 16, 2, 10, 20).layers().get(0).weights()));
        assertArrayEquals(SyntheticNetworks.points(5, 10, 6), SyntheticNetworks.points(5, 10, 6), 0.0);
    }

    /** Sample moments against the recipe: N(0, 1/in) weights, U(0.2, 3) β, U(−0.2, 0.6) γ, U(0, 1) points. */
    @Test
    void weightScalesAreTheDocumentedOnes() {
        NetworkModel m = SyntheticNetworks.random(11, 400, 400, 1, 10, 0);
        double[] w = m.layers().get(0).weights(); // 160 000 draws of N(0, 1/400): sd of the sample sd ≈ 0.18 %
        assertEquals(0.0, mean(w), 5 * 0.05 / Math.sqrt(w.length));
        assertEquals(0.05, Math.sqrt(variance(w)), 0.05 * 5 * 0.0018);
        double[] beta = m.layers().get(0).beta();
        double[] gamma = m.layers().get(0).gamma();
        assertTrue(Arrays.stream(beta).allMatch(v -> v >= 0.2 && v < 3.0));
        assertTrue(Arrays.stream(gamma).allMatch(v -> v >= -0.2 && v < 0.6));
        assertEquals(1.6, mean(beta), 5 * 2.8 / Math.sqrt(12 * beta.length));
        double[] p = SyntheticNetworks.points(3, 10_000, 4);
        assertTrue(Arrays.stream(p).allMatch(v -> v >= 0 && v < 1));
        assertEquals(0.5, mean(p), 5 / Math.sqrt(12.0 * p.length));
    }

    @Test
    void badShapesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SyntheticNetworks.random(1, 6, 32, 0, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> SyntheticNetworks.random(1, new int[] {6, 10}, 0));
        assertThrows(IllegalArgumentException.class, () -> SyntheticNetworks.random(1, new int[] {6, 0, 10}, 0));
        assertThrows(IllegalArgumentException.class, () -> SyntheticNetworks.random(1, 6, 32, 2, 10, -1));
        assertThrows(ArithmeticException.class, () -> SyntheticNetworks.points(1, 1 << 20, 1 << 12));
    }

    private static double mean(double[] a) {
        return Arrays.stream(a).average().orElseThrow();
    }

    private static double variance(double[] a) {
        double m = mean(a);
        return Arrays.stream(a).map(v -> (v - m) * (v - m)).sum() / (a.length - 1);
    }
}
