package org.cosmoemu.api;

/**
 * Root of the SDK's exception hierarchy. Every error the SDK raises on purpose is an unchecked subclass of
 * this type, and its message names the parameter, file or setting at fault and what is wrong with it.
 *
 * Catch this type to handle every deliberate failure; catch a subclass to handle one kind:
 *
 * <ul>
 *   <li>{@link InvalidParameterException}: a parameter point that cannot be evaluated (missing or unknown
 *       name, NaN or infinite value, wrong length), with {@link ParameterOutOfRangeException} for points
 *       outside the training range;</li>
 *   <li>{@link InvalidOptionException}: an option or setting that is unknown, of the wrong type or
 *       contradicts another;</li>
 *   <li>{@link DataFileException}: a likelihood, training or spectra data file that is missing or
 *       malformed;</li>
 *   <li>{@link ModelFormatException}: a model file that is missing, truncated, corrupt or of an unknown
 *       format, with {@link UnsafePickleException} for a pickle that asks to run code;</li>
 *   <li>{@link MissingQuantityException}: a quantity that was not computed or that the theory, background or
 *       backend cannot provide;</li>
 *   <li>{@link NumericalException}: a solver that did not converge, a non-finite result;</li>
 *   <li>{@link OutputException}: an output file or directory that exists, is in use or is not writable.</li>
 * </ul>
 *
 * <p>Messages are made printable ({@link MessageText#printable}): control characters and bytes that are
 * not text, which a damaged file can put into a quoted name, are escaped, and very long messages are elided.
 *
 * <p>Anything else that escapes the SDK (a {@code NullPointerException} for a {@code null} argument, an
 * {@code AssertionError} for a broken internal invariant) is a programming error, not a condition to handle.
 */
public class CosmoEmuException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, naming the parameter, file or setting
     */
    public CosmoEmuException(String message) {
        super(MessageText.printable(message));
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, naming the parameter, file or setting
     * @param cause   the underlying error
     */
    public CosmoEmuException(String message, Throwable cause) {
        super(MessageText.printable(message), cause);
    }
}
