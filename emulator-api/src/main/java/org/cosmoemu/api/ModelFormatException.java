package org.cosmoemu.api;

/**
 * A model file (or in-memory model) that cannot be used: missing, truncated, corrupt, of an unknown
 * format, internally inconsistent (array shapes that do not fit together), or unsafe to read.
 */
public class ModelFormatException extends CosmoEmuException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the file and, where known, the entry inside it
     */
    public ModelFormatException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what is wrong, naming the file and, where known, the entry inside it
     * @param cause   the underlying error
     */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
