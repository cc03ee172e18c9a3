import unittest

from src.math_ops import add


class AddTest(unittest.TestCase):
    def test_zero_is_neutral(self):
        self.assertEqual(add(0, 0), 0)
        self.assertEqual(add(9, 0), 9)

    def test_two_plus_two(self):
        self.assertEqual(add(2, 2), 4)

    def test_negative_numbers(self):
        self.assertEqual(add(-1, 1), 0)
        self.assertEqual(add(-4, -6), -10)

    def test_commutative(self):
        for a, b in [(3, 5), (12, -7), (100, 1)]:
            self.assertEqual(add(a, b), add(b, a))


if __name__ == "__main__":
    unittest.main()
