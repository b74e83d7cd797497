package org.cosmoemu.inference.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cosmoemu.api.InvalidOptionException;

/**
 * The arithmetic of cobaya input files: a Python {@code lambda a, b: expression} (or a bare expression) over
 * numbers and named arguments, compiled once and evaluated on {@code double}s. Nothing is executed beyond this
 * grammar; there is no script engine.
 *
 * <pre>
 * lambda   := "lambda" [name ("," name)*] ":" expr   |  expr
 * expr     := term (("+" | "-") term)*
 * term     := unary (("*" | "/") unary)*
 * unary    := ("-" | "+") unary | power
 * power    := atom ("**" unary)?                    (right-associative, binds tighter than unary minus on its left)
 * atom     := number | name | constant | call | "(" expr ")"
 * call     := function "(" expr ")"  |  ("sum" | "np.sum") "(" "[" expr ("," expr)* "]" ")"
 *           | ("min" | "max") "(" expr ("," expr)+ ")"
 * function := exp, log, log10, sqrt, abs, sin, cos, tan, arcsin, arccos, arctan, sinh, cosh, tanh, with or
 *             without the prefix "np." or "math."
 * constant := np.pi, np.e, math.pi, math.e, pi, e (when not an argument name)
 * </pre>
 *
 * Immutable and thread-safe.
 */
final class Expression {
    private static final Set<String> FUNCTIONS = Set.of("exp", "log", "log10", "sqrt", "abs", "sin", "cos", "tan",
            "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh");

    private final String source;
    private final List<String> arguments;
    private final Node root;

    private Expression(String source, List<String> arguments, Node root) {
        this.source = source;
        this.arguments = List.copyOf(arguments);
        this.root = root;
    }

    /**
     * @param text the lambda or expression, e.g. {@code lambda logA: 1e-10*np.exp(logA)}
     * @param path where it sits in the input file (for messages), e.g. {@code params.As.value}
     * @return the compiled expression
     * @throws InvalidOptionException naming {@code path} and the position of the first thing it cannot read
     */
    static Expression compile(String text, String path) {
        Parser p = new Parser(text, path);
        return p.parse();
    }

    /** @return {@code true} if {@code text} is a lambda (starts with {@code lambda}) */
    static boolean isLambda(String text) {
        String t = text.strip();
        return t.startsWith("lambda") && (t.length() == 6 || !Character.isJavaIdentifierPart(t.charAt(6)));
    }

    /** @return the argument names, in order */
    List<String> arguments() {
        return arguments;
    }

    /** @return the text it was compiled from */
    String source() {
        return source;
    }

    /**
     * @param args argument values in {@link #arguments()} order (not modified)
     * @return the value (NaN or infinite where the arithmetic makes it so, e.g. log of a negative number)
     */
    double evaluate(double[] args) {
        return root.eval(args);
    }

    /**
     * @param values argument values by name
     * @return the value
     * @throws InvalidOptionException if an argument has no value
     */
    double evaluate(Map<String, Double> values) {
        double[] a = new double[arguments.size()];
        for (int i = 0; i < a.length; i++) {
            Double v = values.get(arguments.get(i));
            if (v == null) {
                throw new InvalidOptionException(arguments.get(i), "'" + source + "' needs a value of '"
                        + arguments.get(i) + "'");
            }
            a[i] = v;
        }
        return evaluate(a);
    }

    @Override
    public String toString() {
        return source;
    }

    // ------------------------------------------------------------------------------------------- the tree

    private interface Node {
        double eval(double[] args);
    }

    private record Constant(double value) implements Node {
        public double eval(double[] args) {
            return value;
        }
    }

    private record Argument(int index) implements Node {
        public double eval(double[] args) {
            return args[index];
        }
    }

