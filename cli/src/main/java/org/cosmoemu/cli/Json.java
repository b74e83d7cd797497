package org.cosmoemu.cli;

import java.util.Collection;
import java.util.Map;

/**
 * A minimal JSON writer for the CLI's output contract. Numbers are written with Java's shortest
 * round-trip representation; non-finite numbers (which JSON cannot hold) are written as {@code null}.
 */
final class Json {
    private final StringBuilder sb = new StringBuilder();
    private boolean needComma;

    private Json() {
    }

    /** @return a writer positioned inside a new top-level object */
    static Json object() {
        Json j = new Json();
        j.sb.append('{');
        return j;
    }

    private void key(String k) {
        if (needComma) {
            sb.append(',');
        }
        string(sb, k);
        sb.append(':');
        needComma = true;
    }

    Json put(String k, String v) {
        key(k);
        if (v == null) {
            sb.append("null");
        } else {
            string(sb, v);
        }
        return this;
    }

    Json put(String k, double v) {
        key(k);
        number(sb, v);
        return this;
    }

    Json put(String k, long v) {
        key(k);
        sb.append(v);
        return this;
    }

    Json put(String k, boolean v) {
        key(k);
        sb.append(v);
        return this;
    }

    Json put(String k, double[] v) {
        key(k);
        array(sb, v, 0, v.length);
        return this;
    }

    Json put(String k, double[] v, int from, int to) {
        key(k);
        array(sb, v, from, to);
        return this;
    }

    Json putStrings(String k, Collection<String> v) {
        key(k);
        sb.append('[');
        boolean first = true;
        for (String s : v) {
            if (!first) {
                sb.append(',');
            }
            string(sb, s);
            first = false;
        }
        sb.append(']');
        return this;
    }

    Json putNumbers(String k, Map<String, ? extends Number> m) {
        key(k);
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, ? extends Number> e : m.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            string(sb, e.getKey());
            sb.append(':');
            number(sb, e.getValue().doubleValue());
            first = false;
        }
        sb.append('}');
        return this;
    }

    Json putRaw(String k, String json) {
        key(k);
        sb.append(json);
        return this;
    }

    /** @return the finished object as text */
    String end() {
        return sb.append('}').toString();
    }

    static void number(StringBuilder sb, double v) {
        if (Double.isFinite(v)) {
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                sb.append((long) v);
            } else {
                sb.append(v);
            }
        } else {
            sb.append("null");
        }
    }

    static void array(StringBuilder sb, double[] v, int from, int to) {
        sb.append('[');
        for (int i = from; i < to; i++) {
            if (i > from) {
                sb.append(',');
            }
            number(sb, v[i]);
        }
        sb.append(']');
    }

    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder();
        string(b, s);
        return b.toString();
    }
}
