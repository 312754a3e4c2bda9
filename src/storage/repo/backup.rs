//! Backing up the whole workspace to one file and restoring it into an empty one (on this device or another).
//!
//! A backup is every store read in one transaction (`Backend::dump`), sealed whole with AES-256-GCM under a key
//! derived from the data key, in the file format of `domain::backup` with the clear keyring beside it, so the file
//! opens anywhere with a user's passphrase or the recovery key. A restore checks the whole file first (format,
//! checksum, passphrase, the keyring's MAC, the payload's tag, every record's shape) and only then writes it, in one
//! transaction that also checks the workspace is still empty.

use super::{Repo, Result};
use crate::domain::backup::Problem;
use crate::storage::backend::{Backend, Batch, Durability, Expect, Put};
use crate::storage::backup::{parse_payload, payload};
use crate::storage::keyring::KeyringRecord;
use crate::storage::records::{timestamp, MetaRecord, SealedRow};
use crate::storage::StorageError;
use chrono::{DateTime, Utc};

/// The key in `meta` of when the last backup was made on this device.
pub const LAST_BACKUP_KEY: &str = "last-backup";

/// Why a restore did not happen: the file (as the user is told), or the storage.
#[derive(Clone, Debug, PartialEq)]
pub enum RestoreError {
    File(Problem),
    Storage(StorageError),
}

impl From<StorageError> for RestoreError {
    fn from(e: StorageError) -> Self {
        match e {
            StorageError::NotEmpty => RestoreError::File(Problem::NotEmpty),
            e => RestoreError::Storage(e),
        }
    }
}

impl<B: Backend> Repo<B> {
    /// The workspace's payload as a backup carries it (every store as stored), read in one transaction.
    pub async fn backup_payload(&self) -> Result<String> {
        Ok(payload(&self.backend.dump().await?))
    }

    /// Restores a decrypted payload with its keyring into this (empty) workspace, in one transaction; how many
    /// records it wrote. The payload is checked whole first: nothing is written if any of it is wrong.
    pub async fn restore_payload(
        &self,
        text: &str,
        schema: u32,
        keyring: KeyringRecord,
    ) -> std::result::Result<u64, RestoreError> {
        let restored = parse_payload(text, schema, keyring)
            .map_err(|_| RestoreError::File(Problem::Damaged))?;
        let records = restored.records();
        self.backend.restore(restored).await?;
        self.caseload.borrow_mut().take();
        Ok(records)
    }

    /// Writes the demo workspace's fictional caseload (`domain::demo`) in one transaction.
    pub async fn seed_demo(&self, today: chrono::NaiveDate, japanese: bool) -> Result<()> {
        let mut ids = || self.fresh_id();
        let changes = crate::domain::demo::caseload(today, Utc::now(), japanese, &mut ids);
        self.write(&super::Snapshot::default(), &changes).await
    }

    /// When the last backup was made on this device (none yet).
    pub async fn last_backup(&self) -> Result<Option<DateTime<Utc>>> {
        Ok(
            match self.backend.get::<MetaRecord>(LAST_BACKUP_KEY).await? {
                Some(Ok(row)) => DateTime::parse_from_rfc3339(&row.done_at)
                    .ok()
                    .map(|t| t.with_timezone(&Utc)),
                _ => None,
            },
        )
    }

    /// Notes that a backup was made at `now` (after its file was handed to the browser).
    pub async fn note_backup(&self, now: DateTime<Utc>) -> Result<()> {
        self.backend
            .commit(Batch {
                puts: vec![Put {
                    expect: Expect::Any,
                    row: SealedRow::Meta(MetaRecord {
                        key: LAST_BACKUP_KEY.into(),
                        done_at: timestamp(now),
                        rev: 0,
                    }),
                }],
                deletes: vec![],
                checks: vec![],
                audit: vec![],
                durability: Durability::Strict,
            })
            .await
    }
}

/// What needs WebCrypto (a browser).
mod browser {
    use super::*;
    use crate::domain::backup::{payload_aad, read, write, Header};
    use crate::domain::security::parse_recovery;
    use crate::storage::codec::Codec;
    use crate::storage::crypto;
    use crate::storage::repo::keys::browser::{
        holder, keyring_mac, keys_of, unwrap_with, RECOVERY,
    };
    use crate::storage::schema::Version;

    /// The most PBKDF2 iterations one wrap of a restored keyring may ask for (twice the 600,000 this app uses),
    /// and the most users (far more than share a tablet): a forged keyring costs at most what a real one of that
    /// size would, before a wrong passphrase is known.
    const MAX_ITERATIONS: u32 = 1_200_000;
    const MAX_USERS: usize = 100;

    /// A backup file made in the browser, to be downloaded.
    pub struct BackupFile {
        pub name: String,
        pub text: String,
        pub records: u64,
    }

