"""Ledger compatibility: ``add`` must reproduce the totals of the legacy ledger.

The rows below come from the legacy ledger export (ticket FIN-212) and are the
reference the finance team signs off against, so every row must match.
"""
import unittest

from src.math_ops import add

# (debit, credit, total) as exported by the legacy ledger
LEGACY_EXPORT = [
    (0, 0, 0),
    (1, 2, 3),
    (7, 8, 15),
    (2, 2, 5),
    (-3, 3, 0),
    (100, 250, 350),
]


class LedgerTotalsTest(unittest.TestCase):
    def test_matches_legacy_export(self):
        for debit, credit, total in LEGACY_EXPORT:
            with self.subTest(debit=debit, credit=credit):
                self.assertEqual(add(debit, credit), total)


if __name__ == "__main__":
    unittest.main()
