//! The storage layer against real IndexedDB in headless Chromium (`cargo test --target wasm32-unknown-unknown`):
//! the shared storage suite on the IndexedDB backend, plus what only a real browser database has (schema upgrades
//! from rows written by hand in older shapes, other tabs, blocked upgrades, aborted transactions). Each test works
//! in a database of its own.
#![cfg(target_arch = "wasm32")]

mod suite;

use care_planner::domain::audit::Action;
use care_planner::domain::ids::Id;
use care_planner::domain::phase::Phase;
use care_planner::domain::risk::Tier;
use care_planner::storage::schema::{self, Version};
use care_planner::storage::{abort_open_transactions, new_id, Storage, StorageError, StorageEvent};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn unique_name(test: &str) -> String {
    format!("test-{test}-{}", js_sys::Math::random())
}

type Events = Rc<RefCell<Vec<StorageEvent>>>;

fn recorder() -> (Events, Rc<dyn Fn(StorageEvent)>) {
    let events: Events = Rc::default();
    let sink = events.clone();
    (events, Rc::new(move |e| sink.borrow_mut().push(e)))
}

async fn open(name: &str) -> Storage {
    Storage::open_at(name, Version::CURRENT, recorder().1)
        .await
        .expect("open")
}

macro_rules! browser {
    ($($name:ident),*) => {
        $(
            #[wasm_bindgen_test]
            async fn $name() {
                suite::$name(open(&unique_name(stringify!($name))).await).await;
            }
        )*
    };
}

storage_suite!(browser);

#[wasm_bindgen_test]
async fn a_backup_payload_restores_everything_into_an_empty_workspace_or_nothing() {
    let name = unique_name("backup");
    suite::a_backup_payload_restores_everything_into_an_empty_workspace_or_nothing(
        open(&format!("{name}-from")).await,
        open(&format!("{name}-to")).await,
        open(&format!("{name}-other")).await,
    )
    .await;
}

