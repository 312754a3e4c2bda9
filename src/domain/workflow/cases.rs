//! Cases: opening one, and every change to a case alone (phase moves, screening, tier overrides, closure), plus
//! the data migration that tells "not yet stratified" apart from "low".

use super::{Changeset, FreshIds, Record};
use crate::domain::audit::Action;
use crate::domain::case::{Case, CaseDetails, WorkflowError};
use crate::domain::ids::Id;
use crate::domain::risk::Stratification;
use crate::domain::staff::{assign, StaffMember};
use chrono::{DateTime, Utc};

/// Opens a case for a client, in the screening phase, assigned to the staff member its form names (someone not on
/// the staff list yet joins it in the same changeset).
pub fn open(
    id: Id,
    client_id: Id,
    mut details: CaseDetails,
    staff: &[StaffMember],
    ids: &mut dyn FreshIds,
    now: DateTime<Utc>,
) -> Changeset {
    let mut changes = Changeset::default();
    let mut staff = staff.to_vec();
    let (manager, added) = assign(
        &mut staff,
        &details.case_manager,
        Some(details.specialty),
        ids,
        now,
    );
    if let Some(member) = added {
        changes.put(Record::Staff(member), Action::Created, now);
    }
    details.case_manager_id = Some(manager);
    changes.put(
        Record::Case(Case::open(id, client_id, details, now)),
        Action::Created,
        now,
    );
    changes
}

/// Lets a domain rule change a case, and audits it under `action`.
pub fn change(
    stored: &Case,
    action: Action,
    rule: impl FnOnce(&mut Case) -> Result<(), WorkflowError>,
) -> Result<(Case, Changeset), WorkflowError> {
    let mut case = stored.clone();
    rule(&mut case)?;
    let mut changes = Changeset::default();
    changes.put(Record::Case(case.clone()), action, case.updated_at);
    Ok((case, changes))
}

/// Before "not yet stratified" existed, a case with no result was stored as low. A case with no result and no
/// override is not stratified: this gives it back that state (nothing when it already has it).
pub fn unstratify_untested(stored: &Case, results: usize, now: DateTime<Utc>) -> Changeset {
    let mut changes = Changeset::default();
    if results == 0 && stored.tier_override.is_none() && stored.risk.tier.is_some() {
        let mut case = stored.clone();
        case.risk = Stratification::none();
        changes.put(Record::Case(case), Action::Migrated, now);
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::phase::Phase;
    use crate::domain::risk::Tier;
    use crate::domain::workflow::testing::{now, open_case};

    #[test]
    fn a_change_is_audited_and_a_refused_one_writes_nothing() {
        let case = open_case();
        let (moved, changes) = change(&case, Action::PhaseChanged, |c| {
            c.move_to(Phase::Assessment, now()).map(drop)
        })
        .unwrap();
        assert_eq!(moved.phase, Phase::Assessment);
        assert_eq!(changes.audit[0].action, Action::PhaseChanged);
        assert_eq!(
            change(&moved, Action::PhaseChanged, |c| c
                .move_to(Phase::Assessment, now())
                .map(drop)),
            Err(WorkflowError::AlreadyInPhase)
        );
    }

    #[test]
    fn a_new_case_is_not_yet_stratified_and_old_low_cases_without_results_become_so() {
        let case = open_case();
        assert_eq!(case.tier(), None);
        let mut old = case.clone();
        old.risk.tier = Some(Tier::Low);
        let changes = unstratify_untested(&old, 0, now());
        assert_eq!(changes.cases().next().unwrap().tier(), None);
        assert!(
            unstratify_untested(&old, 1, now()).is_empty(),
            "a result gave it low"
        );
        assert!(
            unstratify_untested(&case, 0, now()).is_empty(),
            "already unstratified"
        );
    }
}
