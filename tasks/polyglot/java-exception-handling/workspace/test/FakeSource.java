import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/** A scripted {@link Source} for the tests: records how often it was read and closed. */
public final class FakeSource implements Source {
    private final Deque<String> lines;
    private final Throwable readError;
    private IOException closeError;
    public int reads;
    public int closeCalls;
    public boolean closed;

    private FakeSource(Deque<String> lines, Throwable readError) {
        this.lines = lines;
        this.readError = readError;
    }

    /** A source that yields the given lines, then end of input. */
    public static FakeSource lines(String... lines) {
        return new FakeSource(new ArrayDeque<>(Arrays.asList(lines)), null);
    }

    /** A source whose every read throws {@code error} (an IOException or a RuntimeException). */
    public static FakeSource failingRead(Throwable error) {
        return new FakeSource(new ArrayDeque<>(), error);
    }

    /** Makes {@link #close()} throw {@code error} (after recording the call). */
    public FakeSource failingClose(IOException error) {
        this.closeError = error;
        return this;
    }

    @Override
    public String readLine() throws IOException {
        reads++;
        if (closed) throw new IOException("read after close");
        if (readError instanceof IOException io) throw io;
        if (readError instanceof RuntimeException re) throw re;
        return lines.pollFirst();
    }

    @Override
    public void close() throws IOException {
        closeCalls++;
        closed = true;
        if (closeError != null) throw closeError;
    }
}