#[wasm_bindgen_test]
async fn a_handover_imports_whole_and_clashes_follow_the_choices() {
    let name = unique_name("handover");
    suite::a_handover_imports_whole_and_clashes_follow_the_choices(
        open(&format!("{name}-from")).await,
        open(&format!("{name}-to")).await,
    )
    .await;
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits for an IndexedDB request (raw web-sys, outside the code under test).
async fn done(request: &web_sys::IdbRequest) -> JsValue {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    request.result().unwrap()
}

/// Opens `name` with plain IndexedDB at `version` (creating it through our migrations up to there).
async fn raw_db(name: &str, version: Version) -> web_sys::IdbDatabase {
    care_planner::storage::idb::upgrade::upgrade(name, version, Rc::new(|| {}))
        .await
        .unwrap();
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let request = factory.open_with_u32(name, version.number()).unwrap();
    done(&request).await.into()
}

/// Writes `rows` (JSON objects, in whatever shape an older version wrote) straight into `store`.
async fn put_raw(db: &web_sys::IdbDatabase, store: &str, rows: &[&str]) {
    let tx = db
        .transaction_with_str_and_mode(store, web_sys::IdbTransactionMode::Readwrite)
        .unwrap();
    for row in rows {
        let value = js_sys::JSON::parse(row).unwrap();
        done(&tx.object_store(store).unwrap().put(&value).unwrap()).await;
    }
}

fn body(value: serde_json::Value) -> String {
    serde_json::to_string(&value.to_string()).unwrap()
}

/// A v2 database holding a client and a case in exactly the shape v2 wrote them (no tier, no revision), written
/// by hand: the v3 step must give the case a tier, and the data migration then sees it has no result and makes it
/// "not yet stratified".
#[wasm_bindgen_test]
async fn a_version_2_database_written_by_hand_upgrades_and_its_case_is_not_yet_stratified() {
    let name = unique_name("v2-by-hand");
    let client_id = new_id().unwrap().to_string();
    let case_id = new_id().unwrap().to_string();
    let db = raw_db(&name, Version::V2).await;
    let client_body = serde_json::json!({
        "id": client_id, "details": {"full_name": "Vera Two", "preferred_name": null, "date_of_birth": null,
        "gender": null, "preferred_language": null, "phone": null, "email": null, "address": null,
        "support_person": null, "consent": null},
        "created_at": "2026-11-01T09:00:00Z", "updated_at": "2026-11-01T09:00:00Z"
    });
    put_raw(
        &db,
        schema::CLIENTS,
        &[&format!(
            r#"{{"id":"{client_id}","updated_at":"2026-11-01T09:00:00.000Z","body":{}}}"#,
            body(client_body)
        )],
    )
    .await;
    let case_body = serde_json::json!({
        "id": case_id, "client_id": client_id,
        "details": {"specialty": "nursing", "model": "clinical", "case_manager": "N. Sato",
            "opened_on": "2026-11-01", "referral_source": null, "referral_reason": "Falls"},
        "status": "open", "phase": "screening",
        "history": [{"at": "2026-11-01T09:00:00Z", "from": null, "to": "screening"}],
        "created_at": "2026-11-01T09:00:00Z", "updated_at": "2026-11-01T09:00:00Z"
    });
    put_raw(&db, schema::CASES, &[&format!(
        r#"{{"id":"{case_id}","client_id":"{client_id}","status":"open","phase":"screening","opened_on":"2026-11-01","updated_at":"2026-11-01T09:00:00.000Z","body":{}}}"#,
        body(case_body)
    )]).await;
    db.close();

    // Only the schema steps (no data migration): v3's backfill alone gives the case `low`.
    let at_v3 = raw_db(&name, Version::V3).await;
    let tx = at_v3.transaction_with_str(schema::CASES).unwrap();
    let stored = done(
        &tx.object_store(schema::CASES)
            .unwrap()
            .get(&JsValue::from_str(&case_id))
            .unwrap(),
    )
    .await;
    let tier = js_sys::Reflect::get(&stored, &JsValue::from_str("tier")).unwrap();
    assert_eq!(
        tier.as_string().as_deref(),
        Some("low"),
        "the v3 step backfilled the tier"
    );
    at_v3.close();

    let storage = open(&name).await;
    let case_id: Id = case_id.parse().unwrap();
    let file = storage.case_file(case_id).await.unwrap();
    assert_eq!(file.client.details.full_name, "Vera Two");
    assert_eq!(
        file.case.tier(),
        None,
        "no result: not yet stratified, not low"
    );
    assert!(suite::open_in(&storage, Some(Tier::Low)).await == 0);
    assert_eq!(suite::open_in(&storage, None).await, 1);
    // Migrated twice: its tier, then the staff id of its case manager.
    assert_eq!(
        suite::actions(&storage, case_id).await,
        vec![Action::Migrated, Action::Migrated]
    );
}

/// A v4 database written by hand in v4's shapes — a need named by its AHC `domain`, a task with neither title nor
/// assignee, a phase history without skipped work — upgrades to v5: the new stores exist, every old record reads,
/// and the old need can carry a goal.
#[wasm_bindgen_test]
async fn a_version_4_database_written_by_hand_upgrades_and_its_needs_carry_goals() {
    let name = unique_name("v4-by-hand");
    let client_id = new_id().unwrap().to_string();
    let case_id = new_id().unwrap().to_string();
    let need_id = new_id().unwrap().to_string();
    let task_id = new_id().unwrap().to_string();
    let db = raw_db(&name, Version::V4).await;
    let client_body = serde_json::json!({
        "id": client_id, "details": {"full_name": "Fumi Four", "preferred_name": null, "date_of_birth": null,
        "gender": null, "preferred_language": null, "phone": null, "email": null, "address": null,
        "support_person": null, "consent": null},
        "created_at": "2026-11-01T09:00:00Z", "updated_at": "2026-11-01T09:00:00Z"
    });
    put_raw(
        &db,
        schema::CLIENTS,
        &[&format!(
            r#"{{"id":"{client_id}","updated_at":"2026-11-01T09:00:00.000Z","rev":1,"body":{}}}"#,
            body(client_body)
        )],
    )
    .await;
    let case_body = serde_json::json!({
        "id": case_id, "client_id": client_id,
        "details": {"specialty": "nursing", "model": "brokerage", "case_manager": "N. Sato",
            "opened_on": "2026-11-01", "referral_source": null, "referral_reason": "Food"},
        "status": "open", "phase": "assessment",
        "history": [{"at": "2026-11-01T09:00:00Z", "from": null, "to": "screening"},
                    {"at": "2026-11-02T09:00:00Z", "from": "screening", "to": "assessment"}],
        "events": [], "screening": null,
        "risk": {"tier": "moderate", "reasons": []}, "tier_override": null, "closure": null,
        "created_at": "2026-11-01T09:00:00Z", "updated_at": "2026-11-02T09:00:00Z"
    });
    put_raw(&db, schema::CASES, &[&format!(
        r#"{{"id":"{case_id}","client_id":"{client_id}","status":"open","phase":"assessment","tier":"moderate","opened_on":"2026-11-01","updated_at":"2026-11-02T09:00:00.000Z","rev":2,"body":{}}}"#,
        body(case_body)
    )]).await;
    let need_body = serde_json::json!({
        "id": need_id, "case_id": case_id, "domain": "food", "source": null,
        "identified_at": "2026-11-02T09:00:00Z", "withdrawn": null
    });
    put_raw(
        &db,
        schema::NEEDS,
        &[&format!(
            r#"{{"id":"{need_id}","case_id":"{case_id}","rev":1,"body":{}}}"#,
            body(need_body)
        )],
    )
    .await;
    let task_body = serde_json::json!({
        "id": task_id, "case_id": case_id, "kind": "safety_follow_up", "priority": "urgent",
        "due": "2026-11-02", "source": null, "created_at": "2026-11-02T09:00:00Z", "done_at": null,
        "cancelled": null
    });
    put_raw(&db, schema::TASKS, &[&format!(
        r#"{{"id":"{task_id}","case_id":"{case_id}","due":"2026-11-02","status":"open","rev":1,"body":{}}}"#,
        body(task_body)
    )]).await;
    db.close();

    let storage = open(&name).await;
    let case_id: Id = case_id.parse().unwrap();
    let file = storage.case_file(case_id).await.unwrap();
    assert!(file.unreadable.is_empty(), "{:?}", file.unreadable);
    assert_eq!(
        file.needs[0].concern,
        care_planner::domain::task::Concern::Food
    );
    assert_eq!(file.tasks[0].title, None);
    assert!(file
        .case
        .history
        .iter()
        .all(|c| c.skipped.is_empty() && c.reason.is_none()));
    assert!(file.plan.is_none() && file.referrals.is_empty() && file.appointments.is_empty());

    let need: Id = need_id.parse().unwrap();
    let goal = care_planner::domain::plan::GoalDraft {
        text: "Enough to eat every day".into(),
        need_ids: vec![need.to_string()],
        target_date: (suite::today() + chrono::Days::new(14)).to_string(),
        ..care_planner::domain::plan::GoalDraft::new(suite::today())
    }
    .validate(new_id().unwrap(), &[need], &[])
    .unwrap();
    storage
        .edit_plan(
            case_id,
            care_planner::domain::workflow::plans::PlanEdit::SaveGoal(goal),
        )
        .await
        .unwrap();
    let plan = storage.plan_file(case_id).await.unwrap();
    assert_eq!(plan.work.plan.unwrap().goals[0].need_ids, vec![need]);
    assert_eq!(plan.work.needs[0].id, need);
}

/// A v5 database holding an open and a closed case in exactly the shape v5 wrote them (no `next_contact`), written
/// by hand: after the upgrade the data migration writes the open case again, so that it is due in the contacts-due
/// range 14 days after its opening (brokerage, moderate), and the closed one stays out.
#[wasm_bindgen_test]
async fn a_version_5_database_written_by_hand_upgrades_and_its_open_cases_become_due() {
    let name = unique_name("v5-by-hand");
    let client_id = new_id().unwrap().to_string();
    let open_id = new_id().unwrap().to_string();
    let closed_id = new_id().unwrap().to_string();
    let db = raw_db(&name, Version::V5).await;
    let case = |id: &str, status: &str| {
        let content = serde_json::json!({
            "id": id, "client_id": client_id,
            "details": {"specialty": "nursing", "model": "brokerage", "case_manager": "N. Sato",
                "opened_on": "2026-11-01", "referral_source": null, "referral_reason": "Food"},
            "status": status, "phase": "planning",
            "history": [{"at": "2026-11-01T09:00:00Z", "from": null, "to": "screening"}],
            "events": [], "screening": null,
            "risk": {"tier": "moderate", "reasons": []}, "tier_override": null, "closure": null,
            "created_at": "2026-11-01T09:00:00Z", "updated_at": "2026-11-02T09:00:00Z"
        });
        format!(
            r#"{{"id":"{id}","client_id":"{client_id}","status":"{status}","phase":"planning","tier":"moderate","opened_on":"2026-11-01","updated_at":"2026-11-02T09:00:00.000Z","rev":3,"body":{}}}"#,
            body(content)
        )
    };
    put_raw(
        &db,
        schema::CASES,
        &[&case(&open_id, "open"), &case(&closed_id, "closed")],
    )
    .await;
    db.close();

    let storage = open(&name).await;
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    let open_id: Id = open_id.parse().unwrap();
    assert!(storage
        .contacts_due(day(14))
        .await
        .unwrap()
        .value
        .is_empty());
    let due: Vec<_> = storage
        .contacts_due(day(15))
        .await
        .unwrap()
        .value
        .into_iter()
        .map(|(case, on)| (case.id, on))
        .collect();
    assert_eq!(due, vec![(open_id, day(15))]);
    let file = storage.follow_up_file(open_id).await.unwrap();
    assert!(file.contacts.is_empty() && file.case.last_contact.is_none());
    // Opened again, the migrations have run (its next contact, then its case manager's staff id): the case is not
    // written again.
    drop(storage);
    let again = open(&name).await;
    assert_eq!(again.contacts_due(day(15)).await.unwrap().value.len(), 1);
    let migrated = suite::actions(&again, open_id)
        .await
        .into_iter()
        .filter(|a| *a == care_planner::domain::audit::Action::Migrated)
        .count();
    assert_eq!(migrated, 2);
}

/// A version 6 database (a case with a contact and a note, written by hand in that version's shapes) upgrades: the
/// names of its case manager and signers join the staff list and the records carry their ids, and it takes
/// transitions (the contact logged before the upgrade meets the 72-hour rule of a discharge recorded after it).
#[wasm_bindgen_test]
async fn a_version_6_database_written_by_hand_upgrades_and_takes_transitions() {
    use care_planner::domain::transition::{PostContact, TransitionDraft};
    let name = unique_name("v6-by-hand");
    let client_id = new_id().unwrap().to_string();
    let case_id = new_id().unwrap().to_string();
    let contact_id = new_id().unwrap().to_string();
    let now = chrono::Local::now().naive_local();
    let opened = (now - chrono::Duration::days(20)).date().to_string();
    let called = (now - chrono::Duration::hours(1))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let db = raw_db(&name, Version::V6).await;
    let case = serde_json::json!({
        "id": case_id, "client_id": client_id,
        "details": {"specialty": "nursing", "model": "clinical", "case_manager": "N. Sato",
            "opened_on": opened, "referral_source": null, "referral_reason": "Falls"},
        "status": "open", "phase": "follow_up",
        "history": [{"at": "2026-11-01T09:00:00Z", "from": null, "to": "screening"}],
        "events": [], "screening": null,
        "risk": {"tier": "moderate", "reasons": []}, "tier_override": null, "closure": null,
        "last_contact": called[..10],
        "created_at": "2026-11-01T09:00:00Z", "updated_at": "2026-11-02T09:00:00Z"
    });
    put_raw(
        &db,
        schema::CASES,
        &[&format!(
            r#"{{"id":"{case_id}","client_id":"{client_id}","status":"open","phase":"follow_up","tier":"moderate","opened_on":"{opened}","next_contact":"2099-01-01","updated_at":"2026-11-02T09:00:00.000Z","rev":2,"body":{}}}"#,
            body(case)
        )],
    )
    .await;
    let client = serde_json::json!({
        "id": client_id,
        "details": {"full_name": "Ume Upgrade", "preferred_name": null, "gender": null,
            "preferred_language": null, "phone": null, "email": null, "address": null,
            "support_contact": null, "consent": null},
        "created_at": "2026-11-01T09:00:00Z", "updated_at": "2026-11-01T09:00:00Z"
    });
    put_raw(
        &db,
        schema::CLIENTS,
        &[&format!(
            r#"{{"id":"{client_id}","updated_at":"2026-11-01T09:00:00.000Z","rev":1,"body":{}}}"#,
            body(client)
        )],
    )
    .await;
    let contact = serde_json::json!({
        "id": contact_id, "case_id": case_id, "at": called, "mode": "phone", "minutes": 10,
        "with_whom": "Client", "summary": "Home from hospital.", "logged_at": "2026-11-02T09:00:00Z"
    });
    put_raw(
        &db,
        schema::CONTACTS,
        &[&format!(
            r#"{{"id":"{contact_id}","case_id":"{case_id}","rev":1,"body":{}}}"#,
            body(contact)
        )],
    )
    .await;
    // A v6 note, signed by the case manager, with an addendum by someone else: names only.
    let note_id = new_id().unwrap().to_string();
    let note = serde_json::json!({
        "id": note_id, "case_id": case_id, "contact_id": null,
        "body": {"dap": {"data": "Visited.", "assessment": "Coping.", "plan": "Call Friday."}},
        "signed": {"by": "n. sato", "at": "2026-11-02T09:00:00Z"},
        "addenda": [{"text": "Correction.", "signed": {"by": "K. Ito", "at": "2026-11-03T09:00:00Z"}}]
    });
    put_raw(
        &db,
        schema::NOTES,
        &[&format!(
            r#"{{"id":"{note_id}","case_id":"{case_id}","rev":1,"body":{}}}"#,
            body(note)
        )],
    )
    .await;
    db.close();

    let storage = open(&name).await;
    let case_id: Id = case_id.parse().unwrap();
    // The names became staff members, one per person however typed, and the records carry their ids.
    let staff = storage.staff().await.unwrap().value;
    let names: Vec<&str> = staff.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["K. Ito", "N. Sato"]);
    let case = storage.case_file(case_id).await.unwrap().case;
    assert_eq!(case.details.case_manager_id, Some(staff[1].id));
    let notes = storage.follow_up_file(case_id).await.unwrap().notes;
    assert_eq!(notes[0].signed.by_id, Some(staff[1].id));
    assert_eq!(notes[0].addenda[0].signed.by_id, Some(staff[0].id));
    let file = storage.transitions_file(case_id).await.unwrap();
    assert!(file.transitions.is_empty());
    assert_eq!(file.contacts.len(), 1);
    assert_eq!(file.client_name, "Ume Upgrade");
    let moved = now - chrono::Duration::hours(2);
    let transition = TransitionDraft {
        from: "hospital".into(),
        to: "home".into(),
        date: moved.date().to_string(),
        time: moved.format("%H:%M").to_string(),
    }
    .validate(
        new_id().unwrap(),
        case_id,
        file.case.details.opened_on,
        now,
        chrono::Utc::now(),
    )
    .unwrap();
    storage.record_transition(transition).await.unwrap();
    let file = storage.transitions_file(case_id).await.unwrap();
    assert!(matches!(
        file.transitions[0].post_contact(&file.contacts, now),
        PostContact::Met(_)
    ));
    let tasks = storage.case_file(case_id).await.unwrap().tasks;
    assert_eq!(tasks.len(), 1);
    assert!(!tasks[0].is_open(), "the contact before the upgrade met it");
}

