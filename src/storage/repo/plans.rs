//! Care planning and coordination: the plan page's and coordination page's reads, every plan change, referrals,
//! appointments, tasks written by hand, and the time-based rules (overdue referrals) read through the due-date index.

use super::{Partial, Repo, Result, Snapshot};
use crate::domain::administration::Administration;
use crate::domain::assessment::Assessment;
use crate::domain::audit::Action;
use crate::domain::case::Case;
use crate::domain::client::Client;
use crate::domain::coordination::{Appointment, AppointmentStatus, ManualTask, Referral};
use crate::domain::coverage::{Authorization, Coverage};
use crate::domain::ids::Id;
use crate::domain::phase::Phase;
use crate::domain::plan::{CarePlan, PlanRevision};
use crate::domain::progress::{missing_for_move, Facts};
use crate::domain::task::{worklist_order, Need, Task};
use crate::domain::workflow::coordination;
use crate::domain::workflow::plans::{self, CaseWork, PlanEdit, PlanError};
use crate::domain::workflow::{Changeset, Record};
use crate::storage::backend::{Backend, IndexKey, Unreadable};
use crate::storage::records::{
    AdministrationRecord, AppointmentRecord, AssessmentRecord, CaseRecord, ClientRecord,
    CoverageRecord, NeedRecord, PlanRecord, PlanRevisionRecord, ReferralRecord, TaskRecord,
};
use crate::storage::schema::{BY_CASE, BY_DUE};
use crate::storage::StorageError;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

/// What the plan and coordination pages show.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanFile {
    pub work: CaseWork,
    /// Earlier revisions of the plan, oldest first.
    pub revisions: Vec<PlanRevision>,
    /// The case's results (what raised each need).
    pub administrations: Vec<Administration>,
    pub unreadable: Vec<Unreadable>,
}

impl<B: Backend> Repo<B> {
    /// A client's name for a page heading (empty when the client cannot be read), not noted in a snapshot: a later
    /// change to the client does not make a change to the case a conflict.
    pub(super) async fn client_name(&self, client_id: Id) -> Result<String> {
        Ok(
            match self
                .backend
                .get::<ClientRecord>(&client_id.to_string())
                .await?
            {
                Some(Ok(row)) => self
                    .open_row::<_, Client>(&row)
                    .await
                    .map(|c| c.details.full_name)
                    .unwrap_or_default(),
                _ => String::new(),
            },
        )
    }

    /// The case with its plan, needs, referrals, appointments and tasks, noting revisions; unreadable records are
    /// returned apart.
    pub(super) async fn case_work(
        &self,
        snapshot: &mut Snapshot,
        case_id: Id,
    ) -> Result<(CaseWork, Vec<Unreadable>)> {
        let key = || IndexKey::One(case_id.to_string());
        let case: Case = self
            .read_existing::<CaseRecord, _>(snapshot, &case_id.to_string())
            .await?;
        // The client is read for its name only (the team's first member): a later change to the client does not
        // make a plan change a conflict.
        let client_name = self.client_name(case.client_id).await?;
        // A plan that cannot be read is listed apart, as any other record: the pages still show the rest, and
        // no change is made on the case until it can be read (`work_on` refuses with unreadable records).
        let mut unreadable_plan = Vec::new();
        let plan = match self
            .read::<PlanRecord, CarePlan>(snapshot, &case_id.to_string())
            .await
        {
            Ok(plan) => plan,
            Err(StorageError::Corrupt(problem)) => {
                unreadable_plan.push(Unreadable {
                    store: crate::storage::schema::PLANS,
                    key: case_id.to_string(),
                    problem,
                });
                None
            }
            Err(e) => return Err(e),
        };
        let needs = self
            .read_index::<NeedRecord, Need>(snapshot, BY_CASE, key())
            .await?;
        let referrals = self
            .read_index::<ReferralRecord, Referral>(snapshot, BY_CASE, key())
            .await?;
        let appointments = self
            .read_index::<AppointmentRecord, Appointment>(snapshot, BY_CASE, key())
            .await?;
        let tasks = self
            .read_index::<TaskRecord, Task>(snapshot, BY_CASE, key())
            .await?;
        let coverages = self
            .read_index::<CoverageRecord, Coverage>(snapshot, BY_CASE, key())
            .await?;
        let unreadable = [
            unreadable_plan,
            needs.unreadable,
            referrals.unreadable,
            appointments.unreadable,
            tasks.unreadable,
            coverages.unreadable,
        ]
        .concat();
        Ok((
            CaseWork {
                case,
                client_name,
                plan,
                needs: needs.value,
                referrals: referrals.value,
                appointments: appointments.value,
                tasks: tasks.value,
                coverages: coverages.value,
            },
            unreadable,
        ))
    }

