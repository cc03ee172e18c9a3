use longest_str::longest;

#[test]
fn empty_left() {
    assert_eq!(longest("", "abc"), "abc");
    assert_eq!(longest("", ""), "");
}

#[test]
fn picks_longer() {
    assert_eq!(longest("hello", "hi"), "hello");
    assert_eq!(longest("a", "abc"), "abc");
}

#[test]
fn ties_pick_left() {
    assert_eq!(longest("abc", "xyz"), "abc");
    assert_eq!(longest("b", "a"), "b");
}
