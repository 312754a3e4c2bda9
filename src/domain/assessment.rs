//! The holistic assessment: health, function, mind, circumstances, support, preferences, and what matters most to
//! the client in their own words. Saved as a draft at every change; completed when its essentials are there.

use crate::domain::ids::Id;
use crate::domain::validation::draft_text;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub const NOTE_MAX: usize = crate::domain::validation::LONG_TEXT_MAX;
/// The longest a condition's or medication's field may be.
pub const ROW_FIELD_MAX: usize = 300;
/// The most conditions, or medications, one assessment holds.
pub const ROWS_MAX: usize = 100;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub name: String,
    pub since: String,
    pub notes: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Medication {
    pub name: String,
    pub dose: String,
    pub frequency: String,
    pub prescriber: String,
}

/// The free-text sections of the assessment, in the order the form shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    Allergies,
    FunctionalStatus,
    Cognition,
    MentalHealth,
    SubstanceUse,
    LivingSituation,
    FinancialSituation,
    SupportNetwork,
    CulturalPreferences,
    WhatMatters,
    Strengths,
    Barriers,
}

crate::domain::codes::codes!(Section {
    Allergies => "allergies",
    FunctionalStatus => "functional_status",
    Cognition => "cognition",
    MentalHealth => "mental_health",
    SubstanceUse => "substance_use",
    LivingSituation => "living_situation",
    FinancialSituation => "financial_situation",
    SupportNetwork => "support_network",
    CulturalPreferences => "cultural_preferences",
    WhatMatters => "what_matters",
    Strengths => "strengths",
    Barriers => "barriers",
});

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AssessmentStatus {
    #[default]
    Draft,
    Complete,
}

crate::domain::codes::codes!(AssessmentStatus {
    Draft => "draft",
    Complete => "complete",
});

/// One case's holistic assessment. Drafts may be partial; nothing typed is ever thrown away.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub case_id: Id,
    pub status: AssessmentStatus,
    pub conditions: Vec<Condition>,
    pub medications: Vec<Medication>,
    /// Text per section, in `Section::ALL` order.
    pub sections: Vec<(Section, String)>,
    #[serde(with = "crate::domain::stored_time::instant")]
    pub updated_at: DateTime<Utc>,
    #[serde(with = "crate::domain::stored_time::optional_instant", default)]
    pub completed_at: Option<DateTime<Utc>>,
}

/// Why an assessment cannot be completed yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Incomplete {
    /// The client's own words about what matters most are the heart of the plan.
    WhatMattersMissing,
    /// A condition row has details but no name.
    UnnamedCondition(usize),
    /// A medication row has details but no name.
    UnnamedMedication(usize),
    TooLong(Section),
}

impl Assessment {
    pub fn new(case_id: Id, now: DateTime<Utc>) -> Assessment {
        Assessment {
            case_id,
            status: AssessmentStatus::Draft,
            conditions: vec![],
            medications: vec![],
            sections: vec![],
            updated_at: now,
            completed_at: None,
        }
    }

    /// Marks an edit: a completed assessment that is changed is a draft again until it is completed anew.
    pub fn touch(&mut self, now: DateTime<Utc>) {
        self.status = AssessmentStatus::Draft;
        self.completed_at = None;
        self.updated_at = now;
    }

    pub fn text(&self, section: Section) -> &str {
        self.sections
            .iter()
            .find(|(s, _)| *s == section)
            .map_or("", |(_, t)| t)
    }

    pub fn set_text(&mut self, section: Section, text: String) {
        let text = draft_text(&text, NOTE_MAX);
        match self.sections.iter_mut().find(|(s, _)| *s == section) {
            Some(entry) => entry.1 = text,
            None => self.sections.push((section, text)),
        }
    }

    /// The draft with every text cleaned and bounded (control and invisible characters dropped, sections cut at
    /// `NOTE_MAX`, row fields at `ROW_FIELD_MAX`, at most `ROWS_MAX` rows of each kind): what is stored is never
    /// larger than a form can show.
    pub fn bounded(mut self) -> Assessment {
        for (_, text) in &mut self.sections {
            *text = draft_text(text, NOTE_MAX);
        }
        let field = |t: &mut String| *t = draft_text(t, ROW_FIELD_MAX);
        self.conditions.truncate(ROWS_MAX);
        for c in &mut self.conditions {
            field(&mut c.name);
            field(&mut c.since);
            field(&mut c.notes);
        }
        self.medications.truncate(ROWS_MAX);
        for m in &mut self.medications {
            field(&mut m.name);
            field(&mut m.dose);
            field(&mut m.frequency);
            field(&mut m.prescriber);
        }
        self
    }

