/** An immutable point on the integer grid. Two points are equal when both coordinates are. */
public final class Point {
    private final int x;
    private final int y;

    public Point(int x, int y) {
        this.x = x;
        this.y = y;
    }

    public int x() {
        return x;
    }

    public int y() {
        return y;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Point)) {
            return false;
        }
        Point that = (Point) other;
        return x == that.x && y == that.y;
    }

    @Override
    public String toString() {
        return "(" + x + ", " + y + ")";
    }
}
