package org.cosmoemu.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cosmoemu.api.EllFactor;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.OutputQuantity;
import org.cosmoemu.api.OutputTransform;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.api.ParameterSpace;
import org.cosmoemu.cpu.Emulators;
import org.junit.jupiter.api.Test;

/** End-to-end training on a synthetic smooth "spectrum" whose exact values are known everywhere. */
class SyntheticTrainingTest {
    private static final int POINTS = 300;
    private static final int GRID = 20;

    /** The synthetic truth: y(x; a, b, c) = exp(a sin 3x + b x² − c x) on x = 0..1. */
    private static double truth(double[] p, double x) {
        return Math.exp(p[0] * Math.sin(3 * x) + p[1] * x * x - p[2] * x);
    }

    private static TrainingSamples samples(double testScale) {
        SplittableRandom r = new SplittableRandom(42);
        double[][] xs = new double[POINTS][];
        double[][] ys = new double[POINTS][GRID];
        long[] idx = new long[POINTS];
        double[] grid = new double[GRID];
        for (int j = 0; j < GRID; j++) {
            grid[j] = j / (GRID - 1.0);
        }
        for (int i = 0; i < POINTS; i++) {
            xs[i] = new double[] {r.nextDouble(), r.nextDouble(), r.nextDouble()};
            idx[i] = i;
            for (int j = 0; j < GRID; j++) {
                ys[i][j] = truth(xs[i], grid[j]);
                if (HeldOutSplit.role(i) == HeldOutSplit.Role.TEST) {
                    ys[i][j] *= testScale;
                }
            }
        }
        ParameterSpace space = ParameterSpace.of(Parameter.of("a", 0, 1), Parameter.of("b", 0, 1), Parameter.of("c", 0, 1));
        return new TrainingSamples(space, xs, ys, idx, null, OutputGrid.of(OutputGrid.Axis.MODES, "", grid),
                OutputQuantity.of("synthetic", "none", EllFactor.NONE, OutputTransform.LOG10));
    }

    private static ModelSpec spec(String extra) {
        return ModelSpec.parse("""
                name = synthetic
                dataset = none
                transform = log10
                hidden = 32, 32
                learning_rates = 3e-3, 3e-4
                batch_sizes = 32, 128
                patience = 20
                max_epochs = 150
                seed = 3
                dtype = float64
                """ + extra, "synthetic.spec");
    }

    private static double maxRelativeTestError(NetworkModel m) {
        Emulator em = Emulators.create(m, EmulatorOptions.defaults().withKernel(EmulatorOptions.Kernel.SCALAR));
        TrainingSamples s = samples(1.0);
        double worst = 0;
        for (int i : s.rowsWith(HeldOutSplit.Role.TEST)) {
            double[] pred = em.predict(s.x()[i]);
            for (int j = 0; j < GRID; j++) {
                worst = Math.max(worst, Math.abs(pred[j] / s.y()[i][j] - 1));
            }
        }
        return worst;
    }

    @Test
    void convergesOnASmoothFunctionAndNeverLooksAtTestPoints() {
        Trainer.Result r = Trainer.train(samples(1.0), spec(""), Map.of("source", "synthetic"));
        NetworkModel m = r.model();
        assertEquals(2, r.stages().size());
        // the schedule only ever keeps improvements
        for (int s = 1; s < r.stages().size(); s++) {
            assertTrue(r.stages().get(s).bestValidationLoss() <= r.stages().get(s - 1).bestValidationLoss());
        }
        // outputs vary by a factor ~10 across the box; the network must get them to well under a percent
        double err = maxRelativeTestError(m);
        assertTrue(err < 0.01, "max relative test error " + err);
        assertEquals("synthetic", m.provenance().get("source"));
        assertEquals("3", m.provenance().get("training.spec.seed"));
        assertTrue(m.provenance().containsKey("training.stages"));

        // Test points are never used: corrupting them changes nothing, bit for bit.
        NetworkModel again = Trainer.train(samples(1e3), spec(""), Map.of("source", "synthetic")).model();
        List<NetworkModel.DenseLayer> a = m.layers();
        List<NetworkModel.DenseLayer> b = again.layers();
        for (int l = 0; l < a.size(); l++) {
            assertArrayEquals(a.get(l).weights(), b.get(l).weights(), 0.0, "layer " + l);
        }
        assertArrayEquals(m.outputMean(), again.outputMean(), 0.0);
    }

    @Test
    void convergesThroughAPca() {
        NetworkModel m = Trainer.train(samples(1.0), spec("pca = 6\nloss = reconstruction\n"), Map.of()).model();
        assertEquals(6, m.pca().components());
        double err = maxRelativeTestError(m);
        assertTrue(err < 0.01, "max relative test error " + err);
    }
}
