//! The IndexedDB schema migrations: each `Version` step of `schema` as version-change operations.
//!
//! What each store and index holds is in `schema`.
//!
//! Migrations only ever add: a step never deletes or recreates a store holding user data.
//!
//! The upgrade runs on web-sys directly because indexed_db_futures 0.6 does not hand its upgrade callback the
//! version-change transaction, which a step needs to add an index to an existing store. Everything else uses
//! indexed_db_futures.

use crate::storage::schema::*;
use crate::storage::StorageError;
use js_sys::Promise;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbIndexParameters, IdbObjectStoreParameters, IdbOpenDbRequest, IdbTransaction,
};

/// Runs one migration step inside the version-change transaction.
fn migrate(
    step: Version,
    db: &IdbDatabase,
    tx: &IdbTransaction,
    failure: &Failure,
) -> Result<(), JsValue> {
    match step {
        Version::V1 => {
            let params = IdbObjectStoreParameters::new();
            params.set_key_path(&JsValue::from_str("id"));
            db.create_object_store_with_optional_parameters(CLIENTS, &params)?;
            let cases = db.create_object_store_with_optional_parameters(CASES, &params)?;
            index(&cases, CASES_BY_CLIENT, "client_id")?;
            let audit_params = IdbObjectStoreParameters::new();
            audit_params.set_auto_increment(true);
            let audit = db.create_object_store_with_optional_parameters(AUDIT, &audit_params)?;
            index(&audit, AUDIT_BY_AT, "at")?;
        }
        Version::V2 => {
            index(&tx.object_store(CASES)?, CASES_BY_STATUS, "status")?;
            index(&tx.object_store(AUDIT)?, AUDIT_BY_ENTITY, "entity_id")?;
        }
        Version::V3 => {
            let by_id = IdbObjectStoreParameters::new();
            by_id.set_key_path(&JsValue::from_str("id"));
            let administrations =
                db.create_object_store_with_optional_parameters(ADMINISTRATIONS, &by_id)?;
            index(&administrations, BY_CASE, "case_id")?;
            let tasks = db.create_object_store_with_optional_parameters(TASKS, &by_id)?;
            index(&tasks, BY_CASE, "case_id")?;
            index(&tasks, TASKS_BY_DUE, "due")?;
            let needs = db.create_object_store_with_optional_parameters(NEEDS, &by_id)?;
            index(&needs, BY_CASE, "case_id")?;
            let by_case_id = IdbObjectStoreParameters::new();
            by_case_id.set_key_path(&JsValue::from_str("case_id"));
            db.create_object_store_with_optional_parameters(ASSESSMENTS, &by_case_id)?;
            let cases = tx.object_store(CASES)?;
            compound(&cases, CASES_BY_STATUS_TIER, "status", "tier")?;
            backfill(&cases, "tier", "low", failure.clone())?;
        }
        Version::V4 => {
            let by_key = IdbObjectStoreParameters::new();
            by_key.set_key_path(&JsValue::from_str("key"));
            db.create_object_store_with_optional_parameters(META, &by_key)?;
        }
        Version::V5 => {
            let by_case_id = IdbObjectStoreParameters::new();
            by_case_id.set_key_path(&JsValue::from_str("case_id"));
            db.create_object_store_with_optional_parameters(PLANS, &by_case_id)?;
            let by_id = IdbObjectStoreParameters::new();
            by_id.set_key_path(&JsValue::from_str("id"));
            let revisions =
                db.create_object_store_with_optional_parameters(PLAN_REVISIONS, &by_id)?;
            index(&revisions, BY_CASE, "case_id")?;
            let referrals = db.create_object_store_with_optional_parameters(REFERRALS, &by_id)?;
            index(&referrals, BY_CASE, "case_id")?;
            index(&referrals, BY_DUE, "due")?;
            let appointments =
                db.create_object_store_with_optional_parameters(APPOINTMENTS, &by_id)?;
            index(&appointments, BY_CASE, "case_id")?;
            index(&appointments, APPOINTMENTS_BY_DATE, "on")?;
            let coverages = db.create_object_store_with_optional_parameters(COVERAGES, &by_id)?;
            index(&coverages, BY_CASE, "case_id")?;
            index(&coverages, BY_DUE, "due")?;
        }
        Version::V6 => {
            let by_id = IdbObjectStoreParameters::new();
            by_id.set_key_path(&JsValue::from_str("id"));
            let contacts = db.create_object_store_with_optional_parameters(CONTACTS, &by_id)?;
            index(&contacts, BY_CASE, "case_id")?;
            let notes = db.create_object_store_with_optional_parameters(NOTES, &by_id)?;
            index(&notes, BY_CASE, "case_id")?;
            // Cases written before v6 have no `next_contact` until the data migration writes them again.
            let cases = tx.object_store(CASES)?;
            index(&cases, CASES_BY_NEXT_CONTACT, "next_contact")?;
            compound(&cases, CASES_BY_STATUS_PHASE, "status", "phase")?;
            compound(
                &tx.object_store(TASKS)?,
                TASKS_BY_STATUS_DUE,
                "status",
                "due",
            )?;
        }
        Version::V7 => {
            let by_id = IdbObjectStoreParameters::new();
            by_id.set_key_path(&JsValue::from_str("id"));
            let transitions =
                db.create_object_store_with_optional_parameters(TRANSITIONS, &by_id)?;
            index(&transitions, BY_CASE, "case_id")?;
            db.create_object_store_with_optional_parameters(STAFF, &by_id)?;
        }
        Version::V8 => start_audit_chain(tx, failure.clone())?,
    }
    Ok(())
}

