//! One case as an HL7 FHIR R4 Bundle (JSON, type `collection`): the client as Patient (names with their readings as
//! JP Core writes them), their support contact as RelatedPerson, the case as EpisodeOfCare, needs as Condition, the
//! care team as CareTeam with a Practitioner, RelatedPerson or Organization per member, the plan as CarePlan with
//! its activities, goals as Goal, referrals as ServiceRequest, tasks as Task, appointments as Appointment, contacts
//! as Encounter, and each instrument administration as a QuestionnaireResponse with an Observation of its total
//! score (LOINC codes where LOINC has them). Every resource is named by a `urn:uuid:` full URL derived from the
//! record's id, and every reference points inside the bundle. Export only: the app reads no FHIR.
//!
//! Value sets used (FHIR R4, hl7.org/fhir/R4): administrative-gender, episode-of-care-status, condition-clinical,
//! condition-category, care-plan-activity-status, goal-status, goal-achievement, goal-priority, request-status,
//! task-status, appointmentstatus, encounter-status, v3-ActCode (encounter class), observation-category,
//! observation-status, questionnaire-answers-status. The app's own codes are given under `urn:care-planner:*`
//! systems with displays in the export's language.

use crate::domain::case::CaseStatus;
use crate::domain::client::{Client, Gender};
use crate::domain::contact::{Contact, ContactMode};
use crate::domain::coordination::{Appointment, AppointmentStatus, Referral, ReferralStatus};
use crate::domain::export::Words;
use crate::domain::ids::Id;
use crate::domain::instruments::{Detail, Instrument};
use crate::domain::plan::{
    ActivityStatus, CarePlan, GoalPriority, GoalStatus, Measure, Role, TeamMember,
};
use crate::domain::task::{Need, Priority, Task, TaskStatus};
use crate::domain::{administration::Administration, case::Case};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde_json::{json, Value};

/// LOINC, for instrument panels and scores.
pub const LOINC: &str = "http://loinc.org";

/// The LOINC codes of an instrument's panel (its questionnaire) and of its total score, where LOINC has them
/// (loinc.org: PHQ-9 44249-1 / 44261-6, GAD-7 69737-5 / 70274-6, AHC HRSN screening tool 96777-8).
pub fn loinc(instrument: Instrument) -> (Option<&'static str>, Option<&'static str>) {
    match instrument {
        Instrument::Phq9 => (Some("44249-1"), Some("44261-6")),
        Instrument::Gad7 => (Some("69737-5"), Some("70274-6")),
        Instrument::AhcHrsn => (Some("96777-8"), None),
        Instrument::Katz | Instrument::Lawton | Instrument::Lace => (None, None),
    }
}

/// PHQ-2 (the PHQ-9's first two items): panel 55757-9, total score 55758-7.
pub const PHQ2: (&str, &str) = ("55757-9", "55758-7");

/// Everything of one case the bundle holds.
pub struct CaseRecords<'a> {
    pub client: &'a Client,
    pub case: &'a Case,
    pub administrations: &'a [Administration],
    pub tasks: &'a [Task],
    pub needs: &'a [Need],
    pub plan: Option<&'a CarePlan>,
    pub referrals: &'a [Referral],
    pub appointments: &'a [Appointment],
    pub contacts: &'a [Contact],
}

