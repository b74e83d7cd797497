package org.cosmoemu.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.api.ParameterSpace;
import org.cosmoemu.theory.CmbSpectra;
import org.cosmoemu.theory.CmbSpectra.Spectrum;
import org.cosmoemu.theory.EmulatorTheory;
import org.cosmoemu.theory.Requirements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ΛCDM points evaluated through the extended family ({@code ext/…} at m_ncdm = 0.06, N_eff = 3.046, w0 = −1,
 * wa = 0) and through {@code lcdm/…} agree within the two models' stated accuracies: for each output, the 99th
 * percentile over (point, multipole) pairs of the difference, in the models' own metric, is at most the sum of the
 * two models' stated headline p99 (the held-out test p99 each model claims in {@code models/ACCURACY.md} and
 * {@code ACCURACY-ext.md}; the triangle inequality bounds the difference of two emulators by the sum of their
 * errors). The measured agreement is logged: it is far inside the bound, because ΛCDM points lie where the ext
 * models' errors are smallest. Skipped when this build has no ext models.
 */
class ExtTheoryTest {
    private static final Logger LOG = LoggerFactory.getLogger(ExtTheoryTest.class);
    static final int POINTS = 24;
    static EmulatorTheory lcdm;
    static EmulatorTheory ext;
    static List<Map<String, Double>> points;

    @BeforeAll
    static void load() {
        assumeTrue(ModelFamily.EXT.isBundled(), "the ext family's models are not in this build");
        lcdm = LcdmTheory.bundled();
        ext = ExtTheory.bundled();
        points = lcdmPoints(lcdm.parameterSpace(), ext.parameterSpace(), POINTS, 5);
    }

