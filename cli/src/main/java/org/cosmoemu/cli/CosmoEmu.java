package org.cosmoemu.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.cpu.CpuBackend;

/**
 * The {@code cosmo-emu} command-line tool. Its sub-commands and their JSON output are a contract that
 * scripts call: they are extended, never changed.
 *
 * <p>Exit codes ({@link ErrorKind} maps each kind of error to its code): 0 success, 1 an error in the inputs or
 * data (bad parameter or option, missing or corrupt file, a quantity the theory cannot provide), 2 a malformed
 * command line, 3 an internal error (a bug: the stack trace is printed), 4 a numerical failure (a solver that
 * does not converge or cannot reach its target), 5 an output that cannot be written. Errors go to standard
 * error as {@code cosmo-emu: error: ...}; with {@code --json} a JSON object
 * {@code {"error": ..., "type": ..., "kind": ..., "parameter": ..., "option": ...}} also goes to standard output.
 */
public final class CosmoEmu {
    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        for (Command c : new Command[] {new PredictCommand(), new InfoCommand(), new ConvertCommand(), new BenchCommand(), new LoglikeCommand(),
            new SampleCommand(), new RunCommand(), new AnalyseCommand(), new DataCommand(), new PlotCommands.Spectra(), new PlotCommands.Triangle(), new TrainingCommands.Train(),
            new TrainingCommands.Accuracy(),
            new SparkPointer("emulate", "emulated spectra for a Parquet table of parameters"),
            new SparkPointer("scan", "log-likelihoods for a Parquet table of parameters"),
            new SparkPointer("chains", "many MCMC runs side by side")}) {
            COMMANDS.put(c.name(), c);
        }
    }

    private CosmoEmu() {
    }

    /**
     * Runs the program from the command line.
     *
     * @param args command line
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs one command line (used by {@link #main} and by tests).
     *
     * @param args the command line
     * @param out  standard output
     * @param err  standard error
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            help(args.length == 0 ? err : out);
            return args.length == 0 ? 2 : 0;
        }
        Command c = COMMANDS.get(args[0]);
        boolean json = java.util.Arrays.asList(args).contains("--json");
        if (c == null) {
            String message = "unknown command '" + args[0] + "'; commands: " + String.join(", ", COMMANDS.keySet());
            err.println("cosmo-emu: " + message);
            help(err);
            if (json) {
                out.println(Json.object().put("error", message).put("type", "usage").put("kind", ErrorKind.USAGE.token())
                        .end());
            }
            return ErrorKind.USAGE.exitCode();
        }
        try {
            if (args.length > 1 && (args[1].equals("--help") || args[1].equals("-h"))) {
                out.println("cosmo-emu " + c.name() + ": " + c.summary());
                try {
                    c.run(new String[] {"--help"}, 0, out);
                } catch (UsageException e) {
                    out.println(e.getMessage().substring(e.getMessage().indexOf('\n') + 1));
                }
                return 0;
            }
            if (c.evaluatesNetworks()) {
                announceKernels(args, err);
            }
            return c.run(args, 1, out);
        } catch (Exception e) {
            ErrorKind kind = ErrorKind.of(e);
            report(c, e, kind, json, out, err);
            return kind.exitCode();
        }
    }

    /**
     * Reports an error on standard error and, with {@code --json}, as one JSON object on standard output:
     * {@code error} (the message), {@code type} ({@code usage}, else the exception's simple class name),
     * {@code kind} (see {@link ErrorKind}), and {@code parameter} or {@code option} when the error names one.
     */
    private static void report(Command c, Exception e, ErrorKind kind, boolean json, PrintStream out, PrintStream err) {
        switch (kind) {
            case USAGE -> err.println("cosmo-emu " + c.name() + ": " + e.getMessage());
            case INTERNAL -> {
                err.println("cosmo-emu " + c.name() + ": internal error: " + e);
                e.printStackTrace(err);
            }
            default -> err.println("cosmo-emu " + c.name() + ": error: " + e.getMessage());
        }
        if (!json) {
            return;
        }
        Json j = Json.object().put("error", kind == ErrorKind.INTERNAL ? e.toString() : e.getMessage())
                .put("type", kind == ErrorKind.USAGE ? "usage" : e.getClass().getSimpleName())
                .put("kind", kind.token());
        if (e instanceof InvalidParameterException p && p.parameter() != null) {
            j.put("parameter", p.parameter());
        }
        if (e instanceof InvalidOptionException o && o.option() != null) {
            j.put("option", o.option());
        }
        out.println(j.end());
    }

    /** Whether the kernel choice was printed by this JVM. */
    private static final java.util.concurrent.atomic.AtomicBoolean KERNELS_ANNOUNCED = new java.util.concurrent.atomic.AtomicBoolean();

    /** Prints the cpu kernel choice once per JVM on standard error, unless the command line picks another backend. */
    private static void announceKernels(String[] args, PrintStream err) {
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--backend") && i + 1 < args.length && !args[i + 1].equals("cpu")
                    || args[i].startsWith("--backend=") && !args[i].equals("--backend=cpu")) {
                return;
            }
        }
        if (KERNELS_ANNOUNCED.compareAndSet(false, true)) {
            err.println(kernelNotice(CpuBackend.vectorApiAvailable()));
        }
    }

    /**
     * @param vectorApi whether the JVM runs with the Vector API module
     * @return the one line that says which cpu kernels evaluate the networks
     */
    static String kernelNotice(boolean vectorApi) {
        return vectorApi ? "cosmo-emu: cpu kernels: Vector API (jdk.incubator.vector)"
                : "cosmo-emu: cpu kernels: scalar fallback, 4-7x slower: the JVM runs without --add-modules "
                        + "jdk.incubator.vector (./cosmo-emu adds it; java -jar needs it on the command line)";
    }

    private static void help(PrintStream s) {
        s.println("usage: cosmo-emu COMMAND [OPTIONS]   (cosmo-emu COMMAND --help for its options)");
        s.println("commands:");
        COMMANDS.values().forEach(c -> s.printf("  %-14s %s%n", c.name(), c.summary()));
    }
}
