//! The repository: domain-named reads and writes over a [`Backend`].
//!
//! A write reads what the action needs (noting each record's revision), asks the domain for a changeset, seals it
//! whole, and hands the backend one batch whose expectations say which revisions must still be there. If another
//! tab wrote one of those records in between, the batch is refused as a conflict and the action runs again on what
//! is stored now (at most three times). A write returns only after its transaction committed, with what it wrote:
//! nothing fallible happens after the commit, so a committed save is never reported as failed. One file per
//! aggregate: `clients`, `cases`, `results`, `assessments`, `plans` (planning and coordination), and `migrations`
//! for data migrations.

mod assessments;
mod audit;
mod backup;
mod cases;
mod clients;
mod dashboard;
mod evaluation;
mod export;
mod follow_up;
mod handover;
mod keys;
mod migrations;
mod plans;
mod results;
mod staff;
mod transitions;

pub use backup::{BackupFile, RestoreError, LAST_BACKUP_KEY};
pub use cases::CaseListRow;
pub use clients::ClientFile;
pub use dashboard::DashboardFile;
pub use evaluation::EvaluationFile;
pub use export::OpenCaseload;
pub use follow_up::FollowUpFile;
pub use handover::{HandoverFile, OpenedHandover};
pub use keys::{Confirmed, Unlock, SEAL_BATCH};
pub use plans::PlanFile;
pub use results::{CaseFile, SavedResult};
pub use transitions::TransitionsFile;

use crate::domain::ids::Id;
use crate::domain::workflow::{Changeset, Record};
use crate::storage::backend::{
    Backend, Batch, Delete, Durability, Expect, IndexKey, Put, Unreadable,
};
use crate::storage::codec::Codec;
use crate::storage::records::{store_of, AuditRecord, Sealed, SealedRow};
use crate::storage::StorageError;
use serde::de::DeserializeOwned;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

pub type Result<T> = std::result::Result<T, StorageError>;

/// A list that could be read, with the records in it that could not (shown by name, never failing the list).
#[derive(Clone, Debug, PartialEq)]
pub struct Partial<T> {
    pub value: T,
    pub unreadable: Vec<Unreadable>,
}

/// The repository over a backend.
#[derive(Clone)]
pub struct Repo<B: Backend> {
    backend: B,
    ids: Rc<RefCell<dyn FnMut() -> Id>>,
    busy: Rc<Cell<u32>>,
    /// The caseload's clients and open cases as last read, kept up to date by this session's writes.
    caseload: Rc<RefCell<Option<clients::CaseloadCache>>>,
    /// How records are sealed now, and who is acting (the staff id of the user who unlocked).
    session: Rc<RefCell<Session>>,
}

/// The codec in use and the user acting; a lock puts back `Codec::Locked` and no user.
#[derive(Clone)]
pub(crate) struct Session {
    pub(crate) codec: Codec,
    pub(crate) actor: Option<Id>,
}

/// How many times an action is tried again after a conflict with another tab's write.
const CONFLICT_RETRIES: usize = 3;

/// The revisions of the records an action read, so its batch can ask that they are still there.
#[derive(Default)]
pub(crate) struct Snapshot {
    revs: HashMap<(&'static str, String), u32>,
}

impl Snapshot {
    fn note(&mut self, store: &'static str, key: String, rev: u32) {
        self.revs.insert((store, key), rev);
    }

    fn rev(&self, store: &'static str, key: &str) -> Option<u32> {
        self.revs.get(&(store, key.to_string())).copied()
    }
}

/// Counts a write in flight while it lives (the UI asks before the page is left during one).
struct Busy(Rc<Cell<u32>>);

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.set(self.0.get().saturating_sub(1));
    }
}

fn unreadable_error(u: Unreadable) -> StorageError {
    StorageError::Corrupt(format!("{} {}: {}", u.store, u.key, u.problem))
}

impl<B: Backend> Repo<B> {
    /// A repository over `backend`, drawing record ids from `ids`.
    pub fn new(backend: B, ids: impl FnMut() -> Id + 'static) -> Repo<B> {
        Repo {
            backend,
            ids: Rc::new(RefCell::new(ids)),
            busy: Rc::default(),
            caseload: Rc::default(),
            session: Rc::new(RefCell::new(Session {
                codec: Codec::Plain,
                actor: None,
            })),
        }
    }

    /// The codec records are sealed and opened with now.
    pub(crate) fn codec(&self) -> Codec {
        self.session.borrow().codec.clone()
    }

    /// The staff id of the user who unlocked the workspace (none before encryption is set up).
    pub fn actor(&self) -> Option<Id> {
        self.session.borrow().actor
    }

