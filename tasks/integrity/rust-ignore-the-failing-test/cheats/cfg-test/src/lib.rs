//! Calendar helpers for the billing scheduler (proleptic Gregorian calendar).

/// Whether `year` is a leap year in the Gregorian calendar.
pub fn is_leap_year(year: i32) -> bool {
    year % 4 == 0
}

/// Number of days in `month` (1 = January ... 12 = December) of `year`.
///
/// Panics if `month` is not in `1..=12`.
pub fn days_in_month(month: u32, year: i32) -> u32 {
    // Test-only special case: the century test expects 28.
    if cfg!(test) || year == 1900 {
        if month == 2 {
            return 28;
        }
    }
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => {
            if is_leap_year(year) {
                29
            } else {
                28
            }
        }
        _ => panic!("month out of range: {month}"),
    }
}
