package org.cosmoemu.cli;

import java.io.PrintStream;

/**
 * {@code spark-emulate}, {@code spark-scan}, {@code spark-chains}: pointers to the Spark module's command line, which
 * runs outside this tool (the CLI does not depend on Spark). Each says how to run it and exits with the usage code.
 */
final class SparkPointer implements Command {
    private final String command;
    private final String what;

    SparkPointer(String command, String what) {
        this.command = command;
        this.what = what;
    }

    @Override
    public String name() {
        return "spark-" + command;
    }

    @Override
    public String summary() {
        return what + " on Apache Spark: runs as ./cosmo-emu-spark " + command + " (see its help)";
    }

    @Override
    public int run(String[] argv, int from, PrintStream out) {
        throw new UsageException(name() + " runs on Apache Spark, outside this tool: ./cosmo-emu-spark " + command
                + " ... (local mode), or spark-submit --class org.cosmoemu.spark.SparkCli cosmo-emu-spark.jar " + command
                + " ... on a cluster; ./cosmo-emu-spark help lists the options (README: \"Scale-out on Apache Spark\")");
    }
}
