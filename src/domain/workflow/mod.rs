//! User actions as pure functions: (what is stored now, the input, today and now, fresh ids) → a [`Changeset`].
//!
//! Storage reads what an action needs, calls the function here, and writes the changeset in one transaction;
//! it decides nothing itself. One file per aggregate: `clients`, `cases`, `results`, `assessments`, `plans`,
//! `coordination`, `follow_up`, `transitions`.

pub mod assessments;
pub mod cases;
pub mod clients;
pub mod closure;
pub mod coordination;
pub mod follow_up;
pub mod plans;
pub mod results;
pub mod transitions;

use crate::domain::administration::Administration;
use crate::domain::assessment::Assessment;
use crate::domain::audit::{Action, AuditEntry, EntityKind};
use crate::domain::case::Case;
use crate::domain::client::Client;
use crate::domain::coordination::{Appointment, Referral};
use crate::domain::ids::Id;
use crate::domain::plan::{CarePlan, PlanRevision};
use crate::domain::task::{Need, Task};
use chrono::{DateTime, Utc};

/// A record as an action writes it whole. Serialises as the record itself (what storage seals).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum Record {
    Client(Client),
    Case(Case),
    Administration(Administration),
    Task(Task),
    Need(Need),
    /// Keyed by its case (one holistic assessment per case).
    Assessment(Assessment),
    /// Keyed by its case (one plan per case).
    Plan(CarePlan),
    PlanRevision(PlanRevision),
    Referral(Referral),
    Appointment(Appointment),
    Coverage(crate::domain::coverage::Coverage),
    Contact(crate::domain::contact::Contact),
    Note(crate::domain::note::ProgressNote),
    Transition(crate::domain::transition::Transition),
    Staff(crate::domain::staff::StaffMember),
}

/// Each record type is a `Record`.
macro_rules! record_from {
    ($($variant:ident($t:ty)),* $(,)?) => {
        $(impl From<$t> for Record {
            fn from(r: $t) -> Record {
                Record::$variant(r)
            }
        })*
    };
}

record_from!(
    Client(Client),
    Case(Case),
    Administration(Administration),
    Task(Task),
    Need(Need),
    Assessment(Assessment),
    Plan(CarePlan),
    PlanRevision(PlanRevision),
    Referral(Referral),
    Appointment(Appointment),
    Coverage(crate::domain::coverage::Coverage),
    Contact(crate::domain::contact::Contact),
    Note(crate::domain::note::ProgressNote),
    Transition(crate::domain::transition::Transition),
    Staff(crate::domain::staff::StaffMember),
);

impl Record {
    pub fn kind(&self) -> EntityKind {
        match self {
            Record::Client(_) => EntityKind::Client,
            Record::Case(_) => EntityKind::Case,
            Record::Administration(_) => EntityKind::Administration,
            Record::Task(_) => EntityKind::Task,
            Record::Need(_) => EntityKind::Need,
            Record::Assessment(_) => EntityKind::Assessment,
            Record::Plan(_) => EntityKind::Plan,
            Record::PlanRevision(_) => EntityKind::PlanRevision,
            Record::Referral(_) => EntityKind::Referral,
            Record::Appointment(_) => EntityKind::Appointment,
            Record::Coverage(_) => EntityKind::Coverage,
            Record::Contact(_) => EntityKind::Contact,
            Record::Note(_) => EntityKind::Note,
            Record::Transition(_) => EntityKind::Transition,
            Record::Staff(_) => EntityKind::Staff,
        }
    }

    pub fn id(&self) -> Id {
        match self {
            Record::Client(r) => r.id,
            Record::Case(r) => r.id,
            Record::Administration(r) => r.id,
            Record::Task(r) => r.id,
            Record::Need(r) => r.id,
            Record::Assessment(r) => r.case_id,
            Record::Plan(r) => r.case_id,
            Record::PlanRevision(r) => r.id,
            Record::Referral(r) => r.id,
            Record::Appointment(r) => r.id,
            Record::Coverage(r) => r.id,
            Record::Contact(r) => r.id,
            Record::Note(r) => r.id,
            Record::Transition(r) => r.id,
            Record::Staff(r) => r.id,
        }
    }

