//! Storage-only record shapes, mapped to and from domain types here and nowhere else.
//!
//! A record is an envelope: the fields IndexedDB indexes need (ids, foreign keys, status and phase codes, dates,
//! stored as text that sorts correctly), its revision, all in the clear, and the content sealed by `codec` in
//! `body`. Sealing happens before a write transaction opens (`repo`), so an envelope is built from a body that is
//! already sealed.

use crate::domain::audit::{Action, AuditEntry, EntityKind};
use crate::domain::case::CaseStatus;
use crate::domain::phase::Phase;
use crate::domain::risk::UNSTRATIFIED;
use crate::domain::search::CaseRef;
use crate::domain::workflow::Record;
use crate::storage::backend::Row;
use crate::storage::codec::IndexCodes;
use crate::storage::schema::{
    ADMINISTRATIONS, APPOINTMENTS, ASSESSMENTS, AUDIT, CASES, CLIENTS, CONTACTS, COVERAGES, META,
    NEEDS, NOTES, PLANS, PLAN_REVISIONS, REFERRALS, STAFF, TASKS, TRANSITIONS,
};
use crate::storage::StorageError;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

/// Timestamps as RFC 3339 in UTC with milliseconds: fixed width, so text order is time order.
pub(crate) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// An envelope with a sealed body.
pub(crate) trait Sealed: Row {
    fn body(&self) -> &str;
}

macro_rules! envelope {
    ($name:ident, $store:expr, $key:ident { $($field:ident),* }) => {
        #[derive(Clone, Debug, Serialize, Deserialize)]
        pub struct $name {
            pub $key: String,
            $(pub $field: String,)*
            #[serde(default)]
            pub rev: u32,
            pub body: String,
        }

        impl Row for $name {
            const STORE: &'static str = $store;
            fn key(&self) -> String {
                self.$key.clone()
            }
            fn rev(&self) -> u32 {
                self.rev
            }
        }

        impl Sealed for $name {
            fn body(&self) -> &str {
                &self.body
            }
        }
    };
}

envelope!(ClientRecord, CLIENTS, id { updated_at });
envelope!(
    AdministrationRecord,
    ADMINISTRATIONS,
    id {
        case_id,
        instrument,
        administered_on
    }
);
// `status`: `open`, `done` or `cancelled`.
envelope!(
    TaskRecord,
    TASKS,
    id {
        case_id,
        due,
        status
    }
);
envelope!(NeedRecord, NEEDS, id { case_id });
envelope!(ContactRecord, CONTACTS, id { case_id });
envelope!(NoteRecord, NOTES, id { case_id });
envelope!(TransitionRecord, TRANSITIONS, id { case_id });
envelope!(StaffRecord, STAFF, id {});
envelope!(AssessmentRecord, ASSESSMENTS, case_id { updated_at });
envelope!(PlanRecord, PLANS, case_id { updated_at });
envelope!(PlanRevisionRecord, PLAN_REVISIONS, id { case_id });
// `on`: the local date (`YYYY-MM-DD`); `status`: the FHIR Appointment status code.
envelope!(
    AppointmentRecord,
    APPOINTMENTS,
    id {
        case_id,
        on,
        status
    }
);

/// A payer of the case: `due` is the first date something of it ends (absent when nothing does).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CoverageRecord {
    pub id: String,
    pub case_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    #[serde(default)]
    pub rev: u32,
    pub body: String,
}

impl Row for CoverageRecord {
    const STORE: &'static str = COVERAGES;
    fn key(&self) -> String {
        self.id.clone()
    }
    fn rev(&self) -> u32 {
        self.rev
    }
}

impl Sealed for CoverageRecord {
    fn body(&self) -> &str {
        &self.body
    }
}

/// A referral: `due`, its follow-up date, is stored only while the loop is open, so the `by_due` index holds open
/// referrals only (a record without the field is not in the index).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ReferralRecord {
    pub id: String,
    pub case_id: String,
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    #[serde(default)]
    pub rev: u32,
    pub body: String,
}

impl Row for ReferralRecord {
    const STORE: &'static str = REFERRALS;
    fn key(&self) -> String {
        self.id.clone()
    }
    fn rev(&self) -> u32 {
        self.rev
    }
}

