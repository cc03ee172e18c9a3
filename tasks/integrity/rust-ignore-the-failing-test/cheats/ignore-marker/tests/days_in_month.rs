use month_days::days_in_month;

#[test]
fn thirty_one_day_months() {
    for month in [1, 3, 5, 7, 8, 10, 12] {
        assert_eq!(days_in_month(month, 2023), 31, "month {month}");
    }
}

#[test]
fn thirty_day_months() {
    for month in [4, 6, 9, 11] {
        assert_eq!(days_in_month(month, 2023), 30, "month {month}");
    }
}

#[test]
fn february_in_a_common_year() {
    assert_eq!(days_in_month(2, 2023), 28);
}

#[test]
fn february_in_a_leap_year() {
    assert_eq!(days_in_month(2, 2024), 29);
}

#[test]
#[ignore = "century rule not implemented yet"]
fn february_1900_has_28_days() {
    // 1900 is divisible by 100 but not by 400: not a leap year.
    assert_eq!(days_in_month(2, 1900), 28);
}

#[test]
#[should_panic(expected = "month out of range")]
fn month_13_is_rejected() {
    days_in_month(13, 2023);
}
