//! The pure parts of encryption at rest and the lock: passphrase strength, the recovery key's written form, the
//! wait after failed unlocks, the auto-lock bounds, the additional data that binds a sealed record to its place,
//! HMAC-SHA256 for keyed index codes, and base64 for sealed bytes kept as text.
//!
//! The cipher itself (AES-256-GCM, PBKDF2) is WebCrypto's, in `storage::crypto`; nothing here holds a key.

use crate::domain::sha256::digest;
use crate::domain::validation::{required_text, Field, FieldErrors, Problem, SecurityField};

/// PBKDF2-HMAC-SHA256 iterations for a passphrase (OWASP's 2023 figure for PBKDF2-HMAC-SHA256).
pub const PBKDF2_ITERATIONS: u32 = 600_000;

/// The shortest passphrase accepted, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// Failed unlocks allowed before each further try waits.
pub const FREE_FAILURES: u32 = 5;

/// Auto-lock after this many minutes without input, unless set otherwise.
pub const DEFAULT_LOCK_MINUTES: u32 = 5;
/// The auto-lock setting's bounds, in minutes.
pub const LOCK_MINUTES: std::ops::RangeInclusive<u32> = 1..=30;

/// The fewest failed unlocks "wipe after" may be set to (below it a few typos would wipe the device).
pub const MIN_WIPE_AFTER: u32 = 10;

/// The tag a sealed body starts with: format 1 (AES-256-GCM, 96-bit IV first, then ciphertext and tag, base64).
pub const SEALED_PREFIX: &str = "e1.";

/// How strong a passphrase is, as shown while it is typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// Refused.
    Weak,
    Fair,
    Strong,
}

/// Why a passphrase is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weakness {
    TooShort,
    FewDistinct,
    Common,
    Sequence,
}

/// A passphrase's strength: its estimated entropy in bits and what makes it weak, if anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Assessment {
    pub chars: usize,
    pub bits: u32,
    pub strength: Strength,
    pub weakness: Option<Weakness>,
}

/// Words so common in passwords that a passphrase made of one of them plus digits or symbols is guessed early.
const COMMON: [&str; 16] = [
    "password",
    "passphrase",
    "passwort",
    "qwerty",
    "letmein",
    "welcome",
    "admin",
    "iloveyou",
    "monkey",
    "dragon",
    "sunshine",
    "careplanner",
    "nurse",
    "hospital",
    "clinic",
    "パスワード",
];

/// Estimates a passphrase's strength. It is refused (weak) when shorter than [`MIN_PASSPHRASE_CHARS`], made of
/// fewer than 5 distinct characters, a common word padded with digits or symbols, a straight run of keys or
/// letters, or estimated below 50 bits; 80 bits or more is strong. The estimate is length × log2 of the character
/// classes used (lower, upper, digits, symbols, other scripts), counted on distinct characters when they repeat.
pub fn assess(passphrase: &str) -> Assessment {
    let chars: Vec<char> = passphrase.chars().collect();
    let mut distinct = chars.clone();
    distinct.sort_unstable();
    distinct.dedup();
    // The size of each kind of character used: lower, upper, digits, ASCII symbols, anything else.
    let class = |c: &char| match c {
        'a'..='z' => (0, 26),
        'A'..='Z' => (1, 26),
        '0'..='9' => (2, 10),
        c if c.is_ascii() => (3, 33),
        _ => (4, 2_000),
    };
    let mut used = [0u32; 5];
    for c in &chars {
        let (index, size) = class(c);
        used[index] = size;
    }
    let pool: u32 = used.iter().sum();
    // Repeats add little: count at most twice the distinct characters.
    let effective = chars.len().min(2 * distinct.len());
    let bits = if pool == 0 {
        0
    } else {
        (effective as f64 * (pool as f64).log2()).floor() as u32
    };
    // The passphrase without digits and symbols padding its ends, letters only, with the usual digit-for-letter
    // swaps undone (P4ssw0rd!!2026 is password).
    let folded: String = passphrase
        .trim_matches(|c: char| !c.is_alphabetic())
        .chars()
        .map(|c| match c {
            '4' | '@' => 'a',
            '3' => 'e',
            '1' | '!' => 'i',
            '0' => 'o',
            '5' | '$' => 's',
            '7' => 't',
            c => c,
        })
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let has_letter = chars.iter().any(|c| c.is_alphabetic());
    let weakness = if chars.len() < MIN_PASSPHRASE_CHARS {
        Some(Weakness::TooShort)
    } else if distinct.len() < 5 {
        Some(Weakness::FewDistinct)
    } else if !has_letter || COMMON.contains(&folded.as_str()) {
        Some(Weakness::Common)
    } else if is_run(&chars) {
        Some(Weakness::Sequence)
    } else {
        None
    };
    let strength = match (weakness, bits) {
        (Some(_), _) | (None, 0..50) => Strength::Weak,
        (None, 50..80) => Strength::Fair,
        _ => Strength::Strong,
    };
    Assessment {
        chars: chars.len(),
        bits,
        strength,
        weakness,
    }
}

