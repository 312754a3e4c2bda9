//! What the plain-text exports hold, as pure functions: the caseload, open tasks and the contact log as CSV tables,
//! and appointments with due follow-ups as calendar events, all worded by the caller's [`Words`] (the interface
//! language's names for codes and columns), never by this module. Dates and times are written ISO 8601 so that a
//! spreadsheet sorts them; names and free text are written as stored, Japanese included.

use crate::domain::case::{Case, CaseModel, Specialty};
use crate::domain::client::{Client, Gender};
use crate::domain::contact::{Contact, ContactMode};
use crate::domain::coordination::{Appointment, AppointmentStatus, ReferralStatus};
use crate::domain::csv;
use crate::domain::ics::{self, Event, When};
use crate::domain::ids::Id;
use crate::domain::instruments::{Band, Instrument};
use crate::domain::phase::Phase;
use crate::domain::plan::{Achievement, ActivityStatus, GoalStatus, Role};
use crate::domain::risk::Tier;
use crate::domain::task::{Concern, Priority, Task};
use chrono::NaiveDate;
use std::collections::HashMap;

/// A column of an exported table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    ClientId,
    Name,
    Reading,
    DateOfBirth,
    CaseId,
    Opened,
    Phase,
    Tier,
    Model,
    Specialty,
    CaseManager,
    LastContact,
    NextContact,
    TaskId,
    Task,
    Priority,
    Due,
    ContactId,
    At,
    Mode,
    Minutes,
    WithWhom,
    Summary,
}

/// The names of codes and columns in the language of the export (the app's catalogue implements it).
pub trait Words {
    /// The BCP 47 tag of the language the words are in.
    fn language(&self) -> &'static str;
    fn column(&self, column: Column) -> &'static str;
    fn instrument(&self, instrument: Instrument) -> &'static str;
    fn band(&self, band: Band) -> &'static str;
    fn concern(&self, concern: Concern) -> &'static str;
    fn role(&self, role: Role) -> &'static str;
    fn mode(&self, mode: ContactMode) -> &'static str;
    fn phase(&self, phase: Phase) -> &'static str;
    fn model(&self, model: CaseModel) -> &'static str;
    fn specialty(&self, specialty: Specialty) -> &'static str;
    fn tier(&self, tier: Option<Tier>) -> &'static str;
    fn priority(&self, priority: Priority) -> &'static str;
    fn gender(&self, gender: Gender) -> &'static str;
    fn goal_status(&self, status: GoalStatus) -> &'static str;
    fn achievement(&self, achievement: Achievement) -> &'static str;
    fn activity_status(&self, status: ActivityStatus) -> &'static str;
    fn referral_status(&self, status: ReferralStatus) -> &'static str;
    fn appointment_status(&self, status: AppointmentStatus) -> &'static str;
    /// What a task asks, as its list shows it.
    fn task(&self, task: &Task) -> String;
    /// A calendar entry's title for an appointment with `who` about `purpose`.
    fn appointment_title(&self, who: &str, purpose: &str) -> String;
    /// A calendar entry's title for the day a contact with `who` is due.
    fn follow_up_title(&self, who: &str) -> String;
}

