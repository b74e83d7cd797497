package org.cosmoemu.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.ParameterOutOfRangeException;
import org.cosmoemu.api.Precision;
import org.cosmoemu.api.RangePolicy;
import org.cosmoemu.cpu.Emulators;
import org.cosmoemu.cpu.SyntheticNetworks;
import org.junit.jupiter.api.Test;

/** Backend selection, option handling, error behaviour, threads and allocation of the ND4J backend. */
class Nd4jBackendTest {

    /** Property that {@code gpu-check.sh} sets to {@code nd4j-cuda}, so that a CPU fallback cannot pass unseen. */
    static final String EXPECTED_BACKEND_PROPERTY = "cosmoemu.nd4j.expectedBackend";

    static String expectedBackend() {
        return System.getProperty(EXPECTED_BACKEND_PROPERTY, "nd4j-cpu");
    }

    private static final NetworkModel MODEL = SyntheticNetworks.random(21, 6, 48, 3, 30, 0);

    @Test
    void oneLineSwitchSelectsNd4j() {
        Emulator e = Emulators.create(MODEL, EmulatorOptions.defaults().withBackend("nd4j")
                .withPrecision(Precision.FLOAT32).withRangePolicy(RangePolicy.EXTRAPOLATE));
        assertInstanceOf(Nd4jEmulator.class, e);
        assertEquals(expectedBackend(), e.backend());
        assertEquals(expectedBackend(), Nd4jBackend.loadedBackend());
        assertEquals(Precision.FLOAT32, e.precision());
        assertEquals(RangePolicy.EXTRAPOLATE, e.rangePolicy());
        assertEquals(MODEL.name(), e.name());
        assertEquals(30, e.outputSize());
        assertTrue(e.toString().contains(expectedBackend()), e.toString());
        assertSame(Nd4jBackend.class, Emulators.backend("nd4j").getClass());
    }

    @Test
    void withRangePolicySharesTheNetwork() {
        Emulator reject = Emulators.create(MODEL, EmulatorOptions.defaults().withBackend("nd4j"));
        Emulator extrapolate = reject.withRangePolicy(RangePolicy.EXTRAPOLATE);
        assertNotSame(reject, extrapolate);
        assertSame(reject, reject.withRangePolicy(RangePolicy.REJECT));
        assertEquals(expectedBackend(), extrapolate.backend());
        double[] p = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
        assertArrayEquals(reject.predict(p), extrapolate.predict(p), 0.0);
        double[] outside = {0.1, 0.2, 1.3, 0.4, 0.5, 0.6};
        assertThrows(ParameterOutOfRangeException.class, () -> reject.predict(outside));
        Emulator cpu = Emulators.create(MODEL, EmulatorOptions.defaults().withKernel(EmulatorOptions.Kernel.SCALAR))
                .withRangePolicy(RangePolicy.EXTRAPOLATE);
        double[] want = cpu.predict(outside);
        double[] got = extrapolate.predict(outside);
        Nd4jEqualityTest.assertClose(MODEL, want, got, 1, 1e-9, "extrapolated point");
    }

    @Test
    void unknownKernelIsRejectedWithItsName() {
        var ex = assertThrows(InvalidOptionException.class,
                () -> Emulators.create(MODEL, EmulatorOptions.defaults().withBackend("nd4j").withKernel(EmulatorOptions.Kernel.VECTOR)));
        assertTrue(ex.getMessage().contains("nd4j backend has no kernel 'vector'") && ex.getMessage().contains("auto"),
                ex.getMessage());
    }

    @Test
    void badChunkPropertyIsRejected() {
        String old = System.getProperty(Nd4jBackend.CHUNK_ROWS_PROPERTY);
        try {
            System.setProperty(Nd4jBackend.CHUNK_ROWS_PROPERTY, "-3");
            var ex = assertThrows(InvalidOptionException.class,
                    () -> Emulators.create(MODEL, EmulatorOptions.defaults().withBackend("nd4j")));
            assertTrue(ex.getMessage().contains(Nd4jBackend.CHUNK_ROWS_PROPERTY) && ex.getMessage().contains("'-3'"),
                    ex.getMessage());
            System.setProperty(Nd4jBackend.CHUNK_ROWS_PROPERTY, "17");
            Nd4jEmulator e = (Nd4jEmulator) Emulators.create(MODEL, EmulatorOptions.defaults().withBackend("nd4j"));
            assertEquals(17, e.chunkRows());
        } finally {
            if (old == null) {
                System.clearProperty(Nd4jBackend.CHUNK_ROWS_PROPERTY);
            } else {
                System.setProperty(Nd4jBackend.CHUNK_ROWS_PROPERTY, old);
            }
        }
        assertThrows(InvalidOptionException.class, () -> Nd4jEmulator.of(MODEL, Precision.FLOAT64,
                RangePolicy.REJECT, -1));
    }

