//! The Japanese era calendar (和暦) for dates from 1868: which era a date falls in and its year within the era, and
//! the reverse, for dates of birth entered as 昭和49年5月12日. The era names themselves are in the catalogue.

use chrono::NaiveDate;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Era {
    Meiji,
    Taisho,
    Showa,
    Heisei,
    Reiwa,
}

impl Era {
    /// Oldest first.
    pub const ALL: [Era; 5] = [Era::Meiji, Era::Taisho, Era::Showa, Era::Heisei, Era::Reiwa];

    /// The first day of the era in the Gregorian calendar: Meiji counts from 明治元年1月1日 of the old calendar
    /// (1868-01-25), Taishō from 1912-07-30, Shōwa from 1926-12-25, Heisei from 1989-01-08, Reiwa from 2019-05-01.
    /// Dates of birth start in 1900, so the old calendar's other days never arise.
    pub fn first_day(self) -> NaiveDate {
        let (y, m, d) = match self {
            Era::Meiji => (1868, 1, 25),
            Era::Taisho => (1912, 7, 30),
            Era::Showa => (1926, 12, 25),
            Era::Heisei => (1989, 1, 8),
            Era::Reiwa => (2019, 5, 1),
        };
        NaiveDate::from_ymd_opt(y, m, d).expect("valid era start")
    }
}

/// The era a date falls in and the year within it (1 for the era's first year, 元年), or `None` before Meiji.
pub fn era_year(date: NaiveDate) -> Option<(Era, u32)> {
    use chrono::Datelike;
    let era = Era::ALL
        .into_iter()
        .rev()
        .find(|era| date >= era.first_day())?;
    let year = date.year() - era.first_day().year() + 1;
    Some((era, year as u32))
}

/// The Gregorian date of day `day` of month `month` in year `year` of `era`, if that day exists and falls within
/// the era (昭和64年1月8日 does not: Heisei began that day).
pub fn from_era(era: Era, year: u32, month: u32, day: u32) -> Option<NaiveDate> {
    use chrono::Datelike;
    if year == 0 {
        return None;
    }
    let gregorian = era.first_day().year() + i32::try_from(year).ok()? - 1;
    let date = NaiveDate::from_ymd_opt(gregorian, month, day)?;
    (era_year(date)? == (era, year)).then_some(date)
}

/// A date written in the era calendar, as people write dates of birth: 昭和49年5月12日 (元年 for the first year,
/// full-width digits and spaces allowed), or the short form S49.5.12 (also with `/` or `-`, M T S H R in either
/// case). `None` for anything else, or a day the era did not have.
pub fn parse_era_date(text: &str) -> Option<NaiveDate> {
    let text: String = crate::domain::validation::fold_width(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    const NAMES: [(&str, Era); 5] = [
        ("明治", Era::Meiji),
        ("大正", Era::Taisho),
        ("昭和", Era::Showa),
        ("平成", Era::Heisei),
        ("令和", Era::Reiwa),
    ];
    let number = |part: &str| -> Option<u32> {
        (!part.is_empty() && part.len() <= 4 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())?
    };
    if let Some((era, rest)) = NAMES
        .iter()
        .find_map(|(name, era)| text.strip_prefix(name).map(|rest| (*era, rest)))
    {
        let (year, rest) = rest.split_once('年')?;
        let year = if year == "元" { 1 } else { number(year)? };
        let (month, rest) = rest.split_once('月')?;
        let day = rest.strip_suffix('日')?;
        return from_era(era, year, number(month)?, number(day)?);
    }
    let mut chars = text.chars();
    let era = match chars.next()?.to_ascii_uppercase() {
        'M' => Era::Meiji,
        'T' => Era::Taisho,
        'S' => Era::Showa,
        'H' => Era::Heisei,
        'R' => Era::Reiwa,
        _ => return None,
    };
    let mut parts = chars.as_str().split(['.', '/', '-']);
    let (year, month, day) = (
        number(parts.next()?)?,
        number(parts.next()?)?,
        number(parts.next()?)?,
    );
    if parts.next().is_some() {
        return None;
    }
    from_era(era, year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn eras_change_on_their_first_day() {
        assert_eq!(era_year(date(1974, 5, 12)), Some((Era::Showa, 49)));
        assert_eq!(era_year(date(1989, 1, 7)), Some((Era::Showa, 64)));
        assert_eq!(era_year(date(1989, 1, 8)), Some((Era::Heisei, 1)));
        assert_eq!(era_year(date(2019, 4, 30)), Some((Era::Heisei, 31)));
        assert_eq!(era_year(date(2019, 5, 1)), Some((Era::Reiwa, 1)));
        assert_eq!(era_year(date(2026, 11, 24)), Some((Era::Reiwa, 8)));
        assert_eq!(era_year(date(1926, 12, 24)), Some((Era::Taisho, 15)));
        assert_eq!(era_year(date(1926, 12, 25)), Some((Era::Showa, 1)));
        assert_eq!(era_year(date(1912, 7, 29)), Some((Era::Meiji, 45)));
        assert_eq!(era_year(date(1912, 7, 30)), Some((Era::Taisho, 1)));
        assert_eq!(era_year(date(1868, 1, 24)), None);
    }

    #[test]
    fn era_dates_are_read_as_written() {
        let showa = Some(date(1974, 5, 12));
        for text in [
            "昭和49年5月12日",
            "昭和49年05月12日",
            " 昭和 49年 5月 12日 ",
            "昭和４９年５月１２日",
            "S49.5.12",
            "s49/05/12",
            "Ｓ４９．５．１２",
            "S49-5-12",
        ] {
            assert_eq!(parse_era_date(text), showa, "{text}");
        }
        assert_eq!(parse_era_date("令和元年5月1日"), Some(date(2019, 5, 1)));
        assert_eq!(parse_era_date("H1.1.8"), Some(date(1989, 1, 8)));
        for wrong in [
            "",
            "昭和49年5月",
            "昭和49年13月1日",
            "昭和64年1月8日",
            "X49.5.12",
            "S49.5",
            "S49.5.12.1",
            "1974-05-12",
            "S.5.12",
        ] {
            assert_eq!(parse_era_date(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn era_dates_convert_back_only_when_they_exist() {
        assert_eq!(from_era(Era::Showa, 49, 5, 12), Some(date(1974, 5, 12)));
        assert_eq!(from_era(Era::Heisei, 1, 1, 8), Some(date(1989, 1, 8)));
        assert_eq!(from_era(Era::Showa, 64, 1, 7), Some(date(1989, 1, 7)));
        assert_eq!(from_era(Era::Showa, 64, 1, 8), None, "Heisei had begun");
        assert_eq!(from_era(Era::Heisei, 1, 1, 7), None, "still Showa");
        assert_eq!(from_era(Era::Reiwa, 0, 5, 1), None);
        assert_eq!(from_era(Era::Reiwa, 1, 2, 30), None);
    }
}
