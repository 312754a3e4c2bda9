//! Clients: who they are, how to reach them and their support person, and their consent to case management.

use crate::domain::ids::Id;
use crate::domain::validation::{
    optional_email, optional_kana, optional_long_text, optional_past_date, optional_phone,
    optional_text, required_past_date, required_text, Field, FieldErrors, Problem,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 200;
pub const SHORT_TEXT_MAX: usize = 200;
pub const ADDRESS_MAX: usize = 500;

/// A registered client.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Client {
    pub id: Id,
    pub details: ClientDetails,
    #[serde(with = "crate::domain::stored_time::instant")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "crate::domain::stored_time::instant")]
    pub updated_at: DateTime<Utc>,
}

impl Client {
    /// The name to greet the client by: the preferred name when there is one.
    pub fn display_name(&self) -> &str {
        self.details
            .preferred_name
            .as_deref()
            .unwrap_or(&self.details.full_name)
    }
}

/// Everything the registration form records, validated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClientDetails {
    pub full_name: String,
    /// The kana reading of the name (ふりがな), when it has one: lists sort by it, and search finds it.
    #[serde(default)]
    pub name_reading: Option<String>,
    /// The name in its parts, when it was entered so (Japanese names: family name first, each part with its own
    /// reading). `full_name` and `name_reading` are then composed from them.
    #[serde(default)]
    pub name_parts: Option<NameParts>,
    pub preferred_name: Option<String>,
    #[serde(with = "crate::domain::stored_time::optional_date", default)]
    pub date_of_birth: Option<NaiveDate>,
    pub gender: Option<Gender>,
    pub preferred_language: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub support_contact: Option<SupportContact>,
    pub consent: Option<Consent>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
    NonBinary,
    Other,
    NotDisclosed,
}

crate::domain::codes::codes!(Gender {
    Female => "female",
    Male => "male",
    NonBinary => "non_binary",
    Other => "other",
    NotDisclosed => "not_disclosed",
});

/// A support person or emergency contact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportContact {
    pub name: String,
    pub relation: Option<String>,
    pub phone: Option<String>,
}

/// The client's decision about case management, and who recorded it when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub given: bool,
    #[serde(with = "crate::domain::stored_time::date")]
    pub date: NaiveDate,
    pub recorded_by: String,
}

/// What the consent radio buttons hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ConsentChoice {
    #[default]
    NotRecorded,
    Given,
    NotGiven,
}

impl ConsentChoice {
    pub const ALL: [ConsentChoice; 3] = [
        ConsentChoice::NotRecorded,
        ConsentChoice::Given,
        ConsentChoice::NotGiven,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ConsentChoice::NotRecorded => "not_recorded",
            ConsentChoice::Given => "given",
            ConsentChoice::NotGiven => "not_given",
        }
    }

    pub fn from_code(code: &str) -> ConsentChoice {
        ConsentChoice::ALL
            .into_iter()
            .find(|c| c.code() == code)
            .unwrap_or_default()
    }
}

/// A name as family name and given name, each with an optional kana reading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameParts {
    pub family: String,
    pub given: Option<String>,
    pub family_reading: Option<String>,
    pub given_reading: Option<String>,
}

impl NameParts {
    /// The whole name as written in Japanese: family name, a space, given name.
    pub fn full_name(&self) -> String {
        join_parts(Some(&self.family), self.given.as_ref())
    }

    /// The whole reading, when the family name has one (a given name's reading alone would sort 佐々木 実 under み).
    pub fn reading(&self) -> Option<String> {
        let family = self.family_reading.as_ref()?;
        Some(join_parts(Some(family), self.given_reading.as_ref()))
    }
}

