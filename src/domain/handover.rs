//! The case handover file, and what importing one writes. A handover carries one client with some of their cases,
//! each with every record of the case, sealed (by storage) under a key derived from a one-time passphrase that the
//! sender is shown and tells the colleague another way. Its outer format is the backup's envelope with its own
//! magic word and a header holding what the key derivation needs.
//!
//! Importing is pure here: given what the receiving workspace already holds of the file's ids (`Here`) and the
//! user's choice for each clash (`Choices`: keep both, replace, skip), `import` returns one changeset, which
//! storage writes in one transaction. A record of the file whose id is taken here by something else is given a
//! fresh id rather than written over it, so no file can overwrite a record it does not carry.

use crate::domain::administration::Administration;
use crate::domain::assessment::Assessment;
use crate::domain::audit::{Action, EntityKind};
use crate::domain::case::Case;
use crate::domain::client::Client;
use crate::domain::contact::Contact;
use crate::domain::coordination::{Appointment, Referral};
use crate::domain::coverage::Coverage;
use crate::domain::envelope::{self, Problem};
use crate::domain::ids::Id;
use crate::domain::note::ProgressNote;
use crate::domain::plan::{CarePlan, PlanRevision};
use crate::domain::security::{crockford, parse_crockford};
use crate::domain::task::{Need, Task};
use crate::domain::transition::Transition;
use crate::domain::workflow::{Changeset, FreshIds, Record};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The first word of every handover file.
pub const MAGIC: &str = "CARE-PLANNER-HANDOVER";
/// The format this version writes and the newest it reads.
pub const FORMAT: u32 = 1;
/// PBKDF2-HMAC-SHA256 iterations the passphrase is stretched with (OWASP's 2023 figure, as for passphrases).
pub const ITERATIONS: u32 = 600_000;
/// More iterations than this are refused before any derivation (a file that would hold the tablet for minutes).
pub const MAX_ITERATIONS: u32 = 1_200_000;
/// Fewer than this are refused too: this app never writes a file so weakly stretched.
pub const MIN_ITERATIONS: u32 = 100_000;
/// The salt's bytes (base64 in the header).
pub const SALT_BYTES: usize = 16;
/// The one-time passphrase's bytes: 80 bits, written as 16 characters of Crockford base32.
pub const PASSPHRASE_BYTES: usize = 10;
/// The most cases one file may carry.
pub const MAX_CASES: usize = 200;

/// What the file says about itself, in the clear: no name, nothing clinical.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// When it was made (RFC 3339, UTC).
    pub made: String,
    /// How many cases and records it carries (shown before importing).
    pub cases: u64,
    pub records: u64,
    /// The PBKDF2 salt (base64) and iteration count the passphrase's key is derived with.
    pub salt: String,
    pub iterations: u32,
    /// How many base64 characters the payload line has.
    pub payload: u64,
}

impl envelope::Head for Header {
    fn payload(&self) -> u64 {
        self.payload
    }
    fn with_payload(&self, payload: u64) -> Self {
        Header {
            payload,
            ..self.clone()
        }
    }
}

/// The additional data the payload is sealed with: the whole header but the payload's length, so a payload moved
/// under another header (other counts, another salt) does not open.
pub fn payload_aad(header: &Header) -> Vec<u8> {
    format!(
        "{MAGIC} {FORMAT}\n{}\n{}\n{}\n{}\n{}",
        header.made, header.cases, header.records, header.salt, header.iterations
    )
    .into_bytes()
}

/// The file's text.
pub fn write(header: &Header, sealed: &[u8]) -> String {
    envelope::write(MAGIC, FORMAT, header, sealed)
}

/// Reads a handover file's bytes, checking everything that can be checked without the passphrase.
pub fn read(bytes: &[u8]) -> Result<(Header, Vec<u8>), Problem> {
    let (header, sealed): (Header, Vec<u8>) = envelope::read(bytes, MAGIC, FORMAT)?;
    let salt = crate::domain::security::base64_decode(&header.salt);
    if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&header.iterations)
        || salt.is_none_or(|s| s.len() != SALT_BYTES)
    {
        return Err(Problem::Tampered);
    }
    Ok((header, sealed))
}

/// The file's name: the day it was made and the first characters of the client's id (never a name).
pub fn file_name(day: &str, client: Id) -> String {
    format!(
        "care-planner-handover-{day}-{}.cphandover",
        &client.to_string()[..8]
    )
}

