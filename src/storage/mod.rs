//! The only code that touches IndexedDB: the versioned schema, the record codec, and the repository the UI calls.
//!
//! Every user action is one read-write transaction that commits before the call returns; nothing but IndexedDB
//! requests is awaited inside a transaction. Failures come back as [`StorageError`]s the UI can explain.

mod codec;
mod error;
mod records;
mod repo;
pub mod schema;

pub use error::StorageError;
pub use repo::{new_id, CaseFile, CaseListRow, ClientFile, Storage, StorageEvent};
pub use schema::DB_NAME;
