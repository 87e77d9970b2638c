//! Dates as clerks write them (docs/data.md): `2026-03-10`, and the Excel/WPS
//! renderings `2026/3/10`, `2026.3.10` and `2026年3月10日`, each also with a
//! time after it (`2026/11/20 0:00`, dropped), eight digits (`20260310`),
//! and in a date column an Excel serial date ([`parse_cell`]); with a year
//! from 1900 to 2099. A record of this programme is dated in neither century
//! beyond, so `0026-11-10` is a typing error; taken at its word it would
//! start a report's period 2,000 years back and make every figure wrong.

use chrono::{Datelike, NaiveDate};

/// A calendar date. Every date in the data is a plain day, without time.
pub type Date = NaiveDate;

/// Parses one of the four accepted date forms; `None` for anything else,
/// including impossible days such as `2026-02-30` and years outside
/// 1900..=2099.
///
/// The ISO form needs two-digit month and day, as ISO 8601 does; the other
/// forms take one or two digits, as Excel and WPS print them.
pub fn parse(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    // The hot path: ISO dates, as bangcun itself and most tools write them.
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        return ymd(digits(&b[0..4])?, digits(&b[5..7])?, digits(&b[8..10])?);
    }
    if let Some(rest) = text.strip_suffix('日') {
        let (y, rest) = rest.split_once('年')?;
        let (m, d) = rest.split_once('月')?;
        return parts(y, m, d);
    }
    for sep in ['/', '.'] {
        let mut it = text.split(sep);
        if let (Some(y), Some(m), Some(d), None) = (it.next(), it.next(), it.next(), it.next()) {
            return parts(y, m, d).or_else(|| other_forms(text));
        }
    }
    other_forms(text)
}

/// The forms Excel leaves besides the four: a date with a time after it
/// (`2026/11/20 0:00`, `2026-11-20 00:00:00`), and eight digits
/// (`20260310`). Apart: the usual date is one of the four.
#[cold]
fn other_forms(text: &str) -> Option<Date> {
    if let Some((day, time)) = text.split_once(' ') {
        return (is_time(time.trim_start()) && !day.contains(' '))
            .then(|| parse(day))
            .flatten();
    }
    let b = text.as_bytes();
    if b.len() == 8 {
        return ymd(digits(&b[0..4])?, digits(&b[4..6])?, digits(&b[6..8])?);
    }
    None
}

/// `0:00`, `00:00:00`, `8:30`: hours, minutes and perhaps seconds.
fn is_time(text: &str) -> bool {
    let parts: Vec<&str> = text.split(':').collect();
    let number = |s: &str, most: u32| {
        (1..=2).contains(&s.len()) && digits(s.as_bytes()).is_some_and(|n| n <= most)
    };
    matches!(parts.len(), 2 | 3)
        && number(parts[0], 23)
        && parts[1..].iter().all(|p| p.len() == 2 && number(p, 59))
}

/// A date cell's value: a date in one of the forms of [`parse`], or a
/// bare whole number from 20000 to 80000, which is an Excel serial date
/// (days in the 1900 system: 45000 is 2023-03-15) — what a date column
/// shows when Excel lost its date format.
pub fn parse_cell(text: &str) -> Option<Date> {
    parse(text).or_else(|| serial(text))
}

/// An Excel serial date of the 1900 system, 20000 to 80000.
#[cold]
fn serial(text: &str) -> Option<Date> {
    if text.len() != 5 {
        return None;
    }
    let n = digits(text.as_bytes())?;
    if !(20000..=80000).contains(&n) {
        return None;
    }
    // Day 1 is 1900-01-01, and Excel counts a 1900-02-29 that never was:
    // from day 61 on, day n is 1899-12-30 plus n days.
    let day = Date::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(n.into()))?;
    ymd(day.year() as u32, day.month(), day.day())
}

/// Whether `text` is a date written month first, as American Excel shows
/// it (`11/20/26`, `3/10/2026`): three numbers whose last is the year.
/// Such a date is refused, since `3/10/26` could be either day first or
/// month first.
pub fn month_first(text: &str) -> bool {
    let day = text.split(' ').next().unwrap_or(text);
    let parts: Vec<&str> = day.split(['/', '-', '.']).collect();
    let number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    parts.len() == 3
        && parts.iter().all(|p| number(p))
        && parts[0].len() <= 2
        && parts[1].len() <= 2
        && matches!(parts[2].len(), 2 | 4)
}

