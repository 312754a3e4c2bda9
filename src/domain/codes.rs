//! Enums known by a fixed code: one list per enum gives `ALL`, `code`, `from_code` and its stored (serde) form.
//!
//! The code is what records store, indexes hold and forms and addresses carry, so it never changes once released;
//! it is the variant's name in snake case, as serde's `rename_all = "snake_case"` wrote it before this macro. One
//! serde implementation reads every such enum as a string and looks it up: derived enum deserialisers cost about
//! 1 KB of wasm each. `code` matches every variant, so a variant missing from the list does not compile.

macro_rules! codes {
    ($name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        impl $name {
            /// Every value, in the order forms and lists show them.
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];

            /// The stable code: stored in records and indexes, carried by forms and addresses.
            pub const fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|value| value.code() == code)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let code = <String as serde::Deserialize>::deserialize(deserializer)?;
                $name::from_code(&code).ok_or_else(|| {
                    <D::Error as serde::de::Error>::custom($crate::domain::codes::unknown(&code))
                })
            }
        }
    };
}

pub(crate) use codes;

/// The message for a code no value has (a record written by a newer version, or damaged).
pub fn unknown(code: &str) -> String {
    format!("unknown code {code:?}")
}

#[cfg(test)]
mod tests {
    /// serde's `rename_all = "snake_case"`: an underscore before each inner capital, all lower case.
    fn snake_case(name: &str) -> String {
        let mut out = String::new();
        for (i, c) in name.chars().enumerate() {
            if c.is_ascii_uppercase() && i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        }
        out
    }

    macro_rules! check {
        ($($t:ty),+) => {$(
            for value in <$t>::ALL {
                let stored = serde_json::to_string(&value).unwrap();
                assert_eq!(stored, format!("\"{}\"", snake_case(&format!("{value:?}"))), "{}", stringify!($t));
                assert_eq!(serde_json::from_str::<$t>(&stored).unwrap(), value);
                assert_eq!(<$t>::from_code(value.code()), Some(value));
            }
            assert!(serde_json::from_str::<$t>("\"no_such_code\"").unwrap_err().to_string().contains("no_such_code"));
        )+};
    }

    #[test]
    fn every_code_is_the_snake_case_name_stored_before_and_reads_back() {
        use crate::domain::assessment::{AssessmentStatus, Section};
        use crate::domain::audit::{Action, EntityKind};
        use crate::domain::case::{CaseModel, CaseStatus, Specialty};
        use crate::domain::client::Gender;
        use crate::domain::instruments::{AhcDomain, Band, Instrument, LaceCondition};
        use crate::domain::phase::Phase;
        use crate::domain::risk::{Rule, Tier};
        use crate::domain::screening::{Criterion, Decision};
        use crate::domain::task::{Priority, TaskKind};
        check!(
            Specialty,
            CaseModel,
            CaseStatus,
            Criterion,
            Decision,
            Gender,
            Phase,
            EntityKind,
            Action,
            LaceCondition,
            Instrument,
            Band,
            AhcDomain,
            Tier,
            Rule,
            Section,
            AssessmentStatus,
            TaskKind,
            Priority
        );
    }
}
