//! The one codec every record's content passes through on its way into and out of IndexedDB.
//!
//! Today it is JSON text; encryption at rest will wrap `seal`/`open` here without any caller changing.

use crate::storage::StorageError;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Encodes record content for storage.
pub(crate) fn seal<T: Serialize>(content: &T) -> String {
    serde_json::to_string(content).expect("domain records always serialise")
}

/// Decodes record content read from storage.
pub(crate) fn open<T: DeserializeOwned>(sealed: &str) -> Result<T, StorageError> {
    serde_json::from_str(sealed).map_err(|e| StorageError::Corrupt(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::phase::Phase;

    #[test]
    fn content_round_trips_and_garbage_is_reported_as_corrupt() {
        let sealed = seal(&vec![Phase::Planning, Phase::FollowUp]);
        assert_eq!(
            open::<Vec<Phase>>(&sealed).unwrap(),
            vec![Phase::Planning, Phase::FollowUp]
        );
        assert!(matches!(
            open::<Vec<Phase>>("{not json"),
            Err(StorageError::Corrupt(_))
        ));
        assert!(matches!(
            open::<Vec<Phase>>("[\"closure\"]"),
            Err(StorageError::Corrupt(_))
        ));
    }
}