fn parts(y: &str, m: &str, d: &str) -> Option<Date> {
    if y.len() != 4 || !(1..=2).contains(&m.len()) || !(1..=2).contains(&d.len()) {
        return None;
    }
    ymd(
        digits(y.as_bytes())?,
        digits(m.as_bytes())?,
        digits(d.as_bytes())?,
    )
}

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// The date of a year, month and day, if it is one and its year lies in
/// 1900..=2099 (for dates from TOML too).
pub fn ymd(y: u32, m: u32, d: u32) -> Option<Date> {
    if !(1900..=2099).contains(&y) {
        return None;
    }
    Date::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// The first day of the month holding `day`.
pub fn month_start(day: Date) -> Date {
    day.with_day(1).unwrap_or(day)
}

/// The last day of the month holding `day`.
pub fn month_end(day: Date) -> Date {
    let (y, m) = (day.year(), day.month());
    let next = if m == 12 {
        Date::from_ymd_opt(y + 1, 1, 1)
    } else {
        Date::from_ymd_opt(y, m + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).unwrap_or(day)
}

/// The same day shifted by `months` months, on the 1st (for stepping
/// through months).
pub fn add_months(first: Date, months: i32) -> Date {
    let index = first.year() * 12 + first.month0() as i32 + months;
    Date::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1).unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn iso() {
        assert_eq!(parse("2026-03-10"), Some(d(2026, 3, 10)));
        assert_eq!(parse("2026-3-10"), None);
        assert_eq!(parse("2026-02-30"), None);
        assert_eq!(parse("2026-13-01"), None);
        assert_eq!(parse("20x6-03-10"), None);
    }

    #[test]
    fn slashes() {
        assert_eq!(parse("2026/3/10"), Some(d(2026, 3, 10)));
        assert_eq!(parse("2026/03/10"), Some(d(2026, 3, 10)));
        assert_eq!(parse("2026/3/1/0"), None);
        assert_eq!(parse("26/3/10"), None);
        assert_eq!(parse("2026/003/10"), None);
    }

    #[test]
    fn dots() {
        assert_eq!(parse("2026.3.10"), Some(d(2026, 3, 10)));
        assert_eq!(parse("2026.12.31"), Some(d(2026, 12, 31)));
        assert_eq!(parse("2026.2.29"), None);
    }

    #[test]
    fn chinese() {
        assert_eq!(parse("2026年3月10日"), Some(d(2026, 3, 10)));
        assert_eq!(parse("2026年03月01日"), Some(d(2026, 3, 1)));
        assert_eq!(parse("2026年3月10"), None);
        assert_eq!(parse("3月10日"), None);
    }

    #[test]
    fn years_outside_1900_to_2099_are_typing_errors() {
        assert_eq!(parse("1900-01-01"), Some(d(1900, 1, 1)));
        assert_eq!(parse("2099/12/31"), Some(d(2099, 12, 31)));
        for text in [
            "0026-11-10",
            "1202.2.1",
            "1899年12月31日",
            "2100-01-01",
            "0000-01-01",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    #[test]
    fn rejects_everything_else() {
        for text in [
            "",
            "45000",
            "10/3/2026",
            "2026-03-10T00:00",
            "2026 3 10",
            "２０２６-03-10",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    #[test]
    fn times_eight_digits_and_serials() {
        assert_eq!(parse("2026/11/20 0:00"), Some(d(2026, 11, 20)));
        assert_eq!(parse("2026-11-20 00:00:00"), Some(d(2026, 11, 20)));
        assert_eq!(parse("2026年11月20日 8:30"), Some(d(2026, 11, 20)));
        assert_eq!(parse("20260310"), Some(d(2026, 3, 10)));
        for bad in [
            "2026/11/20 25:00",
            "2026/11/20 x",
            "2026/11/20 0:0",
            "20261310",
            "2026031",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        // 45000 days after 1899-12-30 is 2023-03-15 (Excel shows 45000 so).
        assert_eq!(parse_cell("45000"), Some(d(2023, 3, 15)));
        // 46082: 2026-03-01 (2026-01-01 is 46023; + 59 days).
        assert_eq!(parse_cell("46023"), Some(d(2026, 1, 1)));
        assert_eq!(parse_cell("46082"), Some(d(2026, 3, 1)));
        assert_eq!(parse_cell("20000"), Some(d(1954, 10, 3)));
        for bad in ["19999", "80001", "4500", "45000.5", "-45000"] {
            assert_eq!(parse_cell(bad), None, "{bad}");
        }
        // Not a serial outside a date cell.
        assert_eq!(parse("45000"), None);
    }

    #[test]
    fn month_first_is_told_apart() {
        for text in ["11/20/26", "3/10/2026", "11-20-2026", "3/10/26 0:00"] {
            assert!(month_first(text), "{text}");
            assert_eq!(parse_cell(text), None, "{text}");
        }
        for text in ["2026/3/10", "20260310", "45000", "3/10"] {
            assert!(!month_first(text), "{text}");
        }
    }

    #[test]
    fn month_arithmetic() {
        assert_eq!(month_end(d(2024, 2, 10)), d(2024, 2, 29));
        assert_eq!(month_end(d(2026, 12, 5)), d(2026, 12, 31));
        assert_eq!(month_start(d(2026, 12, 5)), d(2026, 12, 1));
        assert_eq!(add_months(d(2026, 1, 1), -1), d(2025, 12, 1));
        assert_eq!(add_months(d(2026, 11, 1), 2), d(2027, 1, 1));
    }
}
