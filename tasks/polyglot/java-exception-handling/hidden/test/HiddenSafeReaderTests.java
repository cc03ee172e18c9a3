// Held-out tests: copied in only when the check runs; SafeReaderTest finds this class by name.
import java.io.IOException;
import java.util.Arrays;

public final class HiddenSafeReaderTests {
    private HiddenSafeReaderTests() {}

    private static void check(boolean condition, String message) {
        SafeReaderTest.check(condition, message);
    }

    public static void run() {
        SafeReaderTest.test("hidden unchecked read error propagated and source closed", () -> {
            IllegalStateException boom = new IllegalStateException("decoder broke");
            FakeSource source = FakeSource.failingRead(boom);
            try {
                SafeReader.readFirstLine(source);
                throw new AssertionError("expected the IllegalStateException to propagate");
            } catch (IllegalStateException e) {
                check(e == boom, "expected the original exception, got " + e);
            }
            check(source.closeCalls == 1, "expected exactly one close, got " + source.closeCalls);
        });

        SafeReaderTest.test("hidden close failure after a good read propagates", () -> {
            IOException closeBoom = new IOException("flush failed");
            FakeSource source = FakeSource.lines("x").failingClose(closeBoom);
            try {
                String line = SafeReader.readFirstLine(source);
                throw new AssertionError("expected the close IOException to propagate, got " + SafeReaderTest.quote(line));
            } catch (IOException e) {
                check(e == closeBoom, "expected the close error, got " + e);
            }
        });

        SafeReaderTest.test("hidden read error wins over close error", () -> {
            IOException readBoom = new IOException("read failed");
            IOException closeBoom = new IOException("close failed");
            FakeSource source = FakeSource.failingRead(readBoom).failingClose(closeBoom);
            try {
                SafeReader.readFirstLine(source);
                throw new AssertionError("expected an IOException");
            } catch (IOException e) {
                check(e == readBoom, "expected the read error, got " + e);
                check(Arrays.asList(e.getSuppressed()).contains(closeBoom),
                        "the close error should be attached as suppressed, got " + Arrays.toString(e.getSuppressed()));
            }
            check(source.closeCalls == 1, "expected exactly one close, got " + source.closeCalls);
        });

        SafeReaderTest.test("hidden empty source returns null and closes once", () -> {
            for (int i = 0; i < 3; i++) {
                FakeSource source = i == 0 ? FakeSource.lines() : FakeSource.lines("line " + i, "rest");
                String line = SafeReader.readFirstLine(source);
                String want = i == 0 ? null : "line " + i;
                check(want == null ? line == null : want.equals(line), "expected " + SafeReaderTest.quote(want) + ", got " + SafeReaderTest.quote(line));
                check(source.reads == 1, "expected exactly one read, got " + source.reads);
                check(source.closeCalls == 1, "expected exactly one close, got " + source.closeCalls);
            }
        });
    }
}
