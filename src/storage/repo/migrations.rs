//! Data migrations: changes to record content, which only the codec can open, so they run after the database is
//! open, as ordinary batches, once each (the `meta` store records which have run).

use super::{Repo, Result, Snapshot};
use crate::domain::audit::Action;
use crate::domain::audit::EntityKind;
use crate::domain::case::{Case, CaseStatus};
use crate::domain::note::ProgressNote;
use crate::domain::staff::give_ids;
use crate::domain::workflow::cases::unstratify_untested;
use crate::domain::workflow::Record;
use crate::storage::backend::{Backend, Batch, Durability, Expect, IndexKey, Put};
use crate::storage::records::{store_of, timestamp, CaseRecord, MetaRecord, NoteRecord, SealedRow};
use crate::storage::schema::{ADMINISTRATIONS, BY_CASE, CASES, NOTES};
use chrono::Utc;

/// Cases without results, stored as `low` before "not yet stratified" existed, become unstratified.
const UNSTRATIFIED_TIERS: &str = "2026-11-unstratified-tiers";
/// Open cases written before v6 are written again, so that their envelope carries the day their next contact is due
/// (the `by_next_contact` index), which follows from content only the codec can open (the case model).
const NEXT_CONTACT: &str = "2026-11-next-contact";

/// Cases and notes written before v7 named their case manager and signers only: each name joins the staff list and
/// the records carry the staff id.
const STAFF_IDS: &str = "2026-11-staff-ids";

/// Every data migration, in the order they run.
const MIGRATIONS: [&str; 3] = [UNSTRATIFIED_TIERS, NEXT_CONTACT, STAFF_IDS];

impl<B: Backend> Repo<B> {
    /// Runs every data migration that has not run yet.
    pub async fn run_data_migrations(&self) -> Result<()> {
        for key in MIGRATIONS {
            // Another tab writing a case meanwhile makes the batch a conflict: read again and retry a few times
            // (the case it wrote is then read as it is now); still in conflict, the next start tries again.
            for _ in 0..3 {
                let run = if key == STAFF_IDS {
                    self.run_staff_migration().await
                } else {
                    self.run_case_migration(key).await
                };
                match run {
                    Err(crate::storage::StorageError::Conflict) => continue,
                    other => {
                        other?;
                        break;
                    }
                }
            }
        }
        Ok(())
    }

    /// Runs the case migration `key` unless it has run: every case it changes, and the mark that it ran, in one
    /// batch.
    async fn run_case_migration(&self, key: &'static str) -> Result<()> {
        if self.backend.get::<MetaRecord>(key).await?.is_some() {
            return Ok(());
        }
        let _busy = self.busy_guard();
        let now = Utc::now();
        let mut snapshot = Snapshot::default();
        let mut changes = crate::domain::workflow::Changeset::default();
        for row in self
            .backend
            .all::<CaseRecord>()
            .await?
            .into_iter()
            .flatten()
        {
            let Ok(case) = self.open_row::<_, Case>(&row).await else {
                continue; // an unreadable case is left as it is, and shown as unreadable
            };
            snapshot.note(CASES, row.id.clone(), row.rev);
            let mut step = crate::domain::workflow::Changeset::default();
            if key == UNSTRATIFIED_TIERS {
                let results = self
                    .backend
                    .count(ADMINISTRATIONS, BY_CASE, IndexKey::One(row.id.clone()))
                    .await? as usize;
                step = unstratify_untested(&case, results, now);
                // A case whose clear tier disagrees with its content (a v2 case, given `low` by the v3 step while
                // its content has no tier) is written again so that its index entry tells the truth.
                if step.is_empty() && row.tier != self.codec().codes().tier(case.tier()) {
                    step.put(Record::Case(case), Action::Migrated, now);
                }
            } else if case.status == CaseStatus::Open && row.next_contact.is_none() {
                step.put(Record::Case(case), Action::Migrated, now);
            }
            changes.puts.extend(step.puts);
            changes.audit.extend(step.audit);
        }
        debug_assert!(changes.puts.iter().all(|r| r.kind() == EntityKind::Case));
        self.commit_migration(key, &snapshot, &changes, now).await
    }

    /// Gives every case and note written before the staff list the staff ids of the names they hold.
    async fn run_staff_migration(&self) -> Result<()> {
        if self.backend.get::<MetaRecord>(STAFF_IDS).await?.is_some() {
            return Ok(());
        }
        let _busy = self.busy_guard();
        let now = Utc::now();
        let mut snapshot = Snapshot::default();
        let staff = self.staff().await?.value;
        let mut cases = Vec::new();
        for row in self
            .backend
            .all::<CaseRecord>()
            .await?
            .into_iter()
            .flatten()
        {
            if let Ok(case) = self.open_row::<_, Case>(&row).await {
                if case.details.case_manager_id.is_none() {
                    snapshot.note(CASES, row.id.clone(), row.rev);
                    cases.push(case);
                }
            }
        }
        let mut notes = Vec::new();
        for row in self
            .backend
            .all::<NoteRecord>()
            .await?
            .into_iter()
            .flatten()
        {
            if let Ok(note) = self.open_row::<_, ProgressNote>(&row).await {
                snapshot.note(NOTES, row.id.clone(), row.rev);
                notes.push(note);
            }
        }
        let changes = give_ids(&staff, cases, notes, &mut || self.fresh_id(), now);
        self.commit_migration(STAFF_IDS, &snapshot, &changes, now)
            .await
    }

    /// Writes a data migration's records and its "done" mark in one batch: the migration happens whole or not at
    /// all. A record read for it must be as it was read; a new one must not exist yet.
    async fn commit_migration(
        &self,
        key: &'static str,
        snapshot: &Snapshot,
        changes: &crate::domain::workflow::Changeset,
        now: chrono::DateTime<Utc>,
    ) -> Result<()> {
        let mut puts = Vec::new();
        for record in &changes.puts {
            let id = record.id().to_string();
            let (expect, rev) = match snapshot.rev(store_of(record.kind()), &id) {
                Some(rev) => (Expect::Rev(rev), rev + 1),
                None => (Expect::Absent, 1),
            };
            let body = self.seal_record(record, rev).await?;
            puts.push(Put {
                expect,
                row: SealedRow::of(record, rev, body, &self.codec().codes()),
            });
        }
        puts.push(Put {
            expect: Expect::Absent,
            row: SealedRow::Meta(MetaRecord {
                key: key.into(),
                done_at: timestamp(now),
                rev: 1,
            }),
        });
        let audit = self.audit_records(&changes.audit);
        self.backend
            .commit(Batch {
                puts,
                deletes: vec![],
                checks: vec![],
                audit,
                durability: Durability::Strict,
            })
            .await
    }
}
