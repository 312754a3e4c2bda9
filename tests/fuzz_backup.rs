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

mod fuzz;
mod suite;

use fuzz::{env, fuzz_file, mutate_payload, Rng};

use care_planner::domain::backup::{read, write, Header};
use care_planner::domain::instruments::Instrument;
use care_planner::storage::backend::Backend;
use care_planner::storage::schema::{self, Version};
use care_planner::storage::{MemoryBackend, Repo, RestoreError, StorageError};
use std::collections::BTreeMap;

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

/// The harness's own pieces, besides `fuzz::JSON_PIECES`.
const PAYLOAD_PIECES: &[&str] = &[
    "\"rev\":",
    "\"body\":\"\"",
    "\"id\":\"\"",
    "\"status\":\"x\"",
    "\"meta\":[]",
    "\"audit-head\"",
];

/// The header edits made with the checksum recomputed (reaching the parsing behind the checksum).
const FILE_EDITS: &[(&str, &str)] = &[
    ("\"schema\":", "\"schema\":9"),
    ("\"records\":", "\"records\":\"x\","),
    ("\"keyring\":", "\"keyring\":1,\"k\":"),
    ("\"payload\":", "\"payload\":1"),
    ("\n", "\n\n"),
    ("A", "B"),
];

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
    fuzz_file(
        &mut rng,
        file.as_bytes(),
        FILE_EDITS,
        cases,
        |b| read(b).map(|_| ()),
        &mut problems,
    );

    let keyring = suite::test_keyring();
    for case in 0..cases {
        let input = mutate_payload(&mut rng, &payload, PAYLOAD_PIECES);
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
