//! The IndexedDB backend: opening (and upgrading) the database, connection events, key-range reads, and atomic
//! batch writes with revision checks and strict durability.
//!
//! A batch arrives sealed and is turned into JavaScript values before its transaction opens; inside the
//! transaction only IndexedDB requests are awaited (the revision checks), then every write is issued with no await
//! in between, then the commit. Open write transactions are registered so that a panic can abort them
//! ([`abort_open_transactions`]): a panic between two writes of a batch must never let the browser commit half.

pub mod upgrade;

use crate::storage::audit_chain;
use crate::storage::backend::{
    AuditTrail, Backend, Batch, Durability, IndexKey, Result, Row, Unreadable,
};
use crate::storage::records::AuditRecord;
use crate::storage::schema::{Version, AUDIT, DB_NAME, META};
use crate::storage::StorageError;
use indexed_db_futures::database::Database;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{TransactionDurability, TransactionMode, TransactionOptions};
use std::cell::{Cell, RefCell};
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
    /// Another tab deleted the database (a kiosk wipe): nothing of it may stay on screen.
    Deleted,
}

/// An open connection to the care planner's database.
#[derive(Clone)]
pub struct IdbBackend {
    db: Database,
    connection: Rc<Connection>,
}

struct Connection {
    closed: Cell<bool>,
    _on_version_change: Closure<dyn FnMut(web_sys::IdbVersionChangeEvent)>,
    _on_close: Closure<dyn FnMut()>,
}

thread_local! {
    /// Write transactions issued and not yet finished.
    static OPEN_WRITES: RefCell<Vec<web_sys::IdbTransaction>> = const { RefCell::new(Vec::new()) };
}

/// Aborts every write transaction still open, and says how many it aborted. Called by the panic hook: whatever a
/// batch had issued is rolled back rather than auto-committed when the stack unwinds into the browser.
pub fn abort_open_transactions() -> usize {
    OPEN_WRITES.with(|open| {
        let open = std::mem::take(&mut *open.borrow_mut());
        // A transaction that finished in the meantime refuses to abort: it is not counted.
        open.iter().filter(|tx| tx.abort().is_ok()).count()
    })
}

thread_local! {
    /// Test seam: runs after a batch's writes are issued and before its commit is asked for.
    static AFTER_WRITES_ISSUED: RefCell<Option<Box<dyn Fn()>>> = const { RefCell::new(None) };
}

/// Test seam: `hook` runs after every batch's writes are issued and before it commits, the moment a panic would hit
/// hardest (the storage tests abort there, as the panic hook does). `None` removes it.
#[doc(hidden)]
pub fn set_after_writes_issued(hook: Option<Box<dyn Fn()>>) {
    AFTER_WRITES_ISSUED.with(|h| *h.borrow_mut() = hook);
}

/// Ends a write transaction whose writes were issued (`result`): commits it, or aborts it with the error that
/// failed it, and reports a full disk as such.
async fn finish(
    tx: indexed_db_futures::transaction::Transaction<'_>,
    raw: web_sys::IdbTransaction,
    result: Result<()>,
) -> Result<()> {
    let outcome = match result {
        Ok(()) => tx.commit().await.map_err(StorageError::from),
        Err(e) => {
            // The batch already failed (a conflict, a refused request) and that error is what is reported;
            // aborting a transaction the browser has already aborted can only fail harmlessly.
            let _ = raw.abort();
            drop(tx);
            Err(e)
        }
    };
    forget_transaction(&raw);
    // A quota failure aborts the transaction; its error says why.
    outcome.map_err(|e| match raw.error() {
        Some(dom) if dom.name() == "QuotaExceededError" => StorageError::QuotaExceeded,
        _ => e,
    })
}

fn forget_transaction(tx: &web_sys::IdbTransaction) {
    OPEN_WRITES.with(|open| open.borrow_mut().retain(|t| t != tx));
}

