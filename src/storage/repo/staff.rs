//! The staff list: read whole (it is short), and saved one member at a time.

use super::{Partial, Repo, Result, Snapshot};
use crate::domain::audit::Action;
use crate::domain::staff::StaffMember;
use crate::domain::workflow::{Changeset, Record};
use crate::storage::backend::{Backend, Unreadable};
use crate::storage::records::StaffRecord;
use chrono::Utc;

impl<B: Backend> Repo<B> {
    /// Everyone on the staff list, by name; a member that cannot be read is listed apart.
    pub async fn staff(&self) -> Result<Partial<Vec<StaffMember>>> {
        let mut members = Vec::new();
        let mut unreadable = Vec::new();
        for row in self.backend.all::<StaffRecord>().await? {
            match row {
                Ok(row) => match self.open_row::<_, StaffMember>(&row).await {
                    Ok(member) => members.push(member),
                    Err(e) => unreadable.push(Unreadable {
                        store: crate::storage::schema::STAFF,
                        key: row.id.clone(),
                        problem: e.to_string(),
                    }),
                },
                Err(u) => unreadable.push(u),
            }
        }
        crate::domain::order::sort_by_key(&mut members, |m| m.name.to_lowercase());
        Ok(Partial {
            value: members,
            unreadable,
        })
    }

    /// Adds a staff member, or saves a change to one (as stored now: a change made meanwhile in another tab is a
    /// conflict, never overwritten).
    pub async fn save_staff(&self, member: StaffMember) -> Result<Changeset> {
        self.act(async || {
            let mut snapshot = Snapshot::default();
            let stored: Option<StaffMember> = self
                .read::<StaffRecord, _>(&mut snapshot, &member.id.to_string())
                .await?;
            let mut changes = Changeset::default();
            let action = if stored.is_some() {
                Action::Updated
            } else {
                Action::Created
            };
            changes.put(Record::Staff(member.clone()), action, Utc::now());
            self.write(&snapshot, &changes).await?;
            Ok(changes)
        })
        .await
    }
}
