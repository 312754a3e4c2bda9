//! Cases: one episode of case management for a client, its model and specialty, and its path through the phases.

use crate::domain::ids::Id;
use crate::domain::phase::Phase;
use crate::domain::risk::{effective_tier, Stratification, Tier, TierOverride};
use crate::domain::screening::{Decision, Screening};
use crate::domain::validation::{
    optional_text, required_long_text, required_past_date, required_text, Field, FieldErrors,
    Problem,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub const REASON_MAX: usize = 2000;

/// The discipline the case is managed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Specialty {
    Nursing,
    SocialWork,
    Medical,
    MentalHealth,
    SubstanceUse,
    Juvenile,
    Geriatric,
    Legal,
    Clinical,
}

crate::domain::codes::codes!(Specialty {
    Nursing => "nursing",
    SocialWork => "social_work",
    Medical => "medical",
    MentalHealth => "mental_health",
    SubstanceUse => "substance_use",
    Juvenile => "juvenile",
    Geriatric => "geriatric",
    Legal => "legal",
    Clinical => "clinical",
});

/// The case management model, which shapes the plan and the contact cadence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseModel {
    StrengthsBased,
    Clinical,
    Brokerage,
    Intensive,
}

crate::domain::codes::codes!(CaseModel {
    StrengthsBased => "strengths_based",
    Clinical => "clinical",
    Brokerage => "brokerage",
    Intensive => "intensive",
});

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseStatus {
    Open,
    Closed,
}

crate::domain::codes::codes!(CaseStatus {
    Open => "open",
    Closed => "closed",
});

/// What the "open a case" form records, validated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDetails {
    pub specialty: Specialty,
    pub model: CaseModel,
    /// The case manager's name as typed (kept as it was when assigned).
    pub case_manager: String,
    /// The assigned case manager on the staff list (none only before the staff list existed, until migrated).
    #[serde(default)]
    pub case_manager_id: Option<Id>,
    #[serde(with = "crate::domain::stored_time::date")]
    pub opened_on: NaiveDate,
    pub referral_source: Option<String>,
    pub referral_reason: String,
}

/// One move between phases. `from` is `None` for the move that opened the case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseChange {
    #[serde(with = "crate::domain::stored_time::instant")]
    pub at: DateTime<Utc>,
    pub from: Option<Phase>,
    pub to: Phase,
    /// What the phases moved past still missed when the case moved on anyway.
    #[serde(default)]
    pub skipped: Vec<crate::domain::progress::Requirement>,
    /// Why it moved on with work missing.
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub id: Id,
    pub client_id: Id,
    pub details: CaseDetails,
    pub status: CaseStatus,
    pub phase: Phase,
    /// Every phase change, oldest first. Append-only.
    pub history: Vec<PhaseChange>,
    /// Other events in the case's life (screening decisions, tier overrides, closure), oldest first. Append-only.
    #[serde(default)]
    pub events: Vec<CaseEvent>,
    #[serde(default)]
    pub screening: Option<Screening>,
    /// The tier computed by the default rules from the latest instrument results.
    #[serde(default = "Stratification::none")]
    pub risk: Stratification,
    /// The case manager's override of the computed tier, if any.
    #[serde(default)]
    pub tier_override: Option<TierOverride>,
    #[serde(default)]
    pub closure: Option<Closure>,
    /// The day of the latest logged contact: the contact cadence counts from it (`contact::next_contact_due`).
    #[serde(with = "crate::domain::stored_time::optional_date", default)]
    pub last_contact: Option<NaiveDate>,
    /// The last day of a post-transition contact window still open: the next contact is due by then at the latest.
    #[serde(with = "crate::domain::stored_time::optional_date", default)]
    pub contact_by: Option<NaiveDate>,
    #[serde(with = "crate::domain::stored_time::instant")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "crate::domain::stored_time::instant")]
    pub updated_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closure {
    #[serde(with = "crate::domain::stored_time::instant")]
    pub at: DateTime<Utc>,
    /// The case manager's words (at screening, the "not eligible" rationale).
    pub reason: String,
    /// Why the case closed, from the closure form (none for a closure at screening, before v7).
    #[serde(default)]
    pub code: Option<ClosureReason>,
    /// The day it closed, from the closure form.
    #[serde(with = "crate::domain::stored_time::optional_date", default)]
    pub on: Option<NaiveDate>,
}

