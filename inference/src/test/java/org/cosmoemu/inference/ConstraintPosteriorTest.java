package org.cosmoemu.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cosmoemu.api.ParameterConstraintException;
import org.cosmoemu.likelihoods.Prior;
import org.junit.jupiter.api.Test;

/** A theory constraint the point breaks (w0 + wa &lt; 0) is a rejected step, never an exception out of the sampler. */
class ConstraintPosteriorTest {

    static Posterior posterior() {
        return Posterior.of(List.of(SampledParameter.of("w0", Prior.uniform(-1.5, 0.5), -1, 0.1),
                SampledParameter.of("wa", Prior.uniform(-2, 2), 0, 0.1)), (p, d) -> {
                    if (!(p[0] + p[1] < 0)) {
                        throw new ParameterConstraintException("w0+wa<0", "w0_fld + wa_fld", p[0] + p[1],
                                Double.NEGATIVE_INFINITY, 0, "dark energy must be negligible early", "the theory");
                    }
                    return -0.5 * ((p[0] + 0.8) * (p[0] + 0.8) + p[1] * p[1]);
                });
    }

    @Test
    void brokenConstraintsHaveZeroPosterior() {
        Posterior post = posterior();
        assertEquals(Double.NEGATIVE_INFINITY, post.logPosterior(new double[] {0.2, 0.5}, new double[0]));
        assertTrue(Double.isFinite(post.logPosterior(new double[] {-0.8, 0.1}, new double[0])));
        double[] out = new double[2];
        post.logPosteriorBatch(new double[] {0.2, 0.5, -0.8, 0.1}, 2, out, new double[0]);
        assertEquals(Double.NEGATIVE_INFINITY, out[0]);
        assertTrue(Double.isFinite(out[1]));
    }
}
