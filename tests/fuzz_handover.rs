//! A seeded fuzzing harness for the handover import, as `fuzz_backup` is for restore (the same generator and
//! mutations, `tests/fuzz/`).
//!
//! From a real handover of the demo's richest client, it generates mutated inputs at both layers an import reads:
//! - the file (`domain::handover::read`): bit flips, random bytes, cuts, insertions, repeated and swapped lines,
//!   and header edits with the checksum recomputed;
//! - the opened payload (`domain::handover::parse_payload`, then `Repo::import_handover` into a workspace that
//!   already holds the same client, so every choice meets clashes), with a random choice for all: half the
//!   inputs mangled text (JSON punctuation, digits, kana, cut or repeated spans), half well-formed JSON with ids
//!   swapped, crossed or made new and records repeated or dropped.
//!
//! No input may panic. An import that is refused, or whose commit fails (a full disk, injected in one import of
//! seven), must leave the workspace exactly as it was, every store compared whole; an accepted one must write
//! exactly the records it says. A file only cut short reads as truncated; a changed file never reads as valid
//! unless its checksum was recomputed. `FUZZ_CASES` sets the inputs per layer (2,000 by default; `scripts/bench.sh`
//! runs 100,000), `FUZZ_SEED` the seed:
//!
//!     FUZZ_CASES=100000 cargo test --release --test fuzz_handover -- --nocapture
#![cfg(not(target_arch = "wasm32"))]

mod fuzz;
mod suite;

use care_planner::domain::handover::{
    parse_payload, read, write, Choice, Choices, Header, Payload, ITERATIONS,
};
use care_planner::storage::backend::Backend;
use care_planner::storage::{MemoryBackend, Repo, RestoreError, StorageError};
use fuzz::{env, fuzz_file, mutate_payload, Rng};
use std::collections::BTreeMap;

const FILE_EDITS: &[(&str, &str)] = &[
    ("\"iterations\":", "\"iterations\":99999999"),
    ("\"iterations\":", "\"iterations\":0,\"x\":"),
    ("\"records\":", "\"records\":\"x\","),
    ("\"salt\":", "\"salt\":1,\"s\":"),
    ("\"payload\":", "\"payload\":1"),
    ("\n", "\n\n"),
    ("A", "B"),
];

/// The harness's own pieces, besides `fuzz::JSON_PIECES`.
const PAYLOAD_PIECES: &[&str] = &[
    "\"case_id\":",
    "\"client_id\":",
    "\"id\":\"00000000-0000-4000-8000-000000000001\"",
    "\"cases\":[]",
    "\"status\":\"x\"",
    "5a5a5a5a",
];

/// Where each id-shaped string starts in `text` (36 characters: hex digits and four dashes).
fn ids_at(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let shaped = |w: &[u8]| {
        w.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
    };
    (0..b.len().saturating_sub(35))
        .filter(|i| (*i == 0 || b[i - 1] == b'"') && shaped(&b[*i..*i + 36]))
        .collect()
}

/// One mutation that keeps the payload well-formed JSON, so that it reaches the consistency checks and the import:
/// an id replaced by another of the file's ids or by a new one (clashes, broken or crossed references), or a
/// record repeated or dropped.
fn mutate_structure(rng: &mut Rng, original: &str, others: &[String]) -> String {
    let mut text = original.to_string();
    for _ in 0..1 + rng.below(3) {
        match rng.below(3) {
            0 | 1 => {
                let at = ids_at(&text);
                if at.is_empty() {
                    continue;
                }
                let target = at[rng.below(at.len())];
                let with = if rng.below(3) == 0 && !others.is_empty() {
                    // An id of a record the file does not carry, held in the receiving workspace.
                    others[rng.below(others.len())].clone()
                } else if rng.below(2) == 0 {
                    let from = at[rng.below(at.len())];
                    text[from..from + 36].to_string()
                } else {
                    format!(
                        "{:08x}-0000-4000-8000-{:012x}",
                        rng.next() as u32,
                        rng.next() & 0xffff_ffff_ffff
                    )
                };
                text.replace_range(target..target + 36, &with);
            }
            _ => {
                let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
                let cases = value["cases"].as_array_mut().unwrap();
                if cases.is_empty() {
                    continue;
                }
                let n = rng.below(cases.len());
                let fields = [
                    "administrations",
                    "tasks",
                    "needs",
                    "contacts",
                    "appointments",
                    "referrals",
                ];
                let field = fields[rng.below(fields.len())];
                if let Some(list) = cases[n][field].as_array_mut() {
                    if !list.is_empty() {
                        let i = rng.below(list.len());
                        if rng.below(2) == 0 {
                            let copy = list[i].clone();
                            list.push(copy);
                        } else {
                            list.remove(i);
                        }
                    }
                } else if rng.below(2) == 0 {
                    let copy = cases[n].clone();
                    cases.push(copy);
                }
                text = value.to_string();
            }
        }
    }
    text
}