fn join_parts(first: Option<&String>, second: Option<&String>) -> String {
    [first, second]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The registration form as typed: plain strings, validated in one step by [`ClientDraft::validate`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientDraft {
    /// Whether the name is typed in its parts (family and given, each with a reading) rather than whole.
    pub name_in_parts: bool,
    pub full_name: String,
    pub name_reading: String,
    pub family_name: String,
    pub given_name: String,
    pub family_reading: String,
    pub given_reading: String,
    pub preferred_name: String,
    pub date_of_birth: String,
    /// The date of birth in the era calendar, as typed (昭和49年5月12日); it fills `date_of_birth` when it reads.
    pub date_of_birth_era: String,
    pub gender: String,
    pub preferred_language: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub support_name: String,
    pub support_relation: String,
    pub support_phone: String,
    pub consent: ConsentChoice,
    pub consent_date: String,
    pub consent_recorded_by: String,
}

impl ClientDraft {
    /// The draft that edits an existing client.
    pub fn from_details(details: &ClientDetails) -> ClientDraft {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        let support = details.support_contact.as_ref();
        let parts = details.name_parts.as_ref();
        let consent = details.consent.as_ref();
        ClientDraft {
            full_name: details.full_name.clone(),
            name_reading: text(&details.name_reading),
            name_in_parts: details.name_parts.is_some(),
            family_name: parts.map(|p| p.family.clone()).unwrap_or_default(),
            given_name: parts.and_then(|p| p.given.clone()).unwrap_or_default(),
            family_reading: parts
                .and_then(|p| p.family_reading.clone())
                .unwrap_or_default(),
            given_reading: parts
                .and_then(|p| p.given_reading.clone())
                .unwrap_or_default(),
            preferred_name: text(&details.preferred_name),
            date_of_birth: details
                .date_of_birth
                .map(|d| d.to_string())
                .unwrap_or_default(),
            date_of_birth_era: String::new(),
            gender: details
                .gender
                .map(|g| g.code().to_string())
                .unwrap_or_default(),
            preferred_language: text(&details.preferred_language),
            phone: text(&details.phone),
            email: text(&details.email),
            address: text(&details.address),
            support_name: support.map(|s| s.name.clone()).unwrap_or_default(),
            support_relation: support.and_then(|s| s.relation.clone()).unwrap_or_default(),
            support_phone: support.and_then(|s| s.phone.clone()).unwrap_or_default(),
            consent: match consent {
                None => ConsentChoice::NotRecorded,
                Some(c) if c.given => ConsentChoice::Given,
                Some(_) => ConsentChoice::NotGiven,
            },
            consent_date: consent.map(|c| c.date.to_string()).unwrap_or_default(),
            consent_recorded_by: consent.map(|c| c.recorded_by.clone()).unwrap_or_default(),
        }
    }

    /// Turns the typed form into client details, or says which fields are wrong and why.
    pub fn validate(&self, today: NaiveDate) -> Result<ClientDetails, FieldErrors> {
        let mut errors = FieldErrors::default();
        let (full_name, name_reading, name_parts) = if self.name_in_parts {
            let family = required_text(&mut errors, Field::FamilyName, &self.family_name, NAME_MAX);
            let parts = NameParts {
                family,
                given: optional_text(&mut errors, Field::GivenName, &self.given_name, NAME_MAX),
                family_reading: optional_kana(
                    &mut errors,
                    Field::FamilyReading,
                    &self.family_reading,
                    NAME_MAX,
                ),
                given_reading: optional_kana(
                    &mut errors,
                    Field::GivenReading,
                    &self.given_reading,
                    NAME_MAX,
                ),
            };
            (parts.full_name(), parts.reading(), Some(parts))
        } else {
            let full_name = required_text(&mut errors, Field::FullName, &self.full_name, NAME_MAX);
            let reading = optional_kana(
                &mut errors,
                Field::NameReading,
                &self.name_reading,
                NAME_MAX,
            );
            (full_name, reading, None)
        };
        let preferred_name = optional_text(
            &mut errors,
            Field::PreferredName,
            &self.preferred_name,
            NAME_MAX,
        );
        let era_only = self.date_of_birth.trim().is_empty();
        let mut date_of_birth =
            optional_past_date(&mut errors, Field::DateOfBirth, &self.date_of_birth, today);
        if !self.date_of_birth_era.trim().is_empty() {
            match crate::domain::era::parse_era_date(&self.date_of_birth_era) {
                None => errors.push(Field::DateOfBirthEra, Problem::EraDateUnreadable),
                // Only against a calendar date that is itself valid, or one mistake would show twice.
                Some(era_date)
                    if date_of_birth.is_some_and(|d| d != era_date)
                        && errors.get(Field::DateOfBirth).is_none() =>
                {
                    errors.push(Field::DateOfBirthEra, Problem::EraDateDiffers)
                }
                // Written only in the era calendar: it is the date of birth, under the same rules.
                Some(era_date) if era_only => {
                    date_of_birth = optional_past_date(
                        &mut errors,
                        Field::DateOfBirthEra,
                        &era_date.to_string(),
                        today,
                    );
                }
                Some(_) => {}
            }
        }
        let gender = Gender::from_code(self.gender.trim());
        let preferred_language = optional_text(
            &mut errors,
            Field::PreferredLanguage,
            &self.preferred_language,
            SHORT_TEXT_MAX,
        );
        let phone = optional_phone(&mut errors, Field::Phone, &self.phone);
        let email = optional_email(&mut errors, Field::Email, &self.email);
        let address = optional_long_text(&mut errors, Field::Address, &self.address, ADDRESS_MAX);

        let support_name = optional_text(
            &mut errors,
            Field::SupportName,
            &self.support_name,
            NAME_MAX,
        );
        let support_relation = optional_text(
            &mut errors,
            Field::SupportRelation,
            &self.support_relation,
            SHORT_TEXT_MAX,
        );
        let support_phone = optional_phone(&mut errors, Field::SupportPhone, &self.support_phone);
        let support_contact = match support_name {
            Some(name) => Some(SupportContact {
                name,
                relation: support_relation,
                phone: support_phone,
            }),
            None => {
                // A relation or phone number without a name is a contact nobody can ask for.
                if support_relation.is_some() || support_phone.is_some() {
                    errors.push(Field::SupportName, Problem::Required);
                }
                None
            }
        };

        let consent = match self.consent {
            ConsentChoice::NotRecorded => None,
            choice => {
                let date =
                    required_past_date(&mut errors, Field::ConsentDate, &self.consent_date, today);
                if let (Some(date), Some(birth)) = (date, date_of_birth) {
                    // Only against a birth date that is itself valid, or one mistake would show twice.
                    if date < birth && errors.get(Field::DateOfBirth).is_none() {
                        errors.push(Field::ConsentDate, Problem::DateBeforeBirth);
                    }
                }
                let recorded_by = required_text(
                    &mut errors,
                    Field::ConsentRecordedBy,
                    &self.consent_recorded_by,
                    NAME_MAX,
                );
                date.map(|date| Consent {
                    given: choice == ConsentChoice::Given,
                    date,
                    recorded_by,
                })
            }
        };

        errors.into_result(ClientDetails {
            full_name,
            name_reading,
            name_parts,
            preferred_name,
            date_of_birth,
            gender,
            preferred_language,
            phone,
            email,
            address,
            support_contact,
            consent,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_reading_is_kana_stored_full_width_and_optional() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let draft = |reading: &str| ClientDraft {
            full_name: "山田 花子".into(),
            name_reading: reading.into(),
            ..ClientDraft::default()
        };
        assert_eq!(draft("").validate(today).unwrap().name_reading, None);
        assert_eq!(
            draft(" ﾔﾏﾀﾞ ﾊﾅｺ ")
                .validate(today)
                .unwrap()
                .name_reading
                .as_deref(),
            Some("ヤマダ ハナコ")
        );
        assert_eq!(
            draft("やまだ・はなこー")
                .validate(today)
                .unwrap()
                .name_reading
                .as_deref(),
            Some("やまだ・はなこー")
        );
        for wrong in ["yamada", "山田", "やまだ1"] {
            let errors = draft(wrong).validate(today).unwrap_err();
            assert_eq!(
                errors.get(Field::NameReading),
                Some(Problem::KanaOnly),
                "{wrong}"
            );
        }
    }

    #[test]
    fn a_name_in_parts_composes_the_name_and_reading_family_name_first() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let draft = ClientDraft {
            name_in_parts: true,
            family_name: " 山田 ".into(),
            given_name: "花子".into(),
            family_reading: "ﾔﾏﾀﾞ".into(),
            given_reading: "はなこ".into(),
            // Whatever the whole-name fields hold is not used.
            full_name: "ignored".into(),
            ..ClientDraft::default()
        };
        let details = draft.validate(today).unwrap();
        assert_eq!(details.full_name, "山田 花子");
        assert_eq!(details.name_reading.as_deref(), Some("ヤマダ はなこ"));
        assert_eq!(ClientDraft::from_details(&details).family_name, "山田");
        assert!(ClientDraft::from_details(&details).name_in_parts);
        let only_family = ClientDraft {
            name_in_parts: true,
            family_name: "佐藤".into(),
            ..ClientDraft::default()
        };
        let details = only_family.validate(today).unwrap();
        assert_eq!(
            (details.full_name.as_str(), details.name_reading),
            ("佐藤", None)
        );
        let wrong = ClientDraft {
            name_in_parts: true,
            given_reading: "hanako".into(),
            ..ClientDraft::default()
        };
        let errors = wrong.validate(today).unwrap_err();
        assert_eq!(errors.get(Field::FamilyName), Some(Problem::Required));
        assert_eq!(errors.get(Field::GivenReading), Some(Problem::KanaOnly));
        assert_eq!(errors.get(Field::FullName), None);
        // A given name's reading alone is kept in the parts but is not the name's reading.
        let given_only = ClientDraft {
            name_in_parts: true,
            family_name: "佐々木".into(),
            given_name: "実".into(),
            given_reading: "みのる".into(),
            ..ClientDraft::default()
        };
        let details = given_only.validate(today).unwrap();
        assert_eq!(details.name_reading, None);
        assert_eq!(
            details.name_parts.unwrap().given_reading.as_deref(),
            Some("みのる")
        );
    }

    #[test]
    fn an_era_date_of_birth_must_read_and_agree_with_the_calendar_date() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let draft = |iso: &str, era: &str| ClientDraft {
            full_name: "山田 花子".into(),
            date_of_birth: iso.into(),
            date_of_birth_era: era.into(),
            ..ClientDraft::default()
        };
        let born = NaiveDate::from_ymd_opt(1974, 5, 12);
        assert_eq!(
            draft("1974-05-12", "昭和49年5月12日")
                .validate(today)
                .unwrap()
                .date_of_birth,
            born
        );
        let problem = |iso, era| {
            draft(iso, era)
                .validate(today)
                .unwrap_err()
                .get(Field::DateOfBirthEra)
        };
        assert_eq!(
            problem("1974-05-12", "昭和49年5月13日"),
            Some(Problem::EraDateDiffers)
        );
        assert_eq!(
            problem("", "昭和64年1月8日"),
            Some(Problem::EraDateUnreadable)
        );
        // An era date alone is the date of birth; one in the future is refused beside the era field.
        assert_eq!(
            draft("", "S49.5.12").validate(today).unwrap().date_of_birth,
            born
        );
        assert_eq!(problem("", "令和9年1月1日"), Some(Problem::DateInFuture));
    }

    #[test]
    fn a_client_stored_before_readings_existed_reads_without_one() {
        let stored = r#"{"full_name":"Ana Lima","preferred_name":null,"gender":null,"preferred_language":null,"phone":null,"email":null,"address":null,"support_contact":null,"consent":null}"#;
        let details: ClientDetails = serde_json::from_str(stored).unwrap();
        assert_eq!(
            (details.full_name.as_str(), details.name_reading),
            ("Ana Lima", None)
        );
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn complete() -> ClientDraft {
        ClientDraft {
            name_in_parts: false,
            family_name: String::new(),
            given_name: String::new(),
            family_reading: String::new(),
            given_reading: String::new(),
            full_name: " 山田 花子 ".into(),
            name_reading: "やまだ はなこ".into(),
            preferred_name: "Hana".into(),
            date_of_birth_era: "昭和23年4月2日".into(),
            date_of_birth: "1948-04-02".into(),
            gender: "female".into(),
            preferred_language: "日本語".into(),
            phone: "+81 90-1234-5678".into(),
            email: "hana@example.jp".into(),
            address: "1-2-3 Chiyoda, Tokyo".into(),
            support_name: "Yamada Ken".into(),
            support_relation: "son".into(),
            support_phone: "03-1234-5678".into(),
            consent: ConsentChoice::Given,
            consent_date: "2026-11-20".into(),
            consent_recorded_by: "N. Sato RN".into(),
        }
    }

    fn problems(draft: &ClientDraft) -> Vec<(Field, Problem)> {
        match draft.validate(today()) {
            Ok(_) => vec![],
            Err(errors) => errors.iter().map(|e| (e.field, e.problem)).collect(),
        }
    }

    #[test]
    fn a_complete_draft_validates_and_round_trips_through_the_edit_form() {
        let details = complete().validate(today()).expect("valid");
        assert_eq!(details.full_name, "山田 花子");
        assert_eq!(details.gender, Some(Gender::Female));
        let consent = details.consent.clone().unwrap();
        assert!(consent.given);
        assert_eq!(consent.recorded_by, "N. Sato RN");
        let again = ClientDraft::from_details(&details)
            .validate(today())
            .unwrap();
        assert_eq!(again, details);
    }

    #[test]
    fn only_the_name_is_required() {
        let draft = ClientDraft {
            full_name: "Ana Lima".into(),
            ..ClientDraft::default()
        };
        let details = draft.validate(today()).unwrap();
        assert_eq!(details.support_contact, None);
        assert_eq!(details.consent, None);
        assert_eq!(
            problems(&ClientDraft::default()),
            vec![(Field::FullName, Problem::Required)]
        );
    }

    #[test]
    fn each_bad_field_gets_its_own_problem() {
        let draft = ClientDraft {
            full_name: "".into(),
            date_of_birth: "2030-01-01".into(),
            phone: "12".into(),
            email: "hana-at-example".into(),
            ..complete()
        };
        assert_eq!(
            problems(&draft),
            vec![
                (Field::FullName, Problem::Required),
                (Field::DateOfBirth, Problem::DateInFuture),
                (Field::Phone, Problem::PhoneMalformed),
                (Field::Email, Problem::EmailMalformed),
            ]
        );
    }

    #[test]
    fn support_details_need_a_name() {
        let draft = ClientDraft {
            support_name: "".into(),
            ..complete()
        };
        assert_eq!(
            problems(&draft),
            vec![(Field::SupportName, Problem::Required)]
        );
    }

    #[test]
    fn recorded_consent_needs_date_and_recorder() {
        let draft = ClientDraft {
            consent: ConsentChoice::NotGiven,
            consent_date: "".into(),
            consent_recorded_by: " ".into(),
            ..complete()
        };
        assert_eq!(
            problems(&draft),
            vec![
                (Field::ConsentDate, Problem::Required),
                (Field::ConsentRecordedBy, Problem::Required),
            ]
        );
        let before_birth = ClientDraft {
            consent_date: "1940-01-01".into(),
            ..complete()
        };
        assert_eq!(
            problems(&before_birth),
            vec![(Field::ConsentDate, Problem::DateBeforeBirth)]
        );
        let declined = ClientDraft {
            consent: ConsentChoice::NotGiven,
            ..complete()
        };
        assert!(!declined.validate(today()).unwrap().consent.unwrap().given);
    }

    #[test]
    fn display_name_prefers_the_preferred_name() {
        let details = complete().validate(today()).unwrap();
        let now = Utc::now();
        let mut client = Client {
            id: Id::from_random_bytes([1; 16]),
            details,
            created_at: now,
            updated_at: now,
        };
        assert_eq!(client.display_name(), "Hana");
        client.details.preferred_name = None;
        assert_eq!(client.display_name(), "山田 花子");
    }
}