/// Why a case closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClosureReason {
    GoalsMet,
    Declined,
    Transferred,
    MovedAway,
    Deceased,
    NoLongerEligible,
    LostToContact,
}

crate::domain::codes::codes!(ClosureReason {
    GoalsMet => "goals_met",
    Declined => "declined",
    Transferred => "transferred",
    MovedAway => "moved_away",
    Deceased => "deceased",
    NoLongerEligible => "no_longer_eligible",
    LostToContact => "lost_to_contact",
});

/// The closure form, validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClosureForm {
    pub on: NaiveDate,
    pub code: ClosureReason,
    pub comment: String,
}

/// The closure form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClosureDraft {
    pub on: String,
    pub code: String,
    pub comment: String,
}

impl ClosureDraft {
    pub fn new(today: NaiveDate) -> ClosureDraft {
        ClosureDraft {
            on: today.to_string(),
            ..ClosureDraft::default()
        }
    }

    /// A closing day from the opening to today and a reason; the comment is required when `explain` (work the
    /// phases require is missing, so the record says why the case closed anyway).
    pub fn validate(
        &self,
        opened_on: NaiveDate,
        today: NaiveDate,
        explain: bool,
    ) -> Result<ClosureForm, FieldErrors> {
        use crate::domain::validation::{optional_long_text, FollowUpField};
        let f = Field::FollowUp;
        let mut errors = FieldErrors::default();
        let on = required_past_date(&mut errors, f(FollowUpField::ClosedOn), &self.on, today);
        if on.is_some_and(|d| d < opened_on) {
            errors.push(f(FollowUpField::ClosedOn), Problem::DateBeforeCaseOpened);
        }
        let code = ClosureReason::from_code(&self.code);
        if code.is_none() {
            errors.push(f(FollowUpField::ClosureCode), Problem::ChoiceRequired);
        }
        let field = f(FollowUpField::ClosureComment);
        let comment = if explain {
            required_long_text(&mut errors, field, &self.comment, REASON_MAX)
        } else {
            optional_long_text(&mut errors, field, &self.comment, REASON_MAX).unwrap_or_default()
        };
        match (on, code) {
            (Some(on), Some(code)) if errors.is_empty() => Ok(ClosureForm { on, code, comment }),
            _ => Err(errors),
        }
    }
}

/// Something that happened to a case, besides phase moves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEvent {
    #[serde(with = "crate::domain::stored_time::instant")]
    pub at: DateTime<Utc>,
    pub kind: EventKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    ScreeningRecorded {
        decision: Decision,
    },
    TierOverridden {
        computed: Option<Tier>,
        tier: Tier,
        rationale: String,
        by: String,
    },
    OverrideCleared {
        by: String,
    },
    /// A new result computed a tier above the override, so the override was lifted.
    OverrideLifted {
        overridden: Tier,
        computed: Option<Tier>,
    },
    Closed {
        reason: String,
        #[serde(default)]
        code: Option<ClosureReason>,
    },
    /// A closed case opened again, and why.
    Reopened {
        reason: String,
        by: String,
    },
    /// The tier computed by the rules changed (a new result, or one marked entered in error).
    TierChanged {
        from: Option<Tier>,
        to: Option<Tier>,
    },
    /// A result was marked entered in error.
    ResultEnteredInError {
        instrument: crate::domain::instruments::Instrument,
        reason: String,
        by: String,
    },
}

/// Why a workflow step was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkflowError {
    AlreadyInPhase,
    /// Moving on with work missing needs a reason.
    ReasonRequired,
    CaseClosed,
    /// The record named does not belong to this case (or is not on it any more).
    NotOnThisCase,
    /// Only a closed case can be reopened.
    NotClosed,
    /// The open work to cancel with a closure is not what the user confirmed (it changed meanwhile).
    OpenWorkChanged,
}

impl Case {
    /// A new open case in the screening phase, its opening recorded in the history.
    pub fn open(id: Id, client_id: Id, details: CaseDetails, now: DateTime<Utc>) -> Case {
        Case {
            id,
            client_id,
            details,
            status: CaseStatus::Open,
            phase: Phase::Screening,
            history: vec![PhaseChange {
                at: now,
                from: None,
                to: Phase::Screening,
                skipped: vec![],
                reason: None,
            }],
            events: vec![],
            screening: None,
            risk: Stratification::none(),
            tier_override: None,
            closure: None,
            last_contact: None,
            contact_by: None,
            created_at: now,
            updated_at: now,
        }
    }

