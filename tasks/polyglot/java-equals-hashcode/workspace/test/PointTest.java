import java.util.List;

/**
 * Plain-main test runner (no JUnit). Prints one "ok <name>" or "FAIL <name>: <reason>" line per test and ends
 * with "N passed, N failed"; exits 1 if any test failed.
 *
 * <pre>rm -rf out && javac -d out src/*.java test/*.java && java -ea -cp out PointTest</pre>
 */
public final class PointTest {
    /** A test body. */
    public interface Body {
        void run() throws Exception;
    }

    private static int passed;
    private static int failed;

    /** Runs one named test. */
    public static void test(String name, Body body) {
        try {
            body.run();
            passed++;
            System.out.println("ok " + name);
        } catch (Throwable t) {
            failed++;
            System.out.println("FAIL " + name + ": " + t);
        }
    }

    /** Fails the current test with {@code message} unless {@code condition} holds. */
    public static void check(boolean condition, String message) {
        if (!condition) throw new AssertionError(message);
    }

    /** Fails the current test unless {@code actual} equals {@code expected}. */
    public static void checkEquals(Object expected, Object actual) {
        check(expected.equals(actual), "expected " + expected + ", got " + actual);
    }

    static Point p(int x, int y) {
        return new Point(x, y);
    }

    public static void main(String[] args) {
        test("equal points are equal", () -> {
            check(p(1, 2).equals(p(1, 2)), "(1, 2) should equal (1, 2)");
            check(!p(1, 2).equals(p(2, 1)), "(1, 2) should not equal (2, 1)");
        });

        test("dedupe removes duplicates", () -> {
            checkEquals(List.of(p(1, 2)), Points.dedupe(List.of(p(1, 2), p(1, 2))));
        });

        test("dedupe keeps first-seen order", () -> {
            List<Point> input = List.of(p(3, 3), p(0, 0), p(3, 3), p(1, 5), p(0, 0), p(1, 5));
            checkEquals(List.of(p(3, 3), p(0, 0), p(1, 5)), Points.dedupe(input));
        });

        test("dedupe keeps distinct points", () -> {
            List<Point> input = List.of(p(0, 1), p(1, 0), p(-1, 0), p(0, -1));
            checkEquals(input, Points.dedupe(input));
        });

        test("dedupe of empty list", () -> {
            checkEquals(List.of(), Points.dedupe(List.of()));
        });

        runHeldOutTests();

        System.out.println(passed + " passed, " + failed + " failed");
        if (failed > 0) {
            System.exit(1);
        }
    }

    /** The benchmark adds a HiddenPointTests class with more tests when it checks a fix; none here. */
    private static void runHeldOutTests() {
        Class<?> heldOut;
        try {
            heldOut = Class.forName("HiddenPointTests");
        } catch (ClassNotFoundException absent) {
            return;
        }
        try {
            heldOut.getMethod("run").invoke(null);
        } catch (ReflectiveOperationException | RuntimeException | Error e) {
            failed++;
            System.out.println("FAIL held-out tests: " + e);
        }
    }
}
