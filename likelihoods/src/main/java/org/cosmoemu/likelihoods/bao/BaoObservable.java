package org.cosmoemu.likelihoods.bao;

import java.util.Arrays;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.theory.Background;
import org.cosmoemu.theory.Observables;

/**
 * The quantities BAO/RSD data files quote, with the names cobaya's BAO likelihoods use in the third column
 * (a leading {@code bao_} is ignored). r_s below is the rescaled sound horizon r_drag × rs_rescale of the
 * data set (see {@link GaussianBaoLikelihood}); distances in Mpc, H in km/s/Mpc, c in km/s.
 */
enum BaoObservable {
    /** D_V / r_s with D_V = [z D_M² c / H]^{1/3}. */
    DV_OVER_RS("DV_over_rs", true),
    /** r_s / D_V. */
    RS_OVER_DV("rs_over_DV", true),
    /** D_M / r_s, D_M = (1+z) D_A. */
    DM_OVER_RS("DM_over_rs", true),
    /** D_A / r_s. */
    DA_OVER_RS("DA_over_rs", true),
    /** D_H / r_s, D_H = c / H. */
    DH_OVER_RS("DH_over_rs", true),
    /** H(z) r_s in km/s. */
    HZ_RS("Hz_rs", true),
    /** f σ8(z), from {@link Observables#fsigma8}. */
    F_SIGMA8("f_sigma8", false),
    /** Alcock–Paczynski F_AP = D_M H / c. */
    F_AP("F_AP", false);

    private final String fileName;
    private final boolean needsSoundHorizon;

    BaoObservable(String fileName, boolean needsSoundHorizon) {
        this.fileName = fileName;
        this.needsSoundHorizon = needsSoundHorizon;
    }

    /** @return the name used in data files (and by cobaya) */
    public String fileName() {
        return fileName;
    }

    /** @return whether the prediction needs r_drag */
    public boolean needsSoundHorizon() {
        return needsSoundHorizon;
    }

    /**
     * @param name a data-file name, with or without the {@code bao_} prefix (case-sensitive, as in cobaya)
     * @return the observable
     * @throws InvalidOptionException listing the known names if {@code name} is none of them
     */
    public static BaoObservable fromFileName(String name) {
        String n = name.startsWith("bao_") ? name.substring(4) : name;
        for (BaoObservable o : values()) {
            if (o.fileName.equals(n)) {
                return o;
            }
        }
        throw new InvalidOptionException("observable", "unknown BAO observable '" + name + "'; known: "
                + Arrays.stream(values()).map(BaoObservable::fileName).toList());
    }

    /**
     * @param theory the theory (used for f σ8 only)
     * @param bg     its background
     * @param z      redshift
     * @param rs     the rescaled sound horizon r_drag × rs_rescale (ignored by f σ8 and F_AP)
     * @return the prediction for this observable
     */
    double predict(Observables theory, Background bg, double z, double rs) {
        switch (this) {
            case DV_OVER_RS:
                return bg.volumeDistance(z) / rs;
            case RS_OVER_DV:
                return rs / bg.volumeDistance(z);
            case DM_OVER_RS:
                return bg.comovingAngularDistance(z) / rs;
            case DA_OVER_RS:
                return bg.angularDiameterDistance(z) / rs;
            case DH_OVER_RS:
                return bg.hubbleDistance(z) / rs;
            case HZ_RS:
                return bg.hubble(z) * rs;
            case F_SIGMA8:
                return theory.fsigma8(z);
            case F_AP:
                return bg.comovingAngularDistance(z) * bg.hubble(z) / Background.C_KM_S;
            default:
                throw new AssertionError(this);
        }
    }
}
