//! The repository: domain-named reads and writes over one IndexedDB connection.
//!
//! Each write is one read-write transaction that also appends its audit entries, and returns only after the
//! transaction has committed. Reads touch only what the screen shows, through indexes.

use crate::domain::administration::{chronological, consequences, latest_outcomes, Administration};
use crate::domain::assessment::{Assessment, AssessmentStatus};
use crate::domain::audit::{Action, AuditEntry, EntityKind};
use crate::domain::case::{Case, CaseDetails, CaseStatus, WorkflowError};
use crate::domain::client::{Client, ClientDetails};
use crate::domain::ids::Id;
use crate::domain::phase::Phase;
use crate::domain::risk::{stratify, Tier, TierOverride};
use crate::domain::screening::Screening;
use crate::domain::search::{CaseRef, Caseload};
use crate::domain::task::{worklist_order, Need, Priority, Task, TaskKind};
use crate::storage::records::{
    AdministrationRecord, AssessmentRecord, AuditRecord, CaseRecord, ClientRecord, Envelope,
    NeedRecord, TaskRecord,
};
use crate::storage::schema::{
    self, Version, ADMINISTRATIONS, ASSESSMENTS, AUDIT, AUDIT_BY_ENTITY, BY_CASE, CASES,
    CASES_BY_CLIENT, CASES_BY_STATUS, CASES_BY_STATUS_TIER, CLIENTS, DB_NAME, NEEDS, TASKS,
};
use crate::storage::StorageError;
use chrono::Utc;
use indexed_db_futures::database::Database;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::object_store::ObjectStore;
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

/// Everything the case page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseFile {
    pub case: Case,
    pub client: Client,
    /// Oldest first.
    pub administrations: Vec<Administration>,
    /// Open tasks first, urgent and earliest due on top.
    pub tasks: Vec<Task>,
    pub needs: Vec<Need>,
    pub assessment: Option<Assessment>,
}