impl Sealed for ReferralRecord {
    fn body(&self) -> &str {
        &self.body
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CaseRecord {
    pub id: String,
    pub client_id: String,
    pub status: String,
    pub phase: String,
    /// The effective risk tier code, or `unstratified` (v3; the v3 upgrade gave older records `low`, and a data
    /// migration gives cases without results back `unstratified`).
    #[serde(default = "unstratified")]
    pub tier: String,
    /// `YYYY-MM-DD`.
    pub opened_on: String,
    /// The day the next contact is due (`YYYY-MM-DD`, v6), only while the case is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_contact: Option<String>,
    pub updated_at: String,
    #[serde(default)]
    pub rev: u32,
    pub body: String,
}

fn unstratified() -> String {
    UNSTRATIFIED.to_string()
}

impl Row for CaseRecord {
    const STORE: &'static str = CASES;
    fn key(&self) -> String {
        self.id.clone()
    }
    fn rev(&self) -> u32 {
        self.rev
    }
}

impl Sealed for CaseRecord {
    fn body(&self) -> &str {
        &self.body
    }
}

impl CaseRecord {
    /// The caseload summary, from the clear fields alone (the tier through `codes`): the body is not opened.
    pub fn case_ref(&self, codes: &IndexCodes) -> Result<CaseRef, StorageError> {
        let corrupt = |what: &str| StorageError::Corrupt(format!("case {}: bad {what}", self.id));
        Ok(CaseRef {
            id: self.id.parse().map_err(|_| corrupt("id"))?,
            client_id: self.client_id.parse().map_err(|_| corrupt("client_id"))?,
            status: CaseStatus::from_code(&self.status).ok_or_else(|| corrupt("status"))?,
            phase: Phase::from_code(&self.phase).ok_or_else(|| corrupt("phase"))?,
            tier: codes.tier_of(&self.tier).ok_or_else(|| corrupt("tier"))?,
            opened_on: crate::domain::validation::parse_iso_date(&self.opened_on)
                .ok_or_else(|| corrupt("opened_on"))?,
        })
    }
}

/// Which data migrations have run (no personal content).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MetaRecord {
    pub key: String,
    pub done_at: String,
    #[serde(default)]
    pub rev: u32,
}

impl Row for MetaRecord {
    const STORE: &'static str = META;
    fn key(&self) -> String {
        self.key.clone()
    }
    fn rev(&self) -> u32 {
        self.rev
    }
}

/// Any envelope a batch puts, sealed.
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
pub enum SealedRow {
    Client(ClientRecord),
    Case(CaseRecord),
    Administration(AdministrationRecord),
    Task(TaskRecord),
    Need(NeedRecord),
    Assessment(AssessmentRecord),
    Meta(MetaRecord),
    Plan(PlanRecord),
    PlanRevision(PlanRevisionRecord),
    Referral(ReferralRecord),
    Appointment(AppointmentRecord),
    Coverage(CoverageRecord),
    Contact(ContactRecord),
    Note(NoteRecord),
    Transition(TransitionRecord),
    Staff(StaffRecord),
    Keyring(crate::storage::keyring::KeyringRecord),
    LockDraft(crate::storage::keyring::LockDraftRecord),
}

impl SealedRow {
    pub fn store(&self) -> &'static str {
        match self {
            SealedRow::Client(_) => CLIENTS,
            SealedRow::Case(_) => CASES,
            SealedRow::Administration(_) => ADMINISTRATIONS,
            SealedRow::Task(_) => TASKS,
            SealedRow::Need(_) => NEEDS,
            SealedRow::Assessment(_) => ASSESSMENTS,
            SealedRow::Meta(_) | SealedRow::Keyring(_) | SealedRow::LockDraft(_) => META,
            SealedRow::Plan(_) => PLANS,
            SealedRow::PlanRevision(_) => PLAN_REVISIONS,
            SealedRow::Referral(_) => REFERRALS,
            SealedRow::Appointment(_) => APPOINTMENTS,
            SealedRow::Coverage(_) => COVERAGES,
            SealedRow::Contact(_) => CONTACTS,
            SealedRow::Note(_) => NOTES,
            SealedRow::Transition(_) => TRANSITIONS,
            SealedRow::Staff(_) => STAFF,
        }
    }