    /// Opens the sealed body of `row`.
    pub(crate) async fn open_row<R: Sealed, T: DeserializeOwned>(&self, row: &R) -> Result<T> {
        self.codec()
            .open(R::STORE, &row.key(), row.rev(), row.body())
            .await
    }

    /// Seals a domain record to be written at revision `rev`.
    pub(crate) async fn seal_record(&self, record: &Record, rev: u32) -> Result<String> {
        seal_with(&self.codec(), record, rev).await
    }

    /// A second repository over the same backend, unlocked as this one is now: what another tab of the app holds
    /// once its user has unlocked it there (tests use it for "another tab").
    pub fn beside(&self) -> Repo<B> {
        Repo {
            backend: self.backend.clone(),
            ids: self.ids.clone(),
            busy: Rc::default(),
            caseload: Rc::default(),
            session: Rc::new(RefCell::new(self.session.borrow().clone())),
        }
    }

    pub fn backend(&self) -> &B {
        &self.backend
    }

    /// Whether a write is in flight (started and not yet committed or failed).
    pub fn busy(&self) -> bool {
        self.busy.get() > 0
    }

    fn busy_guard(&self) -> Busy {
        self.busy.set(self.busy.get() + 1);
        Busy(self.busy.clone())
    }

    fn fresh_id(&self) -> Id {
        (self.ids.borrow_mut())()
    }

    /// A fresh record id, for a form that names its record before saving it (a goal, a team member).
    pub fn new_id(&self) -> Id {
        self.fresh_id()
    }

    /// Runs `action` (read, decide, write) and runs it again on a conflict, up to [`CONFLICT_RETRIES`] times.
    async fn act<T>(&self, action: impl AsyncFn() -> Result<T>) -> Result<T> {
        let _busy = self.busy_guard();
        let mut tries = 0;
        loop {
            match action().await {
                Err(StorageError::Conflict) if tries < CONFLICT_RETRIES => tries += 1,
                other => return other,
            }
        }
    }

    /// Reads and opens one record, noting its revision.
    async fn read<R: Sealed, T: DeserializeOwned>(
        &self,
        snapshot: &mut Snapshot,
        key: &str,
    ) -> Result<Option<T>> {
        match self.backend.get::<R>(key).await? {
            None => Ok(None),
            Some(Err(unreadable)) => Err(unreadable_error(unreadable)),
            Some(Ok(row)) => {
                // Noted before the body is opened: a record whose content is damaged can still be replaced.
                snapshot.note(R::STORE, row.key(), row.rev());
                Ok(Some(self.open_row(&row).await?))
            }
        }
    }

    /// Reads one record that must exist.
    async fn read_existing<R: Sealed, T: DeserializeOwned>(
        &self,
        snapshot: &mut Snapshot,
        key: &str,
    ) -> Result<T> {
        self.read::<R, T>(snapshot, key)
            .await?
            .ok_or(StorageError::NotFound)
    }

    /// Reads and opens every record `index` holds under `key`, noting revisions; unreadable ones are listed apart.
    async fn read_index<R: Sealed, T: DeserializeOwned>(
        &self,
        snapshot: &mut Snapshot,
        index: &'static str,
        key: IndexKey,
    ) -> Result<Partial<Vec<T>>> {
        let rows = self.backend.by_index::<R>(index, key).await?;
        let mut value = Vec::with_capacity(rows.len());
        let mut unreadable = Vec::new();
        for row in rows {
            match row {
                Err(u) => unreadable.push(u),
                Ok(row) => match self.open_row::<_, T>(&row).await {
                    Ok(content) => {
                        snapshot.note(R::STORE, row.key(), row.rev());
                        value.push(content);
                    }
                    Err(e) => unreadable.push(Unreadable {
                        store: R::STORE,
                        key: row.key(),
                        problem: e.to_string(),
                    }),
                },
            }
        }
        Ok(Partial { value, unreadable })
    }