    private record Binary(char op, Node left, Node right) implements Node {
        public double eval(double[] args) {
            double a = left.eval(args);
            double b = right.eval(args);
            return switch (op) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                case '/' -> a / b;
                case '^' -> Math.pow(a, b);
                default -> throw new AssertionError(op);
            };
        }
    }

    private record Negate(Node operand) implements Node {
        public double eval(double[] args) {
            return -operand.eval(args);
        }
    }

    private record Function(String name, Node operand) implements Node {
        public double eval(double[] args) {
            double x = operand.eval(args);
            return switch (name) {
                case "exp" -> Math.exp(x);
                case "log" -> Math.log(x);
                case "log10" -> Math.log10(x);
                case "sqrt" -> Math.sqrt(x);
                case "abs" -> Math.abs(x);
                case "sin" -> Math.sin(x);
                case "cos" -> Math.cos(x);
                case "tan" -> Math.tan(x);
                case "arcsin" -> Math.asin(x);
                case "arccos" -> Math.acos(x);
                case "arctan" -> Math.atan(x);
                case "sinh" -> Math.sinh(x);
                case "cosh" -> Math.cosh(x);
                case "tanh" -> Math.tanh(x);
                default -> throw new AssertionError(name);
            };
        }
    }

    private record Reduce(String kind, Node[] terms) implements Node {
        public double eval(double[] args) {
            double r = terms[0].eval(args);
            for (int i = 1; i < terms.length; i++) {
                double v = terms[i].eval(args);
                r = switch (kind) {
                    case "sum" -> r + v;
                    case "min" -> Math.min(r, v);
                    case "max" -> Math.max(r, v);
                    default -> throw new AssertionError(kind);
                };
            }
            return r;
        }
    }

    // ------------------------------------------------------------------------------------------ the parser

    /** A recursive-descent parser over a string of at most {@value #MAX_LENGTH} characters and bounded depth. */
    private static final class Parser {
        static final int MAX_LENGTH = 10_000;
        static final int MAX_DEPTH = 200;
        private final String text;
        private final String path;
        private final List<String> args = new ArrayList<>();
        private int pos;
        private int depth;

        Parser(String text, String path) {
            this.text = text;
            this.path = path;
        }

        Expression parse() {
            if (text.length() > MAX_LENGTH) {
                throw error("is longer than " + MAX_LENGTH + " characters");
            }
            skipSpace();
            if (Expression.isLambda(text.substring(pos))) {
                pos += 6;
                skipSpace();
                while (!peek(':')) {
                    String name = name();
                    if (name == null) {
                        throw error("expected an argument name");
                    }
                    if (args.contains(name)) {
                        throw error("argument '" + name + "' appears twice");
                    }
                    args.add(name);
                    skipSpace();
                    if (peek(',')) {
                        pos++;
                        skipSpace();
                    } else if (!peek(':')) {
                        throw error("expected ',' or ':'");
                    }
                }
                pos++;
            }
            Node n = expression();
            skipSpace();
            if (pos < text.length()) {
                throw error("unexpected '" + text.charAt(pos) + "'");
            }
            return new Expression(text.strip(), args, n);
        }

        private Node expression() {
            enter();
            Node left = term();
            while (true) {
                skipSpace();
                if (peek('+') || peek('-')) {
                    char op = text.charAt(pos++);
                    left = new Binary(op, left, term());
                } else {
                    depth--;
                    return left;
                }
            }
        }

        private Node term() {
            Node left = unary();
            while (true) {
                skipSpace();
                if (peek('*') && !peekAhead("**")) {
                    pos++;
                    left = new Binary('*', left, unary());
                } else if (peek('/')) {
                    pos++;
                    if (peek('/')) {
                        throw error("integer division '//' is not supported");
                    }
                    left = new Binary('/', left, unary());
                } else {
                    return left;
                }
            }
        }

        private Node unary() {
            skipSpace();
            if (peek('-')) {
                pos++;
                enter();
                Node n = new Negate(unary());
                depth--;
                return n;
            }
            if (peek('+')) {
                pos++;
                enter();
                Node n = unary();
                depth--;
                return n;
            }
            return power();
        }

        private Node power() {
            Node base = atom();
            skipSpace();
            if (peekAhead("**")) {
                pos += 2;
                enter();
                Node n = new Binary('^', base, unary());
                depth--;
                return n;
            }
            return base;
        }

        private Node atom() {
            skipSpace();
            if (pos >= text.length()) {
                throw error("ends where a number, name or '(' was expected");
            }
            char c = text.charAt(pos);
            if (c == '(') {
                pos++;
                Node n = expression();
                expect(')');
                return n;
            }
            if (Character.isDigit(c) || c == '.') {
                return new Constant(number());
            }
            String name = dottedName();
            if (name == null) {
                throw error("unexpected '" + c + "'");
            }
            skipSpace();
            String bare = name.startsWith("np.") ? name.substring(3) : name.startsWith("math.") ? name.substring(5) : name;
            if (peek('(')) {
                pos++;
                return call(name, bare);
            }
            int arg = args.indexOf(name);
            if (arg >= 0) {
                return new Argument(arg);
            }
            if (bare.equals("pi")) {
                return new Constant(Math.PI);
            }
            if (bare.equals("e")) {
                return new Constant(Math.E);
            }
            if (bare.equals("inf")) {
                return new Constant(Double.POSITIVE_INFINITY);
            }
            if (name.contains(".")) {
                throw error("'" + name + "' is not supported (only np./math. functions and constants: "
                        + FUNCTIONS.stream().sorted().toList() + ", pi, e)");
            }
            throw error("'" + name + "' is not an argument of the lambda " + args);
        }

        private Node call(String name, String bare) {
            if (bare.equals("sum")) {
                skipSpace();
                boolean list = peek('[');
                if (list) {
                    pos++;
                }
                List<Node> terms = list(list ? ']' : ')');
                if (list) {
                    expect(')');
                }
                return new Reduce("sum", terms.toArray(Node[]::new));
            }
            if ((bare.equals("min") || bare.equals("max")) && !name.startsWith("math.")) {
                List<Node> terms = list(')');
                if (terms.size() < 2) {
                    throw error(bare + "() needs at least two values");
                }
                return new Reduce(bare, terms.toArray(Node[]::new));
            }
            if (!FUNCTIONS.contains(bare) || (name.contains(".") && !name.startsWith("np.") && !name.startsWith("math."))) {
                throw error("function '" + name + "' is not supported; supported: " + FUNCTIONS.stream().sorted().toList()
                        + " (with or without np./math.), sum, min, max");
            }
            Node n = expression();
            expect(')');
            return new Function(bare, n);
        }

        private List<Node> list(char close) {
            List<Node> terms = new ArrayList<>();
            skipSpace();
            if (peek(close)) {
                throw error("an empty list");
            }
            while (true) {
                terms.add(expression());
                skipSpace();
                if (peek(',')) {
                    pos++;
                    skipSpace();
                    if (peek(close)) {
                        pos++;
                        return terms;
                    }
                    continue;
                }
                expect(close);
                return terms;
            }
        }

        private double number() {
            int start = pos;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.' || text.charAt(pos) == '_')) {
                pos++;
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                int save = pos;
                pos++;
                if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                        pos++;
                    }
                } else {
                    pos = save;
                }
            }
            String s = text.substring(start, pos).replace("_", "");
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                pos = start;
                throw error("'" + s + "' is not a number");
            }
        }

        private String name() {
            int start = pos;
            if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
                while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                    pos++;
                }
                return text.substring(start, pos);
            }
            return null;
        }

        private String dottedName() {
            String n = name();
            while (n != null && peek('.') && pos + 1 < text.length() && Character.isLetter(text.charAt(pos + 1))) {
                pos++;
                n = n + "." + name();
            }
            return n;
        }

        private void expect(char c) {
            skipSpace();
            if (!peek(c)) {
                throw error(pos >= text.length() ? "ends where '" + c + "' was expected" : "expected '" + c + "'");
            }
            pos++;
        }

        private boolean peek(char c) {
            return pos < text.length() && text.charAt(pos) == c;
        }

        private boolean peekAhead(String s) {
            return text.startsWith(s, pos);
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private void enter() {
            if (++depth > MAX_DEPTH) {
                throw error("nests deeper than " + MAX_DEPTH + " levels");
            }
        }

        private InvalidOptionException error(String what) {
            String shown = text.length() > 120 ? text.substring(0, 117) + "..." : text;
            return new InvalidOptionException(path, path + ": the expression '" + shown.strip() + "' " + what
                    + (pos < text.length() ? " (at character " + (pos + 1) + ")" : ""));
        }
    }
}
