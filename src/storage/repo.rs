//! The repository: domain-named reads and writes over one IndexedDB connection.
//!
//! Each write is one read-write transaction that also appends its audit entries, and returns only after the
//! transaction has committed. Reads touch only what the screen shows, through indexes.

use crate::domain::audit::{Action, AuditEntry, EntityKind};
use crate::domain::case::{Case, CaseDetails, CaseStatus};
use crate::domain::client::{Client, ClientDetails};
use crate::domain::ids::Id;
use crate::domain::phase::Phase;
use crate::domain::search::{CaseRef, Caseload};
use crate::storage::records::{AuditRecord, CaseRecord, ClientRecord};
use crate::storage::schema::{
    self, Version, AUDIT, AUDIT_BY_ENTITY, CASES, CASES_BY_CLIENT, CASES_BY_STATUS, CLIENTS,
    DB_NAME,
};
use crate::storage::StorageError;
use chrono::Utc;
use indexed_db_futures::database::Database;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Something that happened to the connection that the user must hear about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageEvent {
    /// Another tab keeps an older version open; the upgrade waits until it closes.
    UpgradeBlocked,
    /// Another tab upgraded the database: this connection is closed and the page must be reloaded.
    VersionChanged,
    /// The browser closed the connection.
    ConnectionLost,
}

/// A client with all their cases, for the client page.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientFile {
    pub client: Client,
    pub cases: Vec<Case>,
}

/// An open connection to the care planner's database.
#[derive(Clone)]
pub struct Storage {
    db: Database,
    connection: Rc<Connection>,
}

struct Connection {
    closed: Cell<bool>,
    _on_version_change: Closure<dyn FnMut()>,
    _on_close: Closure<dyn FnMut()>,
}

type Result<T> = std::result::Result<T, StorageError>;

impl Storage {
    /// Opens (creating or upgrading as needed) the app's database.
    pub async fn open(listener: Rc<dyn Fn(StorageEvent)>) -> Result<Storage> {
        Storage::open_at(DB_NAME, Version::CURRENT, listener).await
    }

    /// Opens the database `name` at schema `version`. The app always uses the current version; tests use older
    /// ones to check migrations.
    pub async fn open_at(
        name: &str,
        version: Version,
        listener: Rc<dyn Fn(StorageEvent)>,
    ) -> Result<Storage> {
        let blocked = {
            let listener = listener.clone();
            Rc::new(move || listener(StorageEvent::UpgradeBlocked)) as Rc<dyn Fn()>
        };
        schema::upgrade(name, version, blocked).await?;
        let db = Database::open(name)
            .with_version(version.number())
            .await
            .map_err(|e| match e {
                indexed_db_futures::error::OpenDbError::Base(base) => StorageError::from(base),
                other => StorageError::Unavailable(other.to_string()),
            })?;

        let raw: web_sys::IdbDatabase = db.as_sys().clone().unchecked_into();
        let connection = Rc::new_cyclic(|weak: &std::rc::Weak<Connection>| {
            let on_version_change = {
                let raw = raw.clone();
                let weak = weak.clone();
                let listener = listener.clone();
                Closure::<dyn FnMut()>::new(move || {
                    // Another tab wants a newer schema: step aside so its upgrade is not blocked by us.
                    raw.close();
                    if let Some(connection) = weak.upgrade() {
                        connection.closed.set(true);
                    }
                    listener(StorageEvent::VersionChanged);
                })
            };
            let on_close = {
                let weak = weak.clone();
                Closure::<dyn FnMut()>::new(move || {
                    if let Some(connection) = weak.upgrade() {
                        connection.closed.set(true);
                    }
                    listener(StorageEvent::ConnectionLost);
                })
            };
            Connection {
                closed: Cell::new(false),
                _on_version_change: on_version_change,
                _on_close: on_close,
            }
        });
        raw.set_onversionchange(Some(connection._on_version_change.as_ref().unchecked_ref()));
        raw.set_onclose(Some(connection._on_close.as_ref().unchecked_ref()));
        Ok(Storage { db, connection })
    }

    /// Closes the connection; later calls fail with [`StorageError::ConnectionLost`].
    pub fn close(&self) {
        self.connection.closed.set(true);
        self.db.clone().close();
    }

