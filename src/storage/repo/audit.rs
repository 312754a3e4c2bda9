//! The audit trail's verification: the whole log and its chain's head, read in one transaction and checked
//! (`audit_chain::verify`).

use super::{Repo, Result};
use crate::storage::audit_chain::{verify, AuditCheck};
use crate::storage::backend::Backend;

impl<B: Backend> Repo<B> {
    /// Whether the audit trail is as written, or the first entry that was changed, removed or moved.
    pub async fn verify_audit(&self) -> Result<AuditCheck> {
        let (entries, head) = self.backend.audit_trail().await?;
        let entries: Vec<_> = entries.into_iter().map(|e| e.ok()).collect();
        Ok(verify(&entries, head.as_ref()))
    }
}