/// Writes the audit chain's head, counting the entries already in the log: they stay first, unchained, and
/// verification expects exactly as many. A database that a development build chained before v8 has a head without
/// that count: it is given one (the entries logged less those it chained).
fn start_audit_chain(tx: &IdbTransaction, failure: Failure) -> Result<(), JsValue> {
    let meta = tx.object_store(META)?;
    let log = tx.object_store(AUDIT)?;
    let existing = meta.get(&JsValue::from_str(crate::storage::audit_chain::HEAD_KEY))?;
    let fail = fail_upgrade(tx, failure);
    let found = existing.clone();
    let on_found = {
        let fail = fail.clone();
        Closure::once_into_js(move || {
            let step = || -> Result<(), JsValue> {
                let stored = found.result()?;
                let head = if stored.is_undefined() {
                    None
                } else if js_sys::Reflect::has(&stored, &JsValue::from_str("unchained"))? {
                    return Ok(()); // already counted
                } else {
                    Some(
                        serde_wasm_bindgen::from_value::<crate::storage::audit_chain::AuditHead>(
                            stored,
                        )
                        .map_err(|e| JsValue::from_str(&e.to_string()))?,
                    )
                };
                let count = log.count()?;
                let counted = count.clone();
                let fail = fail.clone();
                let on_counted = Closure::once_into_js(move || {
                    let write = || -> Result<(), JsValue> {
                        let logged = counted
                            .result()?
                            .as_f64()
                            .ok_or_else(|| JsValue::from_str("the count is not a number"))?
                            as u64;
                        let head = match head {
                            Some(mut head) => {
                                head.unchained = logged.saturating_sub(head.entries);
                                head
                            }
                            None => crate::storage::audit_chain::AuditHead::start(logged),
                        };
                        let value = serde_wasm_bindgen::to_value(&head)
                            .map_err(|e| JsValue::from_str(&e.to_string()))?;
                        meta.put(&value)?;
                        Ok(())
                    };
                    if write().is_err() {
                        fail("writing the audit chain's head".into());
                    }
                });
                count.set_onsuccess(Some(on_counted.unchecked_ref()));
                Ok(())
            };
            if step().is_err() {
                fail("counting the audit entries".into());
            }
        })
    };
    existing.set_onsuccess(Some(on_found.unchecked_ref()));
    let on_error = Closure::once_into_js(move || fail("reading the audit chain's head".into()));
    existing.set_onerror(Some(on_error.unchecked_ref()));
    Ok(())
}

/// The first error a migration step met after it was started (cursor walks finish after the step returns).
type Failure = Rc<RefCell<Option<String>>>;

/// What a step's request callbacks call when something fails: the failure is recorded first and is what `upgrade`
/// reports, then the whole upgrade is aborted (the abort can only fail when the transaction is already aborted,
/// which is the point), so the database stays at its old version.
fn fail_upgrade(tx: &IdbTransaction, failure: Failure) -> impl Fn(String) + Clone {
    let tx = tx.clone();
    move |what: String| {
        failure.borrow_mut().get_or_insert(what);
        let _ = tx.abort();
    }
}