    /// The tier the case is managed at: the override if there is one, else the computed tier.
    pub fn tier(&self) -> Option<Tier> {
        effective_tier(self.risk.tier, self.tier_override.as_ref())
    }

    fn ensure_open(&self) -> Result<(), WorkflowError> {
        match self.status {
            CaseStatus::Open => Ok(()),
            CaseStatus::Closed => Err(WorkflowError::CaseClosed),
        }
    }

    fn event(&mut self, kind: EventKind, now: DateTime<Utc>) {
        self.events.push(CaseEvent { at: now, kind });
        self.updated_at = now;
    }

    /// Open cases take new results, assessments and decisions; closed ones are kept as they were.
    pub fn accepts_changes(&self) -> Result<(), WorkflowError> {
        self.ensure_open()
    }

    /// After a "not eligible" screening on an open case: the rationale to close it with.
    pub fn closure_offer(&self) -> Option<&str> {
        self.screening
            .as_ref()
            .filter(|s| self.status == CaseStatus::Open && s.decision == Decision::NotEligible)
            .map(|s| s.rationale.as_str())
    }

    /// Takes the tier computed from the latest results. An override never hides an escalation: when a new result
    /// raises the computed tier above the overridden one, the override is lifted and that is kept in the history.
    /// (A result that merely leaves the computed tier where the case manager overrode it is no escalation.)
    pub fn restratify(&mut self, risk: Stratification, now: DateTime<Utc>) {
        if risk.tier != self.risk.tier {
            let kind = EventKind::TierChanged {
                from: self.risk.tier,
                to: risk.tier,
            };
            self.event(kind, now);
        }
        if let Some(over) = &self.tier_override {
            // An escalation: the new result raises the computed tier, and above the override.
            if risk.tier > Some(over.tier) && risk.tier > self.risk.tier {
                let kind = EventKind::OverrideLifted {
                    overridden: over.tier,
                    computed: risk.tier,
                };
                self.tier_override = None;
                self.event(kind, now);
            }
        }
        self.risk = risk;
        self.updated_at = now;
    }

    /// Records (or replaces) the screening and its decision.
    pub fn record_screening(
        &mut self,
        screening: Screening,
        now: DateTime<Utc>,
    ) -> Result<(), WorkflowError> {
        self.ensure_open()?;
        self.event(
            EventKind::ScreeningRecorded {
                decision: screening.decision,
            },
            now,
        );
        self.screening = Some(screening);
        Ok(())
    }

    /// Closes the case with a reason (for example "not eligible" at screening).
    pub fn close(&mut self, reason: String, now: DateTime<Utc>) -> Result<(), WorkflowError> {
        self.close_with(reason, None, None, now)
    }

    /// Closes the case from the closure form: its day, reason and comment.
    pub fn close_as(&mut self, form: ClosureForm, now: DateTime<Utc>) -> Result<(), WorkflowError> {
        self.close_with(form.comment, Some(form.code), Some(form.on), now)
    }

