package org.cosmoemu.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.MissingQuantityException;
import org.cosmoemu.api.NumericalException;
import org.cosmoemu.api.testing.SharedTestData;
import org.cosmoemu.theory.Requirements;

import org.cosmoemu.theory.ClassShards;
import org.cosmoemu.theory.CmbSpectra;
import org.cosmoemu.theory.CmbSpectra.Spectrum;
import org.cosmoemu.theory.EmulatorTheory;
import org.cosmoemu.theory.FlatLcdmBackground;
import org.cosmoemu.theory.ParameterBases;
import org.cosmoemu.theory.Reparametrisation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The theory layer on the bundled emulators: unit conventions checked against CLASS spectra of held-out
 * design points (design index ≡ 0 mod 10, never trained on), re-parametrisations checked by independent
 * re-evaluation, Jacobians against finite differences.
 */
class LcdmTheoryTest {
    static EmulatorTheory theory;
    static final double T0_MUK = 2.7255e6;
    /** ω_ν of one 0.06 eV neutrino with the standard 93.14 eV conversion (independent of FlatLcdmBackground). */
    static final double OMEGA_NU = 0.06 / 93.14;

    @BeforeAll
    static void load() {
        theory = LcdmTheory.bundled();
    }

    static Map<String, Double> planck() {
        return new LinkedHashMap<>(ParameterBases.get(ParameterBases.PLANCK2018));
    }

    @Test
    void spectraFollowTheClassConventionsAtHeldOutPoints() throws Exception {
        Path shard = SharedTestData.path("class-lcdm/train-000.h5");
        try (HdfFile f = new HdfFile(shard)) {
            long[] index = (long[]) f.getDatasetByPath("index").getData();
            double[][] par = (double[][]) f.getDatasetByPath("parameters").getData();
            float[][] pp = (float[][]) f.getDatasetByPath("cl/pp").getData();
            float[][] tt = (float[][]) f.getDatasetByPath("cl/tt").getData();
            int checked = 0;
            for (int i = 0; i < index.length && checked < 5; i++) {
                if (index[i] % 10 != 0) {
                    continue; // held-out points only
                }
                checked++;
                CmbSpectra cmb = theory.compute(par[i], Requirements.cmb(3000, Spectrum.PP, Spectrum.TT)).cmb();
                double[] relKk = new double[1993];
                for (int ell = 8; ell <= 2000; ell++) {
                    // CLASS file: l(l+1) C_l^phiphi / 2pi  ->  C_L^kk = [L(L+1)]^2 C^phiphi / 4
                    double kk = pp[i][ell - 2] * 2 * Math.PI * ell * (ell + 1.0) / 4.0;
                    relKk[ell - 8] = Math.abs(cmb.clKappa(ell) / kk - 1);
                }
                Arrays.sort(relKk);
                assertTrue(relKk[relKk.length / 2] < 0.005, "median |C_kk error| " + relKk[relKk.length / 2]);
                for (int ell = 200; ell <= 2000; ell += 100) {
                    double dl = tt[i][ell - 2] * T0_MUK * T0_MUK; // D_l in muK^2
                    assertEquals(dl, cmb.dl(Spectrum.TT, ell), 0.01 * dl, "TT D_l at l=" + ell);
                }
            }
            assertEquals(5, checked);
        }
    }

    @Test
    void linearMatterPowerFollowsClassAtHeldOutPoints() {
        ClassShards.Data d = ClassShards.load();
        int checked = 0;
        for (ClassShards.Point p : d.points()) {
            if (p.index() % 10 != 0 || checked == 4) {
                continue;
            }
            checked++;
            double[] z = {0.0, 1.0, 3.0};
            EmulatorTheory.MatterPower pk = theory.matterPower(p.parameters(), false, z);
            assertEquals("h/Mpc", pk.kUnit());
            assertEquals(d.pkK().length, pk.k().length);
            for (int iz = 0; iz < z.length; iz++) {
                int row = java.util.Arrays.binarySearch(d.pkZ(), z[iz]);
                double[] rel = new double[pk.k().length];
                for (int j = 0; j < rel.length; j++) {
                    assertEquals(d.pkK()[j], pk.k()[j], 1e-12 * d.pkK()[j]);
                    rel[j] = Math.abs(pk.pk()[iz][j] / p.pkLinear()[row][j] - 1);
                }
                Arrays.sort(rel);
                assertTrue(rel[rel.length / 2] < 0.01, "median |P_lin error| at z=" + z[iz] + ": " + rel[rel.length / 2]);
            }
        }
        assertEquals(4, checked);
    }

