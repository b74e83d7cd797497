package org.cosmoemu.api;

/**
 * What an emulator does with a parameter value outside the range it was trained on. NaN and infinite
 * values are rejected under every policy.
 */
public enum RangePolicy {
    /** Throw {@link ParameterOutOfRangeException} (the default). */
    REJECT,
    /** Evaluate anyway; the network extrapolates and its accuracy is unknown there. */
    EXTRAPOLATE
}
