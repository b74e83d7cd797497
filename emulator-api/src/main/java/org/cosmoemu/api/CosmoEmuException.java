package org.cosmoemu.api;

/**
 * Root of the SDK's exception hierarchy. Every error the SDK raises on purpose is an unchecked subclass of
 * this type, and its message names the parameter, file or setting at fault and what is wrong with it.
 *
 * <ul>
 *   <li>{@link InvalidParameterException}: a parameter point that cannot be evaluated (missing or unknown
 *       name, NaN, wrong length), with {@link ParameterOutOfRangeException} for points outside the training
 *       range;</li>
 *   <li>{@link ModelFormatException}: a model file that is missing, truncated, corrupt or unsafe;</li>
 *   <li>{@link DataFileException}: a likelihood or training data file that is missing or malformed.</li>
 * </ul>
 */
public class CosmoEmuException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the parameter, file or setting */
    public CosmoEmuException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the parameter, file or setting
     * @param cause   the underlying error
     */
    public CosmoEmuException(String message, Throwable cause) {
        super(message, cause);
    }
}
