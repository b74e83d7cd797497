package org.cosmoemu.api;

/**
 * An output that cannot be written: a file or directory that already exists where the caller did not say
 * whether to resume or overwrite it, that is in use by another run, or that is not writable. The message
 * names the path, what is wrong, and how to proceed.
 */
public class OutputException extends CosmoEmuException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the path, what is wrong, and how to proceed
     */
    public OutputException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message the path, what is wrong, and how to proceed
     * @param cause   the underlying error
     */
    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
