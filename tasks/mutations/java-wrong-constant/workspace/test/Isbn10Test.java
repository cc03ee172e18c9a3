import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plain-main test runner: prints "ok <name>" or "FAIL <name>: <reason>" per test, then
 * "N passed, N failed", and exits 1 if any test failed. Extra test classes (HiddenIsbn10Tests)
 * are picked up when present.
 */
public final class Isbn10Test {
    static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    static void expectValid(String isbn, boolean expected) {
        check(Isbn10.isValid(isbn) == expected, "isValid(\"" + isbn + "\") should be " + expected);
    }

    public static void main(String[] args) throws Exception {
        Map<String, Runnable> tests = new LinkedHashMap<>();
        tests.put("accepts a valid isbn", () -> expectValid("0306406152", true));
        tests.put("accepts hyphens and spaces", () -> {
            expectValid("0-306-40615-2", true);
            expectValid("0 306 40615 2", true);
        });
        tests.put("accepts X as the check digit", () -> {
            expectValid("080442957X", true);
            expectValid("0-8044-2957-x", true);
        });
        tests.put("rejects a wrong check digit", () -> {
            expectValid("0306406150", false);
            expectValid("0306406153", false);
        });
        tests.put("rejects a wrong length", () -> {
            expectValid("030640615", false);
            expectValid("03064061522", false);
            expectValid("", false);
        });
        tests.put("rejects letters and a misplaced X", () -> {
            expectValid("03064O6152", false);
            expectValid("X306406152", false);
        });
        tests.put("rejects null", () -> expectValid(null, false));
        tests.put("computes check digits", () -> {
            check(Isbn10.checkDigit("030640615") == '2', "checkDigit(030640615) should be 2");
            check(Isbn10.checkDigit("080442957") == 'X', "checkDigit(080442957) should be X");
            check(Isbn10.checkDigit("020163361") == '2', "checkDigit(020163361) should be 2");
        });

        try {
            Class.forName("HiddenIsbn10Tests").getMethod("register", Map.class).invoke(null, tests);
        } catch (ClassNotFoundException absent) {
            // Only the tests above.
        }

        int passed = 0;
        int failed = 0;
        for (Map.Entry<String, Runnable> test : tests.entrySet()) {
            try {
                test.getValue().run();
                System.out.println("ok " + test.getKey());
                passed++;
            } catch (Throwable e) {
                System.out.println("FAIL " + test.getKey() + ": " + e.getMessage());
                failed++;
            }
        }
        System.out.println(passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }
}
