package org.cosmoemu.cpu.testing;

import java.nio.file.Path;
import java.util.List;
import org.cosmoemu.api.testing.SharedTestData;

/**
 * The CosmoPower-family fixtures in the shared data folder ({@code cosmopower-fixtures/}, see its README.md):
 * real pretrained networks in the four CosmoPower formats and the 14 (model, point) reference predictions of an
 * independent numpy implementation. Every accessor goes through {@link SharedTestData#path(String)}, so a test
 * using them is skipped when the shared data is absent (and fails in CI).
 */
public final class Fixtures {
    /** The fixtures folder, relative to the shared data root. */
    public static final String ROOT = "cosmopower-fixtures";

    /** The 14 reference-prediction cases: file names in {@code reference-predictions/} without {@code .txt}. */
    public static final List<String> CASES = List.of(
            "CP_paper_PKLIN_NN__P18", "CP_paper_PKLIN_NN__ALT",
            "CP_paper_cmb_PP_PCAplusNN__P18", "CP_paper_cmb_PP_PCAplusNN__ALT",
            "cpjax_mpk_lin__P18", "cpjax_mpk_lin__ALT",
            "cpjax_cmb_pp__P18", "cpjax_cmb_pp__ALT",
            "lcdm_DER_v1__P18", "lcdm_DER_v1__ALT",
            "jense_camb_mnu_derived__P18", "jense_camb_mnu_derived__ALT",
            "jense_camb_neff_Hubble__P18", "jense_camb_neff_Hubble__ALT");

    /** Format A: original CosmoPower pickles. */
    public static final String CP_PKLIN_NN = "alessiospuriomancini__cosmopower/cosmopower/trained_models/CP_paper/PK/PKLIN_NN.pkl";
    /** Format A, PCAplusNN. */
    public static final String CP_CMB_PP_PCA = "alessiospuriomancini__cosmopower/cosmopower/trained_models/CP_paper/CMB/cmb_PP_PCAplusNN.pkl";
    /** Format A, the same network as {@link #LCDM_DER_NPZ}. */
    public static final String LCDM_DER_PKL = "cosmopower-organization__lcdm/derived-parameters/DER_v1.pkl";
    /** Format B: cosmopower-jax pickle, NN. */
    public static final String CPJAX_MPK_LIN = "dpiras__cosmopower-jax/cosmopower_jax/trained_models/mpk_lin.pkl";
    /** Format B, PCA model with side files in {@code ../pca_utils/}. */
    public static final String CPJAX_CMB_PP = "dpiras__cosmopower-jax/cosmopower_jax/trained_models/cmb_pp.pkl";
    /** Format C: object npz. */
    public static final String LCDM_DER_NPZ = "cosmopower-organization__lcdm/derived-parameters/DER_v1.npz";
    /** Format D: flat npz, named outputs. */
    public static final String JENSE_MNU_DERIVED = "cosmopower-organization__jense_2024_emulators/jense_2023_camb_mnu/networks/jense_2023_camb_mnu_derived.npz";
    /** Format D, numeric grid. */
    public static final String JENSE_NEFF_HUBBLE = "cosmopower-organization__jense_2024_emulators/jense_2023_camb_neff/networks/jense_2023_camb_neff_Hubble.npz";

    /** Every model file of the fixtures (relative to {@link #ROOT}). */
    public static final List<String> MODEL_FILES = List.of(CP_PKLIN_NN, CP_CMB_PP_PCA, LCDM_DER_PKL, CPJAX_MPK_LIN,
            CPJAX_CMB_PP, LCDM_DER_NPZ, JENSE_MNU_DERIVED, JENSE_NEFF_HUBBLE);

    private Fixtures() {
    }

    /**
     * @param relative a path inside the fixtures folder
     * @return the existing path (skips the calling test when the shared data is absent)
     */
    public static Path file(String relative) {
        return SharedTestData.path(ROOT + "/" + relative);
    }

    /**
     * @param caseName one of {@link #CASES}
     * @return the parsed reference prediction
     */
    public static ReferencePrediction reference(String caseName) {
        return ReferencePrediction.read(file("reference-predictions/" + caseName + ".txt"));
    }

    /** @return all 14 reference predictions, in {@link #CASES} order */
    public static List<ReferencePrediction> references() {
        return CASES.stream().map(Fixtures::reference).toList();
    }
}