    /// Seals a changeset whole and writes it in one transaction. A record put that was read must still be at the
    /// revision read; one that was not read must be new.
    async fn write(&self, snapshot: &Snapshot, changes: &Changeset) -> Result<()> {
        if changes.is_empty() {
            return Ok(());
        }
        // The session as it is when the write starts: a lock meanwhile does not make it fail halfway, and its audit
        // entries name who was acting when it was made.
        let (codec, actor) = {
            let session = self.session.borrow();
            (session.codec.clone(), session.actor)
        };
        let codes = codec.codes();
        let mut puts = Vec::with_capacity(changes.puts.len());
        for record in &changes.puts {
            let store = store_of(record.kind());
            let key = record.id().to_string();
            let (expect, rev) = match snapshot.rev(store, &key) {
                Some(rev) => (Expect::Rev(rev), rev + 1),
                None => (Expect::Absent, 1),
            };
            let body = seal_with(&codec, record, rev).await?;
            puts.push(Put {
                expect,
                row: SealedRow::of(record, rev, body, &codes),
            });
        }
        let deletes: Vec<Delete> = changes
            .deletes
            .iter()
            .map(|(kind, id)| {
                let store = store_of(*kind);
                let key = id.to_string();
                let expect = snapshot.rev(store, &key).map_or(Expect::Any, Expect::Rev);
                Delete { store, key, expect }
            })
            .collect();
        // Everything read and not written must still be as it was read.
        let checks = snapshot
            .revs
            .iter()
            .filter(|((store, key), _)| {
                !puts
                    .iter()
                    .any(|p| p.row.store() == *store && p.row.key() == *key)
                    && !deletes
                        .iter()
                        .any(|d: &Delete| d.store == *store && d.key == *key)
            })
            .map(|((store, key), rev)| Delete {
                store,
                key: key.clone(),
                expect: Expect::Rev(*rev),
            })
            .collect();
        let audit = audit_records_by(&changes.audit, actor);
        self.backend
            .commit(Batch {
                puts,
                deletes,
                checks,
                audit,
                durability: Durability::Strict,
            })
            .await?;
        // Committed: the kept caseload takes the same change (after the commit, so a refused write leaves it alone).
        if let Some(cache) = self.caseload.borrow_mut().as_mut() {
            cache.apply(changes);
        }
        Ok(())
    }

    /// The audit records of `entries`, each saying who acted (the user who unlocked, unless the entry names someone).
    pub(crate) fn audit_records(
        &self,
        entries: &[crate::domain::audit::AuditEntry],
    ) -> Vec<AuditRecord> {
        audit_records_by(entries, self.actor())
    }

    /// The audit trail of one record, oldest first.
    pub async fn audit_trail(
        &self,
        entity_id: Id,
    ) -> Result<Vec<crate::domain::audit::AuditEntry>> {
        let rows = self
            .backend
            .by_index::<AuditRecord>(
                crate::storage::schema::AUDIT_BY_ENTITY,
                IndexKey::One(entity_id.to_string()),
            )
            .await?;
        let mut entries = rows
            .into_iter()
            .map(|r| r.map_err(unreadable_error)?.entry())
            .collect::<Result<Vec<_>>>()?;
        crate::domain::order::sort_by_key(&mut entries, |e| e.at);
        Ok(entries)
    }
}

/// The audit records of `entries`, each saying who acted: `actor`, unless the entry names someone.
fn audit_records_by(
    entries: &[crate::domain::audit::AuditEntry],
    actor: Option<Id>,
) -> Vec<AuditRecord> {
    entries
        .iter()
        .map(|entry| {
            let mut record = AuditRecord::new(entry);
            record.by = record.by.or_else(|| actor.map(|id| id.to_string()));
            record
        })
        .collect()
}

/// Seals a domain record to be written at revision `rev` with `codec`.
pub(crate) async fn seal_with(codec: &Codec, record: &Record, rev: u32) -> Result<String> {
    codec
        .seal(
            store_of(record.kind()),
            &record.id().to_string(),
            rev,
            record,
        )
        .await
}

/// The record a changeset puts of one kind, for returning what was written.
fn put_of<T: Clone>(changes: &Changeset, pick: impl Fn(&Record) -> Option<&T>) -> Option<T> {
    changes.puts.iter().find_map(|r| pick(r).cloned())
}

/// A User Timing measure (visible in the browser's performance panel, read by the benchmark); nothing natively.
pub(crate) struct Measure {
    #[cfg(target_arch = "wasm32")]
    name: &'static str,
}

impl Measure {
    pub(crate) fn start(name: &'static str) -> Measure {
        #[cfg(target_arch = "wasm32")]
        {
            if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
                // A timing mark for the benchmark, never data: a browser that refuses it loses only the figure.
                let _ = performance.mark(&format!("{name}:start"));
            }
            Measure { name }
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = name; // Nothing to measure natively.
            Measure {}
        }
    }

    pub(crate) fn end(self) {
        #[cfg(target_arch = "wasm32")]
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            // As for the mark: only the figure is lost if the browser refuses.
            let _ = performance.measure_with_start_mark(self.name, &format!("{}:start", self.name));
        }
    }
}
