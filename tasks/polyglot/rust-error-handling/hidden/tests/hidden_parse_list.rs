// Held-out tests: copied in only when the check runs.
use int_list::{parse_list, ParseError};

fn bad(index: usize, value: &str) -> Result<Vec<i64>, ParseError> {
    Err(ParseError { index, value: value.to_string() })
}

#[test]
fn hidden_round_trips_generated_lists() {
    for len in 0..30i64 {
        let numbers: Vec<i64> = (0..len).map(|k| (k * 7919 - 100_000) * if k % 2 == 0 { 1 } else { -13 }).collect();
        let text = numbers.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(" ,  ");
        assert_eq!(parse_list(&text), Ok(numbers), "input {text:?}");
    }
    assert_eq!(parse_list(" \t7 ,\n-8 "), Ok(vec![7, -8]));
    assert_eq!(parse_list("9223372036854775807,-9223372036854775808"), Ok(vec![i64::MAX, i64::MIN]));
}

#[test]
fn hidden_reports_the_first_bad_entry_at_every_position() {
    for pos in 0..8usize {
        let entries: Vec<String> = (0..8)
            .map(|k| if k == pos { format!("bad{k}") } else { format!("{}", k * 11) })
            .collect();
        let text = entries.join(", ");
        assert_eq!(parse_list(&text), bad(pos, &format!("bad{pos}")), "input {text:?}");
    }
    assert_eq!(parse_list("a, b, c"), bad(0, "a"));
    assert_eq!(parse_list("1, 2.5, zz"), bad(1, "2.5"));
}

#[test]
fn hidden_value_is_trimmed_but_otherwise_verbatim() {
    assert_eq!(parse_list("5,   twelve  , 6"), bad(1, "twelve"));
    assert_eq!(parse_list("5, 1 2"), bad(1, "1 2"));
    assert_eq!(parse_list("0x10"), bad(0, "0x10"));
    assert_eq!(parse_list("1, 2, ☃"), bad(2, "☃"));
}

#[test]
fn hidden_empty_entries_are_bad_input() {
    assert_eq!(parse_list("1,,2"), bad(1, ""));
    assert_eq!(parse_list("1, 2,"), bad(2, ""));
    assert_eq!(parse_list(",3"), bad(0, ""));
    assert_eq!(parse_list(" , "), bad(0, ""));
}

#[test]
fn hidden_out_of_range_numbers_are_bad_input() {
    assert_eq!(parse_list("1, 9223372036854775808"), bad(1, "9223372036854775808"));
    assert_eq!(parse_list("-9223372036854775809, 1"), bad(0, "-9223372036854775809"));
    assert_eq!(parse_list("-"), bad(0, "-"));
}
