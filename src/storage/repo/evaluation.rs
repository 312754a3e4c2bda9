//! Evaluation and closure: the evaluation page's read (goals with their outcomes, instrument results from baseline
//! to latest, the open work a closure would cancel), closing a case with that work in one transaction, and
//! reopening it.

use super::{Repo, Result, Snapshot};
use crate::domain::administration::{chronological, Administration};
use crate::domain::case::{Case, ClosureForm};
use crate::domain::ids::Id;
use crate::domain::plan::CarePlan;
use crate::domain::workflow::closure::{self, OpenWork};
use crate::domain::workflow::Changeset;
use crate::storage::backend::{Backend, IndexKey, Unreadable};
use crate::storage::records::{AdministrationRecord, CaseRecord};
use crate::storage::schema::BY_CASE;
use crate::storage::StorageError;
use chrono::Utc;

/// What the evaluation page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct EvaluationFile {
    pub case: Case,
    pub client_name: String,
    pub plan: Option<CarePlan>,
    /// Oldest first.
    pub administrations: Vec<Administration>,
    /// What a closure now would cancel.
    pub open_work: OpenWork,
    /// When it was read (local): a closure confirmed later counts appointments "to come" from then, so one that
    /// began while the page was open is still the work the user saw.
    pub read_at: chrono::NaiveDateTime,
    pub unreadable: Vec<Unreadable>,
}

impl EvaluationFile {
    /// Goals (other than cancelled ones) with no outcome yet.
    pub fn goals_unevaluated(&self) -> usize {
        self.plan.as_ref().map_or(0, |p| p.outcomes().1)
    }
}

fn local_now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

impl<B: Backend> Repo<B> {
    pub async fn evaluation_file(&self, case_id: Id) -> Result<EvaluationFile> {
        let mut snapshot = Snapshot::default();
        let (work, mut unreadable) = self.case_work(&mut snapshot, case_id).await?;
        let administrations = self
            .read_index::<AdministrationRecord, Administration>(
                &mut snapshot,
                BY_CASE,
                IndexKey::One(case_id.to_string()),
            )
            .await?;
        unreadable.extend(administrations.unreadable);
        let mut administrations = administrations.value;
        chronological(&mut administrations);
        let read_at = local_now();
        Ok(EvaluationFile {
            open_work: OpenWork::of(work.tasks, work.referrals, work.appointments, read_at),
            read_at,
            case: work.case,
            client_name: work.client_name,
            plan: work.plan,
            administrations,
            unreadable,
        })
    }

    /// Closes a case, cancelling in the same transaction exactly the open work the user confirmed (`confirmed`, as
    /// listed by the page read at `shown_at`): open work that changed meanwhile refuses the closure and writes
    /// nothing.
    pub async fn close_case_with(
        &self,
        case_id: Id,
        form: ClosureForm,
        confirmed: Vec<Id>,
        shown_at: chrono::NaiveDateTime,
    ) -> Result<Changeset> {
        self.act(async || {
            let mut snapshot = Snapshot::default();
            let (work, unreadable) = self.case_work(&mut snapshot, case_id).await?;
            // Open work that cannot be read could not be cancelled: nothing is closed until it can be.
            if let Some(u) = unreadable.into_iter().next() {
                return Err(super::unreadable_error(u));
            }
            let unevaluated = work.plan.as_ref().map_or(0, |p| p.outcomes().1);
            let open = OpenWork::of(work.tasks, work.referrals, work.appointments, shown_at);
            let changes = closure::close(
                &work.case,
                form.clone(),
                &open,
                &confirmed,
                unevaluated,
                Utc::now(),
            )
            .map_err(StorageError::Refused)?;
            self.write(&snapshot, &changes).await?;
            Ok(changes)
        })
        .await
    }

    /// Opens a closed case again, recording why and who.
    pub async fn reopen_case(&self, case_id: Id, reason: String, by: String) -> Result<Changeset> {
        self.act(async || {
            let mut snapshot = Snapshot::default();
            let case: Case = self
                .read_existing::<CaseRecord, _>(&mut snapshot, &case_id.to_string())
                .await?;
            let changes = closure::reopen(&case, reason.clone(), by.clone(), Utc::now())
                .map_err(StorageError::Refused)?;
            self.write(&snapshot, &changes).await?;
            Ok(changes)
        })
        .await
    }
}
