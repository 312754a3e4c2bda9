//! The one codec every record's content passes through on its way into and out of IndexedDB, and the index codes
//! that depend on the workspace's keys.
//!
//! Content is JSON; in an encrypted workspace the JSON is sealed with AES-256-GCM (`crypto`), bound to the record's
//! store, key and revision. WebCrypto is asynchronous, so the repository calls the codec only outside transactions:
//! it seals a whole changeset before the write transaction opens and opens records after the read transaction
//! ended (docs/ARCHITECTURE.md, "Encryption at rest").

use crate::domain::risk::{tier_code, Tier};
use crate::domain::security::{hex, hmac_sha256, SEALED_PREFIX};
use crate::storage::StorageError;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::rc::Rc;

/// The keys of an unlocked workspace (made only in a browser: natively there is no WebCrypto).
pub struct Keys {
    pub(crate) records: web_sys::CryptoKey,
    pub(crate) codes: IndexCodes,
    /// Keys the MAC over the keyring's settings and users, so an edit of the clear keyring is found at unlock.
    pub(crate) keyring_mac: [u8; 32],
    /// Seals a backup's payload.
    pub(crate) backup: web_sys::CryptoKey,
}

/// A codec step's result, behind one boxed future type.
type Pending<T> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, StorageError>>>>;

/// How records are sealed now.
#[derive(Clone)]
pub enum Codec {
    /// No workspace passphrase yet: content is JSON (a database from before encryption, and the native tests).
    Plain,
    /// A workspace exists and nobody has unlocked it: nothing can be read or written.
    Locked,
    /// Unlocked. `accept_plain` while the records of before encryption are being sealed: a record still in JSON
    /// is read; once every record is sealed, a JSON body is refused as corrupt (it was not written by this app).
    Keys { keys: Rc<Keys>, accept_plain: bool },
}

impl Codec {
    /// Seals `content` of record `key` of `store` at revision `rev`.
    pub(crate) async fn seal<T: Serialize>(
        &self,
        store: &str,
        key: &str,
        rev: u32,
        content: &T,
    ) -> Result<String, StorageError> {
        self.seal_text(store, key, rev, seal_now(content)).await
    }

    /// Seals content already in JSON. Not generic, and behind one boxed future, so the cipher's code is in the
    /// wasm once rather than once per kind of record.
    fn seal_text(&self, store: &str, key: &str, rev: u32, json: String) -> Pending<String> {
        let codec = self.clone();
        let (store, key) = (store.to_string(), key.to_string());
        Box::pin(async move {
            match codec {
                Codec::Plain => Ok(json),
                Codec::Locked => Err(StorageError::Locked),
                Codec::Keys { keys, .. } => {
                    crate::storage::crypto::seal(&keys.records, &store, &key, rev, json.as_bytes())
                        .await
                }
            }
        })
    }

    /// Opens the body of record `key` of `store` at revision `rev`.
    pub(crate) async fn open<T: DeserializeOwned>(
        &self,
        store: &str,
        key: &str,
        rev: u32,
        body: &str,
    ) -> Result<T, StorageError> {
        let json = self.open_text(store, key, rev, body).await?;
        open_now(&json)
    }

    /// The JSON of a stored body (as `seal_text`, once in the wasm). Decrypted content is read as text too, so
    /// every record type is deserialised by one reader (`open_now`), not by one for text and one for bytes.
    fn open_text(&self, store: &str, key: &str, rev: u32, body: &str) -> Pending<String> {
        let codec = self.clone();
        let (store, key, body) = (store.to_string(), key.to_string(), body.to_string());
        Box::pin(async move {
            match codec {
                Codec::Plain if body.starts_with(SEALED_PREFIX) => Err(StorageError::Locked),
                Codec::Plain => Ok(body),
                Codec::Locked => Err(StorageError::Locked),
                Codec::Keys { accept_plain, .. } if !body.starts_with(SEALED_PREFIX) => {
                    if accept_plain {
                        Ok(body)
                    } else {
                        Err(StorageError::Corrupt(format!(
                            "{store} {key}: not sealed in an encrypted workspace"
                        )))
                    }
                }
                Codec::Keys { keys, .. } => {
                    let plain =
                        crate::storage::crypto::open(&keys.records, &store, &key, rev, &body)
                            .await?;
                    String::from_utf8(plain).map_err(|e| StorageError::Corrupt(e.to_string()))
                }
            }
        })
    }

    /// The index codes records are written and looked up with now.
    pub(crate) fn codes(&self) -> IndexCodes {
        match self {
            Codec::Keys { keys, accept_plain } => IndexCodes {
                plain_too: *accept_plain,
                ..keys.codes.clone()
            },
            _ => IndexCodes::default(),
        }
    }
}

