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
use crate::storage::records::{CaseRecord, ClientRecord};
use crate::storage::schema::{
    ADMINISTRATIONS, AUDIT, BY_CASE, CASES, CASES_BY_CLIENT, CASES_BY_STATUS, CLIENTS, NEEDS, TASKS,
};
use crate::storage::StorageError;
use chrono::Utc;
use std::collections::HashMap;

/// The caseload's clients and open cases as read, with the audit log's length then.
pub(crate) struct CaseloadCache {
    audit_entries: u32,
    clients: HashMap<Id, Client>,
    open_cases: HashMap<Id, CaseRef>,
    unreadable: Vec<Unreadable>,
}

impl CaseloadCache {
    fn caseload(&self) -> Partial<Caseload> {
        let refs: Vec<CaseRef> = self.open_cases.values().cloned().collect();
        Partial {
            value: Caseload::new(self.clients.values().cloned().collect(), &refs),
            unreadable: self.unreadable.clone(),
        }
    }

    /// Takes a committed changeset: its clients and cases as written, its deletions, and its audit entries.
    pub(crate) fn apply(&mut self, changes: &crate::domain::workflow::Changeset) {
        for record in &changes.puts {
            match record {
                Record::Client(client) => {
                    self.clients.insert(client.id, client.clone());
                }
                Record::Case(case) if case.status == CaseStatus::Open => {
                    self.open_cases.insert(case.id, CaseRef::of(case));
                }
                Record::Case(case) => {
                    self.open_cases.remove(&case.id);
                }
                _ => {}
            }
        }
        for (kind, id) in &changes.deletes {
            match kind {
                EntityKind::Client => {
                    self.clients.remove(id);
                }
                EntityKind::Case => {
                    self.open_cases.remove(id);
                }
                _ => {}
            }
        }
        // A record written or deleted is no longer the unreadable one it was.
        self.unreadable.retain(|u| {
            let key = u.key.as_str();
            !changes.puts.iter().any(|r| r.id().to_string() == key)
                && !changes.deletes.iter().any(|(_, id)| id.to_string() == key)
        });
        self.audit_entries += changes.audit.len() as u32;
    }
}

/// A client with all their cases, for the client page.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientFile {
    pub client: Client,
    /// The client record's revision as read: an edit made from this file is refused if it changed since.
    pub rev: u32,
    pub cases: Vec<Case>,
    pub unreadable: Vec<Unreadable>,
}

impl<B: Backend> Repo<B> {
    /// Every client, with how many cases each has open and the phase of the latest, for the caseload list.
    /// Cases are read through the `by_status` index and summarised from their clear fields. A client or case that
    /// cannot be read is named apart; the rest are listed.
    ///
    /// The first call of a session reads and opens every client; the result is kept, and this session's writes
    /// keep it up to date (`CaseloadCache::apply`). Every write, in any tab, appends to the audit log, so one
    /// `count()` of the log tells whether anything else wrote since: then, and only then, it is read again.
    pub async fn caseload(&self) -> Result<Partial<Caseload>> {
        let timer = super::Measure::start("storage:caseload");
        let written = self.backend.count_all(AUDIT).await?;
        let kept = self
            .caseload
            .borrow()
            .as_ref()
            .filter(|c| c.audit_entries == written)
            .map(CaseloadCache::caseload);
        if let Some(caseload) = kept {
            timer.end();
            return Ok(caseload);
        }
        let (client_rows, case_rows) = futures::join!(
            self.backend.all::<ClientRecord>(),
            self.backend.by_index::<CaseRecord>(
                CASES_BY_STATUS,
                IndexKey::One(CaseStatus::Open.code().into())
            )
        );
        let mut unreadable = Vec::new();
        let mut clients = HashMap::new();
        for row in client_rows? {
            match row {
                Err(u) => unreadable.push(u),
                Ok(row) => match self.open_row::<_, Client>(&row).await {
                    Ok(client) => {
                        clients.insert(client.id, client);
                    }
                    Err(e) => unreadable.push(Unreadable {
                        store: crate::storage::schema::CLIENTS,
                        key: row.id.clone(),
                        problem: e.to_string(),
                    }),
                },
            }
        }
        let mut open_cases = HashMap::new();
        let codes = self.codec().codes();
        for row in case_rows? {
            match row.map(|r| r.case_ref(&codes).map_err(|e| (r.id, e))) {
                Ok(Ok(case)) => {
                    open_cases.insert(case.id, case);
                }
                Ok(Err((key, e))) => unreadable.push(Unreadable {
                    store: CASES,
                    key,
                    problem: e.to_string(),
                }),
                Err(u) => unreadable.push(u),
            }
        }
        let cache = CaseloadCache {
            audit_entries: written,
            clients,
            open_cases,
            unreadable,
        };
        let caseload = cache.caseload();
        // Not kept if the workspace was locked while it was read: nothing decrypted outlives a lock.
        if !self.is_locked() {
            *self.caseload.borrow_mut() = Some(cache);
        }
        timer.end();
        Ok(caseload)
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
        let rev = snapshot
            .rev(CLIENTS, &id.to_string())
            .ok_or(StorageError::NotFound)?;
        Ok(ClientFile {
            client,
            rev,
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

    /// Replaces a client's details, whatever they are now.
    pub async fn update_client(&self, id: Id, details: ClientDetails) -> Result<Client> {
        self.update_client_from(id, details, None).await
    }

    /// Replaces a client's details edited from the record at revision `from` (`ClientFile::rev`): if it was saved
    /// elsewhere since (another tab or window), nothing is written and the save is refused as
    /// [`StorageError::Stale`], for the user to see what changed and choose.
    pub async fn update_client_from(
        &self,
        id: Id,
        details: ClientDetails,
        from: Option<u32>,
    ) -> Result<Client> {
        self.act(async || {
            let mut snapshot = Snapshot::default();
            let stored: Client = self
                .read_existing::<ClientRecord, _>(&mut snapshot, &id.to_string())
                .await?;
            if from.is_some_and(|rev| snapshot.rev(CLIENTS, &id.to_string()) != Some(rev)) {
                return Err(StorageError::Stale);
            }
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