    /** Random points in the intersection of both boxes, 10% away from every edge. */
    static List<Map<String, Double>> lcdmPoints(ParameterSpace a, ParameterSpace b, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Map<String, Double>> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Map<String, Double> p = new LinkedHashMap<>();
            for (Parameter pa : a.parameters()) {
                Parameter pb = b.get(b.indexOf(pa.name()));
                double lo = Math.max(pa.lower(), pb.lower());
                double hi = Math.min(pa.upper(), pb.upper());
                double w = hi - lo;
                p.put(pa.name(), lo + 0.1 * w + 0.8 * w * r.nextDouble());
            }
            out.add(p);
        }
        return out;
    }

    /** The claims the models tests check (the held-out test p99 of models/ACCURACY*.md), both families. */
    static final java.util.Properties CLAIMS = new java.util.Properties();

    static {
        for (String f : List.of("accuracy-claims.properties", "accuracy-claims-ext.properties")) {
            try (var in = ExtTheoryTest.class.getResourceAsStream("/org/cosmoemu/models/" + f)) {
                if (in != null) {
                    CLAIMS.load(in);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** @return the model's stated accuracy: its claimed held-out p99 (else its provenance's validation p99) */
    static double stated(String model) {
        String v = CLAIMS.getProperty(model + ".p99");
        if (v == null) {
            NetworkModel m = BundledModels.model(model);
            v = m.provenance().get("validation.headline_p99");
        }
        assertTrue(v != null, model + " states no accuracy");
        return Double.parseDouble(v);
    }

    static double p99(List<Double> v) {
        Collections.sort(v);
        return v.get((int) Math.floor(0.99 * (v.size() - 1)));
    }

    @Test
    void lcdmPointsAgreeWithinTheStatedAccuracies() {
        int lmax = Math.min(lcdm.lmax(), 2500);
        Requirements req = Requirements.cmb(lmax, Spectrum.TT, Spectrum.TE, Spectrum.EE, Spectrum.PP);
        Map<Spectrum, List<Double>> diff = new LinkedHashMap<>();
        for (Spectrum s : List.of(Spectrum.TT, Spectrum.TE, Spectrum.EE, Spectrum.PP)) {
            diff.put(s, new ArrayList<>());
        }
        Map<String, List<Double>> derived = new LinkedHashMap<>();
        for (String d : List.of("sigma8", "100theta_s", "rs_drag_Mpc")) {
            derived.put(d, new ArrayList<>());
        }
        for (Map<String, Double> p : points) {
            CmbSpectra a = lcdm.compute(p, req).cmb();
            CmbSpectra b = ext.compute(ModelFamily.EXT.complete(p), req).cmb();
            for (int l = 2; l <= lmax; l++) {
                double tt = a.cl(Spectrum.TT, l);
                double ee = a.cl(Spectrum.EE, l);
                double te = a.cl(Spectrum.TE, l);
                double n = 2.0 * l + 1;
                diff.get(Spectrum.TT).add(Math.abs(b.cl(Spectrum.TT, l) - tt) / (Math.sqrt(2 / n) * tt));
                diff.get(Spectrum.EE).add(Math.abs(b.cl(Spectrum.EE, l) - ee) / (Math.sqrt(2 / n) * ee));
                diff.get(Spectrum.TE).add(Math.abs(b.cl(Spectrum.TE, l) - te) / Math.sqrt((te * te + tt * ee) / n));
                if (l >= 8) {
                    double pp = a.cl(Spectrum.PP, l);
                    diff.get(Spectrum.PP).add(Math.abs(b.cl(Spectrum.PP, l) / pp - 1));
                }
            }
            for (String d : derived.keySet()) {
                double x = lcdm.derived(d, lcdm.parameterSpace().toArray(p));
                double y = ext.derived(d, ext.parameterSpace().toArray(ModelFamily.EXT.complete(p)));
                derived.get(d).add(Math.abs(y / x - 1));
            }
        }
        String[] names = {"tt", "te", "ee", "pp"};
        int i = 0;
        for (Map.Entry<Spectrum, List<Double>> e : diff.entrySet()) {
            double bound = stated("lcdm/" + names[i]) + stated("ext/" + names[i]);
            double got = p99(e.getValue());
            LOG.info("{}: p99 of |lcdm - ext| over {} LCDM points, 2 <= l <= {}: {} (bound: stated p99 lcdm {} + ext {})",
                    e.getKey(), POINTS, lmax, got, stated("lcdm/" + names[i]), stated("ext/" + names[i]));
            assertTrue(got <= bound, e.getKey() + ": p99 difference " + got + " > " + bound);
            i++;
        }
        double bound = stated("lcdm/derived") + stated("ext/derived");
        for (Map.Entry<String, List<Double>> e : derived.entrySet()) {
            double got = p99(e.getValue());
            LOG.info("{}: p99 of |lcdm/ext - 1| over {} LCDM points: {} (bound {})", e.getKey(), POINTS, got, bound);
            assertTrue(got <= bound, e.getKey() + ": p99 difference " + got + " > " + bound);
        }
    }

    /** σ8, S8, Ω_m and θ* are set by solving, at a point away from ΛCDM, and the solution reproduces them. */
    @Test
    void reparametrisationsWorkForTheFamily() {
        Map<String, Double> p = new LinkedHashMap<>(Map.of("omega_b", 0.0224, "omega_cdm", 0.12, "H0", 67.0,
                "tau_reio", 0.055, "n_s", 0.965, "ln10^{10}A_s", 3.04));
        p.put("m_ncdm", 0.2);
        p.put("N_eff", 3.3);
        p.put("w0_fld", -0.8);
        p.put("wa_fld", -0.6);
        // targets reached at a nearby point, so they are inside the box
        Map<String, Double> q = new LinkedHashMap<>(p);
        q.put("omega_cdm", p.get("omega_cdm") * 1.02);
        q.put("H0", p.get("H0") + 1);
        q.put("ln10^{10}A_s", p.get("ln10^{10}A_s") + 0.02);
        double[] xq = ext.parameterSpace().toArray(q);
        double s8 = ext.derived("sigma8", xq);
        double om = ext.derived("Omega_m", xq);
        double th = ext.derived("100theta_star", xq);
        var sol = org.cosmoemu.theory.Reparametrisation.of(ext).solve(p, Map.of("sigma8", s8, "Omega_m", om));
        double[] x = sol.inputArray();
        assertEquals(s8, ext.derived("sigma8", x), 1e-8);
        assertEquals(om, ext.derived("Omega_m", x), 1e-8);
        assertEquals(0.2, sol.inputs().get("m_ncdm"), 0.0);
        // all three together: H0 for θ*, A_s for σ8, ω_cdm for Ω_m, solved jointly
        var solTheta = org.cosmoemu.theory.Reparametrisation.of(ext).solve(p, Map.of("100theta_star", th,
                "sigma8", s8, "Omega_m", om));
        double[] x3 = solTheta.inputArray();
        assertEquals(th, ext.derived("100theta_star", x3), 1e-8);
        assertEquals(s8, ext.derived("sigma8", x3), 1e-8);
        assertEquals(om, ext.derived("Omega_m", x3), 1e-8);
        assertEquals(q.get("H0"), solTheta.inputs().get("H0"), 0.05, "H0 that gives θ*");
        double bigS8 = ext.derived("S8", xq);
        var solS8 = org.cosmoemu.theory.Reparametrisation.of(ext).solve(p, Map.of("S8", bigS8));
        assertEquals(bigS8, ext.derived("S8", solS8.inputArray()), 1e-8);
    }

    /** The background is exact in both families: at ΛCDM points the two agree to round-off. */
    @Test
    void backgroundsAgreeExactly() {
        for (Map<String, Double> p : points.subList(0, 4)) {
            var a = lcdm.compute(p, Requirements.background("Omega_m")).background();
            var b = ext.compute(ModelFamily.EXT.complete(p), Requirements.background("Omega_m")).background();
            for (double z : new double[] {0.3, 1, 2.33}) {
                assertEquals(a.comovingAngularDistance(z), b.comovingAngularDistance(z),
                        1e-12 * a.comovingAngularDistance(z));
            }
        }
    }

    @Test
    void theFamilyHasItsSlots() {
        assertTrue(ext.lmax() >= 3000, "lmax " + ext.lmax());
        assertEquals(List.of(org.cosmoemu.theory.InputConstraint.CPL_EARLY_DARK_ENERGY), ext.constraints());
        assertEquals(10, ext.parameterSpace().dimension());
        if (!ext.unlensedSpectra().isEmpty()) {
            double[] x = ext.parameterSpace().toArray(ModelFamily.EXT.complete(points.get(0)));
            CmbSpectra u = ext.unlensedSpectra(x);
            CmbSpectra l = ext.compute(x, Requirements.cmb(2000, Spectrum.TT)).cmb();
            // lensing smooths the peaks: unlensed and lensed TT differ by a few per cent at l ~ 2000, not more
            double r = u.cl(Spectrum.TT, 1000) / l.cl(Spectrum.TT, 1000);
            assertTrue(Math.abs(r - 1) < 0.1, "unlensed/lensed TT at l = 1000: " + r);
        }
    }
}
