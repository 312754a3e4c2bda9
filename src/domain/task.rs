//! Tasks on a case, and the needs the care plan must address.

use crate::domain::ids::Id;
use crate::domain::instruments::AhcDomain;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskKind {
    /// Same-day safety follow-up after PHQ-9 item 9 above 0.
    SafetyFollowUp,
}

crate::domain::codes::codes!(TaskKind {
    SafetyFollowUp => "safety_follow_up",
});

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
    /// The administration that raised it.
    pub source: Option<Id>,
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

/// A health-related social need identified by screening, waiting for the care plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Need {
    pub id: Id,
    pub case_id: Id,
    pub domain: AhcDomain,
    pub source: Option<Id>,
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
}
