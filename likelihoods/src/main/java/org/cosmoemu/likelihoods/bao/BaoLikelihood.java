package org.cosmoemu.likelihoods.bao;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cosmoemu.api.DataDirectory;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.NuisanceParameter;
import org.cosmoemu.theory.Requirements;
import org.cosmoemu.theory.Observables;

/**
 * One or more BAO data sets ({@link BaoDataSets}) as one likelihood: the product of their likelihoods, each
 * with its own covariance or table (ln L = Σ ln L_i; −∞ if any is −∞). This is what the CLI's
 * {@code --likelihood bao --option dataset=desi_dr2,sixdf} builds. Immutable and thread-safe; allocation-free.
 */
public final class BaoLikelihood implements Likelihood {
    /** The data directory's sub-folder holding the bao_data files. */
    public static final String DATA_SUBDIR = "likelihoods/bao";

    private final String name;
    private final AbstractBaoLikelihood[] parts;
    private final Requirements requirements;

    private BaoLikelihood(String datasets, List<AbstractBaoLikelihood> parts) {
        this.name = "bao[dataset=" + datasets + "]";
        this.parts = parts.toArray(new AbstractBaoLikelihood[0]);
        Requirements r = Requirements.none();
        for (AbstractBaoLikelihood p : parts) {
            r = r.union(p.requirements());
        }
        this.requirements = r;
    }

    /**
     * {@return the likelihood, with data from {@link DataDirectory#root()}{@code /likelihoods/bao}}
     *
     * @param datasets comma-separated data-set names (see {@link BaoDataSets#names()})
     * @throws InvalidOptionException listing the valid names for an unknown, empty or repeated name
     * @throws org.cosmoemu.api.DataFileException naming the file and where it is published if one is missing
     */
    public static BaoLikelihood of(String datasets) {
        return of(DataDirectory.root().resolve(DATA_SUBDIR), datasets);
    }

    /**
     * {@return the likelihood}
     *
     * @param baoDirectory the folder holding the bao_data files
     * @param datasets     comma-separated data-set names
     * @throws InvalidOptionException listing the valid names for an unknown, empty or repeated name
     * @throws org.cosmoemu.api.DataFileException naming the file and where it is published if one is missing
     */
    public static BaoLikelihood of(Path baoDirectory, String datasets) {
        List<AbstractBaoLikelihood> parts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : datasets.split(",", -1)) {
            if (raw.isBlank()) {
                throw new InvalidOptionException("dataset", "empty BAO data-set name in '" + datasets + "'; valid: "
                        + String.join(", ", BaoDataSets.names()));
            }
            BaoDataSets.DataSet d = BaoDataSets.get(raw);
            if (!seen.add(d.name())) {
                throw new InvalidOptionException("dataset",
                        "BAO data set '" + d.name() + "' is listed twice in '" + datasets
                        + "' (its likelihood would be counted twice)");
            }
            names.add(d.name());
            parts.add(d.load(baoDirectory));
        }
        return new BaoLikelihood(String.join(",", names), parts);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Requirements requirements() {
        return requirements;
    }

    @Override
    public List<NuisanceParameter> nuisanceParameters() {
        return List.of();
    }

    /** {@return the data sets, in the order given} */
    public List<AbstractBaoLikelihood> parts() {
        return List.of(parts);
    }

    @Override
    public double logLike(Observables theory, double[] nuisance) {
        double sum = 0;
        for (AbstractBaoLikelihood p : parts) {
            sum += p.logLike(theory, nuisance);
        }
        return Likelihood.checkedResult(name, sum);
    }

    @Override
    public String toString() {
        return name;
    }
}
