//! The storage layer against real IndexedDB in headless Chromium (`cargo test --target wasm32-unknown-unknown`).
//! Each test works in a database of its own, so they cannot see each other's records.
#![cfg(target_arch = "wasm32")]

use care_planner::domain::administration::Administration;
use care_planner::domain::assessment::{Assessment, AssessmentStatus, Section};
use care_planner::domain::audit::Action;
use care_planner::domain::case::{Case, CaseDetails, CaseModel, Specialty, WorkflowError};
use care_planner::domain::client::{ClientDetails, ClientDraft};
use care_planner::domain::ids::Id;
use care_planner::domain::instruments::{AhcDomain, Instrument};
use care_planner::domain::phase::Phase;
use care_planner::domain::risk::{Rule, Tier, TierOverride};
use care_planner::domain::screening::{Decision, ScreeningDraft};
use care_planner::domain::task::Priority;
use care_planner::storage::schema::{self, Version};
use care_planner::storage::{new_id, Storage, StorageError, StorageEvent};
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

/// A new client with one open case.
async fn client_with_case(
    storage: &Storage,
    name: &str,
) -> (care_planner::domain::client::Client, Case) {
    let client = storage.create_client(details(name)).await.unwrap();
    let case = storage.open_case(client.id, case_details()).await.unwrap();
    (client, case)
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

/// How many records a store holds, read with plain IndexedDB (not through the repository under test).
async fn count(db_name: &str, store: &str) -> u32 {
    use indexed_db_futures::prelude::*;
    let db = indexed_db_futures::database::Database::open(db_name)
        .await
        .unwrap();
    let tx = db.transaction(store).build().unwrap();
    let n = tx
        .object_store(store)
        .unwrap()
        .count()
        .primitive()
        .unwrap()
        .await
        .unwrap();
    drop(tx);
    db.close();
    n
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
    let (client, case) = client_with_case(&storage, "Bruno Costa").await;
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
    let file = storage.case_file(case.id).await.unwrap();
    let stored = file.case;
    assert_eq!(stored, moved);
    assert_eq!(file.client.id, client.id);
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
    assert_eq!(
        storage.move_case(case.id, Phase::RiskStratification).await,
        Err(StorageError::Refused(WorkflowError::AlreadyInPhase))
    );
    assert_eq!(
        storage.case_file(case.id).await.unwrap().case.history.len(),
        3
    );
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
    let name = unique_name("delete");
    let storage = open(&name).await;
    let keep = storage.create_client(details("Keep Me")).await.unwrap();
    let kept_case = storage.open_case(keep.id, case_details()).await.unwrap();
    let gone = storage.create_client(details("Delete Me")).await.unwrap();
    let first = storage.open_case(gone.id, case_details()).await.unwrap();
    let second = storage.open_case(gone.id, case_details()).await.unwrap();
    storage.move_case(second.id, Phase::Planning).await.unwrap();
    storage
        .record_administration(administration(&second, Instrument::Phq9, phq9(0, 2)))
        .await
        .unwrap();
    let ahc = vec![
        Some(2),
        Some(1),
        Some(0),
        Some(2),
        Some(1 << 2),
        Some(1),
        Some(0),
        Some(0),
        Some(0),
        Some(0),
    ];
    storage
        .record_administration(administration(&second, Instrument::AhcHrsn, ahc))
        .await
        .unwrap();
    storage
        .save_assessment(&Assessment::new(second.id, chrono::Utc::now()))
        .await
        .unwrap();
    storage
        .record_administration(administration(
            &kept_case,
            Instrument::Gad7,
            vec![Some(1); 7],
        ))
        .await
        .unwrap();
    let counts = || async {
        let mut n = Vec::new();
        for store in [
            schema::ADMINISTRATIONS,
            schema::TASKS,
            schema::NEEDS,
            schema::ASSESSMENTS,
        ] {
            n.push(count(&name, store).await);
        }
        n
    };
    assert_eq!(counts().await, vec![3, 1, 2, 1], "housing and food needs");

    assert_eq!(storage.delete_client(gone.id).await, Ok(2));
    assert_eq!(
        counts().await,
        vec![1, 0, 0, 0],
        "only the other client's result is left"
    );
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
    let (client, case) = client_with_case(&storage, "Half Way").await;

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

fn administration(
    case: &Case,
    instrument: Instrument,
    answers: Vec<Option<u32>>,
) -> Administration {
    let today = chrono::Local::now().date_naive();
    Administration::record(
        new_id().unwrap(),
        case,
        instrument,
        answers,
        &today.to_string(),
        "N. Sato",
        today,
        chrono::Utc::now(),
    )
    .expect("complete answers")
}

/// PHQ-9 with item 9 at `item9` and items 1–8 at `others`.
fn phq9(others: u32, item9: u32) -> Vec<Option<u32>> {
    let mut a = vec![Some(others); 8];
    a.push(Some(item9));
    a.push(None);
    a
}

#[wasm_bindgen_test]
async fn a_version_2_database_gets_tiers_and_the_new_stores() {
    let name = unique_name("migrate-v2");
    let old = Storage::open_at(&name, Version::V2, recorder().1)
        .await
        .unwrap();
    let client = old.create_client(details("Eva Two")).await.unwrap();
    let case = old.open_case(client.id, case_details()).await.unwrap();
    assert!(
        old.open_cases(Some(Tier::Low)).await.is_err(),
        "v2 has no by_tier index yet"
    );
    old.close();

    let upgraded = open(&name).await;
    let low = upgraded.open_cases(Some(Tier::Low)).await.unwrap();
    assert_eq!(
        low.len(),
        1,
        "the migration gave the existing case the low tier"
    );
    assert_eq!(
        (low[0].case.id, low[0].client_name.as_str()),
        (case.id, "Eva Two")
    );
    assert!(upgraded
        .open_cases(Some(Tier::High))
        .await
        .unwrap()
        .is_empty());
    let file = upgraded
        .record_administration(administration(&case, Instrument::Gad7, vec![Some(3); 7]))
        .await
        .unwrap();
    assert_eq!(file.case.tier(), Tier::High, "GAD-7 21 ≥ 15");
    assert_eq!(
        upgraded.open_cases(Some(Tier::High)).await.unwrap().len(),
        1
    );
    assert!(upgraded
        .open_cases(Some(Tier::Low))
        .await
        .unwrap()
        .is_empty());
}

#[wasm_bindgen_test]
async fn phq9_item_9_makes_the_case_urgent_with_a_same_day_task() {
    let storage = open(&unique_name("phq9")).await;
    let (_, case) = client_with_case(&storage, "Fay Alert").await;

    let file = storage
        .record_administration(administration(&case, Instrument::Phq9, phq9(0, 1)))
        .await
        .unwrap();
    assert_eq!(file.case.tier(), Tier::Urgent);
    assert_eq!(file.case.risk.reasons[0].rule, Rule::Phq9Item9AboveZero);
    assert_eq!(file.tasks.len(), 1);
    let task = &file.tasks[0];
    assert_eq!(
        (task.priority, task.due),
        (Priority::Urgent, chrono::Local::now().date_naive())
    );
    assert!(task.is_open());
    assert_eq!(
        storage.open_cases(Some(Tier::Urgent)).await.unwrap().len(),
        1
    );
    assert_eq!(file.administrations.len(), 1);

    // A later, calmer PHQ-9 re-stratifies from the latest result; the task stays until it is done.
    let file = storage
        .record_administration(administration(&case, Instrument::Phq9, phq9(1, 0)))
        .await
        .unwrap();
    assert_eq!(file.case.tier(), Tier::Low, "PHQ-9 8 with item 9 = 0");
    assert_eq!(file.administrations.len(), 2);
    assert_eq!(file.tasks.len(), 1);
    let done = storage.complete_task(task.id).await.unwrap();
    assert!(!done.is_open());
    assert_eq!(
        actions(&storage, task.id).await,
        vec![Action::Created, Action::Completed]
    );
}

#[wasm_bindgen_test]
async fn positive_social_needs_become_needs_once() {
    let storage = open(&unique_name("ahc")).await;
    let (_, case) = client_with_case(&storage, "Gil Needs").await;
    // Housing worried (Q1 = 1), food often true (Q3 = 0), everything else negative.
    let answers = vec![
        Some(1),
        Some(1 << 7),
        Some(0),
        Some(2),
        Some(1 << 2),
        Some(1),
        Some(0),
        Some(0),
        Some(0),
        Some(0),
    ];
    let file = storage
        .record_administration(administration(&case, Instrument::AhcHrsn, answers.clone()))
        .await
        .unwrap();
    let domains: Vec<AhcDomain> = file.needs.iter().map(|n| n.domain).collect();
    assert_eq!(domains, vec![AhcDomain::Housing, AhcDomain::Food]);
    assert_eq!(file.case.tier(), Tier::Moderate);
    let file = storage
        .record_administration(administration(&case, Instrument::AhcHrsn, answers))
        .await
        .unwrap();
    assert_eq!(file.needs.len(), 2, "an open need is not added twice");
}

#[wasm_bindgen_test]
async fn an_override_keeps_the_computed_tier_and_is_in_the_history() {
    let storage = open(&unique_name("override")).await;
    let (_, case) = client_with_case(&storage, "Hal Override").await;
    let over = TierOverride {
        tier: Tier::High,
        rationale: "Lives alone after two falls".into(),
        by: "N. Sato".into(),
        at: chrono::Utc::now(),
    };
    let overridden = storage.override_tier(case.id, over.clone()).await.unwrap();
    assert_eq!(
        (overridden.tier(), overridden.risk.tier),
        (Tier::High, Tier::Low)
    );
    let stored = storage.case_file(case.id).await.unwrap().case;
    assert_eq!(stored.tier_override, Some(over));
    assert_eq!(stored.events.len(), 1);
    assert_eq!(storage.open_cases(Some(Tier::High)).await.unwrap().len(), 1);
    let cleared = storage
        .clear_tier_override(case.id, "N. Sato".into())
        .await
        .unwrap();
    assert_eq!(cleared.tier(), Tier::Low);
    assert_eq!(cleared.events.len(), 2);
    assert_eq!(
        actions(&storage, case.id).await,
        vec![
            Action::Created,
            Action::TierOverridden,
            Action::TierOverridden
        ]
    );
}

#[wasm_bindgen_test]
async fn a_not_eligible_case_closes_and_then_refuses_results() {
    let storage = open(&unique_name("close")).await;
    let (client, case) = client_with_case(&storage, "Ida Closed").await;
    let today = chrono::Local::now().date_naive();
    let mut draft = ScreeningDraft::new("Referred by GP", None, "N. Sato", today);
    draft.decision = "not_eligible".into();
    draft.rationale = "No criteria met".into();
    let screened = storage
        .record_screening(case.id, draft.validate(today).unwrap())
        .await
        .unwrap();
    assert_eq!(screened.screening.unwrap().decision, Decision::NotEligible);
    let closed = storage
        .close_case(case.id, "No criteria met".into())
        .await
        .unwrap();
    assert_eq!(
        closed.status,
        care_planner::domain::case::CaseStatus::Closed
    );
    assert!(storage.open_cases(None).await.unwrap().is_empty());
    assert!(
        storage
            .open_cases(Some(Tier::Low))
            .await
            .unwrap()
            .is_empty(),
        "a closed case is not in its tier's list"
    );

    let refused = storage
        .record_administration(administration(&case, Instrument::Gad7, vec![Some(0); 7]))
        .await;
    assert_eq!(
        refused,
        Err(StorageError::Refused(WorkflowError::CaseClosed))
    );
    let draft = Assessment::new(case.id, chrono::Utc::now());
    assert_eq!(
        storage.save_assessment(&draft).await,
        Err(StorageError::Refused(WorkflowError::CaseClosed))
    );
    assert_eq!(
        storage.assessment(case.id).await.unwrap(),
        None,
        "the queued write was rolled back"
    );
    assert!(
        storage
            .case_file(case.id)
            .await
            .unwrap()
            .administrations
            .is_empty(),
        "the closed case took no result"
    );
    let never_stored = Case::open(
        Id::from_random_bytes([5; 16]),
        client.id,
        case_details(),
        chrono::Utc::now(),
    );
    let missing = administration(&never_stored, Instrument::Gad7, vec![Some(0); 7]);
    assert_eq!(
        storage.record_administration(missing).await,
        Err(StorageError::NotFound)
    );
}

#[wasm_bindgen_test]
async fn assessment_drafts_are_kept_and_completed() {
    let storage = open(&unique_name("assessment")).await;
    let (_, case) = client_with_case(&storage, "Joe Assess").await;
    assert_eq!(storage.assessment(case.id).await.unwrap(), None);

    let mut draft = Assessment::new(case.id, chrono::Utc::now());
    draft.set_text(
        Section::LivingSituation,
        "Lives alone, third floor, no lift".into(),
    );
    storage.save_assessment(&draft).await.unwrap();
    assert_eq!(
        storage.assessment(case.id).await.unwrap(),
        Some(draft.clone())
    );

    draft.set_text(Section::WhatMatters, "Getting back to my garden".into());
    draft.complete(chrono::Utc::now()).unwrap();
    storage.save_assessment(&draft).await.unwrap();
    let stored = storage
        .case_file(case.id)
        .await
        .unwrap()
        .assessment
        .unwrap();
    assert_eq!(stored.status, AssessmentStatus::Complete);
    assert_eq!(
        actions(&storage, case.id).await.last(),
        Some(&Action::Completed)
    );

    let orphan = Assessment::new(Id::from_random_bytes([6; 16]), chrono::Utc::now());
    assert_eq!(
        storage.save_assessment(&orphan).await,
        Err(StorageError::NotFound)
    );
}

#[wasm_bindgen_test]
async fn an_escalating_result_lifts_a_lower_override() {
    let storage = open(&unique_name("lift")).await;
    let (_, case) = client_with_case(&storage, "Kim Escalate").await;
    let over = TierOverride {
        tier: Tier::Moderate,
        rationale: "Stable at home".into(),
        by: "N. Sato".into(),
        at: chrono::Utc::now(),
    };
    storage.override_tier(case.id, over).await.unwrap();
    let file = storage
        .record_administration(administration(&case, Instrument::Phq9, phq9(0, 1)))
        .await
        .unwrap();
    assert_eq!(
        file.case.tier(),
        Tier::Urgent,
        "the override no longer hides the escalation"
    );
    assert_eq!(file.case.tier_override, None);
    assert_eq!(
        storage.open_cases(Some(Tier::Urgent)).await.unwrap().len(),
        1
    );
    assert!(storage
        .open_cases(Some(Tier::Moderate))
        .await
        .unwrap()
        .is_empty());
}

#[wasm_bindgen_test]
async fn a_result_saved_twice_fails_whole_and_changes_nothing() {
    let name = unique_name("twice");
    let storage = open(&name).await;
    let (_, case) = client_with_case(&storage, "Lea Twice").await;
    let first = administration(&case, Instrument::Phq9, phq9(0, 1));
    storage.record_administration(first.clone()).await.unwrap();
    let before = (
        count(&name, schema::TASKS).await,
        count(&name, schema::AUDIT).await,
    );
    // The same id again: the first write of the transaction fails, and nothing after it may stay.
    assert!(matches!(
        storage.record_administration(first).await,
        Err(StorageError::Aborted(_))
    ));
    assert_eq!(
        (
            count(&name, schema::TASKS).await,
            count(&name, schema::AUDIT).await
        ),
        before
    );
    assert_eq!(
        storage
            .case_file(case.id)
            .await
            .unwrap()
            .administrations
            .len(),
        1
    );
}
