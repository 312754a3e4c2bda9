//! Storage-only record shapes, mapped to and from domain types here and nowhere else.
//!
//! A record is an envelope: the fields IndexedDB indexes need (ids, foreign keys, status and phase codes, dates,
//! stored as text that sorts correctly) in the clear, and the content sealed by `codec` in `body`.

use crate::domain::administration::Administration;
use crate::domain::assessment::Assessment;
use crate::domain::audit::{Action, AuditEntry, EntityKind};
use crate::domain::case::{Case, CaseStatus};
use crate::domain::client::Client;
use crate::domain::phase::Phase;
use crate::domain::risk::Tier;
use crate::domain::search::CaseRef;
use crate::domain::task::{Need, Task};
use crate::storage::codec;
use crate::storage::StorageError;
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

/// A stored record whose sealed content opens into a domain value.
pub(crate) trait Envelope: serde::de::DeserializeOwned {
    type Content;
    fn open(&self) -> Result<Self::Content, StorageError>;
}

/// Timestamps as RFC 3339 in UTC with milliseconds: fixed width, so text order is time order.
pub(crate) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

#[derive(Serialize, Deserialize)]
pub(crate) struct ClientRecord {
    pub id: String,
    pub updated_at: String,
    pub body: String,
}

impl ClientRecord {
    pub fn seal(client: &Client) -> ClientRecord {
        ClientRecord {
            id: client.id.to_string(),
            updated_at: timestamp(client.updated_at),
            body: codec::seal(client),
        }
    }
}

impl Envelope for ClientRecord {
    type Content = Client;
    fn open(&self) -> Result<Client, StorageError> {
        codec::open(&self.body)
    }
}

#[derive(Serialize, Deserialize)]
pub(crate) struct CaseRecord {
    pub id: String,
    pub client_id: String,
    pub status: String,
    pub phase: String,
    /// The effective risk tier (v3; older records are given `low` by the migration).
    #[serde(default = "low")]
    pub tier: String,
    /// `YYYY-MM-DD`.
    pub opened_on: String,
    pub updated_at: String,
    pub body: String,
}

impl CaseRecord {
    pub fn seal(case: &Case) -> CaseRecord {
        CaseRecord {
            id: case.id.to_string(),
            client_id: case.client_id.to_string(),
            status: case.status.code().to_string(),
            phase: case.phase.code().to_string(),
            tier: case.tier().code().to_string(),
            opened_on: case.details.opened_on.to_string(),
            updated_at: timestamp(case.updated_at),
            body: codec::seal(case),
        }
    }

    /// The caseload summary, from the clear fields alone: the body is not opened.
    pub fn case_ref(&self) -> Result<CaseRef, StorageError> {
        let corrupt = |what: &str| StorageError::Corrupt(format!("case {}: bad {what}", self.id));
        Ok(CaseRef {
            id: self.id.parse().map_err(|_| corrupt("id"))?,
            client_id: self.client_id.parse().map_err(|_| corrupt("client_id"))?,
            status: CaseStatus::from_code(&self.status).ok_or_else(|| corrupt("status"))?,
            phase: Phase::from_code(&self.phase).ok_or_else(|| corrupt("phase"))?,
            tier: Tier::from_code(&self.tier).ok_or_else(|| corrupt("tier"))?,
            opened_on: NaiveDate::parse_from_str(&self.opened_on, "%Y-%m-%d")
                .map_err(|_| corrupt("opened_on"))?,
        })
    }
}

impl Envelope for CaseRecord {
    type Content = Case;
    fn open(&self) -> Result<Case, StorageError> {
        codec::open(&self.body)
    }
}

fn low() -> String {
    Tier::Low.code().to_string()
}

#[derive(Serialize, Deserialize)]
pub(crate) struct AdministrationRecord {
    pub id: String,
    pub case_id: String,
    pub instrument: String,
    pub administered_on: String,
    pub body: String,
}