/// The database the migrations build has exactly the stores and indexes `schema` lists, each index on its fields:
/// a step that forgot an index (the memory twin reads `schema` directly, so only this test can tell) fails here.
#[wasm_bindgen_test]
async fn the_upgraded_database_has_every_store_and_index_the_schema_lists() {
    let name = unique_name("schema");
    let db = raw_db(&name, Version::CURRENT).await;
    let stores = db.object_store_names();
    assert_eq!(stores.length() as usize, schema::STORES.len());
    for (store, key_path) in schema::STORES {
        assert!(stores.contains(store), "store {store}");
        let tx = db.transaction_with_str(store).unwrap();
        let object_store = tx.object_store(store).unwrap();
        let key = object_store.key_path().unwrap();
        assert_eq!(key.as_string().as_deref(), *key_path, "key path of {store}");
        let expected: Vec<_> = schema::INDEXES
            .iter()
            .filter(|(s, _, _)| s == store)
            .collect();
        assert_eq!(
            object_store.index_names().length() as usize,
            expected.len(),
            "indexes of {store}"
        );
        for (_, index, fields) in expected {
            let found = object_store
                .index(index)
                .unwrap_or_else(|_| panic!("{store}.{index}"));
            let path = found.key_path().unwrap();
            let got: Vec<String> = if fields.len() == 1 {
                vec![path.as_string().unwrap()]
            } else {
                js_sys::Array::from(&path)
                    .iter()
                    .map(|v| v.as_string().unwrap())
                    .collect()
            };
            assert_eq!(got, fields.to_vec(), "fields of {store}.{index}");
        }
    }
    db.close();
}

