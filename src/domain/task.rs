//! Tasks on a case (made by hand or by a rule, which each names), and the needs the care plan must address.

use crate::domain::ids::Id;
use crate::domain::instruments::AhcDomain;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskKind {
    /// Same-day safety follow-up after PHQ-9 item 9 above 0.
    SafetyFollowUp,
    /// Written by the case manager (its title says what).
    Manual,
    /// Rule: an appointment marked missed (its source is the appointment).
    MissedAppointment,
    /// Rule: a referral not updated by its follow-up date (its source is the referral).
    ReferralOverdue,
    /// Rule: a certification or authorization of a coverage ends within 30 days (its source is the coverage).
    CoverageEnding,
    /// Rule: a move from a facility to home needs a contact within 72 hours (its source is the transition).
    PostTransitionContact,
}

crate::domain::codes::codes!(TaskKind {
    SafetyFollowUp => "safety_follow_up",
    Manual => "manual",
    MissedAppointment => "missed_appointment",
    ReferralOverdue => "referral_overdue",
    CoverageEnding => "coverage_ending",
    PostTransitionContact => "post_transition_contact",
});

impl TaskKind {
    /// Whether a rule made tasks of this kind (they say so on the list; a manual task has a title instead).
    pub fn by_rule(self) -> bool {
        self != TaskKind::Manual
    }
}

/// The id of the task a rule makes from a source record: the same rule, source and `occasion` (the due date the
/// rule acted on, as days since the common era) always give the same id, so running the rules again, in another
/// tab or on another day, finds the task instead of making a second one. Each source id is a random UUID, so the
/// mix below (a bijection for a fixed rule and occasion) cannot meet another record's id in practice.
pub fn rule_task_id(kind: TaskKind, source: Id, occasion: NaiveDate) -> Id {
    let mut bytes = *source.as_bytes();
    let salt = (kind as u32).wrapping_mul(0x9E37_79B9) ^ (occasion.num_days_from_ce() as u32);
    for (i, b) in salt.to_le_bytes().iter().enumerate() {
        bytes[i] ^= b;
        bytes[15 - i] ^= b.rotate_left(3);
    }
    bytes[8] ^= 0x5A; // never the source's own id, even for a zero salt
    Id::from_random_bytes(bytes)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    Urgent,
    Normal,
}

crate::domain::codes::codes!(Priority {
    Urgent => "urgent",
    Normal => "normal",
});

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub id: Id,
    pub case_id: Id,
    pub kind: TaskKind,
    pub priority: Priority,
    #[serde(with = "crate::domain::stored_time::date")]
    pub due: NaiveDate,
    /// The record that raised it: an administration, an appointment or a referral (by `kind`).
    pub source: Option<Id>,
    /// What to do, for a task written by hand (rule tasks are named by their kind).
    #[serde(default)]
    pub title: Option<String>,
    /// The care team member who does it.
    #[serde(default)]
    pub assignee: Option<Id>,
    #[serde(with = "crate::domain::stored_time::instant")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "crate::domain::stored_time::optional_instant", default)]
    pub done_at: Option<DateTime<Utc>>,
    /// Closed without being done, and why (for example: the result that raised it was entered in error).
    #[serde(default)]
    pub cancelled: Option<Cancellation>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cancellation {
    #[serde(with = "crate::domain::stored_time::instant")]
    pub at: DateTime<Utc>,
    pub reason: String,
    /// Cancelled with the case's closure, for this reason (the list says so in the reader's language).
    #[serde(default)]
    pub closure: Option<crate::domain::case::ClosureReason>,
}

/// A task's stored status code: `open`, `done` or `cancelled`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskStatus {
    Open,
    Done,
    Cancelled,
}

impl TaskStatus {
    pub fn code(self) -> &'static str {
        match self {
            TaskStatus::Open => "open",
            TaskStatus::Done => "done",
            TaskStatus::Cancelled => "cancelled",
        }
    }
}

impl Task {
    /// An open task a rule made from `source`, due `due`; no title (its kind names it) and nobody assigned.
    pub fn by_rule(
        id: Id,
        case_id: Id,
        kind: TaskKind,
        priority: Priority,
        source: Id,
        due: NaiveDate,
        now: DateTime<Utc>,
    ) -> Task {
        Task {
            id,
            case_id,
            kind,
            priority,
            due,
            source: Some(source),
            title: None,
            assignee: None,
            created_at: now,
            done_at: None,
            cancelled: None,
        }
    }

    pub fn status(&self) -> TaskStatus {
        match (self.done_at, &self.cancelled) {
            (Some(_), _) => TaskStatus::Done,
            (None, Some(_)) => TaskStatus::Cancelled,
            (None, None) => TaskStatus::Open,
        }
    }

    pub fn is_open(&self) -> bool {
        self.status() == TaskStatus::Open
    }

    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && self.due < today
    }
}

