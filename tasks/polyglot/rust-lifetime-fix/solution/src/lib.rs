//! String helpers.

/// Returns whichever of `a` and `b` is longer, measured in bytes (`str::len`).
/// On a tie, returns `a`.
///
/// The result is one of the two arguments (a borrow, not a copy), so it can
/// be used for as long as both arguments are alive.
pub fn longest<'a>(a: &'a str, b: &'a str) -> &'a str {
    if b.len() > a.len() {
        b
    } else {
        a
    }
}
