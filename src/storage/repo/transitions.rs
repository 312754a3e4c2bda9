//! Transitional care: the transitions page's read (the case, its transitions, its contacts and the current
//! medication list), recording a transition with its 72-hour task, the checklist, and medication reconciliation.

use super::{Repo, Result, Snapshot};
use crate::domain::assessment::{Assessment, Medication};
use crate::domain::case::Case;
use crate::domain::contact::Contact;
use crate::domain::ids::Id;
use crate::domain::transition::{ChecklistItem, Reconciliation, Transition};
use crate::domain::workflow::{transitions, Changeset};
use crate::storage::backend::{Backend, IndexKey, Unreadable};
use crate::storage::records::{AssessmentRecord, CaseRecord, ContactRecord, TransitionRecord};
use crate::storage::schema::BY_CASE;
use crate::storage::StorageError;
use chrono::Utc;

/// What the transitions page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct TransitionsFile {
    pub case: Case,
    pub client_name: String,
    /// Latest move first.
    pub transitions: Vec<Transition>,
    /// Every contact on the case (shown against each transition's 72-hour window).
    pub contacts: Vec<Contact>,
    /// The current medication list, which a reconciliation starts from.
    pub medications: Vec<Medication>,
    pub unreadable: Vec<Unreadable>,
}

impl<B: Backend> Repo<B> {
    /// The case's transitions and contact log, for what the phases ask of them.
    pub(super) async fn transitions_and_contacts(
        &self,
        snapshot: &mut Snapshot,
        case_id: Id,
    ) -> Result<(
        super::Partial<Vec<Transition>>,
        super::Partial<Vec<Contact>>,
    )> {
        let key = || IndexKey::One(case_id.to_string());
        let transitions = self
            .read_index::<TransitionRecord, Transition>(snapshot, BY_CASE, key())
            .await?;
        let contacts = self
            .read_index::<ContactRecord, Contact>(snapshot, BY_CASE, key())
            .await?;
        Ok((transitions, contacts))
    }

    pub async fn transitions_file(&self, case_id: Id) -> Result<TransitionsFile> {
        let mut snapshot = Snapshot::default();
        let key = case_id.to_string();
        let case: Case = self
            .read_existing::<CaseRecord, _>(&mut snapshot, &key)
            .await?;
        let client_name = self.client_name(case.client_id).await?;
        let moves = self
            .read_index::<TransitionRecord, Transition>(
                &mut snapshot,
                BY_CASE,
                IndexKey::One(key.clone()),
            )
            .await?;
        let contacts = self
            .read_index::<ContactRecord, Contact>(
                &mut snapshot,
                BY_CASE,
                IndexKey::One(key.clone()),
            )
            .await?;
        let assessment: Option<Assessment> = self
            .read::<AssessmentRecord, _>(&mut snapshot, &key)
            .await?;
        let mut transitions = moves.value;
        crate::domain::order::sort_by_key(&mut transitions, |t| {
            std::cmp::Reverse((t.at, t.recorded_at))
        });
        Ok(TransitionsFile {
            case,
            client_name,
            transitions,
            contacts: contacts.value,
            medications: assessment.map(|a| a.medications).unwrap_or_default(),
            unreadable: [moves.unreadable, contacts.unreadable].concat(),
        })
    }

    /// Records a transition on its case, with its post-transition task when the 72-hour rule applies.
    pub async fn record_transition(&self, transition: Transition) -> Result<Changeset> {
        self.act(async || {
            let mut snapshot = Snapshot::default();
            let key = transition.case_id.to_string();
            let case: Case = self
                .read_existing::<CaseRecord, _>(&mut snapshot, &key)
                .await?;
            let contacts = self
                .read_index::<ContactRecord, Contact>(&mut snapshot, BY_CASE, IndexKey::One(key))
                .await?
                .value;
            let changes =
                transitions::record_transition(&case, transition.clone(), &contacts, Utc::now())
                    .map_err(StorageError::Refused)?;
            self.write(&snapshot, &changes).await?;
            Ok(changes)
        })
        .await
    }

    /// Ticks or unticks a checklist item of a transition as stored now.
    pub async fn set_checklist(
        &self,
        case_id: Id,
        transition_id: Id,
        item: ChecklistItem,
        done: bool,
    ) -> Result<Changeset> {
        self.act(async || {
            let mut snapshot = Snapshot::default();
            let case: Case = self
                .read_existing::<CaseRecord, _>(&mut snapshot, &case_id.to_string())
                .await?;
            let stored: Transition = self
                .read_existing::<TransitionRecord, _>(&mut snapshot, &transition_id.to_string())
                .await?;
            let changes = transitions::set_checklist(&case, &stored, item, done, Utc::now())
                .map_err(StorageError::Refused)?;
            self.write(&snapshot, &changes).await?;
            Ok(changes)
        })
        .await
    }

    /// Confirms a medication reconciliation and makes its list the current one, in one transaction. The list it was
    /// made from must still be the current one: a list changed meanwhile (another tab) is a conflict, never
    /// overwritten unseen.
    pub async fn reconcile(
        &self,
        case_id: Id,
        transition_id: Id,
        reconciliation: Reconciliation,
    ) -> Result<Changeset> {
        self.act(async || {
            let mut snapshot = Snapshot::default();
            let key = case_id.to_string();
            let case: Case = self
                .read_existing::<CaseRecord, _>(&mut snapshot, &key)
                .await?;
            let stored: Transition = self
                .read_existing::<TransitionRecord, _>(&mut snapshot, &transition_id.to_string())
                .await?;
            let assessment: Option<Assessment> = self
                .read::<AssessmentRecord, _>(&mut snapshot, &key)
                .await?;
            let listed: Vec<&Medication> = reconciliation
                .lines
                .iter()
                .filter_map(|l| l.before.as_ref())
                .collect();
            let current: Vec<&Medication> = assessment
                .iter()
                .flat_map(|a| a.medications.iter())
                .collect();
            if listed != current {
                return Err(StorageError::Conflict);
            }
            let changes = transitions::reconcile(
                &case,
                &stored,
                assessment.as_ref(),
                reconciliation.clone(),
                Utc::now(),
            )
            .map_err(StorageError::Refused)?;
            self.write(&snapshot, &changes).await?;
            Ok(changes)
        })
        .await
    }
}