/// The one-time passphrase shown to the sender: "K7QM-4XPD-9WTR-H2NB".
pub fn passphrase(bytes: &[u8; PASSPHRASE_BYTES]) -> String {
    crockford(bytes)
}

/// The passphrase's bytes as the colleague types it (case, spaces and dashes do not matter; O is 0, I and L are
/// 1), the secret the key is derived from; `None` when it cannot be one.
pub fn passphrase_secret(typed: &str) -> Option<Vec<u8>> {
    parse_crockford(typed, PASSPHRASE_BYTES)
}

/// One case with every record of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseBundle {
    pub case: Case,
    #[serde(default)]
    pub administrations: Vec<Administration>,
    #[serde(default)]
    pub tasks: Vec<Task>,
    #[serde(default)]
    pub needs: Vec<Need>,
    #[serde(default)]
    pub assessment: Option<Assessment>,
    #[serde(default)]
    pub plan: Option<CarePlan>,
    #[serde(default)]
    pub plan_revisions: Vec<PlanRevision>,
    #[serde(default)]
    pub referrals: Vec<Referral>,
    #[serde(default)]
    pub appointments: Vec<Appointment>,
    #[serde(default)]
    pub coverages: Vec<Coverage>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub notes: Vec<ProgressNote>,
    #[serde(default)]
    pub transitions: Vec<Transition>,
}

impl CaseBundle {
    /// A case with none of its records yet.
    pub fn new(case: Case) -> CaseBundle {
        CaseBundle {
            case,
            administrations: vec![],
            tasks: vec![],
            needs: vec![],
            assessment: None,
            plan: None,
            plan_revisions: vec![],
            referrals: vec![],
            appointments: vec![],
            coverages: vec![],
            contacts: vec![],
            notes: vec![],
            transitions: vec![],
        }
    }

    /// Adds a record of the case (a client or staff record, or another case, is not one and is left out).
    pub fn add(&mut self, record: Record) {
        match record {
            Record::Administration(r) => self.administrations.push(r),
            Record::Task(r) => self.tasks.push(r),
            Record::Need(r) => self.needs.push(r),
            Record::Assessment(r) => self.assessment = Some(r),
            Record::Plan(r) => self.plan = Some(r),
            Record::PlanRevision(r) => self.plan_revisions.push(r),
            Record::Referral(r) => self.referrals.push(r),
            Record::Appointment(r) => self.appointments.push(r),
            Record::Coverage(r) => self.coverages.push(r),
            Record::Contact(r) => self.contacts.push(r),
            Record::Note(r) => self.notes.push(r),
            Record::Transition(r) => self.transitions.push(r),
            Record::Client(_) | Record::Case(_) | Record::Staff(_) => {}
        }
    }

    /// The case's records, the case first.
    pub fn records(&self) -> Vec<Record> {
        let mut out = vec![Record::Case(self.case.clone())];
        out.extend(
            self.administrations
                .iter()
                .cloned()
                .map(Record::Administration),
        );
        out.extend(self.tasks.iter().cloned().map(Record::Task));
        out.extend(self.needs.iter().cloned().map(Record::Need));
        out.extend(self.assessment.iter().cloned().map(Record::Assessment));
        out.extend(self.plan.iter().cloned().map(Record::Plan));
        out.extend(
            self.plan_revisions
                .iter()
                .cloned()
                .map(Record::PlanRevision),
        );
        out.extend(self.referrals.iter().cloned().map(Record::Referral));
        out.extend(self.appointments.iter().cloned().map(Record::Appointment));
        out.extend(self.coverages.iter().cloned().map(Record::Coverage));
        out.extend(self.contacts.iter().cloned().map(Record::Contact));
        out.extend(self.notes.iter().cloned().map(Record::Note));
        out.extend(self.transitions.iter().cloned().map(Record::Transition));
        out
    }
}

/// What a handover carries: one client and some of their cases.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Payload {
    pub client: Client,
    pub cases: Vec<CaseBundle>,
}

impl Payload {
    /// Every record, the client first.
    pub fn records(&self) -> Vec<Record> {
        let mut out = vec![Record::Client(self.client.clone())];
        for bundle in &self.cases {
            out.extend(bundle.records());
        }
        out
    }

