package org.cosmoemu.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import java.util.SplittableRandom;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.MissingQuantityException;
import org.cosmoemu.api.ParameterOutOfRangeException;
import org.cosmoemu.api.ParameterSpace;
import org.cosmoemu.theory.CmbSpectra;
import org.cosmoemu.theory.CmbSpectra.Spectrum;
import org.cosmoemu.theory.EmulatorTheory;
import org.cosmoemu.theory.Observables;
import org.cosmoemu.theory.ParameterBases;
import org.cosmoemu.theory.Requirements;
import org.cosmoemu.theory.TheoryEvaluator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fast path gives the general path's numbers to the last bit: {@link TheoryEvaluator} (restricted networks,
 * batches, reused buffers) against {@link EmulatorTheory#compute(double[], Requirements)} at random points of the
 * training box, one at a time and in batches, with every request kind (spectra, background, derived).
 */
class TheoryEvaluatorTest {
    static EmulatorTheory theory;
    static ParameterSpace space;

    @BeforeAll
    static void load() {
        theory = LcdmTheory.bundled();
        space = theory.parameterSpace();
    }

    static double[] randomPoints(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int d = space.dimension();
        double[] x = new double[n * d];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < d; i++) {
                double lo = space.get(i).lower();
                double hi = space.get(i).upper();
                x[k * d + i] = lo + (0.05 + 0.9 * r.nextDouble()) * (hi - lo);
            }
        }
        return x;
    }

    static void assertSame(Observables expected, Observables actual, Requirements req, String where) {
        for (Spectrum s : req.spectra()) {
            CmbSpectra e = expected.cmb();
            CmbSpectra a = actual.cmb();
            assertEquals(req.lmax(), a.lmax(), "the evaluator's spectra end at the request's lmax");
            for (int ell = 0; ell <= req.lmax(); ell++) {
                assertEquals(e.cl(s, ell), a.cl(s, ell), 0.0, where + " " + s + " ell " + ell);
            }
        }
        if (req.background() || !req.derived().isEmpty()) {
            for (double z : new double[] {0.0, 0.106, 0.38, 0.698, 1.48, 2.33, 1090.0, 2.0e4}) {
                assertEquals(expected.background().hubble(z), actual.background().hubble(z), 0.0, where + " H at z " + z);
                assertEquals(expected.background().comovingAngularDistance(z),
                        actual.background().comovingAngularDistance(z), 0.0, where + " D_M at z " + z);
            }
        }
        for (String d : theory.derivedNames()) {
            if (!req.derived().isEmpty()) {
                assertEquals(expected.derived(d), actual.derived(d), 0.0, where + " derived " + d);
            }
        }
        assertEquals(expected.parameters(), actual.parameters(), where);
    }

    @Test
    void batchesAndSinglePointsGiveTheGeneralPathsNumbersBitForBit() {
        Requirements[] requests = {
            Requirements.cmb(763, Spectrum.PP).union(Requirements.background("rdrag", "sigma8", "S8")),
            Requirements.cmb(2500, Spectrum.TT, Spectrum.TE, Spectrum.EE),
            Requirements.background(new String[0]),
            Requirements.background("Omega_m", "theta_star", "h"),
        };
        for (Requirements req : requests) {
            int n = 9;
            double[] xs = randomPoints(n, req.hashCode());
            int d = space.dimension();
            TheoryEvaluator ev = theory.evaluator(req, 16);
            ev.computeBatch(xs, n);
            for (int k = 0; k < n; k++) {
                double[] x = java.util.Arrays.copyOfRange(xs, k * d, (k + 1) * d);
                assertSame(theory.compute(x, req), ev.at(k), req, req + " batch point " + k);
            }
            TheoryEvaluator single = theory.evaluator(req, 1);
            for (int k = 0; k < 3; k++) {
                double[] x = java.util.Arrays.copyOfRange(xs, k * d, (k + 1) * d);
                assertSame(theory.compute(x, req), single.compute(x), req, req + " single point " + k);
            }
        }
    }

    @Test
    void badPointsAndRequestsAreNamed() {
        Requirements req = Requirements.cmb(763, Spectrum.PP);
        TheoryEvaluator ev = theory.evaluator(req, 4);
        double[] x = space.toArray(ParameterBases.get(ParameterBases.PLANCK2018));
        double[] far = x.clone();
        far[0] = 10 * space.get(0).upper();
        assertThrows(ParameterOutOfRangeException.class, () -> ev.compute(far));
        double[] nan = x.clone();
        nan[1] = Double.NaN;
        assertThrows(org.cosmoemu.api.InvalidParameterException.class, () -> ev.compute(nan));
        assertThrows(InvalidOptionException.class, () -> ev.computeBatch(new double[5 * x.length], 5), "over capacity");
        assertThrows(InvalidOptionException.class, () -> theory.evaluator(req, 0));
        ev.compute(x);
        assertThrows(MissingQuantityException.class, () -> ev.at(0).background(), "the background was not requested");
        assertThrows(MissingQuantityException.class, () -> ev.at(0).derived("sigma8"));
        assertThrows(MissingQuantityException.class, () -> theory.evaluator(Requirements.cmb(100_000, Spectrum.PP), 1));
        assertEquals(Set.of(Spectrum.PP), ev.requirements().spectra());
    }
}
