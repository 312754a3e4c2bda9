//! The holistic assessment: saving the draft at every change, or the completed assessment.

use super::{Changeset, Record};
use crate::domain::assessment::{Assessment, AssessmentStatus};
use crate::domain::audit::Action;
use crate::domain::case::{Case, WorkflowError};
use chrono::{DateTime, Utc};

/// Saves the assessment of an open case, cleaned and bounded. `existed` says whether one was stored before.
pub fn save(
    case: &Case,
    existed: bool,
    assessment: Assessment,
    now: DateTime<Utc>,
) -> Result<Changeset, WorkflowError> {
    case.accepts_changes()?;
    if assessment.case_id != case.id {
        return Err(WorkflowError::NotOnThisCase);
    }
    let action = match (existed, assessment.status) {
        (_, AssessmentStatus::Complete) => Action::Completed,
        (false, _) => Action::Created,
        (true, _) => Action::Updated,
    };
    let mut changes = Changeset::default();
    changes.put(Record::Assessment(assessment.bounded()), action, now);
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assessment::Section;
    use crate::domain::workflow::testing::{now, open_case};

    #[test]
    fn drafts_are_saved_bounded_and_closed_cases_refuse_them() {
        let case = open_case();
        let mut a = Assessment::new(case.id, now());
        a.sections
            .push((Section::Strengths, "x\u{200B}".repeat(5000)));
        let changes = save(&case, false, a.clone(), now()).unwrap();
        match &changes.puts[0] {
            Record::Assessment(saved) => {
                assert_eq!(saved.text(Section::Strengths).chars().count(), 4000)
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(changes.audit[0].action, Action::Created);
        assert_eq!(
            save(&case, true, a.clone(), now()).unwrap().audit[0].action,
            Action::Updated
        );
        let mut closed = case.clone();
        closed.close("Moved away".into(), now()).unwrap();
        assert_eq!(
            save(&closed, true, a, now()),
            Err(WorkflowError::CaseClosed)
        );
    }
}
