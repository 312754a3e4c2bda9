//! The backup file's outer format: a versioned, line-based text file whose sealed payload (the whole workspace,
//! encrypted by storage) is carried as base64, with the clear keyring needed to open it and a SHA-256 checksum over
//! everything before it. Pure: writing and reading never touch a key; `read` tells a damaged, truncated, foreign
//! or newer file apart before anything is decrypted or written.
//!
//! ```text
//! CARE-PLANNER-BACKUP 1
//! {"made":"2026-11-25T09:00:00Z","schema":8,"records":1234,"payload":5678,"keyring":"{…}"}
//! <base64 of the sealed payload: IV ‖ AES-GCM ciphertext ‖ tag>
//! sha256 <hex of the SHA-256 of the three lines above, newlines included>
//! ```

use crate::domain::envelope;
use crate::domain::sha256;
use serde::{Deserialize, Serialize};

/// The first word of every backup file.
pub const MAGIC: &str = "CARE-PLANNER-BACKUP";
/// The format this version writes and the newest it reads.
pub const FORMAT: u32 = 1;

/// What the file says about itself, in the clear.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// When the backup was made (RFC 3339, UTC).
    pub made: String,
    /// The database schema version of the workspace it was made from.
    pub schema: u32,
    /// How many records the payload holds (shown before restoring).
    pub records: u64,
    /// How many base64 characters the payload line has: a file cut short inside it is told from a damaged one.
    pub payload: u64,
    /// The workspace's keyring as stored (JSON): the data key wrapped for each user and for the recovery key.
    pub keyring: String,
}

/// A backup as read: its header and its sealed payload's bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backup {
    pub header: Header,
    pub sealed: Vec<u8>,
}

pub use crate::domain::envelope::Problem;

/// The additional data the payload is sealed with: what the header says of it, the keyring's hash included, so
/// a payload moved under another header (another date, another count, an older keyring of the same workspace
/// with users since removed) does not open.
pub fn payload_aad(header: &Header) -> Vec<u8> {
    format!(
        "{MAGIC} {FORMAT}\n{}\n{}\n{}\n{}",
        header.made,
        header.schema,
        header.records,
        sha256::hex_digest(header.keyring.as_bytes())
    )
    .into_bytes()
}

/// The backup file's name for a backup made on `day` (`YYYY-MM-DD`).
pub fn file_name(day: &str) -> String {
    format!("care-planner-backup-{day}.cpbackup")
}

/// The backup file's text for `header` (its `payload` count is set here) and the sealed payload.
pub fn write(header: &Header, sealed: &[u8]) -> String {
    envelope::write(MAGIC, FORMAT, header, sealed)
}

