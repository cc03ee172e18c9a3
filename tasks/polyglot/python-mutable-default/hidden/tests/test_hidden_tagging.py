# Held-out tests: copied in only when the check runs.
import unittest

from tagging import add_tag, tags_for


class HiddenAddTagTest(unittest.TestCase):
    def test_earlier_results_are_not_changed_by_later_calls(self):
        first = add_tag("alpha")
        second = add_tag("beta")
        self.assertEqual(first, ["alpha"])
        self.assertEqual(second, ["beta"])
        self.assertIsNot(first, second)

    def test_many_default_calls_each_get_one_tag(self):
        results = [add_tag(f"tag-{i}") for i in range(50)]
        for i, result in enumerate(results):
            self.assertEqual(result, [f"tag-{i}"])

    def test_explicit_list_does_not_affect_default(self):
        mine = []
        add_tag("mine-1", mine)
        add_tag("mine-2", mine)
        self.assertEqual(add_tag("fresh"), ["fresh"])
        self.assertEqual(mine, ["mine-1", "mine-2"])
        self.assertEqual(add_tag("mine-1", mine), ["mine-1", "mine-2"])

    def test_tags_for_many_products_are_independent(self):
        products = [
            {"name": f"p{i}", "category": f"cat-{i % 4}", "discount": i % 3 == 0}
            for i in range(12)
        ]
        results = [tags_for(p) for p in products]
        for p, tags in zip(products, results):
            expected = [p["category"]] + (["sale"] if p["discount"] else [])
            self.assertEqual(tags, expected, p["name"])


if __name__ == "__main__":
    unittest.main()
