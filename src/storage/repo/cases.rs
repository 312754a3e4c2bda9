//! Cases: opening one, the open-case list by tier, and every change to a case alone.

use super::{Partial, Repo, Result, Snapshot};
use crate::domain::audit::Action;
use crate::domain::case::{Case, CaseDetails, CaseStatus, WorkflowError};
use crate::domain::client::Client;
use crate::domain::ids::Id;
use crate::domain::risk::{Tier, TierOverride};
use crate::domain::screening::Screening;
use crate::domain::search::CaseRef;
use crate::domain::workflow::cases;
use crate::storage::backend::{Backend, IndexKey, Unreadable};
use crate::storage::records::{CaseRecord, ClientRecord};
use crate::storage::schema::{CASES, CASES_BY_STATUS, CASES_BY_STATUS_TIER, CLIENTS};
use crate::storage::StorageError;
use chrono::Utc;
use std::collections::HashMap;

/// One row of the open-case list.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseListRow {
    pub case: CaseRef,
    pub client_name: String,
}

impl<B: Backend> Repo<B> {
    /// Open cases, optionally only those of one tier (`Some(None)`: not yet stratified), highest tier first, with
    /// their client's name. Read through the `by_status_tier` or `by_status` index (closed cases are never read);
    /// only the clients listed are read. A case or client that cannot be read is named apart.
    pub async fn open_cases(
        &self,
        tier: Option<Option<Tier>>,
    ) -> Result<Partial<Vec<CaseListRow>>> {
        let open = CaseStatus::Open.code().to_string();
        let rows = match tier {
            Some(tier) => {
                let key = IndexKey::Two(open, self.codec().codes().tier(tier));
                self.backend
                    .by_index::<CaseRecord>(CASES_BY_STATUS_TIER, key)
                    .await?
            }
            None => {
                self.backend
                    .by_index::<CaseRecord>(CASES_BY_STATUS, IndexKey::One(open))
                    .await?
            }
        };
        let mut unreadable: Vec<Unreadable> = Vec::new();
        let mut names: HashMap<Id, Option<String>> = HashMap::new();
        let mut list = Vec::new();
        let codes = self.codec().codes();
        for row in rows {
            let case = match row.map(|r| r.case_ref(&codes).map_err(|e| (r.id, e))) {
                Ok(Ok(case)) if case.status == CaseStatus::Open => case,
                Ok(Ok(_)) => continue,
                Ok(Err((key, e))) => {
                    unreadable.push(Unreadable {
                        store: CASES,
                        key,
                        problem: e.to_string(),
                    });
                    continue;
                }
                Err(u) => {
                    unreadable.push(u);
                    continue;
                }
            };
            // Not the entry API: the name is read with an await in between.
            #[allow(clippy::map_entry)]
            if !names.contains_key(&case.client_id) {
                let key = case.client_id.to_string();
                let name = match self.backend.get::<ClientRecord>(&key).await? {
                    Some(Ok(row)) => match self.open_row::<_, Client>(&row).await {
                        Ok(client) => Some(client.details.full_name),
                        Err(e) => {
                            unreadable.push(Unreadable {
                                store: CLIENTS,
                                key,
                                problem: e.to_string(),
                            });
                            None
                        }
                    },
                    Some(Err(u)) => {
                        unreadable.push(u);
                        None
                    }
                    None => None,
                };
                names.insert(case.client_id, name);
            }
            if let Some(Some(client_name)) = names.get(&case.client_id) {
                list.push(CaseListRow {
                    client_name: client_name.clone(),
                    case,
                });
            }
        }
        crate::domain::order::sort_by(&mut list, |a, b| {
            (b.case.tier, a.case.opened_on, &a.client_name).cmp(&(
                a.case.tier,
                b.case.opened_on,
                &b.client_name,
            ))
        });
        Ok(Partial {
            value: list,
            unreadable,
        })
    }

    /// Opens a case for an existing client, in the screening phase.
    pub async fn open_case(&self, client_id: Id, details: CaseDetails) -> Result<Case> {
        let id = self.fresh_id();
        self.act(async || {
            let mut snapshot = Snapshot::default();
            // The client must exist; reading it also makes a concurrent delete of the client a conflict.
            let _: Client = self
                .read_existing::<ClientRecord, _>(&mut snapshot, &client_id.to_string())
                .await?;
            let staff = self.staff().await?.value;
            let changes = cases::open(
                id,
                client_id,
                details.clone(),
                &staff,
                &mut || self.fresh_id(),
                Utc::now(),
            );
            let case = changes
                .cases()
                .next()
                .cloned()
                .ok_or(StorageError::NotFound)?;
            self.write(&snapshot, &changes).await?;
            Ok(case)
        })
        .await
    }

    /// Records the case's screening and decision.
    pub async fn record_screening(&self, id: Id, screening: Screening) -> Result<Case> {
        self.change_case(id, Action::ScreeningRecorded, |case| {
            case.record_screening(screening.clone(), Utc::now())
        })
        .await
    }

    /// Closes a case with a reason.
    pub async fn close_case(&self, id: Id, reason: String) -> Result<Case> {
        self.change_case(id, Action::Closed, |case| {
            case.close(reason.clone(), Utc::now())
        })
        .await
    }

    /// Sets the case's tier by hand; the computed tier is kept beside it.
    pub async fn override_tier(&self, id: Id, over: TierOverride) -> Result<Case> {
        self.change_case(id, Action::TierOverridden, |case| {
            case.override_tier(over.clone())
        })
        .await
    }

    /// Returns the case to its computed tier.
    pub async fn clear_tier_override(&self, id: Id, by: String) -> Result<Case> {
        self.change_case(id, Action::TierOverridden, |case| {
            case.clear_override(by.clone(), Utc::now())
        })
        .await
    }

    /// Reads a case, lets a domain rule change it, and writes it back with its audit entry.
    async fn change_case(
        &self,
        id: Id,
        action: Action,
        rule: impl Fn(&mut Case) -> std::result::Result<(), WorkflowError>,
    ) -> Result<Case> {
        self.act(async || {
            let mut snapshot = Snapshot::default();
            let stored: Case = self
                .read_existing::<CaseRecord, _>(&mut snapshot, &id.to_string())
                .await?;
            let (case, changes) =
                cases::change(&stored, action, &rule).map_err(StorageError::Refused)?;
            self.write(&snapshot, &changes).await?;
            Ok(case)
        })
        .await
    }
}