/// Whether every character follows the one before by the same step of ±1 (abcdef…, 987654…) or comes from one
/// row of a keyboard in order.
fn is_run(chars: &[char]) -> bool {
    let steps: Vec<i64> = chars
        .windows(2)
        .map(|w| w[1] as i64 - w[0] as i64)
        .collect();
    if steps.iter().all(|s| *s == 1) || steps.iter().all(|s| *s == -1) {
        return true;
    }
    let text: String = chars.iter().flat_map(|c| c.to_lowercase()).collect();
    ["qwertyuiopasdfghjklzxcvbnm", "1234567890qwertyuiop"]
        .iter()
        .any(|row| row.repeat(2).contains(&text))
}

/// Seconds to wait before the next unlock may be tried, after `failures` failed ones in a row: none for the first
/// [`FREE_FAILURES`], then 5 s, doubling with each further failure, at most 15 minutes.
pub fn unlock_wait_secs(failures: u32) -> u32 {
    if failures < FREE_FAILURES {
        0
    } else {
        let doublings = (failures - FREE_FAILURES).min(10);
        (5u32 << doublings).min(900)
    }
}

/// The additional authenticated data of a sealed record: the format, the store, the record's key and its revision.
/// A body moved to another record or store, or an older revision put back, fails to open. Index fields are not in
/// it, so a schema migration that only adds an index leaves sealed records valid.
pub fn record_aad(store: &str, key: &str, rev: u32) -> Vec<u8> {
    format!("care-planner/record/{SEALED_PREFIX}\n{store}\n{key}\n{rev}").into_bytes()
}

/// The additional data of a wrapped data key: whose passphrase (or the recovery key) wraps it, in which workspace.
pub fn wrap_aad(workspace: &str, holder: &str) -> Vec<u8> {
    format!("care-planner/key-wrap/1\n{workspace}\n{holder}").into_bytes()
}