    pub fn key(&self) -> String {
        match self {
            SealedRow::Client(r) => r.key(),
            SealedRow::Case(r) => r.key(),
            SealedRow::Administration(r) => r.key(),
            SealedRow::Task(r) => r.key(),
            SealedRow::Need(r) => r.key(),
            SealedRow::Assessment(r) => r.key(),
            SealedRow::Meta(r) => r.key(),
            SealedRow::Plan(r) => r.key(),
            SealedRow::PlanRevision(r) => r.key(),
            SealedRow::Referral(r) => r.key(),
            SealedRow::Appointment(r) => r.key(),
            SealedRow::Coverage(r) => r.key(),
            SealedRow::Contact(r) => r.key(),
            SealedRow::Note(r) => r.key(),
            SealedRow::Transition(r) => r.key(),
            SealedRow::Staff(r) => r.key(),
            SealedRow::Keyring(r) => r.key(),
            SealedRow::LockDraft(r) => r.key(),
        }
    }

    /// The envelope of a domain record: its clear index fields, revision `rev`, and the already sealed `body`.
    pub fn of(record: &Record, rev: u32, body: String, codes: &IndexCodes) -> SealedRow {
        match record {
            Record::Client(c) => SealedRow::Client(ClientRecord {
                id: c.id.to_string(),
                updated_at: timestamp(c.updated_at),
                rev,
                body,
            }),
            Record::Case(c) => SealedRow::Case(CaseRecord {
                id: c.id.to_string(),
                client_id: c.client_id.to_string(),
                status: c.status.code().to_string(),
                phase: c.phase.code().to_string(),
                tier: codes.tier(c.tier()),
                opened_on: c.details.opened_on.to_string(),
                next_contact: (c.status == CaseStatus::Open)
                    .then(|| crate::domain::contact::next_contact_due(c).to_string()),
                updated_at: timestamp(c.updated_at),
                rev,
                body,
            }),
            Record::Administration(a) => SealedRow::Administration(AdministrationRecord {
                id: a.id.to_string(),
                case_id: a.case_id.to_string(),
                instrument: a.instrument.code().to_string(),
                administered_on: a.administered_on.to_string(),
                rev,
                body,
            }),
            Record::Task(t) => SealedRow::Task(TaskRecord {
                id: t.id.to_string(),
                case_id: t.case_id.to_string(),
                due: t.due.to_string(),
                status: t.status().code().to_string(),
                rev,
                body,
            }),
            Record::Need(n) => SealedRow::Need(NeedRecord {
                id: n.id.to_string(),
                case_id: n.case_id.to_string(),
                rev,
                body,
            }),
            Record::Assessment(a) => SealedRow::Assessment(AssessmentRecord {
                case_id: a.case_id.to_string(),
                updated_at: timestamp(a.updated_at),
                rev,
                body,
            }),
            Record::Plan(p) => SealedRow::Plan(PlanRecord {
                case_id: p.case_id.to_string(),
                updated_at: timestamp(p.updated_at),
                rev,
                body,
            }),
            Record::PlanRevision(p) => SealedRow::PlanRevision(PlanRevisionRecord {
                id: p.id.to_string(),
                case_id: p.case_id.to_string(),
                rev,
                body,
            }),
            Record::Referral(r) => SealedRow::Referral(ReferralRecord {
                id: r.id.to_string(),
                case_id: r.case_id.to_string(),
                status: r.status.code().to_string(),
                due: r.is_open().then(|| r.follow_up_due.to_string()),
                rev,
                body,
            }),
            Record::Appointment(a) => SealedRow::Appointment(AppointmentRecord {
                id: a.id.to_string(),
                case_id: a.case_id.to_string(),
                on: a.starts.date().to_string(),
                status: a.status.code().to_string(),
                rev,
                body,
            }),
            Record::Coverage(c) => SealedRow::Coverage(CoverageRecord {
                id: c.id.to_string(),
                case_id: c.case_id.to_string(),
                due: c.first_end().map(|d| d.to_string()),
                rev,
                body,
            }),
            Record::Contact(c) => SealedRow::Contact(ContactRecord {
                id: c.id.to_string(),
                case_id: c.case_id.to_string(),
                rev,
                body,
            }),
            Record::Note(n) => SealedRow::Note(NoteRecord {
                id: n.id.to_string(),
                case_id: n.case_id.to_string(),
                rev,
                body,
            }),
            Record::Transition(t) => SealedRow::Transition(TransitionRecord {
                id: t.id.to_string(),
                case_id: t.case_id.to_string(),
                rev,
                body,
            }),
            Record::Staff(s) => SealedRow::Staff(StaffRecord {
                id: s.id.to_string(),
                rev,
                body,
            }),
        }
    }
}

