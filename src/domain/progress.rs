//! The process as a workflow: what each phase requires before the case moves on, and what is still missing.
//!
//! The stepper shows every phase's requirements as done or missing and offers the next phase when the current
//! one's are met; moving on with work missing stays possible, with the missing items named and a reason kept in
//! the case history. The later phases' requirements (follow-up, transitional care, evaluation) come with them.

use crate::domain::assessment::{Assessment, AssessmentStatus};
use crate::domain::case::Case;
use crate::domain::coordination::Referral;
use crate::domain::phase::Phase;
use crate::domain::plan::{ActivityStatus, CarePlan};
use chrono::NaiveDate;

/// A piece of work a phase requires.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Requirement {
    ScreeningDecided,
    AssessmentComplete,
    TierSet,
    GoalWritten,
    InterventionForEveryGoal,
    ClientAgreed,
    InterventionUnderway,
    NoReferralOverdue,
}

crate::domain::codes::codes!(Requirement {
    ScreeningDecided => "screening_decided",
    AssessmentComplete => "assessment_complete",
    TierSet => "tier_set",
    GoalWritten => "goal_written",
    InterventionForEveryGoal => "intervention_for_every_goal",
    ClientAgreed => "client_agreed",
    InterventionUnderway => "intervention_underway",
    NoReferralOverdue => "no_referral_overdue",
});

/// What is true of a case now, as far as the requirements ask.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    pub screening_decided: bool,
    pub assessment_complete: bool,
    pub tier_set: bool,
    pub goals: usize,
    pub goals_without_interventions: usize,
    pub plan_agreed: bool,
    pub interventions_underway: bool,
    pub overdue_referrals: usize,
}

impl Facts {
    pub fn of(
        case: &Case,
        assessment: Option<&Assessment>,
        plan: Option<&CarePlan>,
        referrals: &[Referral],
        today: NaiveDate,
    ) -> Facts {
        // Goals still pursued: a cancelled or completed goal needs no more interventions.
        let pursued = |g: &&crate::domain::plan::Goal| {
            !matches!(
                g.status,
                crate::domain::plan::GoalStatus::Cancelled
                    | crate::domain::plan::GoalStatus::Completed
            )
        };
        let goals = plan.map_or(0, |p| p.goals.iter().filter(pursued).count());
        Facts {
            screening_decided: case.screening.is_some(),
            assessment_complete: assessment.is_some_and(|a| a.status == AssessmentStatus::Complete),
            tier_set: case.tier().is_some(),
            goals,
            goals_without_interventions: plan.map_or(0, |p| {
                p.goals
                    .iter()
                    .filter(pursued)
                    .filter(|g| p.interventions_of(g.id).next().is_none())
                    .count()
            }),
            plan_agreed: plan.is_some_and(CarePlan::agreed),
            interventions_underway: plan.is_some_and(|p| {
                p.interventions.iter().any(|i| {
                    matches!(
                        i.status,
                        ActivityStatus::Scheduled
                            | ActivityStatus::InProgress
                            | ActivityStatus::Completed
                    )
                })
            }),
            overdue_referrals: referrals.iter().filter(|r| r.is_overdue(today)).count(),
        }
    }
}

/// What a phase requires before the case moves past it.
pub fn requirements(phase: Phase) -> &'static [Requirement] {
    use Requirement::*;
    match phase {
        Phase::Screening => &[ScreeningDecided],
        Phase::Assessment => &[AssessmentComplete],
        Phase::RiskStratification => &[TierSet],
        Phase::Planning => &[GoalWritten, InterventionForEveryGoal, ClientAgreed],
        Phase::Implementation => &[InterventionUnderway, NoReferralOverdue],
        Phase::FollowUp | Phase::TransitionalCare | Phase::PostTransition | Phase::Evaluation => {
            &[]
        }
    }
}

