//! Follow-up: the follow-up page's read (the case, its client's name and its contact log) and logging a contact,
//! which writes the contact and the case's moved next-contact day in one transaction.

use super::{Repo, Result, Snapshot};
use crate::domain::case::Case;
use crate::domain::contact::Contact;
use crate::domain::ids::Id;
use crate::domain::search::CaseRef;
use crate::domain::workflow::{follow_up, Changeset};
use crate::storage::backend::{Backend, IndexKey, Unreadable};
use crate::storage::records::{CaseRecord, ContactRecord};
use crate::storage::schema::{BY_CASE, CASES_BY_NEXT_CONTACT};
use crate::storage::StorageError;
use chrono::{Days, NaiveDate, Utc};

/// What the follow-up page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct FollowUpFile {
    pub case: Case,
    pub client_name: String,
    /// The contact log, latest first.
    pub contacts: Vec<Contact>,
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
        let mut log = contacts.value;
        crate::domain::order::sort_by_key(&mut log, |c| std::cmp::Reverse((c.at, c.logged_at)));
        Ok(FollowUpFile {
            case,
            client_name,
            contacts: log,
            unreadable: contacts.unreadable,
        })
    }

    /// Logs a contact on its case, moving the case's next contact due.
    pub async fn log_contact(&self, contact: Contact) -> Result<Changeset> {
        self.act(async || {
            let mut snapshot = Snapshot::default();
            let case: Case = self
                .read_existing::<CaseRecord, _>(&mut snapshot, &contact.case_id.to_string())
                .await?;
            let changes = follow_up::log_contact(&case, contact.clone(), Utc::now())
                .map_err(StorageError::Refused)?;
            self.write(&snapshot, &changes).await?;
            Ok(changes)
        })
        .await
    }

    /// Open cases whose next contact is due on or before `day`, earliest first, from the clear fields of the
    /// `by_next_contact` index's range alone (no record is opened; closed cases are not in the index).
    pub async fn contacts_due(&self, day: NaiveDate) -> Result<Vec<(CaseRef, NaiveDate)>> {
        let until = day
            .checked_add_days(Days::new(1))
            .unwrap_or(day)
            .to_string();
        let rows = self
            .backend
            .by_index::<CaseRecord>(CASES_BY_NEXT_CONTACT, IndexKey::Range { from: None, until })
            .await?;
        let mut due = Vec::with_capacity(rows.len());
        for row in rows.into_iter().flatten() {
            let on = row
                .next_contact
                .as_deref()
                .and_then(crate::domain::validation::parse_iso_date)
                .ok_or_else(|| {
                    StorageError::Corrupt(format!("case {}: bad next_contact", row.id))
                })?;
            due.push((row.case_ref()?, on));
        }
        Ok(due)
    }
}
