import unittest

from tagging import add_tag, tags_for


class AddTagTest(unittest.TestCase):
    def test_default_starts_empty(self):
        self.assertEqual(add_tag("red"), ["red"])
        self.assertEqual(add_tag("blue"), ["blue"])

    def test_given_list_is_updated_in_place(self):
        tags = ["a"]
        result = add_tag("b", tags)
        self.assertIs(result, tags)
        self.assertEqual(tags, ["a", "b"])

    def test_no_duplicates(self):
        self.assertEqual(add_tag("a", ["a"]), ["a"])

    def test_returned_lists_are_independent(self):
        first = add_tag("x")
        first.append("y")
        self.assertEqual(add_tag("z"), ["z"])

    def test_tags_for_products_do_not_leak(self):
        shirt = {"name": "shirt", "category": "clothing", "discount": 10}
        book = {"name": "book", "category": "books"}
        self.assertEqual(tags_for(shirt), ["clothing", "sale"])
        self.assertEqual(tags_for(book), ["books"])


if __name__ == "__main__":
    unittest.main()
