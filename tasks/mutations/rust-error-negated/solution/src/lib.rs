//! A small retry helper with exponential backoff.
//!
//! `retry` calls an operation until it succeeds or the policy's attempt budget
//! is spent, sleeping between attempts. The sleep function is injected so that
//! callers (and tests) decide how time passes.

use std::time::Duration;

/// How often to try and how long to wait in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Total number of calls allowed, including the first one.
    pub max_attempts: u32,
    /// Delay before the second attempt; it doubles after every failure.
    pub base_delay: Duration,
    /// Upper bound for any single delay.
    pub max_delay: Duration,
}

/// Why `retry` gave up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RetryError<E> {
    /// The policy allows zero attempts, so the operation was never called.
    NoAttempts,
    /// Every attempt failed; `last` is the error of the final attempt.
    Exhausted { attempts: u32, last: E },
}

/// Calls `op(attempt)` (attempts are numbered from 1) until it returns `Ok`
/// or `policy.max_attempts` calls have failed. Between two attempts it calls
/// `sleep` with the current delay: `base_delay`, then twice that, and so on,
/// never more than `max_delay`. It never sleeps after the last attempt.
pub fn retry<T, E, S, F>(policy: &RetryPolicy, mut sleep: S, mut op: F) -> Result<T, RetryError<E>>
where
    S: FnMut(Duration),
    F: FnMut(u32) -> Result<T, E>,
{
    if policy.max_attempts == 0 {
        return Err(RetryError::NoAttempts);
    }
    let mut attempt = 1;
    let mut delay = policy.base_delay.min(policy.max_delay);
    loop {
        let result = op(attempt);
        if result.is_ok() || attempt >= policy.max_attempts {
            return result.map_err(|last| RetryError::Exhausted { attempts: attempt, last });
        }
        sleep(delay);
        delay = delay.saturating_mul(2).min(policy.max_delay);
        attempt += 1;
    }
}