    /// The payload's bytes, as sealed.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_string(self)
            .expect("records always serialise")
            .into_bytes()
    }

    /// Whether it holds together: every case is the client's, every record is its case's, and no record id
    /// appears twice.
    pub fn consistent(&self) -> bool {
        let mut seen: HashSet<(EntityKind, Id)> = HashSet::new();
        if self.cases.is_empty() || self.cases.len() > MAX_CASES {
            return false;
        }
        for bundle in &self.cases {
            if bundle.case.client_id != self.client.id {
                return false;
            }
            for record in bundle.records() {
                if record.case_id() != Some(bundle.case.id)
                    || !seen.insert((record.kind(), record.id()))
                {
                    return false;
                }
            }
        }
        true
    }
}

/// Reads an opened payload: well-formed records that hold together, or `Tampered` (the key opened it, so what it
/// says was sealed by someone holding the passphrase, but this app never writes it).
pub fn parse_payload(bytes: &[u8]) -> Result<Payload, Problem> {
    // From text, as records are read from storage (one parser compiled for both).
    let text = std::str::from_utf8(bytes).map_err(|_| Problem::Tampered)?;
    let payload: Payload = serde_json::from_str(text).map_err(|_| Problem::Tampered)?;
    if payload.consistent() {
        Ok(payload)
    } else {
        Err(Problem::Tampered)
    }
}

/// What to do with an item of the file whose id the receiving workspace already holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Import it beside what is here, under new ids.
    KeepBoth,
    /// Write it over what is here (a case: its records here that the file does not carry are removed).
    Replace,
    /// Keep what is here and leave the file's out.
    Skip,
}

crate::domain::codes::codes!(Choice {
    KeepBoth => "keep_both",
    Replace => "replace",
    Skip => "skip",
});

/// What the receiving workspace holds of the file's ids.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Here {
    /// The client's id is taken here.
    pub client: bool,
    /// The file's cases that are here, each with the records that case has here (kind and id).
    pub cases: HashMap<Id, Vec<(EntityKind, Id)>>,
    /// Ids of the file's other records that are taken here (by anything).
    pub taken: HashSet<(EntityKind, Id)>,
    /// The client each of those cases belongs to here.
    pub owners: HashMap<Id, Id>,
}

impl Here {
    /// Whether anything in the file clashes with what is here (so the user is asked).
    pub fn clashes(&self) -> bool {
        self.client || !self.cases.is_empty()
    }

    /// Whether the case here may be replaced by the file's when the client is handled as `client`: only when it
    /// stays with the same client (never moved from another client here, nor to a copy of the client).
    pub fn replaceable(&self, case: Id, client: Id, choice: Choice) -> bool {
        self.owners.get(&case) == Some(&client) && (!self.client || choice != Choice::KeepBoth)
    }

    /// Whether a record of `kind` with `id` is here (as the file names it).
    fn holds(&self, kind: EntityKind, id: Id, client: Id) -> bool {
        match kind {
            EntityKind::Client => self.client && id == client,
            EntityKind::Case => self.cases.contains_key(&id),
            _ => self.taken.contains(&(kind, id)),
        }
    }
}

/// Rule-made tasks are named by their source (`task::rule_task_id`: the source's bytes mixed with the rule and its
/// day). A task whose source gets a new id gets the id the rule would give it from the new source, so the rules
/// still find it rather than making a second one: the same mix applied (t ⊕ s ⊕ s'), whether or not the task itself
/// was to get a new id.
fn follow_sources(bundle: &CaseBundle, map: &mut HashMap<String, String>) {
    for task in &bundle.tasks {
        let Some(source) = task.source else {
            continue;
        };
        let Some(new_source) = map
            .get(&source.to_string())
            .and_then(|s| s.parse::<Id>().ok())
        else {
            continue;
        };
        let mut bytes = *task.id.as_bytes();
        for (i, b) in bytes.iter_mut().enumerate() {
            *b ^= source.as_bytes()[i] ^ new_source.as_bytes()[i];
        }
        map.insert(
            task.id.to_string(),
            Id::from_random_bytes(bytes).to_string(),
        );
    }
}

