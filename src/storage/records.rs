//! Storage-only record shapes, mapped to and from domain types here and nowhere else.
//!
//! A record is an envelope: the fields IndexedDB indexes need (ids, foreign keys, status and phase codes, dates,
//! stored as text that sorts correctly) in the clear, and the content sealed by `codec` in `body`.

use crate::domain::audit::{Action, AuditEntry, EntityKind};
use crate::domain::case::{Case, CaseStatus};
use crate::domain::client::Client;
use crate::domain::phase::Phase;
use crate::domain::search::CaseRef;
use crate::storage::codec;
use crate::storage::StorageError;
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

/// Timestamps as RFC 3339 in UTC with milliseconds: fixed width, so text order is time order.
pub(crate) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

#[derive(Serialize, Deserialize)]
pub(crate) struct ClientRecord {
    pub id: String,
    pub updated_at: String,
    pub body: String,
}

impl ClientRecord {
    pub fn seal(client: &Client) -> ClientRecord {
        ClientRecord {
            id: client.id.to_string(),
            updated_at: timestamp(client.updated_at),
            body: codec::seal(client),
        }
    }

    pub fn open(&self) -> Result<Client, StorageError> {
        codec::open(&self.body)
    }
}

#[derive(Serialize, Deserialize)]
pub(crate) struct CaseRecord {
    pub id: String,
    pub client_id: String,
    pub status: String,
    pub phase: String,
    /// `YYYY-MM-DD`.
    pub opened_on: String,
    pub updated_at: String,
    pub body: String,
}

impl CaseRecord {
    pub fn seal(case: &Case) -> CaseRecord {
        CaseRecord {
            id: case.id.to_string(),
            client_id: case.client_id.to_string(),
            status: case.status.code().to_string(),
            phase: case.phase.code().to_string(),
            opened_on: case.details.opened_on.to_string(),
            updated_at: timestamp(case.updated_at),
            body: codec::seal(case),
        }
    }

    pub fn open(&self) -> Result<Case, StorageError> {
        codec::open(&self.body)
    }

    /// The caseload summary, from the clear fields alone: the body is not opened.
    pub fn case_ref(&self) -> Result<CaseRef, StorageError> {
        let corrupt = |what: &str| StorageError::Corrupt(format!("case {}: bad {what}", self.id));
        Ok(CaseRef {
            id: self.id.parse().map_err(|_| corrupt("id"))?,
            client_id: self.client_id.parse().map_err(|_| corrupt("client_id"))?,
            status: CaseStatus::from_code(&self.status).ok_or_else(|| corrupt("status"))?,
            phase: Phase::from_code(&self.phase).ok_or_else(|| corrupt("phase"))?,
            opened_on: NaiveDate::parse_from_str(&self.opened_on, "%Y-%m-%d")
                .map_err(|_| corrupt("opened_on"))?,
        })
    }
}

/// Audit entries hold no personal content, so they are stored in the clear.
#[derive(Serialize, Deserialize)]
pub(crate) struct AuditRecord {
    pub at: String,
    pub entity: EntityKind,
    pub entity_id: String,
    pub action: Action,
}

impl AuditRecord {
    pub fn new(entry: &AuditEntry) -> AuditRecord {
        AuditRecord {
            at: timestamp(entry.at),
            entity: entry.entity,
            entity_id: entry.entity_id.to_string(),
            action: entry.action,
        }
    }

    pub fn entry(&self) -> Result<AuditEntry, StorageError> {
        let corrupt = || StorageError::Corrupt(format!("audit entry for {}", self.entity_id));
        Ok(AuditEntry {
            at: DateTime::parse_from_rfc3339(&self.at)
                .map_err(|_| corrupt())?
                .with_timezone(&Utc),
            entity: self.entity,
            entity_id: self.entity_id.parse().map_err(|_| corrupt())?,
            action: self.action,
        })
    }
}
