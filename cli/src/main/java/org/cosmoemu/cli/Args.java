package org.cosmoemu.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code --name value}, {@code --name=value} and {@code --flag} arguments against a declared set of
 * options; unknown options and missing values are {@link UsageException}s that list what is accepted.
 */
final class Args {

    /** One declared option. */
    record Option(String name, String valueName, boolean repeatable, String help) {
        boolean isFlag() {
            return valueName == null;
        }
    }

    private final String command;
    private final Map<String, Option> declared = new LinkedHashMap<>();
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private String epilogue = "";

    Args(String command) {
        this.command = command;
    }

    /** Declares an option taking one value. */
    Args value(String name, String valueName, String help) {
        declared.put(name, new Option(name, valueName, false, help));
        return this;
    }

    /** Declares an option that may be given several times. */
    Args repeated(String name, String valueName, String help) {
        declared.put(name, new Option(name, valueName, true, help));
        return this;
    }

    /** Declares a flag. */
    Args flag(String name, String help) {
        declared.put(name, new Option(name, null, false, help));
        return this;
    }

    /** Text printed after the options in the usage (e.g. a generated catalogue). */
    Args epilogue(String text) {
        this.epilogue = text;
        return this;
    }

    Args parse(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new UsageException("unexpected argument '" + a + "' for '" + command + "'\n" + usage());
            }
            String name = a.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Option o = declared.get(name);
            if (o == null) {
                throw new UsageException("unknown option --" + name + " for '" + command + "'\n" + usage());
            }
            String v;
            if (o.isFlag()) {
                if (inline != null) {
                    throw new UsageException("option --" + name + " takes no value");
                }
                v = "true";
            } else if (inline != null) {
                v = inline;
            } else {
                if (i + 1 >= args.length) {
                    throw new UsageException("option --" + name + " needs a value (" + o.valueName() + ")");
                }
                if (args[i + 1].startsWith("--")) {
                    // "--model --json" must not read a model file named --json; --name=--value still passes one
                    throw new UsageException("option --" + name + " needs a value (" + o.valueName() + "), got the option "
                            + args[i + 1] + " (write --" + name + "=VALUE for a value that starts with --)");
                }
                v = args[++i];
            }
            List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
            if (!o.repeatable() && !list.isEmpty()) {
                throw new UsageException("option --" + name + " given twice");
            }
            list.add(v);
        }
        return this;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String get(String name) {
        List<String> l = values.get(name);
        return l == null ? null : l.get(0);
    }

    String get(String name, String def) {
        String v = get(name);
        return v == null ? def : v;
    }

    String require(String name) {
        String v = get(name);
        if (v == null) {
            throw new UsageException("'" + command + "' needs --" + name + " " + declared.get(name).valueName() + "\n" + usage());
        }
        return v;
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    int integer(String name, int def) {
        String v = get(name);
        if (v == null) {
            return def;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " needs an integer, got '" + v + "'");
        }
    }

    /**
     * Parses repeated {@code NAME=VALUE} options into numbers, in the order given.
     *
     * @throws UsageException naming the malformed entry
     */
    Map<String, Double> assignments(String name) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String kv : all(name)) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--" + name + " needs NAME=VALUE, got '" + kv + "'");
            }
            String k = kv.substring(0, eq).trim();
            String v = kv.substring(eq + 1).trim();
            double d;
            try {
                d = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " " + k + "=" + v + ": '" + v + "' is not a number");
            }
            if (m.put(k, d) != null) {
                throw new UsageException("--" + name + " " + k + " given twice");
            }
        }
        return m;
    }

    /** Parses repeated {@code KEY=VALUE} options into strings. */
    Map<String, String> keyValues(String name) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : all(name)) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--" + name + " needs KEY=VALUE, got '" + kv + "'");
            }
            if (m.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim()) != null) {
                throw new UsageException("--" + name + " " + kv.substring(0, eq).trim() + " given twice");
            }
        }
        return m;
    }

    String usage() {
        StringBuilder sb = new StringBuilder("options of '" + command + "':\n");
        for (Option o : declared.values()) {
            String head = "  --" + o.name() + (o.isFlag() ? "" : " " + o.valueName()) + (o.repeatable() ? " ..." : "");
            sb.append(String.format("%-34s %s%n", head, o.help()));
        }
        return sb.append(epilogue).toString();
    }
}
