use owner_borrow::join_with;

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn joins_items_after_prefix() {
    let (text, len) = join_with("fruits".to_string(), &strings(&["apple", "pear"]));
    assert_eq!(text, "fruits: apple, pear");
    assert_eq!(len, 6);
}

#[test]
fn single_item() {
    let (text, len) = join_with("x".to_string(), &strings(&["1"]));
    assert_eq!(text, "x: 1");
    assert_eq!(len, 1);
}

#[test]
fn empty_items_keep_the_separator() {
    let (text, len) = join_with("empty".to_string(), &[]);
    assert_eq!(text, "empty: ");
    assert_eq!(len, 5);
}

#[test]
fn prefix_len_counts_bytes() {
    let (text, len) = join_with("café".to_string(), &strings(&["au lait"]));
    assert_eq!(text, "café: au lait");
    assert_eq!(len, 5);
}

#[test]
fn empty_prefix() {
    let (text, len) = join_with(String::new(), &strings(&["a", "b"]));
    assert_eq!(text, ": a, b");
    assert_eq!(len, 0);
}
