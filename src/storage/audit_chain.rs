//! The audit log's hash chain: each entry holds the SHA-256 of the entry before it (`prev`) and of itself (`hash`,
//! over its fields and `prev`), and the `meta` store keeps the chain's head (the last hash and how many entries
//! were chained), written in the same transaction as the entries. Verification walks the log in order and names
//! the first entry that was changed, removed or moved, or says the log ends early.
//!
//! Without a key, this detects changes made by anything that does not also recompute every hash after the change
//! (a slip in the developer tools, a tool that edits one row, a partial restore); docs/SECURITY.md says so.

use crate::domain::sha256::hex_digest;
use crate::storage::records::AuditRecord;
use serde::{Deserialize, Serialize};

/// The `meta` key of the chain's head.
pub const HEAD_KEY: &str = "audit-head";

/// What comes before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The chain's head, kept in `meta`. The v8 upgrade writes it in every IndexedDB database, counting the entries
/// already there (`unchained`), so a missing head, or more or fewer entries without a hash, is a change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditHead {
    pub key: String,
    /// The last chained entry's hash (`GENESIS` before the first).
    pub hash: String,
    /// How many entries were chained.
    pub entries: u64,
    /// How many entries, written before the chain existed, come before the chained ones.
    #[serde(default)]
    pub unchained: u64,
}

impl AuditHead {
    /// The head of a log holding `unchained` entries from before the chain, and none chained.
    pub fn start(unchained: u64) -> AuditHead {
        AuditHead {
            key: HEAD_KEY.into(),
            hash: GENESIS.into(),
            entries: 0,
            unchained,
        }
    }
}

/// The hash of an entry: its fields and the hash before it, in a fixed order.
pub fn entry_hash(entry: &AuditRecord) -> String {
    let fields = (
        &entry.prev,
        &entry.at,
        entry.entity,
        &entry.entity_id,
        entry.action,
    );
    // Who acted joined the entries with users; an entry without it hashes as entries always did.
    let text = match &entry.by {
        None => serde_json::to_string(&fields),
        Some(by) => serde_json::to_string(&(fields, by)),
    };
    hex_digest(text.expect("audit fields always serialise").as_bytes())
}

/// Chains `entries` after `head` (none: the log's first entries, or a head that could not be read — the chain
/// then starts again, and verification names the entry where it broke, while saving goes on) and returns the new
/// head.
pub fn link(head: Option<&AuditHead>, entries: &mut [AuditRecord]) -> AuditHead {
    let start = AuditHead::start(0);
    let head = head.unwrap_or(&start);
    let mut hash = head.hash.clone();
    let mut count = head.entries;
    for entry in entries {
        entry.prev = hash;
        entry.hash = entry_hash(entry);
        hash = entry.hash.clone();
        count += 1;
    }
    AuditHead {
        key: HEAD_KEY.into(),
        hash,
        entries: count,
        unchained: head.unchained,
    }
}

/// What verification found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuditCheck {
    /// Every chained entry is as written, in order, and none is missing.
    Intact {
        entries: u64,
        /// Entries written before the chain existed, at the start of the log: as many as when the chain began,
        /// but their content cannot be checked.
        unchained: u64,
    },
    /// The entry at `position` (1-based, in the log's order) is not as it was written.
    Changed { position: u64 },
    /// The entry at `position` does not follow the one before it: an entry between was removed, or entries were
    /// moved.
    OutOfPlace { position: u64 },
    /// The log ends before its last entries: `missing` entries were removed from its end.
    Truncated { entries: u64, missing: u64 },
}