    fn close_with(
        &mut self,
        reason: String,
        code: Option<ClosureReason>,
        on: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<(), WorkflowError> {
        self.ensure_open()?;
        self.status = CaseStatus::Closed;
        self.closure = Some(Closure {
            at: now,
            reason: reason.clone(),
            code,
            on,
        });
        self.event(EventKind::Closed { reason, code }, now);
        Ok(())
    }

    /// Opens a closed case again; the closure stays in the history with the reason it was reopened.
    pub fn reopen(
        &mut self,
        reason: String,
        by: String,
        now: DateTime<Utc>,
    ) -> Result<(), WorkflowError> {
        if self.status != CaseStatus::Closed {
            return Err(WorkflowError::NotClosed);
        }
        self.status = CaseStatus::Open;
        self.closure = None;
        self.event(EventKind::Reopened { reason, by }, now);
        Ok(())
    }

    /// Keeps in the case's history that a result was marked entered in error.
    pub fn note_entered_in_error(
        &mut self,
        instrument: crate::domain::instruments::Instrument,
        reason: String,
        by: String,
        now: DateTime<Utc>,
    ) {
        self.event(
            EventKind::ResultEnteredInError {
                instrument,
                reason,
                by,
            },
            now,
        );
    }

    /// Sets the tier by hand; the computed tier stays beside it.
    pub fn override_tier(&mut self, over: TierOverride) -> Result<(), WorkflowError> {
        self.ensure_open()?;
        let kind = EventKind::TierOverridden {
            computed: self.risk.tier,
            tier: over.tier,
            rationale: over.rationale.clone(),
            by: over.by.clone(),
        };
        self.event(kind, over.at);
        self.tier_override = Some(over);
        Ok(())
    }

    /// Goes back to the computed tier.
    pub fn clear_override(&mut self, by: String, now: DateTime<Utc>) -> Result<(), WorkflowError> {
        self.ensure_open()?;
        if self.tier_override.take().is_some() {
            self.event(EventKind::OverrideCleared { by }, now);
        }
        Ok(())
    }

    /// Moves an open case to another phase (forward or back: the process is not strictly linear) and records it.
    pub fn move_to(
        &mut self,
        to: Phase,
        now: DateTime<Utc>,
    ) -> Result<&PhaseChange, WorkflowError> {
        self.move_on(to, vec![], None, now)
    }

    /// Moves to `to`. When the phases it passes still miss work (`missing`), the move needs a reason, and both
    /// are kept in the history.
    pub fn move_on(
        &mut self,
        to: Phase,
        missing: Vec<crate::domain::progress::Requirement>,
        reason: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<&PhaseChange, WorkflowError> {
        self.ensure_open()?;
        if self.phase == to {
            return Err(WorkflowError::AlreadyInPhase);
        }
        let reason = reason.filter(|r| !r.trim().is_empty());
        if !missing.is_empty() && reason.is_none() {
            return Err(WorkflowError::ReasonRequired);
        }
        self.history.push(PhaseChange {
            at: now,
            from: Some(self.phase),
            to,
            reason: reason.filter(|_| !missing.is_empty()),
            skipped: missing,
        });
        self.phase = to;
        self.updated_at = now;
        Ok(self.history.last().expect("just pushed"))
    }
}

/// The "reopen the case" form as typed: why, and who.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReopenDraft {
    pub reason: String,
    pub by: String,
}

impl ReopenDraft {
    /// The reason and who reopens, both required.
    pub fn validate(&self) -> Result<(String, String), FieldErrors> {
        use crate::domain::validation::FollowUpField;
        let mut errors = FieldErrors::default();
        let reason = required_long_text(
            &mut errors,
            Field::FollowUp(FollowUpField::ReopenReason),
            &self.reason,
            REASON_MAX,
        );
        let by = required_text(
            &mut errors,
            Field::FollowUp(FollowUpField::ReopenBy),
            &self.by,
            crate::domain::client::NAME_MAX,
        );
        errors.into_result((reason, by))
    }
}

/// The "open a case" form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseDraft {
    pub specialty: String,
    pub model: String,
    pub case_manager: String,
    pub opened_on: String,
    pub referral_source: String,
    pub referral_reason: String,
}

impl CaseDraft {
    /// A blank form dated today.
    pub fn new(today: NaiveDate) -> CaseDraft {
        CaseDraft {
            opened_on: today.to_string(),
            ..CaseDraft::default()
        }
    }

