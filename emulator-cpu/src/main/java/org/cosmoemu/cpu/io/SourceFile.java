package org.cosmoemu.cpu.io;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A model file read into memory, with the facts that go into a model's provenance.
 *
 * @param path  the file as given by the caller
 * @param bytes its whole content (not copied; do not modify)
 */
record SourceFile(Path path, byte[] bytes) {

    /** @return the file name, e.g. {@code PKLIN_NN.pkl} */
    String name() {
        Path n = path.getFileName();
        return n == null ? path.toString() : n.toString();
    }

    /** @return the file name without its last extension, e.g. {@code PKLIN_NN}; used as the model name */
    String stem() {
        String n = name();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** @return the SHA-256 of the content, lower-case hex */
    String sha256() {
        return sha256(bytes);
    }

    /**
     * @param data bytes
     * @return their SHA-256, lower-case hex
     */
    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM provides SHA-256", e);
        }
    }
}
