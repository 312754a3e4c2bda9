//! The outer format shared by the backup and the handover files: a versioned, line-based text file of a magic word
//! with the format number, a clear JSON header, the sealed payload as base64, and a SHA-256 checksum over
//! everything before it. Pure: `read` tells a damaged, truncated, foreign or newer file apart before any key is
//! used, and never trusts what the checksum covers before checking it.
//!
//! ```text
//! <MAGIC> <format>
//! {<the header, with "payload": the payload line's length>}
//! <base64 of the sealed payload>
//! sha256 <hex of the SHA-256 of the three lines above, newlines included>
//! ```

use crate::domain::security::{base64_decode, base64_encode};
use crate::domain::sha256;
use serde::de::DeserializeOwned;
use serde::Serialize;

const CHECKSUM: &str = "sha256 ";

/// A file's clear header: it says how long its payload line is, so a file cut inside it reads as cut.
pub trait Head: Serialize + DeserializeOwned {
    fn payload(&self) -> u64;
    fn with_payload(&self, payload: u64) -> Self;
}

/// Why a backup or handover file cannot be read, as the user is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Not a file of this kind at all (not a backup, or not a handover).
    NotABackup,
    /// Made by a newer version of the app (its format number).
    Newer(u32),
    /// Cut short: it ends before its checksum.
    Truncated,
    /// Its bytes changed since it was written (the checksum does not match, or a part cannot be read).
    Damaged,
    /// The checksum matches but the content does not open: edited by someone who recomputed the checksum.
    Tampered,
    /// The passphrase (or recovery key) given does not open it.
    WrongPassphrase,
    /// The workspace to restore into already holds records.
    NotEmpty,
}

/// The file's text for `header` (its `payload` count is set here) and the sealed payload.
pub fn write<H: Head>(magic: &str, format: u32, header: &H, sealed: &[u8]) -> String {
    let payload = base64_encode(sealed);
    let header = header.with_payload(payload.len() as u64);
    let mut text = format!("{magic} {format}\n");
    text.push_str(&serde_json::to_string(&header).expect("a header always serialises"));
    text.push('\n');
    text.push_str(&payload);
    text.push('\n');
    let sum = sha256::hex_digest(text.as_bytes());
    text.push_str(CHECKSUM);
    text.push_str(&sum);
    text.push('\n');
    text
}

/// Reads a file's bytes, checking everything that can be checked without a key. The checksum is checked before
/// anything it covers is trusted (the format number included), so a changed byte reads as damage.
pub fn read<H: Head>(bytes: &[u8], magic: &str, newest: u32) -> Result<(H, Vec<u8>), Problem> {
    let first_end = bytes.iter().position(|b| *b == b'\n');
    // Lines converted to CR LF on the way (a mail, a text editor): read as they were written.
    let unconverted: Vec<u8>;
    let bytes = match first_end {
        Some(end) if end > 0 && bytes[end - 1] == b'\r' => {
            unconverted = bytes.iter().copied().filter(|b| *b != b'\r').collect();
            &unconverted[..]
        }
        _ => bytes,
    };
    let first_end = bytes.iter().position(|b| *b == b'\n');
    let first = &bytes[..first_end.unwrap_or(bytes.len())];
    if !first.starts_with(magic.as_bytes()) {
        // Cut inside its very first word, or another file altogether.
        let cut = first_end.is_none() && !first.is_empty() && magic.as_bytes().starts_with(first);
        return Err(if cut {
            Problem::Truncated
        } else {
            Problem::NotABackup
        });
    }
    let version = &first[magic.len()..];
    let format: Option<u32> = version
        .strip_prefix(b" ")
        .and_then(|v| std::str::from_utf8(v).ok())
        .and_then(|v| v.parse().ok());
    let newer = format.filter(|f| *f > newest);
    let Some(body_end) = find_checksum(bytes) else {
        return Err(match (newer, first_end) {
            (Some(f), _) => Problem::Newer(f),
            // A whole first line that names no format this app knows.
            (None, Some(_)) if format.is_none_or(|f| f == 0) => Problem::NotABackup,
            _ if changed_not_cut(bytes) => Problem::Damaged,
            _ => Problem::Truncated,
        });
    };
    let (body, tail) = bytes.split_at(body_end);
    let sum = &tail[CHECKSUM.len()..];
    let hex = |s: &[u8]| s.iter().all(u8::is_ascii_hexdigit);
    match sum.strip_suffix(b"\n") {
        // Cut inside the sum, or just before its newline.
        None if sum.len() <= 64 && hex(sum) => return Err(Problem::Truncated),
        None => return Err(Problem::Damaged),
        Some(sum) if sum != sha256::hex_digest(body).as_bytes() => {
            return Err(newer.map_or(Problem::Damaged, Problem::Newer))
        }
        Some(_) => {}
    }
    // The checksum holds: what follows was written as it is, by this app or by someone who recomputed the sum.
    match format {
        Some(f) if f > newest => return Err(Problem::Newer(f)),
        Some(f) if f > 0 => {}
        _ => return Err(Problem::NotABackup),
    }
    let first_end = first_end.ok_or(Problem::Tampered)?;
    let rest = std::str::from_utf8(&body[first_end + 1..]).map_err(|_| Problem::Tampered)?;
    let mut lines = rest.split('\n');
    let header_line = lines.next().ok_or(Problem::Tampered)?;
    let payload_line = lines.next().ok_or(Problem::Tampered)?;
    if lines.next() != Some("") || lines.next().is_some() {
        return Err(Problem::Tampered);
    }
    let header: H = serde_json::from_str(header_line).map_err(|_| Problem::Tampered)?;
    if header.payload() != payload_line.len() as u64 {
        return Err(Problem::Tampered);
    }
    let sealed = base64_decode(payload_line).ok_or(Problem::Tampered)?;
    Ok((header, sealed))
}

/// Where the checksum line starts, if the last line (the one after the last newline but the final one) is one.
fn find_checksum(bytes: &[u8]) -> Option<usize> {
    let without_last = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    let start = without_last.iter().rposition(|b| *b == b'\n')? + 1;
    bytes[start..]
        .starts_with(CHECKSUM.as_bytes())
        .then_some(start)
}

/// A file with no checksum line that was changed rather than cut: all four lines there but the last not a
/// checksum, or a whole checksum at the end whose line break before it was changed.
fn changed_not_cut(bytes: &[u8]) -> bool {
    let lines = bytes.iter().filter(|b| **b == b'\n').count();
    if bytes.ends_with(b"\n") && lines >= 4 {
        return true;
    }
    let tail = CHECKSUM.len() + 64 + 1;
    bytes.len() > tail
        && bytes.ends_with(b"\n")
        && bytes[bytes.len() - tail..].starts_with(CHECKSUM.as_bytes())
}