fn day(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn table(words: &dyn Words, columns: &[Column], rows: Vec<Vec<String>>) -> String {
    let header: Vec<&str> = columns.iter().map(|c| words.column(*c)).collect();
    csv::document(&header, &rows)
}

/// The open caseload: one row per open case with its client, oldest case first within a client (clients by name).
pub fn caseload_csv(clients: &HashMap<Id, Client>, cases: &[Case], words: &dyn Words) -> String {
    let mut cases: Vec<&Case> = cases
        .iter()
        .filter(|c| {
            c.status == crate::domain::case::CaseStatus::Open && clients.contains_key(&c.client_id)
        })
        .collect();
    cases.sort_by(|a, b| {
        let name = |c: &Case| clients[&c.client_id].details.full_name.clone();
        (name(a), a.details.opened_on, a.id).cmp(&(name(b), b.details.opened_on, b.id))
    });
    let rows = cases
        .into_iter()
        .map(|case| {
            let client = &clients[&case.client_id];
            vec![
                client.id.to_string(),
                client.details.full_name.clone(),
                client.details.name_reading.clone().unwrap_or_default(),
                day(client.details.date_of_birth),
                case.id.to_string(),
                case.details.opened_on.to_string(),
                words.phase(case.phase).to_string(),
                words.tier(case.tier()).to_string(),
                words.model(case.details.model).to_string(),
                words.specialty(case.details.specialty).to_string(),
                case.details.case_manager.clone(),
                day(case.last_contact),
                day(case.contact_by),
            ]
        })
        .collect();
    use Column::*;
    table(
        words,
        &[
            ClientId,
            Name,
            Reading,
            DateOfBirth,
            CaseId,
            Opened,
            Phase,
            Tier,
            Model,
            Specialty,
            CaseManager,
            LastContact,
            NextContact,
        ],
        rows,
    )
}

/// Open tasks, earliest due first (urgent first on a day), each with its client's name.
pub fn tasks_csv(tasks: &[Task], client_of: &HashMap<Id, String>, words: &dyn Words) -> String {
    let mut tasks: Vec<&Task> = tasks
        .iter()
        .filter(|t| t.status() == crate::domain::task::TaskStatus::Open)
        .collect();
    tasks.sort_by_key(|t| (t.due, t.priority != Priority::Urgent, t.id));
    let rows = tasks
        .into_iter()
        .map(|task| {
            vec![
                task.id.to_string(),
                task.case_id.to_string(),
                client_of.get(&task.case_id).cloned().unwrap_or_default(),
                words.task(task),
                words.priority(task.priority).to_string(),
                task.due.to_string(),
            ]
        })
        .collect();
    let columns = [
        Column::TaskId,
        Column::CaseId,
        Column::Name,
        Column::Task,
        Column::Priority,
        Column::Due,
    ];
    table(words, &columns, rows)
}

/// The contact log, oldest first, each with its client's name.
pub fn contacts_csv(
    contacts: &[Contact],
    client_of: &HashMap<Id, String>,
    words: &dyn Words,
) -> String {
    let mut contacts: Vec<&Contact> = contacts.iter().collect();
    contacts.sort_by_key(|c| (c.at, c.id));
    let rows = contacts
        .into_iter()
        .map(|c| {
            vec![
                c.id.to_string(),
                c.case_id.to_string(),
                client_of.get(&c.case_id).cloned().unwrap_or_default(),
                c.at.format("%Y-%m-%dT%H:%M").to_string(),
                words.mode(c.mode).to_string(),
                c.minutes.to_string(),
                c.with_whom.clone(),
                c.summary.clone(),
            ]
        })
        .collect();
    use Column::*;
    table(
        words,
        &[
            ContactId, CaseId, Name, At, Mode, Minutes, WithWhom, Summary,
        ],
        rows,
    )
}

/// How long a calendar entry for an appointment lasts (the app records when it starts, not how long).
pub const APPOINTMENT_MINUTES: u32 = 60;

/// How far ahead the calendar holds the days contacts are due.
pub const CALENDAR_DAYS: u64 = 90;

/// The last day whose due contacts go into a calendar made on `today` (overdue ones are put on `today`).
pub fn calendar_until(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_days(chrono::Days::new(CALENDAR_DAYS))
        .unwrap_or(today)
}

/// Appointments and the days contacts are due as calendar events. A client is named by initials unless
/// `full_names` (calendars sync to other services). An appointment carries its purpose and place as typed (the
/// export page says the file is readable by anyone who gets it); a cancelled one is written as cancelled, so a
/// calendar that imported it before drops it; attended and missed ones are left out. Each event keeps its UID
/// across exports (the appointment's id; the case's for its next contact due), so importing again updates it. A
/// contact overdue on `today` goes on `today`.
pub fn calendar(
    appointments: &[Appointment],
    follow_ups: &[(Id, NaiveDate)],
    today: NaiveDate,
    client_of: &HashMap<Id, String>,
    full_names: bool,
    words: &dyn Words,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let who = |case_id: &Id| {
        let name = client_of.get(case_id).cloned().unwrap_or_default();
        if full_names {
            name
        } else {
            ics::initials(&name)
        }
    };
    let mut events: Vec<Event> = appointments
        .iter()
        .filter(|a| {
            matches!(
                a.status,
                AppointmentStatus::Scheduled | AppointmentStatus::Cancelled
            )
        })
        .map(|a| Event {
            uid: format!("{}@care-planner", a.id),
            when: When::At(a.starts, APPOINTMENT_MINUTES),
            summary: words.appointment_title(&who(&a.case_id), &a.purpose),
            location: (!a.place.trim().is_empty()).then(|| a.place.clone()),
            description: None,
            cancelled: a.status == AppointmentStatus::Cancelled,
        })
        .collect();
    events.extend(follow_ups.iter().map(|(case_id, on)| Event {
        uid: format!("{case_id}-next-contact@care-planner"),
        when: When::Day((*on).max(today)),
        summary: words.follow_up_title(&who(case_id)),
        location: None,
        description: None,
        cancelled: false,
    }));
    ics::calendar(&events, now)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::case::{CaseDetails, CaseStatus};
    use crate::domain::client::ClientDetails;
    use chrono::{NaiveDateTime, TimeZone, Utc};

    /// Words for tests: the code names as they are, so a test sees which code went where.
    pub(crate) struct Codes;

    impl Words for Codes {
        fn language(&self) -> &'static str {
            "en"
        }
        fn column(&self, column: Column) -> &'static str {
            match column {
                Column::Name => "Name",
                Column::Summary => "Summary",
                Column::Due => "Due",
                _ => "column",
            }
        }
        fn instrument(&self, i: Instrument) -> &'static str {
            i.code()
        }
        fn band(&self, b: Band) -> &'static str {
            b.code()
        }
        fn concern(&self, c: Concern) -> &'static str {
            c.code()
        }
        fn role(&self, r: Role) -> &'static str {
            r.code()
        }
        fn mode(&self, m: ContactMode) -> &'static str {
            m.code()
        }
        fn phase(&self, p: Phase) -> &'static str {
            p.code()
        }
        fn model(&self, m: CaseModel) -> &'static str {
            m.code()
        }
        fn specialty(&self, s: Specialty) -> &'static str {
            s.code()
        }
        fn tier(&self, t: Option<Tier>) -> &'static str {
            t.map_or("none", |t| t.code())
        }
        fn priority(&self, p: Priority) -> &'static str {
            p.code()
        }
        fn gender(&self, g: Gender) -> &'static str {
            g.code()
        }
        fn goal_status(&self, s: GoalStatus) -> &'static str {
            s.code()
        }
        fn achievement(&self, a: Achievement) -> &'static str {
            a.code()
        }
        fn activity_status(&self, s: ActivityStatus) -> &'static str {
            s.code()
        }
        fn referral_status(&self, s: ReferralStatus) -> &'static str {
            s.code()
        }
        fn appointment_status(&self, s: AppointmentStatus) -> &'static str {
            s.code()
        }
        fn task(&self, t: &Task) -> String {
            t.title.clone().unwrap_or_else(|| t.kind.code().to_string())
        }
        fn appointment_title(&self, who: &str, purpose: &str) -> String {
            format!("{who}: {purpose}")
        }
        fn follow_up_title(&self, who: &str) -> String {
            format!("Contact {who}")
        }
    }

    fn id(n: u8) -> Id {
        Id::from_random_bytes([n; 16])
    }

    fn client(n: u8, name: &str) -> Client {
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        Client {
            id: id(n),
            details: ClientDetails {
                full_name: name.into(),
                name_reading: Some("さとう はなこ".into()),
                name_parts: None,
                preferred_name: None,
                date_of_birth: NaiveDate::from_ymd_opt(1950, 4, 1),
                gender: None,
                preferred_language: None,
                phone: None,
                email: None,
                address: None,
                support_contact: None,
                consent: None,
            },
            created_at: at,
            updated_at: at,
        }
    }

    fn case(n: u8, client: Id) -> Case {
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        Case::open(
            id(n),
            client,
            CaseDetails {
                specialty: Specialty::Nursing,
                model: CaseModel::Intensive,
                case_manager: "=cmd|' /C calc'!A0".into(),
                case_manager_id: None,
                opened_on: NaiveDate::from_ymd_opt(2026, 1, 2).unwrap(),
                referral_source: None,
                referral_reason: "r".into(),
            },
            at,
        )
    }

    #[test]
    fn the_caseload_lists_open_cases_with_japanese_intact_and_formulas_neutralised() {
        let clients: HashMap<Id, Client> = [(id(1), client(1, "佐藤 花子"))].into();
        let mut closed = case(3, id(1));
        closed.status = CaseStatus::Closed;
        let text = caseload_csv(&clients, &[case(2, id(1)), closed, case(4, id(9))], &Codes);
        let lines: Vec<&str> = text.trim_start_matches(csv::BOM).split("\r\n").collect();
        assert_eq!(
            lines.len(),
            3,
            "header, one open case, the final break: {text}"
        );
        assert!(lines[1].contains("佐藤 花子,さとう はなこ,"));
        assert!(lines[1].contains(",intensive,nursing,'=cmd|' /C calc'!A0,"));
        assert!(text.starts_with(csv::BOM));
    }

    #[test]
    fn the_calendar_names_clients_by_initials_unless_asked() {
        let starts = NaiveDateTime::parse_from_str("2026-11-25T09:30", "%Y-%m-%dT%H:%M").unwrap();
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let appointment = |n: u8, status| Appointment {
            id: id(n),
            case_id: id(2),
            starts,
            with_member: None,
            place: "Clinic".into(),
            purpose: "Review".into(),
            intervention_id: None,
            authorization_id: None,
            accompanied: false,
            status,
            updated_at: at,
        };
        let names: HashMap<Id, String> = [(id(2), "佐藤 花子".to_string())].into();
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let due = [
            (id(2), NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()),
            (id(3), NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()),
        ];
        let appointments = [
            appointment(5, AppointmentStatus::Scheduled),
            appointment(6, AppointmentStatus::Cancelled),
        ];
        let text = calendar(&appointments, &due, today, &names, false, &Codes, at);
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 4, "{text}");
        assert!(
            text.contains("DTSTART;VALUE=DATE:20261125\r\n"),
            "the overdue contact, today"
        );
        assert_eq!(
            text.matches("STATUS:CANCELLED").count(),
            1,
            "the cancelled one, as cancelled"
        );
        assert!(text.contains("SUMMARY:佐花: Review\r\n"));
        assert!(text.contains("SUMMARY:Contact 佐花\r\n"));
        assert!(text.contains("DTSTART;VALUE=DATE:20261130\r\n"));
        assert!(!text.contains("佐藤"));
        let full = calendar(&appointments, &due, today, &names, true, &Codes, at);
        assert!(full.contains("SUMMARY:佐藤 花子: Review\r\n"));
    }
}