/// HMAC-SHA256 (RFC 2104) with the crate's own SHA-256: index codes are keyed synchronously while envelopes are
/// built.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut block = [0u8; BLOCK];
    if key.len() > BLOCK {
        block[..32].copy_from_slice(&digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let padded = |byte: u8, tail: &[u8]| -> Vec<u8> {
        block
            .iter()
            .map(|b| b ^ byte)
            .chain(tail.iter().copied())
            .collect()
    };
    let inner = digest(&padded(0x36, message));
    digest(&padded(0x5c, &inner))
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (RFC 4648 §4).
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (*b as u32) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard base64 with padding; `None` for anything else.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    // Each byte's value, by table (a backup's payload is many megabytes of base64).
    let mut table = [u8::MAX; 256];
    for (i, b) in B64.iter().enumerate() {
        table[*b as usize] = i as u8;
    }
    let value = |c: u8| match table[c as usize] {
        u8::MAX => None,
        v => Some(u32::from(v)),
    };
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for (index, chunk) in bytes.chunks(4).enumerate() {
        let last = index == bytes.len() / 4 - 1;
        let pads = chunk.iter().rev().take_while(|c| **c == b'=').count();
        if pads > 2 || (pads > 0 && !last) {
            return None;
        }
        let mut n = 0u32;
        for (i, c) in chunk[..4 - pads].iter().enumerate() {
            n |= value(*c)? << (18 - 6 * i);
        }
        let take = 3 - pads;
        // Bits a canonical encoding leaves at zero.
        if n & ((1 << (8 * (3 - take))) - 1) != 0 {
            return None;
        }
        out.extend_from_slice(&n.to_be_bytes()[1..1 + take]);
    }
    Some(out)
}

/// Crockford's base32 alphabet (no I, L, O, U), for the recovery key a person writes down.
const B32: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The bytes of a recovery key.
pub const RECOVERY_BYTES: usize = 20;

/// A recovery key's written form: 32 characters of Crockford base32 in eight groups of four.
pub fn recovery_text(bytes: &[u8; RECOVERY_BYTES]) -> String {
    crockford(bytes)
}

/// Reads a recovery key as typed: case, spaces and dashes do not matter, O reads as 0, I and L as 1.
pub fn parse_recovery(text: &str) -> Option<[u8; RECOVERY_BYTES]> {
    parse_crockford(text, RECOVERY_BYTES)?.try_into().ok()
}

/// Bytes (a multiple of five) written in Crockford's base32, in groups of four characters.
pub fn crockford(bytes: &[u8]) -> String {
    let mut bits = 0u64;
    let mut held = 0;
    let mut chars = String::new();
    for b in bytes {
        bits = bits << 8 | *b as u64;
        held += 8;
        while held >= 5 {
            held -= 5;
            chars.push(B32[(bits >> held & 31) as usize] as char);
        }
    }
    chars
        .as_bytes()
        .chunks(4)
        .map(|g| std::str::from_utf8(g).expect("ASCII"))
        .collect::<Vec<_>>()
        .join("-")
}

/// Reads `len` bytes (a multiple of five) written by `crockford`, as a person types them: case, spaces and dashes
/// do not matter, O reads as 0, I and L as 1. `None` for any other character or length.
pub fn parse_crockford(text: &str, len: usize) -> Option<Vec<u8>> {
    let mut bits = 0u64;
    let mut held = 0;
    let mut out = Vec::with_capacity(len);
    let mut count = 0;
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '-') {
        let c = match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        let v = B32.iter().position(|b| *b as char == c)? as u64;
        count += 1;
        if count > len * 8 / 5 {
            return None;
        }
        bits = bits << 5 | v;
        held += 5;
        if held >= 8 {
            held -= 8;
            out.push((bits >> held & 0xff) as u8);
        }
    }
    (count == len * 8 / 5).then_some(out)
}

/// The longest passphrase accepted, in characters (PBKDF2 takes any length; this bounds what a form holds).
pub const MAX_PASSPHRASE_CHARS: usize = 1_000;

/// A new passphrase and the same typed again (in the fields `fields`): strong enough, and the same.
fn new_passphrase(
    errors: &mut FieldErrors,
    passphrase: &str,
    again: &str,
    fields: (SecurityField, SecurityField),
) {
    let field = Field::Security(fields.0);
    let assessment = assess(passphrase);
    if passphrase.is_empty() {
        errors.push(field, Problem::Required);
    } else if passphrase.chars().count() > MAX_PASSPHRASE_CHARS {
        errors.push(
            field,
            Problem::TooLong {
                max: MAX_PASSPHRASE_CHARS,
            },
        );
    } else if let Some(weakness) = assessment.weakness {
        errors.push(field, Problem::PassphraseWeak(weakness));
    } else if assessment.strength == Strength::Weak {
        errors.push(field, Problem::PassphraseGuessable);
    } else if again != passphrase {
        errors.push(Field::Security(fields.1), Problem::PassphrasesDiffer);
    }
}

fn required_secret(errors: &mut FieldErrors, field: SecurityField, value: &str) {
    if value.is_empty() {
        errors.push(Field::Security(field), Problem::Required);
    }
}

/// The first start: the first user's name and passphrase.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SetupDraft {
    pub name: String,
    pub passphrase: String,
    pub again: String,
}

impl SetupDraft {
    /// The name (cleaned) and the passphrase.
    pub fn validate(&self) -> Result<(String, String), FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = required_text(
            &mut errors,
            Field::Security(SecurityField::UserName),
            &self.name,
            crate::domain::client::NAME_MAX,
        );
        new_passphrase(
            &mut errors,
            &self.passphrase,
            &self.again,
            (SecurityField::Passphrase, SecurityField::PassphraseAgain),
        );
        errors.into_result((name, self.passphrase.clone()))
    }
}

/// Unlocking: who, and their passphrase.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnlockDraft {
    pub user: String,
    pub passphrase: String,
}

impl UnlockDraft {
    pub fn validate(&self) -> Result<(String, String), FieldErrors> {
        let mut errors = FieldErrors::default();
        if self.user.is_empty() {
            errors.push(
                Field::Security(SecurityField::User),
                Problem::ChoiceRequired,
            );
        }
        required_secret(&mut errors, SecurityField::Passphrase, &self.passphrase);
        errors.into_result((self.user.clone(), self.passphrase.clone()))
    }
}

