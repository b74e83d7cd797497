package org.cosmoemu.likelihoods.planck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cosmoemu.api.DataFileException;

/** Locating the native Planck 2018 low-ℓ data (cobaya's planck_native_data release assets). */
final class LowlFiles {
    /** The data directory's sub-folder holding the unpacked low-ℓ assets. */
    static final String DATA_SUBDIR = "likelihoods/planck2018_lowl";

    private LowlFiles() {
    }

    /**
     * @param dir      the folder that should hold the files
     * @param files    their names
     * @param what     the likelihood (for the message)
     * @param asset    the release asset that contains them
     * @param original the Planck Legacy Archive file they were converted from
     * @throws DataFileException listing every missing file, the asset to download and where it is published
     */
    static void requireAll(Path dir, String[] files, String what, String asset, String original) {
        List<String> missing = new ArrayList<>();
        for (String f : files) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                missing.add(f);
            }
        }
        if (!missing.isEmpty()) {
            throw new DataFileException(what + " needs " + String.join(", ", files) + " in " + dir + " (missing: "
                    + String.join(", ", missing) + "). They are published as the release asset " + asset
                    + " of https://github.com/CobayaSampler/planck_native_data (release v1, as installed by "
                    + "cobaya-install); unzip it so that the files lie in " + dir + ". They are a conversion of the Planck "
                    + "Legacy Archive likelihood " + original + " (https://pla.esac.esa.int). Without them, use "
                    + "planck2018_plik_lite with lowl_tt_bins=true and planck2018_tau_prior as approximations.");
        }
    }
}
