//! The storage suite: every repository behaviour, written once over any [`Backend`]. `tests/memory.rs` runs it
//! natively on the in-memory twin; `tests/storage.rs` runs it in headless Chromium on real IndexedDB.
#![allow(dead_code)]

use care_planner::domain::administration::{Administration, EnteredInErrorDraft};
use care_planner::domain::assessment::{Assessment, AssessmentStatus, Section};
use care_planner::domain::audit::Action;
use care_planner::domain::case::{Case, CaseDetails, CaseModel, Specialty, WorkflowError};
use care_planner::domain::client::{Client, ClientDetails, ClientDraft};
use care_planner::domain::coordination::{
    AppointmentDraft, AppointmentStatus, ReferralDraft, ReferralStatus,
};
use care_planner::domain::coverage::{units_used, AuthorizationDraft, CoverageDraft};
use care_planner::domain::ids::Id;
use care_planner::domain::instruments::Instrument;
use care_planner::domain::phase::Phase;
use care_planner::domain::plan::{
    ActivityStatus, Agreement, Frequency, Goal, GoalDraft, Intervention, Period,
};
use care_planner::domain::progress::Requirement;
use care_planner::domain::risk::{Rule, Tier, TierOverride};
use care_planner::domain::screening::{Decision, ScreeningDraft};
use care_planner::domain::task::{Concern, Priority, TaskKind};
use care_planner::domain::workflow::plans::{PlanEdit, Target};
use care_planner::storage::backend::Backend;
use care_planner::storage::backend::IndexKey;
use care_planner::storage::schema;
use care_planner::storage::{Repo, StorageError};
use chrono::NaiveDate;
use std::sync::atomic::{AtomicU64, Ordering};

/// Every test of the suite, for a harness macro to instantiate.
#[macro_export]
macro_rules! storage_suite {
    ($harness:ident) => {
        $harness!(
            clients_are_created_listed_updated_and_audited,
            cases_open_in_screening_move_phase_and_keep_history,
            a_case_for_a_missing_client_is_refused_and_nothing_is_written,
            deleting_a_client_removes_their_cases_and_history_together,
            phq9_item_9_makes_the_case_urgent_with_a_same_day_task,
            positive_social_needs_become_needs_once,
            an_override_keeps_the_computed_tier_and_is_in_the_history,
            a_not_eligible_case_closes_and_then_refuses_results,
            assessment_drafts_are_kept_and_completed,
            an_escalating_result_lifts_a_lower_override,
            the_same_submission_saved_twice_is_saved_once,
            a_new_case_is_not_yet_stratified_and_lists_say_so,
            a_result_entered_in_error_stops_counting_and_closes_its_task,
            one_unreadable_record_leaves_the_rest_of_a_list_readable,
            a_write_expecting_a_stale_revision_is_refused_whole,
            a_write_whose_read_record_changed_is_refused_whole,
            texts_are_bounded_before_they_are_stored,
            a_plan_is_built_agreed_and_revised_with_the_agreed_revision_kept,
            removing_a_need_a_goal_addresses_is_refused_then_cascades_when_confirmed,
            an_overdue_referral_becomes_one_task_however_often_the_rules_run,
            a_missed_appointment_creates_one_follow_up_task,
            a_move_past_missing_work_needs_a_reason_and_keeps_it,
            coverage_ending_soon_becomes_one_renewal_task_and_attended_visits_use_its_units,
            a_contact_moves_the_next_contact_due_and_closed_cases_leave_the_due_list,
            the_dashboard_counts_open_cases_and_lists_what_is_due_from_index_ranges,
            a_signed_note_is_kept_as_signed_and_addenda_are_added_to_it,
            a_discharge_home_makes_a_72_hour_task_that_a_contact_completes,
            a_reconciliation_replaces_the_current_list_unless_it_changed_meanwhile,
            a_closure_cancels_the_confirmed_open_work_in_one_go_and_a_reopening_is_kept,
            case_managers_are_staff_members_found_by_name_and_kept_by_id,
            the_caseload_is_read_once_and_kept_up_to_date_by_this_sessions_writes,
            the_audit_trail_is_chained_across_actions_and_verifies_intact,
            an_edit_from_a_revision_saved_over_elsewhere_is_refused_as_stale,
            an_assessment_saved_over_elsewhere_is_refused_as_stale
        );
    };
}

static NEXT: AtomicU64 = AtomicU64::new(1);

/// A fresh id for the tests' own records (distinct across a run; the repository draws its own).
pub fn fresh_id() -> Id {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let mut bytes = [0x5a; 16];
    bytes[..8].copy_from_slice(&n.to_le_bytes());
    Id::from_random_bytes(bytes)
}

/// A repository over `backend` drawing ids from [`fresh_id`].
pub fn repo<B: Backend>(backend: B) -> Repo<B> {
    Repo::new(backend, fresh_id)
}

pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn details(name: &str) -> ClientDetails {
    ClientDraft {
        full_name: name.into(),
        phone: "+81 90-1234-5678".into(),
        ..ClientDraft::default()
    }
    .validate(today())
    .unwrap()
}

pub fn case_details() -> CaseDetails {
    CaseDetails {
        specialty: Specialty::Nursing,
        model: CaseModel::Clinical,
        case_manager: "N. Sato".into(),
        case_manager_id: None,
        opened_on: today(),
        referral_source: None,
        referral_reason: "Readmitted twice".into(),
    }
}

/// A new client with one case, opened on `opened_on`.
pub async fn client_with_case_opened<B: Backend>(
    storage: &Repo<B>,
    name: &str,
    opened_on: NaiveDate,
) -> (Client, Case) {
    let client = storage.create_client(details(name)).await.unwrap();
    let details = CaseDetails {
        opened_on,
        ..case_details()
    };
    let case = storage.open_case(client.id, details).await.unwrap();
    (client, case)
}

/// A new client with one open case.
pub async fn client_with_case<B: Backend>(storage: &Repo<B>, name: &str) -> (Client, Case) {
    let client = storage.create_client(details(name)).await.unwrap();
    let case = storage.open_case(client.id, case_details()).await.unwrap();
    (client, case)
}

/// How many records a store holds.
pub async fn count<B: Backend>(storage: &Repo<B>, store: &'static str) -> u32 {
    storage.backend().count_all(store).await.unwrap()
}

/// The caseload's first row (tests with one client).
pub async fn first_row<B: Backend>(storage: &Repo<B>) -> care_planner::domain::search::ClientRow {
    storage
        .caseload()
        .await
        .unwrap()
        .value
        .search("")
        .next()
        .cloned()
        .unwrap()
}

/// How many open cases the case list shows for one tier (`None`: not yet stratified).
pub async fn open_in<B: Backend>(storage: &Repo<B>, tier: Option<Tier>) -> usize {
    storage.open_cases(Some(tier)).await.unwrap().value.len()
}

