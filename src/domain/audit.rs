//! The audit trail: what happened to which record and when. Entries hold no names or clinical text.

use crate::domain::ids::Id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Client,
    Case,
    Assessment,
    Administration,
    Task,
    Need,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
}

/// One line of the append-only audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub entity: EntityKind,
    pub entity_id: Id,
    pub action: Action,
}
