package org.cosmoemu.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.cosmoemu.api.OutputGrid;
import org.junit.jupiter.api.Test;

/** {@code emphasis}: extra loss weight on the outputs a target applies to, renormalised to mean 1. */
class LossEmphasisTest {

    private static ModelSpec spec(String extra) {
        return ModelSpec.parse("name = t\ndataset = d\nloss = relative\n" + extra, "t.spec");
    }

    @Test
    void namedGridEmphasisesTheMetricOutputs() {
        ModelSpec s = spec("emphasis = 10\nmetric_outputs = b, c\n");
        assertEquals(10, s.emphasis());
        double[] w = Trainer.emphasise(new double[] {1, 1, 1, 1}, OutputGrid.named(List.of("a", "b", "c", "d")), s);
        // weights 1, 10, 10, 1 scaled to mean 1: factor 4/22
        assertArrayEquals(new double[] {4.0 / 22, 40.0 / 22, 40.0 / 22, 4.0 / 22}, w, 1e-15);
    }

    @Test
    void valueGridEmphasisesARange() {
        ModelSpec s = spec("emphasis = 3\nemphasis_max = 0.5\n");
        OutputGrid z = OutputGrid.of(OutputGrid.Axis.REDSHIFT, "", new double[] {0, 0.5, 1, 2});
        double[] w = Trainer.emphasise(new double[] {2, 2, 2, 2}, z, s);
        assertArrayEquals(new double[] {1.5, 1.5, 0.5, 0.5}, w, 1e-15);
    }

    @Test
    void mistakesAreNamed() {
        assertThrows(org.cosmoemu.api.DataFileException.class, () -> spec("emphasis = 0\n"));
        var loss = assertThrows(org.cosmoemu.api.DataFileException.class, () -> ModelSpec.parse(
                "name = t\ndataset = d\npca = 8\nloss = reconstruction\nemphasis = 10\n", "t.spec"));
        assertEquals(true, loss.getMessage().contains("needs loss = relative"), loss.getMessage());
        OutputGrid g = OutputGrid.named(List.of("a", "b"));
        var e = assertThrows(org.cosmoemu.api.InvalidOptionException.class,
                () -> Trainer.emphasise(new double[] {1, 1}, g, spec("emphasis = 2\nmetric_outputs = x\n")));
        assertEquals(true, e.getMessage().contains("'x' is not an output"), e.getMessage());
        assertEquals("metric_outputs", e.option());
        var none = assertThrows(org.cosmoemu.api.InvalidOptionException.class, () -> Trainer.emphasise(new double[] {1, 1},
                OutputGrid.of(OutputGrid.Axis.REDSHIFT, "", new double[] {1, 2}), spec("emphasis = 2\nemphasis_max = 0.5\n")));
        assertEquals(true, none.getMessage().contains("applies to no output"), none.getMessage());
    }
}