    fn transaction(&self, stores: &[&str], mode: TransactionMode) -> Result<Transaction<'_>> {
        if self.connection.closed.get() {
            return Err(StorageError::ConnectionLost);
        }
        Ok(self.db.transaction(stores).with_mode(mode).build()?)
    }

    /// Every client, with how many cases each has open and the phase of the latest, for the caseload list.
    /// Cases are read through the `by_status` index and summarised from their clear fields.
    pub async fn caseload(&self) -> Result<Caseload> {
        let timer = Measure::start("storage:caseload");
        let tx = self.transaction(&[CLIENTS, CASES], TransactionMode::Readonly)?;
        let clients = tx.object_store(CLIENTS)?;
        let cases = tx.object_store(CASES)?;
        let client_records: Vec<ClientRecord> = clients
            .get_all()
            .serde()?
            .await?
            .collect::<std::result::Result<_, _>>()?;
        let case_records: Vec<CaseRecord> = cases
            .index(CASES_BY_STATUS)?
            .get_all()
            .with_query(CaseStatus::Open.code())
            .serde()?
            .await?
            .collect::<std::result::Result<_, _>>()?;
        drop(tx);
        let clients = client_records
            .iter()
            .map(ClientRecord::open)
            .collect::<Result<Vec<_>>>()?;
        let refs = case_records
            .iter()
            .map(CaseRecord::case_ref)
            .collect::<Result<Vec<CaseRef>>>()?;
        let caseload = Caseload::new(clients, &refs);
        timer.end();
        Ok(caseload)
    }

    /// A client and all their cases, newest first.
    pub async fn client_file(&self, id: Id) -> Result<ClientFile> {
        let tx = self.transaction(&[CLIENTS, CASES], TransactionMode::Readonly)?;
        let record: Option<ClientRecord> = tx
            .object_store(CLIENTS)?
            .get(id.to_string())
            .serde()?
            .await?;
        let client = record.ok_or(StorageError::NotFound)?.open()?;
        let case_records: Vec<CaseRecord> = tx
            .object_store(CASES)?
            .index(CASES_BY_CLIENT)?
            .get_all()
            .with_query(id.to_string())
            .serde()?
            .await?
            .collect::<std::result::Result<_, _>>()?;
        let mut cases = case_records
            .iter()
            .map(CaseRecord::open)
            .collect::<Result<Vec<_>>>()?;
        cases.sort_by(|a, b| {
            (b.details.opened_on, b.created_at).cmp(&(a.details.opened_on, a.created_at))
        });
        Ok(ClientFile { client, cases })
    }

    /// A case and its client, for the case page.
    pub async fn case_file(&self, id: Id) -> Result<(Case, Client)> {
        let tx = self.transaction(&[CLIENTS, CASES], TransactionMode::Readonly)?;
        let record: Option<CaseRecord> =
            tx.object_store(CASES)?.get(id.to_string()).serde()?.await?;
        let case = record.ok_or(StorageError::NotFound)?.open()?;
        let client: Option<ClientRecord> = tx
            .object_store(CLIENTS)?
            .get(case.client_id.to_string())
            .serde()?
            .await?;
        Ok((case, client.ok_or(StorageError::NotFound)?.open()?))
    }

    /// The audit trail of one record, oldest first.
    pub async fn audit_trail(&self, entity_id: Id) -> Result<Vec<AuditEntry>> {
        let tx = self.transaction(&[AUDIT], TransactionMode::Readonly)?;
        let records: Vec<AuditRecord> = tx
            .object_store(AUDIT)?
            .index(AUDIT_BY_ENTITY)?
            .get_all()
            .with_query(entity_id.to_string())
            .serde()?
            .await?
            .collect::<std::result::Result<_, _>>()?;
        records.iter().map(AuditRecord::entry).collect()
    }

    /// Registers a new client.
    pub async fn create_client(&self, details: ClientDetails) -> Result<Client> {
        let now = Utc::now();
        let client = Client {
            id: new_id()?,
            details,
            created_at: now,
            updated_at: now,
        };
        let tx = self.transaction(&[CLIENTS, AUDIT], TransactionMode::Readwrite)?;
        tx.object_store(CLIENTS)?
            .add(ClientRecord::seal(&client))
            .serde()?
            .await?;
        audit(&tx, EntityKind::Client, client.id, Action::Created).await?;
        tx.commit().await?;
        Ok(client)
    }

    /// Replaces a client's details.
    pub async fn update_client(&self, id: Id, details: ClientDetails) -> Result<Client> {
        let tx = self.transaction(&[CLIENTS, AUDIT], TransactionMode::Readwrite)?;
        let store = tx.object_store(CLIENTS)?;
        let record: Option<ClientRecord> = store.get(id.to_string()).serde()?.await?;
        let mut client = record.ok_or(StorageError::NotFound)?.open()?;
        client.details = details;
        client.updated_at = Utc::now();
        store.put(ClientRecord::seal(&client)).serde()?.await?;
        audit(&tx, EntityKind::Client, id, Action::Updated).await?;
        tx.commit().await?;
        Ok(client)
    }

    /// Deletes a client with all their cases and case history, in one transaction. Returns how many cases went.
    pub async fn delete_client(&self, id: Id) -> Result<usize> {
        let tx = self.transaction(&[CLIENTS, CASES, AUDIT], TransactionMode::Readwrite)?;
        let clients = tx.object_store(CLIENTS)?;
        let cases = tx.object_store(CASES)?;
        let exists: Option<String> = clients.get_key(id.to_string()).primitive()?.await?;
        if exists.is_none() {
            return Err(StorageError::NotFound);
        }
        let case_ids: Vec<String> = cases
            .index(CASES_BY_CLIENT)?
            .get_all_keys()
            .with_query(id.to_string())
            .primitive()?
            .await?
            .collect::<std::result::Result<_, _>>()?;
        for case_id in &case_ids {
            cases.delete(case_id.as_str()).primitive()?.await?;
            let case_id: Id = case_id
                .parse()
                .map_err(|_| StorageError::Corrupt(format!("case key {case_id}")))?;
            audit(&tx, EntityKind::Case, case_id, Action::Deleted).await?;
        }
        clients.delete(id.to_string()).primitive()?.await?;
        audit(&tx, EntityKind::Client, id, Action::Deleted).await?;
        tx.commit().await?;
        Ok(case_ids.len())
    }

    /// Opens a case for an existing client, in the screening phase.
    pub async fn open_case(&self, client_id: Id, details: CaseDetails) -> Result<Case> {
        let case = Case::open(new_id()?, client_id, details, Utc::now());
        let tx = self.transaction(&[CLIENTS, CASES, AUDIT], TransactionMode::Readwrite)?;
        let exists: Option<String> = tx
            .object_store(CLIENTS)?
            .get_key(client_id.to_string())
            .primitive()?
            .await?;
        if exists.is_none() {
            return Err(StorageError::NotFound);
        }
        tx.object_store(CASES)?
            .add(CaseRecord::seal(&case))
            .serde()?
            .await?;
        audit(&tx, EntityKind::Case, case.id, Action::Created).await?;
        tx.commit().await?;
        Ok(case)
    }

    /// Moves a case to another phase, keeping the move in its history.
    pub async fn move_case(&self, id: Id, to: Phase) -> Result<Case> {
        let tx = self.transaction(&[CASES, AUDIT], TransactionMode::Readwrite)?;
        let store = tx.object_store(CASES)?;
        let record: Option<CaseRecord> = store.get(id.to_string()).serde()?.await?;
        let mut case = record.ok_or(StorageError::NotFound)?.open()?;
        case.move_to(to, Utc::now())
            .map_err(|e| StorageError::Refused(format!("{e:?}")))?;
        store.put(CaseRecord::seal(&case)).serde()?.await?;
        audit(&tx, EntityKind::Case, id, Action::PhaseChanged).await?;
        tx.commit().await?;
        Ok(case)
    }
}

