# Held-out tests: copied in only when the check runs.
import random
import unittest
from datetime import datetime, timedelta

from bookings import Booking, conflicts, overlaps

BASE = datetime(2026, 6, 20, 8, 0)


def minutes(start, length, room="r"):
    return Booking(room, BASE + timedelta(minutes=start), BASE + timedelta(minutes=start + length))


class HiddenBookingsTest(unittest.TestCase):
    def test_matches_minute_sets_on_generated_bookings(self):
        rng = random.Random(20260620)
        for _ in range(2000):
            s1, l1 = rng.randint(0, 120), rng.randint(1, 60)
            s2, l2 = rng.randint(0, 120), rng.randint(1, 60)
            expected = bool(set(range(s1, s1 + l1)) & set(range(s2, s2 + l2)))
            a, b = minutes(s1, l1), minutes(s2, l2)
            self.assertEqual(overlaps(a, b), expected, (s1, l1, s2, l2))
            self.assertEqual(overlaps(b, a), expected, (s2, l2, s1, l1))

    def test_generated_schedule_conflicts(self):
        rng = random.Random(7)
        for _ in range(50):
            items = [minutes(rng.randint(0, 300), rng.randint(5, 90), rng.choice("ab")) for _ in range(8)]
            expected = [
                (i, j)
                for i in range(len(items))
                for j in range(i + 1, len(items))
                if items[i].room == items[j].room
                and set(range(int((items[i].start - BASE).total_seconds() // 60), int((items[i].end - BASE).total_seconds() // 60)))
                & set(range(int((items[j].start - BASE).total_seconds() // 60), int((items[j].end - BASE).total_seconds() // 60)))
            ]
            self.assertEqual(conflicts(items), expected)

    def test_days_apart_and_across_midnight(self):
        night = Booking("vault", datetime(2026, 1, 1, 23, 0), datetime(2026, 1, 2, 1, 0))
        early = Booking("vault", datetime(2026, 1, 2, 0, 30), datetime(2026, 1, 2, 2, 0))
        later = Booking("vault", datetime(2026, 1, 5, 9, 0), datetime(2026, 1, 5, 10, 0))
        self.assertTrue(overlaps(night, early))
        self.assertFalse(overlaps(night, later))
        self.assertFalse(overlaps(later, early))
        self.assertEqual(conflicts([night, early, later]), [(0, 1)])

    def test_empty_and_single_schedules(self):
        self.assertEqual(conflicts([]), [])
        self.assertEqual(conflicts([minutes(0, 10)]), [])
        with self.assertRaises(ValueError):
            minutes(10, -5)


if __name__ == "__main__":
    unittest.main()
