package org.cosmoemu.cli;

/** The {@code cosmo-emu} command-line tool. (Being written.) */
public final class CosmoEmu {
    private CosmoEmu() {
    }

    /** @param args command line */
    public static void main(String[] args) {
        System.err.println("cosmo-emu: not implemented yet");
        System.exit(2);
    }
}
