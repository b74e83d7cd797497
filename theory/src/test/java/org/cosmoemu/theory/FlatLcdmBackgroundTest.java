package org.cosmoemu.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cosmoemu.api.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class FlatLcdmBackgroundTest {
    private static final Logger LOG = LoggerFactory.getLogger(FlatLcdmBackgroundTest.class);

    /**
     * The acceptance criterion: H and D_A within 1e-4 of CLASS for 0 ≤ z ≤ 20 at every design point of
     * every shard present. We achieve far better and assert that too (1e-5), so that a regression shows.
     */
    @Test
    void matchesClassBackgroundAtEveryDesignPoint() {
        ClassShards.Data data = ClassShards.load();
        int nt = data.derivedIndex("N_eff");
        double worstH = 0;
        double worstDa = 0;
        String whereH = "";
        String whereDa = "";
        for (ClassShards.Point p : data.points()) {
            FlatLcdmBackground b = FlatLcdmBackground.ofH0(p.omegaB(), p.omegaCdm(), p.hubble0());
            for (int i = 0; i < data.z().length; i++) {
                double z = data.z()[i];
                double eh = Math.abs(b.hubble(z) / Background.C_KM_S / p.hubbleOverC()[i] - 1);
                if (eh > worstH) {
                    worstH = eh;
                    whereH = "index " + p.index() + " z=" + z;
                }
                if (z > 0) {
                    double ed = Math.abs(b.angularDiameterDistance(z) / p.angularDiameterDistance()[i] - 1);
                    if (ed > worstDa) {
                        worstDa = ed;
                        whereDa = "index " + p.index() + " z=" + z;
                    }
                }
            }
            assertEquals(p.derived()[nt], b.nEff(), 2e-4, "N_eff at index " + p.index());
        }
        LOG.info("background vs CLASS over {} design points, 0 <= z <= 20: max |dH/H| = {} ({}), max |dD_A/D_A| = {} ({})",
                data.points().size(), worstH, whereH, worstDa, whereDa);
        assertTrue(worstH <= 1e-5, "max relative error of H vs CLASS " + worstH + " at " + whereH);
        assertTrue(worstDa <= 1e-5, "max relative error of D_A vs CLASS " + worstDa + " at " + whereDa);
    }

    /** χ from the table against an independent adaptive Simpson integration of c/H (H itself is exact). */
    @Test
    void distanceTableMatchesDirectIntegration() {
        FlatLcdmBackground b = FlatLcdmBackground.of(0.02237, 0.1200, 0.6736);
        double worst = 0;
        for (double lz = -4; lz <= 4.3; lz += 0.0173) {
            double z = Math.pow(10, lz);
            double exact = simpson(b, 0, z, 1e-13);
            worst = Math.max(worst, Math.abs(b.comovingDistance(z) / exact - 1));
        }
        for (double z : new double[] {2e4, 1e5}) { // beyond the table
            worst = Math.max(worst, Math.abs(b.comovingDistance(z) / simpson(b, 0, z, 1e-13) - 1));
        }
        LOG.info("distance table vs adaptive Simpson, 1e-4 <= z <= 1e5: max relative error {}", worst);
        assertTrue(worst < 1e-12, "max relative error " + worst);
    }

    /** Ω_m = 1, no radiation: χ = (2c/H0)(1 − 1/√(1+z)) exactly. */
    @Test
    void einsteinDeSitterLimitIsAnalytic() {
        FlatLcdmBackground b = FlatLcdmBackground.builder().omegaBH2(0.05).omegaCdmH2(0.2).h(0.5).tCmb(1e-12).nUr(0)
                .neutrinoMassesEv().build();
        assertEquals(0.0, b.omegaLambda(), 1e-15);
        for (double z : new double[] {1e-3, 0.1, 0.5, 1, 2.33, 10, 1089, 5e4}) {
            double exact = 2 * Background.C_KM_S / 50.0 * (1 - 1 / Math.sqrt(1 + z));
            assertEquals(exact, b.comovingDistance(z), 1e-12 * exact, "chi(" + z + ")");
            assertEquals(50.0 * Math.pow(1 + z, 1.5), b.hubble(z), 1e-12 * b.hubble(z), "H(" + z + ")");
        }
    }

    @Test
    void densityBudgetFollowsClassConventions() {
        FlatLcdmBackground b = FlatLcdmBackground.of(0.0224, 0.12, 0.67);
        double sum = b.omegaGamma() + b.omegaUr() + b.omegaB() + b.omegaCdm() + b.omegaNcdm() + b.omegaLambda();
        assertEquals(1.0, sum, 1e-15);
        // CLASS: T_ncdm = 0.71611 makes Ω_ν h² = m / 93.14 eV; its N_eff is 3.046.
        assertEquals(0.06 / 93.14, b.omegaNcdmH2(), 2e-4 * 0.06 / 93.14);
        assertEquals(3.046, b.nEff(), 2e-4);
        // Ω_γ h² = 2.4729e-5 at T = 2.7255 K (standard value; CLASS prints Omega_g h^2 = 2.47298e-5).
        assertEquals(2.4729e-5, b.omegaGamma() * 0.67 * 0.67, 2e-9);
        // Ω_m counts the non-relativistic part of the neutrinos: between Ω_cb and Ω_cb + Ω_ncdm.
        assertTrue(b.omegaM() < b.omegaB() + b.omegaCdm() + b.omegaNcdm());
        assertEquals(b.omegaB() + b.omegaCdm() + b.omegaNcdm(), b.omegaM(), 1e-6);
        // Definitions of the derived distances.
        double z = 0.51;
        assertEquals((1 + z) * b.angularDiameterDistance(z), b.comovingAngularDistance(z), 1e-12);
        assertEquals(Background.C_KM_S / b.hubble(z), b.hubbleDistance(z), 1e-12);
        double dm = b.comovingAngularDistance(z);
        assertEquals(Math.cbrt(z * dm * dm * b.hubbleDistance(z)), b.volumeDistance(z), 1e-9);
        assertEquals(67.0, b.hubble(0), 1e-12);
    }

    @Test
    void rejectsInvalidParametersNamingThem() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> FlatLcdmBackground.of(Double.NaN, 0.12, 0.67));
        assertEquals("omega_b", e.parameter());
        e = assertThrows(InvalidParameterException.class, () -> FlatLcdmBackground.of(0.022, -0.1, 0.67));
        assertTrue(e.getMessage().contains("omega_cdm"), e.getMessage());
        e = assertThrows(InvalidParameterException.class, () -> FlatLcdmBackground.ofH0(0.022, 0.12, 0));
        assertEquals("h", e.parameter());
        e = assertThrows(InvalidParameterException.class,
                () -> FlatLcdmBackground.builder().omegaBH2(0.022).omegaCdmH2(0.12).h(0.7).neutrinoMassesEv(0.1, -1).build());
        assertEquals("m_ncdm[1]", e.parameter());
        e = assertThrows(InvalidParameterException.class,
                () -> FlatLcdmBackground.builder().omegaBH2(0.022).h(0.7).build());
        assertTrue(e.getMessage().contains("omega_cdm") && e.getMessage().contains("not set"), e.getMessage());
        FlatLcdmBackground b = FlatLcdmBackground.of(0.022, 0.12, 0.7);
        assertEquals("z", assertThrows(InvalidParameterException.class, () -> b.hubble(-0.1)).parameter());
        assertThrows(InvalidParameterException.class, () -> b.angularDiameterDistance(Double.NaN));
    }

    private static double simpson(FlatLcdmBackground b, double a, double c, double tol) {
        double fa = Background.C_KM_S / b.hubble(a);
        double fc = Background.C_KM_S / b.hubble(c);
        double m = 0.5 * (a + c);
        double fm = Background.C_KM_S / b.hubble(m);
        return adapt(b, a, c, fa, fm, fc, (c - a) / 6 * (fa + 4 * fm + fc), tol, 50);
    }

    private static double adapt(FlatLcdmBackground b, double a, double c, double fa, double fm, double fc, double whole,
            double tol, int depth) {
        double m = 0.5 * (a + c);
        double lm = 0.5 * (a + m);
        double rm = 0.5 * (m + c);
        double flm = Background.C_KM_S / b.hubble(lm);
        double frm = Background.C_KM_S / b.hubble(rm);
        double left = (m - a) / 6 * (fa + 4 * flm + fm);
        double right = (c - m) / 6 * (fm + 4 * frm + fc);
        double delta = left + right - whole;
        if (depth <= 0 || Math.abs(delta) <= 15 * tol * Math.abs(left + right)) {
            return left + right + delta / 15;
        }
        return adapt(b, a, m, fa, flm, fm, left, tol, depth - 1) + adapt(b, m, c, fm, frm, fc, right, tol, depth - 1);
    }
}
