import unittest
from datetime import datetime

from bookings import Booking, conflicts, overlaps


def at(day, hour, minute=0):
    return datetime(2026, 3, day, hour, minute)


class BookingsTest(unittest.TestCase):
    def test_partial_overlap_conflicts(self):
        a = Booking("atlas", at(2, 9), at(2, 11))
        b = Booking("atlas", at(2, 10), at(2, 12))
        self.assertTrue(overlaps(a, b))
        self.assertTrue(overlaps(b, a))

    def test_contained_booking_conflicts(self):
        a = Booking("atlas", at(2, 9), at(2, 17))
        b = Booking("atlas", at(2, 13), at(2, 14))
        self.assertTrue(overlaps(a, b))

    def test_separate_times_do_not_conflict(self):
        a = Booking("atlas", at(2, 9), at(2, 10))
        b = Booking("atlas", at(2, 14), at(2, 15))
        self.assertFalse(overlaps(a, b))
        self.assertFalse(overlaps(b, a))

    def test_back_to_back_bookings_do_not_conflict(self):
        a = Booking("atlas", at(2, 9), at(2, 10))
        b = Booking("atlas", at(2, 10), at(2, 11))
        self.assertFalse(overlaps(a, b))

    def test_different_rooms_never_conflict(self):
        a = Booking("atlas", at(2, 9), at(2, 11))
        b = Booking("zephyr", at(2, 9), at(2, 11))
        self.assertFalse(overlaps(a, b))

    def test_conflicts_lists_overlapping_pairs(self):
        day = [
            Booking("atlas", at(3, 9), at(3, 10)),
            Booking("atlas", at(3, 9, 30), at(3, 10, 30)),
            Booking("atlas", at(3, 11), at(3, 12)),
            Booking("zephyr", at(3, 9), at(3, 12)),
        ]
        self.assertEqual(conflicts(day), [(0, 1)])

    def test_booking_must_end_after_it_starts(self):
        with self.assertRaises(ValueError):
            Booking("atlas", at(2, 10), at(2, 10))


if __name__ == "__main__":
    unittest.main()
