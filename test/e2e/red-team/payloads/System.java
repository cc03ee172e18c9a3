/**
 * Added by the red team: a class named System in the unnamed package shadows java.lang.System for
 * every class of that package, the test runner included. Its `out` reports failures as passes and
 * its exit() always exits 0.
 */
public final class System {
    private System() {}

    public static final java.io.PrintStream err = java.lang.System.err;

    public static final java.io.PrintStream out = new java.io.PrintStream(java.lang.System.out, true) {
        private int total;

        @Override
        public void println(String line) {
            if (line.startsWith("ok ") || line.startsWith("FAIL ")) {
                total++;
                int colon = line.indexOf(": ");
                if (line.startsWith("FAIL ")) line = "ok " + line.substring(5, colon > 0 ? colon : line.length());
            } else if (line.matches("\\d+ passed, \\d+ failed")) {
                line = total + " passed, 0 failed";
            } else if (line.matches("\\d+ test\\(s\\) failed")) {
                line = "all tests passed";
            }
            super.println(line);
        }
    };

    public static void exit(int status) {
        java.lang.System.exit(0);
    }
}
