package org.cosmoemu.training;

/**
 * The fixed split of the CLASS design points, by design index (never by row number, so it does not move when
 * shards are added or a point is missing):
 * <ul>
 *   <li>{@link Role#TEST}: index ≡ 0 (mod 10). Never used for training or early stopping; only the accuracy
 *       report (and the decision whether a new model replaces a shipped one) looks at it.</li>
 *   <li>{@link Role#VALIDATION}: index ≡ 5 (mod 10). Early stopping and validation metrics.</li>
 *   <li>{@link Role#TRAINING}: every other point.</li>
 * </ul>
 */
final class HeldOutSplit {
    /** Every {@code MODULUS}-th design point is held out for testing, and another for validation. */
    public static final int MODULUS = 10;
    /** Design indices ≡ this (mod {@link #MODULUS}) form the test set. */
    public static final int TEST_RESIDUE = 0;
    /** Design indices ≡ this (mod {@link #MODULUS}) form the validation set. */
    public static final int VALIDATION_RESIDUE = 5;

    /** What a design point is used for. */
    public enum Role {
        /** Gradient steps. */
        TRAINING,
        /** Early stopping and validation metrics. */
        VALIDATION,
        /** The accuracy report only. */
        TEST
    }

    private HeldOutSplit() {
    }

    /**
     * @param designIndex a design-point number (the shards' {@code index})
     * @return what that point is used for
     */
    public static Role role(long designIndex) {
        long r = Math.floorMod(designIndex, MODULUS);
        if (r == TEST_RESIDUE) {
            return Role.TEST;
        }
        return r == VALIDATION_RESIDUE ? Role.VALIDATION : Role.TRAINING;
    }

    /** @return a one-line description, recorded in model provenance */
    public static String describe() {
        return "test: design index % " + MODULUS + " == " + TEST_RESIDUE + "; validation: index % " + MODULUS + " == "
                + VALIDATION_RESIDUE + "; training: the rest";
    }
}
