package org.cosmoemu.theory;

import java.util.Map;
import org.cosmoemu.api.MissingQuantityException;

/**
 * Everything a likelihood may ask of the theory at one point in parameter space: CMB spectra, the
 * background, derived scalars. Likelihoods do not know which emulator, backend or file produced them.
 * Implementations are immutable; a part that was not computed throws
 * {@link MissingQuantityException} naming it.
 */
public interface Observables {

    /** Derived-scalar name: comoving sound horizon at the baryon-drag epoch, r_s(z_drag), in Mpc. */
    String RDRAG = "rdrag";
    /** Derived-scalar name: σ8 of total matter. */
    String SIGMA8 = "sigma8";

    /**
     * {@return the CMB and lensing spectra}
     *
     * @throws MissingQuantityException if they were not computed
     */
    CmbSpectra cmb();

    /**
     * {@return the background}
     *
     * @throws MissingQuantityException if it was not computed
     */
    Background background();

    /**
     * {@return its value}
     *
     * @param name a derived quantity, e.g. {@link #RDRAG} or {@link #SIGMA8}
     * @throws MissingQuantityException if it was not computed
     */
    double derived(String name);

    /**
     * {@return f σ8 at {@code z}}
     *
     * @param z redshift
     * @throws MissingQuantityException if growth was not computed
     */
    default double fsigma8(double z) {
        throw new MissingQuantityException("f sigma8(z) was not computed");
    }

    /** {@return the input parameters of this point (unmodifiable), empty if unknown} */
    Map<String, Double> parameters();
}
