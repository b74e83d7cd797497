package org.cosmoemu.inference.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.cosmoemu.api.InvalidOptionException;
import org.junit.jupiter.api.Test;

/** The lambdas of cobaya input files, checked against Python's arithmetic worked out by hand. */
class ExpressionTest {

    private static double eval(String text, double... args) {
        return Expression.compile(text, "params.x.value").evaluate(args);
    }

    @Test
    void arithmeticFollowsPythonPrecedence() {
        assertEquals(7.0, eval("lambda: 1 + 2 * 3"));
        assertEquals(9.0, eval("lambda: (1 + 2) * 3"));
        assertEquals(-4.0, eval("lambda: -2**2"), "unary minus binds looser than **");
        assertEquals(512.0, eval("lambda: 2**3**2"), "** is right-associative");
        assertEquals(0.5, eval("lambda: 2**-1"));
        assertEquals(2.5, eval("lambda: 10 / 4"));
        assertEquals(1e-2, eval("lambda: 1.e-2"));
        assertEquals(1e-10 * Math.exp(3.05), eval("lambda logA: 1e-10*np.exp(logA)", 3.05), 0.0);
        assertEquals(0.8 * Math.pow(0.6736, -0.5), eval("lambda sigma8, H0: sigma8*(H0*1e-2)**(-0.5)", 0.8, 67.36), 1e-15);
        assertEquals(Math.sqrt(2) + Math.log(3) + Math.log10(100) + Math.PI, eval("lambda a: np.sqrt(a) + math.log(3) + "
                + "np.log10(100) + np.pi", 2), 1e-15);
        assertEquals(6.0, eval("lambda a, b, c: sum([a, b, c])", 1, 2, 3));
        assertEquals(6.0, eval("lambda a, b, c: sum([a,\n b, c,])", 1, 2, 3), "lists may span lines and end with ','");
        assertEquals(3.0, eval("lambda a, b: max(a, b)", 1, 3));
        assertEquals(Math.E, eval("np.e"), "a bare expression is a lambda of nothing");
    }

    @Test
    void argumentsAreNamedInOrder() {
        Expression x = Expression.compile("lambda theta_MC_100: 1.e-2*theta_MC_100", "p");
        assertEquals(List.of("theta_MC_100"), x.arguments());
        assertEquals(0.0104109, x.evaluate(Map.of("theta_MC_100", 1.04109)), 1e-17);
        assertTrue(Expression.isLambda("lambda a: a") && !Expression.isLambda("lambdas") && !Expression.isLambda("0.5"));
    }

    @Test
    void anythingOutsideTheGrammarIsRefusedWithItsPath() {
        String[] bad = {"lambda a: b", "lambda a: __import__('os').system('x')", "lambda a: a.real", "lambda a: np.random(a)",
            "lambda a: stats.norm.logpdf(a, loc=0, scale=1)", "lambda a: a +", "lambda a: a // 2", "lambda a, a: a",
            "lambda a: [a]", "lambda a: 'text'", "lambda a: (a", "lambda a: sum([])"};
        for (String b : bad) {
            InvalidOptionException e = assertThrows(InvalidOptionException.class,
                    () -> Expression.compile(b, "params.x.derived"), b);
            assertEquals("params.x.derived", e.option(), b);
            assertTrue(e.getMessage().startsWith("params.x.derived: the expression"), e.getMessage());
        }
        String deep = "lambda a: " + "(".repeat(3000) + "a" + ")".repeat(3000);
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> Expression.compile(deep, "p"));
        assertTrue(e.getMessage().contains("nests deeper"), e.getMessage());
    }
}
