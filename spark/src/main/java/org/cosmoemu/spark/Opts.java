package org.cosmoemu.spark;

import java.io.Serializable;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.Precision;
import org.cosmoemu.api.RangePolicy;

/**
 * {@link EmulatorOptions} in serializable form, for the tasks.
 *
 * @param backend     the backend token
 * @param precision   the precision
 * @param rangePolicy the range policy
 * @param kernel      the kernel
 */
record Opts(String backend, Precision precision, RangePolicy rangePolicy, EmulatorOptions.Kernel kernel)
        implements Serializable {

    static Opts of(EmulatorOptions o) {
        return new Opts(o.backend(), o.precision(), o.rangePolicy(), o.kernel());
    }

    EmulatorOptions toOptions() {
        return new EmulatorOptions(backend, precision, rangePolicy, kernel);
    }
}
