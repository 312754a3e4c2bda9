//! iCalendar (RFC 5545) as calendar programs import it: a VCALENDAR of VEVENTs, lines ended by CR LF and folded at
//! 75 octets (never inside a UTF-8 character), TEXT values escaped, times given as the device's local ("floating")
//! time the app records them in, and all-day events for days. Calendars sync to other services, so what a summary
//! names a client by is the caller's choice, and `initials` is the default. Export only: the app reads no ICS.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// When an event is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum When {
    /// From a local time, for so many minutes.
    At(NaiveDateTime, u32),
    /// A whole day.
    Day(NaiveDate),
}

/// One calendar event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Stable across exports (the record's id), so a re-import updates rather than duplicates.
    pub uid: String,
    pub when: When,
    pub summary: String,
    pub location: Option<String>,
    pub description: Option<String>,
    /// Called off: written with `STATUS:CANCELLED`, so a calendar that has the event removes or strikes it.
    pub cancelled: bool,
}

/// A name as initials: the first letter of each part ("Ana Lima Souza" → "A. L. S."); parts in kanji or kana give
/// their first character without a full stop ("佐藤 花子" → "佐花").
pub fn initials(name: &str) -> String {
    let mut latin = Vec::new();
    let mut other = String::new();
    for part in name
        .split(|c: char| c.is_whitespace() || c == '\u{3000}')
        .filter(|p| !p.is_empty())
    {
        let Some(first) = part.chars().find(|c| c.is_alphanumeric()) else {
            continue;
        };
        if first.is_ascii() || ('\u{00c0}'..='\u{024f}').contains(&first) {
            latin.push(format!("{}.", first.to_uppercase()));
        } else {
            other.push(first);
        }
    }
    let mut out = latin.join(" ");
    if !other.is_empty() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&other);
    }
    out
}

/// A TEXT value escaped (backslash, semicolon, comma, line breaks).
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded so that no line is longer than 75 octets (continuations start with a space), never
/// inside a character.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn local(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%S").to_string()
}

/// The calendar file of `events`, stamped `now`.
pub fn calendar(events: &[Event], now: DateTime<Utc>) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Care planner//Care planner//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    for event in events {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", text(&event.uid)));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        match &event.when {
            When::At(start, minutes) => {
                line(&mut out, &format!("DTSTART:{}", local(*start)));
                let end = *start + chrono::Duration::minutes(i64::from((*minutes).max(1)));
                line(&mut out, &format!("DTEND:{}", local(end)));
            }
            When::Day(day) => {
                line(
                    &mut out,
                    &format!("DTSTART;VALUE=DATE:{}", day.format("%Y%m%d")),
                );
                let next = day.succ_opt().unwrap_or(*day);
                line(
                    &mut out,
                    &format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")),
                );
            }
        }
        line(&mut out, &format!("SUMMARY:{}", text(&event.summary)));
        if let Some(location) = &event.location {
            line(&mut out, &format!("LOCATION:{}", text(location)));
        }
        if let Some(description) = &event.description {
            line(&mut out, &format!("DESCRIPTION:{}", text(description)));
        }
        if event.cancelled {
            line(&mut out, "STATUS:CANCELLED");
        }
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_keep_nothing_but_the_first_letter_of_each_part() {
        assert_eq!(initials("Ana Lima Souza"), "A. L. S.");
        assert_eq!(initials("佐藤 花子"), "佐花");
        assert_eq!(initials("佐藤\u{3000}花子"), "佐花");
        assert_eq!(initials("élodie martin"), "É. M.");
        assert_eq!(initials("  O'Neil  "), "O.");
        assert_eq!(initials(""), "");
    }

    #[test]
    fn a_calendar_has_folded_crlf_lines_and_escaped_text() {
        let now = DateTime::parse_from_rfc3339("2026-11-25T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let at = NaiveDate::from_ymd_opt(2026, 11, 30)
            .unwrap()
            .and_hms_opt(14, 0, 0)
            .unwrap();
        let long = "定期訪問；".repeat(12);
        let events = vec![
            Event {
                uid: "a1@care-planner".into(),
                when: When::At(at, 45),
                summary: "Review, plan; A. L.".into(),
                location: Some("Clinic\nRoom 2".into()),
                description: Some(long.clone()),
                cancelled: false,
            },
            Event {
                uid: "t1@care-planner".into(),
                when: When::Day(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()),
                summary: "佐花".into(),
                location: None,
                description: None,
                cancelled: true,
            },
        ];
        let ics = calendar(&events, now);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(
            !ics.replace("\r\n", "").contains('\n'),
            "every line ends with CR LF"
        );
        assert!(ics.contains("DTSTART:20261130T140000\r\nDTEND:20261130T144500\r\n"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n"));
        assert!(ics.contains("SUMMARY:Review\\, plan\\; A. L.\r\n"));
        assert!(ics.contains("LOCATION:Clinic\\nRoom 2\r\n"));
        assert!(ics.contains("DTSTAMP:20261125T090000Z\r\n"));
        assert_eq!(ics.matches("STATUS:CANCELLED\r\n").count(), 1);
        for l in ics.split("\r\n") {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
        // Unfolded, the long description is whole again, character for character.
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("DESCRIPTION:{long}\r\n")));
    }
}