    /// What still stops completion (empty when it can be completed).
    pub fn problems(&self) -> Vec<Incomplete> {
        let mut problems = Vec::new();
        if self.text(Section::WhatMatters).trim().is_empty() {
            problems.push(Incomplete::WhatMattersMissing);
        }
        for (i, c) in self.conditions.iter().enumerate() {
            if c.name.trim().is_empty() && !(c.since.trim().is_empty() && c.notes.trim().is_empty())
            {
                problems.push(Incomplete::UnnamedCondition(i));
            }
        }
        for (i, m) in self.medications.iter().enumerate() {
            let details = [&m.dose, &m.frequency, &m.prescriber];
            if m.name.trim().is_empty() && details.iter().any(|d| !d.trim().is_empty()) {
                problems.push(Incomplete::UnnamedMedication(i));
            }
        }
        for (section, text) in &self.sections {
            if text.chars().count() > NOTE_MAX {
                problems.push(Incomplete::TooLong(*section));
            }
        }
        problems
    }

    /// Marks the assessment complete, dropping blank list rows; or says what is missing.
    pub fn complete(&mut self, now: DateTime<Utc>) -> Result<(), Vec<Incomplete>> {
        let problems = self.problems();
        if !problems.is_empty() {
            return Err(problems);
        }
        self.conditions.retain(|c| !c.name.trim().is_empty());
        self.medications.retain(|m| !m.name.trim().is_empty());
        self.status = AssessmentStatus::Complete;
        self.completed_at = Some(now);
        self.updated_at = now;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_completes_once_what_matters_is_written_and_rows_are_named() {
        let now = Utc::now();
        let mut a = Assessment::new(Id::from_random_bytes([1; 16]), now);
        a.conditions.push(Condition {
            name: "".into(),
            since: "2019".into(),
            notes: "".into(),
        });
        a.medications.push(Medication {
            name: "Metformin".into(),
            dose: "500 mg".into(),
            ..Medication::default()
        });
        a.medications.push(Medication::default());
        assert_eq!(
            a.complete(now),
            Err(vec![
                Incomplete::WhatMattersMissing,
                Incomplete::UnnamedCondition(0)
            ])
        );
        assert_eq!(a.status, AssessmentStatus::Draft);

        a.set_text(
            Section::WhatMatters,
            "Staying in my own home with my cat".into(),
        );
        a.conditions[0].name = "Type 2 diabetes".into();
        a.set_text(Section::WhatMatters, "Staying at home with my cat".into());
        assert_eq!(a.text(Section::WhatMatters), "Staying at home with my cat");
        assert_eq!(a.sections.len(), 1, "setting a section twice replaces it");
        a.complete(now).unwrap();
        assert_eq!(a.status, AssessmentStatus::Complete);
        assert_eq!(a.medications.len(), 1, "the blank row is dropped");

        a.set_text(Section::WhatMatters, String::new());
        a.touch(now);
        assert_eq!(
            (a.status, a.completed_at),
            (AssessmentStatus::Draft, None),
            "an edit reopens it"
        );
        assert_eq!(a.complete(now), Err(vec![Incomplete::WhatMattersMissing]));
    }

    #[test]
    fn drafts_are_bounded_and_cleaned() {
        let now = Utc::now();
        let mut a = Assessment::new(Id::from_random_bytes([1; 16]), now);
        a.set_text(Section::Barriers, "x".repeat(NOTE_MAX + 50));
        assert_eq!(a.text(Section::Barriers).chars().count(), NOTE_MAX);
        a.sections.push((Section::Strengths, "a\u{200B}b".into()));
        a.conditions = vec![
            Condition {
                name: "n".repeat(ROW_FIELD_MAX + 1),
                ..Condition::default()
            };
            ROWS_MAX + 3
        ];
        let a = a.bounded();
        assert_eq!(a.text(Section::Strengths), "ab");
        assert_eq!(a.conditions.len(), ROWS_MAX);
        assert_eq!(a.conditions[0].name.chars().count(), ROW_FIELD_MAX);
    }
}
