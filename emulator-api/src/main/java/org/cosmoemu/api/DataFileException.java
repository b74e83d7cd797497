package org.cosmoemu.api;

/**
 * A data file (likelihood data, training spectra, a spectra table) that is missing or malformed. The
 * message names the file, what is wrong, and, for missing third-party data, where it is published.
 */
public class DataFileException extends CosmoEmuException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the file
     */
    public DataFileException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what is wrong, naming the file
     * @param cause   the underlying error
     */
    public DataFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
