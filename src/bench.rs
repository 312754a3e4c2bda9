//! Benchmark seeding, built only with the `bench` feature (never in the product): a caseload of `clients` clients
//! with about ten records each (cases in every phase, tier and model, instrument results, tasks, contacts, notes,
//! appointments, referrals) and one case with a year of history. Records are made by the domain's own types and
//! workflows and written through the storage's records, codec and backend, with their audit entries, in batches.

use crate::domain::administration::Administration;
use crate::domain::audit::Action;
use crate::domain::case::{Case, CaseDetails, CaseModel, CaseStatus, Specialty};
use crate::domain::client::{Client, ClientDraft};
use crate::domain::contact::{Contact, ContactMode};
use crate::domain::coordination::{Appointment, AppointmentStatus, Referral, ReferralStatus};
use crate::domain::ids::Id;
use crate::domain::instruments::Instrument;
use crate::domain::note::{NoteBody, ProgressNote, Signature};
use crate::domain::phase::Phase;
use crate::domain::risk::{Stratification, Tier};
use crate::domain::staff::StaffMember;
use crate::domain::task::{Priority, Task, TaskKind};
use crate::domain::workflow::{Changeset, Record};
use crate::storage::backend::{Backend, Batch, Durability, Expect, Put};
use crate::storage::records::SealedRow;
use crate::storage::{new_id, Storage};
use chrono::{Days, Duration, Local, NaiveDate, Utc};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

fn id() -> Id {
    new_id().expect("random ids")
}

