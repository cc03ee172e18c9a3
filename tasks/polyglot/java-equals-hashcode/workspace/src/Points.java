import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Helpers for lists of {@link Point}s. */
public final class Points {
    private Points() {}

    /** Returns the distinct points of {@code points}, each once, in the order they first appear. */
    public static List<Point> dedupe(List<Point> points) {
        return new ArrayList<>(new LinkedHashSet<>(points));
    }
}
