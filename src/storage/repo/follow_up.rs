//! Follow-up: the follow-up page's read (the case, its client's name and its contact log) and logging a contact,
//! which writes the contact and the case's moved next-contact day in one transaction.

use super::{Partial, Repo, Result, Snapshot};
use crate::domain::case::Case;
use crate::domain::contact::Contact;
use crate::domain::ids::Id;
use crate::domain::note::{Addendum, ProgressNote};
use crate::domain::search::CaseRef;
use crate::domain::task::{rule_task_id, Task, TaskKind};
use crate::domain::transition::Transition;
use crate::domain::workflow::{follow_up, Changeset};
use crate::storage::backend::{Backend, IndexKey, Unreadable};
use crate::storage::records::{
    CaseRecord, ContactRecord, NoteRecord, TaskRecord, TransitionRecord,
};
use crate::storage::schema::{BY_CASE, CASES, CASES_BY_NEXT_CONTACT};
use crate::storage::StorageError;
use chrono::{Days, NaiveDate, Utc};

/// What the follow-up page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct FollowUpFile {
    pub case: Case,
    pub client_name: String,
    /// The contact log, latest first.
    pub contacts: Vec<Contact>,
    /// Progress notes, latest signed first.
    pub notes: Vec<ProgressNote>,
    /// The staff list, whose names a signer's field suggests.
    pub staff: Vec<crate::domain::staff::StaffMember>,
    pub unreadable: Vec<Unreadable>,
}

impl<B: Backend> Repo<B> {
    /// The follow-up page: the case and its contacts.
    pub async fn follow_up_file(&self, case_id: Id) -> Result<FollowUpFile> {
        let mut snapshot = Snapshot::default();
        let case: Case = self
            .read_existing::<CaseRecord, _>(&mut snapshot, &case_id.to_string())
            .await?;
        let client_name = self.client_name(case.client_id).await?;
        let contacts = self
            .read_index::<ContactRecord, Contact>(
                &mut snapshot,
                BY_CASE,
                IndexKey::One(case_id.to_string()),
            )
            .await?;
        let notes = self
            .read_index::<NoteRecord, ProgressNote>(
                &mut snapshot,
                BY_CASE,
                IndexKey::One(case_id.to_string()),
            )
            .await?;
        let mut log = contacts.value;
        crate::domain::order::sort_by_key(&mut log, |c| std::cmp::Reverse((c.at, c.logged_at)));
        let mut signed = notes.value;
        crate::domain::order::sort_by_key(&mut signed, |n| std::cmp::Reverse(n.signed.at));
        Ok(FollowUpFile {
            case,
            client_name,
            contacts: log,
            notes: signed,
            staff: self.staff().await?.value,
            unreadable: [contacts.unreadable, notes.unreadable].concat(),
        })
    }

    /// Logs a contact on its case, moving the case's next contact due, and completing the post-transition task of a
    /// transition whose 72-hour window holds it.
    pub async fn log_contact(&self, contact: Contact) -> Result<Changeset> {
        let timer = super::Measure::start("storage:log_contact");
        let logged = self
            .act(async || {
                let mut snapshot = Snapshot::default();
                let case: Case = self
                    .read_existing::<CaseRecord, _>(&mut snapshot, &contact.case_id.to_string())
                    .await?;
                let transitions = self
                    .read_index::<TransitionRecord, Transition>(
                        &mut snapshot,
                        BY_CASE,
                        IndexKey::One(case.id.to_string()),
                    )
                    .await?
                    .value;
                // Only a transition whose window holds the contact has a task the contact can complete.
                let mut tasks = Vec::new();
                for t in transitions.iter().filter(|t| t.counts(contact.at)) {
                    if let Some(due) = t.task_due() {
                        let id = rule_task_id(TaskKind::PostTransitionContact, t.id, due);
                        if let Some(task) = self
                            .read::<TaskRecord, Task>(&mut snapshot, &id.to_string())
                            .await?
                        {
                            tasks.push(task);
                        }
                    }
                }
                let changes = follow_up::log_contact(
                    &case,
                    contact.clone(),
                    &transitions,
                    &tasks,
                    Utc::now(),
                )
                .map_err(StorageError::Refused)?;
                self.write(&snapshot, &changes).await?;
                Ok(changes)
            })
            .await;
        timer.end();
        logged
    }

    /// Signs a new progress note on its case.
    pub async fn sign_note(&self, note: ProgressNote) -> Result<Changeset> {
        self.act(async || {
            let mut snapshot = Snapshot::default();
            let case: Case = self
                .read_existing::<CaseRecord, _>(&mut snapshot, &note.case_id.to_string())
                .await?;
            let staff = self.staff().await?.value;
            let changes = follow_up::sign_note(
                &case,
                note.clone(),
                &staff,
                &mut || self.fresh_id(),
                Utc::now(),
            )
            .map_err(StorageError::Refused)?;
            self.write(&snapshot, &changes).await?;
            Ok(changes)
        })
        .await
    }

    /// Adds a signed addendum to the note as stored now (an addendum another tab added meanwhile is kept).
    pub async fn add_addendum(
        &self,
        case_id: Id,
        note_id: Id,
        addendum: Addendum,
    ) -> Result<Changeset> {
        self.act(async || {
            let mut snapshot = Snapshot::default();
            let case: Case = self
                .read_existing::<CaseRecord, _>(&mut snapshot, &case_id.to_string())
                .await?;
            let note: ProgressNote = self
                .read_existing::<NoteRecord, _>(&mut snapshot, &note_id.to_string())
                .await?;
            let staff = self.staff().await?.value;
            let changes = follow_up::add_addendum(
                &case,
                &note,
                addendum.clone(),
                &staff,
                &mut || self.fresh_id(),
                Utc::now(),
            )
            .map_err(StorageError::Refused)?;
            self.write(&snapshot, &changes).await?;
            Ok(changes)
        })
        .await
    }

    /// Open cases whose next contact is due on or before `day`, earliest first, from the clear fields of the
    /// `by_next_contact` index's range alone (no record is opened; closed cases are not in the index). A case
    /// record that cannot be read is listed apart, never failing the list.
    pub async fn contacts_due(&self, day: NaiveDate) -> Result<Partial<Vec<(CaseRef, NaiveDate)>>> {
        let until = day
            .checked_add_days(Days::new(1))
            .unwrap_or(day)
            .to_string();
        let rows = self
            .backend
            .by_index::<CaseRecord>(CASES_BY_NEXT_CONTACT, IndexKey::Range { from: None, until })
            .await?;
        let mut due = Vec::with_capacity(rows.len());
        let mut unreadable = Vec::new();
        let codes = self.codec().codes();
        for row in rows {
            let row = match row {
                Ok(row) => row,
                Err(u) => {
                    unreadable.push(u);
                    continue;
                }
            };
            let on = row
                .next_contact
                .as_deref()
                .and_then(crate::domain::validation::parse_iso_date);
            match (row.case_ref(&codes), on) {
                (Ok(case), Some(on)) => due.push((case, on)),
                (Err(e), _) => unreadable.push(Unreadable {
                    store: CASES,
                    key: row.id.clone(),
                    problem: e.to_string(),
                }),
                (Ok(_), None) => unreadable.push(Unreadable {
                    store: CASES,
                    key: row.id.clone(),
                    problem: "bad next_contact".into(),
                }),
            }
        }
        crate::domain::order::sort_by_key(&mut due, |(case, on)| (*on, case.id));
        Ok(Partial {
            value: due,
            unreadable,
        })
    }
}
