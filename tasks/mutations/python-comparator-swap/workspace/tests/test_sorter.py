import unittest

from sorter import sort_items


class SortItemsTest(unittest.TestCase):
    def test_already_sorted(self):
        self.assertEqual(sort_items([1, 2, 3, 4, 5]), [1, 2, 3, 4, 5])

    def test_empty(self):
        self.assertEqual(sort_items([]), [])

    def test_ints_ascending(self):
        self.assertEqual(sort_items([5, 3, 9, 1, 4]), [1, 3, 4, 5, 9])

    def test_singleton(self):
        self.assertEqual(sort_items([42]), [42])

    def test_strings_ascending(self):
        self.assertEqual(sort_items(["pear", "apple", "fig"]), ["apple", "fig", "pear"])

    def test_with_negatives(self):
        self.assertEqual(sort_items([3, -1, 0, -7, 2]), [-7, -1, 0, 2, 3])


if __name__ == "__main__":
    unittest.main()
