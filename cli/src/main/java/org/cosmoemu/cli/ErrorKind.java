package org.cosmoemu.cli;

import org.cosmoemu.api.CosmoEmuException;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.MissingQuantityException;
import org.cosmoemu.api.ModelFormatException;
import org.cosmoemu.api.NumericalException;
import org.cosmoemu.api.OutputException;
import org.cosmoemu.api.ParameterOutOfRangeException;
import org.cosmoemu.api.UnsafePickleException;

/**
 * The one place that maps each kind of error to the command line's exit code and to the {@code "kind"} token of
 * the {@code --json} error object (README, "Exit codes"). Like the rest of the CLI's output this is a contract:
 * kinds and codes are added, never changed.
 *
 * <p>0 is success. The constants are in lookup order, most specific type first: an error belongs to the first
 * constant whose {@link #type()} it is an instance of, so a subclass that has no constant of its own gets the
 * kind of its nearest mapped ancestor.
 */
enum ErrorKind {
    /** A malformed command line: unknown command or option, missing or malformed value. */
    USAGE(UsageException.class, 2, "usage"),
    /** A parameter value outside the emulators' training range (without {@code --extrapolate}). */
    PARAMETER_OUT_OF_RANGE(ParameterOutOfRangeException.class, 1, "parameter_out_of_range"),
    /** A parameter point that cannot be evaluated: missing or unknown name, NaN or infinite value. */
    INVALID_PARAMETER(InvalidParameterException.class, 1, "invalid_parameter"),
    /** An option or setting that is unknown, of the wrong type or contradicts another. */
    INVALID_OPTION(InvalidOptionException.class, 1, "invalid_option"),
    /** A likelihood, training or spectra data file that is missing or malformed. */
    DATA_FILE(DataFileException.class, 1, "data_file"),
    /** A pickle that asks to run code (checked before {@link #MODEL_FORMAT}, of which it is a case). */
    UNSAFE_PICKLE(UnsafePickleException.class, 1, "unsafe_pickle"),
    /** A model file that is missing, truncated, corrupt or of an unknown format. */
    MODEL_FORMAT(ModelFormatException.class, 1, "model_format"),
    /** A quantity that was not computed, or that the theory, background or backend cannot provide. */
    MISSING_QUANTITY(MissingQuantityException.class, 1, "missing_quantity"),
    /** A solver that did not converge or whose target cannot be reached, a non-finite result. */
    NUMERICAL(NumericalException.class, 4, "numerical"),
    /** An output that exists, is in use or is not writable. */
    OUTPUT(OutputException.class, 5, "output"),
    /** Any other deliberate error of the SDK (e.g. an interrupted run, a backend whose libraries fail to load). */
    OTHER(CosmoEmuException.class, 1, "error"),
    /** Anything else: a bug. The CLI prints the stack trace. */
    INTERNAL(Throwable.class, 3, "internal");

    private final Class<? extends Throwable> type;
    private final int exitCode;
    private final String token;

    ErrorKind(Class<? extends Throwable> type, int exitCode, String token) {
        this.type = type;
        this.exitCode = exitCode;
        this.token = token;
    }

    /**
     * @param error an error a command threw
     * @return its kind: the first constant, in declaration order, whose {@link #type()} it is an instance of
     */
    static ErrorKind of(Throwable error) {
        for (ErrorKind k : values()) {
            if (k.type.isInstance(error)) {
                return k;
            }
        }
        throw new AssertionError("INTERNAL matches every Throwable");
    }

    /** @return the exception type this kind stands for */
    Class<? extends Throwable> type() {
        return type;
    }

    /** @return the process exit code: 1 bad input or data, 2 usage, 3 internal error, 4 numerical, 5 output */
    int exitCode() {
        return exitCode;
    }

    /** @return the value of {@code "kind"} in the {@code --json} error object, e.g. {@code invalid_parameter} */
    String token() {
        return token;
    }
}
