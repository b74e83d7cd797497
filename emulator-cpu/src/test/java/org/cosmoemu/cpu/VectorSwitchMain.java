package org.cosmoemu.cpu;

import java.lang.management.ManagementFactory;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.Precision;

/**
 * Run by {@link VectorForwardPassTest} in a fresh child JVM (so that no other test has warmed up the JIT): a
 * Planck-sized network (6 → 512×3 → 2999) evaluates batches of one size until its kernels are compiled, then
 * switches to another batch size, whose kernels C2 compiles only then. Prints {@code steady after N windows}
 * once 10 consecutive windows of 20 calls allocate nothing, or {@code never steady: ...} after 30 s. (Before
 * the fix described in {@link VectorKernel32}, the kernels compiled after the switch boxed their accumulators:
 * ~200 MB per window, for ever.) Arguments: precision, first batch size, calls before the switch, second batch
 * size.
 */
public final class VectorSwitchMain {
    private VectorSwitchMain() {
    }

    /** @param args see the class doc */
    public static void main(String[] args) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Precision precision = Precision.parse(args[0]);
        int first = Integer.parseInt(args[1]);
        int firstCalls = Integer.parseInt(args[2]);
        int second = Integer.parseInt(args[3]);
        NetworkModel m = SyntheticNetworks.random(21, 6, 512, 3, 2999, 0);
        ForwardPass vec = new VectorForwardPass(m, precision);
        int max = Math.max(first, second);
        double[] pts = SyntheticNetworks.points(2, max, 6);
        double[] out = new double[max * 2999];
        for (int k = 0; k < firstCalls; k++) {
            vec.forward(pts, first, out);
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        StringBuilder recent = new StringBuilder();
        int zeros = 0;
        for (int w = 1; System.nanoTime() < deadline; w++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int k = 0; k < 20; k++) {
                vec.forward(pts, second, out);
            }
            long bytes = threads.getCurrentThreadAllocatedBytes() - before;
            zeros = bytes == 0 ? zeros + 1 : 0;
            if (zeros == 10) {
                System.out.println("steady after " + w + " windows");
                return;
            }
            if (w <= 20) {
                recent.append(bytes).append(' ');
            }
        }
        System.out.println("never steady: bytes allocated by the first windows of 20 calls: " + recent);
    }
}
