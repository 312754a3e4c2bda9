//! The workspace's keyring, kept in the clear in `meta` under `keyring`: the data key wrapped once per user (with a
//! key derived from their passphrase) and once for the recovery key, the users' names for the unlock screen, the
//! failed unlocks so far, and the lock settings. It holds no key in the clear and no case data.

use crate::storage::backend::Row;
use crate::storage::schema::META;
use serde::{Deserialize, Serialize};

/// The keyring's key in `meta`.
pub const KEYRING_KEY: &str = "keyring";

/// The data key wrapped for one holder: AES-256-GCM under PBKDF2-HMAC-SHA256(secret, salt, iterations); the
/// additional data names the workspace and the holder (`security::wrap_aad`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wrapped {
    /// Base64 of 16 random bytes.
    pub salt: String,
    pub iterations: u32,
    /// Base64 of IV ‖ ciphertext ‖ tag.
    pub key: String,
}

/// A user of the workspace: a case manager on the staff list with their own passphrase.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserKey {
    pub id: String,
    /// Shown on the unlock screen, so in the clear (a staff member's name, never a client's).
    pub name: String,
    /// The staff member this user is: audit entries name them by this id.
    pub staff_id: String,
    pub wrap: Wrapped,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyringRecord {
    pub key: String,
    #[serde(default)]
    pub rev: u32,
    /// The keyring's format.
    pub format: u32,
    /// A random id: the HKDF salt of the keys derived from the data key, and part of every wrap's additional data.
    pub workspace: String,
    /// Whether every record is sealed. False while the records of before encryption are being sealed: until then a
    /// record still in JSON is read; after, a JSON body is refused.
    pub sealed: bool,
    pub users: Vec<UserKey>,
    pub recovery: Wrapped,
    /// Failed unlocks in a row, and when the last one was (RFC 3339).
    #[serde(default)]
    pub failures: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_at: Option<String>,
    /// Auto-lock after this many minutes without input.
    pub lock_minutes: u32,
    /// Wipe the device after this many failed unlocks in a row (none: never).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wipe_after: Option<u32>,
    /// HMAC (a secret derived from the data key) over everything above but the failure count: an edit of the
    /// clear keyring by anyone without the key is found at the next unlock.
    #[serde(default)]
    pub mac: String,
}

impl Row for KeyringRecord {
    const STORE: &'static str = META;
    fn key(&self) -> String {
        self.key.clone()
    }
    fn rev(&self) -> u32 {
        self.rev
    }
}

impl KeyringRecord {
    pub fn user(&self, id: &str) -> Option<&UserKey> {
        self.users.iter().find(|u| u.id == id)
    }
}

/// The key in `meta` of what the last lock kept of the page (`domain::security::LockDraft`, sealed).
pub const LOCK_DRAFT_KEY: &str = "lock-draft";

/// What the last lock kept of the page: where the user was and what they had typed, sealed like a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockDraftRecord {
    pub key: String,
    #[serde(default)]
    pub rev: u32,
    pub body: String,
}

impl Row for LockDraftRecord {
    const STORE: &'static str = META;
    fn key(&self) -> String {
        self.key.clone()
    }
    fn rev(&self) -> u32 {
        self.rev
    }
}

impl crate::storage::records::Sealed for LockDraftRecord {
    fn body(&self) -> &str {
        &self.body
    }
}
