//! Small string helpers for rendering labelled lists.
//!
//! `join_with` renders a prefix followed by a comma-separated list of items,
//! for example `fruits: apple, pear`, and also reports the length in bytes of
//! the prefix so that callers can align several labelled lines.

/// Returns `("<prefix>: <item>, <item>, ...", prefix.len())`.
pub fn join_with(prefix: String, items: &[String]) -> (String, usize) {
    let body = items.join(", ");
    let result = prefix + ": " + &body;
    let prefix_len = prefix.len(); // <-- borrow of moved value
    (result, prefix_len)
}
