import java.io.IOException;

/**
 * Plain-main test runner (no JUnit). Prints one "ok <name>" or "FAIL <name>: <reason>" line per test, then
 * "N passed, N failed" and "all tests passed" or "N test(s) failed"; exits 1 if any test failed.
 *
 * <pre>rm -rf out && javac -d out src/*.java test/*.java && java -ea -cp out SafeReaderTest</pre>
 */
public final class SafeReaderTest {
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

    static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    public static void main(String[] args) {
        test("happy returns line", () -> {
            FakeSource source = FakeSource.lines("first", "second");
            String line = SafeReader.readFirstLine(source);
            check("first".equals(line), "expected \"first\", got " + quote(line));
        });

        test("happy closes source", () -> {
            FakeSource source = FakeSource.lines("first");
            SafeReader.readFirstLine(source);
            check(source.closed, "the source was not closed after a successful read");
        });

        test("error propagated", () -> {
            IOException boom = new IOException("disk on fire");
            FakeSource source = FakeSource.failingRead(boom);
            try {
                String line = SafeReader.readFirstLine(source);
                throw new AssertionError("expected the IOException to propagate, but readFirstLine returned " + quote(line));
            } catch (IOException e) {
                check(e == boom, "expected the original IOException, got " + e);
            }
        });

        test("error path closes source", () -> {
            FakeSource source = FakeSource.failingRead(new IOException("disk on fire"));
            try {
                SafeReader.readFirstLine(source);
            } catch (IOException expected) {
                // propagation is checked by "error propagated"
            }
            check(source.closed, "the source was not closed after a failed read");
        });

        runHeldOutTests();

        System.out.println(passed + " passed, " + failed + " failed");
        if (failed == 0) {
            System.out.println("all tests passed");
        } else {
            System.out.println(failed + " test(s) failed");
            System.exit(1);
        }
    }

    /** The benchmark adds a HiddenSafeReaderTests class with more tests when it checks a fix; none here. */
    private static void runHeldOutTests() {
        Class<?> heldOut;
        try {
            heldOut = Class.forName("HiddenSafeReaderTests");
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
