package org.cosmoemu.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HeldOutSplitTest {
    @Test
    void everyTenthPointIsTestAndAnotherTenthValidation() {
        int[] counts = new int[3];
        for (long i = 0; i < 1000; i++) {
            counts[HeldOutSplit.role(i).ordinal()]++;
        }
        assertEquals(800, counts[HeldOutSplit.Role.TRAINING.ordinal()]);
        assertEquals(100, counts[HeldOutSplit.Role.VALIDATION.ordinal()]);
        assertEquals(100, counts[HeldOutSplit.Role.TEST.ordinal()]);
        assertEquals(HeldOutSplit.Role.TEST, HeldOutSplit.role(0));
        assertEquals(HeldOutSplit.Role.TEST, HeldOutSplit.role(770));
        assertEquals(HeldOutSplit.Role.VALIDATION, HeldOutSplit.role(15));
        assertEquals(HeldOutSplit.Role.TRAINING, HeldOutSplit.role(7));
    }
}