/// Verifies the log (`entries` in the store's key order; `None`: an entry that cannot be read) against its head.
pub fn verify(entries: &[Option<AuditRecord>], head: Option<&AuditHead>) -> AuditCheck {
    // Entries from before the chain have no hash; they can only come first.
    let unchained = entries
        .iter()
        .take_while(|e| e.as_ref().is_some_and(|e| e.hash.is_empty()))
        .count();
    let mut prev = GENESIS.to_string();
    for (i, entry) in entries.iter().enumerate().skip(unchained) {
        let position = i as u64 + 1;
        let Some(entry) = entry else {
            return AuditCheck::Changed { position };
        };
        if entry.hash.is_empty() || entry_hash(entry) != entry.hash {
            return AuditCheck::Changed { position };
        }
        if entry.prev != prev {
            return AuditCheck::OutOfPlace { position };
        }
        prev = entry.hash.clone();
    }
    let chained = (entries.len() - unchained) as u64;
    let total = entries.len() as u64;
    match head {
        // No head: only an empty log (the memory backend writes its head with the first entries).
        None if entries.is_empty() => AuditCheck::Intact {
            entries: 0,
            unchained: 0,
        },
        None => AuditCheck::Truncated {
            entries: total,
            missing: 0,
        },
        // Entries without a hash added before the chained ones, or some of them removed.
        Some(head) if head.unchained != unchained as u64 => AuditCheck::OutOfPlace {
            position: head.unchained.min(unchained as u64) + 1,
        },
        Some(head) if head.entries > chained => AuditCheck::Truncated {
            entries: total,
            missing: head.entries - chained,
        },
        Some(head) if head.entries < chained => AuditCheck::OutOfPlace {
            position: unchained as u64 + head.entries + 1,
        },
        // As many entries as the head counts, but the last is not the one it names: replaced.
        Some(head) if head.hash != prev => AuditCheck::Changed { position: total },
        Some(_) => AuditCheck::Intact {
            entries: total,
            unchained: unchained as u64,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::{Action, EntityKind};

    fn entry(n: u8) -> AuditRecord {
        AuditRecord {
            at: format!("2026-11-25T09:00:{n:02}.000Z"),
            entity: EntityKind::Client,
            entity_id: format!("00000000-0000-4000-8000-0000000000{n:02}"),
            action: Action::Created,
            prev: String::new(),
            hash: String::new(),
            by: None,
        }
    }

    #[test]
    fn who_acted_is_in_the_hash_and_entries_without_it_hash_as_before() {
        let mut plain = entry(1);
        let before = entry_hash(&plain);
        plain.by = Some("00000000-0000-4000-8000-00000000aaaa".into());
        let with_actor = entry_hash(&plain);
        assert_ne!(before, with_actor);
        plain.by = Some("00000000-0000-4000-8000-00000000bbbb".into());
        assert_ne!(
            entry_hash(&plain),
            with_actor,
            "changing who acted breaks the hash"
        );
        // The hash of an entry without an actor is the one entries had before users existed (a fixed vector).
        assert_eq!(
            before,
            crate::domain::sha256::hex_digest(
                br#"["","2026-11-25T09:00:01.000Z","client","00000000-0000-4000-8000-000000000001","created"]"#
            )
        );
    }

    fn check(entries: &[AuditRecord], head: Option<&AuditHead>) -> AuditCheck {
        let read: Vec<Option<AuditRecord>> = entries.iter().cloned().map(Some).collect();
        verify(&read, head)
    }

    /// Five entries written in two commits, with the head as stored.
    fn log() -> (Vec<AuditRecord>, AuditHead) {
        let mut first: Vec<AuditRecord> = (1..=2).map(entry).collect();
        let head = link(None, &mut first);
        let mut second: Vec<AuditRecord> = (3..=5).map(entry).collect();
        let head = link(Some(&head), &mut second);
        first.extend(second);
        (first, head)
    }

    #[test]
    fn a_log_as_written_is_intact_and_the_chain_runs_across_commits() {
        let (entries, head) = log();
        assert_eq!(head.entries, 5);
        assert_eq!(entries[0].prev, GENESIS);
        assert_eq!(
            entries[2].prev, entries[1].hash,
            "the second commit follows the first"
        );
        assert_eq!(
            check(&entries, Some(&head)),
            AuditCheck::Intact {
                entries: 5,
                unchained: 0
            }
        );
        assert_eq!(
            check(&[], None),
            AuditCheck::Intact {
                entries: 0,
                unchained: 0
            }
        );
    }

    #[test]
    fn a_changed_entry_is_named() {
        let (mut entries, head) = log();
        entries[2].action = Action::Deleted;
        assert_eq!(
            check(&entries, Some(&head)),
            AuditCheck::Changed { position: 3 }
        );
        // Changed and its own hash recomputed: the next entry no longer follows it.
        let (mut entries, head) = log();
        entries[1].at = "2026-11-25T10:00:00.000Z".into();
        entries[1].hash = entry_hash(&entries[1]);
        assert_eq!(
            check(&entries, Some(&head)),
            AuditCheck::OutOfPlace { position: 3 }
        );
    }

    #[test]
    fn a_removed_entry_is_named_by_the_one_after_it() {
        let (mut entries, head) = log();
        entries.remove(1);
        assert_eq!(
            check(&entries, Some(&head)),
            AuditCheck::OutOfPlace { position: 2 }
        );
        let (mut entries, head) = log();
        entries.remove(0);
        assert_eq!(
            check(&entries, Some(&head)),
            AuditCheck::OutOfPlace { position: 1 }
        );
    }

    #[test]
    fn moved_entries_are_named() {
        let (mut entries, head) = log();
        entries.swap(1, 3);
        assert_eq!(
            check(&entries, Some(&head)),
            AuditCheck::OutOfPlace { position: 2 }
        );
    }

    #[test]
    fn entries_removed_from_the_end_are_found_by_the_head() {
        let (mut entries, head) = log();
        entries.truncate(3);
        assert_eq!(
            check(&entries, Some(&head)),
            AuditCheck::Truncated {
                entries: 3,
                missing: 2
            }
        );
        // The head removed too, with entries left: the chain had a head.
        let (entries, _) = log();
        assert_eq!(
            check(&entries, None),
            AuditCheck::Truncated {
                entries: 5,
                missing: 0
            }
        );
    }

    #[test]
    fn entries_from_before_the_chain_come_first_and_are_counted_apart() {
        let mut entries = vec![entry(1), entry(2)];
        let mut chained = vec![entry(3)];
        let head = link(Some(&AuditHead::start(2)), &mut chained);
        entries.extend(chained);
        assert_eq!(
            check(&entries, Some(&head)),
            AuditCheck::Intact {
                entries: 3,
                unchained: 2
            }
        );
        // One more entry without a hash at the start, or one fewer, than when the chain began.
        let mut more = vec![entry(9)];
        more.extend(entries.clone());
        assert_eq!(
            check(&more, Some(&head)),
            AuditCheck::OutOfPlace { position: 3 }
        );
        assert_eq!(
            check(&entries[1..], Some(&head)),
            AuditCheck::OutOfPlace { position: 2 }
        );
        // An entry that cannot be read is a changed one.
        let (entries, head) = log();
        let mut read: Vec<Option<AuditRecord>> = entries.into_iter().map(Some).collect();
        read[1] = None;
        assert_eq!(
            verify(&read, Some(&head)),
            AuditCheck::Changed { position: 2 }
        );
        // An unchained entry after the chain began is a changed one (its hashes were stripped).
        let (mut entries, head) = log();
        entries[3].hash.clear();
        assert_eq!(
            check(&entries, Some(&head)),
            AuditCheck::Changed { position: 4 }
        );
    }

    #[test]
    fn a_replaced_last_entry_and_a_missing_head_are_named() {
        let (mut entries, head) = log();
        entries[4].action = Action::Deleted;
        entries[4].hash = entry_hash(&entries[4]);
        assert_eq!(
            check(&entries, Some(&head)),
            AuditCheck::Changed { position: 5 }
        );
        let (entries, _) = log();
        assert_eq!(
            check(&entries, None),
            AuditCheck::Truncated {
                entries: 5,
                missing: 0
            }
        );
    }

    #[test]
    fn after_a_damaged_head_the_chain_starts_again_and_the_break_is_named() {
        let (mut entries, _) = log();
        // The head could not be read: the next commit chains from the start.
        let mut next = vec![entry(6)];
        let head = link(None, &mut next);
        entries.extend(next);
        assert_eq!(
            check(&entries, Some(&head)),
            AuditCheck::OutOfPlace { position: 6 }
        );
    }
}
