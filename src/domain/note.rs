//! Progress notes: SOAP (subjective, objective, assessment, plan) or DAP (data, assessment, plan), chosen per note,
//! tied to a logged contact or standing alone. A note is signed when it is saved (its author and the time), and once
//! signed it is never changed: a correction is an addendum, itself signed, and the original stays as it was.

use crate::domain::ids::Id;
use crate::domain::validation::{
    required_long_text, required_text, Field, FieldErrors, FollowUpField, Problem, LONG_TEXT_MAX,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How a note is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteFormat {
    Soap,
    Dap,
}

crate::domain::codes::codes!(NoteFormat {
    Soap => "soap",
    Dap => "dap",
});

/// A note's sections, by its format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteBody {
    Soap {
        subjective: String,
        objective: String,
        assessment: String,
        plan: String,
    },
    Dap {
        data: String,
        assessment: String,
        plan: String,
    },
}

impl NoteBody {
    pub fn format(&self) -> NoteFormat {
        match self {
            NoteBody::Soap { .. } => NoteFormat::Soap,
            NoteBody::Dap { .. } => NoteFormat::Dap,
        }
    }
}

/// Who signed, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub by: String,
    /// Who signed, on the staff list (none only before the staff list existed, until migrated).
    #[serde(default)]
    pub by_id: Option<Id>,
    #[serde(with = "crate::domain::stored_time::instant")]
    pub at: DateTime<Utc>,
}

/// A signed correction or addition to a signed note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Addendum {
    pub text: String,
    pub signed: Signature,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressNote {
    pub id: Id,
    pub case_id: Id,
    /// The logged contact it records, if any.
    pub contact_id: Option<Id>,
    pub body: NoteBody,
    pub signed: Signature,
    /// Added after signing, oldest first. Append-only.
    pub addenda: Vec<Addendum>,
}

/// The note form: every section of both formats (the page shows those of the chosen one).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NoteDraft {
    pub format: String,
    pub contact_id: String,
    pub subjective: String,
    pub objective: String,
    pub data: String,
    pub assessment: String,
    pub plan: String,
    pub author: String,
}

/// A section's text: several lines allowed.
fn section(errors: &mut FieldErrors, field: FollowUpField, text: &str) -> String {
    required_long_text(errors, Field::FollowUp(field), text, LONG_TEXT_MAX)
}

impl NoteDraft {
    /// The note `id`, signed by its author at `now`; its contact, if any, must be one of `contacts` (the case's).
    pub fn sign(
        &self,
        id: Id,
        case_id: Id,
        contacts: &[Id],
        now: DateTime<Utc>,
    ) -> Result<ProgressNote, FieldErrors> {
        use FollowUpField as F;
        let mut errors = FieldErrors::default();
        let format = NoteFormat::from_code(&self.format);
        if format.is_none() {
            errors.push(Field::FollowUp(F::NoteFormat), Problem::ChoiceRequired);
        }
        let contact_id = if self.contact_id.trim().is_empty() {
            None
        } else {
            let known = self
                .contact_id
                .parse::<Id>()
                .ok()
                .filter(|c| contacts.contains(c));
            if known.is_none() {
                errors.push(Field::FollowUp(F::NoteContact), Problem::ChoiceRequired);
            }
            known
        };
        // The format's own parts first (the order they are shown in), then the parts both formats share, checked
        // whatever the format: every error is shown on the first try.
        let body = match format {
            Some(NoteFormat::Soap) => {
                let subjective = section(&mut errors, F::NoteSubjective, &self.subjective);
                let objective = section(&mut errors, F::NoteObjective, &self.objective);
                Some((Some((subjective, objective)), None))
            }
            Some(NoteFormat::Dap) => {
                Some((None, Some(section(&mut errors, F::NoteData, &self.data))))
            }
            None => None,
        };
        let assessment = section(&mut errors, F::NoteAssessment, &self.assessment);
        let plan = section(&mut errors, F::NotePlan, &self.plan);
        let body = body.map(|parts| match parts {
            (Some((subjective, objective)), _) => NoteBody::Soap {
                subjective,
                objective,
                assessment: assessment.clone(),
                plan: plan.clone(),
            },
            (None, data) => NoteBody::Dap {
                data: data.unwrap_or_default(),
                assessment: assessment.clone(),
                plan: plan.clone(),
            },
        });
        let by = required_text(
            &mut errors,
            Field::FollowUp(F::NoteAuthor),
            &self.author,
            crate::domain::client::NAME_MAX,
        );
        match body {
            Some(body) if errors.is_empty() => Ok(ProgressNote {
                id,
                case_id,
                contact_id,
                body,
                signed: Signature {
                    by,
                    by_id: None,
                    at: now,
                },
                addenda: vec![],
            }),
            _ => Err(errors),
        }
    }
}

