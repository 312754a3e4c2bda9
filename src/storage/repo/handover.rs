//! The case handover in storage: reading one client with some of their cases whole (every record of each case),
//! finding what the receiving workspace already holds of a file's ids, and writing an import in one transaction.
//! In the browser also sealing a handover file under a one-time passphrase and opening one.

use super::{Repo, Result, Snapshot};
use crate::domain::audit::EntityKind;
use crate::domain::client::Client;
use crate::domain::handover::{self, CaseBundle, Choices, Here, Imported, Payload};
use crate::domain::ids::Id;
use crate::domain::workflow::Record;
use crate::storage::backend::{Backend, IndexKey, Row};
use crate::storage::records::*;
use crate::storage::schema::BY_CASE;
use crate::storage::StorageError;
use chrono::Utc;

/// Calls `$body` with `$r` bound to the record type of `$kind`'s store and `$t` to its domain type.
macro_rules! by_kind {
    ($kind:expr, |$r:ident, $t:ident| $body:expr) => {
        match $kind {
            EntityKind::Client => {
                type $r = ClientRecord;
                #[allow(dead_code)]
                type $t = crate::domain::client::Client;
                $body
            }
            EntityKind::Case => {
                type $r = CaseRecord;
                #[allow(dead_code)]
                type $t = crate::domain::case::Case;
                $body
            }
            EntityKind::Administration => {
                type $r = AdministrationRecord;
                #[allow(dead_code)]
                type $t = crate::domain::administration::Administration;
                $body
            }
            EntityKind::Task => {
                type $r = TaskRecord;
                #[allow(dead_code)]
                type $t = crate::domain::task::Task;
                $body
            }
            EntityKind::Need => {
                type $r = NeedRecord;
                #[allow(dead_code)]
                type $t = crate::domain::task::Need;
                $body
            }
            EntityKind::Assessment => {
                type $r = AssessmentRecord;
                #[allow(dead_code)]
                type $t = crate::domain::assessment::Assessment;
                $body
            }
            EntityKind::Plan => {
                type $r = PlanRecord;
                #[allow(dead_code)]
                type $t = crate::domain::plan::CarePlan;
                $body
            }
            EntityKind::PlanRevision => {
                type $r = PlanRevisionRecord;
                #[allow(dead_code)]
                type $t = crate::domain::plan::PlanRevision;
                $body
            }
            EntityKind::Referral => {
                type $r = ReferralRecord;
                #[allow(dead_code)]
                type $t = crate::domain::coordination::Referral;
                $body
            }
            EntityKind::Appointment => {
                type $r = AppointmentRecord;
                #[allow(dead_code)]
                type $t = crate::domain::coordination::Appointment;
                $body
            }
            EntityKind::Coverage => {
                type $r = CoverageRecord;
                #[allow(dead_code)]
                type $t = crate::domain::coverage::Coverage;
                $body
            }
            EntityKind::Contact => {
                type $r = ContactRecord;
                #[allow(dead_code)]
                type $t = crate::domain::contact::Contact;
                $body
            }
            EntityKind::Note => {
                type $r = NoteRecord;
                #[allow(dead_code)]
                type $t = crate::domain::note::ProgressNote;
                $body
            }
            EntityKind::Transition => {
                type $r = TransitionRecord;
                #[allow(dead_code)]
                type $t = crate::domain::transition::Transition;
                $body
            }
            EntityKind::Staff | EntityKind::User => {
                unreachable!("no case holds a staff member or a user")
            }
        }
    };
}

/// The stores a case's records are in, found through their `by_case` index.
const INDEXED: [EntityKind; 10] = [
    EntityKind::Administration,
    EntityKind::Task,
    EntityKind::Need,
    EntityKind::PlanRevision,
    EntityKind::Referral,
    EntityKind::Appointment,
    EntityKind::Coverage,
    EntityKind::Contact,
    EntityKind::Note,
    EntityKind::Transition,
];

/// The stores keyed by their case (one record per case).
const KEYED_BY_CASE: [EntityKind; 2] = [EntityKind::Assessment, EntityKind::Plan];

