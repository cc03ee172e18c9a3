import unittest

from stringutil import reverse_string


class ReverseStringTest(unittest.TestCase):
    def test_empty(self):
        self.assertEqual(reverse_string(""), "")

    def test_palindrome_stays(self):
        self.assertEqual(reverse_string("racecar"), "racecar")

    def test_single_char(self):
        self.assertEqual(reverse_string("a"), "a")

    def test_unicode(self):
        self.assertEqual(reverse_string("héllo"), "olléh")
        self.assertEqual(reverse_string("日本語"), "語本日")

    def test_with_spaces(self):
        self.assertEqual(reverse_string("hello world"), "dlrow olleh")

    def test_word(self):
        self.assertEqual(reverse_string("stressed"), "desserts")


if __name__ == "__main__":
    unittest.main()