impl AdministrationRecord {
    pub fn seal(a: &Administration) -> AdministrationRecord {
        AdministrationRecord {
            id: a.id.to_string(),
            case_id: a.case_id.to_string(),
            instrument: a.instrument.code().to_string(),
            administered_on: a.administered_on.to_string(),
            body: codec::seal(a),
        }
    }
}

impl Envelope for AdministrationRecord {
    type Content = Administration;
    fn open(&self) -> Result<Administration, StorageError> {
        codec::open(&self.body)
    }
}

#[derive(Serialize, Deserialize)]
pub(crate) struct TaskRecord {
    pub id: String,
    pub case_id: String,
    /// `YYYY-MM-DD`.
    pub due: String,
    /// `open` or `done`.
    pub status: String,
    pub body: String,
}

impl TaskRecord {
    pub fn seal(t: &Task) -> TaskRecord {
        TaskRecord {
            id: t.id.to_string(),
            case_id: t.case_id.to_string(),
            due: t.due.to_string(),
            status: if t.is_open() { "open" } else { "done" }.to_string(),
            body: codec::seal(t),
        }
    }
}

impl Envelope for TaskRecord {
    type Content = Task;
    fn open(&self) -> Result<Task, StorageError> {
        codec::open(&self.body)
    }
}

#[derive(Serialize, Deserialize)]
pub(crate) struct NeedRecord {
    pub id: String,
    pub case_id: String,
    pub body: String,
}

impl NeedRecord {
    pub fn seal(n: &Need) -> NeedRecord {
        NeedRecord {
            id: n.id.to_string(),
            case_id: n.case_id.to_string(),
            body: codec::seal(n),
        }
    }
}

impl Envelope for NeedRecord {
    type Content = Need;
    fn open(&self) -> Result<Need, StorageError> {
        codec::open(&self.body)
    }
}

#[derive(Serialize, Deserialize)]
pub(crate) struct AssessmentRecord {
    pub case_id: String,
    pub updated_at: String,
    pub body: String,
}

impl AssessmentRecord {
    pub fn seal(a: &Assessment) -> AssessmentRecord {
        AssessmentRecord {
            case_id: a.case_id.to_string(),
            updated_at: timestamp(a.updated_at),
            body: codec::seal(a),
        }
    }
}

impl Envelope for AssessmentRecord {
    type Content = Assessment;
    fn open(&self) -> Result<Assessment, StorageError> {
        codec::open(&self.body)
    }
}

/// Audit entries hold no personal content, so they are stored in the clear.
#[derive(Serialize, Deserialize)]
pub(crate) struct AuditRecord {
    pub at: String,
    pub entity: EntityKind,
    pub entity_id: String,
    pub action: Action,
}

impl AuditRecord {
    pub fn new(entry: &AuditEntry) -> AuditRecord {
        AuditRecord {
            at: timestamp(entry.at),
            entity: entry.entity,
            entity_id: entry.entity_id.to_string(),
            action: entry.action,
        }
    }