/// The addendum form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AddendumDraft {
    pub text: String,
    pub author: String,
}

impl AddendumDraft {
    pub fn sign(&self, now: DateTime<Utc>) -> Result<Addendum, FieldErrors> {
        let mut errors = FieldErrors::default();
        let text = section(&mut errors, FollowUpField::AddendumText, &self.text);
        let by = required_text(
            &mut errors,
            Field::FollowUp(FollowUpField::AddendumAuthor),
            &self.author,
            crate::domain::client::NAME_MAX,
        );
        if errors.is_empty() {
            Ok(Addendum {
                text,
                signed: Signature {
                    by,
                    by_id: None,
                    at: now,
                },
            })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> Id {
        Id::from_random_bytes([n; 16])
    }

    fn soap() -> NoteDraft {
        NoteDraft {
            format: "soap".into(),
            subjective: "Says the new shoes help; no falls this week.".into(),
            objective: "Walked to the door unaided. BP 132/84.".into(),
            assessment: "Fall risk lower; blood pressure at target.".into(),
            plan: "Physio twice more; review in two weeks.".into(),
            author: "N. Sato".into(),
            ..NoteDraft::default()
        }
    }

    #[test]
    fn a_soap_note_is_signed_with_its_four_sections_and_a_dap_note_with_three() {
        let now = Utc::now();
        let note = soap().sign(id(1), id(2), &[], now).unwrap();
        assert_eq!(note.body.format(), NoteFormat::Soap);
        assert_eq!(
            note.signed,
            Signature {
                by: "N. Sato".into(),
                by_id: None,
                at: now
            }
        );
        assert!(note.addenda.is_empty() && note.contact_id.is_none());
        // DAP needs no subjective or objective part, but its data.
        let dap = NoteDraft {
            format: "dap".into(),
            data: "Phone call: the food parcel arrived.".into(),
            subjective: String::new(),
            objective: String::new(),
            contact_id: id(7).to_string(),
            ..soap()
        };
        let note = dap.sign(id(1), id(2), &[id(7)], now).unwrap();
        assert!(matches!(&note.body, NoteBody::Dap { data, .. } if data.starts_with("Phone call")));
        assert_eq!(note.contact_id, Some(id(7)));
    }

    #[test]
    fn each_missing_section_of_the_chosen_format_and_an_unknown_contact_are_named() {
        use FollowUpField as F;
        let problems = |d: NoteDraft, contacts: &[Id]| -> Vec<(Field, Problem)> {
            d.sign(id(1), id(2), contacts, Utc::now())
                .unwrap_err()
                .iter()
                .map(|e| (e.field, e.problem))
                .collect()
        };
        let f = Field::FollowUp;
        assert_eq!(
            problems(
                NoteDraft {
                    objective: " ".into(),
                    plan: String::new(),
                    contact_id: id(9).to_string(),
                    ..soap()
                },
                &[id(7)]
            ),
            vec![
                (f(F::NoteContact), Problem::ChoiceRequired),
                (f(F::NoteObjective), Problem::Required),
                (f(F::NotePlan), Problem::Required),
            ]
        );
        assert_eq!(
            problems(
                NoteDraft {
                    format: "dap".into(),
                    author: String::new(),
                    ..soap()
                },
                &[]
            ),
            vec![
                (f(F::NoteData), Problem::Required),
                (f(F::NoteAuthor), Problem::Required)
            ]
        );
        // Every error on the first try: the parts both formats share are checked before a format is chosen.
        assert_eq!(
            problems(NoteDraft::default(), &[]),
            vec![
                (f(F::NoteFormat), Problem::ChoiceRequired),
                (f(F::NoteAssessment), Problem::Required),
                (f(F::NotePlan), Problem::Required),
                (f(F::NoteAuthor), Problem::Required)
            ]
        );
        // Paragraphs are kept: a note is written in several lines.
        let lines = NoteDraft {
            subjective: "Sleeps better.\nNo falls.".into(),
            ..soap()
        };
        assert!(lines.sign(id(1), id(2), &[], Utc::now()).is_ok());
    }

    #[test]
    fn an_addendum_is_signed_and_needs_its_text_and_author() {
        let now = Utc::now();
        let addendum = AddendumDraft {
            text: "Correction: BP was 138/84.".into(),
            author: "N. Sato".into(),
        }
        .sign(now)
        .unwrap();
        assert_eq!(addendum.signed.at, now);
        let errors = AddendumDraft::default().sign(now).unwrap_err();
        assert_eq!(errors.iter().count(), 2);
    }
}
