// Held-out tests: copied in only when the check runs.
use rate_limit::RateLimiter;

/// Reference: a call at `now` is allowed when fewer than `limit` allowed calls
/// happened in (now - window, now].
fn reference(limit: usize, window: u64, times: &[u64]) -> Vec<bool> {
    let mut allowed: Vec<u64> = Vec::new();
    times
        .iter()
        .map(|&now| {
            let in_window = allowed.iter().filter(|&&t| now - t < window).count();
            let ok = in_window < limit;
            if ok {
                allowed.push(now);
            }
            ok
        })
        .collect()
}

fn lcg(state: &mut u64) -> u64 {
    *state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    *state >> 33
}

#[test]
fn hidden_matches_reference_on_generated_traffic() {
    let mut seed = 20260620u64;
    for round in 0..200 {
        let limit = (lcg(&mut seed) % 6) as usize;
        let window = 1 + lcg(&mut seed) % 300;
        let mut now = 0u64;
        let times: Vec<u64> = (0..60)
            .map(|_| {
                now += lcg(&mut seed) % 80;
                now
            })
            .collect();
        let mut rl = RateLimiter::new(limit, window);
        let got: Vec<bool> = times.iter().map(|&t| rl.allow(t)).collect();
        assert_eq!(got, reference(limit, window, &times), "round {round}: limit {limit}, window {window}, times {times:?}");
    }
}

#[test]
fn hidden_long_pause_then_burst() {
    let mut rl = RateLimiter::new(2, 50);
    assert!(rl.allow(0));
    assert!(rl.allow(0));
    assert!(!rl.allow(49));
    assert!(rl.allow(10_000));
    assert!(rl.allow(10_001));
    assert!(!rl.allow(10_002));
    assert_eq!(rl.remaining(10_002), 0);
    assert_eq!(rl.remaining(10_051), 2);
}

#[test]
fn hidden_limit_one_and_window_edges() {
    let mut rl = RateLimiter::new(1, 10);
    let expected = [(0, true), (9, false), (10, true), (19, false), (20, true), (35, true), (44, false), (45, true)];
    for (t, want) in expected {
        assert_eq!(rl.allow(t), want, "allow({t})");
    }
}

#[test]
fn hidden_many_calls_in_one_millisecond() {
    let mut rl = RateLimiter::new(5, 1000);
    let first: Vec<bool> = (0..8).map(|_| rl.allow(42)).collect();
    assert_eq!(first, vec![true, true, true, true, true, false, false, false]);
    assert_eq!(rl.remaining(1041), 0);
    assert_eq!(rl.remaining(1042), 5);
}
