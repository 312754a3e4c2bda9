//! The workspace's keys: setting up encryption (and sealing the records of before it), unlocking, locking, users
//! and their passphrases, the recovery key, and the failed-unlock count. The keyring is in the clear in `meta`
//! (`storage::keyring`); the cipher is WebCrypto's (`storage::crypto`), so everything but reading the keyring and
//! locking is browser-only.

use super::{Repo, Result};
use crate::domain::security::LockDraft;
use crate::storage::backend::Backend;
use crate::storage::backend::{Batch, Delete, Durability, Expect, Put};
use crate::storage::codec::Codec;
use crate::storage::keyring::{KeyringRecord, LockDraftRecord, KEYRING_KEY, LOCK_DRAFT_KEY};
use crate::storage::records::SealedRow;
use crate::storage::schema::META;

/// What an unlock came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unlock {
    /// The workspace is open for this user. `sealing` when records of before encryption are still to be sealed.
    Unlocked { sealing: bool },
    /// Wrong passphrase (or recovery key): `failures` in a row now, and the seconds before the next try.
    Refused { failures: u32, wait_secs: u32 },
    /// Tried before the wait after the last failures was over: nothing was checked.
    TooSoon { wait_secs: u32 },
    /// The failures reached the device's "wipe after" setting: the caller wipes the device.
    WipeDue,
}

impl<B: Backend> Repo<B> {
    /// The keyring, if encryption has been set up (none: a new or never encrypted workspace).
    pub async fn keyring(&self) -> Result<Option<KeyringRecord>> {
        match self.backend.get::<KeyringRecord>(KEYRING_KEY).await? {
            None => Ok(None),
            Some(Ok(keyring)) => Ok(Some(keyring)),
            Some(Err(u)) => Err(super::unreadable_error(u)),
        }
    }

    /// Locks: forgets the keys and who was acting, and drops what was kept of the caseload. Reads and writes fail
    /// with `Locked` until an unlock.
    pub fn lock(&self) {
        *self.session.borrow_mut() = super::Session {
            codec: Codec::Locked,
            actor: None,
        };
        self.caseload.borrow_mut().take();
    }

