package org.cosmoemu.likelihoods.bao;

import java.util.List;
import java.util.Set;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.MissingQuantityException;
import org.cosmoemu.api.NumericalException;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.NuisanceParameter;
import org.cosmoemu.theory.Requirements;
import org.cosmoemu.theory.Background;
import org.cosmoemu.theory.Observables;

/**
 * What every BAO data set shares: no nuisance parameters, the sound horizon from
 * {@code theory.derived("rdrag")} times the data set's rs_rescale (never computed here), the background from
 * {@code theory.background()}, and error messages that name the data set when the theory lacks something.
 */
abstract sealed class AbstractBaoLikelihood implements Likelihood
        permits GaussianBaoLikelihood, SplineBaoLikelihood, BicubicBaoLikelihood, TrilinearBaoLikelihood {

    private final String name;
    private final double rsRescale;
    private final boolean needsSoundHorizon;
    private final Requirements requirements;

    AbstractBaoLikelihood(String name, double rsRescale, List<BaoObservable> observables, double[] fsigma8Redshifts) {
        if (!(rsRescale > 0) || Double.isInfinite(rsRescale)) {
            throw new InvalidOptionException("rs_rescale",
                    name + ": rs_rescale must be positive and finite, got " + rsRescale);
        }
        this.name = name;
        this.rsRescale = rsRescale;
        this.needsSoundHorizon = observables.stream().anyMatch(BaoObservable::needsSoundHorizon);
        this.requirements = new Requirements(Set.of(), 0, true,
                needsSoundHorizon ? Set.of(Observables.RDRAG) : Set.of(), fsigma8Redshifts);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Requirements requirements() {
        return requirements;
    }

    @Override
    public final List<NuisanceParameter> nuisanceParameters() {
        return List.of();
    }

    /** @return the factor that multiplies r_drag before it enters the observables (1/rs_fid or the data set's rs_rescale) */
    public final double rsRescale() {
        return rsRescale;
    }

    /**
     * @throws InvalidParameterException if {@code nuisance} is not empty
     * @throws MissingQuantityException  naming this data set if the theory lacks the background, {@code rdrag}
     *                                   or f σ8
     * @throws NumericalException        if the theory's r_drag is not positive and finite
     */
    @Override
    public final double logLike(Observables theory, double[] nuisance) {
        if (nuisance.length != 0) {
            throw new InvalidParameterException(null,
                    name + " has no nuisance parameters, got " + nuisance.length + " values");
        }
        try {
            Background bg = theory.background();
            double rs = Double.NaN;
            if (needsSoundHorizon) {
                double rdrag = theory.derived(Observables.RDRAG);
                if (!(rdrag > 0) || Double.isInfinite(rdrag)) {
                    throw new NumericalException(name + ": derived parameter rdrag = " + rdrag
                            + " Mpc, must be positive and finite");
                }
                rs = rdrag * rsRescale;
            }
            return Likelihood.checkedResult(name, logLike(theory, bg, rs));
        } catch (MissingQuantityException e) {
            throw new MissingQuantityException("likelihood " + name + " needs " + requirements + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * @param theory the theory (for f σ8)
     * @param bg     its background
     * @param rs     r_drag × rs_rescale in Mpc (NaN if no observable needs it)
     * @return the log-likelihood
     */
    abstract double logLike(Observables theory, Background bg, double rs);
}