pub async fn actions<B: Backend>(storage: &Repo<B>, id: Id) -> Vec<Action> {
    storage
        .audit_trail(id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect()
}

pub fn administration(
    case: &Case,
    instrument: Instrument,
    answers: Vec<Option<u32>>,
) -> Administration {
    Administration::record(
        fresh_id(),
        case,
        instrument,
        answers,
        &today().to_string(),
        "N. Sato",
        "en",
        today(),
        chrono::Utc::now(),
    )
    .expect("complete answers")
}

/// PHQ-9 with item 9 at `item9` and items 1–8 at `others`.
pub fn phq9(others: u32, item9: u32) -> Vec<Option<u32>> {
    let mut a = vec![Some(others); 8];
    a.push(Some(item9));
    a.push(None);
    a
}

pub async fn clients_are_created_listed_updated_and_audited<B: Backend>(storage: Repo<B>) {
    assert!(storage.caseload().await.unwrap().value.is_empty());

    let ana = storage.create_client(details("Ana Lima")).await.unwrap();
    let hana = storage.create_client(details("山田 花子")).await.unwrap();
    let caseload = storage.caseload().await.unwrap().value;
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

pub async fn cases_open_in_screening_move_phase_and_keep_history<B: Backend>(storage: Repo<B>) {
    let (client, case) = client_with_case(&storage, "Bruno Costa").await;
    assert_eq!(case.phase, Phase::Screening);

    let row = first_row(&storage).await;
    assert_eq!(
        (row.open_cases, row.current_phase),
        (1, Some(Phase::Screening))
    );

    storage
        .move_case(
            case.id,
            Phase::Assessment,
            Some("Moving on for the test".into()),
            chrono::Utc::now().date_naive(),
        )
        .await
        .unwrap();
    let moved = storage
        .move_case(
            case.id,
            Phase::RiskStratification,
            Some("Moving on for the test".into()),
            chrono::Utc::now().date_naive(),
        )
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
    let row = first_row(&storage).await;
    assert_eq!(row.current_phase, Some(Phase::RiskStratification));

    // A refused move changes nothing, not even the audit log.
    assert_eq!(
        storage
            .move_case(
                case.id,
                Phase::RiskStratification,
                Some("Moving on for the test".into()),
                chrono::Utc::now().date_naive()
            )
            .await,
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

pub async fn a_case_for_a_missing_client_is_refused_and_nothing_is_written<B: Backend>(
    storage: Repo<B>,
) {
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
            .value
            .search("")
            .next()
            .unwrap()
            .open_cases,
        0
    );
}

pub async fn deleting_a_client_removes_their_cases_and_history_together<B: Backend>(
    storage: Repo<B>,
) {
    let keep = storage.create_client(details("Keep Me")).await.unwrap();
    let kept_case = storage.open_case(keep.id, case_details()).await.unwrap();
    let gone = storage.create_client(details("Delete Me")).await.unwrap();
    let first = storage.open_case(gone.id, case_details()).await.unwrap();
    let second = storage.open_case(gone.id, case_details()).await.unwrap();
    storage
        .move_case(
            second.id,
            Phase::Planning,
            Some("Moving on for the test".into()),
            chrono::Utc::now().date_naive(),
        )
        .await
        .unwrap();
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
            n.push(count(&storage, store).await);
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

    let caseload = storage.caseload().await.unwrap().value;
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
pub async fn phq9_item_9_makes_the_case_urgent_with_a_same_day_task<B: Backend>(storage: Repo<B>) {
    let (_, case) = client_with_case(&storage, "Fay Alert").await;

    let file = storage
        .record_administration(administration(&case, Instrument::Phq9, phq9(0, 1)))
        .await
        .unwrap();
    assert_eq!(file.case.tier(), Some(Tier::Urgent));
    assert_eq!(file.case.risk.reasons[0].rule, Rule::Phq9Item9AboveZero);
    assert_eq!(file.tasks.len(), 1);
    let task = &file.tasks[0];
    assert_eq!(
        (task.priority, task.due),
        (Priority::Urgent, chrono::Local::now().date_naive())
    );
    assert!(task.is_open());
    assert_eq!(open_in(&storage, Some(Tier::Urgent)).await, 1);
    assert_eq!(
        storage
            .case_file(file.case.id)
            .await
            .unwrap()
            .administrations
            .len(),
        1
    );

    // A later, calmer PHQ-9 re-stratifies from the latest result; the task stays until it is done.
    let file = storage
        .record_administration(administration(&case, Instrument::Phq9, phq9(1, 0)))
        .await
        .unwrap();
    assert_eq!(file.case.tier(), Some(Tier::Low), "PHQ-9 8 with item 9 = 0");
    assert_eq!(
        storage
            .case_file(file.case.id)
            .await
            .unwrap()
            .administrations
            .len(),
        2
    );
    assert!(file.tasks.is_empty(), "no new task");
    assert_eq!(
        storage.case_file(case.id).await.unwrap().tasks.len(),
        1,
        "the first task is still there"
    );
    let done = storage.complete_task(task.id).await.unwrap();
    assert!(!done.is_open());
    assert_eq!(
        actions(&storage, task.id).await,
        vec![Action::Created, Action::Completed]
    );
}

pub async fn positive_social_needs_become_needs_once<B: Backend>(storage: Repo<B>) {
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
    let concerns: Vec<Concern> = file.needs.iter().map(|n| n.concern).collect();
    assert_eq!(concerns, vec![Concern::Housing, Concern::Food]);
    assert_eq!(file.case.tier(), Some(Tier::Moderate));
    let first: Vec<Id> = file.needs.iter().map(|n| n.id).collect();
    let again = administration(&case, Instrument::AhcHrsn, answers);
    let again_id = again.id;
    let file = storage.record_administration(again).await.unwrap();
    let linked: Vec<Id> = file.needs.iter().map(|n| n.id).collect();
    assert_eq!(linked, first, "an open need is linked, not added twice");
    assert!(file
        .needs
        .iter()
        .all(|n| n.also_raised_by == vec![again_id]));
    assert_eq!(storage.case_file(case.id).await.unwrap().needs.len(), 2);
}

pub async fn an_override_keeps_the_computed_tier_and_is_in_the_history<B: Backend>(
    storage: Repo<B>,
) {
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
        (Some(Tier::High), None)
    );
    let stored = storage.case_file(case.id).await.unwrap().case;
    assert_eq!(stored.tier_override, Some(over));
    assert_eq!(stored.events.len(), 1);
    assert_eq!(open_in(&storage, Some(Tier::High)).await, 1);
    let cleared = storage
        .clear_tier_override(case.id, "N. Sato".into())
        .await
        .unwrap();
    assert_eq!(cleared.tier(), None);
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

pub async fn a_not_eligible_case_closes_and_then_refuses_results<B: Backend>(storage: Repo<B>) {
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
    assert!(storage.open_cases(None).await.unwrap().value.is_empty());
    assert!(
        open_in(&storage, Some(Tier::Low)).await == 0,
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

pub async fn assessment_drafts_are_kept_and_completed<B: Backend>(storage: Repo<B>) {
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

pub async fn an_escalating_result_lifts_a_lower_override<B: Backend>(storage: Repo<B>) {
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
        Some(Tier::Urgent),
        "the override no longer hides the escalation"
    );
    assert_eq!(file.case.tier_override, None);
    assert_eq!(open_in(&storage, Some(Tier::Urgent)).await, 1);
    assert!(open_in(&storage, Some(Tier::Moderate)).await == 0);
}

pub async fn the_same_submission_saved_twice_is_saved_once<B: Backend>(storage: Repo<B>) {
    let (_, case) = client_with_case(&storage, "Lea Twice").await;
    let first = administration(&case, Instrument::Phq9, phq9(0, 1));
    storage.record_administration(first.clone()).await.unwrap();
    let before = (
        count(&storage, schema::TASKS).await,
        count(&storage, schema::AUDIT).await,
    );
    // The same form sent again (a double tap, or a retry after an unclear failure): saved once, reported saved.
    let again = storage.record_administration(first).await.unwrap();
    assert!(!again.written);
    assert_eq!(
        (
            count(&storage, schema::TASKS).await,
            count(&storage, schema::AUDIT).await
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

pub async fn a_new_case_is_not_yet_stratified_and_lists_say_so<B: Backend>(storage: Repo<B>) {
    let (_, case) = client_with_case(&storage, "Nia New").await;
    assert_eq!(case.tier(), None, "no rule has data yet: not low");
    let unstratified = storage.open_cases(Some(None)).await.unwrap().value;
    assert_eq!(
        unstratified.iter().map(|r| r.case.id).collect::<Vec<_>>(),
        vec![case.id]
    );
    assert!(open_in(&storage, Some(Tier::Low)).await == 0);
    let row = first_row(&storage).await;
    assert_eq!(row.highest_tier, None);
    // A result that fires no rule gives a real "low".
    let saved = storage
        .record_administration(administration(&case, Instrument::Gad7, vec![Some(0); 7]))
        .await
        .unwrap();
    assert_eq!(saved.case.tier(), Some(Tier::Low));
    assert_eq!(open_in(&storage, Some(Tier::Low)).await, 1);
    assert!(open_in(&storage, None).await == 0);
}

pub async fn a_result_entered_in_error_stops_counting_and_closes_its_task<B: Backend>(
    storage: Repo<B>,
) {
    let (_, case) = client_with_case(&storage, "Ola Error").await;
    let wrong = administration(&case, Instrument::Phq9, phq9(3, 2));
    let saved = storage.record_administration(wrong.clone()).await.unwrap();
    assert_eq!(saved.case.tier(), Some(Tier::Urgent));
    assert_eq!(saved.tasks.len(), 1);
    let mark = EnteredInErrorDraft {
        reason: "Another client's answers".into(),
        by: "N. Sato".into(),
    }
    .validate(chrono::Utc::now())
    .unwrap();
    let case_after = storage
        .mark_entered_in_error(case.id, wrong.id, mark)
        .await
        .unwrap();
    assert_eq!(case_after.tier(), None, "its only result no longer counts");
    let file = storage.case_file(case.id).await.unwrap();
    assert_eq!(file.administrations.len(), 1, "kept in the history");
    assert!(file.administrations[0].entered_in_error.is_some());
    assert!(!file.tasks[0].is_open());
    assert_eq!(
        file.tasks[0].cancelled.as_ref().unwrap().reason,
        "Another client's answers"
    );
    assert!(open_in(&storage, Some(Tier::Urgent)).await == 0);
    assert_eq!(
        actions(&storage, wrong.id).await,
        vec![Action::Created, Action::EnteredInError]
    );
}

/// A client whose sealed body cannot be opened: the caseload lists everyone else and names it.
pub async fn one_unreadable_record_leaves_the_rest_of_a_list_readable<B: Backend>(
    storage: Repo<B>,
) {
    use care_planner::storage::backend::{Batch, Durability, Expect, Put};
    use care_planner::storage::records::{ClientRecord, SealedRow};
    let (_, case) = client_with_case(&storage, "Pia Fine").await;
    let damaged = fresh_id();
    let row = SealedRow::Client(ClientRecord {
        id: damaged.to_string(),
        updated_at: "2026-11-24T00:00:00.000Z".into(),
        rev: 1,
        body: "{damaged".into(),
    });
    storage
        .backend()
        .commit(Batch {
            puts: vec![Put {
                expect: Expect::Absent,
                row,
            }],
            deletes: vec![],
            checks: vec![],
            audit: vec![],
            durability: Durability::Strict,
        })
        .await
        .unwrap();
    let listed = storage.caseload().await.unwrap();
    assert_eq!(listed.value.len(), 1);
    assert_eq!(listed.unreadable.len(), 1);
    assert_eq!(listed.unreadable[0].key, damaged.to_string());
    assert_eq!(storage.case_file(case.id).await.unwrap().unreadable, vec![]);
}

/// Another tab wrote the case after it was read: the write expecting the old revision is refused, whole.
pub async fn a_write_expecting_a_stale_revision_is_refused_whole<B: Backend>(storage: Repo<B>) {
    use care_planner::storage::backend::{Batch, Durability, Expect, Put};
    use care_planner::storage::records::{ClientRecord, SealedRow};
    let (client, case) = client_with_case(&storage, "Quin Race").await;
    storage
        .move_case(
            case.id,
            Phase::Assessment,
            Some("Moving on for the test".into()),
            chrono::Utc::now().date_naive(),
        )
        .await
        .unwrap(); // the case is now at revision 2
    let tasks_before = count(&storage, schema::CLIENTS).await;
    let new_row = SealedRow::Client(ClientRecord {
        id: fresh_id().to_string(),
        updated_at: "2026-11-24T00:00:00.000Z".into(),
        rev: 1,
        body: "{}".into(),
    });
    let stale_case = storage
        .backend()
        .get::<care_planner::storage::records::CaseRecord>(&case.id.to_string())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    let batch = Batch {
        puts: vec![
            Put {
                expect: Expect::Absent,
                row: new_row,
            },
            Put {
                expect: Expect::Rev(1),
                row: SealedRow::Case(stale_case),
            },
        ],
        deletes: vec![],
        checks: vec![],
        audit: vec![],
        durability: Durability::Strict,
    };
    assert_eq!(
        storage.backend().commit(batch).await,
        Err(StorageError::Conflict)
    );
    assert_eq!(
        count(&storage, schema::CLIENTS).await,
        tasks_before,
        "nothing of the batch was written"
    );
    // The repository's own writes read fresh revisions, so they go through.
    assert_eq!(
        storage
            .move_case(
                case.id,
                Phase::Planning,
                Some("Moving on for the test".into()),
                chrono::Utc::now().date_naive()
            )
            .await
            .unwrap()
            .phase,
        Phase::Planning
    );
    assert_eq!(
        storage.client_file(client.id).await.unwrap().cases[0].phase,
        Phase::Planning
    );
}

pub async fn texts_are_bounded_before_they_are_stored<B: Backend>(storage: Repo<B>) {
    let (_, case) = client_with_case(&storage, "Rui Long").await;
    let mut draft = Assessment::new(case.id, chrono::Utc::now());
    draft
        .sections
        .push((Section::Barriers, "x\u{200B}".repeat(6000)));
    storage.save_assessment(&draft).await.unwrap();
    let stored = storage.assessment(case.id).await.unwrap().unwrap();
    assert_eq!(stored.text(Section::Barriers), "x".repeat(4000));
}

/// An action decided on a record it only read (the client a case is opened for): if another tab changed or deleted
/// that record before the write, the batch is refused whole.
pub async fn a_write_whose_read_record_changed_is_refused_whole<B: Backend>(storage: Repo<B>) {
    use care_planner::storage::backend::{Batch, Check, Durability, Expect, Put};
    use care_planner::storage::records::{ClientRecord, SealedRow};
    let client = storage.create_client(details("Vic Read")).await.unwrap();
    storage
        .update_client(client.id, details("Vic Read Again"))
        .await
        .unwrap(); // now at revision 2
    let row = SealedRow::Client(ClientRecord {
        id: fresh_id().to_string(),
        updated_at: "2026-11-24T00:00:00.000Z".into(),
        rev: 1,
        body: "{}".into(),
    });
    let before = count(&storage, schema::CLIENTS).await;
    let batch = |rev| Batch {
        puts: vec![Put {
            expect: Expect::Absent,
            row: row.clone(),
        }],
        deletes: vec![],
        checks: vec![Check {
            store: schema::CLIENTS,
            key: client.id.to_string(),
            expect: Expect::Rev(rev),
        }],
        audit: vec![],
        durability: Durability::Strict,
    };
    assert_eq!(
        storage.backend().commit(batch(1)).await,
        Err(StorageError::Conflict)
    );
    assert_eq!(count(&storage, schema::CLIENTS).await, before);
    storage.backend().commit(batch(2)).await.unwrap();
    assert_eq!(count(&storage, schema::CLIENTS).await, before + 1);
}

/// A need added by hand, returning its id.
async fn add_need<B: Backend>(storage: &Repo<B>, case: &Case, text: &str) -> Id {
    let changes = storage
        .edit_plan(
            case.id,
            PlanEdit::AddNeed {
                concern: Concern::Other,
                description: text.into(),
            },
        )
        .await
        .unwrap();
    let id = changes.needs().next().unwrap().id;
    id
}

fn goal(id: Id, text: &str, needs: &[Id]) -> Goal {
    GoalDraft {
        text: text.into(),
        need_ids: needs.iter().map(Id::to_string).collect(),
        target_date: (today() + chrono::Days::new(30)).to_string(),
        ..GoalDraft::new(today())
    }
    .validate(id, needs, &[])
    .unwrap()
}

fn intervention(id: Id, goal: Id, text: &str) -> Intervention {
    Intervention {
        id,
        goal_id: goal,
        text: text.into(),
        member_id: None,
        frequency: Frequency {
            times: 1,
            period: Period::Week,
        },
        from: today(),
        until: None,
        status: ActivityStatus::NotStarted,
        authorization_id: None,
    }
}

pub async fn a_plan_is_built_agreed_and_revised_with_the_agreed_revision_kept<B: Backend>(
    storage: Repo<B>,
) {
    let (_, case) = client_with_case(&storage, "Pia Plan").await;
    let need = add_need(&storage, &case, "Cannot manage the stairs").await;
    let goal_id = fresh_id();
    storage
        .edit_plan(
            case.id,
            PlanEdit::SaveGoal(goal(goal_id, "Walk to the shop", &[need])),
        )
        .await
        .unwrap();
    storage
        .edit_plan(
            case.id,
            PlanEdit::SaveIntervention(intervention(fresh_id(), goal_id, "Physiotherapy")),
        )
        .await
        .unwrap();
    let agreement = Agreement {
        reviewed_on: today(),
        agreed: true,
        recorded_at: chrono::Utc::now(),
    };
    storage
        .edit_plan(case.id, PlanEdit::Review(agreement))
        .await
        .unwrap();
    let file = storage.plan_file(case.id).await.unwrap();
    let plan = file.work.plan.clone().unwrap();
    assert_eq!((plan.revision, plan.agreed()), (1, true));
    assert_eq!(plan.team[0].name, "Pia Plan", "the client is on the team");
    assert!(file.revisions.is_empty());

    storage
        .edit_plan(
            case.id,
            PlanEdit::SaveGoal(goal(goal_id, "Walk to the park", &[need])),
        )
        .await
        .unwrap();
    let file = storage.plan_file(case.id).await.unwrap();
    let plan = file.work.plan.unwrap();
    assert_eq!((plan.revision, plan.agreed()), (2, false));
    assert_eq!(file.revisions.len(), 1);
    assert_eq!(file.revisions[0].plan.goals[0].text, "Walk to the shop");
    assert!(file.revisions[0].plan.agreed());
    assert_eq!(
        actions(&storage, case.id).await.last(),
        Some(&Action::Updated),
        "the plan's writes are audited under its case"
    );
}

pub async fn removing_a_need_a_goal_addresses_is_refused_then_cascades_when_confirmed<
    B: Backend,
>(
    storage: Repo<B>,
) {
    let (_, case) = client_with_case(&storage, "Rex Remove").await;
    let need = add_need(&storage, &case, "Lonely since the move").await;
    let goal_id = fresh_id();
    storage
        .edit_plan(
            case.id,
            PlanEdit::SaveGoal(goal(goal_id, "Join the lunch club", &[need])),
        )
        .await
        .unwrap();
    let refused = storage
        .edit_plan(
            case.id,
            PlanEdit::Remove {
                target: Target::Need(need),
                cascade: false,
            },
        )
        .await;
    let Err(StorageError::InUse(referrers)) = refused else {
        panic!("refused: {refused:?}")
    };
    assert_eq!(referrers[0].label, "Join the lunch club");
    assert_eq!(
        storage.plan_file(case.id).await.unwrap().work.needs.len(),
        1
    );
    storage
        .edit_plan(
            case.id,
            PlanEdit::Remove {
                target: Target::Need(need),
                cascade: true,
            },
        )
        .await
        .unwrap();
    let file = storage.plan_file(case.id).await.unwrap();
    assert!(file.work.needs.is_empty());
    assert!(
        file.work.plan.unwrap().goals.is_empty(),
        "no goal left pointing nowhere"
    );
}

pub async fn an_overdue_referral_becomes_one_task_however_often_the_rules_run<B: Backend>(
    storage: Repo<B>,
) {
    let (_, case) = client_with_case(&storage, "Ola Overdue").await;
    let sent_on = today() - chrono::Days::new(10);
    let due = today() - chrono::Days::new(3);
    let referral = ReferralDraft {
        to: "Food bank".into(),
        reason: "Food ran out twice this month".into(),
        status: "requested".into(),
        sent_on: sent_on.to_string(),
        follow_up_due: due.to_string(),
        ..ReferralDraft::new()
    }
    .validate(fresh_id(), case.id, None, &[], sent_on, chrono::Utc::now())
    .unwrap();
    storage.save_referral(referral.clone()).await.unwrap();
    // A referral still on track and a closed one are not read by the rule.
    let closed = ReferralDraft {
        to: "Day centre".into(),
        reason: "Company".into(),
        status: "draft".into(),
        follow_up_due: due.to_string(),
        ..ReferralDraft::new()
    }
    .validate(fresh_id(), case.id, None, &[], sent_on, chrono::Utc::now())
    .unwrap();
    storage.save_referral(closed.clone()).await.unwrap();
    let mut closing = closed.clone();
    closing.status = ReferralStatus::ClosedWithoutService;
    storage.save_referral(closing).await.unwrap();
    let in_index = storage
        .backend()
        .keys_by_index(
            schema::REFERRALS,
            schema::BY_DUE,
            IndexKey::Range {
                from: None,
                until: today().to_string(),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        in_index,
        vec![referral.id.to_string()],
        "only open referrals are in the due index"
    );

    // An overdue referral on a closed case makes no task: a closed case takes none.
    let (_, closed_case) = client_with_case(&storage, "Cal Closed").await;
    let mut elsewhere = referral.clone();
    elsewhere.id = fresh_id();
    elsewhere.case_id = closed_case.id;
    storage.save_referral(elsewhere).await.unwrap();
    storage
        .close_case(closed_case.id, "Moved away".into())
        .await
        .unwrap();

    assert_eq!(storage.run_due_rules(today()).await.unwrap(), 1);
    assert_eq!(
        storage.run_due_rules(today()).await.unwrap(),
        0,
        "run again: nothing new"
    );
    assert_eq!(
        storage
            .run_due_rules(today() + chrono::Days::new(1))
            .await
            .unwrap(),
        0,
        "the next morning: the same overdue date, the same task"
    );
    let file = storage.plan_file(case.id).await.unwrap();
    let tasks: Vec<_> = file
        .work
        .tasks
        .iter()
        .filter(|t| t.kind == TaskKind::ReferralOverdue)
        .collect();
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].source, Some(referral.id));

    // Acting on the referral completes its task.
    let mut accepted = referral.clone();
    accepted.status = ReferralStatus::Accepted;
    accepted.follow_up_due = today() + chrono::Days::new(7);
    storage.save_referral(accepted).await.unwrap();
    let file = storage.plan_file(case.id).await.unwrap();
    assert!(file.work.tasks.iter().all(|t| !t.is_open()));
    assert!(!file.work.referrals.iter().any(|r| r.is_overdue(today())));
}

pub async fn a_missed_appointment_creates_one_follow_up_task<B: Backend>(storage: Repo<B>) {
    let (_, case) = client_with_case(&storage, "Mia Missed").await;
    let appointment = AppointmentDraft {
        date: today().to_string(),
        time: "09:30".into(),
        place: "Clinic".into(),
        purpose: "Medication review".into(),
        ..AppointmentDraft::default()
    }
    .validate(fresh_id(), case.id, None, &[], chrono::Utc::now())
    .unwrap();
    storage.add_appointment(appointment.clone()).await.unwrap();
    for _ in 0..2 {
        storage
            .set_appointment_status(case.id, appointment.id, AppointmentStatus::Missed, today())
            .await
            .unwrap();
    }
    let file = storage.plan_file(case.id).await.unwrap();
    assert_eq!(file.work.appointments[0].status, AppointmentStatus::Missed);
    let follow_ups: Vec<_> = file
        .work
        .tasks
        .iter()
        .filter(|t| t.kind == TaskKind::MissedAppointment)
        .collect();
    assert_eq!(follow_ups.len(), 1);
    assert_eq!(follow_ups[0].source, Some(appointment.id));
}

pub async fn a_move_past_missing_work_needs_a_reason_and_keeps_it<B: Backend>(storage: Repo<B>) {
    let (_, case) = client_with_case(&storage, "Max Move").await;
    assert_eq!(
        storage
            .move_case(case.id, Phase::Assessment, None, today())
            .await,
        Err(StorageError::Refused(WorkflowError::ReasonRequired))
    );
    let moved = storage
        .move_case(
            case.id,
            Phase::Assessment,
            Some("Screened by the referring ward".into()),
            today(),
        )
        .await
        .unwrap();
    let change = moved.history.last().unwrap();
    assert_eq!(change.skipped, vec![Requirement::ScreeningDecided]);
    assert_eq!(
        change.reason.as_deref(),
        Some("Screened by the referring ward")
    );
    // Back needs no reason.
    storage
        .move_case(case.id, Phase::Screening, None, today())
        .await
        .unwrap();
}

pub async fn coverage_ending_soon_becomes_one_renewal_task_and_attended_visits_use_its_units<
    B: Backend,
>(
    storage: Repo<B>,
) {
    let (_, case) = client_with_case(&storage, "Kai Coverage").await;
    let coverage = CoverageDraft {
        payer: "City long-term care insurance".into(),
        ltc: true,
        insured_number: "0123456789".into(),
        care_level: "care_2".into(),
        valid_from: (today() - chrono::Days::new(300)).to_string(),
        valid_to: (today() + chrono::Days::new(20)).to_string(),
        ..CoverageDraft::default()
    }
    .validate(fresh_id(), case.id, chrono::Utc::now())
    .unwrap();
    storage.save_coverage(coverage.clone()).await.unwrap();
    let (payer, authorization) = AuthorizationDraft {
        coverage_id: coverage.id.to_string(),
        service: "Home bathing".into(),
        units: "3".into(),
        valid_from: today().to_string(),
        valid_to: (today() + chrono::Days::new(90)).to_string(),
    }
    .validate(fresh_id(), &[coverage.id])
    .unwrap();
    storage
        .add_authorization(case.id, payer, authorization.clone())
        .await
        .unwrap();
    let visit = AppointmentDraft {
        date: today().to_string(),
        time: "14:00".into(),
        place: "Home".into(),
        purpose: "Bath".into(),
        authorization_id: authorization.id.to_string(),
        ..AppointmentDraft::default()
    }
    .validate(
        fresh_id(),
        case.id,
        None,
        &[authorization.id],
        chrono::Utc::now(),
    )
    .unwrap();
    storage.add_appointment(visit.clone()).await.unwrap();
    storage
        .set_appointment_status(case.id, visit.id, AppointmentStatus::Attended, today())
        .await
        .unwrap();

    assert_eq!(storage.run_due_rules(today()).await.unwrap(), 1);
    assert_eq!(
        storage.run_due_rules(today()).await.unwrap(),
        0,
        "made once"
    );
    let file = storage.plan_file(case.id).await.unwrap();
    let stored = &file.work.coverages[0];
    assert_eq!(stored.authorizations, vec![authorization.clone()]);
    assert_eq!(
        units_used(
            authorization.id,
            &file.work.appointments,
            file.work.interventions()
        ),
        1
    );
    let renewal: Vec<_> = file
        .work
        .tasks
        .iter()
        .filter(|t| t.kind == TaskKind::CoverageEnding)
        .collect();
    assert_eq!(renewal.len(), 1);
    assert_eq!(renewal[0].source, Some(coverage.id));
}

pub async fn a_contact_moves_the_next_contact_due_and_closed_cases_leave_the_due_list<
    B: Backend,
>(
    storage: Repo<B>,
) {
    use care_planner::domain::contact::ContactDraft;
    // Today read once: every date below is counted from the same day, even across midnight.
    let start = today();
    let day = |n: i64| start + chrono::Duration::days(n);
    let (_, first) = client_with_case_opened(&storage, "Cho Contact", day(-30)).await;
    let (_, second) = client_with_case_opened(&storage, "Dai Due", day(-30)).await;
    let due_by = |n: i64| {
        let storage = &storage;
        async move {
            storage
                .contacts_due(day(n))
                .await
                .unwrap()
                .value
                .into_iter()
                .map(|(case, on)| (case.id, on))
                .collect::<Vec<_>>()
        }
    };
    // Clinical and not yet stratified: due 14 days after the opening, 16 days ago.
    assert_eq!(due_by(-17).await, vec![]);
    let both = due_by(-16).await;
    assert_eq!(both.len(), 2);
    assert!(both.contains(&(first.id, day(-16))) && both.contains(&(second.id, day(-16))));

    // A contact yesterday moves the first case's due date to 14 days after it.
    let contact = ContactDraft {
        date: day(-1).to_string(),
        time: "10:00".into(),
        mode: "phone".into(),
        minutes: "20".into(),
        with_whom: "Client".into(),
        summary: "Pain is easing; the pharmacy delivered the new pack.".into(),
    }
    .validate(
        fresh_id(),
        first.id,
        day(-30),
        chrono::Local::now().naive_local(),
        chrono::Utc::now(),
    )
    .unwrap();
    storage.log_contact(contact.clone()).await.unwrap();
    assert_eq!(due_by(12).await, vec![(second.id, day(-16))]);
    assert_eq!(
        due_by(13).await,
        vec![(second.id, day(-16)), (first.id, day(13))]
    );
    let file = storage.follow_up_file(first.id).await.unwrap();
    assert_eq!(file.contacts, vec![contact]);
    assert_eq!(file.case.last_contact, Some(day(-1)));
    assert_eq!(file.client_name, "Cho Contact");
    assert!(actions(&storage, first.id).await.contains(&Action::Updated));

    // A closed case is no longer due, and takes no contact.
    let mut draft = ScreeningDraft::new("Referred by GP", None, "N. Sato", today());
    draft.decision = "not_eligible".into();
    draft.rationale = "No criteria met".into();
    storage
        .record_screening(second.id, draft.validate(today()).unwrap())
        .await
        .unwrap();
    storage
        .close_case(second.id, "No criteria met".into())
        .await
        .unwrap();
    assert_eq!(due_by(14).await, vec![(first.id, day(13))]);
    assert!(storage
        .contacts_due(day(14))
        .await
        .unwrap()
        .unreadable
        .is_empty());
    let late = ContactDraft {
        date: day(-1).to_string(),
        time: "11:00".into(),
        mode: "message".into(),
        minutes: "0".into(),
        with_whom: "Daughter".into(),
        summary: "Asked for the discharge letter.".into(),
    }
    .validate(
        fresh_id(),
        second.id,
        day(-30),
        chrono::Local::now().naive_local(),
        chrono::Utc::now(),
    )
    .unwrap();
    assert_eq!(
        storage.log_contact(late).await,
        Err(StorageError::Refused(WorkflowError::CaseClosed))
    );
    assert_eq!(count(&storage, schema::CONTACTS).await, 1);
}

pub async fn the_dashboard_counts_open_cases_and_lists_what_is_due_from_index_ranges<B: Backend>(
    storage: Repo<B>,
) {
    use care_planner::domain::contact::ContactDraft;
    use care_planner::domain::dashboard::{today_list, Due, Filter};
    let start = today();
    let day = |n: i64| start + chrono::Duration::days(n);
    let (_, quiet) = client_with_case(&storage, "Ami Quiet").await;
    let (_, urgent) = client_with_case(&storage, "Bo Urgent").await;
    let (_, contacted) = client_with_case_opened(&storage, "Cy Contacted", day(-30)).await;
    let (_, closed) = client_with_case(&storage, "Di Closed").await;

    // An urgent result: the case is urgent and its safety task is due today.
    storage
        .record_administration(administration(&urgent, Instrument::Phq9, phq9(0, 1)))
        .await
        .unwrap();
    // A contact 20 days ago: the next (14 days after it) was due 6 days ago.
    let contact = ContactDraft {
        date: day(-20).to_string(),
        time: "09:00".into(),
        mode: "in-person".into(),
        minutes: "30".into(),
        with_whom: "Client".into(),
        summary: "First visit.".into(),
    }
    .validate(
        fresh_id(),
        contacted.id,
        day(-30),
        chrono::Local::now().naive_local(),
        chrono::Utc::now(),
    )
    .unwrap();
    storage.log_contact(contact).await.unwrap();
    // Appointments in 3 days (listed) and in 7 days (not: the list covers today and the 6 days after).
    for (n, purpose) in [(3, "Bathing help"), (7, "Too far ahead")] {
        let appointment = AppointmentDraft {
            date: day(n).to_string(),
            time: "10:00".into(),
            place: "Home".into(),
            purpose: purpose.into(),
            ..AppointmentDraft::default()
        }
        .validate(fresh_id(), quiet.id, None, &[], chrono::Utc::now())
        .unwrap();
        storage.add_appointment(appointment).await.unwrap();
    }
    // A closed case is neither counted nor listed, even with a result that made a task.
    storage
        .record_administration(administration(&closed, Instrument::Phq9, phq9(0, 2)))
        .await
        .unwrap();
    let mut draft = ScreeningDraft::new("Referred by GP", None, "N. Sato", today());
    draft.decision = "not_eligible".into();
    draft.rationale = "No criteria met".into();
    storage
        .record_screening(closed.id, draft.validate(today()).unwrap())
        .await
        .unwrap();
    storage
        .close_case(closed.id, "No criteria met".into())
        .await
        .unwrap();

    let board = storage.dashboard(start).await.unwrap();
    assert!(board.unreadable.is_empty());
    assert_eq!(board.counts.open_cases(), 3);
    let tier = |t: Option<Tier>| {
        board
            .counts
            .by_tier
            .iter()
            .find(|(x, _)| *x == t)
            .unwrap()
            .1
    };
    assert_eq!(
        (tier(Some(Tier::Urgent)), tier(None), tier(Some(Tier::Low))),
        (1, 2, 0)
    );
    let phase = |p: Phase| {
        board
            .counts
            .by_phase
            .iter()
            .find(|(x, _)| *x == p)
            .unwrap()
            .1
    };
    assert_eq!((phase(Phase::Screening), phase(Phase::Assessment)), (3, 0));

    let list = today_list(&board.items, &Filter::default(), start);
    // The page names only the lines it shows, in one read.
    let ids: Vec<_> = list.iter().map(|i| i.case.client_id).collect();
    let names = storage.client_names(&ids).await.unwrap();
    let lines: Vec<(String, chrono::NaiveDate, &str)> = list
        .iter()
        .map(|i| {
            let what = match &i.due {
                Due::Task(_) => "task",
                Due::Contact => "contact",
                Due::Referral(_) => "referral",
                Due::Appointment(_) => "appointment",
            };
            (names[&i.case.client_id].clone(), i.on, what)
        })
        .collect();
    assert_eq!(
        lines,
        vec![
            ("Cy Contacted".to_string(), day(-6), "contact"),
            ("Bo Urgent".to_string(), day(0), "task"),
            ("Ami Quiet".to_string(), day(3), "appointment"),
        ]
    );
    let urgent_only = Filter {
        tier: Some(Some(Tier::Urgent)),
        ..Filter::default()
    };
    assert_eq!(today_list(&board.items, &urgent_only, start).len(), 1);
}

pub async fn a_signed_note_is_kept_as_signed_and_addenda_are_added_to_it<B: Backend>(
    storage: Repo<B>,
) {
    use care_planner::domain::note::{AddendumDraft, NoteDraft};
    let (_, case) = client_with_case(&storage, "Eri Notes").await;
    let note = NoteDraft {
        format: "soap".into(),
        subjective: "Sleeping better.".into(),
        objective: "Calm, well groomed.".into(),
        assessment: "Mood improving.".into(),
        plan: "Keep the weekly call.".into(),
        author: "N. Sato".into(),
        ..NoteDraft::default()
    }
    .sign(fresh_id(), case.id, &[], chrono::Utc::now())
    .unwrap();
    storage.sign_note(note.clone()).await.unwrap();
    for (text, by) in [
        ("Correction: the call is on Fridays.", "N. Sato"),
        ("Seen by the GP too.", "K. Ito"),
    ] {
        let addendum = AddendumDraft {
            text: text.into(),
            author: by.into(),
        }
        .sign(chrono::Utc::now())
        .unwrap();
        storage
            .add_addendum(case.id, note.id, addendum)
            .await
            .unwrap();
    }
    let file = storage.follow_up_file(case.id).await.unwrap();
    assert_eq!(file.notes.len(), 1);
    let stored = &file.notes[0];
    assert_eq!(
        (&stored.body, &stored.signed.by, stored.signed.at),
        (&note.body, &note.signed.by, note.signed.at)
    );
    let by: Vec<&str> = stored
        .addenda
        .iter()
        .map(|a| a.signed.by.as_str())
        .collect();
    assert_eq!(by, ["N. Sato", "K. Ito"]);
    // Signers are staff ids: N. Sato, the case manager, is on the list already; K. Ito joins it.
    let staff = storage.staff().await.unwrap().value;
    let id_of = |name: &str| staff.iter().find(|s| s.name == name).map(|s| s.id);
    assert_eq!(stored.signed.by_id, id_of("N. Sato"));
    assert_eq!(stored.signed.by_id, case.details.case_manager_id);
    assert_eq!(stored.addenda[0].signed.by_id, id_of("N. Sato"));
    assert_eq!(stored.addenda[1].signed.by_id, id_of("K. Ito"));
    assert!(id_of("K. Ito").is_some());
    assert!(actions(&storage, note.id).await.contains(&Action::Addended));
    // A note of another case is refused, and nothing is written.
    let (_, other) = client_with_case(&storage, "Fumi Other").await;
    let refused = storage
        .add_addendum(
            other.id,
            note.id,
            AddendumDraft {
                text: "Wrong case".into(),
                author: "N. Sato".into(),
            }
            .sign(chrono::Utc::now())
            .unwrap(),
        )
        .await;
    assert_eq!(
        refused,
        Err(StorageError::Refused(WorkflowError::NotOnThisCase))
    );
    assert_eq!(
        storage.follow_up_file(case.id).await.unwrap().notes[0]
            .addenda
            .len(),
        2
    );
}

/// A transition of `case` from `from` to `to`, `hours_ago` hours before now.
fn transition(
    case: &Case,
    from: &str,
    to: &str,
    hours_ago: i64,
) -> care_planner::domain::transition::Transition {
    let now = chrono::Local::now().naive_local();
    let at = now - chrono::Duration::hours(hours_ago);
    care_planner::domain::transition::TransitionDraft {
        from: from.into(),
        to: to.into(),
        date: at.date().to_string(),
        time: at.format("%H:%M").to_string(),
    }
    .validate(
        fresh_id(),
        case.id,
        case.details.opened_on,
        now,
        chrono::Utc::now(),
    )
    .unwrap()
}

pub async fn a_discharge_home_makes_a_72_hour_task_that_a_contact_completes<B: Backend>(
    storage: Repo<B>,
) {
    use care_planner::domain::contact::ContactDraft;
    use care_planner::domain::transition::{ChecklistItem, PostContact};
    let (_, case) =
        client_with_case_opened(&storage, "Gin Home", today() - chrono::Duration::days(10)).await;
    let home = transition(&case, "hospital", "home", 2);
    storage.record_transition(home.clone()).await.unwrap();
    // A move the rule does not cover makes no task.
    storage
        .record_transition(transition(&case, "home", "other", 1))
        .await
        .unwrap();
    let tasks = storage.case_file(case.id).await.unwrap().tasks;
    assert_eq!(tasks.len(), 1);
    let task = &tasks[0];
    assert_eq!(
        (task.kind, task.due, task.source),
        (
            TaskKind::PostTransitionContact,
            home.task_due().unwrap(),
            Some(home.id)
        )
    );
    assert!(task.is_open());

    let file = storage.transitions_file(case.id).await.unwrap();
    assert_eq!(file.transitions.len(), 2);
    assert_eq!(file.transitions[1], home, "latest move first");
    let now = chrono::Local::now().naive_local();
    assert!(matches!(
        file.transitions[1].post_contact(&file.contacts, now),
        PostContact::Due(_)
    ));

    // A contact after the move completes the task, in the same transaction as the contact.
    let at = now - chrono::Duration::minutes(30);
    let contact = ContactDraft {
        date: at.date().to_string(),
        time: at.format("%H:%M").to_string(),
        mode: "phone".into(),
        minutes: "15".into(),
        with_whom: "Client".into(),
        summary: "Home, settled, has the new tablets.".into(),
    }
    .validate(
        fresh_id(),
        case.id,
        case.details.opened_on,
        now,
        chrono::Utc::now(),
    )
    .unwrap();
    storage.log_contact(contact).await.unwrap();
    let tasks = storage.case_file(case.id).await.unwrap().tasks;
    assert!(!tasks[0].is_open(), "the 72-hour task is done");
    let file = storage.transitions_file(case.id).await.unwrap();
    assert!(matches!(
        file.transitions[1].post_contact(&file.contacts, now),
        PostContact::Met(_)
    ));

    // The checklist is ticked item by item.
    storage
        .set_checklist(case.id, home.id, ChecklistItem::DischargeSummary, true)
        .await
        .unwrap();
    let file = storage.transitions_file(case.id).await.unwrap();
    assert_eq!(file.transitions[1].done, [ChecklistItem::DischargeSummary]);
    assert!(actions(&storage, home.id).await.contains(&Action::Updated));
}

pub async fn a_reconciliation_replaces_the_current_list_unless_it_changed_meanwhile<B: Backend>(
    storage: Repo<B>,
) {
    use care_planner::domain::assessment::Medication;
    use care_planner::domain::transition::{ChecklistItem, ReconciliationDraft};
    let (_, case) =
        client_with_case_opened(&storage, "Hana Meds", today() - chrono::Duration::days(10)).await;
    let mut assessment = Assessment::new(case.id, chrono::Utc::now());
    assessment.medications = vec![Medication {
        name: "Furosemide".into(),
        dose: "20 mg".into(),
        frequency: "morning".into(),
        prescriber: "Dr Ito".into(),
    }];
    storage.save_assessment(&assessment).await.unwrap();
    let home = transition(&case, "hospital", "home_with_services", 3);
    storage.record_transition(home.clone()).await.unwrap();

    let file = storage.transitions_file(case.id).await.unwrap();
    let mut draft = ReconciliationDraft::of(&file.medications);
    draft.lines[0].change = "changed".into();
    draft.lines[0].dose = "40 mg".into();
    draft.add_new();
    draft.lines[1].name = "Spironolactone".into();
    draft.by = "N. Sato".into();
    let reconciliation = draft.validate(chrono::Utc::now()).unwrap();

    // The list changed in another tab since the form was filled: refused, nothing written.
    let mut elsewhere = assessment.clone();
    elsewhere.medications[0].frequency = "twice daily".into();
    storage.save_assessment(&elsewhere).await.unwrap();
    assert_eq!(
        storage
            .reconcile(case.id, home.id, reconciliation.clone())
            .await,
        Err(StorageError::Conflict)
    );
    assert!(
        storage.transitions_file(case.id).await.unwrap().transitions[0]
            .reconciliation
            .is_none()
    );
    storage.save_assessment(&assessment).await.unwrap();

    storage
        .reconcile(case.id, home.id, reconciliation)
        .await
        .unwrap();
    let file = storage.transitions_file(case.id).await.unwrap();
    let names: Vec<(&str, &str)> = file
        .medications
        .iter()
        .map(|m| (m.name.as_str(), m.dose.as_str()))
        .collect();
    assert_eq!(names, [("Furosemide", "40 mg"), ("Spironolactone", "")]);
    assert!(file.transitions[0].is_done(ChecklistItem::MedicationReconciliation));
    assert_eq!(
        storage.assessment(case.id).await.unwrap().unwrap().status,
        assessment.status,
        "a reconciled list is no new assessment"
    );
}

pub async fn a_closure_cancels_the_confirmed_open_work_in_one_go_and_a_reopening_is_kept<
    B: Backend,
>(
    storage: Repo<B>,
) {
    use care_planner::domain::case::{CaseStatus, ClosureDraft, ClosureReason};
    let (_, case) = client_with_case(&storage, "Iku Closing").await;
    // Open work: the same-day safety task of a PHQ-9 and an appointment in three days.
    storage
        .record_administration(administration(&case, Instrument::Phq9, phq9(0, 1)))
        .await
        .unwrap();
    let appointment = AppointmentDraft {
        date: (today() + chrono::Duration::days(3)).to_string(),
        time: "10:00".into(),
        place: "Clinic".into(),
        purpose: "Review".into(),
        ..AppointmentDraft::default()
    }
    .validate(fresh_id(), case.id, None, &[], chrono::Utc::now())
    .unwrap();
    storage.add_appointment(appointment.clone()).await.unwrap();
    let file = storage.evaluation_file(case.id).await.unwrap();
    let shown_at = file.read_at;
    let open = file.open_work.ids();
    assert_eq!(open.len(), 2);
    assert_eq!(file.open_work.appointments, vec![appointment.clone()]);
    assert_eq!(file.goals_unevaluated(), 0);

    let form = ClosureDraft {
        on: today().to_string(),
        code: "declined".into(),
        comment: String::new(),
    }
    .validate(case.details.opened_on, today(), false)
    .unwrap();
    // Confirming only part of it is refused, and nothing is written.
    assert_eq!(
        storage
            .close_case_with(case.id, form.clone(), vec![appointment.id], shown_at)
            .await,
        Err(StorageError::Refused(WorkflowError::OpenWorkChanged))
    );
    let file = storage.case_file(case.id).await.unwrap();
    assert_eq!(file.case.status, CaseStatus::Open);
    assert!(file.tasks.iter().all(|t| t.is_open()));

    storage
        .close_case_with(case.id, form, open, shown_at)
        .await
        .unwrap();
    let file = storage.case_file(case.id).await.unwrap();
    assert_eq!(file.case.status, CaseStatus::Closed);
    assert_eq!(
        file.case.closure.as_ref().and_then(|c| c.code),
        Some(ClosureReason::Declined)
    );
    assert!(file
        .tasks
        .iter()
        .all(|t| t.cancelled.as_ref().and_then(|c| c.closure) == Some(ClosureReason::Declined)));
    assert_eq!(file.appointments[0].status, AppointmentStatus::Cancelled);
    assert!(storage
        .evaluation_file(case.id)
        .await
        .unwrap()
        .open_work
        .is_empty());
    // Read-only: the case takes nothing until it is reopened.
    assert_eq!(
        storage
            .record_administration(administration(&case, Instrument::Phq9, phq9(0, 0)))
            .await
            .map(drop),
        Err(StorageError::Refused(WorkflowError::CaseClosed))
    );
    storage
        .reopen_case(case.id, "Asked for help again".into(), "N. Sato".into())
        .await
        .unwrap();
    assert_eq!(
        storage.case_file(case.id).await.unwrap().case.status,
        CaseStatus::Open
    );
    assert!(actions(&storage, case.id).await.contains(&Action::Reopened));
    assert_eq!(
        storage
            .reopen_case(case.id, "Twice".into(), "N. Sato".into())
            .await,
        Err(StorageError::Refused(WorkflowError::NotClosed))
    );
}

pub async fn case_managers_are_staff_members_found_by_name_and_kept_by_id<B: Backend>(
    storage: Repo<B>,
) {
    use care_planner::domain::staff::StaffDraft;
    // Opening a case names its manager: someone new joins the staff list, once. (An encrypted workspace has its
    // user on the list already.)
    let before = storage.staff().await.unwrap().value.len();
    let (_, first) = client_with_case(&storage, "Jun First").await;
    let (_, second) = client_with_case(&storage, "Ken Second").await;
    let staff = storage.staff().await.unwrap().value;
    assert_eq!(staff.len(), before + 1);
    let sato = staff.iter().find(|s| s.name == "N. Sato").unwrap();
    assert_eq!(first.details.case_manager_id, Some(sato.id));
    assert_eq!(second.details.case_manager_id, Some(sato.id));
    assert_eq!(sato.specialty, Some(Specialty::Nursing));

    // A member is added and changed by the staff form; a second "n. sato" is refused.
    let now = chrono::Utc::now();
    let ito = StaffDraft {
        name: "K. Ito".into(),
        role: "Social worker".into(),
        specialty: "social_work".into(),
    }
    .validate(fresh_id(), &staff, now, now)
    .unwrap();
    storage.save_staff(ito.clone()).await.unwrap();
    let staff = storage.staff().await.unwrap().value;
    let twin = StaffDraft {
        name: "n. sato".into(),
        ..StaffDraft::default()
    }
    .validate(fresh_id(), &staff, now, now);
    assert!(twin.is_err());
    let mut renamed = StaffDraft::of(&ito);
    renamed.name = "Keiko Ito".into();
    let renamed = renamed
        .validate(ito.id, &staff, ito.created_at, now)
        .unwrap();
    storage.save_staff(renamed).await.unwrap();
    let names: Vec<String> = storage
        .staff()
        .await
        .unwrap()
        .value
        .into_iter()
        .map(|s| s.name)
        .filter(|n| n != "Nurse Sato") // an encrypted workspace's user
        .collect();
    assert_eq!(names, ["Keiko Ito", "N. Sato"]);
    assert!(actions(&storage, ito.id).await.contains(&Action::Updated));
}

pub async fn the_caseload_is_read_once_and_kept_up_to_date_by_this_sessions_writes<B: Backend>(
    storage: Repo<B>,
) {
    use care_planner::storage::backend::{Batch, Durability, Expect, Put};
    use care_planner::storage::records::{ClientRecord, SealedRow};
    let names = |c: &care_planner::domain::search::Caseload| {
        let mut n: Vec<String> = c
            .search("")
            .map(|r| r.client.details.full_name.clone())
            .collect();
        n.sort();
        n
    };
    let (ann, _) = client_with_case(&storage, "Ann Kept").await;
    assert_eq!(
        names(&storage.caseload().await.unwrap().value),
        ["Ann Kept"]
    );
    // A record slipped in without an audit entry (no write of the app does that) is not seen: the list was kept,
    // not read again.
    let ghost = SealedRow::Client(ClientRecord {
        id: fresh_id().to_string(),
        updated_at: "2026-11-24T00:00:00.000Z".into(),
        rev: 1,
        body: "{unseen".into(),
    });
    storage
        .backend()
        .commit(Batch {
            puts: vec![Put {
                expect: Expect::Absent,
                row: ghost,
            }],
            deletes: vec![],
            checks: vec![],
            audit: vec![],
            durability: Durability::Strict,
        })
        .await
        .unwrap();
    let kept = storage.caseload().await.unwrap();
    assert!(kept.unreadable.is_empty(), "served from what was kept");
    // This session's writes update what was kept: a new client, a renamed one, a case opened.
    let bea = storage.create_client(details("Bea New")).await.unwrap();
    storage
        .update_client(ann.id, details("Ann Renamed"))
        .await
        .unwrap();
    storage.open_case(bea.id, case_details()).await.unwrap();
    let listed = storage.caseload().await.unwrap();
    assert_eq!(names(&listed.value), ["Ann Renamed", "Bea New"]);
    assert!(listed.unreadable.is_empty());
    let bea_row = listed.value.search("bea").next().unwrap().clone();
    assert_eq!(bea_row.open_cases, 1);
    // Another tab's write (another repository over the same database) is seen: the list is read again, whole.
    let other_tab = storage.beside();
    other_tab
        .create_client(details("Cal Elsewhere"))
        .await
        .unwrap();
    let reread = storage.caseload().await.unwrap();
    assert_eq!(
        names(&reread.value),
        ["Ann Renamed", "Bea New", "Cal Elsewhere"]
    );
    assert_eq!(
        reread.unreadable.len(),
        1,
        "and now the slipped-in record too"
    );
    // A deleted client leaves the kept list.
    storage.delete_client(bea.id).await.unwrap();
    assert_eq!(
        names(&storage.caseload().await.unwrap().value),
        ["Ann Renamed", "Cal Elsewhere"]
    );
}

pub async fn the_audit_trail_is_chained_across_actions_and_verifies_intact<B: Backend>(
    storage: Repo<B>,
) {
    use care_planner::storage::audit_chain::{entry_hash, AuditCheck, GENESIS};
    // An empty workspace logs nothing; an encrypted one has logged its first user (and their staff record).
    let AuditCheck::Intact {
        entries: before,
        unchained: 0,
    } = storage.verify_audit().await.unwrap()
    else {
        panic!("a new workspace's trail is intact and chained");
    };
    assert!(before <= 2);
    let (_, case) = client_with_case(&storage, "Ada Audit").await;
    storage
        .move_case(
            case.id,
            Phase::Assessment,
            Some("Moving on for the test".into()),
            today(),
        )
        .await
        .unwrap();
    let (entries, head) = storage.backend().audit_trail().await.unwrap();
    let entries: Vec<_> = entries.into_iter().map(Result::unwrap).collect();
    assert!(
        entries.len() as u64 >= before + 3,
        "a client, a case and a move are logged"
    );
    assert_eq!(entries[0].prev, GENESIS);
    for pair in entries.windows(2) {
        assert_eq!(
            pair[1].prev, pair[0].hash,
            "each entry holds the hash of the one before"
        );
    }
    for entry in &entries {
        assert_eq!(entry_hash(entry), entry.hash);
    }
    let head = head.expect("the chain's head is kept");
    assert_eq!(head.entries, entries.len() as u64);
    assert_eq!(head.hash, entries.last().unwrap().hash);
    assert_eq!(
        storage.verify_audit().await.unwrap(),
        AuditCheck::Intact {
            entries: entries.len() as u64,
            unchained: 0
        }
    );
}

/// A keyring for restoring payloads in the suite (the encryption tests restore whole files with real keys).
pub fn test_keyring() -> care_planner::storage::keyring::KeyringRecord {
    use care_planner::storage::keyring::{KeyringRecord, Wrapped, KEYRING_KEY};
    let wrapped = Wrapped {
        salt: "c2FsdA==".into(),
        iterations: 1,
        key: "a2V5".into(),
    };
    KeyringRecord {
        key: KEYRING_KEY.into(),
        rev: 3,
        format: 1,
        workspace: "ws".into(),
        sealed: true,
        users: vec![],
        recovery: wrapped,
        failures: 4,
        failed_at: Some("2026-11-25T00:00:00.000Z".into()),
        lock_minutes: 5,
        wipe_after: None,
        mac: "mac".into(),
    }
}

/// Every store's rows as the backend holds them, with the keyring taken out of `meta` (a restore adds it).
pub async fn stores_without_keyring<B: Backend>(
    storage: &Repo<B>,
) -> Vec<(&'static str, Vec<serde_json::Value>)> {
    storage
        .backend()
        .dump()
        .await
        .unwrap()
        .into_iter()
        .map(|(store, json)| {
            let mut rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
            rows.retain(|r| r["key"] != "keyring");
            (store, rows)
        })
        .collect()
}

/// A backup's payload restores into an empty workspace as it was: every store's rows, the audit chain intact,
/// records readable; the failure count of the keyring is cleared. A second restore into the now full workspace, and
/// a payload with one record of the wrong shape, are refused with nothing written.
pub async fn a_backup_payload_restores_everything_into_an_empty_workspace_or_nothing<B: Backend>(
    storage: Repo<B>,
    empty: Repo<B>,
    other: Repo<B>,
) {
    use care_planner::domain::backup::Problem;
    use care_planner::storage::RestoreError;
    let (client, case) = client_with_case(&storage, "佐藤 花子").await;
    storage
        .record_administration(administration(&case, Instrument::Phq9, phq9(1, 1)))
        .await
        .unwrap();
    storage
        .move_case(
            case.id,
            Phase::Assessment,
            Some("Backup test".into()),
            today(),
        )
        .await
        .unwrap();
    client_with_case(&storage, "Ben Backup").await;
    let payload = storage.backup_payload().await.unwrap();
    let records: u32 = {
        let mut n = 0;
        for store in schema::SEALED_STORES {
            n += count(&storage, store).await;
        }
        n
    };

    // Whatever key a keyring's row claims (it is not covered by the keyring's MAC), it is restored as the keyring.
    let claimed = care_planner::storage::keyring::KeyringRecord {
        key: "not-the-keyring".into(),
        ..test_keyring()
    };
    let restored = empty
        .restore_payload(&payload, schema::Version::CURRENT.number(), claimed)
        .await
        .unwrap();
    assert_eq!(restored, records as u64);
    assert_eq!(
        stores_without_keyring(&empty).await,
        stores_without_keyring(&storage).await
    );
    let keyring = empty
        .keyring()
        .await
        .unwrap()
        .expect("the keyring is restored");
    assert_eq!((keyring.failures, keyring.failed_at), (0, None));
    let file = empty.case_file(case.id).await.unwrap();
    assert_eq!(file.administrations.len(), 1);
    assert_eq!(
        empty
            .client_file(client.id)
            .await
            .unwrap()
            .client
            .details
            .full_name,
        "佐藤 花子"
    );
    assert!(matches!(
        empty.verify_audit().await.unwrap(),
        care_planner::storage::audit_chain::AuditCheck::Intact { .. }
    ));

    // Not into a workspace that holds records: nothing changes.
    let before = stores_without_keyring(&empty).await;
    assert_eq!(
        empty
            .restore_payload(&payload, schema::Version::CURRENT.number(), test_keyring())
            .await,
        Err(RestoreError::File(Problem::NotEmpty))
    );
    assert_eq!(stores_without_keyring(&empty).await, before);

    // One record of the wrong shape refuses the whole payload; the empty workspace stays empty.
    let broken = payload.replacen("\"body\":", "\"bodie\":", 1);
    assert_eq!(
        other
            .restore_payload(&broken, schema::Version::CURRENT.number(), test_keyring())
            .await,
        Err(RestoreError::File(Problem::Damaged))
    );
    assert_eq!(
        other
            .restore_payload(
                &payload,
                schema::Version::CURRENT.number() + 1,
                test_keyring()
            )
            .await,
        Err(RestoreError::File(Problem::Damaged))
    );
    for store in schema::SEALED_STORES.iter().chain([&schema::AUDIT]) {
        assert_eq!(count(&other, store).await, 0, "{store}");
    }
    assert!(other.keyring().await.unwrap().is_none());
}

/// An edit names the revision its form was opened from: saved over in another tab meanwhile, it is refused as
/// stale with nothing written; made again from the revision now stored, it goes through.
pub async fn an_edit_from_a_revision_saved_over_elsewhere_is_refused_as_stale<B: Backend>(
    storage: Repo<B>,
) {
    let ana = storage.create_client(details("Ana Stale")).await.unwrap();
    let opened = storage.client_file(ana.id).await.unwrap();
    let other_tab = storage.beside();
    let mut theirs = details("Ana Stale");
    theirs.phone = Some("+81 80-0000-1111".into());
    other_tab
        .update_client_from(ana.id, theirs, Some(opened.rev))
        .await
        .unwrap();
    assert_eq!(
        storage
            .update_client_from(ana.id, details("Ana Renamed"), Some(opened.rev))
            .await,
        Err(StorageError::Stale)
    );
    let now = storage.client_file(ana.id).await.unwrap();
    assert_eq!(now.client.details.full_name, "Ana Stale");
    assert_eq!(
        now.client.details.phone.as_deref(),
        Some("+81 80-0000-1111")
    );
    assert_eq!(now.rev, opened.rev + 1);
    storage
        .update_client_from(ana.id, details("Ana Renamed"), Some(now.rev))
        .await
        .unwrap();
    let saved = storage.client_file(ana.id).await.unwrap();
    assert_eq!(saved.client.details.full_name, "Ana Renamed");
    assert_eq!(saved.rev, now.rev + 1);
}

/// The assessment page saves each draft as made from the revision it last read or wrote: a save over another
/// tab's is refused as stale with nothing written; from the revision now stored it goes through.
pub async fn an_assessment_saved_over_elsewhere_is_refused_as_stale<B: Backend>(storage: Repo<B>) {
    let (_, case) = client_with_case(&storage, "Ava Stale").await;
    assert_eq!(storage.assessment_at(case.id).await.unwrap(), (None, 0));
    let mut mine = Assessment::new(case.id, chrono::Utc::now());
    mine.set_text(Section::WhatMatters, "Mine".into());
    let first = storage.save_assessment_from(&mine, Some(0)).await.unwrap();
    let mut theirs = mine.clone();
    theirs.set_text(Section::LivingSituation, "Theirs".into());
    let other_tab = storage.beside();
    let second = other_tab
        .save_assessment_from(&theirs, Some(first))
        .await
        .unwrap();
    assert_eq!(second, first + 1);
    mine.set_text(Section::WhatMatters, "Mine, later".into());
    assert_eq!(
        storage.save_assessment_from(&mine, Some(first)).await,
        Err(StorageError::Stale)
    );
    let (stored, rev) = storage.assessment_at(case.id).await.unwrap();
    assert_eq!(
        (stored.unwrap().text(Section::LivingSituation), rev),
        ("Theirs", second)
    );
    assert_eq!(
        storage.save_assessment_from(&mine, Some(rev)).await,
        Ok(rev + 1)
    );
    // A new assessment expected absent is refused once one exists.
    assert_eq!(
        storage.save_assessment_from(&mine, Some(0)).await,
        Err(StorageError::Stale)
    );
}

/// Every store a case's records are in, with the client and case stores: what a handover moves.
const HANDOVER_STORES: [&str; 15] = [
    schema::CLIENTS,
    schema::CASES,
    schema::ADMINISTRATIONS,
    schema::TASKS,
    schema::NEEDS,
    schema::ASSESSMENTS,
    schema::PLANS,
    schema::PLAN_REVISIONS,
    schema::REFERRALS,
    schema::APPOINTMENTS,
    schema::COVERAGES,
    schema::CONTACTS,
    schema::NOTES,
    schema::TRANSITIONS,
    schema::AUDIT,
];

async fn counts<B: Backend>(storage: &Repo<B>) -> Vec<u32> {
    let mut out = vec![];
    for store in HANDOVER_STORES {
        out.push(count(storage, store).await);
    }
    out
}

/// The demo client with the most records, with all their cases, as a handover payload.
pub async fn richest_handover<B: Backend>(
    storage: &Repo<B>,
) -> care_planner::domain::handover::Payload {
    storage.seed_demo(today(), true).await.unwrap();
    let open = storage.open_caseload().await.unwrap().value;
    let mut best: Option<care_planner::domain::handover::Payload> = None;
    let mut clients: Vec<&Id> = open.clients.keys().collect();
    clients.sort();
    for client in clients {
        let cases: Vec<Id> = open
            .cases
            .iter()
            .filter(|c| c.client_id == *client)
            .map(|c| c.id)
            .collect();
        let payload = storage.handover_payload(*client, &cases).await.unwrap();
        if best
            .as_ref()
            .is_none_or(|b| payload.records().len() > b.records().len())
        {
            best = Some(payload);
        }
    }
    best.unwrap()
}

pub async fn a_handover_imports_whole_and_clashes_follow_the_choices<B: Backend>(
    from: Repo<B>,
    to: Repo<B>,
) {
    use care_planner::domain::handover::{parse_payload, Choice, Choices};
    let payload = richest_handover(&from).await;
    assert!(payload.records().len() > 8, "{}", payload.records().len());
    assert_eq!(parse_payload(&payload.to_bytes()), Ok(payload.clone()));
    let case_ids: Vec<Id> = payload.cases.iter().map(|b| b.case.id).collect();
    let client_id = payload.client.id;

    // Into an empty workspace: nothing clashes, and the same reading there gives the same records.
    let here = to.handover_here(&payload).await.unwrap();
    assert!(!here.clashes());
    let imported = to
        .import_handover(&payload, &Choices::all(Choice::KeepBoth, &payload))
        .await
        .unwrap();
    assert_eq!(imported.client_id, client_id);
    assert_eq!(
        to.handover_payload(client_id, &case_ids).await.unwrap(),
        payload
    );

    // The same file again: everything clashes; skipping all writes nothing.
    let here = to.handover_here(&payload).await.unwrap();
    assert!(here.client && here.cases.len() == case_ids.len());
    let before = counts(&to).await;
    to.import_handover(&payload, &Choices::all(Choice::Skip, &payload))
        .await
        .unwrap();
    assert_eq!(counts(&to).await, before);

    // A newer version of the case replaces what is here: a changed name, a contact fewer (removed here too).
    let mut newer = payload.clone();
    newer.client.details.full_name = "佐藤 花子（引き継ぎ）".into();
    let bundle = newer
        .cases
        .iter_mut()
        .find(|b| !b.contacts.is_empty() || !b.tasks.is_empty())
        .expect("a case with contacts or tasks");
    let dropped = bundle
        .contacts
        .pop()
        .map(|c| c.id)
        .or_else(|| bundle.tasks.pop().map(|t| t.id));
    to.import_handover(&newer, &Choices::all(Choice::Replace, &newer))
        .await
        .unwrap();
    assert_eq!(
        to.handover_payload(client_id, &case_ids).await.unwrap(),
        newer
    );
    let after_replace = counts(&to).await;
    assert_eq!(
        after_replace[0..14].iter().sum::<u32>() + 1,
        before[0..14].iter().sum::<u32>(),
        "one record fewer: {dropped:?}"
    );

    // Keeping both: a second client under a new id with the cases under new ids; the first is untouched.
    let both = to
        .import_handover(&payload, &Choices::all(Choice::KeepBoth, &payload))
        .await
        .unwrap();
    assert_ne!(both.client_id, client_id);
    assert!(both.cases.iter().all(|c| !case_ids.contains(c)));
    assert_eq!(
        to.handover_payload(client_id, &case_ids).await.unwrap(),
        newer
    );
    let copy = to
        .handover_payload(both.client_id, &both.cases)
        .await
        .unwrap();
    assert_eq!(copy.records().len(), payload.records().len());
    assert_eq!(copy.client.details, payload.client.details);
    // A file whose record claims an id that something else holds here gets a new id: nothing here is written over.
    let mut intruder = payload.clone();
    intruder.client.id = fresh_id();
    let bundle = &mut intruder.cases[0];
    bundle.case.id = fresh_id();
    bundle.case.client_id = intruder.client.id;
    let new_case = bundle.case.id;
    // One contact of theirs, under the id of a contact held here.
    let here_contact = newer
        .cases
        .iter()
        .flat_map(|b| b.contacts.first())
        .next()
        .cloned()
        .expect("the richest client has contacts");
    let mut theirs = here_contact.clone();
    theirs.case_id = new_case;
    theirs.summary = "上書きしようとする連絡".into();
    let mut fresh = care_planner::domain::handover::CaseBundle::new(bundle.case.clone());
    fresh.contacts.push(theirs);
    intruder.cases = vec![fresh];
    let before_intruder = counts(&to).await;
    let landed = to
        .import_handover(&intruder, &Choices::all(Choice::Replace, &intruder))
        .await
        .unwrap();
    assert_eq!(
        to.handover_payload(client_id, &case_ids).await.unwrap(),
        newer,
        "the contact held here is as it was"
    );
    let got = to
        .handover_payload(landed.client_id, &landed.cases)
        .await
        .unwrap();
    assert_eq!(got.cases[0].contacts.len(), 1);
    assert_ne!(
        got.cases[0].contacts[0].id, here_contact.id,
        "the intruding contact got a new id"
    );
    assert_eq!(got.cases[0].contacts[0].summary, "上書きしようとする連絡");
    let grown = counts(&to).await;
    assert_eq!(
        grown[0..14].iter().sum::<u32>(),
        before_intruder[0..14].iter().sum::<u32>() + intruder.records().len() as u32
    );
    to.import_handover(&payload, &Choices::all(Choice::Skip, &payload))
        .await
        .unwrap();

    let after_both = counts(&to).await;
    assert_eq!(
        after_both[0..14].iter().sum::<u32>(),
        after_replace[0..14].iter().sum::<u32>()
            + payload.records().len() as u32
            + intruder.records().len() as u32
    );
}
