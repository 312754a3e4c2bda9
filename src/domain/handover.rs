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
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// The first word of every handover file.
pub const MAGIC: &str = "CARE-PLANNER-HANDOVER";
/// The format this version writes and the newest it reads.
pub const FORMAT: u32 = 1;
/// PBKDF2-HMAC-SHA256 iterations the passphrase is stretched with (OWASP's 2023 figure, as for passphrases).
pub const ITERATIONS: u32 = 600_000;
/// More iterations than this are refused before any derivation (a file that would hold the tablet for minutes).
pub const MAX_ITERATIONS: u32 = 1_200_000;
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
    if header.iterations == 0 || header.iterations > MAX_ITERATIONS {
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
        serde_json::to_vec(self).expect("records always serialise")
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
    let payload: Payload = serde_json::from_slice(bytes).map_err(|_| Problem::Tampered)?;
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
}

impl Here {
    /// Whether anything in the file clashes with what is here (so the user is asked).
    pub fn clashes(&self) -> bool {
        self.client || !self.cases.is_empty()
    }
}

/// The user's choices for the clashing items (an item not named is kept both).
#[derive(Clone, Debug, PartialEq)]
pub struct Choices {
    pub client: Choice,
    pub cases: HashMap<Id, Choice>,
}

impl Choices {
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

/// Every string in `value` (object keys included) that `map` names, replaced.
fn replace_ids(value: &mut Value, map: &HashMap<String, String>) {
    match value {
        Value::String(s) => {
            if let Some(new) = map.get(s.as_str()) {
                *s = new.clone();
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| replace_ids(v, map)),
        Value::Object(fields) => {
            let old = std::mem::take(fields);
            for (k, mut v) in old {
                replace_ids(&mut v, map);
                fields.insert(map.get(&k).cloned().unwrap_or(k), v);
            }
        }
        _ => {}
    }
}

/// Every id-shaped string in `value`.
fn ids_in(value: &Value, out: &mut HashSet<String>) {
    match value {
        Value::String(s) if s.parse::<Id>().is_ok() => {
            out.insert(s.clone());
        }
        Value::Array(items) => items.iter().for_each(|v| ids_in(v, out)),
        Value::Object(fields) => fields.iter().for_each(|(k, v)| {
            if k.parse::<Id>().is_ok() {
                out.insert(k.clone());
            }
            ids_in(v, out);
        }),
        _ => {}
    }
}

/// The bundle with the ids `map` names replaced throughout (its records and every reference between them).
fn remapped(bundle: &CaseBundle, map: &HashMap<String, String>) -> Result<CaseBundle, Problem> {
    if map.is_empty() {
        return Ok(bundle.clone());
    }
    let mut value = serde_json::to_value(bundle).map_err(|_| Problem::Tampered)?;
    replace_ids(&mut value, map);
    serde_json::from_value(value).map_err(|_| Problem::Tampered)
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
            choices
                .cases
                .get(&bundle.case.id)
                .copied()
                .unwrap_or(Choice::KeepBoth)
        });
        let mut map = base.clone();
        let bundle_records = bundle.records();
        match choice {
            Some(Choice::Skip) => continue,
            Some(Choice::KeepBoth) => {
                // Everything of the case under new ids, references between its records following.
                let mut found = HashSet::new();
                ids_in(
                    &serde_json::to_value(bundle).map_err(|_| Problem::Tampered)?,
                    &mut found,
                );
                found.remove(&payload.client.id.to_string());
                let mut found: Vec<String> = found.into_iter().collect();
                found.sort();
                for id in found {
                    map.insert(id, ids.fresh().to_string());
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
            salt: "c2FsdA==".into(),
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
        assert_ne!(
            payload_aad(&header),
            payload_aad(&Header {
                records: 5,
                ..header
            })
        );
    }
}
