//! The interface between the repository and a store of records: IndexedDB in the browser, or its in-memory twin.
//!
//! A backend reads envelopes (clear index fields plus a sealed body) and writes a [`Batch`] atomically: every put
//! and delete of one user action, their audit entries, and the revisions the records must still have. It knows
//! nothing of the domain; the repository (`repo`) builds batches from domain changesets.

use crate::storage::records::{AuditRecord, SealedRow};
use crate::storage::StorageError;
use serde::de::DeserializeOwned;
use serde::Serialize;

pub type Result<T> = std::result::Result<T, StorageError>;

/// A stored record shape, tied to its store.
pub trait Row: Serialize + DeserializeOwned + 'static {
    const STORE: &'static str;
    /// The record's primary key.
    fn key(&self) -> String;
    /// The record's revision: 1 when first written, one more at every write (0 for rows written before revisions).
    fn rev(&self) -> u32;
}

/// A key to look up in an index: one field, or the two fields of a compound index, or a range of one field's
/// values (from `from`, included, if given, up to `until`, left out).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IndexKey {
    One(String),
    Two(String, String),
    Range {
        from: Option<String>,
        until: String,
    },
    /// On a two-field index: the first field equal to `first`, the second in `from..until` (`until` excluded).
    TwoRange {
        first: String,
        from: Option<String>,
        until: String,
    },
}

/// A record that could be found but not read (damaged, or written by a newer version). Lists show the rest and
/// name these.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub store: &'static str,
    pub key: String,
    pub problem: String,
}

/// What a write expects of the record as stored, checked inside the write's transaction before anything is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// The record must not exist yet.
    Absent,
    /// The record must still be at this revision (nobody else wrote it since it was read).
    Rev(u32),
    /// Whatever is there.
    Any,
}

impl Expect {
    /// Whether a record stored at revision `current` (`None`: no record) meets the expectation. Both backends
    /// check every write of a batch with this before writing any.
    pub fn allows(self, current: Option<u32>) -> bool {
        match self {
            Expect::Absent => current.is_none(),
            Expect::Rev(rev) => current == Some(rev),
            Expect::Any => true,
        }
    }
}

/// How hard the browser must try to keep a write: `Strict` flushes to disk before the write reports success;
/// `Relaxed` is for bulk writes (seeding, restore) where a lost batch can be written again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Durability {
    Strict,
    Relaxed,
}

#[derive(Clone, Debug)]
pub struct Put {
    pub expect: Expect,
    pub row: SealedRow,
}

#[derive(Clone, Debug)]
pub struct Delete {
    pub store: &'static str,
    pub key: String,
    pub expect: Expect,
}

/// A record a batch only read: its key and the revision it must still have.
pub type Check = Delete;

/// Everything one user action writes, sealed before the transaction opens.
#[derive(Clone, Debug)]
pub struct Batch {
    pub puts: Vec<Put>,
    pub deletes: Vec<Delete>,
    /// Records the action read and decided on without writing them (the client a case is opened for, the case a
    /// draft is saved on): they must still be at the revision read, or the batch is a conflict.
    pub checks: Vec<Check>,
    pub audit: Vec<AuditRecord>,
    pub durability: Durability,
}

impl Batch {
    /// Every record the batch expects something of (written, deleted or only read), with what it expects; records
    /// expected to be whatever they are are left out.
    pub fn expectations(&self) -> Vec<(&'static str, String, Expect)> {
        self.puts
            .iter()
            .map(|p| (p.row.store(), p.row.key(), p.expect))
            .chain(
                self.deletes
                    .iter()
                    .chain(&self.checks)
                    .map(|d| (d.store, d.key.clone(), d.expect)),
            )
            .filter(|(_, _, expect)| *expect != Expect::Any)
            .collect()
    }

    /// The stores the batch touches, each once.
    pub fn stores(&self) -> Vec<&'static str> {
        let mut stores: Vec<&'static str> = self
            .puts
            .iter()
            .map(|p| p.row.store())
            .chain(self.deletes.iter().chain(&self.checks).map(|d| d.store))
            .collect();
        if !self.audit.is_empty() {
            // The log; its chain's head is in `meta`, which the IndexedDB backend adds where it exists.
            stores.push(crate::storage::schema::AUDIT);
        }
        crate::domain::order::sort_by(&mut stores, |a, b| a.cmp(b));
        stores.dedup();
        stores
    }
}

/// The audit log as read: each entry (or why it could not be read) in the order written, and the chain's head.
pub type AuditTrail = (
    Vec<std::result::Result<AuditRecord, Unreadable>>,
    Option<crate::storage::audit_chain::AuditHead>,
);

/// A store of records. Every method is one transaction; `commit` writes a whole batch or nothing, and returns only
/// after the transaction committed.
#[allow(async_fn_in_trait)] // single-threaded (wasm and the native tests): the futures need not be `Send`
pub trait Backend: Clone + 'static {
    /// One record by key.
    async fn get<R: Row>(&self, key: &str) -> Result<Option<std::result::Result<R, Unreadable>>>;
    /// Records by key, in the order of `keys` (none for a key with no record), read in one transaction.
    async fn get_many<R: Row>(
        &self,
        keys: &[String],
    ) -> Result<Vec<Option<std::result::Result<R, Unreadable>>>>;
    /// Every record of `R`'s store (only for the name index and data migrations, never for a list).
    async fn all<R: Row>(&self) -> Result<Vec<std::result::Result<R, Unreadable>>>;
    /// Every record whose `index` holds `key`: a key-range read.
    async fn by_index<R: Row>(
        &self,
        index: &'static str,
        key: IndexKey,
    ) -> Result<Vec<std::result::Result<R, Unreadable>>>;
    /// The primary keys of the records whose `index` of `store` holds `key`.
    async fn keys_by_index(
        &self,
        store: &'static str,
        index: &'static str,
        key: IndexKey,
    ) -> Result<Vec<String>>;
    /// How many records `store` holds.
    async fn count_all(&self, store: &'static str) -> Result<u32>;
    /// How many records `index` of `store` holds under `key`.
    async fn count(&self, store: &'static str, index: &'static str, key: IndexKey) -> Result<u32>;
    /// How many records `index` of `store` holds under each of `keys`, in their order, counted in one
    /// transaction.
    async fn count_many(
        &self,
        store: &'static str,
        index: &'static str,
        keys: Vec<IndexKey>,
    ) -> Result<Vec<u32>>;
    /// The audit log in the order it was written, with its chain's head, read in one transaction.
    async fn audit_trail(&self) -> Result<AuditTrail>;
    /// Writes the batch in one transaction after checking every expectation; nothing is written if one fails
    /// ([`StorageError::Conflict`]) or anything else goes wrong.
    async fn commit(&self, batch: Batch) -> Result<()>;
    /// Every store's records as stored, each store a JSON array (the audit log in the order written), read in one
    /// transaction: a backup's content.
    async fn dump(&self) -> Result<Vec<(&'static str, String)>>;
    /// Writes a restored workspace in one transaction, after checking inside it that the workspace holds no
    /// record, no audit entry and no keyring ([`StorageError::NotEmpty`]); all of it or nothing.
    async fn restore(&self, workspace: crate::storage::backup::Restored) -> Result<()>;
}
