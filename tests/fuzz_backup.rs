//! A seeded fuzzing harness for restore (cargo-fuzz needs a nightly toolchain, which cannot be installed here).
//!
//! From a real backup of a small workspace, it generates mutated inputs at both layers a restore reads:
//! - the file (`domain::backup::read`): bit flips, random bytes, cuts, insertions, repeated and swapped lines, and
//!   bodies changed with their checksum recomputed (so the inner parsing is reached too);
//! - the decrypted payload (`Repo::restore_payload` into an empty in-memory workspace): characters replaced with
//!   JSON's own punctuation, digits and kana, spans cut or repeated, fields renamed.
//!
//! Every input must be refused or accepted without a panic; a refused payload, or one whose write fails (a full
//! disk, injected in one restore of seven), must leave the workspace exactly as empty as it was (no partial
//! write); a file only cut short must read as truncated; and a changed file must never read as valid unless its
//! checksum was recomputed. `FUZZ_CASES` sets the number of inputs per layer (2,000 by default, as in `scripts/test.sh`;
//! `scripts/bench.sh` runs 100,000), `FUZZ_SEED` the seed:
//!
//!     FUZZ_CASES=100000 cargo test --release --test fuzz_backup -- --nocapture
#![cfg(not(target_arch = "wasm32"))]

mod suite;

use care_planner::domain::backup::{read, write, Header, Problem};
use care_planner::domain::instruments::Instrument;
use care_planner::domain::sha256::hex_digest;
use care_planner::storage::backend::Backend;
use care_planner::storage::schema::{self, Version};
use care_planner::storage::{MemoryBackend, Repo, RestoreError, StorageError};
use std::collections::BTreeMap;

/// SplitMix64: small, seeded, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A small real workspace's payload: clients with Japanese names, cases, results with their tasks and needs.
fn corpus() -> String {
    futures::executor::block_on(async {
        let storage = suite::repo(MemoryBackend::default());
        for name in ["佐藤 花子", "Ben Fuzz", "ｻﾄｳ \"Q\" \\ {x}"] {
            let (_, case) = suite::client_with_case(&storage, name).await;
            storage
                .record_administration(suite::administration(
                    &case,
                    Instrument::Phq9,
                    suite::phq9(2, 1),
                ))
                .await
                .unwrap();
        }
        storage.backup_payload().await.unwrap()
    })
}

/// What a mutation did, besides changing bytes.
#[derive(Default)]
struct Mutated {
    /// The body was changed and its checksum recomputed over it.
    recomputed: bool,
    /// Only cut short (one cut and nothing else), to this length.
    only_cut: Option<usize>,
}

/// One mutation of the file's bytes.
fn mutate_file(rng: &mut Rng, original: &[u8]) -> (Vec<u8>, Mutated) {
    let mut bytes = original.to_vec();
    let rounds = 1 + rng.below(3);
    let mut recomputed = false;
    let mut only_cut = None;
    for round in 0..rounds {
        let len = bytes.len().max(1);
        let op = rng.below(8);
        if op == 2 && rounds == 1 && round == 0 {
            let cut = rng.below(len);
            bytes.truncate(cut);
            only_cut = Some(cut);
            continue;
        }
        match op {
            0 => {
                let at = rng.below(len);
                if let Some(b) = bytes.get_mut(at) {
                    *b ^= 1 << rng.below(8);
                }
            }
            1 => {
                let at = rng.below(len);
                if let Some(b) = bytes.get_mut(at) {
                    *b = rng.next() as u8;
                }
            }
            2 => bytes.truncate(rng.below(len)),
            3 => {
                let at = rng.below(len);
                let insert: Vec<u8> = (0..1 + rng.below(8)).map(|_| rng.next() as u8).collect();
                bytes.splice(at.min(bytes.len())..at.min(bytes.len()), insert);
            }
            4 => {
                let from = rng.below(len);
                let to = (from + 1 + rng.below(64)).min(bytes.len());
                if from < to {
                    bytes.drain(from..to);
                }
            }
            5 => {
                // Lines repeated or swapped.
                let mut lines: Vec<Vec<u8>> =
                    bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
                let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                if rng.below(2) == 0 {
                    lines.swap(a, b);
                } else {
                    let line = lines[a].clone();
                    lines.insert(b, line);
                }
                bytes = lines.join(&b'\n');
            }
            _ => {
                // The body changed (a header field, the payload) and the checksum recomputed over it.
                let text = String::from_utf8_lossy(&bytes).into_owned();
                if let Some(end) = text.rfind("sha256 ") {
                    let mut body = text[..end].to_string();
                    let edits = [
                        ("\"schema\":", "\"schema\":9"),
                        ("\"records\":", "\"records\":\"x\","),
                        ("\"keyring\":", "\"keyring\":1,\"k\":"),
                        ("\"payload\":", "\"payload\":1"),
                        ("\n", "\n\n"),
                        ("A", "B"),
                    ];
                    let (from, to) = edits[rng.below(edits.len())];
                    body = body.replacen(from, to, 1);
                    bytes = format!("{body}sha256 {}\n", hex_digest(body.as_bytes())).into_bytes();
                    recomputed = true;
                }
            }
        }
    }
    (
        bytes,
        Mutated {
            recomputed,
            only_cut,
        },
    )
}