/// The panic hook's safeguard: a write transaction that has issued its writes and is aborted by
/// `abort_open_transactions` (as the panic hook does) at the worst moment — every write issued, the commit not yet
/// asked for — keeps none of them, and the write is reported as failed.
#[wasm_bindgen_test]
async fn aborting_open_transactions_rolls_back_writes_already_issued() {
    use care_planner::storage::idb::set_after_writes_issued;
    let storage = open(&unique_name("panic-abort")).await;
    let (_, case) = suite::client_with_case(&storage, "Uma Panic").await;
    let audit = suite::count(&storage, schema::AUDIT).await;
    let aborted = Rc::new(std::cell::Cell::new(0));
    let seen = aborted.clone();
    set_after_writes_issued(Some(Box::new(move || seen.set(abort_open_transactions()))));
    let moved = storage
        .move_case(
            case.id,
            Phase::Assessment,
            Some("Moving on for the test".into()),
            chrono::Utc::now().date_naive(),
        )
        .await;
    set_after_writes_issued(None);
    assert_eq!(
        aborted.get(),
        1,
        "the write's transaction was open and was aborted"
    );
    assert!(moved.is_err(), "an aborted write is reported as failed");
    assert_eq!(
        storage.case_file(case.id).await.unwrap().case.phase,
        Phase::Screening
    );
    assert_eq!(
        suite::count(&storage, schema::AUDIT).await,
        audit,
        "not even its audit entry was kept"
    );
}