    @Test
    void spectraAreTheEmulatorOutputsInCanonicalUnits() {
        double[] x = theory.parameterSpace().toArray(planck());
        CmbSpectra cmb = theory.compute(x, Requirements.cmb(3000, Spectrum.PP, Spectrum.TE)).cmb();
        double[] pp = BundledModels.lcdm().pp().predict(x);
        double[] te = BundledModels.lcdm().te().predict(x);
        for (int ell = 2; ell <= 3000; ell += 7) {
            double f = ell * (ell + 1.0) / (2 * Math.PI);
            assertEquals(pp[ell - 2] / f, cmb.cl(Spectrum.PP, ell), 1e-12 * Math.abs(pp[ell - 2] / f));
            assertEquals(te[ell - 2] * T0_MUK * T0_MUK, cmb.dl(Spectrum.TE, ell), 1e-9 * Math.abs(te[ell - 2]) * T0_MUK * T0_MUK);
        }
    }

    @Test
    void omegaMatterIsComputedFromTheInputs() {
        Map<String, Double> p = planck();
        double om = theory.derived("Omega_m", theory.parameterSpace().toArray(p));
        double h = p.get("H0") / 100;
        assertEquals((p.get("omega_b") + p.get("omega_cdm") + OMEGA_NU) / (h * h), om, 1e-4 * om);
    }

