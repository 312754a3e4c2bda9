//! Screening (client identification): why the client was identified, the eligibility criteria met, and the
//! decision with its rationale.

use crate::domain::client::NAME_MAX;
use crate::domain::validation::{
    optional_text, required_long_text, required_past_date, required_text, Field, FieldErrors,
    Problem,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const TEXT_MAX: usize = 2000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Criterion {
    /// 2 or more emergency visits in 6 months.
    FrequentEmergencyVisits,
    /// An admission in the last 30 days.
    RecentAdmission,
    /// 3 or more chronic conditions.
    MultipleChronicConditions,
    /// 5 or more regular medications.
    Polypharmacy,
    UnmetSocialNeed,
    CaregiverStrain,
    ClinicianReferral,
    Other,
}

crate::domain::codes::codes!(Criterion {
    FrequentEmergencyVisits => "frequent_emergency_visits",
    RecentAdmission => "recent_admission",
    MultipleChronicConditions => "multiple_chronic_conditions",
    Polypharmacy => "polypharmacy",
    UnmetSocialNeed => "unmet_social_need",
    CaregiverStrain => "caregiver_strain",
    ClinicianReferral => "clinician_referral",
    Other => "other",
});

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Eligible,
    NotEligible,
    NeedsMoreInformation,
}

crate::domain::codes::codes!(Decision {
    Eligible => "eligible",
    NotEligible => "not_eligible",
    NeedsMoreInformation => "needs_more_information",
});

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Screening {
    pub reason: String,
    pub source: Option<String>,
    pub criteria: Vec<Criterion>,
    pub other_criterion: Option<String>,
    pub decision: Decision,
    pub rationale: String,
    pub screened_by: String,
    #[serde(with = "crate::domain::stored_time::date")]
    pub screened_on: NaiveDate,
}

/// The screening form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScreeningDraft {
    pub reason: String,
    pub source: String,
    pub criteria: Vec<Criterion>,
    pub other_criterion: String,
    pub decision: String,
    pub rationale: String,
    pub screened_by: String,
    pub screened_on: String,
}

impl ScreeningDraft {
    /// A new screening, starting from the case's referral and dated today.
    pub fn new(
        reason: &str,
        source: Option<&str>,
        screened_by: &str,
        today: NaiveDate,
    ) -> ScreeningDraft {
        ScreeningDraft {
            reason: reason.into(),
            source: source.unwrap_or_default().into(),
            screened_by: screened_by.into(),
            screened_on: today.to_string(),
            ..ScreeningDraft::default()
        }
    }

    pub fn from_screening(s: &Screening) -> ScreeningDraft {
        ScreeningDraft {
            reason: s.reason.clone(),
            source: s.source.clone().unwrap_or_default(),
            criteria: s.criteria.clone(),
            other_criterion: s.other_criterion.clone().unwrap_or_default(),
            decision: s.decision.code().into(),
            rationale: s.rationale.clone(),
            screened_by: s.screened_by.clone(),
            screened_on: s.screened_on.to_string(),
        }
    }

    pub fn toggle(&mut self, criterion: Criterion) {
        if let Some(i) = self.criteria.iter().position(|c| *c == criterion) {
            self.criteria.remove(i);
        } else {
            self.criteria.push(criterion);
        }
    }

    pub fn validate(&self, today: NaiveDate) -> Result<Screening, FieldErrors> {
        let mut errors = FieldErrors::default();
        let reason = required_long_text(
            &mut errors,
            Field::IdentificationReason,
            &self.reason,
            TEXT_MAX,
        );
        let source = optional_text(&mut errors, Field::ReferralSource, &self.source, NAME_MAX);
        let mut criteria: Vec<Criterion> = Criterion::ALL
            .into_iter()
            .filter(|c| self.criteria.contains(c))
            .collect();
        let other_criterion = if criteria.contains(&Criterion::Other) {
            let text = required_text(
                &mut errors,
                Field::OtherCriterion,
                &self.other_criterion,
                NAME_MAX,
            );
            Some(text)
        } else {
            None
        };
        criteria.dedup();
        let decision = Decision::from_code(self.decision.trim());
        if decision.is_none() {
            errors.push(Field::Decision, Problem::ChoiceRequired);
        }
        let rationale =
            required_long_text(&mut errors, Field::Rationale, &self.rationale, TEXT_MAX);
        let screened_by =
            required_text(&mut errors, Field::ScreenedBy, &self.screened_by, NAME_MAX);
        let screened_on =
            required_past_date(&mut errors, Field::ScreenedOn, &self.screened_on, today);
        match (decision, screened_on) {
            (Some(decision), Some(screened_on)) if errors.is_empty() => Ok(Screening {
                reason,
                source,
                criteria,
                other_criterion,
                decision,
                rationale,
                screened_by,
                screened_on,
            }),
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

    #[test]
    fn a_complete_screening_validates_with_criteria_in_order() {
        let mut draft = ScreeningDraft::new("Readmitted twice", Some("Ward 5"), "N. Sato", today());
        draft.toggle(Criterion::Polypharmacy);
        draft.toggle(Criterion::RecentAdmission);
        draft.decision = "eligible".into();
        draft.rationale = "Meets two criteria".into();
        let s = draft.validate(today()).unwrap();
        assert_eq!(
            s.criteria,
            vec![Criterion::RecentAdmission, Criterion::Polypharmacy]
        );
        assert_eq!(s.decision, Decision::Eligible);
        assert_eq!(
            ScreeningDraft::from_screening(&s)
                .validate(today())
                .unwrap(),
            s
        );
        draft.toggle(Criterion::Polypharmacy);
        assert_eq!(
            draft.criteria,
            vec![Criterion::RecentAdmission],
            "toggling twice unticks"
        );
    }

    #[test]
    fn decision_rationale_and_other_text_are_required() {
        let mut draft = ScreeningDraft::new("", None, "N. Sato", today());
        draft.toggle(Criterion::Other);
        let errors = draft.validate(today()).unwrap_err();
        let got: Vec<_> = errors.iter().map(|e| (e.field, e.problem)).collect();
        assert_eq!(
            got,
            vec![
                (Field::IdentificationReason, Problem::Required),
                (Field::OtherCriterion, Problem::Required),
                (Field::Decision, Problem::ChoiceRequired),
                (Field::Rationale, Problem::Required),
            ]
        );
    }
}