/// The query for an index read. A range the browser refuses (its start after its end) is an error, never a query
/// that would match everything.
fn key_to_js(key: &IndexKey) -> Result<JsValue> {
    Ok(match key {
        IndexKey::One(k) => JsValue::from_str(k),
        IndexKey::Two(a, b) => {
            js_sys::Array::of2(&JsValue::from_str(a), &JsValue::from_str(b)).into()
        }
        IndexKey::Range { from, until } => {
            let until = JsValue::from_str(until);
            match from {
                None => web_sys::IdbKeyRange::upper_bound_with_open(&until, true),
                Some(from) => web_sys::IdbKeyRange::bound_with_lower_open_and_upper_open(
                    &JsValue::from_str(from),
                    &until,
                    false,
                    true,
                ),
            }
            .map(JsValue::from)
            .map_err(|_| StorageError::Corrupt(format!("key range {from:?}..{until:?}")))?
        }
        IndexKey::TwoRange { first, from, until } => {
            let pair = |second: &str| -> JsValue {
                js_sys::Array::of2(&JsValue::from_str(first), &JsValue::from_str(second)).into()
            };
            web_sys::IdbKeyRange::bound_with_lower_open_and_upper_open(
                &pair(from.as_deref().unwrap_or("")),
                &pair(until),
                false,
                true,
            )
            .map(JsValue::from)
            .map_err(|_| StorageError::Corrupt(format!("key range {first}: {from:?}..{until:?}")))?
        }
    })
}

fn decode<R: Row>(value: JsValue) -> std::result::Result<R, Unreadable> {
    let key = || {
        ["id", "case_id", "key"]
            .iter()
            .find_map(|field| {
                js_sys::Reflect::get(&value, &JsValue::from_str(field))
                    .ok()?
                    .as_string()
            })
            .unwrap_or_default()
    };
    serde_wasm_bindgen::from_value::<R>(value.clone()).map_err(|e| Unreadable {
        store: R::STORE,
        key: key(),
        problem: e.to_string(),
    })
}

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true))
        .map_err(|e| StorageError::Corrupt(e.to_string()))
}

/// The revision stored in a raw record (0 when it predates revisions).
fn rev_of(value: &JsValue) -> u32 {
    js_sys::Reflect::get(value, &JsValue::from_str("rev"))
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0) as u32
}

impl IdbBackend {
    /// Opens (creating or upgrading as needed) the app's database.
    pub async fn open(listener: Rc<dyn Fn(StorageEvent)>) -> Result<IdbBackend> {
        IdbBackend::open_at(DB_NAME, Version::CURRENT, listener).await
    }

    /// Opens the database `name` at schema `version`. The app always uses the current version; tests use older
    /// ones to check migrations.
    pub async fn open_at(
        name: &str,
        version: Version,
        listener: Rc<dyn Fn(StorageEvent)>,
    ) -> Result<IdbBackend> {
        let blocked = {
            let listener = listener.clone();
            Rc::new(move || listener(StorageEvent::UpgradeBlocked)) as Rc<dyn Fn()>
        };
        upgrade::upgrade(name, version, blocked).await?;
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
                Closure::<dyn FnMut(web_sys::IdbVersionChangeEvent)>::new(
                    move |event: web_sys::IdbVersionChangeEvent| {
                        // Another tab wants a newer schema, or to delete the database: step aside so it is not
                        // blocked by us.
                        raw.close();
                        if let Some(connection) = weak.upgrade() {
                            connection.closed.set(true);
                        }
                        // No new version: the database is being deleted.
                        listener(if event.new_version().is_none() {
                            StorageEvent::Deleted
                        } else {
                            StorageEvent::VersionChanged
                        });
                    },
                )
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
        Ok(IdbBackend { db, connection })
    }

    /// Closes the connection; later calls fail with [`StorageError::ConnectionLost`].
    /// The database's name (the real workspace's, or the demo's).
    pub fn name(&self) -> String {
        self.db.name()
    }

    pub fn close(&self) {
        self.connection.closed.set(true);
        self.db.clone().close();
    }

    fn check_open(&self) -> Result<()> {
        if self.connection.closed.get() {
            Err(StorageError::ConnectionLost)
        } else {
            Ok(())
        }
    }

