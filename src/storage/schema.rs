//! The database schema as data: store and index names, what each index is on, and the schema versions. Both
//! backends read it; `idb::upgrade` turns it into IndexedDB migrations.
//!
//! Stores and what their indexes hold (never names or clinical text; record content is sealed by `codec`):
//! - `clients`: key `id`. No indexes: names are searched in memory.
//! - `cases`: key `id`. `by_client` on `client_id` (v1); `by_status` on `status` (v2); `by_status_tier` on
//!   `[status, tier]` (v3; the effective tier code, `unstratified` until a rule has data).
//! - `audit`: auto-increment key, append-only. `by_at` on `at` (v1); `by_entity` on `entity_id` (v2).
//! - `administrations` (v3): key `id`. `by_case` on `case_id`.
//! - `tasks` (v3): key `id`. `by_case` on `case_id`; `by_due` on `due` (`YYYY-MM-DD`).
//! - `needs` (v3): key `id`. `by_case` on `case_id`.
//! - `assessments` (v3): key `case_id` (one holistic assessment per case).
//! - `meta` (v4): key `key`. Which data migrations have run.
//! - `plans` (v5): key `case_id` (one care plan per case; goals, interventions, team and education are inside it).
//! - `plan_revisions` (v5): key `id`. `by_case` on `case_id`. Earlier revisions of agreed plans.
//! - `referrals` (v5): key `id`. `by_case` on `case_id`; `by_due` on `due`, the follow-up date (`YYYY-MM-DD`),
//!   present only while the loop is open, so the overdue rule reads open referrals past their date and no others.
//! - `appointments` (v5): key `id`. `by_case` on `case_id`; `by_date` on `on`, the local date (`YYYY-MM-DD`).
//! - `contacts` (v6): key `id`. `by_case` on `case_id`.
//! - `notes` (v6): key `id`. `by_case` on `case_id`. Signed progress notes with their addenda.
//! - `cases` gains `by_status_phase` (v6) on `[status, phase]`: the dashboard counts open cases of each phase.
//! - `tasks` gains `by_status_due` (v6) on `[status, due]`: open tasks due by a day are one key range.
//! - `cases` gains `by_next_contact` (v6) on `next_contact`, the day the next contact is due (`YYYY-MM-DD`), present
//!   only while the case is open, so the contacts-due list reads open cases due by a day and no others.
//! - `transitions` (v7): key `id`. `by_case` on `case_id`. Moves between care settings with their checklist and
//!   medication reconciliation.
//! - `staff` (v7): key `id`. No indexes: the staff list is short and read whole.
//! - `coverages` (v5): key `id`. `by_case` on `case_id`; `by_due` on `due`, the first date a certification or an
//!   authorization of it ends (`YYYY-MM-DD`), for the rule that warns before coverage ends.
//!
//! Migrations only ever add: a step never deletes or recreates a store holding user data. A step that must change
//! record content (which only the codec can open) is a data migration run after open (`repo::migrations`).

pub const DB_NAME: &str = "care-planner";
/// The demo workspace's database: fictional data, never in the real one (`domain::demo`).
pub const DEMO_DB_NAME: &str = "care-planner-demo";

pub const CLIENTS: &str = "clients";
pub const CASES: &str = "cases";
pub const AUDIT: &str = "audit";
pub const ADMINISTRATIONS: &str = "administrations";
pub const TASKS: &str = "tasks";
pub const NEEDS: &str = "needs";
pub const ASSESSMENTS: &str = "assessments";
pub const META: &str = "meta";
pub const PLANS: &str = "plans";
pub const PLAN_REVISIONS: &str = "plan_revisions";
pub const REFERRALS: &str = "referrals";
pub const APPOINTMENTS: &str = "appointments";
pub const COVERAGES: &str = "coverages";
pub const CONTACTS: &str = "contacts";
pub const NOTES: &str = "notes";
pub const TRANSITIONS: &str = "transitions";
pub const STAFF: &str = "staff";

/// The stores whose records carry a sealed body (all but the audit log and `meta`, which hold no personal content).
pub const SEALED_STORES: [&str; 15] = [
    CLIENTS,
    CASES,
    ADMINISTRATIONS,
    TASKS,
    NEEDS,
    ASSESSMENTS,
    PLANS,
    PLAN_REVISIONS,
    REFERRALS,
    APPOINTMENTS,
    COVERAGES,
    CONTACTS,
    NOTES,
    TRANSITIONS,
    STAFF,
];

pub const CASES_BY_CLIENT: &str = "by_client";
pub const CASES_BY_STATUS: &str = "by_status";
pub const AUDIT_BY_AT: &str = "by_at";
pub const AUDIT_BY_ENTITY: &str = "by_entity";
/// Compound `[status, tier]`: the open cases of one tier are one key, closed ones never read.
pub const CASES_BY_STATUS_TIER: &str = "by_status_tier";
pub const BY_CASE: &str = "by_case";
pub const TASKS_BY_DUE: &str = "by_due";
/// Open referrals by follow-up date.
pub const BY_DUE: &str = "by_due";
pub const APPOINTMENTS_BY_DATE: &str = "by_date";
/// Compound `[status, phase]`: the open cases in one phase are one key.
pub const CASES_BY_STATUS_PHASE: &str = "by_status_phase";
/// Compound `[status, due]`: the open tasks due by a day are one key range.
pub const TASKS_BY_STATUS_DUE: &str = "by_status_due";
/// Open cases by the day their next contact is due.
pub const CASES_BY_NEXT_CONTACT: &str = "by_next_contact";

