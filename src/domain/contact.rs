//! The contact log: every contact with the client or about them (when, how, how long, with whom, what was said),
//! and the contact cadence that sets when the next one is due (instruments.md, "Default contact cadence": the tier's
//! interval, capped by the case model's; the shorter wins).

use crate::domain::case::Case;
use crate::domain::coordination::parse_time;
use crate::domain::ids::Id;
use crate::domain::plan::contact_cadence_days;
use crate::domain::validation::{
    required_date, required_text, Field, FieldErrors, FollowUpField, Problem, LONG_TEXT_MAX,
};
use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

/// The longest contact a case manager logs, in minutes (a whole working day with travel).
pub const MINUTES_MAX: u32 = 720;

/// How the contact was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactMode {
    InPerson,
    HomeVisit,
    Phone,
    Video,
    Message,
}

crate::domain::codes::codes!(ContactMode {
    InPerson => "in-person",
    HomeVisit => "home-visit",
    Phone => "phone",
    Video => "video",
    Message => "message",
});

/// One logged contact (an encounter, in FHIR terms).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub id: Id,
    pub case_id: Id,
    /// Local date and time it began, as the case manager's device shows it.
    #[serde(with = "crate::domain::stored_time::local_minute")]
    pub at: NaiveDateTime,
    pub mode: ContactMode,
    pub minutes: u32,
    /// Who took part besides the case manager (the client, a daughter, the GP's nurse).
    pub with_whom: String,
    pub summary: String,
    #[serde(with = "crate::domain::stored_time::instant")]
    pub logged_at: DateTime<Utc>,
}

/// The date the next contact is due: the cadence for the case's tier and model after the last contact, or after the
/// case was opened when none is logged yet; earlier while a move home waits for its 72-hour contact.
pub fn next_contact_due(case: &Case) -> NaiveDate {
    let since = case.last_contact.unwrap_or(case.details.opened_on);
    let days = contact_cadence_days(case.tier(), case.details.model);
    let by_cadence = since
        .checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(since);
    case.contact_by.map_or(by_cadence, |by| by.min(by_cadence))
}

/// The contact form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContactDraft {
    pub date: String,
    pub time: String,
    pub mode: String,
    pub minutes: String,
    pub with_whom: String,
    pub summary: String,
}

impl ContactDraft {
    /// A contact beginning now.
    pub fn new(now: NaiveDateTime) -> ContactDraft {
        ContactDraft {
            date: now.date().to_string(),
            time: now.format("%H:%M").to_string(),
            ..ContactDraft::default()
        }
    }

    /// The contact `id` of case `case_id`, opened on `opened_on`. It has happened: it begins no later than `now`
    /// (local), and not before the case opened (a mistyped year would move the next contact due into the past).
    pub fn validate(
        &self,
        id: Id,
        case_id: Id,
        opened_on: NaiveDate,
        now: NaiveDateTime,
        logged_at: DateTime<Utc>,
    ) -> Result<Contact, FieldErrors> {
        let f = Field::FollowUp;
        let mut errors = FieldErrors::default();
        let at = past_moment(
            &mut errors,
            (f(FollowUpField::ContactDate), &self.date),
            (f(FollowUpField::ContactTime), &self.time),
            opened_on,
            now,
        );
        let mode = ContactMode::from_code(&self.mode);
        if mode.is_none() {
            errors.push(f(FollowUpField::ContactMode), Problem::ChoiceRequired);
        }
        let folded = crate::domain::validation::fold_width(self.minutes.trim());
        let minutes = match folded.parse::<u32>() {
            Ok(n) if n <= MINUTES_MAX => Some(n),
            _ => {
                let problem = if folded.is_empty() {
                    Problem::Required
                } else {
                    Problem::MinutesOutOfRange
                };
                errors.push(f(FollowUpField::ContactMinutes), problem);
                None
            }
        };
        let with_whom = required_text(
            &mut errors,
            f(FollowUpField::ContactWith),
            &self.with_whom,
            crate::domain::client::SHORT_TEXT_MAX,
        );
        let summary = crate::domain::validation::required_long_text(
            &mut errors,
            f(FollowUpField::ContactSummary),
            &self.summary,
            LONG_TEXT_MAX,
        );
        match (at, mode, minutes) {
            (Some(at), Some(mode), Some(minutes)) if errors.is_empty() => Ok(Contact {
                id,
                case_id,
                at,
                mode,
                minutes,
                with_whom,
                summary,
                logged_at,
            }),
            _ => Err(errors),
        }
    }
}