/// The store a kind of record lives in.
pub(crate) fn store_of(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Client => CLIENTS,
        EntityKind::Case => CASES,
        EntityKind::Administration => ADMINISTRATIONS,
        EntityKind::Task => TASKS,
        EntityKind::Need => NEEDS,
        EntityKind::Assessment => ASSESSMENTS,
        EntityKind::Plan => PLANS,
        EntityKind::PlanRevision => PLAN_REVISIONS,
        EntityKind::Referral => REFERRALS,
        EntityKind::Appointment => APPOINTMENTS,
        EntityKind::Coverage => COVERAGES,
        EntityKind::Contact => CONTACTS,
        EntityKind::Note => NOTES,
        EntityKind::Transition => TRANSITIONS,
        EntityKind::Staff => STAFF,
        // Users live in the keyring, in `meta`; no changeset puts one.
        EntityKind::User => META,
    }
}

/// Audit entries hold no personal content, so they are stored in the clear. Each is chained to the one before it
/// as it is written (`audit_chain`); entries from before the chain existed have neither hash.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AuditRecord {
    pub at: String,
    pub entity: EntityKind,
    pub entity_id: String,
    pub action: Action,
    /// The previous entry's hash (`audit_chain::GENESIS` before the first).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prev: String,
    /// This entry's hash, over its fields and `prev`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hash: String,
    /// Who acted: the staff id of the user who had unlocked the workspace (absent before users existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

impl Row for AuditRecord {
    const STORE: &'static str = AUDIT;
    /// Audit entries are keyed by the store's counter; this names the record the entry is about.
    fn key(&self) -> String {
        self.entity_id.clone()
    }
    fn rev(&self) -> u32 {
        0
    }
}

impl AuditRecord {
    pub fn new(entry: &AuditEntry) -> AuditRecord {
        AuditRecord {
            at: timestamp(entry.at),
            entity: entry.entity,
            entity_id: entry.entity_id.to_string(),
            action: entry.action,
            prev: String::new(),
            hash: String::new(),
            by: entry.by.map(|id| id.to_string()),
        }
    }