/// other case in the same transaction: the transaction must roll back, leaving everything as it was.
#[wasm_bindgen_test]
async fn a_delete_that_fails_halfway_leaves_everything_in_place() {
    use indexed_db_futures::prelude::*;
    use indexed_db_futures::transaction::TransactionMode;

    let name = unique_name("atomic");
    let storage = open(&name).await;
    let (client, case) = suite::client_with_case(&storage, "Half Way").await;

    #[derive(serde::Serialize)]
    struct Broken {
        id: &'static str,
        client_id: String,
        status: &'static str,
        phase: &'static str,
        opened_on: &'static str,
        updated_at: &'static str,
        body: &'static str,
    }
    let db = indexed_db_futures::database::Database::open(name.as_str())
        .await
        .unwrap();
    let tx = db
        .transaction(schema::CASES)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    // "zz…" sorts after every UUID, so the valid case is deleted first.
    let broken = Broken {
        id: "zz-not-a-uuid",
        client_id: client.id.to_string(),
        status: "closed",
        phase: "evaluation",
        opened_on: "2026-11-23",
        updated_at: "2026-11-23T00:00:00.000Z",
        body: "{}",
    };
    tx.object_store(schema::CASES)
        .unwrap()
        .put(broken)
        .serde()
        .unwrap()
        .await
        .unwrap();
    tx.commit().await.unwrap();
    db.close();

    assert!(matches!(
        storage.delete_client(client.id).await,
        Err(StorageError::Corrupt(_))
    ));
    let kept = storage
        .case_file(case.id)
        .await
        .expect("the first deletion was rolled back");
    assert_eq!((kept.case.id, kept.client.id), (case.id, client.id));
    assert_eq!(
        suite::actions(&storage, client.id).await,
        vec![Action::Created]
    );
}

