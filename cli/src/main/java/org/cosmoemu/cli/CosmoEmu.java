package org.cosmoemu.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cosmoemu.api.CosmoEmuException;
import org.cosmoemu.api.InvalidParameterException;

/**
 * The {@code cosmo-emu} command-line tool. Its sub-commands and their JSON output are a contract that
 * scripts call: they are extended, never changed.
 *
 * <p>Exit codes: 0 success, 1 an error in the inputs or data (bad parameter, missing or corrupt file),
 * 2 a malformed command line. Errors go to standard error as {@code cosmo-emu: error: ...}; with
 * {@code --json} a JSON object {@code {"error": ..., "type": ..., "parameter": ...}} also goes to standard output.
 */
public final class CosmoEmu {
    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        for (Command c : new Command[] {new PredictCommand(), new InfoCommand(), new ConvertCommand(), new BenchCommand(), new LoglikeCommand(),
            new SampleCommand(), new PlotCommands.Spectra(), new PlotCommands.Triangle(), new TrainingCommands.Train(),
            new TrainingCommands.Accuracy()}) {
            COMMANDS.put(c.name(), c);
        }
    }

    private CosmoEmu() {
    }

    /** @param args command line */
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
            err.println("cosmo-emu: unknown command '" + args[0] + "'");
            help(err);
            return 2;
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
            return c.run(args, 1, out);
        } catch (UsageException e) {
            err.println("cosmo-emu " + c.name() + ": " + e.getMessage());
            if (json) {
                out.println(Json.object().put("error", e.getMessage()).put("type", "usage").end());
            }
            return 2;
        } catch (CosmoEmuException | IllegalArgumentException | IllegalStateException | java.io.IOException e) {
            err.println("cosmo-emu " + c.name() + ": error: " + e.getMessage());
            if (json) {
                Json j = Json.object().put("error", e.getMessage()).put("type", e.getClass().getSimpleName());
                if (e instanceof InvalidParameterException p && p.parameter() != null) {
                    j.put("parameter", p.parameter());
                }
                out.println(j.end());
            }
            return 1;
        } catch (Exception e) {
            err.println("cosmo-emu " + c.name() + ": internal error: " + e);
            e.printStackTrace(err);
            return 3;
        }
    }

    private static void help(PrintStream s) {
        s.println("usage: cosmo-emu COMMAND [OPTIONS]   (cosmo-emu COMMAND --help for its options)");
        s.println("commands:");
        COMMANDS.values().forEach(c -> s.printf("  %-14s %s%n", c.name(), c.summary()));
    }
}