/// What a need is about: a social-needs domain, a clinical finding of an instrument, or something else.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Concern {
    Housing,
    Food,
    Transportation,
    Utilities,
    Safety,
    Depression,
    Anxiety,
    /// Katz below 6: help with basic activities of daily living.
    DailyActivities,
    /// Lawton below 8: help with instrumental activities of daily living.
    InstrumentalActivities,
    /// LACE 10 or more: high risk of readmission.
    Readmission,
    Other,
}

// The first five are the AHC domains' own codes: needs stored before v5 named their domain as `domain`.
crate::domain::codes::codes!(Concern {
    Housing => "housing",
    Food => "food",
    Transportation => "transportation",
    Utilities => "utilities",
    Safety => "safety",
    Depression => "depression",
    Anxiety => "anxiety",
    DailyActivities => "adl",
    InstrumentalActivities => "iadl",
    Readmission => "readmission",
    Other => "other",
});

impl From<AhcDomain> for Concern {
    fn from(domain: AhcDomain) -> Concern {
        match domain {
            AhcDomain::Housing => Concern::Housing,
            AhcDomain::Food => Concern::Food,
            AhcDomain::Transportation => Concern::Transportation,
            AhcDomain::Utilities => Concern::Utilities,
            AhcDomain::Safety => Concern::Safety,
        }
    }
}

/// A need (problem) the care plan addresses: raised by a result, or added by hand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Need {
    pub id: Id,
    pub case_id: Id,
    #[serde(alias = "domain")]
    pub concern: Concern,
    /// The case manager's words (required for a need added by hand).
    #[serde(default)]
    pub description: Option<String>,
    /// The administration that first raised it (`None`: added by hand).
    pub source: Option<Id>,
    /// Later results that found the same need while it was open.
    #[serde(default)]
    pub also_raised_by: Vec<Id>,
    #[serde(with = "crate::domain::stored_time::instant")]
    pub identified_at: DateTime<Utc>,
    /// Taken back, and why (the result that raised it was entered in error).
    #[serde(default)]
    pub withdrawn: Option<Cancellation>,
}

impl Need {
    pub fn is_open(&self) -> bool {
        self.withdrawn.is_none()
    }

    /// Whether a result raised it (or it was added by hand).
    pub fn raised_by_result(&self) -> bool {
        self.source.is_some()
    }
}

/// Open tasks first (urgent, then by due date), then done ones.
pub fn worklist_order(tasks: &mut [Task]) {
    crate::domain::order::sort_by_key(tasks, |t| (!t.is_open(), t.priority, t.due, t.created_at));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_urgent_tasks_come_first_and_overdue_is_known() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let task = |n: u8, priority, due, done: bool| Task {
            id: Id::from_random_bytes([n; 16]),
            case_id: Id::from_random_bytes([0; 16]),
            kind: TaskKind::SafetyFollowUp,
            priority,
            due,
            source: None,
            title: None,
            assignee: None,
            created_at: Utc::now(),
            done_at: done.then(Utc::now),
            cancelled: None,
        };
        let mut tasks = vec![
            task(1, Priority::Urgent, day(20), true),
            task(2, Priority::Normal, day(21), false),
            task(3, Priority::Urgent, day(23), false),
        ];
        worklist_order(&mut tasks);
        let order: Vec<Id> = tasks.iter().map(|t| t.id).collect();
        let id = |n| Id::from_random_bytes([n; 16]);
        assert_eq!(order, vec![id(3), id(2), id(1)]);
        assert!(tasks[1].is_overdue(day(23)));
        assert!(
            !tasks[2].is_overdue(day(23)),
            "done tasks are never overdue"
        );
    }

    #[test]
    fn a_rule_task_id_is_the_same_for_the_same_rule_source_and_day_and_differs_otherwise() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let source = Id::from_random_bytes([7; 16]);
        let other = Id::from_random_bytes([8; 16]);
        let id = rule_task_id(TaskKind::ReferralOverdue, source, day(20));
        assert_eq!(id, rule_task_id(TaskKind::ReferralOverdue, source, day(20)));
        assert_ne!(id, source);
        for different in [
            rule_task_id(TaskKind::MissedAppointment, source, day(20)),
            rule_task_id(TaskKind::ReferralOverdue, source, day(21)),
            rule_task_id(TaskKind::ReferralOverdue, other, day(20)),
        ] {
            assert_ne!(id, different);
        }
    }

    #[test]
    fn a_need_stored_before_concerns_reads_its_domain_as_its_concern() {
        let stored = r#"{"id":"07070707-0707-4707-8707-070707070707","case_id":"07070707-0707-4707-8707-070707070707","domain":"food","source":null,"identified_at":"2026-11-20T09:00:00.000Z","withdrawn":null}"#;
        let need: Need = serde_json::from_str(stored).unwrap();
        assert_eq!(need.concern, Concern::Food);
        assert!(need.also_raised_by.is_empty() && need.description.is_none());
        let written = serde_json::to_value(&need).unwrap();
        assert_eq!(written["concern"], "food");
    }
}
