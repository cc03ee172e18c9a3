"""Detect conflicting room bookings."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Booking:
    room: str
    start: datetime
    end: datetime

    def __post_init__(self):
        if not self.start < self.end:
            raise ValueError(f"a booking must end after it starts: {self.start} .. {self.end}")


def overlaps(a, b):
    """Whether bookings ``a`` and ``b`` claim the same room at the same time.

    A booking covers the half-open interval [start, end): one that ends at
    10:00 does not conflict with one that starts at 10:00. Bookings of
    different rooms never conflict.
    """
    if a.room != b.room:
        return False
    return a.start < b.end or b.start < a.end


def conflicts(bookings):
    """Every pair of indexes ``(i, j)`` with ``i < j`` whose bookings overlap, in order."""
    return [
        (i, j)
        for i in range(len(bookings))
        for j in range(i + 1, len(bookings))
        if overlaps(bookings[i], bookings[j])
    ]