impl<B: Backend> Repo<B> {
    /// The client with the cases `case_ids`, each with every record of it. A record that cannot be read stops
    /// the handover, saying which: a colleague must never receive a case with a part silently missing.
    pub async fn handover_payload(&self, client_id: Id, case_ids: &[Id]) -> Result<Payload> {
        let mut snapshot = Snapshot::default();
        let client: Client = self
            .read_existing::<ClientRecord, _>(&mut snapshot, &client_id.to_string())
            .await?;
        let mut cases = Vec::with_capacity(case_ids.len());
        for case_id in case_ids {
            let case: crate::domain::case::Case = self
                .read_existing::<CaseRecord, _>(&mut snapshot, &case_id.to_string())
                .await?;
            if case.client_id != client_id {
                return Err(StorageError::NotFound);
            }
            let mut bundle = CaseBundle::new(case);
            for kind in INDEXED {
                let found: Vec<Record> = by_kind!(kind, |R, T| {
                    let found = self
                        .read_index::<R, T>(
                            &mut snapshot,
                            BY_CASE,
                            IndexKey::One(case_id.to_string()),
                        )
                        .await?;
                    if let Some(u) = found.unreadable.into_iter().next() {
                        return Err(super::unreadable_error(u));
                    }
                    found.value.into_iter().map(Record::from).collect()
                });
                found.into_iter().for_each(|r| bundle.add(r));
            }
            for kind in KEYED_BY_CASE {
                let found: Option<Record> = by_kind!(kind, |R, T| self
                    .read::<R, T>(&mut snapshot, &case_id.to_string())
                    .await?
                    .map(Record::from));
                found.into_iter().for_each(|r| bundle.add(r));
            }
            cases.push(bundle);
        }
        Ok(Payload { client, cases })
    }

    /// Notes the revision of each of `keys` in `kind`'s store that is here; returns those that are.
    async fn note_present(
        &self,
        snapshot: &mut Snapshot,
        kind: EntityKind,
        keys: &[String],
    ) -> Result<Vec<String>> {
        let rows = by_kind!(kind, |R, T| {
            self.backend
                .get_many::<R>(keys)
                .await?
                .into_iter()
                .map(|row| match row {
                    None => Ok(None),
                    Some(Ok(row)) => Ok(Some((R::STORE, row.key(), row.rev()))),
                    // Its key is here, its revision cannot be read: nothing is written over it.
                    Some(Err(u)) => Err(super::unreadable_error(u)),
                })
                .collect::<Result<Vec<_>>>()?
        });
        let mut present = vec![];
        for (store, key, rev) in rows.into_iter().flatten() {
            snapshot.note(store, key.clone(), rev);
            present.push(key);
        }
        Ok(present)
    }

    /// What this workspace holds of the file's ids, noting the revisions of all of it (an import then writes only
    /// over what was there when it looked).
    async fn here(&self, snapshot: &mut Snapshot, payload: &Payload) -> Result<Here> {
        let mut here = Here {
            client: !self
                .note_present(
                    snapshot,
                    EntityKind::Client,
                    &[payload.client.id.to_string()],
                )
                .await?
                .is_empty(),
            ..Here::default()
        };
        for bundle in &payload.cases {
            let case_key = bundle.case.id.to_string();
            if !self
                .note_present(snapshot, EntityKind::Case, std::slice::from_ref(&case_key))
                .await?
                .is_empty()
            {
                let mut local = vec![];
                for kind in INDEXED {
                    let keys = self
                        .backend
                        .keys_by_index(store_of(kind), BY_CASE, IndexKey::One(case_key.clone()))
                        .await?;
                    for key in self.note_present(snapshot, kind, &keys).await? {
                        let id = key.parse().map_err(|_| {
                            StorageError::Corrupt(format!("{} key {key}", store_of(kind)))
                        })?;
                        local.push((kind, id));
                    }
                }
                for kind in KEYED_BY_CASE {
                    if !self
                        .note_present(snapshot, kind, std::slice::from_ref(&case_key))
                        .await?
                        .is_empty()
                    {
                        local.push((kind, bundle.case.id));
                    }
                }
                here.cases.insert(bundle.case.id, local);
                // Whose the case is here (its client's id is a clear field of the row).
                if let Some(Ok(row)) = self.backend.get::<CaseRecord>(&case_key).await? {
                    if let Ok(owner) = row.client_id.parse() {
                        here.owners.insert(bundle.case.id, owner);
                    }
                }
            }
            let records = bundle.records();
            for kind in INDEXED {
                let keys: Vec<String> = records
                    .iter()
                    .filter(|r| r.kind() == kind)
                    .map(|r| r.id().to_string())
                    .collect();
                if keys.is_empty() {
                    continue;
                }
                for key in self.note_present(snapshot, kind, &keys).await? {
                    if let Ok(id) = key.parse() {
                        here.taken.insert((kind, id));
                    }
                }
            }
        }
        Ok(here)
    }