    /// Runs a planning or coordination action on the case's stored work, all of it readable (a change decided
    /// on part of the records could leave a link dangling), and writes its changeset.
    async fn work_on(
        &self,
        case_id: Id,
        decide: impl Fn(&CaseWork, DateTime<Utc>) -> std::result::Result<Changeset, StorageError>,
    ) -> Result<Changeset> {
        self.act(async || {
            let mut snapshot = Snapshot::default();
            let (work, unreadable) = self.case_work(&mut snapshot, case_id).await?;
            if let Some(u) = unreadable.into_iter().next() {
                return Err(super::unreadable_error(u));
            }
            let changes = decide(&work, Utc::now())?;
            self.write(&snapshot, &changes).await?;
            Ok(changes)
        })
        .await
    }

    /// The plan page: the case's work, the plan's earlier revisions and its results.
    pub async fn plan_file(&self, case_id: Id) -> Result<PlanFile> {
        let mut snapshot = Snapshot::default();
        let (mut work, mut unreadable) = self.case_work(&mut snapshot, case_id).await?;
        let key = || IndexKey::One(case_id.to_string());
        let revisions = self
            .read_index::<PlanRevisionRecord, PlanRevision>(&mut snapshot, BY_CASE, key())
            .await?;
        let administrations = self
            .read_index::<AdministrationRecord, Administration>(&mut snapshot, BY_CASE, key())
            .await?;
        unreadable.extend(revisions.unreadable);
        unreadable.extend(administrations.unreadable);
        let Partial {
            value: mut revisions,
            ..
        } = revisions;
        crate::domain::order::sort_by_key(&mut revisions, |r| r.plan.revision);
        crate::domain::order::sort_by_key(&mut work.needs, |n| (n.identified_at, n.concern));
        crate::domain::order::sort_by_key(&mut work.referrals, |r| (!r.is_open(), r.follow_up_due));
        crate::domain::order::sort_by_key(&mut work.appointments, |a| a.starts);
        worklist_order(&mut work.tasks);
        Ok(PlanFile {
            work,
            revisions,
            administrations: administrations.value,
            unreadable,
        })
    }

    /// One change to the case's plan (the domain's `edit_plan`); returns the plan as written.
    pub async fn edit_plan(&self, case_id: Id, edit: PlanEdit) -> Result<Changeset> {
        self.work_on(case_id, |work, now| {
            let mut ids = || self.fresh_id();
            plans::edit_plan(work, edit.clone(), now, &mut ids).map_err(|e| match e {
                PlanError::Workflow(w) => StorageError::Refused(w),
                PlanError::InUse(referrers) => StorageError::InUse(referrers),
            })
        })
        .await
    }

    /// Saves a new referral or the next step of one (built by the page from the stored referral).
    pub async fn save_referral(&self, referral: Referral) -> Result<Changeset> {
        self.work_on(referral.case_id, |work, now| {
            coordination::save_referral(work, referral.clone(), now).map_err(StorageError::Refused)
        })
        .await
    }

    pub async fn add_appointment(&self, appointment: Appointment) -> Result<Changeset> {
        self.work_on(appointment.case_id, |work, now| {
            coordination::add_appointment(work, appointment.clone(), now)
                .map_err(StorageError::Refused)
        })
        .await
    }

    /// Records how an appointment went; a missed one creates its follow-up task in the same transaction.
    pub async fn set_appointment_status(
        &self,
        case_id: Id,
        id: Id,
        status: AppointmentStatus,
        today: NaiveDate,
    ) -> Result<Changeset> {
        self.work_on(case_id, |work, now| {
            coordination::set_appointment_status(work, id, status, today, now)
                .map_err(StorageError::Refused)
        })
        .await
    }

    /// Adds a payer to the case or changes one.
    pub async fn save_coverage(&self, coverage: Coverage) -> Result<Changeset> {
        self.work_on(coverage.case_id, |work, now| {
            coordination::save_coverage(work, coverage.clone(), now).map_err(StorageError::Refused)
        })
        .await
    }

    /// Adds an authorized service to one of the case's payers.
    pub async fn add_authorization(
        &self,
        case_id: Id,
        coverage_id: Id,
        authorization: Authorization,
    ) -> Result<Changeset> {
        self.work_on(case_id, |work, now| {
            coordination::add_authorization(work, coverage_id, authorization.clone(), now)
                .map_err(StorageError::Refused)
        })
        .await
    }

    pub async fn add_task(&self, case_id: Id, task: ManualTask) -> Result<Changeset> {
        self.work_on(case_id, |work, now| {
            let mut ids = || self.fresh_id();
            coordination::add_task(work, task.clone(), now, &mut ids).map_err(StorageError::Refused)
        })
        .await
    }

