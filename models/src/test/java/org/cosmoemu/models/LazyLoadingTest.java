package org.cosmoemu.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.ParameterOutOfRangeException;
import org.cosmoemu.api.RangePolicy;
import org.cosmoemu.theory.CmbSpectra.Spectrum;
import org.cosmoemu.theory.EmulatorTheory;
import org.cosmoemu.theory.ParameterBases;
import org.cosmoemu.theory.Requirements;
import org.junit.jupiter.api.Test;

/**
 * The bundled theory loads a network when a computation first needs it: the header answers everything that
 * describes the emulator, the loaded network gives bit-for-bit the eager emulator's numbers, and concurrent first
 * calls load it once.
 */
class LazyLoadingTest {
    static final Map<String, Double> PLANCK = ParameterBases.get(ParameterBases.PLANCK2018);

    @Test
    void aTheoryLoadsOnlyTheNetworksItsRequirementsUse() {
        Map<String, Emulator> created = new LinkedHashMap<>();
        EmulatorTheory theory = LcdmTheory.bundled(EmulatorOptions.defaults(), created);
        assertEquals(8, created.size(), created.keySet().toString());
        created.forEach((n, e) -> assertFalse(((LazyEmulator) e).isLoaded(), n + " loaded at construction"));
        // what a lensing + BAO likelihood set needs: phi-phi, the background and derived parameters
        Requirements req = Requirements.cmb(2000, Spectrum.PP).union(Requirements.background("rdrag", "sigma8"));
        double pp = theory.compute(PLANCK, req).cmb().dl(Spectrum.PP, 100);
        assertTrue(pp > 0, "phi-phi at L = 100: " + pp);
        List<String> loaded = new ArrayList<>();
        created.forEach((n, e) -> {
            if (((LazyEmulator) e).isLoaded()) {
                loaded.add(n);
            }
        });
        assertEquals(List.of(BundledModels.LCDM_PP, BundledModels.LCDM_DERIVED), loaded);
        assertEquals(BundledModels.get(BundledModels.LCDM_PP).predict(PLANCK)[98], pp, 0.0,
                "the same number as the eager emulator (L = 100 is index 98)");
    }

    @Test
    void theHeaderDescribesTheEmulatorAndTheLoadedNetworkGivesTheEagerNumbers() {
        Emulator eager = BundledModels.get(BundledModels.LCDM_TE);
        LazyEmulator lazy = (LazyEmulator) BundledModels.lazy(BundledModels.LCDM_TE, EmulatorOptions.defaults());
        assertEquals(eager.name(), lazy.name());
        assertEquals(eager.parameterSpace(), lazy.parameterSpace());
        assertEquals(eager.outputGrid(), lazy.outputGrid());
        assertEquals(eager.quantity(), lazy.quantity());
        assertEquals(eager.outputSize(), lazy.outputSize());
        assertEquals(eager.precision(), lazy.precision());
        assertEquals(RangePolicy.REJECT, lazy.rangePolicy());
        assertFalse(lazy.isLoaded(), "describing it loads nothing");
        assertArrayEquals(eager.predict(PLANCK), lazy.predict(PLANCK));
        assertTrue(lazy.isLoaded());
        assertEquals(eager.backend(), lazy.backend());

        double[] far = eager.parameterSpace().toArray(PLANCK);
        far[0] = 10 * eager.parameterSpace().get(0).upper();
        assertThrows(ParameterOutOfRangeException.class, () -> lazy.predict(far), "the loaded network's checks apply");
        Emulator extrapolating = lazy.withRangePolicy(RangePolicy.EXTRAPOLATE);
        assertEquals(RangePolicy.EXTRAPOLATE, extrapolating.rangePolicy());
        assertArrayEquals(eager.withRangePolicy(RangePolicy.EXTRAPOLATE).predict(far), extrapolating.predict(far));
        assertSame(lazy, lazy.withRangePolicy(RangePolicy.REJECT));
    }

    @Test
    void aRestrictedLazyEmulatorLoadsOnFirstUseAndGivesThoseOutputs() {
        Emulator eager = BundledModels.get(BundledModels.LCDM_PP);
        LazyEmulator lazy = (LazyEmulator) BundledModels.lazy(BundledModels.LCDM_PP, EmulatorOptions.defaults());
        Emulator part = lazy.restrictedTo(0, 762);
        assertEquals(762, part.outputSize());
        assertEquals(eager.outputGrid().slice(0, 762), part.outputGrid());
        assertFalse(lazy.isLoaded(), "restricting loads nothing");
        assertFalse(((LazyEmulator) part).isLoaded());
        double[] all = eager.predict(PLANCK);
        assertArrayEquals(java.util.Arrays.copyOf(all, 762), part.predict(PLANCK), 0.0);
        assertThrows(org.cosmoemu.api.InvalidOptionException.class, () -> lazy.restrictedTo(0, 100_000));
        assertSame(lazy, lazy.restrictedTo(0, lazy.outputSize()));
    }

    @Test
    void concurrentFirstCallsLoadOnce() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        Emulator real = BundledModels.get(BundledModels.LCDM_DERIVED);
        LazyEmulator.Loader loader = new LazyEmulator.Loader(() -> {
            loads.incrementAndGet();
            return real;
        });
        LazyEmulator lazy = new LazyEmulator(new org.cosmoemu.cpu.io.ModelHeader(real.name(), real.parameterSpace(),
                real.outputGrid(), real.quantity()), loader, RangePolicy.REJECT, real.precision());
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<double[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return lazy.predict(PLANCK);
                }));
            }
            start.countDown();
            double[] expected = real.predict(PLANCK);
            for (Future<double[]> f : results) {
                assertArrayEquals(expected, f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, loads.get(), "the network is created once");
    }

    @Test
    void anUnknownBackendFailsWhenTheTheoryIsBuiltNotAtFirstUse() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> LcdmTheory.bundled(EmulatorOptions.defaults().withBackend("no-such-backend")));
        assertTrue(e.getMessage().contains("no-such-backend"), e.getMessage());
    }
}
