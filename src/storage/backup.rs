//! The backup's payload: every store's records as stored (envelopes with their sealed bodies, the audit log with its
//! chain, the migration markers), as one JSON object keyed by store, and its reading back into typed rows that a
//! restore writes in one transaction. Pure (no browser), so the native tests and the fuzzing harness run it.
//!
//! The payload is sealed whole under a key derived from the workspace's data key (`repo::backup`) and carried in
//! the file format of `domain::backup`; the keyring travels in that file's clear header, not in the payload.

use crate::storage::audit_chain::{AuditHead, HEAD_KEY};
use crate::storage::keyring::{KeyringRecord, KEYRING_KEY};
use crate::storage::records::*;
use crate::storage::schema::{self, Version, META};
use serde::Deserialize;

/// A workspace read back from a backup, checked record by record, to be written whole or not at all.
#[derive(Clone, Debug, Default)]
pub struct Restored {
    /// Every record but the audit log's entries, the keyring included (from the file's header).
    pub rows: Vec<SealedRow>,
    /// The audit log, in the order written, with its hashes as they were.
    pub audit: Vec<AuditRecord>,
    /// The log's head as it was.
    pub head: Option<AuditHead>,
}

impl Restored {
    /// How many records the workspace holds (audit entries and bookkeeping left out).
    pub fn records(&self) -> u64 {
        self.rows.iter().filter(|r| r.store() != META).count() as u64
    }
}

/// The payload's text: `{"clients":[…],"cases":[…],…}` from each store's records as a JSON array.
pub fn payload(stores: &[(&'static str, String)]) -> String {
    let mut text = String::with_capacity(stores.iter().map(|(_, rows)| rows.len() + 20).sum());
    text.push('{');
    for (i, (store, rows)) in stores.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push('"');
        text.push_str(store);
        text.push_str("\":");
        text.push_str(rows);
    }
    text.push('}');
    text
}

/// Any row of `meta`: migration markers, the audit head, the keyring and lock drafts share the store.
#[derive(Deserialize)]
struct MetaRow {
    key: String,
    #[serde(default)]
    done_at: Option<String>,
    #[serde(default)]
    rev: u32,
    #[serde(default)]
    hash: Option<String>,
    #[serde(default)]
    entries: Option<u64>,
    #[serde(default)]
    unchained: u64,
}

/// One field per store; a store missing from an older backup is empty.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Payload {
    #[serde(default)]
    clients: Vec<ClientRecord>,
    #[serde(default)]
    cases: Vec<CaseRecord>,
    #[serde(default)]
    audit: Vec<AuditRecord>,
    #[serde(default)]
    administrations: Vec<AdministrationRecord>,
    #[serde(default)]
    tasks: Vec<TaskRecord>,
    #[serde(default)]
    needs: Vec<NeedRecord>,
    #[serde(default)]
    assessments: Vec<AssessmentRecord>,
    #[serde(default)]
    meta: Vec<MetaRow>,
    #[serde(default)]
    plans: Vec<PlanRecord>,
    #[serde(default)]
    plan_revisions: Vec<PlanRevisionRecord>,
    #[serde(default)]
    referrals: Vec<ReferralRecord>,
    #[serde(default)]
    appointments: Vec<AppointmentRecord>,
    #[serde(default)]
    coverages: Vec<CoverageRecord>,
    #[serde(default)]
    contacts: Vec<ContactRecord>,
    #[serde(default)]
    notes: Vec<NoteRecord>,
    #[serde(default)]
    transitions: Vec<TransitionRecord>,
    #[serde(default)]
    staff: Vec<StaffRecord>,
}

/// Reads a decrypted payload back into the rows to restore, with the keyring from the file's header (its failed
/// unlocks cleared). Refused whole, naming the first problem, if any record is not of its store's shape, a key
/// appears twice in a store, or the file comes from a newer schema. Lock drafts (what a lock kept of a page on the
/// device the backup was made on) are left behind.
pub fn parse_payload(
    text: &str,
    schema_version: u32,
    mut keyring: KeyringRecord,
) -> Result<Restored, String> {
    if schema_version > Version::CURRENT.number() {
        return Err(format!("made with schema version {schema_version}"));
    }
    let p: Payload = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut rows: Vec<SealedRow> = Vec::new();
    fn add<R>(rows: &mut Vec<SealedRow>, from: Vec<R>, wrap: fn(R) -> SealedRow) {
        rows.extend(from.into_iter().map(wrap));
    }
    add(&mut rows, p.clients, SealedRow::Client);
    add(&mut rows, p.cases, SealedRow::Case);
    add(&mut rows, p.administrations, SealedRow::Administration);
    add(&mut rows, p.tasks, SealedRow::Task);
    add(&mut rows, p.needs, SealedRow::Need);
    add(&mut rows, p.assessments, SealedRow::Assessment);
    add(&mut rows, p.plans, SealedRow::Plan);
    add(&mut rows, p.plan_revisions, SealedRow::PlanRevision);
    add(&mut rows, p.referrals, SealedRow::Referral);
    add(&mut rows, p.appointments, SealedRow::Appointment);
    add(&mut rows, p.coverages, SealedRow::Coverage);
    add(&mut rows, p.contacts, SealedRow::Contact);
    add(&mut rows, p.notes, SealedRow::Note);
    add(&mut rows, p.transitions, SealedRow::Transition);
    add(&mut rows, p.staff, SealedRow::Staff);
    let mut head = None;
    for row in p.meta {
        match row.key.as_str() {
            HEAD_KEY => {
                head = Some(AuditHead {
                    key: row.key,
                    hash: row.hash.ok_or("the audit head has no hash")?,
                    entries: row.entries.ok_or("the audit head has no count")?,
                    unchained: row.unchained,
                })
            }
            KEYRING_KEY => {}
            key if key.starts_with(crate::storage::keyring::LOCK_DRAFT_KEY) => {}
            _ => rows.push(SealedRow::Meta(MetaRecord {
                done_at: row
                    .done_at
                    .ok_or_else(|| format!("meta {}: no date", row.key))?,
                key: row.key,
                rev: row.rev,
            })),
        }
    }
    if let Some(head) = &head {
        if head.entries + head.unchained != p.audit.len() as u64 {
            return Err(format!(
                "the audit head counts {} entries, the log has {}",
                head.entries + head.unchained,
                p.audit.len()
            ));
        }
    }
    let mut seen = std::collections::HashSet::new();
    for row in &rows {
        if !seen.insert((row.store(), row.key())) {
            return Err(format!("{} {} appears twice", row.store(), row.key()));
        }
        if row.key().is_empty() {
            return Err(format!("a record of {} has no key", row.store()));
        }
    }
    // Its row's key is not covered by the keyring's MAC: whatever the file says, it is the keyring.
    keyring.key = KEYRING_KEY.into();
    keyring.failures = 0;
    keyring.failed_at = None;
    keyring.rev = keyring.rev.max(1);
    rows.push(SealedRow::Keyring(keyring));
    Ok(Restored {
        rows,
        audit: p.audit,
        head,
    })
}

/// The stores a backup holds, in the order written.
pub fn stores() -> impl Iterator<Item = &'static str> {
    schema::STORES.iter().map(|(store, _)| *store)
}