    fn read_tx(&self, store: &str) -> Result<indexed_db_futures::transaction::Transaction<'_>> {
        self.check_open()?;
        Ok(self
            .db
            .transaction(store)
            .with_mode(TransactionMode::Readonly)
            .build()?)
    }
}

// The reads themselves are not generic over the record type, so each is compiled once; only decoding is per type.
impl IdbBackend {
    /// The raw record `key` of `store`, if there is one.
    async fn get_raw(&self, store: &'static str, key: &str) -> Result<Option<JsValue>> {
        let tx = self.read_tx(store)?;
        let value: Option<JsValue> = tx.object_store(store)?.get(key).primitive()?.await?;
        Ok(value.filter(|v| !v.is_undefined()))
    }

    /// Every raw record of `store`, or those with `key` in `index`.
    async fn all_raw(
        &self,
        store: &'static str,
        index: Option<(&'static str, IndexKey)>,
    ) -> Result<Vec<JsValue>> {
        let tx = self.read_tx(store)?;
        let store = tx.object_store(store)?;
        let values = match index {
            None => store.get_all::<JsValue>().primitive()?.await?,
            Some((index, key)) => {
                store
                    .index(index)?
                    .get_all::<JsValue>()
                    .with_query(key_to_js(&key)?)
                    .primitive()?
                    .await?
            }
        };
        Ok(values.collect::<std::result::Result<_, _>>()?)
    }
}

impl Backend for IdbBackend {
    async fn get<R: Row>(&self, key: &str) -> Result<Option<std::result::Result<R, Unreadable>>> {
        Ok(self.get_raw(R::STORE, key).await?.map(decode::<R>))
    }

    async fn get_many<R: Row>(
        &self,
        keys: &[String],
    ) -> Result<Vec<Option<std::result::Result<R, Unreadable>>>> {
        if keys.is_empty() {
            return Ok(vec![]);
        }
        let tx = self.read_tx(R::STORE)?;
        let store = tx.object_store(R::STORE)?;
        // Every request is made before any is awaited: all run in the one transaction, side by side.
        let mut requests = Vec::with_capacity(keys.len());
        for key in keys {
            requests.push(store.get(key.as_str()).primitive()?);
        }
        let mut out = Vec::with_capacity(keys.len());
        for value in futures::future::join_all(requests).await {
            let value: Option<JsValue> = value?;
            out.push(value.filter(|v| !v.is_undefined()).map(decode::<R>));
        }
        Ok(out)
    }

    async fn all<R: Row>(&self) -> Result<Vec<std::result::Result<R, Unreadable>>> {
        Ok(self
            .all_raw(R::STORE, None)
            .await?
            .into_iter()
            .map(decode::<R>)
            .collect())
    }

    async fn by_index<R: Row>(
        &self,
        index: &'static str,
        key: IndexKey,
    ) -> Result<Vec<std::result::Result<R, Unreadable>>> {
        let raw = self.all_raw(R::STORE, Some((index, key))).await?;
        Ok(raw.into_iter().map(decode::<R>).collect())
    }

    async fn keys_by_index(
        &self,
        store: &'static str,
        index: &'static str,
        key: IndexKey,
    ) -> Result<Vec<String>> {
        let tx = self.read_tx(store)?;
        let keys = tx
            .object_store(store)?
            .index(index)?
            .get_all_keys::<String>()
            .with_query(key_to_js(&key)?)
            .primitive()?
            .await?;
        Ok(keys.collect::<std::result::Result<_, _>>()?)
    }

    async fn count_all(&self, store: &'static str) -> Result<u32> {
        let tx = self.read_tx(store)?;
        Ok(tx.object_store(store)?.count().primitive()?.await?)
    }

    async fn count(&self, store: &'static str, index: &'static str, key: IndexKey) -> Result<u32> {
        let tx = self.read_tx(store)?;
        Ok(tx
            .object_store(store)?
            .index(index)?
            .count()
            .with_query(key_to_js(&key)?)
            .primitive()?
            .await?)
    }

