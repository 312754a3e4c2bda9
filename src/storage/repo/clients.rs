//! Clients: the caseload (name index), a client's file, registering, editing and deleting.

use super::{put_of, Partial, Repo, Result, Snapshot};
use crate::domain::audit::EntityKind;
use crate::domain::case::{Case, CaseStatus};
use crate::domain::client::{Client, ClientDetails};
use crate::domain::ids::Id;
use crate::domain::search::{CaseRef, Caseload};
use crate::domain::workflow::clients::{self, CaseTree, ClientTree};
use crate::domain::workflow::Record;
use crate::storage::backend::{Backend, IndexKey, Unreadable};
use crate::storage::codec;
use crate::storage::records::{CaseRecord, ClientRecord};
use crate::storage::schema::{
    ADMINISTRATIONS, BY_CASE, CASES, CASES_BY_CLIENT, CASES_BY_STATUS, NEEDS, TASKS,
};
use crate::storage::StorageError;
use chrono::Utc;

/// A client with all their cases, for the client page.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientFile {
    pub client: Client,
    pub cases: Vec<Case>,
    pub unreadable: Vec<Unreadable>,
}

impl<B: Backend> Repo<B> {
    /// Every client, with how many cases each has open and the phase of the latest, for the caseload list.
    /// Cases are read through the `by_status` index and summarised from their clear fields. A client or case that
    /// cannot be read is named apart; the rest are listed.
    pub async fn caseload(&self) -> Result<Partial<Caseload>> {
        let timer = super::Measure::start("storage:caseload");
        let (client_rows, case_rows) = futures::join!(
            self.backend.all::<ClientRecord>(),
            self.backend.by_index::<CaseRecord>(
                CASES_BY_STATUS,
                IndexKey::One(CaseStatus::Open.code().into())
            )
        );
        let mut unreadable = Vec::new();
        let mut clients = Vec::new();
        for row in client_rows? {
            match row {
                Err(u) => unreadable.push(u),
                Ok(row) => match codec::open::<Client>(&row.body).await {
                    Ok(client) => clients.push(client),
                    Err(e) => unreadable.push(Unreadable {
                        store: crate::storage::schema::CLIENTS,
                        key: row.id.clone(),
                        problem: e.to_string(),
                    }),
                },
            }
        }
        let mut refs: Vec<CaseRef> = Vec::new();
        for row in case_rows? {
            match row.map(|r| r.case_ref().map_err(|e| (r.id, e))) {
                Ok(Ok(case)) => refs.push(case),
                Ok(Err((key, e))) => unreadable.push(Unreadable {
                    store: CASES,
                    key,
                    problem: e.to_string(),
                }),
                Err(u) => unreadable.push(u),
            }
        }
        let value = Caseload::new(clients, &refs);
        timer.end();
        Ok(Partial { value, unreadable })
    }

    /// A client and all their cases, newest first.
    pub async fn client_file(&self, id: Id) -> Result<ClientFile> {
        let mut snapshot = Snapshot::default();
        let client: Client = self
            .read_existing::<ClientRecord, _>(&mut snapshot, &id.to_string())
            .await?;
        let Partial {
            value: mut cases,
            unreadable,
        } = self
            .read_index::<CaseRecord, Case>(
                &mut snapshot,
                CASES_BY_CLIENT,
                IndexKey::One(id.to_string()),
            )
            .await?;
        crate::domain::order::sort_by(&mut cases, |a, b| {
            (b.details.opened_on, b.created_at).cmp(&(a.details.opened_on, a.created_at))
        });
        Ok(ClientFile {
            client,
            cases,
            unreadable,
        })
    }

    /// Registers a new client.
    pub async fn create_client(&self, details: ClientDetails) -> Result<Client> {
        let id = self.fresh_id();
        self.act(async || {
            let changes = clients::register(id, details.clone(), Utc::now());
            self.write(&Snapshot::default(), &changes).await?;
            put_of(&changes, |r| match r {
                Record::Client(c) => Some(c),
                _ => None,
            })
            .ok_or(StorageError::NotFound)
        })
        .await
    }

    /// Replaces a client's details.
    pub async fn update_client(&self, id: Id, details: ClientDetails) -> Result<Client> {
        self.act(async || {
            let mut snapshot = Snapshot::default();
            let stored: Client = self
                .read_existing::<ClientRecord, _>(&mut snapshot, &id.to_string())
                .await?;
            let changes = clients::edit(&stored, details.clone(), Utc::now());
            self.write(&snapshot, &changes).await?;
            put_of(&changes, |r| match r {
                Record::Client(c) => Some(c),
                _ => None,
            })
            .ok_or(StorageError::NotFound)
        })
        .await
    }

    /// Deletes a client with all their cases and case history, in one transaction. Returns how many cases went.
    pub async fn delete_client(&self, id: Id) -> Result<usize> {
        self.act(async || {
            let mut snapshot = Snapshot::default();
            let _: Client = self
                .read_existing::<ClientRecord, _>(&mut snapshot, &id.to_string())
                .await?;
            let case_rows = self
                .backend
                .by_index::<CaseRecord>(CASES_BY_CLIENT, IndexKey::One(id.to_string()))
                .await?;
            let mut tree = ClientTree {
                client_id: id,
                cases: vec![],
            };
            for row in case_rows {
                // Even an unreadable case goes with its client: its key and revision are in the clear.
                let row = row.map_err(super::unreadable_error)?;
                snapshot.note(CASES, row.id.clone(), row.rev);
                let case_id: Id = row
                    .id
                    .parse()
                    .map_err(|_| StorageError::Corrupt(format!("case key {}", row.id)))?;
                let mut case = CaseTree {
                    case_id,
                    records: vec![],
                    has_assessment: false,
                };
                for (store, kind) in [
                    (ADMINISTRATIONS, EntityKind::Administration),
                    (TASKS, EntityKind::Task),
                    (NEEDS, EntityKind::Need),
                ] {
                    let keys = self
                        .backend
                        .keys_by_index(store, BY_CASE, IndexKey::One(row.id.clone()))
                        .await?;
                    for key in keys {
                        let record_id: Id = key
                            .parse()
                            .map_err(|_| StorageError::Corrupt(format!("{store} key {key}")))?;
                        case.records.push((kind, record_id));
                    }
                }
                case.has_assessment = self
                    .backend
                    .get::<crate::storage::records::AssessmentRecord>(&row.id)
                    .await?
                    .is_some();
                tree.cases.push(case);
            }
            let changes = clients::delete(&tree, Utc::now());
            self.write(&snapshot, &changes).await?;
            Ok(tree.cases.len())
        })
        .await
    }
}