    pub fn entry(&self) -> Result<AuditEntry, StorageError> {
        let corrupt = || StorageError::Corrupt(format!("audit entry for {}", self.entity_id));
        Ok(AuditEntry {
            at: DateTime::parse_from_rfc3339(&self.at)
                .map_err(|_| corrupt())?
                .with_timezone(&Utc),
            entity: self.entity,
            entity_id: self.entity_id.parse().map_err(|_| corrupt())?,
            action: self.action,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{CaseDetails, CaseModel, Specialty};
    use crate::domain::ids::Id;
    use chrono::TimeZone;

    #[test]
    fn timestamps_sort_as_text_in_time_order() {
        let times = [
            Utc.with_ymd_and_hms(1999, 12, 31, 23, 59, 59).unwrap(),
            Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap(),
            Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap() + chrono::Duration::milliseconds(7),
            Utc.with_ymd_and_hms(2026, 10, 2, 0, 0, 0).unwrap(),
        ];
        let texts: Vec<String> = times.iter().map(|t| timestamp(*t)).collect();
        let mut sorted = texts.clone();
        sorted.sort();
        assert_eq!(texts, sorted);
        assert_eq!(texts[2], "2026-01-02T03:04:05.007Z");
    }

    #[test]
    fn case_envelopes_hold_only_codes_ids_and_dates_in_the_clear() {
        let opened = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let details = CaseDetails {
            specialty: Specialty::MentalHealth,
            model: CaseModel::StrengthsBased,
            case_manager: "Secret Manager".into(),
            opened_on: opened,
            referral_source: None,
            referral_reason: "Confidential reason".into(),
        };
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let mut case = Case::open(
            Id::from_random_bytes([3; 16]),
            Id::from_random_bytes([4; 16]),
            details,
            at,
        );
        case.move_to(Phase::Planning, at).unwrap();
        let record = CaseRecord::seal(&case);
        assert_eq!(record.phase, "planning");
        assert_eq!(record.status, "open");
        assert_eq!(record.opened_on, "2026-11-23");
        let reference = record.case_ref().unwrap();
        assert_eq!(
            (reference.id, reference.client_id, reference.phase),
            (case.id, case.client_id, Phase::Planning)
        );
        assert_eq!(record.open().unwrap(), case);
        // Names and clinical text live only in the sealed body.
        for clear in [
            &record.id,
            &record.client_id,
            &record.status,
            &record.phase,
            &record.tier,
            &record.opened_on,
            &record.updated_at,
        ] {
            assert!(!clear.contains("Secret") && !clear.contains("Confidential"));
        }
    }

    /// Every other envelope: serialised as IndexedDB would see it, the secret text appears only inside `body`.
    #[test]
    fn other_envelopes_keep_clinical_text_in_the_sealed_body_only() {
        use crate::domain::assessment::Section;
        use crate::domain::instruments::{AhcDomain, Instrument};
        use crate::domain::task::{Priority, TaskKind};
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let day = at.date_naive();
        let case_id = Id::from_random_bytes([3; 16]);
        let outcome = Instrument::Gad7.score(&[Some(1); 7]).unwrap();
        let administration = Administration {
            id: Id::from_random_bytes([5; 16]),
            case_id,
            instrument: Instrument::Gad7,
            version: "gad7-2006.1".into(),
            administered_on: day,
            administered_by: "Secret Nurse".into(),
            answers: vec![Some(1); 7],
            outcome,
            recorded_at: at,
        };
        let task = Task {
            id: Id::from_random_bytes([6; 16]),
            case_id,
            kind: TaskKind::SafetyFollowUp,
            priority: Priority::Urgent,
            due: day,
            source: None,
            created_at: at,
            done_at: None,
        };
        let need = Need {
            id: Id::from_random_bytes([7; 16]),
            case_id,
            domain: AhcDomain::Food,
            source: None,
            identified_at: at,
        };
        let mut assessment = Assessment::new(case_id, at);
        assessment.set_text(Section::MentalHealth, "Secret history of depression".into());
        let envelopes = [
            serde_json::to_value(AdministrationRecord::seal(&administration)).unwrap(),
            serde_json::to_value(TaskRecord::seal(&task)).unwrap(),
            serde_json::to_value(NeedRecord::seal(&need)).unwrap(),
            serde_json::to_value(AssessmentRecord::seal(&assessment)).unwrap(),
        ];
        for envelope in envelopes {
            let fields = envelope.as_object().unwrap();
            for (name, value) in fields.iter().filter(|(name, _)| name.as_str() != "body") {
                let text = value.to_string();
                assert!(
                    !text.contains("Secret") && !text.contains("food"),
                    "{name} = {text}"
                );
            }
        }
        assert_eq!(
            AdministrationRecord::seal(&administration).open().unwrap(),
            administration
        );
        assert_eq!(
            AssessmentRecord::seal(&assessment).open().unwrap(),
            assessment
        );
    }
}
