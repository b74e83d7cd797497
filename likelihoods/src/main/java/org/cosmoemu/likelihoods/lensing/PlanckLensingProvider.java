package org.cosmoemu.likelihoods.lensing;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cosmoemu.api.DataDirectory;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.LikelihoodProvider;
import org.cosmoemu.likelihoods.Options;

/**
 * Makes the Planck lensing likelihoods available by name:
 * <ul>
 *   <li>{@code planck2018_lensing}: options {@code variant=native|cmbmarged} (default native, cobaya's
 *       {@code planck_2018_lensing.native}), {@code dataset=consext8|agr2} (default consext8); data from
 *       {@code likelihoods/planck2018_lensing} in the data directory;</li>
 *   <li>{@code planck_pr4_lensing}: option {@code variant=ps1|cmbmarged|polonly} (default ps1, the
 *       {@code PlanckPR4Lensing} class); data from {@code likelihoods/planck_pr4_lensing}.</li>
 * </ul>
 */
public final class PlanckLensingProvider implements LikelihoodProvider {
    /** Name of the Planck 2018 lensing likelihood. */
    public static final String PLANCK_2018 = "planck2018_lensing";
    /** Name of the Planck PR4 lensing likelihood. */
    public static final String PR4 = "planck_pr4_lensing";

    /** Creates the provider (ServiceLoader). */
    public PlanckLensingProvider() {
    }

    @Override
    public Set<String> names() {
        return Set.of(PLANCK_2018, PR4);
    }

    @Override
    public Likelihood create(String name, Map<String, String> options) {
        switch (name) {
            case PLANCK_2018 -> {
                Options o = Options.of(name, options, "variant", "dataset");
                boolean marged = o.string("variant", "native", "native", "cmbmarged").equals("cmbmarged");
                String ds = o.string("dataset", "consext8", "consext8", "agr2");
                Path dir = DataDirectory.require("likelihoods/planck2018_lensing", PlanckLensing.PLANCK_2018_SOURCE);
                return PlanckLensing.planck2018(dir, PlanckLensing.Range2018.valueOf(ds.toUpperCase(Locale.ROOT)),
                        marged);
            }
            case PR4 -> {
                Options o = Options.of(name, options, "variant");
                String[] ids = Arrays.stream(PlanckLensing.Pr4Variant.values()).map(PlanckLensing.Pr4Variant::id)
                        .toArray(String[]::new);
                String v = o.string("variant", "ps1", ids);
                PlanckLensing.Pr4Variant variant = Arrays.stream(PlanckLensing.Pr4Variant.values())
                        .filter(x -> x.id().equals(v)).findFirst().orElseThrow();
                Path dir = DataDirectory.require("likelihoods/planck_pr4_lensing", PlanckLensing.PR4_SOURCE);
                return PlanckLensing.pr4(dir, variant);
            }
            default -> throw new IllegalArgumentException("unknown likelihood '" + name + "'; this provider has "
                    + names());
        }
    }
}