/// The staff ids a case names (its case manager, task assignees, note signers): the same people here, never
/// given new ids.
fn staff_ids(bundle: &CaseBundle) -> HashSet<String> {
    let mut out = HashSet::new();
    out.extend(bundle.case.details.case_manager_id.map(|id| id.to_string()));
    out.extend(
        bundle
            .tasks
            .iter()
            .filter_map(|t| t.assignee)
            .map(|id| id.to_string()),
    );
    for note in &bundle.notes {
        let signatures =
            std::iter::once(&note.signed).chain(note.addenda.iter().map(|a| &a.signed));
        out.extend(signatures.filter_map(|s| s.by_id).map(|id| id.to_string()));
    }
    out
}

/// The user's choices for the clashing items (an item not named is kept both).
#[derive(Clone, Debug, PartialEq)]
pub struct Choices {
    pub client: Choice,
    pub cases: HashMap<Id, Choice>,
}

impl Choices {
    /// What the import form proposes before the user chooses: nothing here written over. The client here is kept
    /// as it is (the file's cases go to it), and the file's cases are kept beside those here.
    pub fn proposed(payload: &Payload, here: &Here) -> Choices {
        let mut choices = Choices::all(Choice::KeepBoth, payload);
        if here.client {
            choices.client = Choice::Skip;
        }
        choices
    }

    /// The same choice for every item.
    pub fn all(choice: Choice, payload: &Payload) -> Choices {
        Choices {
            client: choice,
            cases: payload.cases.iter().map(|b| (b.case.id, choice)).collect(),
        }
    }
}

/// What an import wrote: the client it went to and how many records.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub changes: Changeset,
    /// The client's id in this workspace (a new one when both were kept).
    pub client_id: Id,
    /// The cases written, by their id here.
    pub cases: Vec<Id>,
}

/// Where each id sits in `json`: every JSON string (a value or an object key) whose whole content is an id, as the
/// byte offset of its 36 characters and the id. Strings are read as JSON writes them, escapes followed, so an id
/// that is only a part of a longer text is never one.
fn quoted_ids(json: &str) -> Vec<(usize, &str)> {
    let bytes = json.as_bytes();
    let mut found = vec![];
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        // A string starts here: find its closing quote, stepping over escapes.
        let start = i + 1;
        let mut end = start;
        while end < bytes.len() && bytes[end] != b'"' {
            end += if bytes[end] == b'\\' { 2 } else { 1 };
        }
        if end - start == 36 {
            if let Some(id) = json.get(start..end).filter(|t| t.parse::<Id>().is_ok()) {
                found.push((start, id));
            }
        }
        i = end + 1;
    }
    found
}

/// The bundle with the ids `map` names replaced throughout (its records and every reference between them), through
/// its JSON text: the same serialiser and parser the records are stored with, so no other copy of them is compiled.
fn remapped(bundle: &CaseBundle, map: &HashMap<String, String>) -> Result<CaseBundle, Problem> {
    if map.is_empty() {
        return Ok(bundle.clone());
    }
    let json = serde_json::to_string(bundle).map_err(|_| Problem::Tampered)?;
    let mut out = String::with_capacity(json.len());
    let mut from = 0;
    for (at, id) in quoted_ids(&json) {
        if let Some(new) = map.get(id) {
            out.push_str(&json[from..at]);
            out.push_str(new);
            from = at + 36;
        }
    }
    out.push_str(&json[from..]);
    serde_json::from_str(&out).map_err(|_| Problem::Tampered)
}

