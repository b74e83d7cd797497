package org.cosmoemu.theory;

import org.cosmoemu.api.MissingQuantityException;

/**
 * The expansion history of a cosmology: H(z) and distances. Implementations are immutable and thread-safe.
 * Distances are physical (not h-scaled) in Mpc; c = {@value #C_KM_S} km/s.
 */
public interface Background {
    /** Speed of light in km/s. */
    double C_KM_S = 299792.458;

    /**
     * {@return H(z) in km/s/Mpc}
     *
     * @param z redshift ≥ 0
     */
    double hubble(double z);

    /**
     * {@return Ω_m today: baryons, cold dark matter and massive neutrinos (as CLASS's {@code Omega_m})}
     *
     * @throws MissingQuantityException if this background does not know its matter content (e.g. a tabulated or
     *   stub background)
     */
    default double omegaM() {
        throw new MissingQuantityException(getClass().getSimpleName() + " does not know Omega_m");
    }

    /**
     * {@return the angular diameter distance D_A(z) in Mpc}
     *
     * @param z redshift ≥ 0
     */
    double angularDiameterDistance(double z);

    /**
     * {@return the transverse comoving distance D_M(z) = (1+z) D_A(z) in Mpc}
     *
     * @param z redshift ≥ 0
     */
    default double comovingAngularDistance(double z) {
        return (1.0 + z) * angularDiameterDistance(z);
    }

    /**
     * {@return the Hubble distance D_H(z) = c / H(z) in Mpc}
     *
     * @param z redshift ≥ 0
     */
    default double hubbleDistance(double z) {
        return C_KM_S / hubble(z);
    }

    /**
     * {@return the volume-averaged distance D_V(z) = [z D_M² D_H]^(1/3) in Mpc}
     *
     * @param z redshift &gt; 0
     */
    default double volumeDistance(double z) {
        double dm = comovingAngularDistance(z);
        return Math.cbrt(z * dm * dm * hubbleDistance(z));
    }
}
