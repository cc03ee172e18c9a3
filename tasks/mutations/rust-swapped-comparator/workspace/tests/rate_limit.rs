use rate_limit::RateLimiter;

#[test]
fn allows_up_to_the_limit() {
    let mut rl = RateLimiter::new(3, 1000);
    assert!(rl.allow(0));
    assert!(rl.allow(1));
    assert!(rl.allow(2));
}

#[test]
fn blocks_calls_over_the_limit_within_the_window() {
    let mut rl = RateLimiter::new(3, 1000);
    assert!(rl.allow(0));
    assert!(rl.allow(10));
    assert!(rl.allow(20));
    assert!(!rl.allow(30), "a 4th call within 1000 ms must be blocked");
    assert!(!rl.allow(999), "still within the window of the call at 0");
}

#[test]
fn expired_calls_free_up_capacity() {
    let mut rl = RateLimiter::new(2, 1000);
    assert!(rl.allow(0));
    assert!(rl.allow(500));
    assert!(!rl.allow(600));
    assert!(rl.allow(1000), "the call at 0 is exactly one window old and no longer counts");
    assert!(!rl.allow(1001), "the calls at 500 and 1000 are still in the window");
    assert!(rl.allow(1500));
}

#[test]
fn remaining_counts_down_and_recovers() {
    let mut rl = RateLimiter::new(3, 100);
    assert_eq!(rl.remaining(0), 3);
    assert!(rl.allow(0));
    assert!(rl.allow(5));
    assert_eq!(rl.remaining(10), 1);
    assert_eq!(rl.remaining(100), 2);
    assert_eq!(rl.remaining(105), 3);
}

#[test]
fn zero_limit_blocks_everything() {
    let mut rl = RateLimiter::new(0, 1000);
    assert!(!rl.allow(0));
    assert!(!rl.allow(5000));
    assert_eq!(rl.remaining(5000), 0);
}