/// Appends an audit entry inside the caller's transaction.
async fn audit(
    tx: &Transaction<'_>,
    entity: EntityKind,
    entity_id: Id,
    action: Action,
) -> Result<()> {
    let entry = AuditEntry {
        at: Utc::now(),
        entity,
        entity_id,
        action,
    };
    tx.object_store(AUDIT)?
        .add(AuditRecord::new(&entry))
        .serde()?
        .await?;
    Ok(())
}

/// A random version 4 UUID from the browser's cryptographic random source (works without a secure context).
fn new_id() -> Result<Id> {
    let mut bytes = [0u8; 16];
    let crypto = web_sys::window()
        .ok_or_else(|| StorageError::Unavailable("no window".into()))?
        .crypto()?;
    crypto.get_random_values_with_u8_array(&mut bytes)?;
    Ok(Id::from_random_bytes(bytes))
}

/// A User Timing measure (visible in the browser's performance panel and read by the benchmark script).
struct Measure {
    name: &'static str,
}

impl Measure {
    fn start(name: &'static str) -> Measure {
        if let Some(performance) = performance() {
            let _ = performance.mark(&format!("{name}:start"));
        }
        Measure { name }
    }

    fn end(self) {
        if let Some(performance) = performance() {
            let _ = performance.measure_with_start_mark(self.name, &format!("{}:start", self.name));
        }
    }
}

fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}
