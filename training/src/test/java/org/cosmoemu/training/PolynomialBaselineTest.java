package org.cosmoemu.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.cosmoemu.api.EllFactor;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.OutputQuantity;
import org.cosmoemu.api.OutputTransform;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.api.ParameterSpace;
import org.junit.jupiter.api.Test;

/** The baseline on synthetic data whose log10 is exactly a quadratic in the inputs. */
class PolynomialBaselineTest {
    private static final int POINTS = 200;
    private static final int GRID = 6;

    /** log10 y_j(a, b, c) = 0.3 + j a − 0.2 b² + 0.1 (j − 2) a c: quadratic, not linear, in the inputs. */
    private static double log10Truth(double[] p, int j) {
        return 0.3 + j * p[0] - 0.2 * p[1] * p[1] + 0.1 * (j - 2) * p[0] * p[2];
    }

    @Test
    void aQuadraticIsFoundExactlyAndPickedOnValidation() {
        SplittableRandom r = new SplittableRandom(7);
        double[][] xs = new double[POINTS][];
        double[][] ys = new double[POINTS][GRID];
        long[] idx = new long[POINTS];
        double[] grid = new double[GRID];
        for (int j = 0; j < GRID; j++) {
            grid[j] = j;
        }
        for (int i = 0; i < POINTS; i++) {
            xs[i] = new double[] {r.nextDouble(), r.nextDouble(), r.nextDouble()};
            idx[i] = i;
            for (int j = 0; j < GRID; j++) {
                ys[i][j] = Math.pow(10, log10Truth(xs[i], j));
            }
        }
        ParameterSpace space = ParameterSpace.of(Parameter.of("a", 0, 1), Parameter.of("b", 0, 1), Parameter.of("c", 0, 1));
        TrainingSamples s = new TrainingSamples(space, xs, ys, idx, null, OutputGrid.of(OutputGrid.Axis.MODES, "", grid),
                OutputQuantity.of("synthetic", "none", EllFactor.NONE, OutputTransform.LOG10));
        ModelSpec spec = ModelSpec.parse("name = synthetic\ndataset = none\ntransform = log10\nmetric = relative\n",
                "synthetic.spec");
        List<PolynomialBaseline.Fit> fits = PolynomialBaseline.scan(null, spec, s);
        // 3 inputs: 4, 10 and 20 terms; five ridge strengths each
        assertEquals(15, fits.size());
        PolynomialBaseline.Fit linear = fits.get(0);
        PolynomialBaseline.Fit quadratic = fits.get(5);
        assertEquals(1, linear.degree());
        assertEquals(4, linear.terms());
        assertEquals(2, quadratic.degree());
        assertEquals(10, quadratic.terms());
        assertTrue(linear.test() > 1e-2, "a linear fit misses the curvature: " + linear.test());
        assertTrue(quadratic.test() < 1e-8, "the quadratic is exact: " + quadratic.test());
        PolynomialBaseline.Fit picked = PolynomialBaseline.picked(fits);
        assertTrue(picked.degree() >= 2 && picked.test() < 1e-6, picked.toString());
    }
}
