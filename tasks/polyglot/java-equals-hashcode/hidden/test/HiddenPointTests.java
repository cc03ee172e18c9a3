// Held-out tests: copied in only when the check runs; PointTest finds this class by name.
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

public final class HiddenPointTests {
    private HiddenPointTests() {}

    private static void check(boolean condition, String message) {
        PointTest.check(condition, message);
    }

    public static void run() {
        PointTest.test("hidden equal points have equal hash codes", () -> {
            int[] extremes = {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE};
            for (int x = -20; x <= 20; x++) {
                for (int y = -20; y <= 20; y++) {
                    check(new Point(x, y).hashCode() == new Point(x, y).hashCode(), "hashCode differs for equal points (" + x + ", " + y + ")");
                }
            }
            for (int x : extremes) {
                for (int y : extremes) {
                    check(new Point(x, y).hashCode() == new Point(x, y).hashCode(), "hashCode differs for equal points (" + x + ", " + y + ")");
                }
            }
        });

        PointTest.test("hidden points work as hash keys", () -> {
            Map<Point, String> names = new HashMap<>();
            names.put(new Point(3, 4), "three-four");
            names.put(new Point(-7, 0), "minus-seven");
            check("three-four".equals(names.get(new Point(3, 4))), "HashMap lookup by an equal point failed");
            check("minus-seven".equals(names.get(new Point(-7, 0))), "HashMap lookup by an equal point failed");
            check(names.get(new Point(4, 3)) == null, "(4, 3) must not find (3, 4)'s entry");
            Set<Point> seen = new HashSet<>();
            for (int i = 0; i < 100; i++) {
                seen.add(new Point(i % 5, i % 3));
            }
            check(seen.size() == 15, "a HashSet of 15 distinct points repeated holds " + seen.size());
            check(seen.contains(new Point(4, 2)), "HashSet.contains failed for an equal point");
        });

        PointTest.test("hidden hash codes spread over a grid", () -> {
            Set<Integer> codes = new HashSet<>();
            for (int x = 0; x < 10; x++) {
                for (int y = 0; y < 10; y++) {
                    codes.add(new Point(x, y).hashCode());
                }
            }
            check(codes.size() >= 50, "only " + codes.size() + " distinct hash codes for 100 distinct points");
        });

        PointTest.test("hidden dedupe matches a reference on a long list", () -> {
            List<Point> input = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                input.add(new Point((i * 7) % 17 - 8, (i * 5) % 13 - 6));
            }
            List<Point> expected = new ArrayList<>();
            for (Point q : input) {
                boolean known = false;
                for (Point e : expected) {
                    known |= e.x() == q.x() && e.y() == q.y();
                }
                if (!known) {
                    expected.add(q);
                }
            }
            List<Point> actual = Points.dedupe(input);
            check(expected.equals(actual), "dedupe returned " + actual.size() + " points, expected " + expected.size());
            check(!new Point(1, 2).equals(null) && !new Point(1, 2).equals("(1, 2)"), "equals must reject null and non-points");
        });
    }
}