    /// Moves the case to another phase. Moving forward past work a phase still misses (what `progress` names,
    /// from the case's screening, assessment, tier, plan and referrals as stored now) needs a reason, and the
    /// missing items and the reason are kept in the history.
    pub async fn move_case(
        &self,
        id: Id,
        to: Phase,
        reason: Option<String>,
        today: NaiveDate,
    ) -> Result<Case> {
        self.act(async || {
            let mut snapshot = Snapshot::default();
            let (work, _) = self.case_work(&mut snapshot, id).await?;
            let assessment = self
                .read::<AssessmentRecord, Assessment>(&mut snapshot, &id.to_string())
                .await
                .unwrap_or(None);
            let (transitions, contacts) = self.transitions_and_contacts(&mut snapshot, id).await?;
            let facts = Facts::of(
                &work.case,
                assessment.as_ref(),
                work.plan.as_ref(),
                &work.referrals,
                today,
            )
            .with_transitions(
                &transitions.value,
                &contacts.value,
                chrono::Local::now().naive_local(),
            );
            let missing = missing_for_move(work.case.phase, to, &facts);
            let now = Utc::now();
            let mut case = work.case.clone();
            case.move_on(to, missing, reason.clone(), now)
                .map_err(StorageError::Refused)?;
            let mut changes = Changeset::default();
            changes.put(Record::Case(case.clone()), Action::PhaseChanged, now);
            self.write(&snapshot, &changes).await?;
            Ok(case)
        })
        .await
    }

    /// The records of `items` whose case is open, each case's status read once (from its record's clear status,
    /// without opening it) and remembered in `open`.
    async fn on_open_cases<T: Clone>(
        &self,
        items: &[T],
        case_of: fn(&T) -> Id,
        open: &mut HashMap<Id, bool>,
    ) -> Result<Vec<T>> {
        let mut kept = Vec::new();
        for item in items {
            let case_id = case_of(item);
            let is_open = match open.get(&case_id) {
                Some(known) => *known,
                None => {
                    let known = matches!(
                        self.backend.get::<CaseRecord>(&case_id.to_string()).await?,
                        Some(Ok(row)) if row.status == crate::domain::case::CaseStatus::Open.code()
                    );
                    open.insert(case_id, known);
                    known
                }
            };
            if is_open {
                kept.push(item.clone());
            }
        }
        Ok(kept)
    }

    /// Whether the rule-made task `id` is stored already (the rules make each task once).
    async fn task_exists(&self, id: Id) -> Result<bool> {
        Ok(self
            .backend
            .get::<TaskRecord>(&id.to_string())
            .await?
            .is_some())
    }

    /// The time-based rules, run when the app opens and at local midnight, each reading only its due-date index
    /// range (never every record): every open referral whose follow-up date is before `today` gets its overdue
    /// task, and every payer whose certification or authorization ends within 30 days its renewal task, once.
    /// Returns how many tasks were made.
    pub async fn run_due_rules(&self, today: NaiveDate) -> Result<usize> {
        self.act(async || {
            let mut snapshot = Snapshot::default();
            let due = self
                .read_index::<ReferralRecord, Referral>(
                    &mut snapshot,
                    BY_DUE,
                    IndexKey::Range {
                        from: None,
                        until: today.to_string(),
                    },
                )
                .await?;
            // Rules act on open cases only: a closed case takes no new tasks.
            let mut open_cases = HashMap::new();
            let due_open = self
                .on_open_cases(&due.value, |r| r.case_id, &mut open_cases)
                .await?;
            let mut existing = Vec::new();
            for referral in &due_open {
                let id = coordination::overdue_task_id(referral);
                if self.task_exists(id).await? {
                    existing.push(id);
                }
            }
            let horizon = today + chrono::Duration::days(crate::domain::coverage::WARN_DAYS + 1);
            let ending = self
                .read_index::<CoverageRecord, Coverage>(
                    &mut snapshot,
                    BY_DUE,
                    IndexKey::Range {
                        from: None,
                        until: horizon.to_string(),
                    },
                )
                .await?;
            let ending_open = self
                .on_open_cases(&ending.value, |c| c.case_id, &mut open_cases)
                .await?;
            for coverage in &ending_open {
                if let Some(id) = coordination::coverage_task_id(coverage, today) {
                    if self.task_exists(id).await? {
                        existing.push(id);
                    }
                }
            }
            let now = Utc::now();
            let mut changes =
                coordination::overdue_referral_tasks(&due_open, &existing, today, now);
            let coverage = coordination::coverage_ending_tasks(&ending_open, &existing, today, now);
            changes.puts.extend(coverage.puts);
            changes.audit.extend(coverage.audit);
            // Only the tasks are written; the referrals read need not stay as they were.
            self.write(&Snapshot::default(), &changes).await?;
            Ok(changes.puts.len())
        })
        .await
    }
}