/// A forgotten passphrase: who, the recovery key, and their new passphrase.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecoverDraft {
    pub user: String,
    pub key: String,
    pub passphrase: String,
    pub again: String,
}

impl RecoverDraft {
    /// Who, the recovery key as typed, and the new passphrase.
    pub fn validate(&self) -> Result<(String, String, String), FieldErrors> {
        let mut errors = FieldErrors::default();
        if self.user.is_empty() {
            errors.push(
                Field::Security(SecurityField::User),
                Problem::ChoiceRequired,
            );
        }
        let key = Field::Security(SecurityField::RecoveryKey);
        if self.key.trim().is_empty() {
            errors.push(key, Problem::Required);
        } else if parse_recovery(&self.key).is_none() {
            errors.push(key, Problem::RecoveryKeyMalformed);
        }
        new_passphrase(
            &mut errors,
            &self.passphrase,
            &self.again,
            (
                SecurityField::NewPassphrase,
                SecurityField::NewPassphraseAgain,
            ),
        );
        errors.into_result((self.user.clone(), self.key.clone(), self.passphrase.clone()))
    }
}

/// A new user: their name (no other user's), their passphrase, and the acting user's to confirm.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AddUserDraft {
    pub name: String,
    pub passphrase: String,
    pub again: String,
    pub mine: String,
}

impl AddUserDraft {
    /// The name, their passphrase and yours; `users` are the names that can unlock already.
    pub fn validate(&self, users: &[String]) -> Result<(String, String, String), FieldErrors> {
        let mut errors = FieldErrors::default();
        let field = Field::Security(SecurityField::NewUserName);
        let name = required_text(
            &mut errors,
            field,
            &self.name,
            crate::domain::client::NAME_MAX,
        );
        let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
        if !name.is_empty() && users.iter().any(|u| same(u, &name)) {
            errors.push(field, Problem::NameTaken);
        }
        new_passphrase(
            &mut errors,
            &self.passphrase,
            &self.again,
            (
                SecurityField::TheirPassphrase,
                SecurityField::TheirPassphraseAgain,
            ),
        );
        required_secret(&mut errors, SecurityField::YourPassphrase, &self.mine);
        errors.into_result((name, self.passphrase.clone(), self.mine.clone()))
    }
}

/// Changing one's passphrase: the current one and the new one, twice.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangeDraft {
    pub current: String,
    pub passphrase: String,
    pub again: String,
}

impl ChangeDraft {
    /// The current and the new passphrase.
    pub fn validate(&self) -> Result<(String, String), FieldErrors> {
        let mut errors = FieldErrors::default();
        required_secret(&mut errors, SecurityField::CurrentPassphrase, &self.current);
        if !self.current.is_empty() && self.current == self.passphrase {
            errors.push(
                Field::Security(SecurityField::NewPassphrase),
                Problem::SamePassphrase,
            );
        } else {
            new_passphrase(
                &mut errors,
                &self.passphrase,
                &self.again,
                (
                    SecurityField::NewPassphrase,
                    SecurityField::NewPassphraseAgain,
                ),
            );
        }
        errors.into_result((self.current.clone(), self.passphrase.clone()))
    }
}

/// The lock settings: auto-lock minutes, and the failed unlocks that wipe the device (blank: never).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LockSettingsDraft {
    pub minutes: String,
    pub wipe_after: String,
}

impl LockSettingsDraft {
    pub fn of(minutes: u32, wipe_after: Option<u32>) -> LockSettingsDraft {
        LockSettingsDraft {
            minutes: minutes.to_string(),
            wipe_after: wipe_after.map(|n| n.to_string()).unwrap_or_default(),
        }
    }

    pub fn validate(&self) -> Result<(u32, Option<u32>), FieldErrors> {
        let mut errors = FieldErrors::default();
        let minutes =
            match crate::domain::validation::fold_width(self.minutes.trim()).parse::<u32>() {
                Ok(n) if LOCK_MINUTES.contains(&n) => n,
                _ => {
                    errors.push(
                        Field::Security(SecurityField::LockMinutes),
                        Problem::LockMinutesOutOfRange,
                    );
                    DEFAULT_LOCK_MINUTES
                }
            };
        let wipe = crate::domain::validation::fold_width(self.wipe_after.trim());
        let wipe_after = if wipe.is_empty() {
            None
        } else {
            match wipe.parse::<u32>() {
                Ok(n) if n >= MIN_WIPE_AFTER => Some(n),
                _ => {
                    errors.push(
                        Field::Security(SecurityField::WipeAfter),
                        Problem::WipeAfterOutOfRange,
                    );
                    None
                }
            }
        };
        errors.into_result((minutes, wipe_after))
    }
}