/// A local date and time typed in two fields that has happened: no later than `now` (local) and not before the
/// case opened on `opened_on`. Each problem is put beside the field that causes it.
pub fn past_moment(
    errors: &mut FieldErrors,
    (date_field, date): (Field, &str),
    (time_field, time): (Field, &str),
    opened_on: NaiveDate,
    now: NaiveDateTime,
) -> Option<NaiveDateTime> {
    let day = required_date(errors, date_field, date);
    let clock = parse_time(time);
    if clock.is_none() {
        let problem = if time.trim().is_empty() {
            Problem::Required
        } else {
            Problem::TimeUnreadable
        };
        errors.push(time_field, problem);
    }
    if day.is_some_and(|d| d < opened_on) {
        errors.push(date_field, Problem::DateBeforeCaseOpened);
    }
    let at = day.zip(clock).map(|(d, t)| d.and_time(t));
    if let Some(at) = at.filter(|at| *at > now) {
        if at.date() > now.date() {
            errors.push(date_field, Problem::DateInFuture);
        } else {
            errors.push(time_field, Problem::TimeInFuture);
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::CaseModel;
    use crate::domain::risk::{Stratification, Tier};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn now() -> NaiveDateTime {
        day(24).and_hms_opt(15, 30, 0).unwrap()
    }

    fn id(n: u8) -> Id {
        Id::from_random_bytes([n; 16])
    }

    /// The workflows' test case, opened on 2 Nov, with `model` and the computed `tier`.
    fn case(tier: Option<Tier>, model: CaseModel) -> Case {
        let mut case = crate::domain::workflow::testing::open_case();
        case.details.model = model;
        case.details.opened_on = day(2);
        case.risk = Stratification {
            tier,
            reasons: vec![],
        };
        case
    }

    fn draft() -> ContactDraft {
        ContactDraft {
            mode: "home-visit".into(),
            minutes: "45".into(),
            with_whom: "Client and her daughter".into(),
            summary: "Reviewed the week's meals.\nThe food bank parcel arrived.".into(),
            ..ContactDraft::new(day(24).and_hms_opt(10, 5, 0).unwrap())
        }
    }

    #[test]
    fn a_contact_is_logged_when_it_has_happened_with_its_mode_length_and_people() {
        let contact = draft()
            .validate(id(5), id(1), day(2), now(), Utc::now())
            .unwrap();
        assert_eq!(contact.at, day(24).and_hms_opt(10, 5, 0).unwrap());
        assert_eq!(contact.mode, ContactMode::HomeVisit);
        assert_eq!(contact.minutes, 45);
        // Full-width digits, as a Japanese keyboard types them, are read as digits.
        let wide = ContactDraft {
            minutes: "３０".into(),
            ..draft()
        };
        assert_eq!(
            wide.validate(id(5), id(1), day(2), now(), Utc::now())
                .unwrap()
                .minutes,
            30
        );
        // Exactly now is not in the future.
        let at_now = ContactDraft {
            time: "15:30".into(),
            ..draft()
        };
        assert!(at_now
            .validate(id(5), id(1), day(2), now(), Utc::now())
            .is_ok());
    }

    #[test]
    fn a_contact_to_come_missing_parts_or_too_long_is_refused_field_by_field() {
        let problems = |d: ContactDraft| -> Vec<(Field, Problem)> {
            d.validate(id(5), id(1), day(2), now(), Utc::now())
                .unwrap_err()
                .iter()
                .map(|e| (e.field, e.problem))
                .collect()
        };
        let f = Field::FollowUp;
        assert_eq!(
            problems(ContactDraft {
                time: "15:31".into(),
                minutes: "721".into(),
                ..draft()
            }),
            vec![
                (f(FollowUpField::ContactTime), Problem::TimeInFuture),
                (f(FollowUpField::ContactMinutes), Problem::MinutesOutOfRange),
            ]
        );
        assert_eq!(
            problems(ContactDraft {
                date: "2026-11-25".into(),
                time: "9".into(),
                ..draft()
            }),
            vec![(f(FollowUpField::ContactTime), Problem::TimeUnreadable)]
        );
        assert_eq!(
            problems(ContactDraft {
                date: "2026-11-25".into(),
                ..draft()
            }),
            vec![(f(FollowUpField::ContactDate), Problem::DateInFuture)]
        );
        assert_eq!(
            problems(ContactDraft {
                date: "2025-11-24".into(),
                ..draft()
            }),
            vec![(f(FollowUpField::ContactDate), Problem::DateBeforeCaseOpened)]
        );
        assert_eq!(
            problems(ContactDraft::default()),
            vec![
                (f(FollowUpField::ContactDate), Problem::Required),
                (f(FollowUpField::ContactTime), Problem::Required),
                (f(FollowUpField::ContactMode), Problem::ChoiceRequired),
                (f(FollowUpField::ContactMinutes), Problem::Required),
                (f(FollowUpField::ContactWith), Problem::Required),
                (f(FollowUpField::ContactSummary), Problem::Required),
            ]
        );
    }

    #[test]
    fn the_next_contact_is_due_by_the_shorter_of_the_tier_and_model_intervals() {
        // No contact yet: counted from the opening (2 Nov).
        let due = |tier, model| next_contact_due(&case(tier, model));
        assert_eq!(due(Some(Tier::Urgent), CaseModel::Brokerage), day(4));
        assert_eq!(due(Some(Tier::High), CaseModel::Brokerage), day(9));
        assert_eq!(due(Some(Tier::Moderate), CaseModel::Brokerage), day(16));
        assert_eq!(
            due(Some(Tier::Low), CaseModel::Brokerage),
            day(2) + Days::new(30)
        );
        // Not yet stratified: as moderate.
        assert_eq!(due(None, CaseModel::Brokerage), day(16));
        // The model caps it: intensive at 7, clinical and strengths-based at 14.
        assert_eq!(due(Some(Tier::Low), CaseModel::Intensive), day(9));
        assert_eq!(due(Some(Tier::Low), CaseModel::Clinical), day(16));
        assert_eq!(due(Some(Tier::Low), CaseModel::StrengthsBased), day(16));
        assert_eq!(due(Some(Tier::Urgent), CaseModel::Intensive), day(4));
        // After a contact: counted from it.
        let mut contacted = case(Some(Tier::High), CaseModel::Clinical);
        contacted.last_contact = Some(day(20));
        assert_eq!(next_contact_due(&contacted), day(27));
    }
}
