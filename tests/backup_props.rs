//! Property-based tests of backup and restore: the file format reads back what was written for any header and
//! payload, and any generated workspace (names in Latin, kana and kanji, cases, results, phase moves) restored
//! from its backup payload into an empty one holds exactly the same rows. Native, on the in-memory backend.
#![cfg(not(target_arch = "wasm32"))]

mod suite;

use care_planner::domain::backup::{read, write, Header};
use care_planner::domain::instruments::Instrument;
use care_planner::domain::phase::Phase;
use care_planner::storage::schema::Version;
use care_planner::storage::MemoryBackend;
use proptest::prelude::*;

fn header() -> impl Strategy<Value = Header> {
    (any::<String>(), any::<u32>(), any::<u64>(), any::<String>()).prop_map(
        |(made, schema, records, keyring)| Header {
            made,
            schema,
            records,
            payload: 0,
            keyring,
        },
    )
}

const NAME_CHARS: &[char] = &[
    'a', 'Z', 'é', ' ', '\'', '-', '佐', '藤', '花', '子', 'さ', 'と', 'う', 'ア', 'ｻ', '"', '\\',
    '{', '}',
];

fn name() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(NAME_CHARS), 1..24).prop_map(|chars| {
        let name: String = chars.into_iter().collect();
        // A name has letters (the form refuses one of only punctuation or spaces).
        format!("X{}", name.trim())
    })
}

/// One generated client: their name, whether they have a case, a PHQ-9 item-9 answer, and a phase move.
fn client() -> impl Strategy<Value = (String, bool, Option<u32>, bool)> {
    (
        name(),
        any::<bool>(),
        proptest::option::of(0u32..4),
        any::<bool>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn a_written_file_reads_back_whatever_it_holds(h in header(), sealed in proptest::collection::vec(any::<u8>(), 0..600)) {
        let text = write(&h, &sealed);
        let back = read(text.as_bytes()).unwrap();
        prop_assert_eq!(back.sealed, sealed);
        prop_assert_eq!(back.header.payload as usize, text.lines().nth(2).unwrap().len());
        let payload = back.header.payload;
        prop_assert_eq!(back.header, Header { payload, ..h });
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn a_generated_workspace_restores_row_for_row(clients in proptest::collection::vec(client(), 0..8)) {
        futures::executor::block_on(async {
            let from = suite::repo(MemoryBackend::default());
            for (name, with_case, item9, moved) in &clients {
                if !with_case {
                    from.create_client(suite::details(name)).await.unwrap();
                    continue;
                }
                let (_, case) = suite::client_with_case(&from, name).await;
                if let Some(item9) = item9 {
                    from.record_administration(suite::administration(&case, Instrument::Phq9, suite::phq9(1, *item9)))
                        .await
                        .unwrap();
                }
                if *moved {
                    from.move_case(case.id, Phase::Assessment, Some(name.clone()), suite::today()).await.unwrap();
                }
            }
            let payload = from.backup_payload().await.unwrap();
            let to = suite::repo(MemoryBackend::default());
            to.restore_payload(&payload, Version::CURRENT.number(), suite::test_keyring()).await.unwrap();
            assert_eq!(suite::stores_without_keyring(&to).await, suite::stores_without_keyring(&from).await);
            // Every client is there and readable by name.
            let caseload = to.caseload().await.unwrap();
            assert!(caseload.unreadable.is_empty());
            assert_eq!(caseload.value.search("").count(), clients.len());
        });
    }
}
