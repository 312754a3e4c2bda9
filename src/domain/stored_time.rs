//! Dates and instants in stored records: written in chrono's form as before, read by a strict parser of that form.
//!
//! chrono's own readers go through its general format parser (about 10 KB of wasm) for two fixed shapes:
//! `YYYY-MM-DD` and RFC 3339 (`2026-11-24T16:00:59.123456789Z`, fraction optional, `Z` or an offset). Fields use
//! `#[serde(with = "...")]` with the module of their type.

use crate::domain::validation::parse_iso_date;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An RFC 3339 date and time, as chrono writes it (and with any offset), as an instant in UTC.
pub fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    let bytes = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = bytes.get(range)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let date = parse_iso_date(text.get(..10)?)?;
    if !matches!(bytes.get(10), Some(b'T' | b't'))
        || bytes.get(13) != Some(&b':')
        || bytes.get(16) != Some(&b':')
    {
        return None;
    }
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let mut at = 19;
    let mut nanos = 0u32;
    if bytes.get(at) == Some(&b'.') {
        let digits = bytes[at + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 || digits > 9 {
            return None;
        }
        nanos = number(at + 1..at + 1 + digits)? * 10u32.pow(9 - digits as u32);
        at += 1 + digits;
    }
    let offset_minutes: i64 = match bytes.get(at..)? {
        b"Z" | b"z" => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let hours = number(at + 1..at + 3)?;
            let minutes = number(at + 4..at + 6)?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            let total = i64::from(hours * 60 + minutes);
            if *sign == b'-' {
                -total
            } else {
                total
            }
        }
        _ => return None,
    };
    let local = date.and_hms_nano_opt(hour, minute, second, nanos)?;
    Some(local.and_utc() - Duration::minutes(offset_minutes))
}

/// Writes a field as chrono always has (its own serde form).
pub fn write<T: Serialize, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    value.serialize(serializer)
}

/// Reads a text field with `parse`, saying what was `expected` when it cannot.
fn read<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    parse: fn(&str) -> Option<T>,
    expected: &str,
) -> Result<T, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse(&text).ok_or_else(|| invalid(expected, &text))
}

/// Reads an optional text field (`null` is `None`) with `parse`.
fn read_optional<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    parse: fn(&str) -> Option<T>,
    expected: &str,
) -> Result<Option<T>, D::Error> {
    match Option::<String>::deserialize(deserializer)? {
        None => Ok(None),
        Some(text) => parse(&text)
            .map(Some)
            .ok_or_else(|| invalid(expected, &text)),
    }
}

fn invalid<E: serde::de::Error>(expected: &str, text: &str) -> E {
    E::custom(format_args!("{expected} expected, found {text:?}"))
}

const DATE: &str = "a date (YYYY-MM-DD)";
const INSTANT: &str = "an RFC 3339 date and time";

/// A local wall-clock minute, `YYYY-MM-DDTHH:MM` (what a date and a time field give together).
pub fn parse_local_minute(text: &str) -> Option<chrono::NaiveDateTime> {
    let bytes = text.as_bytes();
    if bytes.len() != 16 || bytes[10] != b'T' || bytes[13] != b':' {
        return None;
    }
    let number = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &bytes[r];
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
    };
    parse_iso_date(&text[..10])?.and_hms_opt(number(11..13)?, number(14..16)?, 0)
}

/// `NaiveDateTime` fields holding a local minute (an appointment's start).
pub mod local_minute {
    pub fn serialize<S: super::Serializer>(
        value: &chrono::NaiveDateTime,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        use chrono::{Datelike, Timelike};
        let text = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}",
            value.year(),
            value.month(),
            value.day(),
            value.hour(),
            value.minute()
        );
        serializer.serialize_str(&text)
    }

    pub fn deserialize<'de, D: super::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<chrono::NaiveDateTime, D::Error> {
        super::read(
            deserializer,
            super::parse_local_minute,
            "a local date and time (YYYY-MM-DDTHH:MM)",
        )
    }
}

/// `NaiveDate` fields.
pub mod date {
    pub use super::write as serialize;

    pub fn deserialize<'de, D: super::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<super::NaiveDate, D::Error> {
        super::read(deserializer, super::parse_iso_date, super::DATE)
    }
}

/// `Option<NaiveDate>` fields.
pub mod optional_date {
    pub use super::write as serialize;

    pub fn deserialize<'de, D: super::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<super::NaiveDate>, D::Error> {
        super::read_optional(deserializer, super::parse_iso_date, super::DATE)
    }
}

/// `DateTime<Utc>` fields.
pub mod instant {
    pub use super::write as serialize;