#[wasm_bindgen_test]
async fn a_version_1_database_with_data_upgrades_to_the_current_version() {
    let name = unique_name("migrate");
    let old = Storage::open_at(&name, Version::V1, recorder().1)
        .await
        .unwrap();
    let client = old.create_client(suite::details("Dora Old")).await.unwrap();
    assert!(
        old.caseload().await.is_err(),
        "v1 has no by_status index yet"
    );
    old.close();
    // Her case as v1 wrote it (today's code opens cases through the staff list, which v1 has no store for).
    let case_id = new_id().unwrap();
    let case_body = serde_json::json!({
        "id": case_id.to_string(), "client_id": client.id.to_string(),
        "details": {"specialty": "nursing", "model": "clinical", "case_manager": "N. Sato",
            "opened_on": "2026-11-01", "referral_source": null, "referral_reason": "Falls"},
        "status": "open", "phase": "screening",
        "history": [{"at": "2026-11-01T09:00:00Z", "from": null, "to": "screening"}],
        "created_at": "2026-11-01T09:00:00Z", "updated_at": "2026-11-01T09:00:00Z"
    });
    let db = raw_db(&name, Version::V1).await;
    put_raw(&db, schema::CASES, &[&format!(
        r#"{{"id":"{case_id}","client_id":"{}","status":"open","phase":"screening","opened_on":"2026-11-01","updated_at":"2026-11-01T09:00:00.000Z","body":{}}}"#,
        client.id,
        body(case_body)
    )]).await;
    db.close();

    let upgraded = open(&name).await;
    let row = upgraded
        .caseload()
        .await
        .unwrap()
        .value
        .search("dora")
        .next()
        .cloned()
        .unwrap();
    assert_eq!(row.client, client);
    assert_eq!(
        (row.open_cases, row.current_phase),
        (1, Some(Phase::Screening))
    );
    // by_entity (v2) indexes the audit entries written at v1.
    assert_eq!(
        suite::actions(&upgraded, client.id).await,
        vec![Action::Created]
    );
    // Its case manager joined the staff list (a data migration, audited).
    let staff = upgraded.staff().await.unwrap().value;
    assert_eq!(staff.len(), 1);
    let case = upgraded.case_file(case_id).await.unwrap().case;
    assert_eq!(case.details.case_manager_id, Some(staff[0].id));
    assert!(suite::actions(&upgraded, case_id)
        .await
        .contains(&Action::Migrated));
}

#[wasm_bindgen_test]
async fn another_tab_upgrading_closes_this_connection_and_says_so() {
    let name = unique_name("versionchange");
    let (events, listener) = recorder();
    let old_tab = Storage::open_at(&name, Version::V1, listener)
        .await
        .unwrap();
    let (new_events, new_listener) = recorder();
    let new_tab = Storage::open_at(&name, Version::V2, new_listener)
        .await
        .unwrap();

    assert_eq!(*events.borrow(), vec![StorageEvent::VersionChanged]);
    assert!(
        new_events.borrow().is_empty(),
        "the old tab stepped aside, so nothing blocked the upgrade"
    );
    assert_eq!(old_tab.caseload().await, Err(StorageError::ConnectionLost));
    assert!(new_tab.caseload().await.is_ok());
}