/// Every store with its key path (`None`: auto-increment keys).
pub const STORES: &[(&str, Option<&str>)] = &[
    (CLIENTS, Some("id")),
    (CASES, Some("id")),
    (AUDIT, None),
    (ADMINISTRATIONS, Some("id")),
    (TASKS, Some("id")),
    (NEEDS, Some("id")),
    (ASSESSMENTS, Some("case_id")),
    (META, Some("key")),
    (PLANS, Some("case_id")),
    (PLAN_REVISIONS, Some("id")),
    (REFERRALS, Some("id")),
    (APPOINTMENTS, Some("id")),
    (COVERAGES, Some("id")),
    (CONTACTS, Some("id")),
    (NOTES, Some("id")),
    (TRANSITIONS, Some("id")),
    (STAFF, Some("id")),
];

/// Every index: store, name, and the fields it is on (two fields: a compound key).
pub const INDEXES: &[(&str, &str, &[&str])] = &[
    (CASES, CASES_BY_CLIENT, &["client_id"]),
    (CASES, CASES_BY_STATUS, &["status"]),
    (CASES, CASES_BY_STATUS_TIER, &["status", "tier"]),
    (AUDIT, AUDIT_BY_AT, &["at"]),
    (AUDIT, AUDIT_BY_ENTITY, &["entity_id"]),
    (ADMINISTRATIONS, BY_CASE, &["case_id"]),
    (TASKS, BY_CASE, &["case_id"]),
    (TASKS, TASKS_BY_DUE, &["due"]),
    (NEEDS, BY_CASE, &["case_id"]),
    (PLAN_REVISIONS, BY_CASE, &["case_id"]),
    (REFERRALS, BY_CASE, &["case_id"]),
    (REFERRALS, BY_DUE, &["due"]),
    (APPOINTMENTS, BY_CASE, &["case_id"]),
    (APPOINTMENTS, APPOINTMENTS_BY_DATE, &["on"]),
    (COVERAGES, BY_CASE, &["case_id"]),
    (COVERAGES, BY_DUE, &["due"]),
    (CASES, CASES_BY_NEXT_CONTACT, &["next_contact"]),
    (CASES, CASES_BY_STATUS_PHASE, &["status", "phase"]),
    (TASKS, TASKS_BY_STATUS_DUE, &["status", "due"]),
    (CONTACTS, BY_CASE, &["case_id"]),
    (NOTES, BY_CASE, &["case_id"]),
    (TRANSITIONS, BY_CASE, &["case_id"]),
];

/// The fields `index` of `store` is on.
pub fn index_fields(store: &str, index: &str) -> &'static [&'static str] {
    INDEXES
        .iter()
        .find(|(s, i, _)| *s == store && *i == index)
        .map(|(_, _, fields)| *fields)
        .unwrap_or_else(|| panic!("no index {index} on {store}"))
}

/// Schema versions, oldest first. Each step's migration takes the database from the previous version to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Version {
    /// Clients, cases (by client) and the audit log (by time).
    V1 = 1,
    /// Indexes for the caseload list (open cases by status) and the audit trail of one record.
    V2 = 2,
    /// Instruments, tasks, needs and assessments; cases indexed by risk tier.
    V3 = 3,
    /// The `meta` store, which records the data migrations that have run.
    V4 = 4,
    /// Care planning and coordination: plans, plan revisions, referrals, appointments, coverages.
    V5 = 5,
    /// Follow-up and the dashboard: the contact log; open cases by the day their next contact is due and by phase;
    /// open tasks by due date.
    V6 = 6,
    /// Transitional care (moves between care settings) and the staff list.
    V7 = 7,
    /// No new store: the audit chain's head is written in `meta`, counting the entries from before the chain (and
    /// the version change closes tabs still running a build that logs without the chain).
    V8 = 8,
}

impl Version {
    pub const ALL: [Version; 8] = [
        Version::V1,
        Version::V2,
        Version::V3,
        Version::V4,
        Version::V5,
        Version::V6,
        Version::V7,
        Version::V8,
    ];
    pub const CURRENT: Version = Version::V8;

    pub fn number(self) -> u32 {
        self as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_index_is_on_a_known_store_and_versions_are_ordered() {
        for (store, _, fields) in INDEXES {
            assert!(STORES.iter().any(|(s, _)| s == store), "{store}");
            assert!(!fields.is_empty() && fields.len() <= 2);
        }
        assert_eq!(
            index_fields(CASES, CASES_BY_STATUS_TIER),
            &["status", "tier"]
        );
        assert!(Version::ALL.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(Version::CURRENT, *Version::ALL.last().unwrap());
    }
}
