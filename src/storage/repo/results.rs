//! Instrument results and what hangs off them: the case file, saving a result, marking one entered in error, and
//! completing a task.

use super::{Repo, Result, Snapshot};
use crate::domain::administration::{chronological, Administration, EnteredInError};
use crate::domain::assessment::Assessment;
use crate::domain::case::Case;
use crate::domain::client::Client;
use crate::domain::ids::Id;
use crate::domain::task::{worklist_order, Need, Task};
use crate::domain::workflow::results::{self, CaseResults};
use crate::storage::backend::{Backend, IndexKey, Unreadable};
use crate::storage::records::{
    AdministrationRecord, AssessmentRecord, CaseRecord, ClientRecord, NeedRecord, TaskRecord,
};
use crate::storage::schema::BY_CASE;
use crate::storage::StorageError;
use chrono::Utc;

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
    /// The assessment record's revision as read (0: none yet): its page saves edits as made from it.
    pub assessment_rev: u32,
    /// The care plan, if one was started (what the phases require of it).
    pub plan: Option<crate::domain::plan::CarePlan>,
    /// Referrals, open ones first, earliest follow-up first.
    pub referrals: Vec<crate::domain::coordination::Referral>,
    /// Appointments, earliest first.
    pub appointments: Vec<crate::domain::coordination::Appointment>,
    /// Moves between care settings and the contact log (what transitional care asks of the case).
    pub transitions: Vec<crate::domain::transition::Transition>,
    pub contacts: Vec<crate::domain::contact::Contact>,
    /// Records of the case that could not be read (the rest are shown).
    pub unreadable: Vec<Unreadable>,
}

/// What saving a result wrote, returned instead of read back.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedResult {
    /// The case as written (its new tier), or as stored when the result had already been saved.
    pub case: Case,
    pub administration: Administration,
    /// False when the same submission had already been saved: nothing was written this time.
    pub written: bool,
    pub tasks: Vec<Task>,
    pub needs: Vec<Need>,
}

impl<B: Backend> Repo<B> {
    /// What a result changes, all of it readable: the tier is computed from every result, so a result that cannot
    /// be read stops the change (saying which) rather than being silently left out of the tier.
    async fn all_results(&self, snapshot: &mut Snapshot, case_id: Id) -> Result<CaseResults> {
        let (stored, unreadable) = self.case_results(snapshot, case_id).await?;
        match unreadable.into_iter().next() {
            None => Ok(stored),
            Some(u) => Err(super::unreadable_error(u)),
        }
    }

    /// The case with its results, tasks and needs as stored, noting revisions.
    async fn case_results(
        &self,
        snapshot: &mut Snapshot,
        case_id: Id,
    ) -> Result<(CaseResults, Vec<Unreadable>)> {
        let key = || IndexKey::One(case_id.to_string());
        let case: Case = self
            .read_existing::<CaseRecord, _>(snapshot, &case_id.to_string())
            .await?;
        let administrations = self
            .read_index::<AdministrationRecord, Administration>(snapshot, BY_CASE, key())
            .await?;
        let tasks = self
            .read_index::<TaskRecord, Task>(snapshot, BY_CASE, key())
            .await?;
        let needs = self
            .read_index::<NeedRecord, Need>(snapshot, BY_CASE, key())
            .await?;
        let unreadable = [
            administrations.unreadable,
            tasks.unreadable,
            needs.unreadable,
        ]
        .concat();
        Ok((
            CaseResults {
                case,
                administrations: administrations.value,
                tasks: tasks.value,
                needs: needs.value,
            },
            unreadable,
        ))
    }

