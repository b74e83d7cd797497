package org.cosmoemu.api;

/**
 * A computation that failed numerically: a solver that did not converge or whose target cannot be reached, a
 * matrix that is not positive definite, a result that is NaN or infinite where a finite number is required.
 * The message names the computation and the values involved.
 */
public class NumericalException extends CosmoEmuException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the computation and the values involved
     */
    public NumericalException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what failed, naming the computation and the values involved
     * @param cause   the underlying error
     */
    public NumericalException(String message, Throwable cause) {
        super(message, cause);
    }
}
