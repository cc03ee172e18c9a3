// Held-out tests: copied in only when the check runs.
use longest_str::longest;

#[test]
fn hidden_returns_a_borrow_of_the_chosen_argument() {
    let a = String::from("same");
    let b = String::from("same");
    let r = longest(&a, &b);
    assert!(std::ptr::eq(r, a.as_str()), "a tie must return `a` itself");
    let c = String::from("a longer one");
    let r = longest(&a, &c);
    assert!(std::ptr::eq(r, c.as_str()), "must return `b` itself when it is longer");
    let r = longest(&c, &a);
    assert!(std::ptr::eq(r, c.as_str()), "must return `a` itself when it is longer");
}

#[test]
fn hidden_works_with_strings_built_at_run_time() {
    let words: Vec<String> = (0..30).map(|n| "x".repeat((n * 5) % 11) + &n.to_string()).collect();
    let mut best: &str = "";
    for w in &words {
        best = longest(best, w);
    }
    let mut expected: &str = "";
    for w in &words {
        if w.len() > expected.len() {
            expected = w;
        }
    }
    assert!(std::ptr::eq(best, expected), "got {best:?}, expected {expected:?}");
}

#[test]
fn hidden_counts_bytes_and_handles_subslices() {
    let text = String::from("héllo wörld");
    let (left, right) = text.split_at(6);
    assert_eq!((left, right), ("héllo", " wörld"));
    assert!(std::ptr::eq(longest(left, right), right));
    assert!(std::ptr::eq(longest(&text[..3], &text[3..5]), &text[..3]));
    assert_eq!(longest("é", "ab"), "é");
    assert_eq!(longest("ab", "é"), "ab");
    assert_eq!(longest("ab", "日"), "日");
}