    pub fn entry(&self) -> Result<AuditEntry, StorageError> {
        let corrupt = || StorageError::Corrupt(format!("audit entry for {}", self.entity_id));
        Ok(AuditEntry {
            at: crate::domain::stored_time::parse_instant(&self.at).ok_or_else(corrupt)?,
            entity: self.entity,
            entity_id: self.entity_id.parse().map_err(|_| corrupt())?,
            action: self.action,
            by: match &self.by {
                Some(by) => Some(by.parse().map_err(|_| corrupt())?),
                None => None,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::administration::Administration;
    use crate::domain::assessment::Assessment;
    use crate::domain::case::{Case, CaseDetails, CaseModel, Specialty};
    use crate::domain::ids::Id;
    use crate::domain::task::{Need, Task};
    use crate::storage::codec;
    use chrono::TimeZone;

    fn seal(record: &Record) -> SealedRow {
        SealedRow::of(record, 1, codec::seal_now(record), &IndexCodes::default())
    }

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

    fn case() -> Case {
        let opened = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let details = CaseDetails {
            specialty: Specialty::MentalHealth,
            model: CaseModel::StrengthsBased,
            case_manager: "Secret Manager".into(),
            case_manager_id: None,
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
        case
    }

    #[test]
    fn case_envelopes_hold_only_codes_ids_and_dates_in_the_clear() {
        let case = case();
        let SealedRow::Case(record) = seal(&Record::Case(case.clone())) else {
            unreachable!()
        };
        assert_eq!(record.phase, "planning");
        assert_eq!(record.status, "open");
        assert_eq!(
            record.tier, "unstratified",
            "a new case is not yet stratified"
        );
        assert_eq!(record.opened_on, "2026-11-23");
        let reference = record.case_ref(&IndexCodes::default()).unwrap();
        assert_eq!(
            (
                reference.id,
                reference.client_id,
                reference.phase,
                reference.tier
            ),
            (case.id, case.client_id, Phase::Planning, None)
        );
        assert_eq!(codec::open_now::<Case>(&record.body).unwrap(), case);
    }

    /// Every envelope, serialised as IndexedDB would see it: the secret text appears only inside `body`.
    #[test]
    fn envelopes_keep_names_and_clinical_text_in_the_sealed_body_only() {
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
            language: "en".into(),
            outcome,
            recorded_at: at,
            entered_in_error: None,
        };
        let task = Task {
            id: Id::from_random_bytes([6; 16]),
            case_id,
            kind: TaskKind::SafetyFollowUp,
            priority: Priority::Urgent,
            due: day,
            source: None,
            title: Some("Secret errand".into()),
            assignee: None,
            created_at: at,
            done_at: None,
            cancelled: None,
        };
        let need = Need {
            id: Id::from_random_bytes([7; 16]),
            case_id,
            concern: AhcDomain::Food.into(),
            description: Some("Secret worry about rent".into()),
            source: None,
            also_raised_by: vec![],
            identified_at: at,
            withdrawn: None,
        };
        let plan = crate::domain::plan::CarePlan::new(
            case_id,
            crate::domain::plan::TeamMember {
                id: Id::from_random_bytes([10; 16]),
                role: crate::domain::plan::Role::Client,
                name: "Secret Client".into(),
                organisation: None,
                phone: None,
                email: None,
            },
            at,
        );
        let referral = crate::domain::coordination::ReferralDraft {
            to: "Secret Food Bank".into(),
            reason: "Confidential".into(),
            status: "requested".into(),
            sent_on: day.to_string(),
            follow_up_due: day.to_string(),
            ..Default::default()
        }
        .validate(Id::from_random_bytes([11; 16]), case_id, None, &[], day, at)
        .unwrap();
        let appointment = crate::domain::coordination::AppointmentDraft {
            date: day.to_string(),
            time: "09:00".into(),
            place: "Secret place".into(),
            purpose: "Confidential purpose".into(),
            ..Default::default()
        }
        .validate(Id::from_random_bytes([12; 16]), case_id, None, &[], at)
        .unwrap();
        let mut assessment = Assessment::new(case_id, at);
        assessment.set_text(Section::MentalHealth, "Secret history of depression".into());
        let client = crate::domain::workflow::clients::register(
            Id::from_random_bytes([8; 16]),
            crate::domain::client::ClientDraft {
                full_name: "Secret Name".into(),
                ..Default::default()
            }
            .validate(day)
            .unwrap(),
            at,
        )
        .puts
        .remove(0);
        for record in [
            client,
            Record::Case(case()),
            Record::Administration(administration),
            Record::Task(task),
            Record::Need(need),
            Record::Assessment(assessment),
            Record::Plan(plan.clone()),
            Record::PlanRevision(crate::domain::plan::PlanRevision {
                id: Id::from_random_bytes([9; 16]),
                case_id,
                plan,
                superseded_at: at,
            }),
            Record::Referral(referral),
            Record::Appointment(appointment),
        ] {
            let envelope = serde_json::to_value(seal(&record)).unwrap();
            let fields = envelope.as_object().unwrap();
            assert!(fields.contains_key("body") && fields.contains_key("rev"));
            for (name, value) in fields.iter().filter(|(name, _)| name.as_str() != "body") {
                let text = value.to_string();
                assert!(
                    !text.contains("Secret")
                        && !text.contains("Confidential")
                        && !text.contains("food"),
                    "{name} = {text}"
                );
            }
        }
    }
}
