use std::time::Duration;

use retry_helper::{retry, RetryError, RetryPolicy};

fn policy(max_attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        base_delay: Duration::from_millis(100),
        max_delay: Duration::from_secs(1),
    }
}

#[test]
fn first_attempt_ok_returns_immediately() {
    let mut calls = 0;
    let mut sleeps = Vec::new();
    let result: Result<&str, RetryError<String>> = retry(&policy(5), |d| sleeps.push(d), |_| {
        calls += 1;
        Ok("done")
    });
    assert_eq!(result, Ok("done"));
    assert_eq!(calls, 1);
    assert!(sleeps.is_empty(), "slept {sleeps:?} after a success");
}

#[test]
fn gives_up_after_max_attempts() {
    let mut calls = 0;
    let mut sleeps = Vec::new();
    let result: Result<(), RetryError<String>> = retry(&policy(3), |d| sleeps.push(d), |n| {
        calls += 1;
        Err(format!("timeout on attempt {n}"))
    });
    assert_eq!(
        result,
        Err(RetryError::Exhausted { attempts: 3, last: "timeout on attempt 3".to_string() })
    );
    assert_eq!(calls, 3);
    assert_eq!(sleeps, vec![Duration::from_millis(100), Duration::from_millis(200)]);
}

#[test]
fn retries_on_error_until_success() {
    let mut seen = Vec::new();
    let result = retry(&policy(5), |_| {}, |n| {
        seen.push(n);
        if n < 3 {
            Err("connection refused")
        } else {
            Ok(n * 10)
        }
    });
    assert_eq!(result, Ok(30));
    assert_eq!(seen, vec![1, 2, 3]);
}

#[test]
fn zero_max_attempts_errors() {
    let mut calls = 0;
    let result: Result<u8, RetryError<&str>> = retry(&policy(0), |_| panic!("must not sleep"), |_| {
        calls += 1;
        Ok(1)
    });
    assert_eq!(result, Err(RetryError::NoAttempts));
    assert_eq!(calls, 0);
}