    /// A case with its client, instrument results, tasks, needs and assessment, for the case page.
    pub async fn case_file(&self, id: Id) -> Result<CaseFile> {
        let timer = super::Measure::start("storage:case_file");
        let mut snapshot = Snapshot::default();
        let (stored, mut unreadable) = self.case_results(&mut snapshot, id).await?;
        let client: Client = self
            .read_existing::<ClientRecord, _>(&mut snapshot, &stored.case.client_id.to_string())
            .await?;
        let assessment = match self
            .read::<AssessmentRecord, Assessment>(&mut snapshot, &id.to_string())
            .await
        {
            Ok(a) => a,
            Err(StorageError::Corrupt(problem)) => {
                unreadable.push(Unreadable {
                    store: crate::storage::schema::ASSESSMENTS,
                    key: id.to_string(),
                    problem,
                });
                None
            }
            Err(e) => return Err(e),
        };
        let plan = match self
            .read::<crate::storage::records::PlanRecord, crate::domain::plan::CarePlan>(
                &mut snapshot,
                &id.to_string(),
            )
            .await
        {
            Ok(plan) => plan,
            Err(StorageError::Corrupt(problem)) => {
                unreadable.push(Unreadable {
                    store: crate::storage::schema::PLANS,
                    key: id.to_string(),
                    problem,
                });
                None
            }
            Err(e) => return Err(e),
        };
        let key = || IndexKey::One(id.to_string());
        let referrals = self
            .read_index::<crate::storage::records::ReferralRecord, crate::domain::coordination::Referral>(
                &mut snapshot,
                BY_CASE,
                key(),
            )
            .await?;
        let appointments = self
            .read_index::<crate::storage::records::AppointmentRecord, crate::domain::coordination::Appointment>(
                &mut snapshot,
                BY_CASE,
                key(),
            )
            .await?;
        let (transitions, contacts) = self.transitions_and_contacts(&mut snapshot, id).await?;
        unreadable.extend(referrals.unreadable);
        unreadable.extend(appointments.unreadable);
        unreadable.extend(transitions.unreadable);
        unreadable.extend(contacts.unreadable);
        let mut referrals = referrals.value;
        let mut appointments = appointments.value;
        crate::domain::order::sort_by_key(&mut referrals, |r| (!r.is_open(), r.follow_up_due));
        crate::domain::order::sort_by_key(&mut appointments, |a| a.starts);
        let CaseResults {
            case,
            mut administrations,
            mut tasks,
            mut needs,
        } = stored;
        chronological(&mut administrations);
        worklist_order(&mut tasks);
        crate::domain::order::sort_by_key(&mut needs, |n| (n.identified_at, n.concern));
        timer.end();
        Ok(CaseFile {
            case,
            client,
            administrations,
            tasks,
            needs,
            assessment_rev: snapshot
                .rev(crate::storage::schema::ASSESSMENTS, &id.to_string())
                .unwrap_or(0),
            assessment,
            plan,
            referrals,
            appointments,
            transitions: transitions.value,
            contacts: contacts.value,
            unreadable,
        })
    }

    /// Saves an instrument result and, in the same transaction, re-stratifies the case and creates what the result
    /// calls for (the domain's `record_result`). Saving the same administration id again writes nothing.
    pub async fn record_administration(
        &self,
        administration: Administration,
    ) -> Result<SavedResult> {
        let today = chrono::Local::now().date_naive();
        self.act(async || {
            let mut snapshot = Snapshot::default();
            let stored = self
                .all_results(&mut snapshot, administration.case_id)
                .await?;
            let mut ids = || self.fresh_id();
            let changes = results::record_result(
                &stored,
                administration.clone(),
                today,
                Utc::now(),
                &mut ids,
            )
            .map_err(StorageError::Refused)?;
            self.write(&snapshot, &changes).await?;
            let case = changes
                .cases()
                .next()
                .cloned()
                .unwrap_or_else(|| stored.case.clone());
            Ok(SavedResult {
                case,
                administration: administration.clone(),
                written: !changes.is_empty(),
                tasks: changes.tasks().cloned().collect(),
                needs: changes.needs().cloned().collect(),
            })
        })
        .await
    }

    /// Marks a result entered in error (the domain's `mark_entered_in_error`). Returns the case as written.
    pub async fn mark_entered_in_error(
        &self,
        case_id: Id,
        administration_id: Id,
        mark: EnteredInError,
    ) -> Result<Case> {
        self.act(async || {
            let mut snapshot = Snapshot::default();
            let stored = self.all_results(&mut snapshot, case_id).await?;
            let changes = results::mark_entered_in_error(
                &stored,
                administration_id,
                mark.clone(),
                Utc::now(),
            )
            .map_err(StorageError::Refused)?;
            self.write(&snapshot, &changes).await?;
            let written = changes.cases().next().cloned();
            Ok(written.unwrap_or(stored.case))
        })
        .await
    }

    /// Marks a task done.
    pub async fn complete_task(&self, id: Id) -> Result<Task> {
        self.act(async || {
            let mut snapshot = Snapshot::default();
            let task: Task = self
                .read_existing::<TaskRecord, _>(&mut snapshot, &id.to_string())
                .await?;
            let changes = results::complete_task(&task, Utc::now());
            self.write(&snapshot, &changes).await?;
            let written = changes.tasks().next().cloned();
            Ok(written.unwrap_or(task))
        })
        .await
    }
}
