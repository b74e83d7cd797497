package org.cosmoemu.models;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.OutputQuantity;
import org.cosmoemu.api.ParameterSpace;
import org.cosmoemu.api.Precision;
import org.cosmoemu.api.RangePolicy;
import org.cosmoemu.cpu.io.ModelHeader;

/**
 * An emulator whose network loads on first use. What describes it (name, inputs, grid, quantity) comes from the
 * model file's header, read up front; the weights are read, checked against the file's checksum and compiled into
 * a forward pass the first time anything evaluates the network (or asks for {@link #model()} or
 * {@link #backend()}). Loading happens once, whichever thread gets there first; the others wait for it. Evaluation
 * then costs one volatile read more than the loaded emulator's.
 *
 * <p>So a theory built from the whole catalogue costs only the networks its requirements use: a likelihood set
 * that needs φφ and the derived parameters loads two networks, not eight. A network that cannot be loaded (a
 * corrupt resource) fails at that first use, with the loader's {@code ModelFormatException}.
 */
final class LazyEmulator implements Emulator {

    /** Creates the loaded emulator once, on first demand; thread-safe. */
    static final class Loader {
        private final Supplier<Emulator> create;
        private volatile Emulator loaded;

        Loader(Supplier<Emulator> create) {
            this.create = Objects.requireNonNull(create, "create");
        }

        Emulator get() {
            Emulator e = loaded;
            if (e == null) {
                synchronized (this) {
                    e = loaded;
                    if (e == null) {
                        e = Objects.requireNonNull(create.get(), "loaded emulator");
                        loaded = e;
                    }
                }
            }
            return e;
        }

        boolean isLoaded() {
            return loaded != null;
        }
    }

    private final ModelHeader header;
    private final Loader source;
    private final RangePolicy policy;
    private final Precision precision;
    private final Loader self;

    /**
     * @param header    the model's header
     * @param source    loads the emulator with the options' range policy
     * @param policy    the range policy of the emulator {@code source} loads
     * @param precision the precision of the emulator {@code source} loads
     */
    LazyEmulator(ModelHeader header, Loader source, RangePolicy policy, Precision precision) {
        this(header, source, policy, precision, source);
    }

    private LazyEmulator(ModelHeader header, Loader source, RangePolicy policy, Precision precision, Loader self) {
        this.header = Objects.requireNonNull(header, "header");
        this.source = source;
        this.policy = Objects.requireNonNull(policy, "policy");
        this.precision = Objects.requireNonNull(precision, "precision");
        this.self = self;
    }

    /** @return whether the network has been loaded */
    boolean isLoaded() {
        return self.isLoaded();
    }

    private Emulator loaded() {
        return self.get();
    }

    @Override
    public String name() {
        return header.name();
    }

    @Override
    public ParameterSpace parameterSpace() {
        return header.parameterSpace();
    }

    @Override
    public OutputGrid outputGrid() {
        return header.grid();
    }

    @Override
    public OutputQuantity quantity() {
        return header.quantity();
    }

    @Override
    public int outputSize() {
        return header.grid().size();
    }

    @Override
    public NetworkModel model() {
        return loaded().model();
    }

    @Override
    public RangePolicy rangePolicy() {
        return policy;
    }

    @Override
    public Emulator withRangePolicy(RangePolicy newPolicy) {
        Objects.requireNonNull(newPolicy, "policy");
        if (newPolicy == policy) {
            return this;
        }
        // shares the weights: the source loads once, whichever of the two is used first
        return new LazyEmulator(header, source, newPolicy, precision,
                new Loader(() -> source.get().withRangePolicy(newPolicy)));
    }

    @Override
    public Emulator restrictedTo(int from, int to) {
        OutputGrid part = header.grid().slice(from, to); // validates the range before anything loads
        if (from == 0 && to == header.grid().size()) {
            return this;
        }
        ModelHeader partHeader = new ModelHeader(header.name(), header.parameterSpace(), part, header.quantity());
        Loader partLoader = new Loader(() -> self.get().restrictedTo(from, to));
        return new LazyEmulator(partHeader, partLoader, policy, precision, partLoader);
    }

    @Override
    public Precision precision() {
        return precision;
    }

    @Override
    public String backend() {
        return loaded().backend();
    }

    @Override
    public double[] predict(Map<String, ? extends Number> point) {
        return loaded().predict(point);
    }

    @Override
    public double[] predict(double[] point) {
        return loaded().predict(point);
    }

    @Override
    public void predict(double[] point, double[] out) {
        loaded().predict(point, out);
    }

    @Override
    public void predictRaw(double[] point, double[] out) {
        loaded().predictRaw(point, out);
    }

    @Override
    public void predictBatch(double[] points, int count, double[] out) {
        loaded().predictBatch(points, count, out);
    }

    @Override
    public void predictRawBatch(double[] points, int count, double[] out) {
        loaded().predictRawBatch(points, count, out);
    }

    @Override
    public void jacobian(double[] point, double[] values, double[] jacobian) {
        loaded().jacobian(point, values, jacobian);
    }

    @Override
    public void jacobianRaw(double[] point, double[] raw, double[] jacobian) {
        loaded().jacobianRaw(point, raw, jacobian);
    }

    @Override
    public double[][] predictBatch(double[][] points) {
        return loaded().predictBatch(points);
    }

    @Override
    public String toString() {
        return "LazyEmulator[" + header.name() + (isLoaded() ? ", loaded" : ", not loaded yet") + "]";
    }
}
