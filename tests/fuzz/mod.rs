//! What the seeded fuzzing harnesses share (`fuzz_backup`, `fuzz_handover`): a small seeded generator, and the
//! mutations of an envelope file's bytes and of a JSON payload's text.
#![allow(dead_code)]

use care_planner::domain::envelope::Problem;
use care_planner::domain::sha256::hex_digest;
use std::collections::BTreeMap;

/// SplitMix64: small, seeded, and the same on every machine.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

pub fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// What a mutation did, besides changing bytes.
#[derive(Default)]
pub struct Mutated {
    /// The body was changed and its checksum recomputed over it.
    pub recomputed: bool,
    /// Only cut short (one cut and nothing else), to this length.
    pub only_cut: Option<usize>,
}

/// One mutation of the file's bytes.
pub fn mutate_file(rng: &mut Rng, original: &[u8], edits: &[(&str, &str)]) -> (Vec<u8>, Mutated) {
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

/// What any JSON payload is mutated with: its own punctuation, odd numbers, escapes, kana and an emoji.
pub const JSON_PIECES: &[&str] = &[
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
    " ",
];

/// One mutation of the payload's text, at character boundaries, with `JSON_PIECES` and the harness's own `pieces`.
pub fn mutate_payload(rng: &mut Rng, original: &str, pieces: &[&str]) -> String {
    let all: Vec<&str> = JSON_PIECES.iter().chain(pieces).copied().collect();
    let pieces = &all[..];
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
            0 => text.replace_range(at..until.max(at), pieces[rng.below(pieces.len())]),
            1 => text.insert_str(at, pieces[rng.below(pieces.len())]),
            2 => text.replace_range(at..until.max(at), ""),
            _ => {
                let span = text[at..until.max(at)].to_string();
                text.insert_str(at, &span);
            }
        }
    }
    text
}

/// The file layer: `cases` mutations of `file` read by `read`, none panicking; a file only cut short reads as
/// truncated, and a changed file never reads as valid unless its checksum was recomputed. Each outcome is counted
/// in `outcomes` ("file: …").
pub fn fuzz_file(
    rng: &mut Rng,
    file: &[u8],
    edits: &[(&str, &str)],
    cases: u64,
    read: impl Fn(&[u8]) -> Result<(), Problem>,
    outcomes: &mut BTreeMap<String, u64>,
) {
    for _ in 0..cases {
        let (input, how) = mutate_file(rng, file, edits);
        let outcome = read(&input);
        if let Some(cut) = how.only_cut.filter(|cut| *cut > 0) {
            assert_eq!(
                outcome.err(),
                Some(Problem::Truncated),
                "cut to {cut} bytes"
            );
        }
        let key = match &outcome {
            Ok(_) if input == file => "unchanged".to_string(),
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
        *outcomes.entry(format!("file: {key}")).or_default() += 1;
    }
}
