# Held-out tests: copied in only when the check runs.
import random
import unittest

from stringutil import reverse_string

ALPHABET = "abcxyz XYZ019-_.é日本語ßø😀🎉\t"


class HiddenReverseStringTest(unittest.TestCase):
    def test_matches_reference_on_generated_strings(self):
        rng = random.Random(20260620)
        for _ in range(200):
            s = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 30)))
            self.assertEqual(reverse_string(s), "".join(reversed(s)), repr(s))

    def test_reversing_twice_gives_back_the_input(self):
        for s in ["", "q", "ab", "Was it a car or a cat I saw?", "naïve café", "😀 grin 🎉"]:
            self.assertEqual(reverse_string(reverse_string(s)), s, repr(s))

    def test_astral_characters_stay_whole(self):
        self.assertEqual(reverse_string("a😀b"), "b😀a")
        self.assertEqual(reverse_string("🎉😀"), "😀🎉")

    def test_two_characters_and_punctuation(self):
        self.assertEqual(reverse_string("ab"), "ba")
        self.assertEqual(reverse_string("1, 2, 3!"), "!3 ,2 ,1")


if __name__ == "__main__":
    unittest.main()