    pub fn deserialize<'de, D: super::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<super::DateTime<super::Utc>, D::Error> {
        super::read(deserializer, super::parse_instant, super::INSTANT)
    }
}

/// `Option<DateTime<Utc>>` fields.
pub mod optional_instant {
    pub use super::write as serialize;

    pub fn deserialize<'de, D: super::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<super::DateTime<super::Utc>>, D::Error> {
        super::read_optional(deserializer, super::parse_instant, super::INSTANT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn reads_every_instant_chrono_writes_exactly() {
        let base = Utc.with_ymd_and_hms(2026, 11, 24, 16, 0, 59).unwrap();
        for nanos in [0, 7_000_000, 123_000_000, 123_456_000, 123_456_789, 1] {
            let at = base + Duration::nanoseconds(nanos);
            let written = serde_json::to_string(&at).unwrap();
            let text: String = serde_json::from_str(&written).unwrap();
            assert_eq!(parse_instant(&text), Some(at), "{text}");
        }
        for year in [1900, 1999, 2000, 2038, 9999] {
            let at = Utc.with_ymd_and_hms(year, 2, 28, 23, 59, 59).unwrap();
            assert_eq!(parse_instant(&at.to_rfc3339()), Some(at));
        }
    }

    #[test]
    fn applies_offsets_and_refuses_anything_else() {
        let utc = Utc.with_ymd_and_hms(2026, 1, 1, 0, 30, 0).unwrap();
        assert_eq!(parse_instant("2026-01-01T09:30:00+09:00"), Some(utc));
        assert_eq!(parse_instant("2025-12-31T19:30:00-05:00"), Some(utc));
        for bad in [
            "",
            "2026-01-01",
            "2026-01-01T00:30:00",
            "2026-01-01 00:30:00Z",
            "2026-01-01T00:30Z",
            "2026-01-01T24:30:00Z",
            "2026-02-30T00:30:00Z",
            "2026-01-01T00:30:00.Z",
            "2026-01-01T00:30:00.1234567891Z",
            "2026-01-01T00:30:00+9:00",
            "2026-01-01T00:30:00+09:00x",
            "2026-01-01T00:30:00ZZ",
        ] {
            assert_eq!(parse_instant(bad), None, "{bad}");
        }
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Row {
        #[serde(with = "date")]
        on: NaiveDate,
        #[serde(with = "optional_date", default)]
        born: Option<NaiveDate>,
        #[serde(with = "instant")]
        at: DateTime<Utc>,
        #[serde(with = "optional_instant", default)]
        done: Option<DateTime<Utc>>,
    }

    #[test]
    fn fields_keep_chrono_s_stored_form_and_read_it_back() {
        /// The same record as chrono's own serde implementations wrote it.
        #[derive(Serialize)]
        struct Before {
            on: NaiveDate,
            born: Option<NaiveDate>,
            at: DateTime<Utc>,
            done: Option<DateTime<Utc>>,
        }
        let at = Utc.with_ymd_and_hms(2026, 11, 24, 16, 0, 59).unwrap() + Duration::milliseconds(5);
        let on = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let before = serde_json::to_string(&Before {
            on,
            born: None,
            at,
            done: Some(at),
        })
        .unwrap();
        let row: Row = serde_json::from_str(&before).unwrap();
        assert_eq!(
            row,
            Row {
                on,
                born: None,
                at,
                done: Some(at)
            }
        );
        assert_eq!(serde_json::to_string(&row).unwrap(), before);
        let missing: Row =
            serde_json::from_str(r#"{"on":"2026-11-24","at":"2026-11-24T16:00:59Z"}"#).unwrap();
        assert_eq!((missing.born, missing.done), (None, None));
        let error =
            serde_json::from_str::<Row>(r#"{"on":"24/11/2026","at":"2026-11-24T16:00:59Z"}"#)
                .unwrap_err();
        assert!(error.to_string().contains("24/11/2026"), "{error}");
    }

    #[test]
    fn a_local_minute_is_written_and_read_as_yyyy_mm_ddthh_mm() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct At(#[serde(with = "super::local_minute")] chrono::NaiveDateTime);
        let at = NaiveDate::from_ymd_opt(2026, 1, 2)
            .unwrap()
            .and_hms_opt(7, 5, 0)
            .unwrap();
        let text = serde_json::to_string(&At(at)).unwrap();
        assert_eq!(text, "\"2026-01-02T07:05\"");
        assert_eq!(serde_json::from_str::<At>(&text).unwrap(), At(at));
        for bad in [
            "2026-01-02 07:05",
            "2026-01-02T7:05",
            "2026-01-02T24:00",
            "2026-02-30T10:00",
        ] {
            assert_eq!(parse_local_minute(bad), None, "{bad}");
        }
    }
}