    async fn count_many(
        &self,
        store: &'static str,
        index: &'static str,
        keys: Vec<IndexKey>,
    ) -> Result<Vec<u32>> {
        if keys.is_empty() {
            return Ok(vec![]);
        }
        let tx = self.read_tx(store)?;
        let store = tx.object_store(store)?;
        let index = store.index(index)?;
        // Every count is asked before any is awaited: all run in the one transaction, side by side.
        let mut requests = Vec::with_capacity(keys.len());
        for key in &keys {
            requests.push(index.count().with_query(key_to_js(key)?).primitive()?);
        }
        futures::future::join_all(requests)
            .await
            .into_iter()
            .map(|n| Ok(n?))
            .collect()
    }

    async fn audit_trail(&self) -> Result<AuditTrail> {
        self.check_open()?;
        let tx = self
            .db
            .transaction([AUDIT, META].as_slice())
            .with_mode(TransactionMode::Readonly)
            .build()?;
        let log = tx.object_store(AUDIT)?;
        let meta = tx.object_store(META)?;
        // Both requests are made before either is awaited: one transaction sees one state of log and head.
        let entries = log.get_all::<JsValue>().primitive()?;
        let head = meta.get(audit_chain::HEAD_KEY).primitive()?;
        let (entries, head): (_, Result<Option<JsValue>>) =
            futures::join!(entries, async { Ok(head.await?) });
        let entries = entries?
            .map(|v| Ok(decode::<AuditRecord>(v?)))
            .collect::<Result<Vec<_>>>()?;
        let head = match head?.filter(|v| !v.is_undefined()) {
            Some(value) => Some(
                serde_wasm_bindgen::from_value(value)
                    .map_err(|e| StorageError::Corrupt(format!("audit head: {e}")))?,
            ),
            None => None,
        };
        Ok((entries, head))
    }

    async fn commit(&self, batch: Batch) -> Result<()> {
        self.check_open()?;
        // Everything becomes a JavaScript value before the transaction opens.
        let puts = batch
            .puts
            .iter()
            .map(|p| Ok((p.row.store(), p.row.key(), p.expect, to_js(&p.row)?)))
            .collect::<Result<Vec<_>>>()?;
        let mut audit = batch.audit.clone();
        // A database opened at a version before `meta` existed (only tests do) logs without the chain.
        let chained = !audit.is_empty() && self.db.object_store_names().any(|name| name == META);
        let mut stores = batch.stores();
        if chained && !stores.contains(&META) {
            stores.push(META);
        }
        let durability = match batch.durability {
            Durability::Strict => TransactionDurability::Strict,
            Durability::Relaxed => TransactionDurability::Relaxed,
        };
        let tx = self
            .db
            .transaction(stores.as_slice())
            .with_mode(TransactionMode::Readwrite)
            .with_options(TransactionOptions::new().with_durability(durability))
            .build()?;
        let raw: web_sys::IdbTransaction = tx.as_sys().clone().unchecked_into();
        OPEN_WRITES.with(|open| open.borrow_mut().push(raw.clone()));
        let result = async {
            // 1. Every expectation, checked against what is stored now.
            for (store, key, expect) in batch.expectations() {
                let current: Option<JsValue> = tx
                    .object_store(store)?
                    .get(key.as_str())
                    .primitive()?
                    .await?;
                let current = current.filter(|v| !v.is_undefined()).map(|v| rev_of(&v));
                if !expect.allows(current) {
                    return Err(StorageError::Conflict);
                }
            }
            // The audit log's head, read before any write.
            let head = if !chained {
                None
            } else {
                let stored: Option<JsValue> = tx
                    .object_store(META)?
                    .get(audit_chain::HEAD_KEY)
                    .primitive()?
                    .await?;
                // A head that cannot be read must not stop every save: the chain starts again, and
                // verification names the entry where it broke.
                let stored = stored
                    .filter(|v| !v.is_undefined())
                    .and_then(|v| serde_wasm_bindgen::from_value::<audit_chain::AuditHead>(v).ok());
                Some(audit_chain::link(stored.as_ref(), &mut audit))
            };
            // 2. Every write, issued with nothing awaited in between.
            for (store, _, _, value) in &puts {
                raw.object_store(store)?.put(value)?;
            }
            for delete in &batch.deletes {
                raw.object_store(delete.store)?
                    .delete(&JsValue::from_str(&delete.key))?;
            }
            // The audit entries, chained after the head as this transaction reads it (writes to the log are
            // serialised by IndexedDB, so no other tab writes between), with the new head.
            if !audit.is_empty() {
                let log = raw.object_store(AUDIT)?;
                for entry in &audit {
                    log.add(&to_js(entry)?)?;
                }
            }
            if let Some(head) = head {
                raw.object_store(META)?.put(&to_js(&head)?)?;
            }
            Ok(())
        }
        .await;
        AFTER_WRITES_ISSUED.with(|hook| {
            if let (Ok(()), Some(hook)) = (&result, &*hook.borrow()) {
                hook();
            }
        });
        finish(tx, raw, result).await
    }

