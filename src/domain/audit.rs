//! The audit trail: what happened to which record and when. Entries hold no names or clinical text.

use crate::domain::ids::Id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Client,
    Case,
    Assessment,
    Administration,
    Task,
    Need,
    Plan,
    PlanRevision,
    Referral,
    Appointment,
    Coverage,
    Contact,
    Note,
    Transition,
    Staff,
    /// A user of the workspace (a staff member with a passphrase).
    User,
}

crate::domain::codes::codes!(EntityKind {
    Client => "client",
    Case => "case",
    Assessment => "assessment",
    Administration => "administration",
    Task => "task",
    Need => "need",
    Plan => "plan",
    PlanRevision => "plan_revision",
    Referral => "referral",
    Appointment => "appointment",
    Coverage => "coverage",
    Contact => "contact",
    Note => "note",
    Transition => "transition",
    Staff => "staff",
    User => "user",
});

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Created,
    Updated,
    Deleted,
    PhaseChanged,
    ScreeningRecorded,
    TierOverridden,
    Closed,
    Completed,
    /// A result marked as keyed in wrongly.
    EnteredInError,
    /// A task closed without being done.
    Cancelled,
    /// A stored record brought to a newer shape by a data migration.
    Migrated,
    /// A signed note given an addendum.
    Addended,
    /// A closed case opened again.
    Reopened,
}

crate::domain::codes::codes!(Action {
    Created => "created",
    Updated => "updated",
    Deleted => "deleted",
    PhaseChanged => "phase_changed",
    ScreeningRecorded => "screening_recorded",
    TierOverridden => "tier_overridden",
    Closed => "closed",
    Completed => "completed",
    EnteredInError => "entered_in_error",
    Cancelled => "cancelled",
    Migrated => "migrated",
    Addended => "addended",
    Reopened => "reopened",
});

/// One line of the append-only audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    #[serde(with = "crate::domain::stored_time::instant")]
    pub at: DateTime<Utc>,
    pub entity: EntityKind,
    pub entity_id: Id,
    pub action: Action,
    /// Who acted: the staff id of the user who had unlocked the workspace. Storage stamps it on every entry of a
    /// write; entries from before users existed have none.
    #[serde(default)]
    pub by: Option<Id>,
}