/// A stable UUID for the resource made of `id` as `what` (one record can give several resources).
pub fn resource_id(id: Id, what: &str) -> String {
    let digest = crate::domain::sha256::digest(format!("{id}/{what}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    Id::from_random_bytes(bytes).to_string()
}

fn url(uuid: &str) -> String {
    format!("urn:uuid:{uuid}")
}

fn reference(id: Id, what: &str) -> Value {
    json!({ "reference": url(&resource_id(id, what)) })
}

fn own(system: &str, code: &str, display: &str) -> Value {
    json!({
        "coding": [{ "system": format!("urn:care-planner:{system}"), "code": code, "display": display }],
        "text": display,
    })
}

fn coding(system: &str, code: &str) -> Value {
    json!({ "coding": [{ "system": system, "code": code }] })
}

/// The device's offset from UTC at a local time (it differs across a daylight-saving change).
pub type Offsets<'a> = &'a dyn Fn(NaiveDateTime) -> FixedOffset;

/// A local date and time as FHIR's dateTime, with the device's offset then (FHIR requires a zone with a time).
fn local(at: NaiveDateTime, offsets: Offsets) -> String {
    match offsets(at).from_local_datetime(&at).single() {
        Some(t) => t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        None => at.format("%Y-%m-%d").to_string(),
    }
}

fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn date(d: NaiveDate) -> String {
    d.to_string()
}

/// Drops null members, so that an absent field is absent rather than `null` (FHIR JSON never holds null).
fn prune(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, prune(v)))
                .filter(|(_, v)| !matches!(v, Value::Array(a) if a.is_empty()))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(prune).collect()),
        other => other,
    }
}

struct Builder<'a> {
    entries: Vec<Value>,
    words: &'a dyn Words,
    offsets: Offsets<'a>,
}

impl Builder<'_> {
    fn add(&mut self, id: Id, what: &str, mut resource: Value) {
        let uuid = resource_id(id, what);
        resource["id"] = json!(uuid);
        self.entries
            .push(json!({ "fullUrl": url(&uuid), "resource": prune(resource) }));
    }
}

fn patient(client: &Client) -> Value {
    let d = &client.details;
    // JP Core: the name as written (ideographic) and its reading (syllabic), each marked by the ISO 21090
    // representation extension.
    let representation = |code: &str| json!([{ "url": "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation", "valueCode": code }]);
    let reading_given = d.name_parts.as_ref().and_then(|p| p.given_reading.clone());
    let reading_family = d.name_parts.as_ref().and_then(|p| p.family_reading.clone());
    let mut names = vec![json!({
        "use": "official",
        "text": d.full_name,
        "family": d.name_parts.as_ref().map(|p| p.family.clone()),
        "given": d.name_parts.as_ref().and_then(|p| p.given.clone()).map(|g| vec![g]),
        "extension": if d.name_reading.is_some() { representation("IDE") } else { Value::Null },
    })];
    if let Some(reading) = &d.name_reading {
        names.push(json!({
            "use": "official",
            "text": reading,
            "family": reading_family,
            "given": reading_given.map(|g| vec![g]),
            "extension": representation("SYL"),
        }));
    }
    if let Some(preferred) = &d.preferred_name {
        names.push(json!({ "use": "usual", "text": preferred }));
    }
    let mut telecom = vec![];
    if let Some(phone) = &d.phone {
        telecom.push(json!({ "system": "phone", "value": phone }));
    }
    if let Some(email) = &d.email {
        telecom.push(json!({ "system": "email", "value": email }));
    }
    json!({
        "resourceType": "Patient",
        "identifier": [{ "system": "urn:care-planner:client", "value": client.id.to_string() }],
        "name": names,
        "gender": d.gender.map(|g| match g {
            Gender::Female => "female",
            Gender::Male => "male",
            Gender::NonBinary | Gender::Other => "other",
            Gender::NotDisclosed => "unknown",
        }),
        "birthDate": d.date_of_birth.map(date),
        "telecom": telecom,
        "address": d.address.as_ref().map(|a| vec![json!({ "text": a })]),
        "communication": d.preferred_language.as_ref().map(|l| vec![json!({ "language": { "text": l } })]),
    })
}

