//! The holistic assessment: reading it and saving the draft or the completed assessment.

use super::{Repo, Result, Snapshot};
use crate::domain::assessment::Assessment;
use crate::domain::case::Case;
use crate::domain::ids::Id;
use crate::domain::workflow::assessments;
use crate::storage::backend::Backend;
use crate::storage::records::{AssessmentRecord, CaseRecord};
use crate::storage::schema::ASSESSMENTS;
use crate::storage::StorageError;
use chrono::Utc;

impl<B: Backend> Repo<B> {
    /// The case's holistic assessment, if one was started.
    pub async fn assessment(&self, case_id: Id) -> Result<Option<Assessment>> {
        Ok(self.assessment_at(case_id).await?.0)
    }

    /// The case's holistic assessment with its record's revision (0: none yet).
    pub async fn assessment_at(&self, case_id: Id) -> Result<(Option<Assessment>, u32)> {
        let mut snapshot = Snapshot::default();
        let key = case_id.to_string();
        let assessment = self
            .read::<AssessmentRecord, _>(&mut snapshot, &key)
            .await?;
        Ok((assessment, snapshot.rev(ASSESSMENTS, &key).unwrap_or(0)))
    }

    /// Saves the assessment (a draft at every change, or the completed one) for an open case, whatever is stored.
    pub async fn save_assessment(&self, assessment: &Assessment) -> Result<()> {
        self.save_assessment_from(assessment, None)
            .await
            .map(|_| ())
    }

    /// Saves the assessment edited from the record at revision `from` (0: there was none), and returns the
    /// revision written. If another tab or window saved it since, nothing is written and the save is refused as
    /// [`StorageError::Stale`]. Within the page, its write queue sends one write at a time, so its own newest
    /// snapshot is never overwritten by an older one.
    pub async fn save_assessment_from(
        &self,
        assessment: &Assessment,
        from: Option<u32>,
    ) -> Result<u32> {
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
            let stored = snapshot.rev(ASSESSMENTS, &key).unwrap_or(0);
            if from.is_some_and(|from| from != stored) {
                return Err(StorageError::Stale);
            }
            let changes = assessments::save(&case, existed, assessment.clone(), Utc::now())
                .map_err(StorageError::Refused)?;
            self.write(&snapshot, &changes).await?;
            Ok(stored + 1)
        })
        .await
    }
}
