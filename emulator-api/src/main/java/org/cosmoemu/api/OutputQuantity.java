package org.cosmoemu.api;

import java.util.Objects;

/**
 * What an emulator's output numbers mean, as data: the physical quantity, its units, the multipole factor
 * it carries and the transform from the network's raw output to the value.
 *
 * @param name      the quantity, e.g. {@code "C_ell^TT (lensed)"}, {@code "P_lin(k,z)"}, {@code "H(z)"}
 * @param units     units of the value, e.g. {@code "dimensionless"}, {@code "Mpc^3"}, {@code "km/s/Mpc"}
 * @param ellFactor the multipole factor the values carry ({@link EllFactor#NONE} for non-spectra)
 * @param transform value = transform(raw)
 */
public record OutputQuantity(String name, String units, EllFactor ellFactor, OutputTransform transform) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if any component is null
     */
    public OutputQuantity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(ellFactor, "ellFactor");
        Objects.requireNonNull(transform, "transform");
    }

    /**
     * {@return the description}
     *
     * @param name      the quantity
     * @param units     its units
     * @param ellFactor the multipole factor the values carry
     * @param transform value = transform(raw)
     */
    public static OutputQuantity of(String name, String units, EllFactor ellFactor, OutputTransform transform) {
        return new OutputQuantity(name, units, ellFactor, transform);
    }

    /**
     * A description for a network whose meaning nobody declared: values are the raw outputs.
     *
     * @return {@code ("unspecified", "unspecified", NONE, IDENTITY)}
     */
    public static OutputQuantity unspecified() {
        return new OutputQuantity("unspecified", "unspecified", EllFactor.NONE, OutputTransform.IDENTITY);
    }

    /**
     * {@return a copy with transform {@code t}}
     *
     * @param t the new transform
     */
    public OutputQuantity withTransform(OutputTransform t) {
        return new OutputQuantity(name, units, ellFactor, t);
    }
}
