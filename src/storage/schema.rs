//! The database schema: store and index names, and the ordered migrations that build it version by version.
//!
//! Stores and what their indexes hold (never names or clinical text; record content is sealed by `codec`):
//! - `clients`: key `id`. No indexes: names are searched in memory.
//! - `cases`: key `id`. `by_client` on `client_id` (v1); `by_status` on `status` (v2).
//! - `audit`: auto-increment key, append-only. `by_at` on `at` (v1); `by_entity` on `entity_id` (v2).
//! - `cases` (v3): `by_status_tier` on `[status, tier]` (the effective risk tier code); existing cases are given
//!   `low`.
//! - `administrations` (v3): key `id`. `by_case` on `case_id`.
//! - `tasks` (v3): key `id`. `by_case` on `case_id`; `by_due` on `due` (`YYYY-MM-DD`).
//! - `needs` (v3): key `id`. `by_case` on `case_id`.
//! - `assessments` (v3): key `case_id` (one holistic assessment per case).
//!
//! Migrations only ever add: a step never deletes or recreates a store holding user data.
//!
//! The upgrade runs on web-sys directly because indexed_db_futures 0.6 does not hand its upgrade callback the
//! version-change transaction, which a step needs to add an index to an existing store. Everything else uses
//! indexed_db_futures.

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

pub const DB_NAME: &str = "care-planner";

pub const CLIENTS: &str = "clients";
pub const CASES: &str = "cases";
pub const AUDIT: &str = "audit";
pub const ADMINISTRATIONS: &str = "administrations";
pub const TASKS: &str = "tasks";
pub const NEEDS: &str = "needs";
pub const ASSESSMENTS: &str = "assessments";

pub const CASES_BY_CLIENT: &str = "by_client";
pub const CASES_BY_STATUS: &str = "by_status";
pub const AUDIT_BY_AT: &str = "by_at";
pub const AUDIT_BY_ENTITY: &str = "by_entity";
/// Compound `[status, tier]`: the open cases of one tier are one key, closed ones never read.
pub const CASES_BY_STATUS_TIER: &str = "by_status_tier";
pub const BY_CASE: &str = "by_case";
pub const TASKS_BY_DUE: &str = "by_due";

/// Schema versions, oldest first. Each step's migration takes the database from the previous version to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Version {
    /// Clients, cases (by client) and the audit log (by time).
    V1 = 1,
    /// Indexes for the caseload list (open cases by status) and the audit trail of one record.
    V2 = 2,
    /// Instruments, tasks, needs and assessments; cases indexed by risk tier.
    V3 = 3,
}

impl Version {
    pub const ALL: [Version; 3] = [Version::V1, Version::V2, Version::V3];
    pub const CURRENT: Version = Version::V3;

    pub fn number(self) -> u32 {
        self as u32
    }

    fn migrate(self, db: &IdbDatabase, tx: &IdbTransaction) -> Result<(), JsValue> {
        match self {
            Version::V1 => {
                let params = IdbObjectStoreParameters::new();
                params.set_key_path(&JsValue::from_str("id"));
                db.create_object_store_with_optional_parameters(CLIENTS, &params)?;
                let cases = db.create_object_store_with_optional_parameters(CASES, &params)?;
                index(&cases, CASES_BY_CLIENT, "client_id")?;
                let audit_params = IdbObjectStoreParameters::new();
                audit_params.set_auto_increment(true);
                let audit =
                    db.create_object_store_with_optional_parameters(AUDIT, &audit_params)?;
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
                let key_path =
                    js_sys::Array::of2(&JsValue::from_str("status"), &JsValue::from_str("tier"));
                let params = IdbIndexParameters::new();
                params.set_unique(false);
                cases.create_index_with_str_sequence_and_optional_parameters(
                    CASES_BY_STATUS_TIER,
                    &key_path,
                    &params,
                )?;
                backfill(&cases, "tier", "low")?;
            }
        }
        Ok(())
    }
}

/// Gives every record of `store` lacking `field` the value `value`, inside the upgrade transaction: a cursor walks
/// the store and each step's request keeps the transaction alive until the last record is written.
fn backfill(
    store: &web_sys::IdbObjectStore,
    field: &'static str,
    value: &'static str,
) -> Result<(), JsValue> {
    let request = store.open_cursor()?;
    let walker = request.clone();
    let on_success = Closure::<dyn FnMut()>::new(move || {
        let Ok(result) = walker.result() else { return };
        let Ok(cursor) = result.dyn_into::<web_sys::IdbCursorWithValue>() else {
            return; // null: the walk is over
        };
        if let Ok(record) = cursor.value() {
            let key = JsValue::from_str(field);
            if js_sys::Reflect::get(&record, &key).map_or(true, |v| v.is_undefined()) {
                let _ = js_sys::Reflect::set(&record, &key, &JsValue::from_str(value));
                // A failed update errors the request, which aborts the whole upgrade.
                let _ = cursor.update(&record);
            }
        }
        let _ = cursor.continue_();
    });
    request.set_onsuccess(Some(on_success.as_ref().unchecked_ref()));
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
    let migration_error: Rc<RefCell<Option<JsValue>>> = Rc::new(RefCell::new(None));

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
                        step.migrate(&db, &tx)?;
                    }
                    Ok(())
                };
                if let Err(error) = run() {
                    if let Some(tx) = request.transaction() {
                        let _ = tx.abort();
                    }
                    *migration_error.borrow_mut() = Some(error);
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
        return Err(StorageError::Aborted(format!(
            "schema migration failed: {error:?}"
        )));
    }
    let db: IdbDatabase = outcome?.dyn_into()?;
    db.close();
    Ok(())
}