    /// Validates the form; a case cannot open before the client was born.
    pub fn validate(
        &self,
        today: NaiveDate,
        born: Option<NaiveDate>,
    ) -> Result<CaseDetails, FieldErrors> {
        let mut errors = FieldErrors::default();
        let specialty = Specialty::from_code(self.specialty.trim());
        if specialty.is_none() {
            errors.push(Field::Specialty, Problem::ChoiceRequired);
        }
        let model = CaseModel::from_code(self.model.trim());
        if model.is_none() {
            errors.push(Field::Model, Problem::ChoiceRequired);
        }
        let case_manager = required_text(
            &mut errors,
            Field::CaseManager,
            &self.case_manager,
            crate::domain::client::NAME_MAX,
        );
        let opened_on = required_past_date(&mut errors, Field::OpenedOn, &self.opened_on, today);
        if let (Some(opened), Some(born)) = (opened_on, born) {
            if opened < born {
                errors.push(Field::OpenedOn, Problem::DateBeforeBirth);
            }
        }
        let referral_source = optional_text(
            &mut errors,
            Field::ReferralSource,
            &self.referral_source,
            crate::domain::client::SHORT_TEXT_MAX,
        );
        let referral_reason = required_long_text(
            &mut errors,
            Field::ReferralReason,
            &self.referral_reason,
            REASON_MAX,
        );
        match (specialty, model, opened_on) {
            (Some(specialty), Some(model), Some(opened_on)) if errors.is_empty() => {
                Ok(CaseDetails {
                    specialty,
                    model,
                    case_manager,
                    case_manager_id: None,
                    opened_on,
                    referral_source,
                    referral_reason,
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn draft() -> CaseDraft {
        CaseDraft {
            specialty: "geriatric".into(),
            model: "intensive".into(),
            case_manager: "N. Sato".into(),
            referral_source: "Ward 5 discharge team".into(),
            referral_reason: "Two falls since discharge".into(),
            ..CaseDraft::new(today())
        }
    }

    fn at(minute: u32) -> DateTime<Utc> {
        today().and_hms_opt(9, minute, 0).unwrap().and_utc()
    }

    #[test]
    fn a_valid_draft_opens_a_case_in_screening() {
        let details = draft().validate(today(), None).unwrap();
        assert_eq!(details.specialty, Specialty::Geriatric);
        assert_eq!(details.model, CaseModel::Intensive);
        assert_eq!(details.opened_on, today());
        let case = Case::open(
            Id::from_random_bytes([2; 16]),
            Id::from_random_bytes([1; 16]),
            details,
            at(0),
        );
        assert_eq!(case.phase, Phase::Screening);
        assert_eq!(case.status, CaseStatus::Open);
        assert_eq!(
            case.history,
            vec![PhaseChange {
                at: at(0),
                from: None,
                to: Phase::Screening,
                skipped: vec![],
                reason: None,
            }]
        );
    }

    #[test]
    fn invalid_drafts_name_every_bad_field() {
        let bad = CaseDraft {
            specialty: "".into(),
            model: "wizardry".into(),
            case_manager: " ".into(),
            opened_on: "2026-12-01".into(),
            referral_source: "".into(),
            referral_reason: "".into(),
        };
        let errors = bad.validate(today(), None).unwrap_err();
        let got: Vec<_> = errors.iter().map(|e| (e.field, e.problem)).collect();
        assert_eq!(
            got,
            vec![
                (Field::Specialty, Problem::ChoiceRequired),
                (Field::Model, Problem::ChoiceRequired),
                (Field::CaseManager, Problem::Required),
                (Field::OpenedOn, Problem::DateInFuture),
                (Field::ReferralReason, Problem::Required),
            ]
        );
    }

    #[test]
    fn a_case_cannot_open_before_the_client_was_born() {
        let born = NaiveDate::from_ymd_opt(1940, 5, 1).unwrap();
        let early = CaseDraft {
            opened_on: "1939-12-31".into(),
            ..draft()
        };
        let errors = early.validate(today(), Some(born)).unwrap_err();
        assert_eq!(errors.get(Field::OpenedOn), Some(Problem::DateBeforeBirth));
        assert!(draft().validate(today(), Some(born)).is_ok());
    }

    #[test]
    fn an_override_is_lifted_when_the_computed_tier_rises_above_it() {
        use crate::domain::risk::{Reason, Rule};
        let mut case = Case::open(
            Id::from_random_bytes([2; 16]),
            Id::from_random_bytes([1; 16]),
            draft().validate(today(), None).unwrap(),
            at(0),
        );
        case.override_tier(TierOverride {
            tier: Tier::Moderate,
            rationale: "Plan in place".into(),
            by: "N. Sato".into(),
            at: at(1),
        })
        .unwrap();
        let high = Stratification {
            tier: Some(Tier::High),
            reasons: vec![Reason {
                rule: Rule::LaceAtLeast10,
                value: 12,
            }],
        };
        let low = Stratification::none();

        case.restratify(low, at(2));
        assert_eq!(
            case.tier(),
            Some(Tier::Moderate),
            "a lower computed tier leaves the override"
        );
        case.restratify(high.clone(), at(3));
        assert_eq!(case.tier(), Some(Tier::High));
        assert_eq!(case.tier_override, None);
        assert_eq!(
            case.events.last().map(|e| &e.kind),
            Some(&EventKind::OverrideLifted {
                overridden: Tier::Moderate,
                computed: Some(Tier::High)
            })
        );
    }

    #[test]
    fn an_override_stays_until_a_new_result_raises_the_computed_tier_above_it() {
        let mut case = Case::open(
            Id::from_random_bytes([2; 16]),
            Id::from_random_bytes([1; 16]),
            draft().validate(today(), None).unwrap(),
            at(0),
        );
        case.restratify(
            Stratification {
                tier: Some(Tier::Urgent),
                reasons: vec![],
            },
            at(1),
        );
        case.override_tier(TierOverride {
            tier: Tier::Moderate,
            rationale: "Safety plan".into(),
            by: "N. Sato".into(),
            at: at(2),
        })
        .unwrap();
        case.restratify(
            Stratification {
                tier: Some(Tier::High),
                reasons: vec![],
            },
            at(3),
        );
        assert_eq!(
            case.tier(),
            Some(Tier::Moderate),
            "Urgent easing to High is no escalation"
        );
        case.restratify(
            Stratification {
                tier: Some(Tier::Low),
                reasons: vec![],
            },
            at(4),
        );
        assert_eq!(case.tier(), Some(Tier::Moderate));
        case.restratify(
            Stratification {
                tier: Some(Tier::High),
                reasons: vec![],
            },
            at(5),
        );
        assert_eq!(
            case.tier(),
            Some(Tier::High),
            "Low rising to High is, whatever was weighed before"
        );
    }

    #[test]
    fn a_not_eligible_screening_offers_closure_until_the_case_is_closed() {
        use crate::domain::screening::ScreeningDraft;
        let mut case = Case::open(
            Id::from_random_bytes([2; 16]),
            Id::from_random_bytes([1; 16]),
            draft().validate(today(), None).unwrap(),
            at(0),
        );
        assert_eq!(case.closure_offer(), None);
        let mut screening = ScreeningDraft::new("Referred", None, "N. Sato", today());
        screening.decision = "not_eligible".into();
        screening.rationale = "Already enrolled elsewhere".into();
        case.record_screening(screening.validate(today()).unwrap(), at(1))
            .unwrap();
        assert_eq!(case.closure_offer(), Some("Already enrolled elsewhere"));
        case.close("Already enrolled elsewhere".into(), at(2))
            .unwrap();
        assert_eq!(case.closure_offer(), None);
        assert_eq!(case.accepts_changes(), Err(WorkflowError::CaseClosed));
    }

    #[test]
    fn moving_phases_keeps_history_in_order() {
        let mut case = Case::open(
            Id::from_random_bytes([2; 16]),
            Id::from_random_bytes([1; 16]),
            draft().validate(today(), None).unwrap(),
            at(0),
        );
        case.move_to(Phase::Assessment, at(1)).unwrap();
        case.move_to(Phase::Planning, at(2)).unwrap();
        case.move_to(Phase::Assessment, at(3)).unwrap();
        assert_eq!(case.phase, Phase::Assessment);
        assert_eq!(case.updated_at, at(3));
        let moves: Vec<_> = case.history.iter().map(|c| (c.from, c.to)).collect();
        assert_eq!(
            moves,
            vec![
                (None, Phase::Screening),
                (Some(Phase::Screening), Phase::Assessment),
                (Some(Phase::Assessment), Phase::Planning),
                (Some(Phase::Planning), Phase::Assessment),
            ]
        );
        assert_eq!(
            case.move_to(Phase::Assessment, at(4)),
            Err(WorkflowError::AlreadyInPhase)
        );
        case.status = CaseStatus::Closed;
        assert_eq!(
            case.move_to(Phase::Evaluation, at(5)),
            Err(WorkflowError::CaseClosed)
        );
        assert_eq!(case.history.len(), 4, "refused moves leave no trace");
    }

    #[test]
    fn codes_round_trip() {
        for s in Specialty::ALL {
            assert_eq!(Specialty::from_code(s.code()), Some(s));
        }
        for m in CaseModel::ALL {
            assert_eq!(CaseModel::from_code(m.code()), Some(m));
        }
        assert_eq!(CaseStatus::from_code("open"), Some(CaseStatus::Open));
    }
}
