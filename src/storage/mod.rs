//! The only code that touches IndexedDB: the schema, the record codec, the backend interface with its IndexedDB
//! implementation and in-memory twin, and the repository the UI calls.
//!
//! Every user action is one read-write transaction that commits before the call returns; nothing but IndexedDB
//! requests is awaited inside a transaction. Failures come back as [`StorageError`]s the UI can explain.

pub mod audit_chain;
pub mod backend;
pub mod backup;
pub(crate) mod codec;
pub(crate) mod crypto;
pub mod device;
mod error;
pub mod idb;
pub mod keyring;
pub mod memory;
pub mod records;
pub mod repo;
pub mod schema;

pub use backend::Unreadable;
pub use error::StorageError;
pub use idb::{abort_open_transactions, IdbBackend, StorageEvent};
pub use memory::MemoryBackend;
pub use repo::{
    BackupFile, CaseFile, CaseListRow, ClientFile, Confirmed, DashboardFile, EvaluationFile,
    FollowUpFile, HandoverFile, OpenCaseload, OpenedHandover, Partial, PlanFile, Repo,
    RestoreError, SavedResult, TransitionsFile, Unlock, SEAL_BATCH,
};
pub use schema::DB_NAME;

use crate::domain::ids::Id;
use std::rc::Rc;

/// The app's repository: over IndexedDB.
pub type Storage = Repo<IdbBackend>;

impl Repo<IdbBackend> {
    /// Opens (creating or upgrading as needed) the app's database and runs any data migration still due.
    pub async fn open(listener: Rc<dyn Fn(StorageEvent)>) -> Result<Storage, StorageError> {
        Storage::open_at(DB_NAME, schema::Version::CURRENT, listener).await
    }

    /// Opens the database `name` at schema `version` (tests use older versions to check migrations).
    pub async fn open_at(
        name: &str,
        version: schema::Version,
        listener: Rc<dyn Fn(StorageEvent)>,
    ) -> Result<Storage, StorageError> {
        let backend = IdbBackend::open_at(name, version, listener).await?;
        let repo = Repo::new(backend, || {
            new_id().expect("the browser's crypto gives random bytes")
        });
        // An encrypted workspace opens locked; one from before encryption is read as it is until a passphrase is
        // set.
        if version == schema::Version::CURRENT && repo.keyring().await?.is_some() {
            repo.lock();
        }
        if version == schema::Version::CURRENT && !repo.is_locked() {
            repo.migrate_data().await;
        }
        Ok(repo)
    }

    /// Runs the data migrations still due (at open, or after an unlock: they read and write sealed content). One
    /// that fails (a full disk at start-up) must not lock the user out of their records: it is tried again at the
    /// next start.
    pub async fn migrate_data(&self) {
        if let Err(error) = self.run_data_migrations().await {
            web_sys::console::warn_1(&format!("data migration postponed: {error}").into());
        }
    }

    /// Closes the connection; later calls fail with [`StorageError::ConnectionLost`].
    pub fn close(&self) {
        self.backend().close();
    }
}

/// Deletes this device's whole database after closing `storage`'s connection: every record, for good. Other tabs
/// are told (`versionchange`, as `StorageEvent::Deleted`) and close theirs; the deletion completes once they have.
/// While a connection that does not close holds it (a frozen tab), `blocked` is called and the deletion waits.
/// Resolves when it is done.
pub async fn delete_database(
    storage: &Storage,
    blocked: impl Fn() + 'static,
) -> Result<(), StorageError> {
    storage.close();
    delete_database_named(&storage.backend().name(), blocked).await
}

/// Deletes the database `name` of this origin (another tab's connection to it is told, as above).
pub async fn delete_database_named(
    name: &str,
    blocked: impl Fn() + 'static,
) -> Result<(), StorageError> {
    let factory = web_sys::window()
        .ok_or_else(|| StorageError::Unavailable("no window".into()))?
        .indexed_db()?
        .ok_or_else(|| StorageError::Unavailable("no IndexedDB".into()))?;
    let request = factory.delete_database(name)?;
    let on_blocked = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(blocked);
    request.set_onblocked(Some(wasm_bindgen::JsCast::unchecked_ref(
        on_blocked.as_ref(),
    )));
    let failed = request.clone();
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    let outcome = wasm_bindgen_futures::JsFuture::from(done).await;
    request.set_onblocked(None);
    drop(on_blocked);
    outcome.map_err(|_| match failed.error() {
        Ok(Some(error)) => StorageError::Aborted(format!("{}: {}", error.name(), error.message())),
        _ => StorageError::Aborted("the database could not be deleted".into()),
    })?;
    Ok(())
}

/// A random version 4 UUID from the browser's cryptographic random source (works without a secure context).
pub fn new_id() -> Result<Id, StorageError> {
    let mut bytes = [0u8; 16];
    let crypto = web_sys::window()
        .ok_or_else(|| StorageError::Unavailable("no window".into()))?
        .crypto()?;
    crypto.get_random_values_with_u8_array(&mut bytes)?;
    Ok(Id::from_random_bytes(bytes))
}
