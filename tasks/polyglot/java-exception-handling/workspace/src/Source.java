import java.io.Closeable;
import java.io.IOException;

/** A line-oriented input, such as a file or a socket, that must be closed after use. */
public interface Source extends Closeable {
    /** Returns the next line, or null at the end of the input. */
    String readLine() throws IOException;
}
