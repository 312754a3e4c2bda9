//! The in-memory twin of the IndexedDB backend: the same interface and the same rules (atomic batches, revision
//! checks, indexes from `schema::INDEXES`), over maps of JSON values. Native workflow and storage tests run on it;
//! it never replaces a browser test of the real store.

use crate::storage::audit_chain;
use crate::storage::backend::{AuditTrail, Backend, Batch, IndexKey, Result, Row, Unreadable};
use crate::storage::records::AuditRecord;
use crate::storage::schema::{self, AUDIT, META};
use crate::storage::StorageError;
use serde_json::Value;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

#[derive(Clone, Default)]
pub struct MemoryBackend {
    db: Rc<RefCell<Db>>,
}

#[derive(Default)]
struct Db {
    stores: BTreeMap<&'static str, BTreeMap<String, Value>>,
    audit_counter: u64,
    /// A failure the next commit reports after checking (tests of "nothing is half-written").
    fail_next_commit: Option<StorageError>,
}

impl Db {
    /// Appends audit entries to the log under the next keys, and writes the chain's head if there is one.
    fn append_audit(&mut self, audit: Vec<Value>, head: Option<Value>) {
        for entry in audit {
            self.audit_counter += 1;
            let key = format!("{:020}", self.audit_counter);
            self.stores.entry(AUDIT).or_default().insert(key, entry);
        }
        if let Some(head) = head {
            self.stores
                .entry(META)
                .or_default()
                .insert(audit_chain::HEAD_KEY.into(), head);
        }
    }
}

impl MemoryBackend {
    /// Makes the next commit fail with `error` after its checks, as a browser abort would: nothing is written.
    pub fn fail_next_commit(&self, error: StorageError) {
        self.db.borrow_mut().fail_next_commit = Some(error);
    }

    /// How many rows a store holds.
    pub fn len(&self, store: &'static str) -> usize {
        self.db.borrow().stores.get(store).map_or(0, BTreeMap::len)
    }
}

fn decode<R: Row>(key: &str, value: &Value) -> std::result::Result<R, Unreadable> {
    serde_json::from_value(value.clone()).map_err(|e| Unreadable {
        store: R::STORE,
        key: key.to_string(),
        problem: e.to_string(),
    })
}

fn matches(value: &Value, fields: &[&str], key: &IndexKey) -> bool {
    let field = |name: &str| value.get(name).and_then(Value::as_str);
    match (fields, key) {
        ([one], IndexKey::One(k)) => field(one) == Some(k.as_str()),
        ([a, b], IndexKey::Two(x, y)) => {
            field(a) == Some(x.as_str()) && field(b) == Some(y.as_str())
        }
        ([one], IndexKey::Range { from, until }) => {
            field(one).is_some_and(|v| from.as_deref().is_none_or(|f| v >= f) && v < until.as_str())
        }
        ([a, b], IndexKey::TwoRange { first, from, until }) => {
            field(a) == Some(first.as_str())
                && field(b)
                    .is_some_and(|v| from.as_deref().is_none_or(|f| v >= f) && v < until.as_str())
        }
        _ => false,
    }
}

fn index_entries<'a>(
    db: &'a Db,
    store: &'static str,
    index: &'static str,
    key: &'a IndexKey,
) -> impl Iterator<Item = (&'a String, &'a Value)> + 'a {
    let fields = schema::index_fields(store, index);
    db.stores
        .get(store)
        .into_iter()
        .flatten()
        .filter(move |(_, v)| matches(v, fields, key))
}

fn stored_rev(db: &Db, store: &'static str, key: &str) -> Option<u32> {
    let value = db.stores.get(store)?.get(key)?;
    Some(value.get("rev").and_then(Value::as_u64).unwrap_or(0) as u32)
}

impl Backend for MemoryBackend {
    async fn get<R: Row>(&self, key: &str) -> Result<Option<std::result::Result<R, Unreadable>>> {
        let db = self.db.borrow();
        Ok(db
            .stores
            .get(R::STORE)
            .and_then(|s| s.get(key))
            .map(|v| decode(key, v)))
    }

    async fn get_many<R: Row>(
        &self,
        keys: &[String],
    ) -> Result<Vec<Option<std::result::Result<R, Unreadable>>>> {
        let mut out = Vec::with_capacity(keys.len());
        for key in keys {
            out.push(self.get::<R>(key).await?);
        }
        Ok(out)
    }

    async fn all<R: Row>(&self) -> Result<Vec<std::result::Result<R, Unreadable>>> {
        let db = self.db.borrow();
        Ok(db
            .stores
            .get(R::STORE)
            .into_iter()
            .flatten()
            .map(|(k, v)| decode(k, v))
            .collect())
    }

    async fn by_index<R: Row>(
        &self,
        index: &'static str,
        key: IndexKey,
    ) -> Result<Vec<std::result::Result<R, Unreadable>>> {
        let db = self.db.borrow();
        Ok(index_entries(&db, R::STORE, index, &key)
            .map(|(k, v)| decode(k, v))
            .collect())
    }

    async fn keys_by_index(
        &self,
        store: &'static str,
        index: &'static str,
        key: IndexKey,
    ) -> Result<Vec<String>> {
        let db = self.db.borrow();
        Ok(index_entries(&db, store, index, &key)
            .map(|(k, _)| k.clone())
            .collect())
    }