    /** Every kind of bad input fails on ND4J exactly as on the pure-Java backend: same exception, same message. */
    @Test
    void badInputErrorsAreTheCpuBackendsErrors() {
        Emulator nd4j = Emulators.create(MODEL, EmulatorOptions.defaults().withBackend("nd4j"));
        Emulator cpu = Emulators.create(MODEL, EmulatorOptions.defaults().withKernel(EmulatorOptions.Kernel.SCALAR));
        double[] ok = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
        double[] nan = ok.clone();
        nan[4] = Double.NaN;
        double[] outside = ok.clone();
        outside[2] = 1.5;
        double[] batch = new double[3 * 6];
        System.arraycopy(ok, 0, batch, 0, 6);
        System.arraycopy(ok, 0, batch, 6, 6);
        System.arraycopy(outside, 0, batch, 12, 6);
        List<Consumer<Emulator>> bad = List.of(
                e -> e.predict(nan),
                e -> e.predict(outside),
                e -> e.predict(new double[5]),
                e -> e.predict(ok, new double[29]),
                e -> e.predict(Map.of("p0", 0.1)),
                e -> e.predictBatch(batch, 3, new double[90]),
                e -> e.predictBatch(batch, 4, new double[120]),
                e -> e.predictRawBatch(batch, -1, new double[0]),
                e -> e.predictBatch(new double[][] {ok, {0.1}}));
        for (int i = 0; i < bad.size(); i++) {
            Consumer<Emulator> call = bad.get(i);
            RuntimeException want = assertThrows(RuntimeException.class, () -> call.accept(cpu), "case " + i);
            RuntimeException got = assertThrows(RuntimeException.class, () -> call.accept(nd4j), "case " + i);
            assertInstanceOf(InvalidParameterException.class, got, "case " + i);
            assertEquals(want.getClass(), got.getClass(), "case " + i);
            assertEquals(want.getMessage(), got.getMessage(), "case " + i);
        }
        var nanEx = assertThrows(InvalidParameterException.class, () -> nd4j.predict(nan));
        assertEquals("p4", nanEx.parameter());
        var rangeEx = assertThrows(ParameterOutOfRangeException.class, () -> nd4j.predictBatch(batch, 3, new double[90]));
        assertEquals("p2", rangeEx.parameter());
        assertTrue(rangeEx.getMessage().contains("point 2"), rangeEx.getMessage());
    }

    /** 8 threads at once, each with batch sizes that make it cycle through its cached chunk arrays. */
    @Test
    void eightThreadsGiveIdenticalResults() throws Exception {
        Nd4jEmulator e = Nd4jEmulator.of(MODEL, Precision.FLOAT64, RangePolicy.REJECT, 50);
        int[] sizes = {1, 7, 120, 50, 33};
        double[][] points = new double[sizes.length][];
        double[][] want = new double[sizes.length][];
        for (int k = 0; k < sizes.length; k++) {
            points[k] = SyntheticNetworks.points(500 + k, sizes[k], 6);
            want[k] = new double[sizes[k] * 30];
            e.predictBatch(points[k], sizes[k], want[k]);
        }
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                Callable<String> job = () -> {
                    start.await();
                    for (int rep = 0; rep < 20; rep++) {
                        int k = (rep + offset) % sizes.length;
                        double[] out = new double[sizes[k] * 30];
                        e.predictBatch(points[k], sizes[k], out);
                        if (!Arrays.equals(out, want[k])) {
                            return "thread " + offset + " repetition " + rep + " batch " + sizes[k] + " differs";
                        }
                    }
                    return null;
                };
                results.add(pool.submit(job));
            }
            start.countDown();
            for (Future<String> f : results) {
                String failure = f.get();
                assertEquals(null, failure, failure);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Once a thread has seen a chunk size, a call creates no ND4J arrays and no Java arrays that grow with the
     * batch: the bytes this thread allocates per call (ND4J's per-op Java objects, 0.5-8 kB per op) are the same
     * for 200 and for 2000 points, although the result grows by 1800 × 30 × 8 = 432 kB.
     */
    @Test
    void perCallAllocationDoesNotGrowWithTheBatch() {
        Nd4jEmulator e = Nd4jEmulator.of(MODEL, Precision.FLOAT64, RangePolicy.REJECT, 0);
        assertTrue(e.chunkRows() >= 2000, "one chunk expected, chunk is " + e.chunkRows());
        double[] few = SyntheticNetworks.points(1, 200, 6);
        double[] many = SyntheticNetworks.points(2, 2000, 6);
        double[] outFew = new double[200 * 30];
        double[] outMany = new double[2000 * 30];
        long perFew = allocatedPerCall(() -> e.predictBatch(few, 200, outFew));
        long perMany = allocatedPerCall(() -> e.predictBatch(many, 2000, outMany));
        assertTrue(perMany < perFew + 16_384,
                "bytes per call: " + perFew + " for 200 points, " + perMany + " for 2000 points");
    }

    private static long allocatedPerCall(Runnable call) {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 30; i++) {
            call.run();
        }
        long[] perCall = new long[5];
        for (int rep = 0; rep < perCall.length; rep++) {
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 10; i++) {
                call.run();
            }
            perCall[rep] = (mx.getCurrentThreadAllocatedBytes() - before) / 10;
        }
        Arrays.sort(perCall);
        return perCall[perCall.length / 2];
    }
}