    /// The case the record belongs to (a case itself; none for a client or a staff member).
    pub fn case_id(&self) -> Option<Id> {
        match self {
            Record::Client(_) | Record::Staff(_) => None,
            Record::Case(r) => Some(r.id),
            Record::Administration(r) => Some(r.case_id),
            Record::Task(r) => Some(r.case_id),
            Record::Need(r) => Some(r.case_id),
            Record::Assessment(r) => Some(r.case_id),
            Record::Plan(r) => Some(r.case_id),
            Record::PlanRevision(r) => Some(r.case_id),
            Record::Referral(r) => Some(r.case_id),
            Record::Appointment(r) => Some(r.case_id),
            Record::Coverage(r) => Some(r.case_id),
            Record::Contact(r) => Some(r.case_id),
            Record::Note(r) => Some(r.case_id),
            Record::Transition(r) => Some(r.case_id),
        }
    }
}

/// Everything one user action writes: whole records to put, records to delete, and the audit entries that say so.
/// Storage writes a changeset in one transaction or not at all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Changeset {
    pub puts: Vec<Record>,
    pub deletes: Vec<(EntityKind, Id)>,
    pub audit: Vec<AuditEntry>,
}

impl Changeset {
    /// Puts a record and audits it.
    pub fn put(&mut self, record: Record, action: Action, now: DateTime<Utc>) {
        self.audit.push(AuditEntry {
            at: now,
            entity: record.kind(),
            entity_id: record.id(),
            action,
            by: None,
        });
        self.puts.push(record);
    }

    /// Deletes a record and audits it.
    pub fn delete(&mut self, entity: EntityKind, id: Id, now: DateTime<Utc>) {
        self.deletes.push((entity, id));
        self.audit.push(AuditEntry {
            at: now,
            entity,
            entity_id: id,
            action: Action::Deleted,
            by: None,
        });
    }

    /// Nothing to write (an action that was already done).
    pub fn is_empty(&self) -> bool {
        self.puts.is_empty() && self.deletes.is_empty()
    }

    /// The records of one kind this changeset puts.
    pub fn cases(&self) -> impl Iterator<Item = &Case> {
        self.puts.iter().filter_map(|r| match r {
            Record::Case(c) => Some(c),
            _ => None,
        })
    }

    pub fn tasks(&self) -> impl Iterator<Item = &Task> {
        self.puts.iter().filter_map(|r| match r {
            Record::Task(t) => Some(t),
            _ => None,
        })
    }

    pub fn needs(&self) -> impl Iterator<Item = &Need> {
        self.puts.iter().filter_map(|r| match r {
            Record::Need(n) => Some(n),
            _ => None,
        })
    }
}

/// A source of fresh record ids (random in the app, counted in tests). Any number can be drawn.
pub trait FreshIds {
    fn fresh(&mut self) -> Id;
}

impl<F: FnMut() -> Id> FreshIds for F {
    fn fresh(&mut self) -> Id {
        self()
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::domain::case::{CaseDetails, CaseModel, Specialty};
    use chrono::{NaiveDate, TimeZone};

    /// Ids 1, 2, 3, … in order.
    pub fn counter() -> impl FnMut() -> Id {
        let mut n = 0u8;
        move || {
            n += 1;
            Id::from_random_bytes([n; 16])
        }
    }

    pub fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 9, 30, 0).unwrap()
    }

    pub fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    pub fn open_case() -> Case {
        let details = CaseDetails {
            specialty: Specialty::Nursing,
            model: CaseModel::Clinical,
            case_manager: "N. Sato".into(),
            case_manager_id: None,
            opened_on: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            referral_source: None,
            referral_reason: "Falls".into(),
        };
        Case::open(
            Id::from_random_bytes([200; 16]),
            Id::from_random_bytes([201; 16]),
            details,
            now(),
        )
    }
}
