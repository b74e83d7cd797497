package org.cosmoemu.likelihoods.lensing;

import java.nio.file.Path;
import org.cosmoemu.likelihoods.Likelihood;

/**
 * The Planck CMB-lensing likelihoods, all {@link CmbLikesLensing} over the public CMBlikes data sets:
 * <ul>
 *   <li>Planck 2018 (PR3, Planck 2018 VIII, arXiv:1807.06210): cobaya's {@code planck_2018_lensing.native}
 *       (T, E and φ needed; A_planck) and {@code .CMBMarged} (φ only), for the conservative multipole range
 *       {@code consext8} (9 bins, L 8–400; the baseline) or the aggressive {@code agr2} (14 bins, L 8–2048).
 *       Data folder: the {@code lensing/} folder of
 *       <a href="https://github.com/CobayaSampler/planck_supp_data_and_covmats">planck_supp_data_and_covmats</a>
 *       (it holds {@code 2018/*.dataset}).</li>
 *   <li>Planck PR4 / NPIPE (Carron, Mirmelstein &amp; Lewis 2022, arXiv:2206.07773): {@code PlanckPR4Lensing}
 *       (GMV "PS1", A_planck), {@code PlanckPR4LensingMarged} (CMB-marginalised) and the polarisation-only
 *       reconstruction (no linear correction). Data folder: the package folder {@code planckpr4lensing/} of
 *       <a href="https://github.com/carronj/planck_PR4_lensing">planck_PR4_lensing</a> (it holds
 *       {@code data_pr4/*.dataset}).</li>
 * </ul>
 */
public final class PlanckLensing {
    /** Where the Planck 2018 lensing data are published. */
    public static final String PLANCK_2018_SOURCE =
            "https://github.com/CobayaSampler/planck_supp_data_and_covmats (folder lensing/2018)";
    /** Where the Planck PR4 lensing data are published. */
    public static final String PR4_SOURCE =
            "https://github.com/carronj/planck_PR4_lensing (folder planckpr4lensing/data_pr4)";

    private PlanckLensing() {
    }

    /** Multipole range of the Planck 2018 lensing reconstruction. */
    public enum Range2018 {
        /** Conservative, 9 bins over L = 8–400: the baseline. */
        CONSEXT8("consext8"),
        /** Aggressive, 14 bins over L = 8–2048. */
        AGR2("agr2");

        private final String id;

        Range2018(String id) {
            this.id = id;
        }

        /** {@return the name used in file names and options ({@code consext8}, {@code agr2})} */
        public String id() {
            return id;
        }
    }

    /** Planck PR4 lensing data sets. */
    public enum Pr4Variant {
        /** GMV reconstruction with the CMB-dependent linear correction (needs T, E, φ; A_planck). */
        PS1("ps1", "pp_consext8_npipe_smicaed_TiPi_jTP_pre30T_kfilt_rdn0cov_PS1.dataset"),
        /** The same bandpowers with the CMB-marginalised covariance (needs φ only). */
        CMB_MARGINALISED("cmbmarged", "pp_consext8_npipe_smicaed_TiPi_jTP_pre30T_kfilt_rdn0cov_PS1_CMBmarged.dataset"),
        /** Polarisation-only reconstruction, no linear correction (needs φ only). */
        POL_ONLY("polonly", "PP_consext8_npipe_smicaed_Ponly_kfilt_rdn0cov.dataset");

        private final String id;
        private final String datasetFile;

        Pr4Variant(String id, String datasetFile) {
            this.id = id;
            this.datasetFile = datasetFile;
        }

        /** {@return the option value ({@code ps1}, {@code cmbmarged}, {@code polonly})} */
        public String id() {
            return id;
        }

        /** {@return the {@code .dataset} file name inside {@code data_pr4/}} */
        public String datasetFile() {
            return datasetFile;
        }
    }

    /**
     * {@return the likelihood, named {@code planck2018_lensing[variant=native|cmbmarged, dataset=...]}}
     *
     * @param dataDir          folder holding {@code 2018/} (the shared-data {@code likelihoods/planck2018_lensing})
     * @param range            the multipole range
     * @param cmbMarginalised  {@code true} for the CMB-marginalised data set (φ only, no A_planck)
     * @throws org.cosmoemu.api.DataFileException naming a missing or malformed file and where the data is published
     */
    public static Likelihood planck2018(Path dataDir, Range2018 range, boolean cmbMarginalised) {
        String file = "smicadx12_Dec5_ftl_mv2_ndclpp_p_teb_" + range.id() + (cmbMarginalised ? "_CMBmarged" : "")
                + ".dataset";
        CmbLikesDataset d = CmbLikesDataset.read(dataDir.resolve("2018").resolve(file), PLANCK_2018_SOURCE);
        return CmbLikesLensing.of("planck2018_lensing[variant=" + (cmbMarginalised ? "cmbmarged" : "native")
                + ", dataset=" + range.id() + "]", d);
    }

    /**
     * {@return the likelihood, named {@code planck_pr4_lensing[variant=...]}}
     *
     * @param dataDir folder holding {@code data_pr4/} (the shared-data {@code likelihoods/planck_pr4_lensing})
     * @param variant the data set
     * @throws org.cosmoemu.api.DataFileException naming a missing or malformed file and where the data is published
     */
    public static Likelihood pr4(Path dataDir, Pr4Variant variant) {
        CmbLikesDataset d = CmbLikesDataset.read(dataDir.resolve("data_pr4").resolve(variant.datasetFile()),
                PR4_SOURCE);
        return CmbLikesLensing.of("planck_pr4_lensing[variant=" + variant.id() + "]", d);
    }
}