pub fn met(requirement: Requirement, facts: &Facts) -> bool {
    match requirement {
        Requirement::ScreeningDecided => facts.screening_decided,
        Requirement::AssessmentComplete => facts.assessment_complete,
        Requirement::TierSet => facts.tier_set,
        Requirement::GoalWritten => facts.goals > 0,
        Requirement::InterventionForEveryGoal => {
            facts.goals > 0 && facts.goals_without_interventions == 0
        }
        Requirement::ClientAgreed => facts.plan_agreed,
        Requirement::InterventionUnderway => facts.interventions_underway,
        Requirement::NoReferralOverdue => facts.overdue_referrals == 0,
    }
}

/// What is missing of the phases a move from `from` to `to` passes (from `from` up to, not including, `to`);
/// nothing for a move back.
pub fn missing_for_move(from: Phase, to: Phase, facts: &Facts) -> Vec<Requirement> {
    Phase::ALL
        .into_iter()
        .filter(|p| *p >= from && *p < to)
        .flat_map(|p| requirements(p).iter().copied())
        .filter(|r| !met(*r, facts))
        .collect()
}

/// The reason typed for a move: required when the move leaves work missing (the form says so beside the field).
pub fn move_reason(
    missing: &[Requirement],
    raw: &str,
) -> Result<Option<String>, crate::domain::validation::FieldErrors> {
    use crate::domain::validation::{
        optional_long_text, required_long_text, Field, FieldErrors, PlanField,
    };
    let mut errors = FieldErrors::default();
    let field = Field::Plan(PlanField::MoveReason);
    let reason = if missing.is_empty() {
        optional_long_text(&mut errors, field, raw, crate::domain::case::REASON_MAX)
    } else {
        Some(required_long_text(
            &mut errors,
            field,
            raw,
            crate::domain::case::REASON_MAX,
        ))
    };
    errors.into_result(reason)
}

/// The phase to offer when the current one's work is done (`None` at the last phase or with work missing).
pub fn ready_for(current: Phase, facts: &Facts) -> Option<Phase> {
    let next = Phase::ALL.into_iter().find(|p| *p > current)?;
    missing_for_move(current, next, facts)
        .is_empty()
        .then_some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_move_forward_names_what_the_phases_it_passes_still_miss_and_a_move_back_nothing() {
        let facts = Facts {
            screening_decided: true,
            goals: 1,
            goals_without_interventions: 1,
            ..Facts::default()
        };
        assert_eq!(
            missing_for_move(Phase::Screening, Phase::Planning, &facts),
            vec![Requirement::AssessmentComplete, Requirement::TierSet]
        );
        assert_eq!(
            missing_for_move(Phase::Planning, Phase::Implementation, &facts),
            vec![
                Requirement::InterventionForEveryGoal,
                Requirement::ClientAgreed
            ]
        );
        assert!(missing_for_move(Phase::Planning, Phase::Screening, &facts).is_empty());
        let missing = [Requirement::ClientAgreed];
        assert!(move_reason(&missing, " ").is_err());
        assert_eq!(
            move_reason(&missing, "Client in hospital"),
            Ok(Some("Client in hospital".into()))
        );
        assert_eq!(move_reason(&[], ""), Ok(None));
    }

    #[test]
    fn the_next_phase_is_offered_once_the_current_one_is_done() {
        let mut facts = Facts {
            screening_decided: true,
            ..Facts::default()
        };
        assert_eq!(ready_for(Phase::Screening, &facts), Some(Phase::Assessment));
        assert_eq!(ready_for(Phase::Assessment, &facts), None);
        facts.goals = 2;
        facts.goals_without_interventions = 1;
        facts.plan_agreed = true;
        assert_eq!(
            ready_for(Phase::Planning, &facts),
            None,
            "no interventions yet"
        );
        facts.goals_without_interventions = 0;
        assert_eq!(
            ready_for(Phase::Planning, &facts),
            Some(Phase::Implementation)
        );
        assert_eq!(ready_for(Phase::Evaluation, &facts), None);
    }
}
