//! Clients: registering, editing, and deleting one with everything recorded on their cases.

use super::{Changeset, Record};
use crate::domain::audit::{Action, EntityKind};
use crate::domain::client::{Client, ClientDetails};
use crate::domain::ids::Id;
use chrono::{DateTime, Utc};

/// Registers a new client.
pub fn register(id: Id, details: ClientDetails, now: DateTime<Utc>) -> Changeset {
    let client = Client {
        id,
        details,
        created_at: now,
        updated_at: now,
    };
    let mut changes = Changeset::default();
    changes.put(Record::Client(client), Action::Created, now);
    changes
}

/// Replaces a client's details.
pub fn edit(stored: &Client, details: ClientDetails, now: DateTime<Utc>) -> Changeset {
    let mut client = stored.clone();
    client.details = details;
    client.updated_at = now;
    let mut changes = Changeset::default();
    changes.put(Record::Client(client), Action::Updated, now);
    changes
}

/// What is stored under a client: each case with the records kept on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientTree {
    pub client_id: Id,
    pub cases: Vec<CaseTree>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseTree {
    pub case_id: Id,
    /// Results, tasks and needs, by kind and id.
    pub records: Vec<(EntityKind, Id)>,
    pub has_assessment: bool,
}

/// Deletes a client, their cases and everything recorded on those cases.
pub fn delete(tree: &ClientTree, now: DateTime<Utc>) -> Changeset {
    let mut changes = Changeset::default();
    for case in &tree.cases {
        for (kind, id) in &case.records {
            changes.delete(*kind, *id, now);
        }
        if case.has_assessment {
            changes.delete(EntityKind::Assessment, case.case_id, now);
        }
        changes.delete(EntityKind::Case, case.case_id, now);
    }
    changes.delete(EntityKind::Client, tree.client_id, now);
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::workflow::testing::now;

    #[test]
    fn deleting_a_client_deletes_every_record_under_them_and_audits_each() {
        let id = |n| Id::from_random_bytes([n; 16]);
        let tree = ClientTree {
            client_id: id(1),
            cases: vec![CaseTree {
                case_id: id(2),
                records: vec![
                    (EntityKind::Administration, id(3)),
                    (EntityKind::Task, id(4)),
                ],
                has_assessment: true,
            }],
        };
        let changes = delete(&tree, now());
        assert_eq!(
            changes.deletes,
            vec![
                (EntityKind::Administration, id(3)),
                (EntityKind::Task, id(4)),
                (EntityKind::Assessment, id(2)),
                (EntityKind::Case, id(2)),
                (EntityKind::Client, id(1)),
            ]
        );
        assert_eq!(changes.audit.len(), 5);
        assert!(changes.audit.iter().all(|e| e.action == Action::Deleted));
    }
}