    /// Whether any store holds a record (a workspace used before encryption was set up).
    pub async fn holds_records(&self) -> Result<bool> {
        for store in crate::storage::schema::SEALED_STORES {
            if self.backend.count_all(store).await? > 0 {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Whether the workspace is locked.
    pub fn is_locked(&self) -> bool {
        matches!(self.session.borrow().codec, Codec::Locked)
    }

    /// The codec in use now, to seal what a lock keeps of the page after the lock (`save_lock_draft`).
    pub fn codec_now(&self) -> Codec {
        self.codec()
    }

    /// Keeps `draft` (where the user was, what they typed), sealed with `codec` — the keys of the session that
    /// just locked — under its user, in place of their earlier one (another user's is left alone).
    pub async fn save_lock_draft(&self, codec: &Codec, draft: &LockDraft) -> Result<()> {
        let key = lock_draft_key(&draft.user);
        let rev = match self.backend.get::<LockDraftRecord>(&key).await? {
            Some(Ok(row)) => row.rev + 1,
            _ => 1,
        };
        let body = codec.seal(META, &key, rev, draft).await?;
        self.backend
            .commit(Batch {
                puts: vec![Put {
                    expect: Expect::Any,
                    row: SealedRow::LockDraft(LockDraftRecord { key, rev, body }),
                }],
                deletes: vec![],
                checks: vec![],
                audit: vec![],
                durability: Durability::Strict,
            })
            .await
    }

    /// What the last lock of the user now acting kept of the page; it is then removed. One that cannot be opened
    /// (or says it is someone else's) is dropped.
    pub async fn take_lock_draft(&self) -> Result<Option<LockDraft>> {
        let Some(actor) = self.actor().map(|a| a.to_string()) else {
            return Ok(None);
        };
        let key = lock_draft_key(&actor);
        let Some(Ok(row)) = self.backend.get::<LockDraftRecord>(&key).await? else {
            return Ok(None);
        };
        let draft = self
            .open_row::<_, LockDraft>(&row)
            .await
            .ok()
            .filter(|d| d.user == actor);
        self.backend
            .commit(Batch {
                puts: vec![],
                deletes: vec![Delete {
                    store: META,
                    key,
                    expect: Expect::Any,
                }],
                checks: vec![],
                audit: vec![],
                durability: Durability::Strict,
            })
            .await?;
        Ok(draft)
    }
}

/// The key in `meta` of the lock draft of the user with staff id `user`.
fn lock_draft_key(user: &str) -> String {
    format!("{LOCK_DRAFT_KEY}/{user}")
}

/// What needs WebCrypto (a browser; natively these fail, as there is none).
pub(super) mod browser {
    use super::*;
    use crate::domain::audit::{Action, AuditEntry, EntityKind};
    use crate::domain::ids::Id;
    use crate::domain::security::{
        base64_decode, base64_encode, hex, hmac_sha256, parse_recovery, recovery_text,
        unlock_wait_secs, wrap_aad, DEFAULT_LOCK_MINUTES, LOCK_MINUTES, PBKDF2_ITERATIONS,
        RECOVERY_BYTES, SEALED_PREFIX,
    };
    use crate::domain::staff::StaffMember;
    use crate::domain::workflow::Record;
    use crate::storage::backend::Row;
    use crate::storage::codec::{IndexCodes, Keys};
    use crate::storage::crypto;
    use crate::storage::keyring::{UserKey, Wrapped};
    use crate::storage::records::{self as rec, Sealed};
    use crate::storage::StorageError;
    use chrono::{DateTime, Utc};
    use js_sys::Uint8Array;
    use std::rc::Rc;
    use web_sys::CryptoKey;

    /// Records sealed per transaction while encrypting a workspace: a crash loses at most this batch's work (the
    /// records stay readable as they were), and the next unlock goes on from there.
    pub const SEAL_BATCH: usize = 100;

    /// The holder name of the recovery key in a wrap's additional data.
    pub(in crate::storage::repo) const RECOVERY: &str = "recovery";

    /// The recovery key is 160 random bits, so it needs no stretching: one PBKDF2 iteration (an HMAC) turns it
    /// into a key, against 600,000 for a passphrase a person chose.
    const RECOVERY_ITERATIONS: u32 = 1;

    /// A confirmation with the acting user's passphrase (adding a user, changing one's passphrase).
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub enum Confirmed {
        Yes,
        /// Wrong: counted with the failed unlocks, and the wait before the next try.
        Wrong {
            failures: u32,
            wait_secs: u32,
        },
        TooSoon {
            wait_secs: u32,
        },
    }

    /// A user's holder name in their wrap's additional data: the user and the staff member they are, so neither
    /// can be changed in the clear keyring without the wrap failing to open.
    pub(in crate::storage::repo) fn holder(user: &str, staff_id: &str) -> String {
        format!("{user}\n{staff_id}")
    }

    async fn wrap_for(
        data_key: &Uint8Array,
        secret: &[u8],
        iterations: u32,
        workspace: &str,
        holder: &str,
    ) -> Result<Wrapped> {
        let salt = crypto::random_bytes(16)?;
        let kek = crypto::wrapping_key(secret, &salt, iterations).await?;
        Ok(Wrapped {
            salt: base64_encode(&salt),
            iterations,
            key: crypto::wrap(data_key, &kek, &wrap_aad(workspace, holder)).await?,
        })
    }

    /// The data key as `secret` unwraps it (`None`: not the secret it was wrapped with).
    pub(in crate::storage::repo) async fn unwrap_with(
        wrapped: &Wrapped,
        secret: &[u8],
        workspace: &str,
        holder: &str,
    ) -> Result<Option<Uint8Array>> {
        let salt = base64_decode(&wrapped.salt)
            .ok_or_else(|| StorageError::Corrupt("keyring salt".into()))?;
        let kek = crypto::wrapping_key(secret, &salt, wrapped.iterations).await?;
        crypto::unwrap_raw(&wrapped.key, &kek, &wrap_aad(workspace, holder)).await
    }

    /// The keys derived from the data key (which is imported, and its buffer overwritten).
    pub(in crate::storage::repo) async fn keys_of(
        raw: &Uint8Array,
        workspace: &str,
    ) -> Result<Keys> {
        let data_key: CryptoKey = crypto::import_data_key(raw).await?;
        let records = crypto::record_key(&data_key, workspace).await?;
        let index = crypto::secret(&data_key, workspace, "index/cases/1").await?;
        let keyring_mac = crypto::secret(&data_key, workspace, "keyring-mac/1").await?;
        let backup = crypto::backup_key(&data_key, workspace).await?;
        Ok(Keys {
            records,
            codes: IndexCodes::keyed(&index),
            keyring_mac,
            backup,
        })
    }

    /// The MAC over what the keyring decides (whether the workspace is sealed, the lock settings, the users and
    /// their wraps, the recovery wrap), not over the failure count (written while locked).
    pub(in crate::storage::repo) fn keyring_mac(secret: &[u8; 32], k: &KeyringRecord) -> String {
        let users: Vec<_> = k
            .users
            .iter()
            .map(|u| {
                (
                    &u.id,
                    &u.name,
                    &u.staff_id,
                    &u.wrap.salt,
                    u.wrap.iterations,
                    &u.wrap.key,
                )
            })
            .collect();
        let fields = (
            k.format,
            &k.workspace,
            k.sealed,
            k.lock_minutes,
            k.wipe_after,
            users,
            (&k.recovery.salt, k.recovery.iterations, &k.recovery.key),
        );
        let text = serde_json::to_string(&fields).expect("keyring fields always serialise");
        hex(&hmac_sha256(secret, text.as_bytes()))
    }

    fn user_entry(user: &str, action: Action, now: DateTime<Utc>) -> Result<AuditEntry> {
        Ok(AuditEntry {
            at: now,
            entity: EntityKind::User,
            entity_id: user
                .parse()
                .map_err(|_| StorageError::Corrupt("user id".into()))?,
            action,
            by: None,
        })
    }

    impl<B: Backend> Repo<B> {
        /// The MAC secret of the session now (none while locked).
        fn mac_secret(&self) -> Option<[u8; 32]> {
            match &self.session.borrow().codec {
                Codec::Keys { keys, .. } => Some(keys.keyring_mac),
                _ => None,
            }
        }

        /// Writes `keyring` (which must still be at the revision it was read at, or absent) with `puts` and audit
        /// entries, in one transaction. Its MAC is made again with `mac` (the session's, if none is given); while
        /// locked, only the failure count changes and the MAC stays as it was.
        async fn write_keyring(
            &self,
            mut keyring: KeyringRecord,
            mut puts: Vec<Put>,
            audit: &[AuditEntry],
            mac: Option<&[u8; 32]>,
        ) -> Result<KeyringRecord> {
            if let Some(secret) = mac.copied().or_else(|| self.mac_secret()) {
                keyring.mac = keyring_mac(&secret, &keyring);
            }
            let expect = match keyring.rev {
                0 => Expect::Absent,
                rev => Expect::Rev(rev),
            };
            keyring.rev += 1;
            puts.push(Put {
                expect,
                row: SealedRow::Keyring(keyring.clone()),
            });
            self.backend
                .commit(Batch {
                    puts,
                    deletes: vec![],
                    checks: vec![],
                    audit: self.audit_records(audit),
                    durability: Durability::Strict,
                })
                .await?;
            Ok(keyring)
        }

        fn start_session(&self, keys: Keys, sealed: bool, actor: Option<Id>) {
            *self.session.borrow_mut() = super::super::Session {
                codec: Codec::Keys {
                    keys: Rc::new(keys),
                    accept_plain: !sealed,
                },
                actor,
            };
            self.caseload.borrow_mut().take();
        }

        /// What a new user's arrival writes besides the keyring: their staff record if they are new to the list
        /// (sealed with the session's keys), and the audit entries.
        async fn user_joins(
            &self,
            user: &str,
            staff_id: Id,
            member: Option<StaffMember>,
            now: DateTime<Utc>,
        ) -> Result<(Vec<Put>, Vec<AuditEntry>)> {
            let mut puts = Vec::new();
            let mut audit = vec![user_entry(user, Action::Created, now)?];
            if let Some(member) = member {
                let record = Record::Staff(member);
                let body = self.seal_record(&record, 1).await?;
                puts.push(Put {
                    expect: Expect::Absent,
                    row: SealedRow::of(&record, 1, body, &self.codec().codes()),
                });
                audit.push(AuditEntry {
                    at: now,
                    entity: EntityKind::Staff,
                    entity_id: staff_id,
                    action: Action::Created,
                    by: None,
                });
            }
            Ok((puts, audit))
        }

        /// Sets up encryption: a new data key, wrapped for the first user (`name`, on the staff list or added to
        /// it) under `passphrase` and for a new recovery key, whose written form is returned to be shown once.
        /// The workspace is then unlocked for that user; records of before (if any) are still to be sealed
        /// (`seal_existing`).
        pub async fn set_up(&self, name: &str, passphrase: &str) -> Result<String> {
            if self.keyring().await?.is_some() {
                return Err(StorageError::Conflict);
            }
            let now = Utc::now();
            let staff = self.staff().await?.value;
            let existing = self.holds_records().await?;
            // The user is the staff member of that name, or joins the list (sealed with the new keys).
            let (staff_id, member) = match crate::domain::staff::find(&staff, name) {
                Some(known) => (known.id, None),
                None => {
                    let member = StaffMember {
                        id: self.fresh_id(),
                        name: name.trim().to_string(),
                        role: String::new(),
                        specialty: None,
                        created_at: now,
                        updated_at: now,
                    };
                    (member.id, Some(member))
                }
            };
            let workspace = self.fresh_id().to_string();
            let user = self.fresh_id().to_string();
            let raw = crypto::new_data_key()?;
            let recovery: [u8; RECOVERY_BYTES] =
                crypto::random_bytes(RECOVERY_BYTES)?
                    .try_into()
                    .map_err(|_| StorageError::Crypto("random bytes".into()))?;
            let wrapped = async {
                let me = holder(&user, &staff_id.to_string());
                let mine = wrap_for(
                    &raw,
                    passphrase.as_bytes(),
                    PBKDF2_ITERATIONS,
                    &workspace,
                    &me,
                )
                .await?;
                let spare =
                    wrap_for(&raw, &recovery, RECOVERY_ITERATIONS, &workspace, RECOVERY).await?;
                Ok::<_, StorageError>((mine, spare))
            }
            .await;
            let (mine, spare) = match wrapped {
                Ok(wrapped) => wrapped,
                Err(e) => {
                    crypto::forget(&raw);
                    return Err(e);
                }
            };
            let keys = keys_of(&raw, &workspace).await?;
            let mac = keys.keyring_mac;
            self.start_session(keys, !existing, Some(staff_id));
            let (puts, audit) = self.user_joins(&user, staff_id, member, now).await?;
            let keyring = KeyringRecord {
                key: KEYRING_KEY.into(),
                rev: 0,
                format: 1,
                workspace,
                sealed: !existing,
                users: vec![UserKey {
                    id: user,
                    name: name.trim().to_string(),
                    staff_id: staff_id.to_string(),
                    wrap: mine,
                }],
                recovery: spare,
                failures: 0,
                failed_at: None,
                lock_minutes: DEFAULT_LOCK_MINUTES,
                wipe_after: None,
                mac: String::new(),
            };
            if let Err(e) = self.write_keyring(keyring, puts, &audit, Some(&mac)).await {
                self.lock_to_plain();
                return Err(e);
            }
            Ok(recovery_text(&recovery))
        }

        /// Back to no keys after a setup that could not be written.
        fn lock_to_plain(&self) {
            *self.session.borrow_mut() = super::super::Session {
                codec: Codec::Plain,
                actor: None,
            };
        }

        /// The wait still to run after the failures so far, if any.
        fn wait_left(keyring: &KeyringRecord, now: DateTime<Utc>) -> Option<u32> {
            let wait = unlock_wait_secs(keyring.failures) as i64;
            let last = keyring
                .failed_at
                .as_deref()
                .and_then(crate::domain::stored_time::parse_instant)?;
            let left = wait - (now - last).num_seconds();
            (wait > 0 && left > 0).then_some(left as u32)
        }

        /// Counts a try before the passphrase is checked (as stored now, so tries from several tabs add up and
        /// none gets through a wait another has started); a right passphrase clears it. `Err(wait)` when the try
        /// must not go ahead.
        async fn note_try(
            &self,
            now: DateTime<Utc>,
        ) -> Result<std::result::Result<KeyringRecord, u32>> {
            for _ in 0..3 {
                let mut keyring = self.keyring().await?.ok_or(StorageError::NotFound)?;
                if let Some(wait) = Self::wait_left(&keyring, now) {
                    return Ok(Err(wait));
                }
                keyring.failures += 1;
                keyring.failed_at = Some(rec::timestamp(now));
                match self.write_keyring(keyring, vec![], &[], None).await {
                    Err(StorageError::Conflict) => continue,
                    Err(e) => return Err(e),
                    Ok(written) => return Ok(Ok(written)),
                }
            }
            Err(StorageError::Conflict)
        }

        /// The outcome of a wrong passphrase counted in `keyring`.
        fn refused(keyring: &KeyringRecord) -> Unlock {
            if keyring.wipe_after.is_some_and(|n| keyring.failures >= n) {
                Unlock::WipeDue
            } else {
                Unlock::Refused {
                    failures: keyring.failures,
                    wait_secs: unlock_wait_secs(keyring.failures),
                }
            }
        }

        /// Unlocks for `user` with their passphrase.
        pub async fn unlock(&self, user: &str, passphrase: &str) -> Result<Unlock> {
            // The key derivation and unwrapping, timed for the benchmark (a failed try is timed too).
            let timer = super::super::Measure::start("storage:unlock");
            let outcome = self.unlock_timed(user, passphrase).await;
            timer.end();
            outcome
        }

        async fn unlock_timed(&self, user: &str, passphrase: &str) -> Result<Unlock> {
            let keyring = match self.note_try(Utc::now()).await? {
                Err(wait_secs) => return Ok(Unlock::TooSoon { wait_secs }),
                Ok(keyring) => keyring,
            };
            let holder_of = keyring.user(user).ok_or(StorageError::NotFound)?.clone();
            let me = holder(&holder_of.id, &holder_of.staff_id);
            match unwrap_with(
                &holder_of.wrap,
                passphrase.as_bytes(),
                &keyring.workspace,
                &me,
            )
            .await?
            {
                None => Ok(Self::refused(&keyring)),
                Some(raw) => self.opened(keyring, raw, &holder_of, None).await,
            }
        }

        /// Checks the keyring's MAC with the unwrapped data key, writes it back with the failure count cleared
        /// (and `wrap` as the user's new one, after a recovery), and only then starts the session of `user`.
        async fn opened(
            &self,
            mut keyring: KeyringRecord,
            raw: Uint8Array,
            user: &UserKey,
            wrap: Option<Wrapped>,
        ) -> Result<Unlock> {
            let keys = keys_of(&raw, &keyring.workspace).await?;
            if keyring.mac != keyring_mac(&keys.keyring_mac, &keyring) {
                // Its settings, users or sealed state were changed outside the app: nothing in it is trusted.
                return Err(StorageError::Corrupt(
                    "the keyring was changed outside the app".into(),
                ));
            }
            keyring.failures = 0;
            keyring.failed_at = None;
            let mut audit = Vec::new();
            if let Some(wrap) = wrap {
                if let Some(u) = keyring.users.iter_mut().find(|u| u.id == user.id) {
                    u.wrap = wrap;
                }
                audit.push(user_entry(&user.id, Action::Updated, Utc::now())?);
            }
            // Covered by the keyring's MAC, so only a damaged keyring has a staff id that is not one: refused
            // rather than unlocking a session whose changes would name no one.
            let actor: Option<Id> =
                Some(user.staff_id.parse().map_err(|_| {
                    StorageError::Corrupt("a user's staff id in the keyring".into())
                })?);
            let sealed = keyring.sealed;
            let mac = keys.keyring_mac;
            // Written before the session starts: a recovery's new passphrase is kept, or the unlock fails whole.
            // The entry names the user who recovered.
            let audit: Vec<AuditEntry> = audit
                .into_iter()
                .map(|mut e| {
                    e.by = actor;
                    e
                })
                .collect();
            self.write_keyring(keyring, vec![], &audit, Some(&mac))
                .await?;
            self.start_session(keys, sealed, actor);
            Ok(Unlock::Unlocked { sealing: !sealed })
        }

        /// Unlocks for `user` with the recovery key and gives them `new_passphrase` (a forgotten passphrase).
        pub async fn recover(
            &self,
            user: &str,
            recovery: &str,
            new_passphrase: &str,
        ) -> Result<Unlock> {
            let keyring = match self.note_try(Utc::now()).await? {
                Err(wait_secs) => return Ok(Unlock::TooSoon { wait_secs }),
                Ok(keyring) => keyring,
            };
            let holder_of = keyring.user(user).ok_or(StorageError::NotFound)?.clone();
            let Some(secret) = parse_recovery(recovery) else {
                return Ok(Self::refused(&keyring));
            };
            let Some(raw) =
                unwrap_with(&keyring.recovery, &secret, &keyring.workspace, RECOVERY).await?
            else {
                return Ok(Self::refused(&keyring));
            };
            let me = holder(&holder_of.id, &holder_of.staff_id);
            let wrap = match wrap_for(
                &raw,
                new_passphrase.as_bytes(),
                PBKDF2_ITERATIONS,
                &keyring.workspace,
                &me,
            )
            .await
            {
                Ok(wrap) => wrap,
                Err(e) => {
                    crypto::forget(&raw);
                    return Err(e);
                }
            };
            self.opened(keyring, raw, &holder_of, Some(wrap)).await
        }

        /// The acting user's passphrase, checked (and counted as a try, like an unlock): the data key and the
        /// keyring it was checked against, or why not.
        async fn confirm(
            &self,
            passphrase: &str,
        ) -> Result<std::result::Result<(Uint8Array, KeyringRecord), Confirmed>> {
            let keyring = match self.note_try(Utc::now()).await? {
                Err(wait_secs) => return Ok(Err(Confirmed::TooSoon { wait_secs })),
                Ok(keyring) => keyring,
            };
            let actor = self.actor().ok_or(StorageError::Locked)?.to_string();
            let me = keyring
                .users
                .iter()
                .find(|u| u.staff_id == actor)
                .ok_or(StorageError::NotFound)?;
            let holder_of = holder(&me.id, &me.staff_id);
            match unwrap_with(
                &me.wrap,
                passphrase.as_bytes(),
                &keyring.workspace,
                &holder_of,
            )
            .await?
            {
                None => Ok(Err(Confirmed::Wrong {
                    failures: keyring.failures,
                    wait_secs: unlock_wait_secs(keyring.failures),
                })),
                Some(raw) => {
                    let mut keyring = keyring;
                    keyring.failures = 0;
                    keyring.failed_at = None;
                    Ok(Ok((raw, keyring)))
                }
            }
        }

        /// Adds a user (`name`, matched to the staff list or added to it) with their own passphrase. The acting
        /// user confirms with theirs (the data key is wrapped for the new user from it).
        pub async fn add_user(
            &self,
            my_passphrase: &str,
            name: &str,
            passphrase: &str,
        ) -> Result<Confirmed> {
            let now = Utc::now();
            let (raw, mut keyring) = match self.confirm(my_passphrase).await? {
                Ok(confirmed) => confirmed,
                Err(refused) => return Ok(refused),
            };
            let mut staff = match self.staff().await {
                Ok(staff) => staff.value,
                Err(e) => {
                    crypto::forget(&raw);
                    return Err(e);
                }
            };
            let (staff_id, member) =
                crate::domain::staff::assign(&mut staff, name, None, &mut || self.fresh_id(), now);
            let user = self.fresh_id().to_string();
            let me = holder(&user, &staff_id.to_string());
            let wrapped = wrap_for(
                &raw,
                passphrase.as_bytes(),
                PBKDF2_ITERATIONS,
                &keyring.workspace,
                &me,
            )
            .await;
            crypto::forget(&raw);
            let wrap = wrapped?;
            let (puts, audit) = self.user_joins(&user, staff_id, member, now).await?;
            keyring.users.push(UserKey {
                id: user,
                name: name.trim().to_string(),
                staff_id: staff_id.to_string(),
                wrap,
            });
            self.write_keyring(keyring, puts, &audit, None).await?;
            Ok(Confirmed::Yes)
        }

        /// Changes the acting user's passphrase: the data key is wrapped again, no record is touched.
        pub async fn change_passphrase(&self, current: &str, new: &str) -> Result<Confirmed> {
            let now = Utc::now();
            let (raw, mut keyring) = match self.confirm(current).await? {
                Ok(confirmed) => confirmed,
                Err(refused) => return Ok(refused),
            };
            let actor = self.actor().ok_or(StorageError::Locked)?.to_string();
            let Some(me) = keyring.users.iter_mut().find(|u| u.staff_id == actor) else {
                crypto::forget(&raw);
                return Err(StorageError::NotFound);
            };
            let holder_of = holder(&me.id, &me.staff_id);
            let wrapped = wrap_for(
                &raw,
                new.as_bytes(),
                PBKDF2_ITERATIONS,
                &keyring.workspace,
                &holder_of,
            )
            .await;
            crypto::forget(&raw);
            me.wrap = wrapped?;
            let entry = user_entry(&me.id, Action::Updated, now)?;
            self.write_keyring(keyring, vec![], &[entry], None).await?;
            Ok(Confirmed::Yes)
        }

        /// Removes a user (never the last one: the workspace would open with the recovery key only). Their
        /// staff record stays, so their name stays on what they did.
        pub async fn remove_user(&self, user: &str) -> Result<()> {
            let now = Utc::now();
            let mut keyring = self.keyring().await?.ok_or(StorageError::NotFound)?;
            if keyring.users.len() < 2 {
                return Err(StorageError::LastUser);
            }
            keyring.users.retain(|u| u.id != user);
            self.write_keyring(
                keyring,
                vec![],
                &[user_entry(user, Action::Deleted, now)?],
                None,
            )
            .await?;
            Ok(())
        }

        /// Sets the auto-lock minutes (1 to 30) and the failed unlocks that wipe the device (settings of the
        /// device, in the keyring).
        pub async fn set_lock_settings(
            &self,
            minutes: u32,
            wipe_after: Option<u32>,
        ) -> Result<KeyringRecord> {
            let mut keyring = self.keyring().await?.ok_or(StorageError::NotFound)?;
            keyring.lock_minutes = minutes.clamp(*LOCK_MINUTES.start(), *LOCK_MINUTES.end());
            keyring.wipe_after = wipe_after;
            self.write_keyring(keyring, vec![], &[], None).await
        }

        /// Seals every record still in JSON (a workspace used before encryption was set up), `SEAL_BATCH` per
        /// transaction, each at its next revision and only if nobody wrote it meanwhile; then marks the keyring
        /// sealed. Interrupted, it goes on at the next unlock: records not yet sealed are read as they are.
        /// `progress(done, total)` after each batch. `limit` stops after that many batches (tests interrupt it
        /// this way; the app passes `None`). `Ok(true)` once every record is sealed.
        pub async fn seal_existing(
            &self,
            progress: &dyn Fn(usize, usize),
            limit: Option<usize>,
        ) -> Result<bool> {
            let _busy = self.busy_guard();
            let plain = self.plain_records().await?;
            let total = plain.len();
            let codes = self.codec().codes();
            progress(0, total);
            for (n, chunk) in plain.chunks(SEAL_BATCH).enumerate() {
                if limit.is_some_and(|limit| n >= limit) {
                    return Ok(false);
                }
                let mut puts = Vec::with_capacity(chunk.len());
                for (record, rev) in chunk {
                    let body = self.seal_record(record, rev + 1).await?;
                    puts.push(Put {
                        expect: Expect::Rev(*rev),
                        row: SealedRow::of(record, rev + 1, body, &codes),
                    });
                }
                match self
                    .backend
                    .commit(Batch {
                        puts,
                        deletes: vec![],
                        checks: vec![],
                        audit: vec![],
                        durability: Durability::Strict,
                    })
                    .await
                {
                    // Another tab wrote one of these records meanwhile (sealed, by then): what is left is sealed
                    // at the next unlock.
                    Err(StorageError::Conflict) => {}
                    other => other?,
                }
                progress(((n + 1) * SEAL_BATCH).min(total), total);
            }
            // Marked sealed only once nothing readable is left in JSON (a conflict above may have left some).
            if !self.plain_records().await?.is_empty() {
                return Ok(false);
            }
            let mut keyring = self.keyring().await?.ok_or(StorageError::NotFound)?;
            keyring.sealed = true;
            self.write_keyring(keyring, vec![], &[], None).await?;
            if let Codec::Keys { accept_plain, .. } = &mut self.session.borrow_mut().codec {
                *accept_plain = false;
            }
            // Every record was written again: the caseload kept from before is read afresh.
            self.caseload.borrow_mut().take();
            Ok(true)
        }

        /// Every record still in JSON, read as a domain record, with its revision. A record whose JSON cannot be
        /// read is left as it is (and is listed as unreadable wherever it shows).
        async fn plain_records(&self) -> Result<Vec<(Record, u32)>> {
            use crate::domain::{
                administration::Administration,
                assessment::Assessment,
                case::Case,
                client::Client,
                contact::Contact,
                coordination::{Appointment, Referral},
                coverage::Coverage,
                note::ProgressNote,
                plan::{CarePlan, PlanRevision},
                task::{Need, Task},
                transition::Transition,
            };
            let mut out = Vec::new();
            macro_rules! gather {
                ($($row:ty => $variant:ident($ty:ty)),* $(,)?) => {$(
                    for row in self.backend.all::<$row>().await?.into_iter().flatten() {
                        if row.body().starts_with(SEALED_PREFIX) {
                            continue;
                        }
                        if let Ok(content) = crate::storage::codec::open_now::<$ty>(row.body()) {
                            out.push((Record::$variant(content), row.rev()));
                        }
                    }
                )*};
            }
            gather!(
                rec::ClientRecord => Client(Client),
                rec::CaseRecord => Case(Case),
                rec::AdministrationRecord => Administration(Administration),
                rec::TaskRecord => Task(Task),
                rec::NeedRecord => Need(Need),
                rec::AssessmentRecord => Assessment(Assessment),
                rec::PlanRecord => Plan(CarePlan),
                rec::PlanRevisionRecord => PlanRevision(PlanRevision),
                rec::ReferralRecord => Referral(Referral),
                rec::AppointmentRecord => Appointment(Appointment),
                rec::CoverageRecord => Coverage(Coverage),
                rec::ContactRecord => Contact(Contact),
                rec::NoteRecord => Note(ProgressNote),
                rec::TransitionRecord => Transition(Transition),
                rec::StaffRecord => Staff(StaffMember),
            );
            Ok(out)
        }
    }
}

pub use browser::{Confirmed, SEAL_BATCH};
