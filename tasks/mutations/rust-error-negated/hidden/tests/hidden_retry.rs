// Held-out tests: copied in only when the check runs.
use std::time::Duration;

use retry_helper::{retry, RetryError, RetryPolicy};

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

#[test]
fn hidden_backoff_doubles_and_is_capped() {
    let policy = RetryPolicy { max_attempts: 6, base_delay: ms(30), max_delay: ms(200) };
    let mut sleeps = Vec::new();
    let result: Result<(), RetryError<u32>> = retry(&policy, |d| sleeps.push(d), Err);
    assert_eq!(result, Err(RetryError::Exhausted { attempts: 6, last: 6 }));
    assert_eq!(sleeps, vec![ms(30), ms(60), ms(120), ms(200), ms(200)]);
}

#[test]
fn hidden_success_on_every_possible_attempt() {
    for succeed_at in 1..=9u32 {
        let policy = RetryPolicy { max_attempts: 9, base_delay: ms(1), max_delay: ms(1000) };
        let mut calls = Vec::new();
        let mut sleeps = Vec::new();
        let result = retry(&policy, |d| sleeps.push(d), |n| {
            calls.push(n);
            if n == succeed_at { Ok(format!("ok@{n}")) } else { Err(n) }
        });
        assert_eq!(result, Ok(format!("ok@{succeed_at}")), "succeed_at={succeed_at}");
        assert_eq!(calls, (1..=succeed_at).collect::<Vec<_>>(), "succeed_at={succeed_at}");
        let expected: Vec<Duration> = (0..succeed_at - 1).map(|k| ms(1 << k)).collect();
        assert_eq!(sleeps, expected, "succeed_at={succeed_at}");
    }
}

#[test]
fn hidden_single_attempt_never_sleeps() {
    let policy = RetryPolicy { max_attempts: 1, base_delay: ms(50), max_delay: ms(50) };
    let failed: Result<u8, RetryError<&str>> = retry(&policy, |_| panic!("must not sleep"), |_| Err("boom"));
    assert_eq!(failed, Err(RetryError::Exhausted { attempts: 1, last: "boom" }));
    let ok: Result<u8, RetryError<&str>> = retry(&policy, |_| panic!("must not sleep"), |_| Ok(7));
    assert_eq!(ok, Ok(7));
}

#[test]
fn hidden_base_delay_above_cap_is_capped() {
    let policy = RetryPolicy { max_attempts: 4, base_delay: ms(900), max_delay: ms(250) };
    let mut sleeps = Vec::new();
    let result = retry(&policy, |d| sleeps.push(d), |n| if n == 4 { Ok(()) } else { Err(()) });
    assert_eq!(result, Ok(()));
    assert_eq!(sleeps, vec![ms(250), ms(250), ms(250)]);
}