    async fn dump(&self) -> Result<Vec<(&'static str, String)>> {
        self.check_open()?;
        let names: Vec<&'static str> = crate::storage::backup::stores().collect();
        let tx = self
            .db
            .transaction(names.as_slice())
            .with_mode(TransactionMode::Readonly)
            .build()?;
        // Every store's read is asked before any is awaited: one transaction sees one state of the workspace.
        let mut requests = Vec::with_capacity(names.len());
        for store in &names {
            requests.push(tx.object_store(store)?.get_all::<JsValue>().primitive()?);
        }
        let mut out = Vec::with_capacity(names.len());
        for (store, rows) in names.iter().zip(futures::future::join_all(requests).await) {
            let rows: js_sys::Array = rows?.collect::<std::result::Result<_, _>>()?;
            let json = js_sys::JSON::stringify(&rows)
                .ok()
                .and_then(|s| s.as_string())
                .ok_or_else(|| StorageError::Corrupt(format!("{store}: not JSON")))?;
            out.push((*store, json));
        }
        Ok(out)
    }

    async fn restore(&self, workspace: crate::storage::backup::Restored) -> Result<()> {
        use crate::storage::schema::SEALED_STORES;
        self.check_open()?;
        let rows = workspace
            .rows
            .iter()
            .map(|row| Ok((row.store(), to_js(row)?)))
            .collect::<Result<Vec<_>>>()?;
        let audit = workspace
            .audit
            .iter()
            .map(to_js)
            .collect::<Result<Vec<_>>>()?;
        let head = workspace.head.as_ref().map(to_js).transpose()?;
        let names: Vec<&'static str> = crate::storage::backup::stores().collect();
        let tx = self
            .db
            .transaction(names.as_slice())
            .with_mode(TransactionMode::Readwrite)
            .with_options(TransactionOptions::new().with_durability(TransactionDurability::Strict))
            .build()?;
        let raw: web_sys::IdbTransaction = tx.as_sys().clone().unchecked_into();
        OPEN_WRITES.with(|open| open.borrow_mut().push(raw.clone()));
        let result = async {
            // 1. Empty, as this transaction sees it: no record, no audit entry, no keyring.
            let mut counts = Vec::new();
            for store in SEALED_STORES.iter().chain([&AUDIT]) {
                counts.push(tx.object_store(store)?.count().primitive()?);
            }
            let keyring = tx
                .object_store(META)?
                .get(crate::storage::keyring::KEYRING_KEY)
                .primitive()?;
            let (counts, keyring): (_, Result<Option<JsValue>>) =
                futures::join!(futures::future::join_all(counts), async {
                    Ok(keyring.await?)
                });
            for count in counts {
                if count? > 0 {
                    return Err(StorageError::NotEmpty);
                }
            }
            if keyring?.is_some_and(|v| !v.is_undefined()) {
                return Err(StorageError::NotEmpty);
            }
            // 2. Every write, issued with nothing awaited in between.
            raw.object_store(META)?.clear()?;
            for (store, value) in &rows {
                raw.object_store(store)?.put(value)?;
            }
            let log = raw.object_store(AUDIT)?;
            for entry in &audit {
                log.add(entry)?;
            }
            if let Some(head) = &head {
                raw.object_store(META)?.put(head)?;
            }
            Ok(())
        }
        .await;
        finish(tx, raw, result).await
    }
}
