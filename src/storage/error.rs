//! Storage failures, typed so the UI can say what happened and what the user can do about it.

use indexed_db_futures::error::{DomException, Error as IdbError, UnexpectedDataError};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// The browser refused IndexedDB (private mode in some browsers, or storage disabled).
    Unavailable(String),
    /// The transaction was aborted; nothing it wrote was kept.
    Aborted(String),
    /// The browser's storage quota for this site is used up.
    QuotaExceeded,
    /// Another tab holds the database open at an older version, so the upgrade waits until it closes.
    UpgradeBlocked,
    /// Another tab opened a newer version of the app; this tab closed its connection and must reload.
    VersionChanged,
    /// The connection closed unexpectedly (storage cleared, browser shutting down).
    ConnectionLost,
    /// The record asked for does not exist (any more).
    NotFound,
    /// A stored record could not be read back.
    Corrupt(String),
    /// A workflow rule refused the change (for example a phase move on a closed case).
    Refused(crate::domain::case::WorkflowError),
    /// A removal refused because these records still point to what was to be removed (nothing was written).
    InUse(Vec<crate::domain::workflow::plans::Referrer>),
    /// Another tab wrote a record this action read, more than once while it was being tried; nothing was written.
    Conflict,
    /// A schema upgrade step failed; the database stays at its previous version, untouched.
    MigrationFailed(String),
    /// The workspace is locked: no record can be read or written until a user unlocks it.
    Locked,
    /// The page is not in a secure context (HTTPS or this machine), so the browser offers no WebCrypto.
    InsecureContext,
    /// The last user of a workspace cannot be removed (the workspace would open with the recovery key only).
    LastUser,
    /// An edit of a record that was saved elsewhere (another tab or window) after the form was opened; nothing was
    /// written.
    Stale,
    /// A restore into a workspace that already holds records or a keyring (nothing was written).
    NotEmpty,
    /// WebCrypto refused an operation (not a wrong key: that is `Corrupt` for a record, or a refused unlock).
    Crypto(String),
}

impl StorageError {
    /// Whether trying the same write again later may succeed (an abort, a full disk, a conflict), as opposed to
    /// a rule that refused it or a record that is gone.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            StorageError::Aborted(_)
                | StorageError::QuotaExceeded
                | StorageError::Conflict
                | StorageError::Unavailable(_)
        )
    }
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for StorageError {}

/// Classifies a DOMException by its name.
pub(crate) fn from_dom_name(name: &str, message: String) -> StorageError {
    match name {
        "QuotaExceededError" => StorageError::QuotaExceeded,
        "AbortError" | "ConstraintError" | "TransactionInactiveError" => {
            StorageError::Aborted(message)
        }
        "InvalidStateError" => StorageError::ConnectionLost,
        "VersionError" => StorageError::VersionChanged,
        "UnknownError" | "SecurityError" | "NotAllowedError" => StorageError::Unavailable(message),
        _ => StorageError::Aborted(format!("{name}: {message}")),
    }
}

impl From<IdbError> for StorageError {
    fn from(error: IdbError) -> Self {
        match error {
            IdbError::DomException(dom) => {
                let raw: web_sys::DomException = dom.into();
                from_dom_name(&raw.name(), raw.message())
            }
            IdbError::Serialisation(e) => StorageError::Corrupt(e.to_string()),
            IdbError::MissingData(UnexpectedDataError::TransactionAborted) => {
                StorageError::Aborted("transaction aborted".into())
            }
            other => StorageError::Aborted(other.to_string()),
        }
    }
}

impl From<DomException> for StorageError {
    fn from(error: DomException) -> Self {
        IdbError::from(error).into()
    }
}

impl From<wasm_bindgen::JsValue> for StorageError {
    fn from(value: wasm_bindgen::JsValue) -> Self {
        use wasm_bindgen::JsCast;
        match value.dyn_ref::<web_sys::DomException>() {
            Some(dom) => from_dom_name(&dom.name(), dom.message()),
            None => StorageError::Aborted(format!("{value:?}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dom_exception_names_become_errors_the_ui_can_explain() {
        let m = || String::from("message");
        assert_eq!(
            from_dom_name("QuotaExceededError", m()),
            StorageError::QuotaExceeded
        );
        assert_eq!(from_dom_name("AbortError", m()), StorageError::Aborted(m()));
        assert_eq!(
            from_dom_name("ConstraintError", m()),
            StorageError::Aborted(m())
        );
        assert_eq!(
            from_dom_name("InvalidStateError", m()),
            StorageError::ConnectionLost
        );
        assert_eq!(
            from_dom_name("VersionError", m()),
            StorageError::VersionChanged
        );
        assert_eq!(
            from_dom_name("UnknownError", m()),
            StorageError::Unavailable(m())
        );
        assert_eq!(
            from_dom_name("DataError", m()),
            StorageError::Aborted("DataError: message".into())
        );
    }
}