/// The bundle of one case, in the language of `words`, local times at the device's `offsets`, stamped `now`.
pub fn bundle(
    records: &CaseRecords,
    words: &dyn Words,
    offsets: Offsets,
    now: DateTime<Utc>,
) -> Value {
    let mut b = Builder {
        entries: vec![],
        words,
        offsets,
    };
    let client = records.client;
    let case = records.case;
    let patient_ref = reference(client.id, "Patient");
    let episode_ref = reference(case.id, "EpisodeOfCare");
    b.add(client.id, "Patient", patient(client));

    if let Some(support) = &client.details.support_contact {
        b.add(
            client.id,
            "RelatedPerson",
            json!({
                "resourceType": "RelatedPerson",
                "patient": patient_ref,
                "name": [{ "text": support.name }],
                "relationship": support.relation.as_ref().map(|r| vec![json!({ "text": r })]),
                "telecom": support.phone.as_ref().map(|p| vec![json!({ "system": "phone", "value": p })]),
            }),
        );
    }

    let open = case.status == CaseStatus::Open;
    let condition_ids: Vec<Id> = records.needs.iter().map(|n| n.id).collect();
    let plan = records.plan;
    b.add(
        case.id,
        "EpisodeOfCare",
        json!({
            "resourceType": "EpisodeOfCare",
            "identifier": [{ "system": "urn:care-planner:case", "value": case.id.to_string() }],
            "status": if open { "active" } else { "finished" },
            "type": [
                own("model", case.details.model.code(), words.model(case.details.model)),
                own("specialty", case.details.specialty.code(), words.specialty(case.details.specialty)),
                own("phase", case.phase.code(), words.phase(case.phase)),
                own("tier", case.tier().map_or("none", |t| t.code()), words.tier(case.tier())),
            ],
            "diagnosis": condition_ids.iter().map(|id| json!({ "condition": reference(*id, "Condition") })).collect::<Vec<_>>(),
            "patient": patient_ref,
            "period": {
                "start": date(case.details.opened_on),
                "end": case.closure.as_ref().map(|c| c.on.map(date).unwrap_or_else(|| instant(c.at))),
            },
            "team": plan.map(|_| vec![reference(case.id, "CareTeam")]),
        }),
    );

    for need in records.needs {
        let display = words.concern(need.concern);
        let mut code = own("concern", need.concern.code(), display);
        if let Some(text) = &need.description {
            code["text"] = json!(text);
        }
        b.add(
            need.id,
            "Condition",
            json!({
                "resourceType": "Condition",
                "clinicalStatus": coding(
                    "http://terminology.hl7.org/CodeSystem/condition-clinical",
                    if need.withdrawn.is_some() { "inactive" } else { "active" },
                ),
                "category": [coding("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item")],
                "code": code,
                "subject": patient_ref,
                "recordedDate": instant(need.identified_at),
            }),
        );
    }

    if let Some(plan) = plan {
        add_plan(&mut b, records, plan, &patient_ref, &episode_ref);
    }

    for referral in records.referrals {
        b.add(
            referral.id,
            "ServiceRequest",
            json!({
                "resourceType": "ServiceRequest",
                "status": match referral.status {
                    ReferralStatus::Draft => "draft",
                    ReferralStatus::Sent | ReferralStatus::Accepted | ReferralStatus::AppointmentScheduled => "active",
                    ReferralStatus::Completed => "completed",
                    ReferralStatus::Declined | ReferralStatus::ClosedWithoutService => "revoked",
                },
                "intent": "order",
                "category": [own("referral-status", referral.status.code(), words.referral_status(referral.status))],
                "code": { "text": referral.reason },
                "subject": patient_ref,
                "encounter": Value::Null,
                "authoredOn": referral.sent_on.map(date),
                "occurrenceDateTime": date(referral.follow_up_due),
                "performer": [{ "display": referral.to }],
                "reasonReference": referral.need_id.filter(|id| condition_ids.contains(id)).map(|id| vec![reference(id, "Condition")]),
                "supportingInfo": [episode_ref],
            }),
        );
    }

    for task in records.tasks {
        b.add(
            task.id,
            "Task",
            json!({
                "resourceType": "Task",
                "status": match task.status() {
                    TaskStatus::Open => "requested",
                    TaskStatus::Done => "completed",
                    TaskStatus::Cancelled => "cancelled",
                },
                "intent": "order",
                "priority": match task.priority { Priority::Urgent => "urgent", Priority::Normal => "routine" },
                "code": own("task", task.kind.code(), &words.task(task)),
                "description": words.task(task),
                "focus": episode_ref,
                "for": patient_ref,
                "authoredOn": instant(task.created_at),
                "restriction": { "period": { "end": date(task.due) } },
                "executionPeriod": task.done_at.map(|at| json!({ "end": instant(at) })),
            }),
        );
    }

    for appointment in records.appointments {
        b.add(
            appointment.id,
            "Appointment",
            json!({
                "resourceType": "Appointment",
                "status": match appointment.status {
                    AppointmentStatus::Scheduled => "booked",
                    AppointmentStatus::Attended => "fulfilled",
                    AppointmentStatus::Missed => "noshow",
                    AppointmentStatus::Cancelled => "cancelled",
                },
                "description": appointment.purpose,
                "start": local(appointment.starts, b.offsets),
                // The app records when an appointment starts; its end is the calendar export's hour (FHIR app-2).
                "end": local(
                    appointment.starts + chrono::Duration::minutes(crate::domain::export::APPOINTMENT_MINUTES.into()),
                    b.offsets,
                ),
                "comment": (!appointment.place.is_empty()).then(|| appointment.place.clone()),
                "supportingInformation": [episode_ref],
                "participant": [{ "actor": patient_ref, "status": "accepted" }],
            }),
        );
    }

    for contact in records.contacts {
        b.add(
            contact.id,
            "Encounter",
            json!({
                "resourceType": "Encounter",
                "status": "finished",
                "class": {
                    "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                    "code": match contact.mode {
                        ContactMode::InPerson => "AMB",
                        ContactMode::HomeVisit => "HH",
                        ContactMode::Phone | ContactMode::Video | ContactMode::Message => "VR",
                    },
                },
                "type": [own("contact-mode", contact.mode.code(), words.mode(contact.mode))],
                "subject": patient_ref,
                "episodeOfCare": [episode_ref],
                "participant": [{ "individual": { "display": contact.with_whom } }],
                "period": { "start": local(contact.at, b.offsets) },
                "length": {
                    "value": contact.minutes, "unit": "min", "system": "http://unitsofmeasure.org", "code": "min",
                },
                "reasonCode": [{ "text": contact.summary }],
            }),
        );
    }

    for a in records.administrations {
        add_administration(&mut b, a, &patient_ref);
    }

    prune(json!({
        "resourceType": "Bundle",
        "id": resource_id(case.id, &format!("Bundle/{}", instant(now))),
        "language": words.language(),
        "type": "collection",
        "timestamp": instant(now),
        "entry": b.entries,
    }))
}

