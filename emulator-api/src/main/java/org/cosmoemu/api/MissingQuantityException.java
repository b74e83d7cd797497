package org.cosmoemu.api;

/**
 * A quantity that was asked for but is not available: a spectrum, derived parameter or background that was not
 * computed for this point, or that the theory, background or backend at hand cannot provide (e.g. Jacobians
 * on a backend without them, or a likelihood whose requirements the theory does not cover). The message names
 * the quantity and what is available.
 */
public class MissingQuantityException extends CosmoEmuException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the quantity, who needs it, and what is available
     */
    public MissingQuantityException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message the quantity, who needs it, and what is available
     * @param cause   the underlying error
     */
    public MissingQuantityException(String message, Throwable cause) {
        super(message, cause);
    }
}
