package org.cosmoemu.api;

/**
 * A parameter point the emulator cannot evaluate: a missing or unknown parameter name, a NaN or infinite
 * value, or an array of the wrong length.
 */
public class InvalidParameterException extends CosmoEmuException {
    private static final long serialVersionUID = 1L;

    /** The parameter at fault, or {@code null}. */
    private final String parameter;

    /**
     * Creates the exception.
     *
     * @param parameter the parameter at fault, or {@code null} when the problem concerns the whole point
     * @param message   what is wrong
     */
    public InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** {@return the name of the parameter at fault, or {@code null} when the whole point is at fault} */
    public String parameter() {
        return parameter;
    }
}
