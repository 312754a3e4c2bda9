//! The audit trail's verification (the whole log and its chain's head, read in one transaction and checked by
//! `audit_chain::verify`), and the entries of a recent span, with who acted.

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

impl<B: Backend> Repo<B> {
    /// The audit entries logged since `from`, newest first: one key range of the `by_at` index (never the whole
    /// log). An entry that cannot be read is left out.
    pub async fn audit_since(
        &self,
        from: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<crate::domain::audit::AuditEntry>> {
        let rows = self
            .backend
            .by_index::<crate::storage::records::AuditRecord>(
                crate::storage::schema::AUDIT_BY_AT,
                crate::storage::backend::IndexKey::Range {
                    from: Some(crate::storage::records::timestamp(from)),
                    // Every timestamp sorts before this.
                    until: "~".into(),
                },
            )
            .await?;
        let mut entries: Vec<_> = rows
            .into_iter()
            .filter_map(|row| row.ok()?.entry().ok())
            .collect();
        crate::domain::order::sort_by_key(&mut entries, |e| std::cmp::Reverse(e.at));
        Ok(entries)
    }
}
