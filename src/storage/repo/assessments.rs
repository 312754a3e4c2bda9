//! The holistic assessment: reading it and saving the draft or the completed assessment.

use super::{Repo, Result, Snapshot};
use crate::domain::assessment::Assessment;
use crate::domain::case::Case;
use crate::domain::ids::Id;
use crate::domain::workflow::assessments;
use crate::storage::backend::Backend;
use crate::storage::records::{AssessmentRecord, CaseRecord};
use crate::storage::StorageError;
use chrono::Utc;

impl<B: Backend> Repo<B> {
    /// The case's holistic assessment, if one was started.
    pub async fn assessment(&self, case_id: Id) -> Result<Option<Assessment>> {
        self.read::<AssessmentRecord, _>(&mut Snapshot::default(), &case_id.to_string())
            .await
    }

    /// Saves the assessment (a draft at every change, or the completed one) for an open case. The page's newest
    /// snapshot wins: the page's write queue sends one write at a time, so nothing newer can be overwritten.
    pub async fn save_assessment(&self, assessment: &Assessment) -> Result<()> {
        self.act(async || {
            let mut snapshot = Snapshot::default();
            let key = assessment.case_id.to_string();
            let case: Case = self
                .read_existing::<CaseRecord, _>(&mut snapshot, &key)
                .await?;
            let existed = self
                .read::<AssessmentRecord, Assessment>(&mut snapshot, &key)
                .await
                .map(|a| a.is_some())
                // A damaged draft is replaced by the newer one.
                .or_else(|e| match e {
                    StorageError::Corrupt(_) => Ok(true),
                    other => Err(other),
                })?;
            let changes = assessments::save(&case, existed, assessment.clone(), Utc::now())
                .map_err(StorageError::Refused)?;
            self.write(&snapshot, &changes).await
        })
        .await
    }
}
