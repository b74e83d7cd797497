package org.cosmoemu.cli;

import java.io.PrintStream;

/** One sub-command of {@code cosmo-emu}. */
interface Command {

    /** @return the sub-command's name, e.g. {@code predict} */
    String name();

    /** @return a one-line description for the help text */
    String summary();

    /**
     * @param args the whole command line
     * @param from index of the first argument after the sub-command's name
     * @param out  standard output
     * @return the exit code
     * @throws Exception anything; {@link CosmoEmu} turns it into a message and an exit code
     */
    int run(String[] args, int from, PrintStream out) throws Exception;

    /**
     * @return {@code true} if the command evaluates networks on the {@code cpu} backend (unless told otherwise by
     *         {@code --backend}), so that the CLI says once which kernels run them
     */
    default boolean evaluatesNetworks() {
        return false;
    }
}
