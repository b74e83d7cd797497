package org.cosmoemu.cpu;

import java.lang.reflect.InvocationTargetException;
import org.cosmoemu.api.CosmoEmuException;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.EmulatorOptions.Kernel;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.Precision;
import org.cosmoemu.api.spi.EmulatorBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pure-Java backend ({@code cpu}). Kernel choice ({@link EmulatorOptions#kernel()}):
 * <ul>
 *   <li>{@link Kernel#AUTO}: the Vector API kernel when the JVM runs with {@code --add-modules
 *       jdk.incubator.vector}, otherwise the scalar reference (logged once);</li>
 *   <li>{@link Kernel#VECTOR}: the Vector API kernel, or an error naming the missing JVM flag;</li>
 *   <li>{@link Kernel#SCALAR}: the scalar reference.</li>
 * </ul>
 */
public final class CpuBackend implements EmulatorBackend {
    private static final Logger LOG = LoggerFactory.getLogger(CpuBackend.class);
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_CLASS = "org.cosmoemu.cpu.VectorForwardPass";
    private static volatile boolean fallbackLogged;

    /** Creates the backend (used by {@link java.util.ServiceLoader}). */
    public CpuBackend() {
    }

    @Override
    public String name() {
        return EmulatorOptions.CPU;
    }

    /** {@return {@code true} if the JVM was started with the Vector API module} */
    public static boolean vectorApiAvailable() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    @Override
    public Emulator create(NetworkModel model, EmulatorOptions options) {
        return new CpuEmulator(model, forwardPass(model, options.precision(), options.kernel()), options.rangePolicy());
    }

    /**
     * {@return the compiled forward pass}
     *
     * @param model     the network
     * @param precision precision of weights and arithmetic
     * @param kernel    the kernel choice
     * @throws InvalidOptionException if {@link Kernel#VECTOR} is requested without the Vector API module
     * @throws CosmoEmuException      if the vector kernel cannot be created
     */
    public static ForwardPass forwardPass(NetworkModel model, Precision precision, Kernel kernel) {
        switch (kernel) {
            case SCALAR:
                return new ScalarForwardPass(model, precision);
            case VECTOR:
                if (!vectorApiAvailable()) {
                    throw new InvalidOptionException("kernel", "the vector kernel needs the JVM flag --add-modules " + VECTOR_MODULE);
                }
                return vectorPass(model, precision);
            case AUTO:
                if (vectorApiAvailable()) {
                    return vectorPass(model, precision);
                }
                if (!fallbackLogged) {
                    fallbackLogged = true;
                    LOG.info("Vector API module {} not present: using the scalar forward pass (start the JVM with "
                            + "--add-modules {} for the fast kernels)", VECTOR_MODULE, VECTOR_MODULE);
                }
                return new ScalarForwardPass(model, precision);
            default:
                throw new AssertionError(kernel);
        }
    }

    private static ForwardPass vectorPass(NetworkModel model, Precision precision) {
        // Loaded reflectively so that JVMs without the incubator module never link the Vector API classes.
        try {
            return (ForwardPass) Class.forName(VECTOR_CLASS).getConstructor(NetworkModel.class, Precision.class)
                    .newInstance(model, precision);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new CosmoEmuException("cannot create the vector kernel: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new CosmoEmuException("cannot create the vector kernel: " + e, e);
        }
    }
}
