/** ISBN-10 validation and check digits. */
public final class Isbn10 {
    private Isbn10() {}

    /**
     * Whether {@code isbn} is a valid ISBN-10. Hyphens and spaces are ignored; what remains must be
     * nine digits followed by a check character, a digit or 'X' (which stands for 10), such that the
     * weighted sum 10*d1 + 9*d2 + ... + 2*d9 + 1*d10 is a multiple of 11.
     */
    public static boolean isValid(String isbn) {
        if (isbn == null) {
            return false;
        }
        String s = isbn.replace("-", "").replace(" ", "");
        if (s.length() != 10) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            char c = s.charAt(i);
            int value;
            if (c >= '0' && c <= '9') {
                value = c - '0';
            } else if (i == 9 && (c == 'X' || c == 'x')) {
                value = 10;
            } else {
                return false;
            }
            sum += (10 - i) * value;
        }
        return sum % 11 == 0;
    }

    /** The check character ('0'..'9' or 'X') that completes the nine digits {@code first9}. */
    public static char checkDigit(String first9) {
        if (first9 == null || !first9.matches("[0-9]{9}")) {
            throw new IllegalArgumentException("expected nine digits, got " + first9);
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (10 - i) * (first9.charAt(i) - '0');
        }
        int check = (11 - sum % 11) % 11;
        return check == 10 ? 'X' : (char) ('0' + check);
    }
}