const PAYLOAD_PIECES: &[&str] = &[
    "\"",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "0",
    "-1",
    "1e999",
    "null",
    "true",
    "\\",
    "\\u0000",
    "佐",
    "ｱ",
    "\u{1F600}",
    "\"rev\":",
    "\"body\":\"\"",
    "\"id\":\"\"",
    "\"status\":\"x\"",
    "\"meta\":[]",
    "\"audit-head\"",
    " ",
];

/// One mutation of the payload's text, at character boundaries.
fn mutate_payload(rng: &mut Rng, original: &str) -> String {
    let mut text = original.to_string();
    for _ in 0..1 + rng.below(3) {
        let boundaries: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let at = boundaries[rng.below(boundaries.len())];
        let until = boundaries[(boundaries.partition_point(|b| *b < at) + 1 + rng.below(40))
            .min(boundaries.len() - 1)];
        match rng.below(4) {
            0 => text.replace_range(
                at..until.max(at),
                PAYLOAD_PIECES[rng.below(PAYLOAD_PIECES.len())],
            ),
            1 => text.insert_str(at, PAYLOAD_PIECES[rng.below(PAYLOAD_PIECES.len())]),
            2 => text.replace_range(at..until.max(at), ""),
            _ => {
                let span = text[at..until.max(at)].to_string();
                text.insert_str(at, &span);
            }
        }
    }
    text
}

fn empty_everywhere(storage: &Repo<MemoryBackend>) -> bool {
    futures::executor::block_on(async {
        for store in schema::SEALED_STORES.iter().chain([&schema::AUDIT]) {
            if storage.backend().count_all(store).await.unwrap() != 0 {
                return false;
            }
        }
        storage.keyring().await.unwrap().is_none()
    })
}

#[test]
fn restore_survives_mutated_files_and_payloads_without_panic_or_partial_write() {
    let cases = env("FUZZ_CASES", 2_000);
    let mut rng = Rng(env("FUZZ_SEED", 0x5eed_cafe));
    let payload = corpus();
    let header = Header {
        made: "2026-11-25T09:00:00.000Z".into(),
        schema: Version::CURRENT.number(),
        records: 9,
        payload: 0,
        keyring: serde_json::to_string(&suite::test_keyring()).unwrap(),
    };
    // The outer layer carries the payload as if sealed (the cipher is the browser's; what is fuzzed is the parsing).
    let file = write(&header, payload.as_bytes());
    assert_eq!(read(file.as_bytes()).unwrap().sealed, payload.as_bytes());

    let mut problems: BTreeMap<String, u64> = BTreeMap::new();
    for _ in 0..cases {
        let (input, how) = mutate_file(&mut rng, file.as_bytes());
        let outcome = read(&input);
        if let Some(cut) = how.only_cut.filter(|cut| *cut > 0) {
            assert_eq!(
                outcome.as_ref().err(),
                Some(&Problem::Truncated),
                "cut to {cut} bytes"
            );
        }
        let key = match &outcome {
            Ok(_) if input == file.as_bytes() => "unchanged".to_string(),
            Ok(_) => {
                assert!(
                    how.recomputed,
                    "a changed file read as valid without a recomputed checksum"
                );
                "read (checksum recomputed)".to_string()
            }
            Err(Problem::Newer(_)) => "Newer".to_string(),
            Err(p) => format!("{p:?}"),
        };
        *problems.entry(format!("file: {key}")).or_default() += 1;
    }

    let keyring = suite::test_keyring();
    for case in 0..cases {
        let input = mutate_payload(&mut rng, &payload);
        let backend = MemoryBackend::default();
        let target = suite::repo(backend.clone());
        // One restore in seven fails as it writes (a full disk), after every check passed: nothing may remain.
        let failing = case % 7 == 3;
        if failing {
            backend.fail_next_commit(StorageError::QuotaExceeded);
        }
        let outcome = futures::executor::block_on(target.restore_payload(
            &input,
            Version::CURRENT.number(),
            keyring.clone(),
        ));
        let key = match outcome {
            Ok(records) => {
                // Accepted: what was written is whole (as many records as it says, the keyring with them).
                let written: u32 = futures::executor::block_on(async {
                    let mut n = 0;
                    for store in schema::SEALED_STORES {
                        n += target.backend().count_all(store).await.unwrap();
                    }
                    n
                });
                assert_eq!(written as u64, records);
                assert!(futures::executor::block_on(target.keyring())
                    .unwrap()
                    .is_some());
                "restored".to_string()
            }
            Err(RestoreError::File(p)) => {
                assert!(
                    empty_everywhere(&target),
                    "a refused payload left records behind"
                );
                format!("refused {p:?}")
            }
            Err(RestoreError::Storage(StorageError::QuotaExceeded)) if failing => {
                assert!(
                    empty_everywhere(&target),
                    "a restore that failed as it wrote left records behind"
                );
                "failed as it wrote (injected)".to_string()
            }
            Err(RestoreError::Storage(e)) => {
                panic!("a storage error from the memory backend: {e:?}")
            }
        };
        *problems.entry(format!("payload: {key}")).or_default() += 1;
    }
    println!(
        "fuzz_backup: {cases} files and {cases} payloads, seed {:#x}",
        env("FUZZ_SEED", 0x5eed_cafe)
    );
    for (outcome, n) in &problems {
        println!("  {outcome}: {n}");
    }
}
