//! The process as a workflow: what each phase requires before the case moves on, and what is still missing.
//!
//! The stepper shows every phase's requirements as done or missing and offers the next phase when the current
//! one's are met; moving on with work missing stays possible, with the missing items named and a reason kept in
//! the case history. Transitional care asks for a recorded move with its checklist done and its 72-hour contact made;
//! evaluation asks for every goal's outcome before closure.

use crate::domain::assessment::{Assessment, AssessmentStatus};
use crate::domain::case::Case;
use crate::domain::contact::Contact;
use crate::domain::coordination::Referral;
use crate::domain::phase::Phase;
use crate::domain::plan::{ActivityStatus, CarePlan};
use crate::domain::transition::{PostContact, Transition};
use chrono::{NaiveDate, NaiveDateTime};

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
    TransitionChecklistDone,
    PostTransitionContactMade,
    EveryGoalEvaluated,
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
    TransitionChecklistDone => "transition_checklist_done",
    PostTransitionContactMade => "post_transition_contact_made",
    EveryGoalEvaluated => "every_goal_evaluated",
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
    pub transitions: usize,
    /// Moves home from a facility whose checklist is not done.
    pub checklists_open: usize,
    /// Moves home from a facility whose 72-hour contact is not made (still due, or missed).
    pub post_contacts_missing: usize,
    /// Goals (other than cancelled ones) with no outcome recorded, and with one.
    pub goals_unevaluated: usize,
    pub goals_evaluated: usize,
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
        let (goals_evaluated, goals_unevaluated) = plan.map_or((0, 0), CarePlan::outcomes);
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
            transitions: 0,
            checklists_open: 0,
            post_contacts_missing: 0,
            goals_unevaluated,
            goals_evaluated,
        }
    }

    /// Adds what transitional care asks of the case's moves: each move home from a facility needs its checklist
    /// done and a contact within 72 hours (`contacts`: the case's contact log; `now`: local).
    pub fn with_transitions(
        mut self,
        transitions: &[Transition],
        contacts: &[Contact],
        now: NaiveDateTime,
    ) -> Facts {
        let home = || {
            transitions
                .iter()
                .filter(|t| t.contact_deadline().is_some())
        };
        self.transitions = transitions.len();
        self.checklists_open = home().filter(|t| !t.checklist_complete()).count();
        self.post_contacts_missing = home()
            .filter(|t| !matches!(t.post_contact(contacts, now), PostContact::Met(_)))
            .count();
        self
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
        Phase::TransitionalCare => &[TransitionChecklistDone],
        Phase::PostTransition => &[PostTransitionContactMade],
        Phase::Evaluation => &[EveryGoalEvaluated],
        Phase::FollowUp => &[],
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
        Requirement::TransitionChecklistDone => facts.transitions > 0 && facts.checklists_open == 0,
        Requirement::PostTransitionContactMade => facts.post_contacts_missing == 0,
        Requirement::EveryGoalEvaluated => {
            facts.goals_evaluated > 0 && facts.goals_unevaluated == 0
        }
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
    fn transitional_care_asks_for_a_move_its_checklist_and_its_72_hour_contact_and_evaluation_for_every_goal(
    ) {
        use crate::domain::ids::Id;
        use crate::domain::transition::{ChecklistItem, Setting};
        let at = |d: u32, h: u32| {
            NaiveDate::from_ymd_opt(2026, 11, d)
                .unwrap()
                .and_hms_opt(h, 0, 0)
                .unwrap()
        };
        let mut home = Transition {
            id: Id::from_random_bytes([3; 16]),
            case_id: Id::from_random_bytes([1; 16]),
            from: Setting::Hospital,
            to: Setting::Home,
            at: at(20, 10),
            done: vec![],
            reconciliation: None,
            recorded_at: chrono::Utc::now(),
        };
        let missing =
            |facts: &Facts| missing_for_move(Phase::TransitionalCare, Phase::Evaluation, facts);
        assert_eq!(
            missing(&Facts::default().with_transitions(&[], &[], at(21, 9))),
            [Requirement::TransitionChecklistDone],
            "no move recorded: nothing is done"
        );
        let facts = Facts::default().with_transitions(std::slice::from_ref(&home), &[], at(21, 9));
        assert_eq!(
            missing(&facts),
            [
                Requirement::TransitionChecklistDone,
                Requirement::PostTransitionContactMade
            ]
        );
        for item in ChecklistItem::ALL {
            home.set(item, true);
        }
        let call = Contact {
            id: Id::from_random_bytes([9; 16]),
            case_id: home.case_id,
            at: at(22, 9),
            mode: crate::domain::contact::ContactMode::Phone,
            minutes: 5,
            with_whom: "Client".into(),
            summary: "Fine.".into(),
            logged_at: chrono::Utc::now(),
        };
        let facts = Facts::default().with_transitions(&[home], &[call], at(22, 10));
        assert!(missing(&facts).is_empty());
        let facts = Facts {
            goals_unevaluated: 1,
            ..facts
        };
        assert_eq!(
            missing_for_move(
                Phase::TransitionalCare,
                Phase::ALL[Phase::ALL.len() - 1],
                &facts
            ),
            []
        );
        assert!(!met(Requirement::EveryGoalEvaluated, &facts));
        assert_eq!(
            requirements(Phase::Evaluation),
            [Requirement::EveryGoalEvaluated]
        );
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
