package org.cosmoemu.api;

/**
 * An option or setting that cannot be used: an unknown key, a value of the wrong type or outside its allowed
 * values, or options that contradict each other. Options are those of a likelihood ({@code variant},
 * {@code lens_only}, ...), of an emulator ({@link EmulatorOptions}), of a sampler, or a key of an input file;
 * the message lists what is accepted.
 */
public class InvalidOptionException extends CosmoEmuException {
    private static final long serialVersionUID = 1L;

    /** The option at fault, or {@code null}. */
    private final String option;

    /**
     * Creates the exception.
     *
     * @param option  the option at fault (e.g. {@code nsims_act}, or an input-file path such as
     *   {@code params.omch2.prior.min}), or {@code null} when the problem concerns several
     * @param message what is wrong and what is accepted
     */
    public InvalidOptionException(String option, String message) {
        super(message);
        this.option = option;
    }

    /** {@return the option at fault, or {@code null} when the problem concerns several} */
    public String option() {
        return option;
    }
}