    @Test
    void settingSigma8AndOmegaMSolvesForAsAndOmegaCdm() {
        Reparametrisation.Solution s = Reparametrisation.of(theory).solve(planck(), Map.of("sigma8", 0.8, "Omega_m", 0.31));
        Map<String, Double> in = s.inputs();
        // independent re-evaluation: the derived emulator directly, and Omega_m by hand
        Emulator derived = BundledModels.lcdm().derived();
        double[] d = derived.predict(in.entrySet().stream().filter(e -> derived.parameterNames().contains(e.getKey()))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertEquals(0.8, d[derived.outputGrid().indexOf("sigma8")], 1e-9);
        double h = in.get("H0") / 100;
        assertEquals(0.31, (in.get("omega_b") + in.get("omega_cdm") + OMEGA_NU) / (h * h), 1e-4);
        // the other inputs are untouched
        for (String k : new String[] {"omega_b", "H0", "tau_reio", "n_s"}) {
            assertEquals(planck().get(k), in.get(k), 0.0, k);
        }
        assertTrue(in.get("omega_cdm") < 0.12 && in.get("ln10^{10}A_s") != 3.044);
    }

    /** The forms for Kotlin and Scala (positional arrays, builders) give exactly the map form's answer. */
    @Test
    void positionalAndBuilderFormsGiveTheMapFormsSolution() {
        Reparametrisation r = Reparametrisation.of(theory);
        Reparametrisation.Solution byMap = r.solve(planck(), Map.of("sigma8", 0.8, "Omega_m", 0.31));
        double[] x = theory.parameterSpace().point(planck()).toArray();
        Reparametrisation.Solution positional = r.solve(x, new String[] {"sigma8", "Omega_m"}, new double[] {0.8, 0.31});
        Reparametrisation.Solution built = r.targets().set("sigma8", 0.8).set("Omega_m", 0.31).solve(x);
        assertEquals(byMap.inputs(), positional.inputs());
        assertEquals(byMap.inputs(), built.inputs());
        assertEquals(byMap.inputs(), r.targets().set("sigma8", 0.8).set("Omega_m", 0.31).solve(planck()).inputs());
        assertTrue(java.util.Arrays.equals(theory.parameterSpace().toArray(byMap.inputs()), built.inputArray()));
        double[] y = theory.parameterSpace().point().set("omega_b", 0.02237).set("omega_cdm", 0.12).set("H0", 67.36)
                .set("tau_reio", 0.0544).set("n_s", 0.9649).set("ln10^{10}A_s", 3.044).toArray();
        assertEquals(theory.parameterSpace().dimension(), y.length);
        assertThrows(InvalidParameterException.class, () -> theory.parameterSpace().point().set("omega_b", 0.0224).toArray(),
                "a point with inputs missing");
        assertThrows(InvalidParameterException.class, () -> theory.parameterSpace().point().set("nope", 1));
        assertThrows(InvalidParameterException.class, () -> r.solve(x, new String[] {"sigma8"}, new double[] {0.8, 0.3}));
    }

    /**
     * θ*, σ8 and Ω_m together (H0, A_s and ω_cdm solved jointly: θ* and Ω_m are strongly coupled through H0 and
     * ω_cdm), checked by hand: Ω_m from the solved inputs, θ* and σ8 from the derived emulator itself.
     */
    @Test
    void settingThetaStarSigma8AndOmegaMTogether() {
        Reparametrisation.Solution s = Reparametrisation.of(theory).solve(planck(),
                Map.of("100theta_star", 1.0405, "sigma8", 0.78, "Omega_m", 0.33));
        Map<String, Double> in = s.inputs();
        Emulator derived = BundledModels.lcdm().derived();
        double[] d = derived.predict(in.entrySet().stream().filter(e -> derived.parameterNames().contains(e.getKey()))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertEquals(1.0405, d[derived.outputGrid().indexOf("100theta_star")], 1e-9);
        assertEquals(0.78, d[derived.outputGrid().indexOf("sigma8")], 1e-9);
        double h = in.get("H0") / 100;
        assertEquals(0.33, (in.get("omega_b") + in.get("omega_cdm") + OMEGA_NU) / (h * h), 1e-4);
        // the θ*–Ω_m degeneracy: higher Ω_m at fixed θ* means lower H0 than Planck's
        assertTrue(in.get("H0") < 67.36, "H0 = " + in.get("H0"));
        for (String k : new String[] {"omega_b", "tau_reio", "n_s"}) {
            assertEquals(planck().get(k), in.get(k), 0.0, k);
        }
    }

    @Test
    void settingThetaStarSolvesForH0() {
        Reparametrisation.Solution s = Reparametrisation.of(theory).solve(planck(), Map.of("100theta_star", 1.0400));
        double[] x = theory.parameterSpace().toArray(s.inputs());
        assertEquals(1.0400, theory.derived("100theta_star", x), 1e-9);
        assertTrue(s.inputs().get("H0") < 67.36, "smaller theta* needs smaller H0: " + s.inputs().get("H0"));
    }

    @Test
    void unreachableTargetsFailClearly() {
        var e = assertThrows(NumericalException.class,
                () -> Reparametrisation.of(theory).solve(planck(), Map.of("sigma8", 1.5)));
        assertTrue(e.getMessage().contains("sigma8 = 1.5") && e.getMessage().contains("ln10^{10}A_s")
                && e.getMessage().contains("[2.7, 3.3]"), e.getMessage());
        var u = assertThrows(InvalidParameterException.class,
                () -> Reparametrisation.of(theory).solve(planck(), Map.of("w0", -1.0)));
        assertTrue(u.getMessage().contains("settable targets"), u.getMessage());
        assertEquals("w0", u.parameter());
        var both = assertThrows(InvalidParameterException.class,
                () -> Reparametrisation.of(theory).solve(planck(), Map.of("sigma8", 0.8, "S8", 0.8)));
        assertTrue(both.getMessage().contains("set only one"), both.getMessage());
        // jointly: Ω_m = 0.9 is out of reach over ω_cdm's range while σ8 is not; the message names the input
        var joint = assertThrows(NumericalException.class,
                () -> Reparametrisation.of(theory).solve(planck(), Map.of("sigma8", 0.8, "Omega_m", 0.9)));
        assertTrue(joint.getMessage().contains("Omega_m=0.9") && joint.getMessage().contains("omega_cdm in [")
                && joint.getMessage().contains("(for Omega_m)"), joint.getMessage());
    }

    @Test
    void derivedJacobianMatchesFiniteDifferences() {
        double[] x = theory.parameterSpace().toArray(planck());
        String[] names = {"sigma8", "S8", "S8_CMBL", "Omega_m", "omega_m", "rdrag", "theta_star", "h"};
        double[][] jac = theory.derivedJacobian(x, names);
        int dim = x.length;
        double[] range = new double[dim];
        double[][] fd = new double[names.length][dim];
        for (int j = 0; j < dim; j++) {
            range[j] = theory.parameterSpace().get(j).upper() - theory.parameterSpace().get(j).lower();
            double step = 1e-4 * range[j];
            double[] up = x.clone();
            double[] dn = x.clone();
            up[j] += step;
            dn[j] -= step;
            for (int i = 0; i < names.length; i++) {
                fd[i][j] = (theory.derived(names[i], up) - theory.derived(names[i], dn)) / (2 * step);
            }
        }
        // compare derivatives scaled to the training range, relative to the largest one of each quantity
        for (int i = 0; i < names.length; i++) {
            double scale = 0;
            for (int j = 0; j < dim; j++) {
                scale = Math.max(scale, Math.abs(fd[i][j] * range[j]));
            }
            for (int j = 0; j < dim; j++) {
                assertEquals(fd[i][j] * range[j], jac[i][j] * range[j], 1e-6 * scale,
                        "d " + names[i] + " / d " + theory.parameterSpace().get(j).name());
            }
        }
    }

    @Test
    void missingCapabilitiesAreNamed() {
        EmulatorTheory ppOnly = EmulatorTheory.builder().spectrum(Spectrum.PP, BundledModels.lcdm().pp()).build();
        var e = assertThrows(MissingQuantityException.class,
                () -> ppOnly.check(Requirements.background("rdrag"), "BAO"));
        assertTrue(e.getMessage().contains("BAO needs the background, derived 'rdrag'"), e.getMessage());
    }
}