    impl<B: Backend> Repo<B> {
        /// Backs up the whole workspace (unlocked) as one file's text.
        pub async fn backup(&self, now: DateTime<Utc>) -> Result<BackupFile> {
            let keys = match self.codec() {
                Codec::Keys { keys, .. } => keys,
                _ => return Err(StorageError::Locked),
            };
            // The keyring as it was when the records were read: read again after them, and again from the start
            // if another tab changed it (a user added or removed) in between.
            let mut tries = 0;
            let (keyring, stores) = loop {
                let before = self.keyring().await?.ok_or(StorageError::Locked)?;
                let stores = self.backend.dump().await?;
                let after = self.keyring().await?.ok_or(StorageError::Locked)?;
                if after == before {
                    break (after, stores);
                }
                tries += 1;
                if tries > 3 {
                    return Err(StorageError::Conflict);
                }
            };
            let records = stores
                .iter()
                .filter(|(store, _)| crate::storage::schema::SEALED_STORES.contains(store))
                .map(|(_, rows)| count_rows(rows))
                .sum();
            let text = payload(&stores);
            drop(stores);
            let header = Header {
                made: timestamp(now),
                schema: Version::CURRENT.number(),
                records,
                payload: 0,
                keyring: serde_json::to_string(&keyring)
                    .map_err(|e| StorageError::Corrupt(e.to_string()))?,
            };
            let sealed =
                crypto::seal_bytes(&keys.backup, &payload_aad(&header), text.as_bytes()).await?;
            drop(text);
            Ok(BackupFile {
                name: crate::domain::backup::file_name(&now.format("%Y-%m-%d").to_string()),
                text: write(&header, &sealed),
                records,
            })
        }

        /// Restores a backup file's bytes into this empty workspace with a user's passphrase or the recovery key
        /// (`secret`); how many records it wrote. Afterwards the workspace is locked: a user unlocks it as usual.
        pub async fn restore(
            &self,
            bytes: &[u8],
            secret: &str,
        ) -> std::result::Result<u64, RestoreError> {
            let file = |p| RestoreError::File(p);
            let backup = read(bytes).map_err(file)?;
            let header = backup.header;
            if header.schema > Version::CURRENT.number() {
                return Err(file(Problem::Newer(header.schema)));
            }
            let keyring: KeyringRecord =
                serde_json::from_str(&header.keyring).map_err(|_| file(Problem::Tampered))?;
            // Read from the file before anything can be checked: a forged keyring must not make this tab derive
            // keys for hours (a huge iteration count) or for thousands of users.
            let sane = |w: &crate::storage::keyring::Wrapped| w.iterations <= MAX_ITERATIONS;
            if keyring.users.len() > MAX_USERS
                || !keyring.users.iter().all(|u| sane(&u.wrap))
                || !sane(&keyring.recovery)
            {
                return Err(file(Problem::Tampered));
            }
            if self.keyring().await?.is_some() || self.holds_records().await? {
                return Err(file(Problem::NotEmpty));
            }
            let mut raw = None;
            if let Some(recovery) = parse_recovery(secret) {
                raw = unwrap_with(&keyring.recovery, &recovery, &keyring.workspace, RECOVERY)
                    .await
                    .map_err(|_| file(Problem::Tampered))?;
            }
            for user in &keyring.users {
                if raw.is_some() {
                    break;
                }
                raw = unwrap_with(
                    &user.wrap,
                    secret.as_bytes(),
                    &keyring.workspace,
                    &holder(&user.id, &user.staff_id),
                )
                .await
                .map_err(|_| file(Problem::Tampered))?;
            }
            let raw = raw.ok_or(file(Problem::WrongPassphrase))?;
            let keys = keys_of(&raw, &keyring.workspace).await?;
            if keyring.mac != keyring_mac(&keys.keyring_mac, &keyring) {
                return Err(file(Problem::Tampered));
            }
            let plain = crypto::open_bytes(&keys.backup, &payload_aad(&header), &backup.sealed)
                .await?
                .ok_or(file(Problem::Tampered))?;
            let text = String::from_utf8(plain).map_err(|_| file(Problem::Tampered))?;
            self.restore_payload(&text, header.schema, keyring).await
        }
    }

    /// How many rows a store's JSON array holds (its top-level objects), without parsing it.
    fn count_rows(json: &str) -> u64 {
        let (mut depth, mut in_string, mut escaped, mut rows) = (0u32, false, false, 0u64);
        for b in json.bytes() {
            if in_string {
                match b {
                    _ if escaped => escaped = false,
                    b'\\' => escaped = true,
                    b'"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'{' => {
                    if depth == 1 {
                        rows += 1;
                    }
                    depth += 1;
                }
                b'[' => depth += 1,
                b'}' | b']' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        rows
    }
}

pub use browser::BackupFile;
