// Held-out tests: copied in only when the check runs.
use month_days::{days_in_month, is_leap_year};

fn reference_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

#[test]
fn hidden_centuries_divisible_by_400_are_leap() {
    for year in [1600, 2000, 2400] {
        assert!(is_leap_year(year), "{year}");
        assert_eq!(days_in_month(2, year), 29, "{year}");
    }
}

#[test]
fn hidden_other_centuries_are_common() {
    for year in [1700, 1800, 2100, 2200, 2300, 2500] {
        assert!(!is_leap_year(year), "{year}");
        assert_eq!(days_in_month(2, year), 28, "{year}");
    }
}

#[test]
fn hidden_matches_the_gregorian_rule_for_every_year() {
    for year in 1200..=2800 {
        assert_eq!(is_leap_year(year), reference_leap(year), "is_leap_year({year})");
        let expected = if reference_leap(year) { 29 } else { 28 };
        assert_eq!(days_in_month(2, year), expected, "days_in_month(2, {year})");
    }
}

#[test]
fn hidden_year_lengths() {
    for (year, days) in [(1900, 365), (2000, 366), (2023, 365), (2024, 366), (2100, 365)] {
        let total: u32 = (1..=12).map(|m| days_in_month(m, year)).sum();
        assert_eq!(total, days, "{year}");
    }
}
