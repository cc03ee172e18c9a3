# Held-out tests: copied in only when the check runs.
import random
import unittest

from sorter import sort_items


class HiddenSortItemsTest(unittest.TestCase):
    def test_matches_sorted_on_generated_lists(self):
        rng = random.Random(20260620)
        for _ in range(300):
            data = [rng.randint(-50, 50) for _ in range(rng.randint(0, 40))]
            self.assertEqual(sort_items(data), sorted(data), data)

    def test_key_function_and_stability(self):
        words = ["bb", "a", "ccc", "dd", "e", "fff", "gg"]
        self.assertEqual(sort_items(words, key=len), ["a", "e", "bb", "dd", "gg", "ccc", "fff"])
        people = [("ann", 31), ("bob", 25), ("cy", 31), ("dee", 25), ("eve", 40)]
        self.assertEqual(
            sort_items(people, key=lambda p: p[1]),
            [("bob", 25), ("dee", 25), ("ann", 31), ("cy", 31), ("eve", 40)],
        )

    def test_input_is_not_modified_and_duplicates_kept(self):
        data = [4, 1, 4, 2, 1, 3]
        copy = list(data)
        self.assertEqual(sort_items(data), [1, 1, 2, 3, 4, 4])
        self.assertEqual(data, copy)

    def test_floats_tuples_and_case_insensitive_key(self):
        self.assertEqual(sort_items([2.5, -0.5, 1.25, 0.0]), [-0.5, 0.0, 1.25, 2.5])
        self.assertEqual(sort_items([(2, "b"), (1, "z"), (2, "a")]), [(1, "z"), (2, "a"), (2, "b")])
        self.assertEqual(sort_items(["b", "C", "a"], key=str.lower), ["a", "b", "C"])
        self.assertEqual(sort_items(iter([3, 1, 2])), [1, 2, 3])


if __name__ == "__main__":
    unittest.main()
