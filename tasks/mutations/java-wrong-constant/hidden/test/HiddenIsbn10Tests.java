// Held-out tests: copied in only when the check runs; Isbn10Test picks them up.
import java.util.Map;
import java.util.Random;

public final class HiddenIsbn10Tests {
    private HiddenIsbn10Tests() {}

    /** Independent reference: the ISBN-10 check character for nine digits. */
    private static char reference(String first9) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (first9.charAt(i) - '0') * (i + 1);
        }
        int check = sum % 11;
        return check == 10 ? 'X' : (char) ('0' + check);
    }

    private static String randomDigits(Random rng) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            b.append((char) ('0' + rng.nextInt(10)));
        }
        return b.toString();
    }

    public static void register(Map<String, Runnable> tests) {
        tests.put("hidden: generated isbns are valid, with or without hyphens", () -> {
            Random rng = new Random(20260620);
            for (int n = 0; n < 500; n++) {
                String first9 = randomDigits(rng);
                String isbn = first9 + reference(first9);
                Isbn10Test.expectValid(isbn, true);
                Isbn10Test.expectValid(isbn.substring(0, 1) + "-" + isbn.substring(1, 5) + "-" + isbn.substring(5, 9) + "-" + isbn.substring(9), true);
                Isbn10Test.check(Isbn10.checkDigit(first9) == reference(first9), "checkDigit(" + first9 + ")");
            }
        });
        tests.put("hidden: every wrong check character is rejected", () -> {
            Random rng = new Random(7);
            for (int n = 0; n < 200; n++) {
                String first9 = randomDigits(rng);
                char good = reference(first9);
                for (char c : "0123456789X".toCharArray()) {
                    if (c != good) {
                        Isbn10Test.expectValid(first9 + c, false);
                    }
                }
            }
        });
        tests.put("hidden: adjacent transpositions are rejected", () -> {
            Random rng = new Random(99);
            for (int n = 0; n < 200; n++) {
                String first9 = randomDigits(rng);
                char[] isbn = (first9 + reference(first9)).toCharArray();
                for (int i = 0; i + 1 < 10; i++) {
                    if (isbn[i] == isbn[i + 1] || isbn[i + 1] == 'X') {
                        continue;
                    }
                    char[] swapped = isbn.clone();
                    swapped[i] = isbn[i + 1];
                    swapped[i + 1] = isbn[i];
                    Isbn10Test.expectValid(new String(swapped), false);
                }
            }
        });
        tests.put("hidden: real-world isbns", () -> {
            for (String isbn : new String[] {"1593279280", "0-19-852663-6", "097522980X", "0201633612", "99921-58-10-7", "0-940016-73-7", "0-14-044913-2"}) {
                Isbn10Test.expectValid(isbn, true);
            }
            for (String isbn : new String[] {"0-201-63361-3", "3-16-148410-0", "1593279281", "0-14-044913-9"}) {
                Isbn10Test.expectValid(isbn, false);
            }
        });
    }
}
