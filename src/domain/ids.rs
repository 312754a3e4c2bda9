//! Record identifiers: random (version 4) UUIDs. The randomness comes from the caller, so this module stays pure.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

/// The identifier of a client, a case or any other record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(Uuid);

impl Id {
    /// A version 4 UUID made from 16 random bytes (the version and variant bits are set here).
    pub fn from_random_bytes(bytes: [u8; 16]) -> Self {
        Id(uuid::Builder::from_random_bytes(bytes).into_uuid())
    }

    /// The id's 16 bytes.
    pub fn as_bytes(&self) -> &[u8; 16] {
        self.0.as_bytes()
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

impl FromStr for Id {
    type Err = uuid::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s).map(Id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_bytes_make_a_version_4_uuid_that_round_trips() {
        let id = Id::from_random_bytes([0xff; 16]);
        let text = id.to_string();
        assert_eq!(text.len(), 36);
        assert_eq!(&text[14..15], "4", "version nibble");
        assert!(
            matches!(&text[19..20], "8" | "9" | "a" | "b"),
            "RFC 4122 variant"
        );
        assert_eq!(text.parse::<Id>().unwrap(), id);
        assert!("not-an-id".parse::<Id>().is_err());
    }
}