/// Writes everything `changes` puts, with its audit entries, in one batch, sealed by `storage`'s codec (plain, or
/// encrypted once a passphrase is set up).
async fn commit(storage: &Storage, changes: Changeset) -> Result<(), JsValue> {
    let js = |e: crate::storage::StorageError| JsValue::from_str(&e.to_string());
    let codes = storage.codec().codes();
    let mut puts = Vec::with_capacity(changes.puts.len());
    for record in &changes.puts {
        let body = storage.seal_record(record, 1).await.map_err(js)?;
        puts.push(Put {
            expect: Expect::Absent,
            row: SealedRow::of(record, 1, body, &codes),
        });
    }
    storage
        .backend()
        .commit(Batch {
            puts,
            deletes: vec![],
            checks: vec![],
            audit: storage.audit_records(&changes.audit),
            durability: Durability::Relaxed,
        })
        .await
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

fn day_back(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

/// One client's records: a case in the phase, tier and model of its number, and its work.
fn client_records(
    n: u32,
    staff: &[StaffMember],
    today: NaiveDate,
    changes: &mut Changeset,
    year: bool,
) -> Id {
    let now = Utc::now();
    let details = ClientDraft {
        full_name: format!("Client {n:06} Bench"),
        phone: "+81 90-1234-5678".into(),
        ..ClientDraft::default()
    }
    .validate(today)
    .expect("a valid client");
    let client = Client {
        id: id(),
        details,
        created_at: now,
        updated_at: now,
    };
    let manager = &staff[n as usize % staff.len()];
    let i = n as usize;
    let opened_on = day_back(today, if year { 370 } else { 30 + u64::from(n % 60) });
    let mut case = Case::open(
        id(),
        client.id,
        CaseDetails {
            specialty: Specialty::ALL[i % Specialty::ALL.len()],
            model: CaseModel::ALL[i % CaseModel::ALL.len()],
            case_manager: manager.name.clone(),
            case_manager_id: Some(manager.id),
            opened_on,
            referral_source: None,
            referral_reason: "Benchmark".into(),
        },
        now,
    );
    case.phase = Phase::ALL[i % Phase::ALL.len()];
    let tiers = [
        None,
        Some(Tier::Low),
        Some(Tier::Moderate),
        Some(Tier::High),
        Some(Tier::Urgent),
    ];
    case.restratify(
        Stratification {
            tier: tiers[i % tiers.len()],
            reasons: vec![],
        },
        now,
    );
    if n % 10 == 9 {
        case.status = CaseStatus::Closed;
    }
    // A morning as it comes: some contacts due, a few tasks and referrals overdue, appointments spread over months.
    case.last_contact = Some(day_back(today, u64::from(n % 14)));
    let case_id = case.id;
    // A year of history: weekly contacts and notes, monthly results, tasks and appointments; else a few of each.
    let (contacts, results, tasks): (u32, u32, u32) = if year { (52, 12, 24) } else { (3, 2, 2) };
    for k in 0..contacts {
        let at = day_back(today, u64::from(k) * if year { 7 } else { 9 })
            .and_hms_opt(10, 0, 0)
            .expect("a time");
        let contact = Contact {
            id: id(),
            case_id,
            at,
            mode: ContactMode::ALL[k as usize % ContactMode::ALL.len()],
            minutes: 20,
            with_whom: "Client".into(),
            summary: "Reviewed how the week went and what is next.".into(),
            logged_at: now,
        };
        if year {
            let signed = Signature {
                by: manager.name.clone(),
                by_id: Some(manager.id),
                at: now,
            };
            let note = ProgressNote {
                id: id(),
                case_id,
                contact_id: Some(contact.id),
                body: NoteBody::Dap {
                    data: "Visited at home.".into(),
                    assessment: "Coping.".into(),
                    plan: "Call next week.".into(),
                },
                signed,
                addenda: vec![],
            };
            changes.put(Record::Note(note), Action::Created, now);
        }
        changes.put(Record::Contact(contact), Action::Created, now);
    }
    for k in 0..results {
        let on = day_back(today, u64::from(k) * 30 + 1);
        let mut answers = vec![Some((n + k) % 4); 9];
        answers[8] = Some(0);
        answers.push(None);
        if let Ok(result) = Administration::record(
            id(),
            &case,
            Instrument::Phq9,
            answers,
            &on.to_string(),
            &manager.name,
            "en",
            today,
            now,
        ) {
            changes.put(Record::Administration(result), Action::Created, now);
        }
    }
    for k in 0..tasks {
        let due = if k % 2 == 0 {
            day_back(today, u64::from((n + k) % 60))
        } else {
            today + Duration::days(i64::from((n + k) % 60))
        };
        let mut task = Task::by_rule(
            id(),
            case_id,
            TaskKind::MissedAppointment,
            Priority::Normal,
            id(),
            due,
            now,
        );
        // Done when past, but for one client in fifty (and one task of the long case's in three).
        if due < today && (!n.is_multiple_of(50) || (year && !k.is_multiple_of(3))) {
            task.done_at = Some(now);
        }
        changes.put(Record::Task(task), Action::Created, now);
    }
    let appointments: u32 = if year { 12 } else { 1 };
    for k in 0..appointments {
        let starts = (today + Duration::days(i64::from((n * 7 + k * 30) % 90)))
            .and_hms_opt(14, 0, 0)
            .expect("a time");
        let appointment = Appointment {
            id: id(),
            case_id,
            starts,
            with_member: None,
            place: "Clinic".into(),
            purpose: "Review".into(),
            intervention_id: None,
            authorization_id: None,
            accompanied: false,
            status: AppointmentStatus::Scheduled,
            updated_at: now,
        };
        changes.put(Record::Appointment(appointment), Action::Created, now);
    }
    if n.is_multiple_of(2) || year {
        let referral = Referral {
            id: id(),
            case_id,
            to: "Community food bank".into(),
            need_id: None,
            reason: "Food".into(),
            status: ReferralStatus::Sent,
            sent_on: Some(day_back(today, 20)),
            follow_up_due: if n.is_multiple_of(40) {
                day_back(today, 3)
            } else {
                today + Duration::days(i64::from(n % 30) + 1)
            },
            updates: vec![],
            updated_at: now,
        };
        changes.put(Record::Referral(referral), Action::Created, now);
    }
    changes.put(Record::Client(client), Action::Created, now);
    changes.put(Record::Case(case), Action::Created, now);
    case_id
}

/// Seeds the benchmark's caseload; resolves to `{ records, long_case }` (the case with a year of history). With a
/// `passphrase`, encryption is set up first ("Bench User") and every record is sealed as the app seals it.
#[wasm_bindgen(js_name = benchSeed)]
pub async fn bench_seed(clients: u32, passphrase: Option<String>) -> Result<JsValue, JsValue> {
    let js = |e: crate::storage::StorageError| JsValue::from_str(&e.to_string());
    let storage = Storage::open(Rc::new(|_| {})).await.map_err(js)?;
    if let Some(passphrase) = passphrase {
        storage
            .set_up("Bench User", &passphrase)
            .await
            .map_err(js)?;
    }
    let today = Local::now().date_naive();
    let now = Utc::now();
    let staff: Vec<StaffMember> = (0..8)
        .map(|k| StaffMember {
            id: id(),
            name: format!("Manager {k}"),
            role: "Case manager".into(),
            specialty: Some(Specialty::ALL[k % Specialty::ALL.len()]),
            created_at: now,
            updated_at: now,
        })
        .collect();
    let mut changes = Changeset::default();
    for member in &staff {
        changes.put(Record::Staff(member.clone()), Action::Created, now);
    }
    let long_case = client_records(0, &staff, today, &mut changes, true);
    let mut records = 0;
    for n in 1..clients {
        client_records(n, &staff, today, &mut changes, false);
        if changes.puts.len() >= 2000 {
            records += changes.puts.len();
            commit(&storage, std::mem::take(&mut changes)).await?;
        }
    }
    records += changes.puts.len();
    commit(&storage, changes).await?;
    storage.close();
    let out = js_sys::Object::new();
    js_sys::Reflect::set(&out, &"records".into(), &JsValue::from(records as u32))?;
    js_sys::Reflect::set(&out, &"long_case".into(), &long_case.to_string().into())?;
    Ok(out.into())
}
