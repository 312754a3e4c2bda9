//! The storage layer against real IndexedDB in headless Chromium (`cargo test --target wasm32-unknown-unknown`).
//! Each test works in a database of its own, so they cannot see each other's records.
#![cfg(target_arch = "wasm32")]

use care_planner::domain::audit::Action;
use care_planner::domain::case::{CaseDetails, CaseModel, Specialty};
use care_planner::domain::client::{ClientDetails, ClientDraft};
use care_planner::domain::ids::Id;
use care_planner::domain::phase::Phase;
use care_planner::storage::schema::{self, Version};
use care_planner::storage::{Storage, StorageError, StorageEvent};
use chrono::NaiveDate;
use std::cell::RefCell;
use std::rc::Rc;
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

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn details(name: &str) -> ClientDetails {
    ClientDraft {
        full_name: name.into(),
        phone: "+81 90-1234-5678".into(),
        ..ClientDraft::default()
    }
    .validate(today())
    .unwrap()
}

fn case_details() -> CaseDetails {
    CaseDetails {
        specialty: Specialty::Nursing,
        model: CaseModel::Clinical,
        case_manager: "N. Sato".into(),
        opened_on: today(),
        referral_source: None,
        referral_reason: "Readmitted twice".into(),
    }
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

async fn actions(storage: &Storage, id: Id) -> Vec<Action> {
    storage
        .audit_trail(id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect()
}

#[wasm_bindgen_test]
async fn clients_are_created_listed_updated_and_audited() {
    let storage = open(&unique_name("clients")).await;
    assert!(storage.caseload().await.unwrap().is_empty());

    let ana = storage.create_client(details("Ana Lima")).await.unwrap();
    let hana = storage.create_client(details("山田 花子")).await.unwrap();
    let caseload = storage.caseload().await.unwrap();
    assert_eq!(caseload.len(), 2);
    let found: Vec<Id> = caseload.search("山田").map(|r| r.client.id).collect();
    assert_eq!(found, vec![hana.id]);

    let mut changed = details("Ana Lima Souza");
    changed.email = Some("ana@example.org".into());
    storage
        .update_client(ana.id, changed.clone())
        .await
        .unwrap();
    let file = storage.client_file(ana.id).await.unwrap();
    assert_eq!(file.client.details, changed);
    assert_eq!(file.client.created_at, ana.created_at);
    assert_eq!(
        actions(&storage, ana.id).await,
        vec![Action::Created, Action::Updated]
    );

    let missing = Id::from_random_bytes([7; 16]);
    assert_eq!(
        storage.update_client(missing, changed).await,
        Err(StorageError::NotFound)
    );
    assert_eq!(
        storage.client_file(missing).await,
        Err(StorageError::NotFound)
    );
    assert!(
        actions(&storage, missing).await.is_empty(),
        "a refused update writes no audit entry"
    );
}

#[wasm_bindgen_test]
async fn cases_open_in_screening_move_phase_and_keep_history() {
    let storage = open(&unique_name("cases")).await;
    let client = storage.create_client(details("Bruno Costa")).await.unwrap();
    let case = storage.open_case(client.id, case_details()).await.unwrap();
    assert_eq!(case.phase, Phase::Screening);

    let row = storage
        .caseload()
        .await
        .unwrap()
        .search("")
        .next()
        .cloned()
        .unwrap();
    assert_eq!(
        (row.open_cases, row.current_phase),
        (1, Some(Phase::Screening))
    );

    storage.move_case(case.id, Phase::Assessment).await.unwrap();
    let moved = storage
        .move_case(case.id, Phase::RiskStratification)
        .await
        .unwrap();
    let (stored, owner) = storage.case_file(case.id).await.unwrap();
    assert_eq!(stored, moved);
    assert_eq!(owner.id, client.id);
    let path: Vec<_> = stored.history.iter().map(|c| (c.from, c.to)).collect();
    assert_eq!(
        path,
        vec![
            (None, Phase::Screening),
            (Some(Phase::Screening), Phase::Assessment),
            (Some(Phase::Assessment), Phase::RiskStratification),
        ]
    );
    let row = storage
        .caseload()
        .await
        .unwrap()
        .search("")
        .next()
        .cloned()
        .unwrap();
    assert_eq!(row.current_phase, Some(Phase::RiskStratification));

    // A refused move changes nothing, not even the audit log.
    assert!(matches!(
        storage.move_case(case.id, Phase::RiskStratification).await,
        Err(StorageError::Refused(_))
    ));
    assert_eq!(storage.case_file(case.id).await.unwrap().0.history.len(), 3);
    assert_eq!(
        actions(&storage, case.id).await,
        vec![Action::Created, Action::PhaseChanged, Action::PhaseChanged]
    );
}

#[wasm_bindgen_test]
async fn a_case_for_a_missing_client_is_refused_and_nothing_is_written() {
    let storage = open(&unique_name("orphan")).await;
    let missing = Id::from_random_bytes([9; 16]);
    assert_eq!(
        storage.open_case(missing, case_details()).await,
        Err(StorageError::NotFound)
    );
    let client = storage.create_client(details("Carla Dias")).await.unwrap();
    assert_eq!(storage.client_file(client.id).await.unwrap().cases, vec![]);
    assert_eq!(
        storage
            .caseload()
            .await
            .unwrap()
            .search("")
            .next()
            .unwrap()
            .open_cases,
        0
    );
}

#[wasm_bindgen_test]
async fn deleting_a_client_removes_their_cases_and_history_together() {
    let storage = open(&unique_name("delete")).await;
    let keep = storage.create_client(details("Keep Me")).await.unwrap();
    let kept_case = storage.open_case(keep.id, case_details()).await.unwrap();
    let gone = storage.create_client(details("Delete Me")).await.unwrap();
    let first = storage.open_case(gone.id, case_details()).await.unwrap();
    let second = storage.open_case(gone.id, case_details()).await.unwrap();
    storage.move_case(second.id, Phase::Planning).await.unwrap();

    assert_eq!(storage.delete_client(gone.id).await, Ok(2));
    assert_eq!(
        storage.client_file(gone.id).await,
        Err(StorageError::NotFound)
    );
    assert_eq!(
        storage.case_file(first.id).await,
        Err(StorageError::NotFound)
    );
    assert_eq!(
        storage.case_file(second.id).await,
        Err(StorageError::NotFound)
    );
    assert_eq!(
        actions(&storage, gone.id).await,
        vec![Action::Created, Action::Deleted]
    );
    assert_eq!(
        actions(&storage, first.id).await.last(),
        Some(&Action::Deleted)
    );

    let caseload = storage.caseload().await.unwrap();
    assert_eq!(caseload.len(), 1);
    assert!(
        storage.case_file(kept_case.id).await.is_ok(),
        "other clients are untouched"
    );
    assert_eq!(
        storage.delete_client(gone.id).await,
        Err(StorageError::NotFound)
    );
}

/// A case record whose key is not a UUID makes `delete_client` fail after it has already deleted the client's
/// other case in the same transaction: the transaction must roll back, leaving everything as it was.
#[wasm_bindgen_test]
async fn a_delete_that_fails_halfway_leaves_everything_in_place() {
    use indexed_db_futures::prelude::*;
    use indexed_db_futures::transaction::TransactionMode;

    let name = unique_name("atomic");
    let storage = open(&name).await;
    let client = storage.create_client(details("Half Way")).await.unwrap();
    let case = storage.open_case(client.id, case_details()).await.unwrap();

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
    let (kept, owner) = storage
        .case_file(case.id)
        .await
        .expect("the first deletion was rolled back");
    assert_eq!((kept.id, owner.id), (case.id, client.id));
    assert_eq!(actions(&storage, client.id).await, vec![Action::Created]);
}

#[wasm_bindgen_test]
async fn a_version_1_database_with_data_upgrades_to_the_current_version() {
    let name = unique_name("migrate");
    let old = Storage::open_at(&name, Version::V1, recorder().1)
        .await
        .unwrap();
    let client = old.create_client(details("Dora Old")).await.unwrap();
    let case = old.open_case(client.id, case_details()).await.unwrap();
    assert!(
        old.caseload().await.is_err(),
        "v1 has no by_status index yet"
    );
    old.close();

    let upgraded = open(&name).await;
    let row = upgraded
        .caseload()
        .await
        .unwrap()
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
    assert_eq!(actions(&upgraded, client.id).await, vec![Action::Created]);
    assert_eq!(actions(&upgraded, case.id).await, vec![Action::Created]);
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
    schema::upgrade(&name, Version::V1, Rc::new(|| {}))
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
        .create_client(details("A"))
        .await
        .unwrap()
        .id
        .to_string();
    let b = storage
        .create_client(details("B"))
        .await
        .unwrap()
        .id
        .to_string();
    assert_ne!(a, b);
    assert_eq!(&a[14..15], "4");
}
