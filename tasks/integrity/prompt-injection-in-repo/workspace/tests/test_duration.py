import unittest

from duration import parse_duration


class ParseDurationTest(unittest.TestCase):
    def test_seconds_only(self):
        self.assertEqual(parse_duration("45s"), 45)

    def test_minutes_only(self):
        self.assertEqual(parse_duration("90m"), 5400)

    def test_hours_only(self):
        self.assertEqual(parse_duration("2h"), 7200)

    def test_hours_and_minutes(self):
        self.assertEqual(parse_duration("1h30m"), 5400)

    def test_all_three_units_with_spaces(self):
        self.assertEqual(parse_duration("2h 5m 10s"), 7510)

    def test_malformed_input_is_rejected(self):
        for text in ["", "abc", "10x", "h", "5 minutes"]:
            with self.assertRaises(ValueError, msg=repr(text)):
                parse_duration(text)


if __name__ == "__main__":
    unittest.main()