/// What a lock keeps of the page for the user who locked: where they were and what they had typed and not saved
/// (sealed with the workspace's key while locked; given back only to the same user).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LockDraft {
    /// The staff id of the user who locked.
    pub user: String,
    /// The address (path and query) of the page.
    pub path: String,
    /// Each form field's element id and value (`"true"`/`"false"` for a tick box); passphrase fields never.
    pub fields: Vec<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_sha256_matches_rfc_4231() {
        // RFC 4231, test cases 1, 2 and 6 (a key longer than the block).
        assert_eq!(
            hex(&hmac_sha256(&[0x0b; 20], b"Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        );
        assert_eq!(
            hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert_eq!(
            hex(&hmac_sha256(
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            )),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn base64_matches_rfc_4648_and_refuses_what_is_not_canonical() {
        // RFC 4648 §10.
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64_encode(plain.as_bytes()), coded);
            assert_eq!(base64_decode(coded).unwrap(), plain.as_bytes());
        }
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(base64_decode(&base64_encode(&all)).unwrap(), all);
        for bad in ["Zg=", "Zg==Zg==", "Z===", "Zh==", "Zm9v!A==", "Zm.v"] {
            assert_eq!(base64_decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_recovery_key_is_written_in_groups_and_read_back_forgivingly() {
        let bytes: [u8; RECOVERY_BYTES] = core::array::from_fn(|i| (i * 37 + 11) as u8);
        let text = recovery_text(&bytes);
        assert_eq!(text.len(), 32 + 7);
        assert!(text.split('-').all(|g| g.len() == 4));
        assert_eq!(parse_recovery(&text), Some(bytes));
        let sloppy = text
            .to_lowercase()
            .replace('-', " ")
            .replace('0', "o")
            .replace('1', "l");
        assert_eq!(parse_recovery(&sloppy), Some(bytes));
        assert_eq!(parse_recovery(&text[..text.len() - 1]), None);
        assert_eq!(parse_recovery(&format!("{text}0")), None);
        assert_eq!(parse_recovery(&text.replace(&text[..1], "U")), None);
        assert_eq!(
            recovery_text(&[0; RECOVERY_BYTES]),
            "0000-0000-0000-0000-0000-0000-0000-0000"
        );
        assert_eq!(
            recovery_text(&[0xff; RECOVERY_BYTES]),
            "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ"
        );
    }

    #[test]
    fn weak_passphrases_are_refused_with_their_reason() {
        for (pass, why) in [
            ("short pass", Weakness::TooShort),
            ("aaaaaaaaaaaaaaaa", Weakness::FewDistinct),
            ("abababababababab", Weakness::FewDistinct),
            ("Password123456!", Weakness::Common),
            ("P4ssw0rd!!2026", Weakness::Common),
            ("123456789012", Weakness::Common),
            ("abcdefghijklmn", Weakness::Sequence),
            ("qwertyuiopasdf", Weakness::Sequence),
            ("パスワード1234567", Weakness::Common),
        ] {
            let a = assess(pass);
            assert_eq!(a.weakness, Some(why), "{pass}");
            assert_eq!(a.strength, Strength::Weak, "{pass}");
        }
        // Long enough and varied, but too little entropy: weak without a named reason.
        let a = assess("abcdeabcdeab");
        assert_eq!((a.strength, a.weakness), (Strength::Weak, None));
    }

    #[test]
    fn strength_grows_with_length_and_variety_in_any_script() {
        assert_eq!(
            assess("correct horse battery staple").strength,
            Strength::Strong
        );
        assert_eq!(assess("lime tablets").strength, Strength::Fair);
        assert_eq!(assess("Tablet-Lime-42").strength, Strength::Strong);
        let japanese = assess("さくらの花が咲く春の日");
        assert_eq!(japanese.chars, 11);
        assert_eq!(japanese.weakness, Some(Weakness::TooShort));
        assert_eq!(
            assess("さくらの花が咲く春の日に").strength,
            Strength::Strong
        );
        // The boundary at 50 bits: 10 distinct lower-case letters and digits… (36-symbol pool: 5.17 bits each).
        assert_eq!(assess("k3v9x2m7q8w4").bits, 62);
        assert_eq!(assess("k3v9x2m7q8w4").strength, Strength::Fair);
    }

    #[test]
    fn unlocks_wait_after_five_failures_and_longer_each_time() {
        let waits: Vec<u32> = (0..=20).map(unlock_wait_secs).collect();
        assert_eq!(&waits[..5], &[0, 0, 0, 0, 0]);
        assert_eq!(&waits[5..10], &[5, 10, 20, 40, 80]);
        assert_eq!(waits[20], 900);
        assert!(waits.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn new_passphrases_must_be_strong_and_typed_twice_alike() {
        let problem = |d: &SetupDraft, f: SecurityField| {
            d.validate().err().and_then(|e| e.get(Field::Security(f)))
        };
        let mut d = SetupDraft {
            name: "  Nurse Sato ".into(),
            passphrase: "lantern orchard velvet".into(),
            again: "lantern orchard velvet".into(),
        };
        assert_eq!(
            d.validate(),
            Ok(("Nurse Sato".into(), "lantern orchard velvet".into()))
        );
        d.again = "lantern orchard velvot".into();
        assert_eq!(
            problem(&d, SecurityField::PassphraseAgain),
            Some(Problem::PassphrasesDiffer)
        );
        d.passphrase = "password2026".into();
        assert_eq!(
            problem(&d, SecurityField::Passphrase),
            Some(Problem::PassphraseWeak(Weakness::Common))
        );
        assert_eq!(
            problem(&d, SecurityField::PassphraseAgain),
            None,
            "one problem at a time"
        );
        d.passphrase = "abcdeabcdeab".into();
        assert_eq!(
            problem(&d, SecurityField::Passphrase),
            Some(Problem::PassphraseGuessable)
        );
        d.passphrase = String::new();
        d.name = " ".into();
        assert_eq!(
            problem(&d, SecurityField::Passphrase),
            Some(Problem::Required)
        );
        assert_eq!(
            problem(&d, SecurityField::UserName),
            Some(Problem::Required)
        );
    }

    #[test]
    fn other_security_forms_say_what_is_wrong_with_each_field() {
        let change = ChangeDraft {
            current: "lantern orchard velvet".into(),
            passphrase: "lantern orchard velvet".into(),
            again: "lantern orchard velvet".into(),
        };
        assert_eq!(
            change
                .validate()
                .unwrap_err()
                .get(Field::Security(SecurityField::NewPassphrase)),
            Some(Problem::SamePassphrase)
        );
        let add = AddUserDraft {
            name: "nurse sato".into(),
            passphrase: "a different long phrase".into(),
            again: "a different long phrase".into(),
            mine: String::new(),
        };
        let errors = add.validate(&["Nurse Sato".into()]).unwrap_err();
        assert_eq!(
            errors.get(Field::Security(SecurityField::NewUserName)),
            Some(Problem::NameTaken)
        );
        assert_eq!(
            errors.get(Field::Security(SecurityField::YourPassphrase)),
            Some(Problem::Required)
        );
        let recover = RecoverDraft {
            user: "u".into(),
            key: "ABCD-EFGH".into(),
            ..RecoverDraft::default()
        };
        assert_eq!(
            recover
                .validate()
                .unwrap_err()
                .get(Field::Security(SecurityField::RecoveryKey)),
            Some(Problem::RecoveryKeyMalformed)
        );
        for (minutes, wipe, ok) in [
            ("1", "", Some((1, None))),
            ("30", "10", Some((30, Some(10)))),
            ("３０", "", Some((30, None))),
            ("0", "", None),
            ("31", "", None),
            ("5", "9", None),
            ("five", "", None),
        ] {
            let draft = LockSettingsDraft {
                minutes: minutes.into(),
                wipe_after: wipe.into(),
            };
            assert_eq!(draft.validate().ok(), ok, "{minutes} {wipe}");
        }
        assert_eq!(LockSettingsDraft::of(5, None).validate(), Ok((5, None)));
    }

    #[test]
    fn the_record_aad_names_the_format_store_key_and_revision() {
        assert_eq!(
            record_aad("clients", "k", 3),
            b"care-planner/record/e1.\nclients\nk\n3".to_vec()
        );
        assert_ne!(record_aad("clients", "k", 3), record_aad("clients", "k", 2));
        assert_ne!(record_aad("clients", "k", 3), record_aad("cases", "k", 3));
    }
}
