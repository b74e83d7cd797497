package org.cosmoemu.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cosmoemu.api.InvalidParameterException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class DragSoundHorizonTest {
    private static final Logger LOG = LoggerFactory.getLogger(DragSoundHorizonTest.class);
    private static final String CALIBRATION_SHARD = "train-000.h5";

    @Test
    void aubourgFormulaAsPublished() {
        // 55.154 exp(-72.3 (0.00064+0.0006)^2) / (0.1424^0.25351 0.02222^0.12807), evaluated with bc -l.
        assertEquals(147.18206993864784, DragSoundHorizon.aubourg2015(0.02222, 0.1424, 0.00064), 1e-12);
        assertEquals("omega_b", assertThrows(InvalidParameterException.class,
                () -> DragSoundHorizon.aubourg2015(0, 0.14, 0.0006)).parameter());
        assertEquals("omega_cb", assertThrows(InvalidParameterException.class,
                () -> DragSoundHorizon.classCalibrated(0.022, Double.NaN, 0.0006)).parameter());
    }

    /**
     * Re-derives the committed calibration: least-squares fit of ln(r_CLASS / r_Aubourg) to a quadratic in
     * (ln ω_b/0.0224, ln ω_cb/0.14) on the design points of shard train-000. The committed coefficients must
     * equal the fit (so they are reproducible from the data, not hand-tuned).
     */
    @Test
    void fitCorrection() {
        ClassShards.Data data = ClassShards.load();
        int ir = data.derivedIndex("rs_drag_Mpc");
        List<double[]> rows = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (ClassShards.Point p : data.points()) {
            if (!p.shard().equals(CALIBRATION_SHARD)) {
                continue;
            }
            FlatLcdmBackground b = FlatLcdmBackground.ofH0(p.omegaB(), p.omegaCdm(), p.hubble0());
            double xb = Math.log(p.omegaB() / DragSoundHorizon.OMEGA_B_REF);
            double xcb = Math.log((p.omegaB() + p.omegaCdm()) / DragSoundHorizon.OMEGA_CB_REF);
            rows.add(new double[] {1, xb, xcb, xb * xb, xb * xcb, xcb * xcb});
            ys.add(Math.log(p.derived()[ir] / DragSoundHorizon.aubourg2015(b)));
        }
        assertEquals(256, rows.size(), "calibration shard size");
        DMatrixRMaj a = new DMatrixRMaj(rows.toArray(new double[0][]));
        DMatrixRMaj y = new DMatrixRMaj(ys.size(), 1);
        for (int i = 0; i < ys.size(); i++) {
            y.set(i, 0, ys.get(i));
        }
        LinearSolverDense<DMatrixRMaj> ls = LinearSolverFactory_DDRM.leastSquaresQrPivot(true, false);
        assertTrue(ls.setA(a));
        DMatrixRMaj c = new DMatrixRMaj(6, 1);
        ls.solve(y, c);
        LOG.info("r_drag CLASS calibration (fit on {}): {}", CALIBRATION_SHARD, Arrays.toString(c.data));
        for (int i = 0; i < 6; i++) {
            assertEquals(c.get(i, 0), DragSoundHorizon.CLASS_CORRECTION[i], 1e-9, "coefficient " + i);
        }
    }

    /** Measures both stand-ins against CLASS rs_drag_Mpc on every design point of every shard present. */
    @Test
    void accuracyAgainstClass() {
        ClassShards.Data data = ClassShards.load();
        int ir = data.derivedIndex("rs_drag_Mpc");
        List<Double> aub = new ArrayList<>();
        List<Double> calHeldOut = new ArrayList<>();
        List<Double> calAll = new ArrayList<>();
        double aubMean = 0;
        for (ClassShards.Point p : data.points()) {
            FlatLcdmBackground b = FlatLcdmBackground.ofH0(p.omegaB(), p.omegaCdm(), p.hubble0());
            double rClass = p.derived()[ir];
            double ea = DragSoundHorizon.aubourg2015(b) / rClass - 1;
            double ec = DragSoundHorizon.classCalibrated(b) / rClass - 1;
            aubMean += ea;
            aub.add(Math.abs(ea));
            calAll.add(Math.abs(ec));
            if (!p.shard().equals(CALIBRATION_SHARD)) {
                calHeldOut.add(Math.abs(ec));
            }
        }
        aubMean /= aub.size();
        LOG.info("r_drag vs CLASS rs_drag_Mpc: Aubourg 2015 on {} points: mean {} max {} p99 {}", aub.size(), aubMean,
                max(aub), p99(aub));
        LOG.info("r_drag vs CLASS rs_drag_Mpc: CLASS-calibrated on {} held-out points: max {} p99 {}; on all {}: max {} p99 {}",
                calHeldOut.size(), max(calHeldOut), p99(calHeldOut), calAll.size(), max(calAll), p99(calAll));
        assertTrue(max(aub) < 3e-3, "Aubourg max error " + max(aub));
        assertTrue(max(calAll) < 1e-4, "calibrated max error " + max(calAll));
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static double p99(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (s.length == 0) {
            return Double.NaN;
        }
        return s[(int) Math.ceil(0.99 * s.length) - 1];
    }
}