/// Gives every record of `store` lacking `field` the value `value`, inside the upgrade transaction: a cursor walks
/// the store and each step's request keeps the transaction alive until the last record is written. Any failure
/// (the cursor request, reading or updating a record) aborts the whole upgrade and is kept in `failure`, so the
/// database stays at its old version and the user is told why.
fn backfill(
    store: &web_sys::IdbObjectStore,
    field: &'static str,
    value: &'static str,
    failure: Failure,
) -> Result<(), JsValue> {
    let request = store.open_cursor()?;
    let walker = request.clone();
    let fail = fail_upgrade(&store.transaction(), failure);
    let on_success = {
        let fail = fail.clone();
        Closure::<dyn FnMut()>::new(move || {
            let step = || -> Result<(), JsValue> {
                let result = walker.result()?;
                if result.is_null() || result.is_undefined() {
                    return Ok(()); // the walk is over
                }
                let cursor: web_sys::IdbCursorWithValue = result.dyn_into()?;
                let record = cursor.value()?;
                let key = JsValue::from_str(field);
                if js_sys::Reflect::get(&record, &key)?.is_undefined() {
                    js_sys::Reflect::set(&record, &key, &JsValue::from_str(value))?;
                    let update = cursor.update(&record)?;
                    let fail = fail.clone();
                    let on_error =
                        Closure::once_into_js(move || fail(format!("updating a record's {field}")));
                    update.set_onerror(Some(on_error.unchecked_ref()));
                }
                cursor.continue_()
            };
            if let Err(error) = step() {
                fail(format!("giving records a {field}: {error:?}"));
            }
        })
    };
    let on_error =
        Closure::once_into_js(move || fail(format!("walking the records to give them a {field}")));
    request.set_onsuccess(Some(on_success.as_ref().unchecked_ref()));
    request.set_onerror(Some(on_error.unchecked_ref()));
    // The handler must outlive this function; it runs once per record during this one upgrade.
    on_success.forget();
    Ok(())
}

fn index(store: &web_sys::IdbObjectStore, name: &str, key_path: &str) -> Result<(), JsValue> {
    let params = IdbIndexParameters::new();
    params.set_unique(false);
    store.create_index_with_str_and_optional_parameters(name, key_path, &params)?;
    Ok(())
}

/// A non-unique index on two fields (a compound key).
fn compound(
    store: &web_sys::IdbObjectStore,
    name: &str,
    first: &str,
    second: &str,
) -> Result<(), JsValue> {
    let key_path = js_sys::Array::of2(&JsValue::from_str(first), &JsValue::from_str(second));
    let params = IdbIndexParameters::new();
    params.set_unique(false);
    store.create_index_with_str_sequence_and_optional_parameters(name, &key_path, &params)?;
    Ok(())
}

/// Brings the database `name` to `target`, running every migration step above its current version in order,
/// all inside the one version-change transaction (so a failed step leaves the old version intact).
/// `on_blocked` is called if another tab's open connection makes the upgrade wait.
pub async fn upgrade(
    name: &str,
    target: Version,
    on_blocked: Rc<dyn Fn()>,
) -> Result<(), StorageError> {
    let factory = web_sys::window()
        .ok_or_else(|| StorageError::Unavailable("no window".into()))?
        .indexed_db()
        .map_err(StorageError::from)?
        .ok_or_else(|| StorageError::Unavailable("IndexedDB is not available".into()))?;
    let request: IdbOpenDbRequest = factory.open_with_u32(name, target.number())?;
    let migration_error: Failure = Rc::new(RefCell::new(None));

    let on_upgrade = {
        let request = request.clone();
        let migration_error = migration_error.clone();
        Closure::<dyn FnMut(web_sys::IdbVersionChangeEvent)>::new(
            move |event: web_sys::IdbVersionChangeEvent| {
                let old = event.old_version() as u32;
                let run = || -> Result<(), JsValue> {
                    let db: IdbDatabase = request.result()?.dyn_into()?;
                    let tx = request
                        .transaction()
                        .ok_or_else(|| JsValue::from_str("no version-change transaction"))?;
                    for step in Version::ALL
                        .into_iter()
                        .filter(|v| v.number() > old && *v <= target)
                    {
                        migrate(step, &db, &tx, &migration_error)?;
                    }
                    Ok(())
                };
                if let Err(error) = run() {
                    if let Some(tx) = request.transaction() {
                        let _ = tx.abort();
                    }
                    migration_error
                        .borrow_mut()
                        .get_or_insert(format!("{error:?}"));
                }
            },
        )
    };
    let blocked = Closure::<dyn FnMut()>::new(move || on_blocked());
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    request.set_onblocked(Some(blocked.as_ref().unchecked_ref()));

    let done = Promise::new(&mut |resolve, reject| {
        let req = request.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(
                &JsValue::UNDEFINED,
                &req.result().unwrap_or(JsValue::UNDEFINED),
            );
        });
        let req = request.clone();
        let on_error = Closure::once_into_js(move || {
            let error = req
                .error()
                .ok()
                .flatten()
                .map(JsValue::from)
                .unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::UNDEFINED, &error);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    let outcome = JsFuture::from(done).await;
    request.set_onupgradeneeded(None);
    request.set_onblocked(None);
    drop((on_upgrade, blocked));

    if let Some(error) = migration_error.borrow_mut().take() {
        return Err(StorageError::MigrationFailed(error));
    }
    let db: IdbDatabase = outcome?.dyn_into()?;
    db.close();
    Ok(())
}