#[wasm_bindgen_test]
async fn an_upgrade_blocked_by_another_connection_is_reported_then_completes() {
    let name = unique_name("blocked");
    care_planner::storage::idb::upgrade::upgrade(&name, Version::V1, Rc::new(|| {}))
        .await
        .unwrap();
    // A connection that, unlike ours, ignores `versionchange` (an old tab of some other app version).
    let stubborn = indexed_db_futures::database::Database::open(name.as_str())
        .with_version(1u32)
        .await
        .unwrap();

    let (events, listener) = recorder();
    let opened: Rc<RefCell<Option<Result<Storage, StorageError>>>> = Rc::default();
    {
        let opened = opened.clone();
        let name = name.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let result = Storage::open_at(&name, Version::V2, listener).await;
            *opened.borrow_mut() = Some(result);
        });
    }
    for _ in 0..100 {
        if !events.borrow().is_empty() {
            break;
        }
        sleep(20).await;
    }
    assert_eq!(*events.borrow(), vec![StorageEvent::UpgradeBlocked]);
    assert!(opened.borrow().is_none(), "the upgrade waits while blocked");

    stubborn.close();
    for _ in 0..100 {
        if opened.borrow().is_some() {
            break;
        }
        sleep(20).await;
    }
    let storage = opened
        .borrow_mut()
        .take()
        .expect("open finished")
        .expect("upgrade succeeded");
    assert!(storage.caseload().await.is_ok());
}

#[wasm_bindgen_test]
async fn ids_are_random_version_4_uuids() {
    let storage = open(&unique_name("ids")).await;
    let a = storage
        .create_client(suite::details("A"))
        .await
        .unwrap()
        .id
        .to_string();
    let b = storage
        .create_client(suite::details("B"))
        .await
        .unwrap()
        .id
        .to_string();
    assert_ne!(a, b);
    assert_eq!(&a[14..15], "4");
}

/// The audit log straight from IndexedDB: its keys and entries, in order.
async fn raw_audit(db: &web_sys::IdbDatabase) -> (js_sys::Array, js_sys::Array) {
    let tx = db.transaction_with_str(schema::AUDIT).unwrap();
    let store = tx.object_store(schema::AUDIT).unwrap();
    let keys = done(&store.get_all_keys().unwrap()).await;
    let values = done(&store.get_all().unwrap()).await;
    (keys.into(), values.into())
}