/// The workspace's every store as stored, to compare whole.
fn dump(storage: &Repo<MemoryBackend>) -> Vec<(&'static str, String)> {
    futures::executor::block_on(storage.backend().dump()).unwrap()
}

#[test]
fn import_survives_mutated_files_and_payloads_without_panic_or_partial_write() {
    let cases = env("FUZZ_CASES", 2_000);
    let seed = env("FUZZ_SEED", 0x5eed_cafe);
    let mut rng = Rng(seed);
    let payload: Payload = futures::executor::block_on(suite::richest_handover(&suite::repo(
        MemoryBackend::default(),
    )));
    let text = String::from_utf8(payload.to_bytes()).unwrap();
    let header = Header {
        made: "2026-11-25T09:00:00Z".into(),
        cases: payload.cases.len() as u64,
        records: payload.records().len() as u64,
        salt: "c2FsdHNhbHRzYWx0c2FsdA==".into(),
        iterations: ITERATIONS,
        payload: 0,
    };
    // The file carries the payload as if sealed (the cipher is the browser's; what is fuzzed is the parsing).
    let file = write(&header, text.as_bytes());
    assert_eq!(read(file.as_bytes()).unwrap().1, text.as_bytes());

    let mut outcomes: BTreeMap<String, u64> = BTreeMap::new();
    fuzz_file(
        &mut rng,
        file.as_bytes(),
        FILE_EDITS,
        cases,
        |b| read(b).map(|_| ()),
        &mut outcomes,
    );

    for case in 0..cases {
        let backend = MemoryBackend::default();
        let target = suite::repo(backend.clone());
        // The receiving workspace already holds the client and their cases, so every choice meets clashes, and a
        // client of its own with a case, which no import may touch.
        futures::executor::block_on(
            target.import_handover(&payload, &Choices::all(Choice::KeepBoth, &payload)),
        )
        .unwrap();
        let (bystander, bystander_case) =
            futures::executor::block_on(suite::client_with_case(&target, "Rui Lima"));
        let bystander_before = futures::executor::block_on(
            target.handover_payload(bystander.id, &[bystander_case.id]),
        )
        .unwrap();
        let before = dump(&target);
        // Half the inputs are mangled text, half stay well-formed JSON with their structure changed, ids of the
        // bystander's records among those put in.
        let others: Vec<String> = bystander_before
            .records()
            .iter()
            .map(|r| r.id().to_string())
            .collect();
        let input = if case % 2 == 0 {
            mutate_payload(&mut rng, &text, PAYLOAD_PIECES)
        } else {
            mutate_structure(&mut rng, &text, &others)
        };
        let key = match parse_payload(input.as_bytes()) {
            Err(p) => format!("refused {p:?}"),
            Ok(parsed) => {
                // A choice for all, or one per item.
                let any =
                    |rng: &mut Rng| [Choice::KeepBoth, Choice::Replace, Choice::Skip][rng.below(3)];
                let choice = any(&mut rng);
                let mut choices = Choices::all(choice, &parsed);
                if rng.below(2) == 0 {
                    choices.client = any(&mut rng);
                    for c in choices.cases.values_mut() {
                        *c = any(&mut rng);
                    }
                }
                let failing = case % 7 == 3;
                if failing {
                    backend.fail_next_commit(StorageError::QuotaExceeded);
                }
                match futures::executor::block_on(target.import_handover(&parsed, &choices)) {
                    Ok(imported) => {
                        // Nothing to write (all skipped) reaches no commit to fail.
                        assert!(
                            !failing || imported.changes.is_empty(),
                            "an injected failure was not reported"
                        );
                        let after = dump(&target);
                        if imported.changes.is_empty() {
                            assert_eq!(
                                after, before,
                                "an import that wrote nothing changed the workspace"
                            );
                        } else {
                            assert_ne!(after, before);
                        }
                        assert_eq!(
                            futures::executor::block_on(
                                target.handover_payload(bystander.id, &[bystander_case.id])
                            )
                            .unwrap(),
                            bystander_before,
                            "an import touched a client it does not carry"
                        );
                        format!("imported ({choice:?})")
                    }
                    Err(RestoreError::Storage(StorageError::QuotaExceeded)) if failing => {
                        assert_eq!(
                            dump(&target),
                            before,
                            "an import that failed as it wrote left a part behind"
                        );
                        "failed as it wrote (injected)".to_string()
                    }
                    Err(e) => {
                        assert_eq!(
                            dump(&target),
                            before,
                            "a refused import left a part behind: {e:?}"
                        );
                        match e {
                            RestoreError::File(p) => format!("refused by the planner: {p:?}"),
                            RestoreError::Storage(e) => format!("refused by storage: {e}"),
                        }
                    }
                }
            }
        };
        *outcomes.entry(format!("payload: {key}")).or_default() += 1;
    }
    println!("fuzz_handover: {cases} files and {cases} payloads, seed {seed:#x}");
    for (outcome, n) in &outcomes {
        println!("  {outcome}: {n}");
    }
}
