import java.util.ArrayList;
import java.util.List;

/** Helpers for lists of {@link Point}s. */
public final class Points {
    private Points() {}

    /** Returns the distinct points of {@code points}, each once, in the order they first appear. */
    public static List<Point> dedupe(List<Point> points) {
        List<Point> result = new ArrayList<>();
        for (Point point : points) {
            if (!result.contains(point)) {
                result.add(point);
            }
        }
        return result;
    }
}