fn add_plan(
    b: &mut Builder,
    records: &CaseRecords,
    plan: &CarePlan,
    patient: &Value,
    episode: &Value,
) {
    let words = b.words;
    let case = records.case;
    let member_ref = |m: &TeamMember| -> Value {
        match m.role {
            Role::Client => patient.clone(),
            Role::FamilyCaregiver => reference(m.id, "RelatedPerson"),
            _ => reference(m.id, "Practitioner"),
        }
    };
    for m in &plan.team {
        let mut telecom = vec![];
        if let Some(phone) = &m.phone {
            telecom.push(json!({ "system": "phone", "value": phone }));
        }
        if let Some(email) = &m.email {
            telecom.push(json!({ "system": "email", "value": email }));
        }
        match m.role {
            Role::Client => {}
            Role::FamilyCaregiver => b.add(
                m.id,
                "RelatedPerson",
                json!({
                    "resourceType": "RelatedPerson",
                    "patient": patient,
                    "name": [{ "text": m.name }],
                    "relationship": [own("role", m.role.code(), words.role(m.role))],
                    "telecom": telecom,
                }),
            ),
            _ => b.add(
                m.id,
                "Practitioner",
                json!({ "resourceType": "Practitioner", "name": [{ "text": m.name }], "telecom": telecom }),
            ),
        }
        if let Some(org) = &m.organisation {
            b.add(
                m.id,
                "Organization",
                json!({ "resourceType": "Organization", "name": org }),
            );
        }
    }
    b.add(
        case.id,
        "CareTeam",
        json!({
            "resourceType": "CareTeam",
            "status": if case.status == CaseStatus::Open { "active" } else { "inactive" },
            "subject": patient,
            "encounter": Value::Null,
            "participant": plan.team.iter().map(|m| json!({
                "role": [own("role", m.role.code(), words.role(m.role))],
                "member": member_ref(m),
                "onBehalfOf": match (&m.organisation, m.role) {
                    (Some(_), r) if !matches!(r, Role::Client | Role::FamilyCaregiver) => reference(m.id, "Organization"),
                    _ => Value::Null,
                },
            })).collect::<Vec<_>>(),
        }),
    );
    let conditions: Vec<Id> = records.needs.iter().map(|n| n.id).collect();
    for g in &plan.goals {
        let target = match &g.measure {
            Measure::Numeric { unit, target, .. } => json!({
                "measure": { "text": unit },
                "detailQuantity": { "value": target.0 as f64 / 1000.0, "unit": unit },
                "dueDate": date(g.target_date),
            }),
            Measure::Done => json!({ "dueDate": date(g.target_date) }),
        };
        b.add(
            g.id,
            "Goal",
            json!({
                "resourceType": "Goal",
                "lifecycleStatus": match g.status {
                    GoalStatus::Proposed => "proposed",
                    GoalStatus::Active => "active",
                    GoalStatus::OnHold => "on-hold",
                    GoalStatus::Completed => "completed",
                    GoalStatus::Cancelled => "cancelled",
                },
                "achievementStatus": {
                    "coding": [{
                        "system": "http://terminology.hl7.org/CodeSystem/goal-achievement",
                        "code": g.achievement.code().replace('_', "-"),
                        "display": words.achievement(g.achievement),
                    }],
                    "text": words.achievement(g.achievement),
                },
                "priority": coding("http://terminology.hl7.org/CodeSystem/goal-priority", match g.priority {
                    GoalPriority::High => "high-priority",
                    GoalPriority::Medium => "medium-priority",
                    GoalPriority::Low => "low-priority",
                }),
                "description": { "text": g.text },
                "subject": patient,
                "startDate": date(g.start),
                "target": [target],
                "addresses": g.need_ids.iter().filter(|id| conditions.contains(id)).map(|id| reference(*id, "Condition")).collect::<Vec<_>>(),
            }),
        );
    }
    let mut activities: Vec<Value> = plan
        .interventions
        .iter()
        .map(|i| {
            json!({ "detail": {
                "kind": "Task",
                "code": { "text": i.text },
                "status": match i.status {
                    ActivityStatus::NotStarted => "not-started",
                    ActivityStatus::Scheduled => "scheduled",
                    ActivityStatus::InProgress => "in-progress",
                    ActivityStatus::OnHold => "on-hold",
                    ActivityStatus::Completed => "completed",
                    ActivityStatus::Cancelled => "cancelled",
                    ActivityStatus::Stopped => "stopped",
                },
                "goal": plan.goals.iter().any(|g| g.id == i.goal_id).then(|| vec![reference(i.goal_id, "Goal")]),
                "performer": i.member_id.and_then(|id| plan.member(id)).map(|m| vec![member_ref(m)]),
                "scheduledPeriod": { "start": date(i.from), "end": i.until.map(date) },
                "description": i.text,
            }})
        })
        .collect();
    activities.extend(
        records
            .referrals
            .iter()
            .map(|r| json!({ "reference": reference(r.id, "ServiceRequest") })),
    );
    b.add(
        case.id,
        "CarePlan",
        json!({
            "resourceType": "CarePlan",
            "status": if case.status == CaseStatus::Open { "active" } else { "completed" },
            "intent": "plan",
            "subject": patient,
            "period": { "start": date(case.details.opened_on) },
            "created": instant(plan.revised_at),
            "careTeam": [reference(case.id, "CareTeam")],
            "addresses": conditions.iter().map(|id| reference(*id, "Condition")).collect::<Vec<_>>(),
            "supportingInfo": [episode],
            "goal": plan.goals.iter().map(|g| reference(g.id, "Goal")).collect::<Vec<_>>(),
            "activity": activities,
        }),
    );
}