/// One row of the open-case list.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseListRow {
    pub case: CaseRef,
    pub client_name: String,
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
        let client_records: Vec<ClientRecord> = clients
            .get_all()
            .serde()?
            .await?
            .collect::<std::result::Result<_, _>>()?;
        let case_records: Vec<CaseRecord> =
            by_index(&tx, CASES, CASES_BY_STATUS, CaseStatus::Open.code()).await?;
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
        let case_records: Vec<CaseRecord> =
            by_index(&tx, CASES, CASES_BY_CLIENT, &id.to_string()).await?;
        let mut cases = case_records
            .iter()
            .map(CaseRecord::open)
            .collect::<Result<Vec<_>>>()?;
        cases.sort_by(|a, b| {
            (b.details.opened_on, b.created_at).cmp(&(a.details.opened_on, a.created_at))
        });
        Ok(ClientFile { client, cases })
    }

    /// A case with its client, instrument results, tasks, needs and assessment, for the case page.
    pub async fn case_file(&self, id: Id) -> Result<CaseFile> {
        let stores = [CASES, CLIENTS, ADMINISTRATIONS, TASKS, NEEDS, ASSESSMENTS];
        let tx = self.transaction(&stores, TransactionMode::Readonly)?;
        let case = read_case(&tx.object_store(CASES)?, id).await?;
        let client: Option<ClientRecord> = tx
            .object_store(CLIENTS)?
            .get(case.client_id.to_string())
            .serde()?
            .await?;
        let client = client.ok_or(StorageError::NotFound)?.open()?;
        let mut administrations = by_case::<AdministrationRecord>(&tx, ADMINISTRATIONS, id).await?;
        chronological(&mut administrations);
        let mut tasks = by_case::<TaskRecord>(&tx, TASKS, id).await?;
        worklist_order(&mut tasks);
        let mut needs = by_case::<NeedRecord>(&tx, NEEDS, id).await?;
        needs.sort_by_key(|n| (n.identified_at, n.domain));
        let assessment: Option<AssessmentRecord> = tx
            .object_store(ASSESSMENTS)?
            .get(id.to_string())
            .serde()?
            .await?;
        let assessment = assessment.map(|a| a.open()).transpose()?;
        Ok(CaseFile {
            case,
            client,
            administrations,
            tasks,
            needs,
            assessment,
        })
    }

    /// Open cases, optionally only those of one tier, highest tier first, with their client's name.
    /// Read through the `by_status_tier` or `by_status` index (closed cases are never read); only the clients
    /// listed are read.
    pub async fn open_cases(&self, tier: Option<Tier>) -> Result<Vec<CaseListRow>> {
        let tx = self.transaction(&[CASES, CLIENTS], TransactionMode::Readonly)?;
        let records: Vec<CaseRecord> = match tier {
            Some(tier) => {
                let key = [CaseStatus::Open.code(), tier.code()];
                by_index(&tx, CASES, CASES_BY_STATUS_TIER, key).await?
            }
            None => by_index(&tx, CASES, CASES_BY_STATUS, CaseStatus::Open.code()).await?,
        };
        let clients = tx.object_store(CLIENTS)?;
        let mut names: std::collections::HashMap<Id, String> = std::collections::HashMap::new();
        let mut rows = Vec::new();
        for record in records
            .iter()
            .filter(|r| r.status == CaseStatus::Open.code())
        {
            let case = record.case_ref()?;
            let client_name = match names.get(&case.client_id) {
                Some(name) => name.clone(),
                None => {
                    let client: Option<ClientRecord> =
                        clients.get(case.client_id.to_string()).serde()?.await?;
                    let name = client
                        .ok_or(StorageError::NotFound)?
                        .open()?
                        .details
                        .full_name;
                    names.insert(case.client_id, name.clone());
                    name
                }
            };
            rows.push(CaseListRow { client_name, case });
        }
        rows.sort_by(|a, b| {
            (b.case.tier, a.case.opened_on, &a.client_name).cmp(&(
                a.case.tier,
                b.case.opened_on,
                &b.client_name,
            ))
        });
        Ok(rows)
    }

    /// The audit trail of one record, oldest first.
    pub async fn audit_trail(&self, entity_id: Id) -> Result<Vec<AuditEntry>> {
        let tx = self.transaction(&[AUDIT], TransactionMode::Readonly)?;
        let records: Vec<AuditRecord> =
            by_index(&tx, AUDIT, AUDIT_BY_ENTITY, &entity_id.to_string()).await?;
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
        let stores = [
            CLIENTS,
            CASES,
            ADMINISTRATIONS,
            TASKS,
            NEEDS,
            ASSESSMENTS,
            AUDIT,
        ];
        let tx = self.transaction(&stores, TransactionMode::Readwrite)?;
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
            // Everything recorded on the case goes with it.
            for (store, kind) in [
                (ADMINISTRATIONS, EntityKind::Administration),
                (TASKS, EntityKind::Task),
                (NEEDS, EntityKind::Need),
            ] {
                let store_handle = tx.object_store(store)?;
                let keys: Vec<String> = store_handle
                    .index(BY_CASE)?
                    .get_all_keys()
                    .with_query(case_id.to_string())
                    .primitive()?
                    .await?
                    .collect::<std::result::Result<_, _>>()?;
                for key in keys {
                    store_handle.delete(key.as_str()).primitive()?.await?;
                    let key: Id = key
                        .parse()
                        .map_err(|_| StorageError::Corrupt(format!("{store} key {key}")))?;
                    audit(&tx, kind, key, Action::Deleted).await?;
                }
            }
            let assessments = tx.object_store(ASSESSMENTS)?;
            if assessments
                .get_key::<String, _>(case_id.to_string())
                .primitive()?
                .await?
                .is_some()
            {
                assessments.delete(case_id.to_string()).primitive()?.await?;
                audit(&tx, EntityKind::Assessment, case_id, Action::Deleted).await?;
            }
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
        self.update_case(id, Action::PhaseChanged, |case| {
            case.move_to(to, Utc::now()).map(drop)
        })
        .await
    }

    /// Records the case's screening and decision.
    pub async fn record_screening(&self, id: Id, screening: Screening) -> Result<Case> {
        self.update_case(id, Action::ScreeningRecorded, |case| {
            case.record_screening(screening, Utc::now())
        })
        .await
    }

    /// Closes a case with a reason.
    pub async fn close_case(&self, id: Id, reason: String) -> Result<Case> {
        self.update_case(id, Action::Closed, |case| case.close(reason, Utc::now()))
            .await
    }

    /// Sets the case's tier by hand; the computed tier is kept beside it.
    pub async fn override_tier(&self, id: Id, over: TierOverride) -> Result<Case> {
        self.update_case(id, Action::TierOverridden, |case| case.override_tier(over))
            .await
    }

    /// Returns the case to its computed tier.
    pub async fn clear_tier_override(&self, id: Id, by: String) -> Result<Case> {
        self.update_case(id, Action::TierOverridden, |case| {
            case.clear_override(by, Utc::now())
        })
        .await
    }

    /// Reads a case, lets a domain rule change it, writes it back with its audit entry: one transaction.
    async fn update_case(
        &self,
        id: Id,
        action: Action,
        change: impl FnOnce(&mut Case) -> std::result::Result<(), WorkflowError>,
    ) -> Result<Case> {
        let tx = self.transaction(&[CASES, AUDIT], TransactionMode::Readwrite)?;
        let store = tx.object_store(CASES)?;
        let mut case = read_case(&store, id).await?;
        change(&mut case).map_err(StorageError::Refused)?;
        store.put(CaseRecord::seal(&case)).serde()?.await?;
        audit(&tx, EntityKind::Case, id, action).await?;
        tx.commit().await?;
        Ok(case)
    }

    /// Saves an instrument result and, in the same transaction, re-stratifies the case from the latest result of
    /// each instrument, and creates what the result calls for: an urgent same-day task for PHQ-9 item 9, a need
    /// for each newly positive AHC domain.
    pub async fn record_administration(&self, administration: Administration) -> Result<CaseFile> {
        let case_id = administration.case_id;
        let now = Utc::now();
        let today = chrono::Local::now().date_naive();
        let task_id = new_id()?;
        let need_ids = [new_id()?, new_id()?, new_id()?, new_id()?, new_id()?];
        {
            let stores = [CASES, ADMINISTRATIONS, TASKS, NEEDS, AUDIT];
            let tx = self.transaction(&stores, TransactionMode::Readwrite)?;
            let cases = tx.object_store(CASES)?;
            let mut case = read_case(&cases, case_id).await?;
            case.accepts_changes().map_err(StorageError::Refused)?;
            tx.object_store(ADMINISTRATIONS)?
                .add(AdministrationRecord::seal(&administration))
                .serde()?
                .await?;
            audit(
                &tx,
                EntityKind::Administration,
                administration.id,
                Action::Created,
            )
            .await?;

            let mut history =
                by_case::<AdministrationRecord>(&tx, ADMINISTRATIONS, case_id).await?;
            chronological(&mut history);
            case.restratify(stratify(&latest_outcomes(&history)), now);
            cases.put(CaseRecord::seal(&case)).serde()?.await?;
            audit(&tx, EntityKind::Case, case_id, Action::Updated).await?;

            let open_needs: Vec<_> = by_case::<NeedRecord>(&tx, NEEDS, case_id)
                .await?
                .into_iter()
                .map(|n| n.domain)
                .collect();
            let follow = consequences(&administration.outcome, &open_needs, today);
            if let Some(due) = follow.safety_task_due {
                let task = Task {
                    id: task_id,
                    case_id,
                    kind: TaskKind::SafetyFollowUp,
                    priority: Priority::Urgent,
                    due,
                    source: Some(administration.id),
                    created_at: now,
                    done_at: None,
                };
                tx.object_store(TASKS)?
                    .add(TaskRecord::seal(&task))
                    .serde()?
                    .await?;
                audit(&tx, EntityKind::Task, task.id, Action::Created).await?;
            }
            for (domain, id) in follow.new_needs.into_iter().zip(need_ids) {
                let need = Need {
                    id,
                    case_id,
                    domain,
                    source: Some(administration.id),
                    identified_at: now,
                };
                tx.object_store(NEEDS)?
                    .add(NeedRecord::seal(&need))
                    .serde()?
                    .await?;
                audit(&tx, EntityKind::Need, id, Action::Created).await?;
            }
            tx.commit().await?;
        }
        self.case_file(case_id).await
    }

    /// Marks a task done.
    pub async fn complete_task(&self, id: Id) -> Result<Task> {
        let tx = self.transaction(&[TASKS, AUDIT], TransactionMode::Readwrite)?;
        let store = tx.object_store(TASKS)?;
        let record: Option<TaskRecord> = store.get(id.to_string()).serde()?.await?;
        let mut task = record.ok_or(StorageError::NotFound)?.open()?;
        if task.is_open() {
            task.done_at = Some(Utc::now());
            store.put(TaskRecord::seal(&task)).serde()?.await?;
            audit(&tx, EntityKind::Task, id, Action::Completed).await?;
        }
        tx.commit().await?;
        Ok(task)
    }

    /// The case's holistic assessment, if one was started.
    pub async fn assessment(&self, case_id: Id) -> Result<Option<Assessment>> {
        let tx = self.transaction(&[ASSESSMENTS], TransactionMode::Readonly)?;
        let record: Option<AssessmentRecord> = tx
            .object_store(ASSESSMENTS)?
            .get(case_id.to_string())
            .serde()?
            .await?;
        record.map(|r| r.open()).transpose()
    }

    /// Saves the assessment (a draft at every change, or the completed one) for an existing case.
    pub async fn save_assessment(&self, assessment: &Assessment) -> Result<()> {
        let tx = self.transaction(&[CASES, ASSESSMENTS, AUDIT], TransactionMode::Readwrite)?;
        let store = tx.object_store(ASSESSMENTS)?;
        // Both requests go out now, before anything is awaited, so the write is queued at once (a draft saved
        // as the page is left still reaches the database); the checks below roll it back if the case refuses it.
        let existed = store
            .get_key::<String, _>(assessment.case_id.to_string())
            .primitive()?;
        let written = store.put(AssessmentRecord::seal(assessment)).serde()?;
        let existed = existed.await?;
        written.await?;
        read_case(&tx.object_store(CASES)?, assessment.case_id)
            .await?
            .accepts_changes()
            .map_err(StorageError::Refused)?;
        let action = match (existed, assessment.status) {
            (_, AssessmentStatus::Complete) => Action::Completed,
            (None, _) => Action::Created,
            (Some(_), _) => Action::Updated,
        };
        audit(&tx, EntityKind::Assessment, assessment.case_id, action).await?;
        Ok(tx.commit().await?)
    }
}

async fn read_case(store: &ObjectStore<'_>, id: Id) -> Result<Case> {
    let record: Option<CaseRecord> = store.get(id.to_string()).serde()?.await?;
    record.ok_or(StorageError::NotFound)?.open()
}

/// Every record of `store` whose `index` holds `key`: a key-range read, never a scan of the store.
async fn by_index<
    R: serde::de::DeserializeOwned,
    K: serde::Serialize + indexed_db_futures::primitive::TryToJs,
>(
    tx: &Transaction<'_>,
    store: &str,
    index: &str,
    key: K,
) -> Result<Vec<R>> {
    Ok(tx
        .object_store(store)?
        .index(index)?
        .get_all()
        .with_query(key)
        .serde()?
        .await?
        .collect::<std::result::Result<_, _>>()?)
}

/// Every record of `store` that belongs to the case, through its `by_case` index, opened.
async fn by_case<R: Envelope>(
    tx: &Transaction<'_>,
    store: &str,
    case_id: Id,
) -> Result<Vec<R::Content>> {
    let records: Vec<R> = by_index(tx, store, BY_CASE, &case_id.to_string()).await?;
    records.iter().map(R::open).collect()
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
pub fn new_id() -> Result<Id> {
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
