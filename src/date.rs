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

/// A problem's deadline (整改时限) as a ledger writes it: a day, or
/// long-term (长期坚持: no deadline, never overdue, counted apart).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Deadline {
    On(Date),
    LongTerm,
}

impl Deadline {
    /// The day, unless long-term.
    pub fn day(self) -> Option<Date> {
        match self {
            Deadline::On(day) => Some(day),
            Deadline::LongTerm => None,
        }
    }
}

/// The words of a deadline that is the day the problem was found: put
/// right at once.
pub const AT_ONCE: [&str; 3] = ["立行立改", "即知即改", "立即整改"];

/// The words of a long-term deadline.
pub const LONG_TERM: [&str; 5] = ["长期坚持", "长期整改", "持续整改", "长期", "long-term"];

/// Reads a deadline cell: a date in one of the forms of [`parse_cell`],
/// or a text deadline — `2026年底前`, `2026年6月底前`, `6月底前` (of the
/// year of `found`, or the next one if that is before `found`),
/// `2026年6月30日前`, `6月30日前`, each with or without `前`/`之前`/`以前`
/// and a trailing `完成`; `立行立改` (the deadline is `found`); `长期坚持`,
/// `长期整改`, `持续整改` (long-term). Of several clauses
/// (`立行立改，长期坚持`) the first counts. `None` when it is none of these,
/// or needs `found` and `found` is not known.
pub fn deadline(text: &str, found: Option<Date>) -> Option<Deadline> {
    if let Some(day) = parse_cell(text) {
        return Some(Deadline::On(day));
    }
    text_deadline(text, found)
}

/// The text deadlines of [`deadline`]. Apart: most deadlines are dates.
#[cold]
fn text_deadline(text: &str, found: Option<Date>) -> Option<Deadline> {
    let clause = text
        .split([',', '，', ';', '；', '、', ' ', '\u{3000}'])
        .find(|c| !c.is_empty())?;
    if LONG_TERM.contains(&clause) {
        return Some(Deadline::LongTerm);
    }
    if AT_ONCE.contains(&clause) {
        return found.map(Deadline::On);
    }
    let mut day = clause.strip_suffix("完成").unwrap_or(clause);
    for before in ["之前", "以前", "前"] {
        if let Some(rest) = day.strip_suffix(before) {
            day = rest;
            break;
        }
    }
    if let Some(date) = parse(day) {
        return Some(Deadline::On(date));
    }
    // 2026年底, 2026年6月底, 6月底, 6月30日: the day in a given year.
    let (year, rest) = match day.split_once('年') {
        Some((y, rest)) if y.len() == 4 => (Some(digits(y.as_bytes())?), rest),
        Some(_) => return None,
        None => (None, day),
    };
    let at = |y: u32| -> Option<Date> {
        if rest == "底" {
            ymd(y, 12, 31)
        } else if let Some(month) = rest.strip_suffix("月底") {
            ymd(y, small(month)?, 1).map(month_end)
        } else {
            let (month, d) = rest.strip_suffix('日')?.split_once('月')?;
            ymd(y, small(month)?, small(d)?)
        }
    };
    if rest == "底" && year.is_none() {
        return None;
    }
    let date = match (year, found) {
        (Some(y), _) => at(y)?,
        // A month without a year is of the year found in, or the next.
        (None, Some(found)) => {
            let y = found.year() as u32;
            at(y).filter(|d| *d >= found).or_else(|| at(y + 1))?
        }
        (None, None) => return None,
    };
    Some(Deadline::On(date))
}

/// One or two digits.
fn small(text: &str) -> Option<u32> {
    (1..=2)
        .contains(&text.len())
        .then(|| digits(text.as_bytes()))
        .flatten()
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
    fn text_deadlines() {
        let found = Some(d(2026, 8, 15));
        let on = |y, m, day| Some(Deadline::On(d(y, m, day)));
        assert_eq!(deadline("2026-09-30", found), on(2026, 9, 30));
        assert_eq!(deadline("2026年底前", found), on(2026, 12, 31));
        assert_eq!(deadline("2026年底", found), on(2026, 12, 31));
        assert_eq!(deadline("2026年6月底前", found), on(2026, 6, 30));
        assert_eq!(deadline("2027年2月底前完成", found), on(2027, 2, 28));
        // 10月底: this year's, after 08-15; 6月底: before it, so next year's.
        assert_eq!(deadline("10月底前", found), on(2026, 10, 31));
        assert_eq!(deadline("6月底前", found), on(2027, 6, 30));
        assert_eq!(deadline("2026年6月30日前", found), on(2026, 6, 30));
        assert_eq!(deadline("9月30日之前", found), on(2026, 9, 30));
        assert_eq!(deadline("2026/9/30前", found), on(2026, 9, 30));
        assert_eq!(deadline("立行立改", found), on(2026, 8, 15));
        assert_eq!(deadline("立行立改，长期坚持", found), on(2026, 8, 15));
        assert_eq!(deadline("长期坚持", found), Some(Deadline::LongTerm));
        assert_eq!(
            deadline("持续整改；2026年底前", found),
            Some(Deadline::LongTerm)
        );
        assert_eq!(deadline("长期整改", None), Some(Deadline::LongTerm));
        // Needs the day found, which is not known.
        assert_eq!(deadline("立行立改", None), None);
        assert_eq!(deadline("6月底前", None), None);
        for bad in [
            "尽快",
            "2026年13月底前",
            "26年底前",
            "6月前",
            "年底前",
            "2026年6月31日前",
        ] {
            assert_eq!(deadline(bad, found), None, "{bad}");
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
