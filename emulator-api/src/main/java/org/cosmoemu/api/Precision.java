package org.cosmoemu.api;

/** Floating-point precision of the weights and arithmetic inside the network. Inputs and outputs are always {@code double}. */
public enum Precision {
    /** 32-bit weights and arithmetic: about twice as fast; relative rounding ~1e-6 of the output scale. */
    FLOAT32,
    /** 64-bit weights and arithmetic: reproduces reference implementations to ~1e-12. */
    FLOAT64;

    /**
     * Parses {@code float32}/{@code f32}/{@code float} or {@code float64}/{@code f64}/{@code double}.
     *
     * @param text the name, case-insensitive
     * @return the precision
     * @throws InvalidOptionException naming the accepted spellings if {@code text} is none of them
     */
    public static Precision parse(String text) {
        switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "float32", "f32", "float", "single":
                return FLOAT32;
            case "float64", "f64", "double":
                return FLOAT64;
            default:
                throw new InvalidOptionException("precision",
                        "unknown precision '" + text + "': use float32 or float64");
        }
    }

    /** @return {@code float32} or {@code float64} */
    @Override
    public String toString() {
        return this == FLOAT32 ? "float32" : "float64";
    }
}