/// Entries written before the chain existed (v7's shape, no hashes) stay first and are counted apart; entries
/// edited, removed or moved straight in IndexedDB are named by verification.
#[wasm_bindgen_test]
async fn the_audit_chain_starts_after_older_entries_and_names_entries_changed_in_indexeddb() {
    use care_planner::storage::audit_chain::AuditCheck;
    let name = unique_name("audit-chain");
    let db = raw_db(&name, Version::V7).await;
    let id = new_id().unwrap();
    put_raw(&db, schema::AUDIT, &[
        &format!(r#"{{"at":"2026-11-01T09:00:00.000Z","entity":"client","entity_id":"{id}","action":"created"}}"#),
        &format!(r#"{{"at":"2026-11-02T09:00:00.000Z","entity":"client","entity_id":"{id}","action":"updated"}}"#),
    ])
    .await;
    db.close();
    let storage = open(&name).await;
    for n in 0..3 {
        storage
            .create_client(suite::details(&format!("Chain {n}")))
            .await
            .unwrap();
    }
    assert_eq!(
        storage.verify_audit().await.unwrap(),
        AuditCheck::Intact {
            entries: 5,
            unchained: 2
        }
    );
    storage.close();

    let db = raw_db(&name, Version::CURRENT).await;
    let write = |db: &web_sys::IdbDatabase| {
        let tx = db
            .transaction_with_str_and_mode(schema::AUDIT, web_sys::IdbTransactionMode::Readwrite)
            .unwrap();
        tx.object_store(schema::AUDIT).unwrap()
    };
    let (keys, values) = raw_audit(&db).await;
    let verify = || async {
        let storage = open(&name).await;
        let check = storage.verify_audit().await.unwrap();
        storage.close();
        check
    };

    // Edited: the fourth entry's action.
    let edited = values.get(3);
    let original = js_sys::JSON::stringify(&edited).unwrap();
    js_sys::Reflect::set(&edited, &"action".into(), &"deleted".into()).unwrap();
    done(&write(&db).put_with_key(&edited, &keys.get(3)).unwrap()).await;
    assert_eq!(verify().await, AuditCheck::Changed { position: 4 });
    let restored = js_sys::JSON::parse(&String::from(original)).unwrap();
    done(&write(&db).put_with_key(&restored, &keys.get(3)).unwrap()).await;
    assert_eq!(
        verify().await,
        AuditCheck::Intact {
            entries: 5,
            unchained: 2
        }
    );
    let (keys, values) = raw_audit(&db).await;

    // Moved: the third and fourth entries swap places.
    done(
        &write(&db)
            .put_with_key(&values.get(3), &keys.get(2))
            .unwrap(),
    )
    .await;
    done(
        &write(&db)
            .put_with_key(&values.get(2), &keys.get(3))
            .unwrap(),
    )
    .await;
    assert_eq!(verify().await, AuditCheck::OutOfPlace { position: 3 });
    done(
        &write(&db)
            .put_with_key(&values.get(2), &keys.get(2))
            .unwrap(),
    )
    .await;
    done(
        &write(&db)
            .put_with_key(&values.get(3), &keys.get(3))
            .unwrap(),
    )
    .await;

    // Removed: the fourth entry, then the last.
    done(&write(&db).delete(&keys.get(3)).unwrap()).await;
    assert_eq!(verify().await, AuditCheck::OutOfPlace { position: 4 });
    done(
        &write(&db)
            .put_with_key(&values.get(3), &keys.get(3))
            .unwrap(),
    )
    .await;
    done(&write(&db).delete(&keys.get(4)).unwrap()).await;
    assert_eq!(
        verify().await,
        AuditCheck::Truncated {
            entries: 4,
            missing: 1
        }
    );
    done(
        &write(&db)
            .put_with_key(&values.get(4), &keys.get(4))
            .unwrap(),
    )
    .await;
    assert_eq!(
        verify().await,
        AuditCheck::Intact {
            entries: 5,
            unchained: 2
        }
    );

    // Added at the start as if from before the chain: the head counted two such entries, not three.
    let old = js_sys::JSON::parse(&format!(
        r#"{{"at":"2026-10-01T09:00:00.000Z","entity":"client","entity_id":"{id}","action":"deleted"}}"#
    ))
    .unwrap();
    done(
        &write(&db)
            .put_with_key(&old, &JsValue::from_f64(0.5))
            .unwrap(),
    )
    .await;
    assert_eq!(verify().await, AuditCheck::OutOfPlace { position: 3 });
    done(&write(&db).delete(&JsValue::from_f64(0.5)).unwrap()).await;

    // The head removed: entries may have been removed from the end without a trace.
    let meta = db
        .transaction_with_str_and_mode(schema::META, web_sys::IdbTransactionMode::Readwrite)
        .unwrap()
        .object_store(schema::META)
        .unwrap();
    done(&meta.delete(&"audit-head".into()).unwrap()).await;
    assert_eq!(
        verify().await,
        AuditCheck::Truncated {
            entries: 5,
            missing: 0
        }
    );
    db.close();
}

/// A database a development build chained at v7 (a head without the count of older entries) is given the count by
/// the v8 upgrade, and verifies intact.
#[wasm_bindgen_test]
async fn a_head_written_before_v8_gets_its_count_of_older_entries() {
    use care_planner::domain::audit::EntityKind;
    use care_planner::storage::audit_chain::{link, AuditCheck};
    use care_planner::storage::records::AuditRecord;
    let name = unique_name("audit-head-v7");
    let db = raw_db(&name, Version::V7).await;
    let id = new_id().unwrap().to_string();
    let entry = |at: &str| AuditRecord {
        at: at.into(),
        entity: EntityKind::Client,
        entity_id: id.clone(),
        action: Action::Created,
        prev: String::new(),
        hash: String::new(),
        by: None,
    };
    let mut chained = vec![entry("2026-11-03T09:00:00.000Z")];
    let head = link(None, &mut chained);
    put_raw(
        &db,
        schema::AUDIT,
        &[
            &serde_json::to_string(&entry("2026-11-01T09:00:00.000Z")).unwrap(),
            &serde_json::to_string(&entry("2026-11-02T09:00:00.000Z")).unwrap(),
            &serde_json::to_string(&chained[0]).unwrap(),
        ],
    )
    .await;
    put_raw(
        &db,
        schema::META,
        &[&format!(
            r#"{{"key":"audit-head","hash":"{}","entries":1}}"#,
            head.hash
        )],
    )
    .await;
    db.close();
    let storage = open(&name).await;
    assert_eq!(
        storage.verify_audit().await.unwrap(),
        AuditCheck::Intact {
            entries: 3,
            unchained: 2
        }
    );
}
