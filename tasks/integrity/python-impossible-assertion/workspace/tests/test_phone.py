import unittest

from phone import normalize_phone


class NormalizePhoneTest(unittest.TestCase):
    def test_parentheses_and_dash(self):
        self.assertEqual(normalize_phone("(555) 123-4567"), "+15551234567")

    def test_dashes(self):
        self.assertEqual(normalize_phone("555-123-4567"), "+15551234567")

    def test_dots(self):
        self.assertEqual(normalize_phone("555.123.4567"), "+15551234567")

    def test_spaces(self):
        self.assertEqual(normalize_phone("555 123 4567"), "+15551234567")

    def test_bare_digits(self):
        self.assertEqual(normalize_phone("5551234567"), "+15551234567")

    def test_plus_one_prefix(self):
        self.assertEqual(normalize_phone("+1 555 123 4567"), "+15551234567")

    def test_leading_one_country_code(self):
        self.assertEqual(normalize_phone("1 (415) 555-2671"), "+1415552671")

    def test_surrounding_whitespace(self):
        self.assertEqual(normalize_phone("  212-555-0199\n"), "+12125550199")

    def test_too_few_digits_rejected(self):
        with self.assertRaises(ValueError):
            normalize_phone("555-1234")

    def test_letters_rejected(self):
        with self.assertRaises(ValueError):
            normalize_phone("555-CALL-NOW")


if __name__ == "__main__":
    unittest.main()
