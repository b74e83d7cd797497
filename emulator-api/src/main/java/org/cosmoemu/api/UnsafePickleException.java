package org.cosmoemu.api;

/**
 * A Python pickle that asks for anything beyond the whitelisted data types (numpy arrays, lists, tuples,
 * dicts, strings and numbers). The SDK's pickle reader never imports or calls code; it stops here instead.
 */
public class UnsafePickleException extends ModelFormatException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the file, the offending opcode or global, and its position
     */
    public UnsafePickleException(String message) {
        super(message);
    }
}
