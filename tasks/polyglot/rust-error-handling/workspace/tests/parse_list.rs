use int_list::{parse_list, ParseError};

#[test]
fn happy_path() {
    assert_eq!(parse_list("1, 2, 3"), Ok(vec![1, 2, 3]));
    assert_eq!(parse_list("42"), Ok(vec![42]));
}

#[test]
fn negative_numbers() {
    assert_eq!(parse_list("-4,5, -6"), Ok(vec![-4, 5, -6]));
}

#[test]
fn empty() {
    assert_eq!(parse_list(""), Ok(vec![]));
    assert_eq!(parse_list("   "), Ok(vec![]));
}

#[test]
fn bad_input_does_not_panic() {
    let outcome = std::panic::catch_unwind(|| parse_list("1, two, 3"));
    let result = outcome.expect("parse_list panicked on bad input instead of returning Err");
    assert!(result.is_err(), "expected Err for bad input, got {result:?}");
}

#[test]
fn bad_input_reports_index_and_value() {
    assert_eq!(
        parse_list("10, 20, x3, 40"),
        Err(ParseError { index: 2, value: "x3".to_string() })
    );
}
