//! The one codec every record's content passes through on its way into and out of IndexedDB.
//!
//! Today it is JSON text. Encryption at rest (AES-256-GCM through WebCrypto, which is asynchronous) slots in here:
//! `seal` and `open` are already `async`, and the repository calls them only outside transactions — it seals a
//! whole changeset before the write transaction opens and opens records after the read transaction ended — so an
//! asynchronous cipher never has to join a transaction. See docs/ARCHITECTURE.md, "Encryption at rest".

use crate::storage::StorageError;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Encodes record content for storage.
pub(crate) async fn seal<T: Serialize>(content: &T) -> String {
    seal_now(content)
}

/// Decodes record content read from storage.
pub(crate) async fn open<T: DeserializeOwned>(sealed: &str) -> Result<T, StorageError> {
    open_now(sealed)
}

/// The JSON step of sealing (synchronous; with encryption it becomes the plaintext the cipher seals).
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
}
