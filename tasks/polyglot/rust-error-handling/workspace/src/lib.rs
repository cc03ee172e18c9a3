//! Parsing of comma-separated integer lists such as `"3, -1, 42"`.

use std::fmt;

/// The first entry of a list that is not a valid `i64`.
///
/// `index` is the zero-based position of the entry in the list and `value` is
/// the entry's text with surrounding whitespace removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub index: usize,
    pub value: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "entry {} is not an integer: {:?}", self.index, self.value)
    }
}

impl std::error::Error for ParseError {}

/// Parses a comma-separated list of integers.
///
/// Whitespace around each entry is ignored, and an input that is empty or
/// only whitespace is the empty list. Every entry between commas must be a
/// valid `i64` (an empty entry, as in `"1,,2"`, is not). On bad input the
/// result is `Err(ParseError { index, value })` for the first bad entry.
///
/// `parse_list("3, -1, 42")` is `Ok(vec![3, -1, 42])`;
/// `parse_list("3, x, 42")` is `Err(ParseError { index: 1, value: "x".into() })`.
pub fn parse_list(input: &str) -> Result<Vec<i64>, ParseError> {
    if input.trim().is_empty() {
        return Ok(Vec::new());
    }
    let numbers = input
        .split(',')
        .map(|entry| entry.trim().parse::<i64>().unwrap())
        .collect();
    Ok(numbers)
}