    async fn count_all(&self, store: &'static str) -> Result<u32> {
        Ok(self.len(store) as u32)
    }

    async fn count(&self, store: &'static str, index: &'static str, key: IndexKey) -> Result<u32> {
        let db = self.db.borrow();
        Ok(index_entries(&db, store, index, &key).count() as u32)
    }

    async fn count_many(
        &self,
        store: &'static str,
        index: &'static str,
        keys: Vec<IndexKey>,
    ) -> Result<Vec<u32>> {
        let db = self.db.borrow();
        Ok(keys
            .iter()
            .map(|key| index_entries(&db, store, index, key).count() as u32)
            .collect())
    }

    async fn audit_trail(&self) -> Result<AuditTrail> {
        let db = self.db.borrow();
        let entries = db
            .stores
            .get(AUDIT)
            .map(|log| {
                log.iter()
                    .map(|(key, value)| {
                        serde_json::from_value::<AuditRecord>(value.clone()).map_err(|e| {
                            Unreadable {
                                store: AUDIT,
                                key: key.clone(),
                                problem: e.to_string(),
                            }
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let head = match db
            .stores
            .get(META)
            .and_then(|m| m.get(audit_chain::HEAD_KEY))
        {
            Some(value) => Some(
                serde_json::from_value(value.clone())
                    .map_err(|e| StorageError::Corrupt(format!("audit head: {e}")))?,
            ),
            None => None,
        };
        Ok((entries, head))
    }

    async fn commit(&self, batch: Batch) -> Result<()> {
        let mut db = self.db.borrow_mut();
        for (store, key, expect) in batch.expectations() {
            let current = stored_rev(&db, store, &key);
            if !expect.allows(current) {
                return Err(StorageError::Conflict);
            }
        }
        if let Some(error) = db.fail_next_commit.take() {
            return Err(error);
        }
        // Serialise everything first, so a failure cannot leave half a batch written.
        let puts: Vec<(&'static str, String, Value)> = batch
            .puts
            .iter()
            .map(|p| {
                let value = serde_json::to_value(&p.row)
                    .map_err(|e| StorageError::Corrupt(e.to_string()))?;
                Ok((p.row.store(), p.row.key(), value))
            })
            .collect::<Result<_>>()?;
        // The audit entries chained after the stored head, as the IndexedDB backend does.
        let mut chained = batch.audit.clone();
        let head = if chained.is_empty() {
            None
        } else {
            // As in IndexedDB, a head that cannot be read starts the chain again.
            let stored = db
                .stores
                .get(META)
                .and_then(|m| m.get(audit_chain::HEAD_KEY))
                .and_then(|v| serde_json::from_value::<audit_chain::AuditHead>(v.clone()).ok());
            let head = audit_chain::link(stored.as_ref(), &mut chained);
            Some(serde_json::to_value(&head).map_err(|e| StorageError::Corrupt(e.to_string()))?)
        };
        let audit: Vec<Value> = chained
            .iter()
            .map(|a| serde_json::to_value(a).map_err(|e| StorageError::Corrupt(e.to_string())))
            .collect::<Result<_>>()?;
        for (store, key, value) in puts {
            db.stores.entry(store).or_default().insert(key, value);
        }
        for delete in &batch.deletes {
            if let Some(s) = db.stores.get_mut(delete.store) {
                s.remove(&delete.key);
            }
        }
        db.append_audit(audit, head);
        Ok(())
    }

    async fn dump(&self) -> Result<Vec<(&'static str, String)>> {
        let db = self.db.borrow();
        Ok(crate::storage::backup::stores()
            .map(|store| {
                let rows: Vec<&Value> = db
                    .stores
                    .get(store)
                    .map(|rows| rows.values().collect())
                    .unwrap_or_default();
                let json = serde_json::to_string(&rows).expect("JSON values always serialise");
                (store, json)
            })
            .collect())
    }

    async fn restore(&self, workspace: crate::storage::backup::Restored) -> Result<()> {
        let mut db = self.db.borrow_mut();
        let holds = |store: &str| db.stores.get(store).is_some_and(|rows| !rows.is_empty());
        if schema::SEALED_STORES.iter().any(|s| holds(s))
            || holds(AUDIT)
            || db
                .stores
                .get(META)
                .is_some_and(|m| m.contains_key(crate::storage::keyring::KEYRING_KEY))
        {
            return Err(StorageError::NotEmpty);
        }
        let mut rows = Vec::with_capacity(workspace.rows.len());
        for row in &workspace.rows {
            let value =
                serde_json::to_value(row).map_err(|e| StorageError::Corrupt(e.to_string()))?;
            rows.push((row.store(), row.key(), value));
        }
        let audit = workspace
            .audit
            .iter()
            .map(|a| serde_json::to_value(a).map_err(|e| StorageError::Corrupt(e.to_string())))
            .collect::<Result<Vec<_>>>()?;
        let head = workspace
            .head
            .as_ref()
            .map(|h| serde_json::to_value(h).map_err(|e| StorageError::Corrupt(e.to_string())))
            .transpose()?;
        if let Some(error) = db.fail_next_commit.take() {
            return Err(error);
        }
        db.stores.remove(META);
        for (store, key, value) in rows {
            db.stores.entry(store).or_default().insert(key, value);
        }
        db.append_audit(audit, head);
        Ok(())
    }
}
