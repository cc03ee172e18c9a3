// Held-out tests: copied in only when the check runs.
use owner_borrow::join_with;

#[test]
fn hidden_many_items_match_a_reference_rendering() {
    let items: Vec<String> = (0..40).map(|n| format!("item{n}")).collect();
    let (text, len) = join_with("numbers".to_string(), &items);
    let mut expected = String::from("numbers: ");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            expected.push_str(", ");
        }
        expected.push_str(item);
    }
    assert_eq!(text, expected);
    assert_eq!(len, 7);
}

#[test]
fn hidden_prefix_len_tracks_every_prefix() {
    for prefix in ["a", "ab", "longer prefix", "ünïcödé", "日本語", "tab\there"] {
        let (text, len) = join_with(prefix.to_string(), &["z".to_string()]);
        assert_eq!(len, prefix.len(), "prefix {prefix:?}");
        assert_eq!(text, format!("{prefix}: z"));
    }
}

#[test]
fn hidden_items_are_not_modified_and_can_be_reused() {
    let items = vec!["one".to_string(), "two".to_string()];
    let first = join_with("p".to_string(), &items);
    let second = join_with("q".to_string(), &items);
    assert_eq!(items, vec!["one".to_string(), "two".to_string()]);
    assert_eq!(first, ("p: one, two".to_string(), 1));
    assert_eq!(second, ("q: one, two".to_string(), 1));
}
