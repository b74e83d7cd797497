package org.cosmoemu.inference.analysis;

import java.util.Objects;

/**
 * What an {@link Analysis} did with one key of its input file: every key read is accounted for, so that a
 * user sees exactly how the file was understood.
 *
 * @param path    the key's YAML path, e.g. {@code theory.camb.extra_args.halofit_version}
 * @param kind    what was done
 * @param message how and why, in one sentence
 */
public record Decision(String path, Kind kind, String message) {

    /** What was done with a key. */
    public enum Kind {
        /** Used as written. */
        HONOURED,
        /** Translated to the SDK's name or setting (e.g. a cobaya likelihood name to the SDK's likelihood). */
        MAPPED,
        /** A parameter the file sets that the theory computes: the SDK solves for the input that controls it. */
        SOLVED,
        /** A prior wider than the emulators' training box, cut to the box. */
        CUT,
        /** Absent from the file: a default was used (e.g. a likelihood's nuisance parameter and its prior). */
        DEFAULTED,
        /** Read and deliberately not used, because it cannot change the result here (the message says why). */
        IGNORED
    }

    /**
     * Checks the components.
     *
     * @throws NullPointerException if a component is null
     */
    public Decision {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return String.format("%-9s %s: %s", kind, path, message);
    }
}