/// Reads a backup file's bytes, checking everything that can be checked without a key (`envelope::read`).
pub fn read(bytes: &[u8]) -> Result<Backup, Problem> {
    let (header, sealed) = envelope::read(bytes, MAGIC, FORMAT)?;
    Ok(Backup { header, sealed })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::security::base64_encode;

    fn header() -> Header {
        Header {
            made: "2026-11-25T09:00:00Z".into(),
            schema: 8,
            records: 3,
            payload: 0,
            keyring: r#"{"users":[{"name":"佐藤"}]}"#.into(),
        }
    }

    fn sample() -> (String, Vec<u8>) {
        let sealed: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        (write(&header(), &sealed), sealed)
    }

    #[test]
    fn a_written_backup_reads_back_as_written() {
        let (text, sealed) = sample();
        let backup = read(text.as_bytes()).unwrap();
        assert_eq!(backup.sealed, sealed);
        assert_eq!(
            backup.header,
            Header {
                payload: base64_encode(&sealed).len() as u64,
                ..header()
            }
        );
        assert!(text.starts_with("CARE-PLANNER-BACKUP 1\n"));
        assert!(text.ends_with('\n'));
    }

    #[test]
    fn a_file_cut_anywhere_is_truncated() {
        let (text, _) = sample();
        let bytes = text.as_bytes();
        for cut in 1..bytes.len() {
            assert_eq!(
                read(&bytes[..cut]).unwrap_err(),
                Problem::Truncated,
                "cut after {cut} bytes: {:?}",
                String::from_utf8_lossy(&bytes[cut.saturating_sub(10)..cut])
            );
        }
        assert_eq!(read(b"").unwrap_err(), Problem::NotABackup);
    }

    #[test]
    fn a_changed_byte_is_damage_and_a_recomputed_sum_is_tampering() {
        let (text, _) = sample();
        let header_at = text.find('{').unwrap();
        let payload_at = text.find("\nAAEC").unwrap() + 5;
        let sum_at = text.rfind("sha256 ").unwrap();
        for at in [header_at + 3, payload_at, sum_at + 2, sum_at + 10] {
            let mut bytes = text.clone().into_bytes();
            bytes[at] ^= 0x01;
            assert_eq!(read(&bytes).unwrap_err(), Problem::Damaged, "byte {at}");
        }
        // The payload changed and the checksum recomputed: the sum matches, the content is not what was written.
        let body_end = text.rfind("sha256 ").unwrap();
        let mut body = text[..body_end].to_string();
        body = body.replace("\"records\":3", "\"records\":3,\"extra\":1");
        let forged = format!("{body}sha256 {}\n", sha256::hex_digest(body.as_bytes()));
        assert!(
            read(forged.as_bytes()).is_ok(),
            "unknown header fields are ignored"
        );
        let short = body.replacen("AAEC", "AAE", 1);
        let forged = format!("{short}sha256 {}\n", sha256::hex_digest(short.as_bytes()));
        assert_eq!(read(forged.as_bytes()).unwrap_err(), Problem::Tampered);
    }

    #[test]
    fn line_breaks_converted_to_crlf_read_as_written_and_changed_breaks_are_damage() {
        let (text, sealed) = sample();
        let converted = text.replace('\n', "\r\n");
        assert_eq!(read(converted.as_bytes()).unwrap().sealed, sealed);
        // The last newline, or the one before the checksum, changed: damaged, not cut short.
        let mut last = text.clone().into_bytes();
        *last.last_mut().unwrap() = b'x';
        assert_eq!(read(&last).unwrap_err(), Problem::Damaged);
        let before_sum = text.rfind("\nsha256 ").unwrap();
        let mut joined = text.clone().into_bytes();
        joined[before_sum] = b' ';
        assert_eq!(read(&joined).unwrap_err(), Problem::Damaged);
        // The format number changed: to one this app does not know, it reads as newer (the two cannot be told
        // apart); to 0, as damage.
        let flipped = text.replacen("BACKUP 1", "BACKUP 3", 1);
        assert_eq!(read(flipped.as_bytes()).unwrap_err(), Problem::Newer(3));
        let flipped = text.replacen("BACKUP 1", "BACKUP 0", 1);
        assert_eq!(read(flipped.as_bytes()).unwrap_err(), Problem::Damaged);
    }

    #[test]
    fn other_files_and_newer_formats_are_named() {
        assert_eq!(read(b"hello\n").unwrap_err(), Problem::NotABackup);
        assert_eq!(
            read(b"{\"resourceType\":\"Bundle\"}").unwrap_err(),
            Problem::NotABackup
        );
        assert_eq!(
            read(b"CARE-PLANNER-BACKUP x\n").unwrap_err(),
            Problem::NotABackup
        );
        assert_eq!(
            read(b"CARE-PLANNER-BACKUP 0\n").unwrap_err(),
            Problem::NotABackup
        );
        let (text, _) = sample();
        let newer = text.replacen("BACKUP 1", "BACKUP 2", 1);
        assert_eq!(read(newer.as_bytes()).unwrap_err(), Problem::Newer(2));
        assert_eq!(
            read(b"CARE-PLANNER-BACKUP 17").unwrap_err(),
            Problem::Newer(17)
        );
    }
}