    /// What this workspace holds of the file's ids (to ask the user about each clash).
    pub async fn handover_here(&self, payload: &Payload) -> Result<Here> {
        self.here(&mut Snapshot::default(), payload).await
    }

    /// Imports the file's client and cases as `choices` say, in one transaction: all of it or, when anything
    /// fails, nothing. A file the planner refuses (records that would land on others here) is a file problem.
    pub async fn import_handover(
        &self,
        payload: &Payload,
        choices: &Choices,
    ) -> std::result::Result<Imported, crate::storage::RestoreError> {
        use crate::storage::RestoreError;
        self.act(async || {
            let mut snapshot = Snapshot::default();
            let here = self.here(&mut snapshot, payload).await?;
            let mut ids = || self.fresh_id();
            match handover::import(payload, &here, choices, &mut ids, Utc::now()) {
                Err(problem) => Ok(Err(problem)),
                Ok(imported) => {
                    self.write(&snapshot, &imported.changes).await?;
                    Ok(Ok(imported))
                }
            }
        })
        .await
        .map_err(RestoreError::Storage)?
        .map_err(RestoreError::File)
    }
}

/// What needs WebCrypto (a browser): sealing a handover file under a one-time passphrase, and opening one.
mod browser {
    use super::*;
    use crate::domain::envelope::Problem;
    use crate::domain::handover::{
        passphrase, passphrase_secret, payload_aad, read, write, Header, ITERATIONS,
        PASSPHRASE_BYTES,
    };
    use crate::domain::security::{base64_decode, base64_encode};
    use crate::storage::crypto;
    use crate::storage::RestoreError;
    use chrono::{DateTime, Utc};

    /// A handover file made in the browser, with the passphrase that opens it (shown to the sender only).
    pub struct HandoverFile {
        pub name: String,
        pub text: String,
        pub passphrase: String,
        pub records: u64,
    }

    /// A handover file opened: what it says of itself and what it carries.
    pub struct OpenedHandover {
        pub header: Header,
        pub payload: Payload,
    }

    impl<B: Backend> Repo<B> {
        /// The handover file of the client with the cases `case_ids`, sealed under a new one-time passphrase.
        pub async fn handover(
            &self,
            client_id: Id,
            case_ids: &[Id],
            now: DateTime<Utc>,
        ) -> Result<HandoverFile> {
            let payload = self.handover_payload(client_id, case_ids).await?;
            let secret: [u8; PASSPHRASE_BYTES] = crypto::random_bytes(PASSPHRASE_BYTES)?
                .try_into()
                .map_err(|_| StorageError::Crypto("random bytes of the wrong length".into()))?;
            let salt = crypto::random_bytes(handover::SALT_BYTES)?;
            let records = payload.records().len() as u64;
            let header = Header {
                made: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                cases: payload.cases.len() as u64,
                records,
                salt: base64_encode(&salt),
                iterations: ITERATIONS,
                payload: 0,
            };
            let key = crypto::wrapping_key(&secret, &salt, ITERATIONS).await?;
            let sealed =
                crypto::seal_bytes(&key, &payload_aad(&header), &payload.to_bytes()).await?;
            Ok(HandoverFile {
                name: handover::file_name(&now.format("%Y-%m-%d").to_string(), client_id),
                text: write(&header, &sealed),
                passphrase: passphrase(&secret),
                records,
            })
        }

        /// Opens a handover file's bytes with the passphrase as typed. Nothing is written.
        pub async fn open_handover(
            &self,
            bytes: &[u8],
            typed: &str,
        ) -> std::result::Result<OpenedHandover, RestoreError> {
            let file = RestoreError::File;
            let (header, sealed) = read(bytes).map_err(file)?;
            let secret = passphrase_secret(typed).ok_or(file(Problem::WrongPassphrase))?;
            let salt = base64_decode(&header.salt).ok_or(file(Problem::Tampered))?;
            let key = crypto::wrapping_key(&secret, &salt, header.iterations).await?;
            // A wrong passphrase and a changed payload look the same to AES-GCM: the user is told both.
            let plain = crypto::open_bytes(&key, &payload_aad(&header), &sealed)
                .await?
                .ok_or(file(Problem::WrongPassphrase))?;
            let payload = handover::parse_payload(&plain).map_err(file)?;
            if payload.cases.len() as u64 != header.cases
                || payload.records().len() as u64 != header.records
            {
                return Err(file(Problem::Tampered));
            }
            Ok(OpenedHandover { header, payload })
        }
    }
}

pub use browser::{HandoverFile, OpenedHandover};
