//! Dates as clerks write them (docs/data.md): `2026-03-10`, and the Excel/WPS
//! renderings `2026/3/10`, `2026.3.10` and `2026年3月10日`, with a year from
//! 1900 to 2099. A record of this programme is dated in neither century
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
            return parts(y, m, d);
        }
    }
    None
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
    fn month_arithmetic() {
        assert_eq!(month_end(d(2024, 2, 10)), d(2024, 2, 29));
        assert_eq!(month_end(d(2026, 12, 5)), d(2026, 12, 31));
        assert_eq!(month_start(d(2026, 12, 5)), d(2026, 12, 1));
        assert_eq!(add_months(d(2026, 1, 1), -1), d(2025, 12, 1));
        assert_eq!(add_months(d(2026, 11, 1), 2), d(2027, 1, 1));
    }
}