/// The codes clear index fields hold for values that reveal a clinical fact: the risk tier (an urgent tier
/// follows only from PHQ-9 item 9 or a total of 20 or more). In an encrypted workspace each is a keyed hash (HMAC
/// with a secret derived from the data key for the `cases` store), so the index still groups and counts cases by
/// tier, but a code says nothing without the key; without keys they are the plain codes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IndexCodes {
    /// Every tier (`None`: not yet stratified) with its code; empty for the plain codes.
    tiers: Vec<(Option<Tier>, String)>,
    /// While the records of before encryption are being sealed, a record not yet sealed still holds a plain code:
    /// it is read too. (Lookups by tier use the keyed code, so until sealing is done they miss those records.)
    plain_too: bool,
}

impl IndexCodes {
    /// The keyed codes under `secret`.
    pub fn keyed(secret: &[u8; 32]) -> IndexCodes {
        let tiers = std::iter::once(None)
            .chain(Tier::ALL.iter().copied().map(Some))
            .map(|tier| {
                let mac = hmac_sha256(secret, format!("tier\n{}", tier_code(tier)).as_bytes());
                (tier, format!("k.{}", hex(&mac[..12])))
            })
            .collect();
        IndexCodes {
            tiers,
            plain_too: false,
        }
    }

    /// The stored code of `tier`.
    pub fn tier(&self, tier: Option<Tier>) -> String {
        self.tiers
            .iter()
            .find(|(t, _)| *t == tier)
            .map_or_else(|| tier_code(tier).to_string(), |(_, code)| code.clone())
    }

    /// The tier a stored code stands for (`None`: no tier has this code).
    pub fn tier_of(&self, code: &str) -> Option<Option<Tier>> {
        let plain = || match code {
            crate::domain::risk::UNSTRATIFIED => Some(None),
            code => Tier::from_code(code).map(Some),
        };
        if self.tiers.is_empty() {
            return plain();
        }
        let keyed = self.tiers.iter().find(|(_, c)| c == code).map(|(t, _)| *t);
        keyed.or_else(|| if self.plain_too { plain() } else { None })
    }
}

/// The JSON step of sealing (synchronous; in an encrypted workspace it is the plaintext the cipher seals).
pub(crate) fn seal_now<T: Serialize>(content: &T) -> String {
    serde_json::to_string(content).expect("domain records always serialise")
}

/// The JSON step of opening.
pub(crate) fn open_now<T: DeserializeOwned>(sealed: &str) -> Result<T, StorageError> {
    serde_json::from_str(sealed).map_err(|e| StorageError::Corrupt(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::phase::Phase;

    #[test]
    fn content_round_trips_and_garbage_is_reported_as_corrupt() {
        let sealed = seal_now(&vec![Phase::Planning, Phase::FollowUp]);
        assert_eq!(
            open_now::<Vec<Phase>>(&sealed).unwrap(),
            vec![Phase::Planning, Phase::FollowUp]
        );
        assert!(matches!(
            open_now::<Vec<Phase>>("{not json"),
            Err(StorageError::Corrupt(_))
        ));
        assert!(matches!(
            open_now::<Vec<Phase>>("[\"closure\"]"),
            Err(StorageError::Corrupt(_))
        ));
    }

    #[test]
    fn a_plain_or_locked_codec_never_passes_a_sealed_body_off_as_content() {
        let open = |codec: Codec, body: &'static str| {
            futures::executor::block_on(codec.open::<Vec<Phase>>("cases", "k", 1, body))
        };
        assert!(matches!(
            open(Codec::Plain, "e1.AAAA"),
            Err(StorageError::Locked)
        ));
        assert!(matches!(
            open(Codec::Locked, "[]"),
            Err(StorageError::Locked)
        ));
        assert!(matches!(
            futures::executor::block_on(Codec::Locked.seal("cases", "k", 1, &1)),
            Err(StorageError::Locked)
        ));
    }

    #[test]
    fn keyed_tier_codes_differ_by_key_hide_the_tier_and_map_back() {
        let plain = IndexCodes::default();
        assert_eq!(plain.tier(Some(Tier::Urgent)), "urgent");
        assert_eq!(plain.tier_of("unstratified"), Some(None));
        let a = IndexCodes::keyed(&[1; 32]);
        let b = IndexCodes::keyed(&[2; 32]);
        let mut codes = Vec::new();
        for tier in std::iter::once(None).chain(Tier::ALL.iter().copied().map(Some)) {
            let code = a.tier(tier);
            assert!(code.starts_with("k.") && !code.contains(tier_code(tier)));
            assert_ne!(code, b.tier(tier));
            assert_eq!(a.tier_of(&code), Some(tier));
            assert_eq!(b.tier_of(&code), None);
            codes.push(code);
        }
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), Tier::ALL.len() + 1);
        assert_eq!(a.tier_of("urgent"), None);
    }
}