/// The changeset that imports `payload` into a workspace holding `here`, as `choices` say. Pure; storage writes it
/// in one transaction.
pub fn import(
    payload: &Payload,
    here: &Here,
    choices: &Choices,
    ids: &mut dyn FreshIds,
    now: DateTime<Utc>,
) -> Result<Imported, Problem> {
    if !payload.consistent() {
        return Err(Problem::Tampered);
    }
    let mut changes = Changeset::default();
    let mut base: HashMap<String, String> = HashMap::new();
    let mut client = payload.client.clone();
    match (here.client, choices.client) {
        (false, _) => changes.put(Record::Client(client.clone()), Action::Created, now),
        (true, Choice::Skip) => {}
        (true, Choice::Replace) => {
            changes.put(Record::Client(client.clone()), Action::Updated, now)
        }
        (true, Choice::KeepBoth) => {
            let new = ids.fresh();
            base.insert(client.id.to_string(), new.to_string());
            client.id = new;
            changes.put(Record::Client(client.clone()), Action::Created, now);
        }
    }
    let mut cases = vec![];
    for bundle in &payload.cases {
        let local = here.cases.get(&bundle.case.id);
        let choice = local.map(|_| {
            match choices.cases.get(&bundle.case.id).copied() {
                // A replace that would move the case between clients keeps both instead (the form never offers it).
                Some(Choice::Replace)
                    if !here.replaceable(bundle.case.id, payload.client.id, choices.client) =>
                {
                    Choice::KeepBoth
                }
                Some(choice) => choice,
                None => Choice::KeepBoth,
            }
        });
        let mut map = base.clone();
        let bundle_records = bundle.records();
        match choice {
            Some(Choice::Skip) => continue,
            Some(Choice::KeepBoth) => {
                // Everything of the case under new ids, references between its records following.
                let json = serde_json::to_string(bundle).map_err(|_| Problem::Tampered)?;
                let client = payload.client.id.to_string();
                let staff = staff_ids(bundle);
                let mut found: Vec<&str> = quoted_ids(&json)
                    .into_iter()
                    .map(|(_, id)| id)
                    .filter(|id| *id != client && !staff.contains(*id))
                    .collect();
                found.sort();
                found.dedup();
                for id in found {
                    map.insert(id.to_string(), ids.fresh().to_string());
                }
            }
            None | Some(Choice::Replace) => {
                // A record whose id is taken here by anything but this case's own record gets a new id.
                let own: HashSet<(EntityKind, Id)> = local
                    .map(|l| l.iter().copied().collect())
                    .unwrap_or_default();
                for record in &bundle_records[1..] {
                    let key = (record.kind(), record.id());
                    // The assessment and the plan are keyed by their case: they follow it.
                    let keyed_by_case =
                        matches!(record.kind(), EntityKind::Assessment | EntityKind::Plan);
                    if !keyed_by_case && here.taken.contains(&key) && !own.contains(&key) {
                        map.insert(record.id().to_string(), ids.fresh().to_string());
                    }
                }
            }
        }
        follow_sources(bundle, &mut map);
        let bundle = remapped(bundle, &map)?;
        let records = bundle.records();
        let written: HashSet<(EntityKind, Id)> =
            records.iter().map(|r| (r.kind(), r.id())).collect();
        if let (Some(local), Some(Choice::Replace)) = (local, choice) {
            for (kind, id) in local {
                if !written.contains(&(*kind, *id)) {
                    changes.delete(*kind, *id, now);
                }
            }
        }
        let own: HashSet<(EntityKind, Id)> = match choice {
            Some(Choice::Replace) => local
                .map(|l| l.iter().copied().collect())
                .unwrap_or_default(),
            _ => HashSet::new(),
        };
        for record in records {
            let replaced = matches!(choice, Some(Choice::Replace))
                && (record.kind() == EntityKind::Case
                    || own.contains(&(record.kind(), record.id())));
            let action = if replaced {
                Action::Updated
            } else {
                // Never over something here: only a crafted file (a record under the client's id) gets this far.
                if here.holds(record.kind(), record.id(), payload.client.id) {
                    return Err(Problem::Tampered);
                }
                Action::Created
            };
            changes.put(record, action, now);
        }
        cases.push(bundle.case.id);
    }
    Ok(Imported {
        changes,
        client_id: client.id,
        cases,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The demo client whose cases have the most rule-made tasks, as a payload.
    fn demo_payload() -> Payload {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let now = DateTime::parse_from_rfc3339("2026-11-25T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let mut n: u128 = 0;
        let mut ids = || {
            n += 1;
            Id::from_random_bytes(n.to_be_bytes())
        };
        let changes = crate::domain::demo::caseload(today, now, false, &mut ids);
        let mut clients = vec![];
        let mut bundles: Vec<CaseBundle> = vec![];
        let mut rest = vec![];
        for record in changes.puts {
            match record {
                Record::Client(c) => clients.push(c),
                Record::Case(c) => bundles.push(CaseBundle::new(c)),
                other => rest.push(other),
            }
        }
        for record in rest {
            if let Some(b) = bundles
                .iter_mut()
                .find(|b| Some(b.case.id) == record.case_id())
            {
                b.add(record);
            }
        }
        let best = bundles
            .into_iter()
            .max_by_key(|b| b.tasks.iter().filter(|t| t.source.is_some()).count())
            .unwrap();
        let client = clients
            .into_iter()
            .find(|c| c.id == best.case.client_id)
            .unwrap();
        Payload {
            client,
            cases: vec![best],
        }
    }

    fn counter() -> impl FnMut() -> Id {
        let mut n: u128 = 1 << 100;
        move || {
            n += 1;
            Id::from_random_bytes(n.to_be_bytes())
        }
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-25T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn keeping_both_keeps_rule_made_tasks_named_by_their_sources() {
        let payload = demo_payload();
        let sourced: Vec<&Task> = payload.cases[0]
            .tasks
            .iter()
            .filter(|t| t.source.is_some())
            .collect();
        assert!(!sourced.is_empty());
        let case = payload.cases[0].case.id;
        let here = Here {
            client: true,
            cases: [(case, vec![])].into(),
            owners: [(case, payload.client.id)].into(),
            ..Here::default()
        };
        let imported = import(
            &payload,
            &here,
            &Choices::all(Choice::KeepBoth, &payload),
            &mut counter(),
            now(),
        )
        .unwrap();
        let xor = |a: Id, b: Id| -> Vec<u8> {
            a.as_bytes()
                .iter()
                .zip(b.as_bytes())
                .map(|(x, y)| x ^ y)
                .collect()
        };
        let new_tasks: Vec<Task> = imported
            .changes
            .puts
            .iter()
            .filter_map(|r| match r {
                Record::Task(t) => Some(t.clone()),
                _ => None,
            })
            .collect();
        for old in sourced {
            let new = new_tasks
                .iter()
                .find(|t| t.kind == old.kind && t.due == old.due && t.source != old.source)
                .unwrap();
            assert_ne!(new.id, old.id);
            assert_eq!(
                xor(new.id, new.source.unwrap()),
                xor(old.id, old.source.unwrap()),
                "the rule's mix is kept"
            );
        }
        // The case manager is the same person here: their staff id is kept.
        let new_case = imported
            .changes
            .puts
            .iter()
            .find_map(|r| match r {
                Record::Case(c) => Some(c.clone()),
                _ => None,
            })
            .unwrap();
        assert_ne!(new_case.id, case);
        assert_eq!(
            new_case.details.case_manager_id,
            payload.cases[0].case.details.case_manager_id
        );
    }

    #[test]
    fn a_record_under_the_clients_id_never_lands_on_a_record_here() {
        let mut payload = demo_payload();
        let client = payload.client.id;
        // A need (its id derived from nothing) named by the client's id, which a need here holds.
        let need = payload.cases[0].needs.first().cloned().expect("a need");
        let old = need.id;
        for n in &mut payload.cases[0].needs {
            if n.id == old {
                n.id = client;
            }
        }
        let case = payload.cases[0].case.id;
        let here = Here {
            client: false,
            cases: [(case, vec![])].into(),
            owners: [(case, client)].into(),
            taken: [(EntityKind::Need, client)].into(),
        };
        assert_eq!(
            import(
                &payload,
                &here,
                &Choices::all(Choice::KeepBoth, &payload),
                &mut counter(),
                now()
            )
            .map(|_| ()),
            Err(Problem::Tampered)
        );
    }

    #[test]
    fn the_proposed_choices_write_nothing_over_what_is_here() {
        let payload = demo_payload();
        let case = payload.cases[0].case.id;
        let fresh = Choices::proposed(&payload, &Here::default());
        assert_eq!(fresh, Choices::all(Choice::KeepBoth, &payload));
        let here = Here {
            client: true,
            cases: [(case, vec![])].into(),
            owners: [(case, payload.client.id)].into(),
            ..Here::default()
        };
        let proposed = Choices::proposed(&payload, &here);
        assert_eq!(proposed.client, Choice::Skip);
        let imported = import(&payload, &here, &proposed, &mut counter(), now()).unwrap();
        assert!(imported.changes.deletes.is_empty());
        assert!(imported.changes.puts.iter().all(|r| !here.holds(
            r.kind(),
            r.id(),
            payload.client.id
        )));
    }

    #[test]
    fn a_case_here_under_another_client_is_never_replaced() {
        let payload = demo_payload();
        let case = payload.cases[0].case.id;
        let other = Id::from_random_bytes([9; 16]);
        let here = Here {
            client: true,
            cases: [(case, vec![(EntityKind::Task, payload.cases[0].tasks[0].id)])].into(),
            owners: [(case, other)].into(),
            ..Here::default()
        };
        assert!(!here.replaceable(case, payload.client.id, Choice::Replace));
        let imported = import(
            &payload,
            &here,
            &Choices::all(Choice::Replace, &payload),
            &mut counter(),
            now(),
        )
        .unwrap();
        assert!(
            imported.changes.deletes.is_empty(),
            "nothing of the other client's case is removed"
        );
        assert!(
            imported.cases.iter().all(|c| *c != case),
            "the file's case is kept beside it"
        );
        // The same client here, kept twice: its case would move to the copy, so it is not replaced either.
        let same = Here {
            owners: [(case, payload.client.id)].into(),
            ..here.clone()
        };
        assert!(same.replaceable(case, payload.client.id, Choice::Replace));
        assert!(!same.replaceable(case, payload.client.id, Choice::KeepBoth));
    }

    #[test]
    fn only_quoted_ids_are_found_never_one_inside_a_text() {
        let a = "5a5a5a5a-0000-4000-8000-000000000001";
        let b = "5a5a5a5a-0000-4000-8000-000000000002";
        let json = format!(
            r#"{{"id":"{a}","text":"see \"{b}\"","end":"ends \"{b}","ids":["{b}"],"{a}":1}}"#
        );
        let found: Vec<&str> = quoted_ids(&json).into_iter().map(|(_, id)| id).collect();
        assert_eq!(found, vec![a, b, a]);
    }

    #[test]
    fn the_passphrase_reads_back_however_it_is_typed() {
        let bytes = [0x5a, 0x01, 0xff, 0x80, 0x33, 0x10, 0x00, 0x7e, 0xc4, 0x09];
        let text = passphrase(&bytes);
        assert_eq!(text.len(), 19);
        assert_eq!(text.matches('-').count(), 3);
        assert_eq!(passphrase_secret(&text), Some(bytes.to_vec()));
        let typed = text.to_lowercase().replace('-', " ").replace('0', "o");
        assert_eq!(passphrase_secret(&typed), Some(bytes.to_vec()));
        assert_eq!(passphrase_secret(&text[..18]), None, "one character short");
        assert_eq!(passphrase_secret(&format!("{text}A")), None, "one too many");
        assert_eq!(passphrase_secret("correct horse battery"), None);
    }

    #[test]
    fn a_written_file_reads_back_and_refuses_another_kind_or_absurd_iterations() {
        let header = Header {
            made: "2026-11-25T09:00:00Z".into(),
            cases: 1,
            records: 4,
            salt: "c2FsdHNhbHRzYWx0c2FsdA==".into(),
            iterations: ITERATIONS,
            payload: 0,
        };
        let sealed: Vec<u8> = (0..200u8).collect();
        let text = write(&header, &sealed);
        assert!(text.starts_with("CARE-PLANNER-HANDOVER 1\n"));
        let (read_header, read_sealed) = read(text.as_bytes()).unwrap();
        assert_eq!(read_sealed, sealed);
        assert_eq!(read_header.iterations, ITERATIONS);
        let backup = crate::domain::backup::write(
            &crate::domain::backup::Header {
                made: header.made.clone(),
                schema: 8,
                records: 1,
                payload: 0,
                keyring: "{}".into(),
            },
            &sealed,
        );
        assert_eq!(read(backup.as_bytes()), Err(Problem::NotABackup));
        let greedy = write(
            &Header {
                iterations: MAX_ITERATIONS + 1,
                ..header.clone()
            },
            &sealed,
        );
        assert_eq!(read(greedy.as_bytes()), Err(Problem::Tampered));
        let weak = write(
            &Header {
                iterations: 1,
                ..header.clone()
            },
            &sealed,
        );
        assert_eq!(read(weak.as_bytes()), Err(Problem::Tampered));
        let saltless = write(
            &Header {
                salt: String::new(),
                ..header.clone()
            },
            &sealed,
        );
        assert_eq!(read(saltless.as_bytes()), Err(Problem::Tampered));
        assert_ne!(
            payload_aad(&header),
            payload_aad(&Header {
                records: 5,
                ..header
            })
        );
    }
}
