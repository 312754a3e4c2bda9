//! Property-based tests of the case handover: the file format reads back what was written for any header and
//! payload, and any generated client (names and readings in Latin, kana and kanji, one to three cases with
//! results, contacts in Japanese and phase moves) handed over gives equal data: the payload's bytes parse back to
//! it, an import into an empty workspace reads back the same, and an import over itself follows each choice
//! (replace: the same; skip: nothing written; keep both: a full copy under new ids). Native, on the memory backend.
#![cfg(not(target_arch = "wasm32"))]

mod suite;

use care_planner::domain::contact::{Contact, ContactMode};
use care_planner::domain::handover::{
    parse_payload, read, write, Choice, Choices, Header, MAX_ITERATIONS, MIN_ITERATIONS,
};
use care_planner::domain::ids::Id;
use care_planner::domain::instruments::Instrument;
use care_planner::domain::phase::Phase;
use care_planner::storage::backend::Backend;
use care_planner::storage::MemoryBackend;
use proptest::prelude::*;

fn header() -> impl Strategy<Value = Header> {
    (
        any::<String>(),
        any::<u64>(),
        any::<u64>(),
        proptest::array::uniform16(any::<u8>()),
        MIN_ITERATIONS..=MAX_ITERATIONS,
    )
        .prop_map(|(made, cases, records, salt, iterations)| Header {
            made,
            cases,
            records,
            salt: care_planner::domain::security::base64_encode(&salt),
            iterations,
            payload: 0,
        })
}

const TEXT_CHARS: &[char] = &[
    'a', 'Z', 'é', ' ', '\'', '-', '佐', '藤', '花', '子', 'さ', 'と', 'う', 'ア', 'ｻ', '"', '\\',
    '{', '}', '\n', '、',
];

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(TEXT_CHARS), 1..24)
        .prop_map(|chars| format!("X{}", chars.into_iter().collect::<String>().trim()))
}

/// One generated case: a PHQ-9 item-9 answer, contacts' summaries, and whether it moved on from screening.
fn case() -> impl Strategy<Value = (Option<u32>, Vec<String>, bool)> {
    (
        proptest::option::of(0u32..4),
        proptest::collection::vec(text(), 0..3),
        any::<bool>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn a_written_handover_file_reads_back_whatever_it_holds(h in header(), sealed in proptest::collection::vec(any::<u8>(), 0..600)) {
        let text = write(&h, &sealed);
        let (back, bytes) = read(text.as_bytes()).unwrap();
        prop_assert_eq!(bytes, sealed);
        let payload = back.payload;
        prop_assert_eq!(back, Header { payload, ..h });
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn a_generated_case_handed_over_imports_as_it_was(
        name in text().prop_map(|t| t.replace('\n', " ")),
        reading in proptest::option::of(text().prop_map(|t| t.replace('\n', " "))),
        cases in proptest::collection::vec(case(), 1..4),
        choice in proptest::sample::select(vec![Choice::KeepBoth, Choice::Replace, Choice::Skip]),
    ) {
        futures::executor::block_on(async {
            let from = suite::repo(MemoryBackend::default());
            let mut details = suite::details(&name);
            details.name_reading = reading.clone();
            let client = from.create_client(details).await.unwrap();
            let mut case_ids: Vec<Id> = vec![];
            for (item9, summaries, moved) in &cases {
                let case = from.open_case(client.id, suite::case_details()).await.unwrap();
                if let Some(item9) = item9 {
                    from.record_administration(suite::administration(&case, Instrument::Phq9, suite::phq9(1, *item9)))
                        .await
                        .unwrap();
                }
                for (n, summary) in summaries.iter().enumerate() {
                    from.log_contact(Contact {
                        id: suite::fresh_id(),
                        case_id: case.id,
                        at: suite::today().and_hms_opt(9 + n as u32, 0, 0).unwrap(),
                        mode: ContactMode::Phone,
                        minutes: 10,
                        with_whom: "本人".into(),
                        summary: summary.clone(),
                        logged_at: chrono::Utc::now(),
                    })
                    .await
                    .unwrap();
                }
                if *moved {
                    from.move_case(case.id, Phase::Assessment, Some(name.clone()), suite::today()).await.unwrap();
                }
                case_ids.push(case.id);
            }
            let payload = from.handover_payload(client.id, &case_ids).await.unwrap();
            assert_eq!(parse_payload(&payload.to_bytes()), Ok(payload.clone()));

            let to = suite::repo(MemoryBackend::default());
            to.import_handover(&payload, &Choices::all(Choice::KeepBoth, &payload)).await.unwrap();
            assert_eq!(to.handover_payload(client.id, &case_ids).await.unwrap(), payload);

            let before = to.backend().dump().await.unwrap();
            let again = to.import_handover(&payload, &Choices::all(choice, &payload)).await.unwrap();
            match choice {
                Choice::Skip => assert_eq!(to.backend().dump().await.unwrap(), before),
                Choice::Replace => assert_eq!(to.handover_payload(client.id, &case_ids).await.unwrap(), payload),
                Choice::KeepBoth => {
                    assert_ne!(again.client_id, client.id);
                    let copy = to.handover_payload(again.client_id, &again.cases).await.unwrap();
                    assert_eq!(copy.records().len(), payload.records().len());
                    assert_eq!(copy.client.details, payload.client.details);
                    assert_eq!(to.handover_payload(client.id, &case_ids).await.unwrap(), payload);
                }
            }
        });
    }
}