fn add_administration(b: &mut Builder, a: &Administration, patient: &Value) {
    let words = b.words;
    let (panel, total) = loinc(a.instrument);
    let in_error = a.entered_in_error.is_some();
    let name = words.instrument(a.instrument);
    // The app's own questionnaire (its items numbered as asked); LOINC's panel code goes on the panel Observation.
    let questionnaire = format!("urn:care-planner:questionnaire:{}", a.instrument.code());
    let items: Vec<Value> = a
        .answers
        .iter()
        .enumerate()
        .map(|(n, answer)| {
            json!({
                "linkId": (n + 1).to_string(),
                "answer": answer.map(|v| vec![json!({ "valueInteger": v })]),
            })
        })
        .collect();
    b.add(
        a.id,
        "QuestionnaireResponse",
        json!({
            "resourceType": "QuestionnaireResponse",
            "language": a.language,
            "questionnaire": questionnaire,
            "status": if in_error { "entered-in-error" } else { "completed" },
            "subject": patient,
            "authored": date(a.administered_on),
            "author": { "display": a.administered_by },
            "item": items,
        }),
    );
    let observation = |code: Value, value: u32, what: &str| {
        json!({
            "resourceType": "Observation",
            "status": if in_error { "entered-in-error" } else { "final" },
            "category": [coding("http://terminology.hl7.org/CodeSystem/observation-category", "survey")],
            "code": code,
            "subject": patient,
            "effectiveDateTime": date(a.administered_on),
            "performer": Value::Null,
            "valueInteger": value,
            "derivedFrom": [reference(a.id, "QuestionnaireResponse")],
            "note": Value::Null,
            "interpretation": if what == "total" {
                a.outcome.band.map(|band| vec![own("band", band.code(), words.band(band))])
            } else { None },
        })
    };
    let mut code = own("instrument", a.instrument.code(), name);
    if let Some(total) = total {
        code["coding"]
            .as_array_mut()
            .expect("own() makes a coding list")
            .insert(0, json!({ "system": LOINC, "code": total }));
    }
    b.add(
        a.id,
        "Observation/total",
        observation(code, a.outcome.total, "total"),
    );
    let mut members = vec![reference(a.id, "Observation/total")];
    if let Detail::Phq9 { phq2, .. } = a.outcome.detail {
        let code = json!({
            "coding": [{ "system": LOINC, "code": PHQ2.1 }],
            "text": "PHQ-2",
        });
        b.add(a.id, "Observation/phq2", observation(code, phq2, "phq2"));
        members.push(reference(a.id, "Observation/phq2"));
    }
    // The panel: LOINC's code for the instrument, its scores as members.
    if let Some(panel) = panel {
        let mut panel_obs = observation(
            json!({ "coding": [{ "system": LOINC, "code": panel }], "text": name }),
            0,
            "panel",
        );
        if let Some(fields) = panel_obs.as_object_mut() {
            fields.remove("valueInteger");
            fields.insert("hasMember".into(), json!(members));
        }
        b.add(a.id, "Observation/panel", panel_obs);
    }
}

/// Every `reference` inside `bundle` that names no entry's full URL (empty when all resolve).
pub fn unresolved(bundle: &Value) -> Vec<String> {
    let entries = bundle["entry"].as_array().cloned().unwrap_or_default();
    let urls: std::collections::HashSet<String> = entries
        .iter()
        .filter_map(|e| e["fullUrl"].as_str().map(str::to_string))
        .collect();
    let mut missing = vec![];
    fn walk(v: &Value, urls: &std::collections::HashSet<String>, missing: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get("reference") {
                    if !urls.contains(r) {
                        missing.push(r.clone());
                    }
                }
                map.values().for_each(|v| walk(v, urls, missing));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, urls, missing)),
            _ => {}
        }
    }
    for e in &entries {
        walk(&e["resource"], &urls, &mut missing);
    }
    missing
}
