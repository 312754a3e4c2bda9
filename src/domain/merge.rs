//! Two versions of one record compared field by field, for a save refused because another tab or window saved the
//! record after this form was opened: which fields differ between what the user typed and what is stored now, which
//! of them each side changed, and the record with the user's choice for each field. Works on what the form edits
//! (the client form's draft; the assessment's sections and its condition and medication lists), so what is shown
//! and merged is exactly what the user sees.

use crate::domain::assessment::{Assessment, Section};
use crate::domain::client::{ClientDraft, ConsentChoice};
use crate::domain::validation::Field;
use chrono::{DateTime, Utc};

/// One field whose value differs between the user's version and the stored one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    pub field: Field,
    /// The field's text in the user's version and in the stored one (codes for the gender and the consent).
    pub mine: String,
    pub theirs: String,
    /// Who changed it since the form was opened: the user, the other tab, or both (each differently).
    pub changed: Changed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Changed {
    Mine,
    Theirs,
    Both,
}

type Get = fn(&ClientDraft) -> String;
type Set = fn(&mut ClientDraft, String);

/// Every field of the client form, with how to read and write it; the name either whole or in its parts.
fn client_slots(in_parts: bool) -> Vec<(Field, Get, Set)> {
    let mut slots: Vec<(Field, Get, Set)> = if in_parts {
        vec![
            (
                Field::FamilyName,
                |d| d.family_name.clone(),
                |d, v| d.family_name = v,
            ),
            (
                Field::GivenName,
                |d| d.given_name.clone(),
                |d, v| d.given_name = v,
            ),
            (
                Field::FamilyReading,
                |d| d.family_reading.clone(),
                |d, v| d.family_reading = v,
            ),
            (
                Field::GivenReading,
                |d| d.given_reading.clone(),
                |d, v| d.given_reading = v,
            ),
        ]
    } else {
        vec![
            (
                Field::FullName,
                |d| d.full_name.clone(),
                |d, v| d.full_name = v,
            ),
            (
                Field::NameReading,
                |d| d.name_reading.clone(),
                |d, v| d.name_reading = v,
            ),
        ]
    };
    slots.extend::<[(Field, Get, Set); 14]>([
        (
            Field::PreferredName,
            |d| d.preferred_name.clone(),
            |d, v| d.preferred_name = v,
        ),
        (
            Field::DateOfBirth,
            |d| d.date_of_birth.clone(),
            |d, v| {
                d.date_of_birth = v;
                d.date_of_birth_era.clear();
            },
        ),
        (Field::Gender, |d| d.gender.clone(), |d, v| d.gender = v),
        (
            Field::PreferredLanguage,
            |d| d.preferred_language.clone(),
            |d, v| d.preferred_language = v,
        ),
        (Field::Phone, |d| d.phone.clone(), |d, v| d.phone = v),
        (Field::Email, |d| d.email.clone(), |d, v| d.email = v),
        (Field::Address, |d| d.address.clone(), |d, v| d.address = v),
        (
            Field::SupportName,
            |d| d.support_name.clone(),
            |d, v| d.support_name = v,
        ),
        (
            Field::SupportRelation,
            |d| d.support_relation.clone(),
            |d, v| d.support_relation = v,
        ),
        (
            Field::SupportPhone,
            |d| d.support_phone.clone(),
            |d, v| d.support_phone = v,
        ),
        (
            Field::Consent,
            |d| d.consent.code().to_string(),
            |d, v| d.consent = ConsentChoice::from_code(&v),
        ),
        (
            Field::ConsentDate,
            |d| d.consent_date.clone(),
            |d, v| d.consent_date = v,
        ),
        (
            Field::ConsentRecordedBy,
            |d| d.consent_recorded_by.clone(),
            |d, v| d.consent_recorded_by = v,
        ),
        (Field::DateOfBirthEra, |_| String::new(), |_, _| {}),
    ]);
    // The era field only ever mirrors the date of birth: never compared on its own.
    slots.retain(|(f, _, _)| *f != Field::DateOfBirthEra);
    slots
}

/// The fields where `mine` (the form, started from `base`) and `theirs` (stored now) differ, in the form's order.
pub fn client_differences(
    base: &ClientDraft,
    mine: &ClientDraft,
    theirs: &ClientDraft,
) -> Vec<Difference> {
    client_slots(mine.name_in_parts)
        .into_iter()
        .filter_map(|(field, get, _)| {
            let (b, m, t) = (get(base), get(mine), get(theirs));
            (m.trim() != t.trim()).then(|| Difference {
                field,
                changed: match (m.trim() != b.trim(), t.trim() != b.trim()) {
                    (true, false) => Changed::Mine,
                    (false, true) => Changed::Theirs,
                    _ => Changed::Both,
                },
                mine: m,
                theirs: t,
            })
        })
        .collect()
}

/// The user's version with the stored value taken for each field in `take_theirs`.
pub fn merge_client(
    mine: &ClientDraft,
    theirs: &ClientDraft,
    take_theirs: &[Field],
) -> ClientDraft {
    let mut merged = mine.clone();
    for (field, get, set) in client_slots(mine.name_in_parts) {
        if take_theirs.contains(&field) {
            set(&mut merged, get(theirs));
        }
    }
    merged
}

/// A part of the assessment that is kept or taken whole: a free-text section, or one of its two lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Section(Section),
    Conditions,
    Medications,
}

/// A part of the assessment that differs between the user's version and the stored one, and who changed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartDifference {
    pub part: Part,
    pub changed: Changed,
}

fn who(base_differs_mine: bool, base_differs_theirs: bool) -> Changed {
    match (base_differs_mine, base_differs_theirs) {
        (true, false) => Changed::Mine,
        (false, true) => Changed::Theirs,
        _ => Changed::Both,
    }
}

/// The parts where `mine` (the page, started from `base`) and `theirs` (stored now) differ, in the form's order.
pub fn assessment_differences(
    base: &Assessment,
    mine: &Assessment,
    theirs: &Assessment,
) -> Vec<PartDifference> {
    let mut out: Vec<PartDifference> = Section::ALL
        .into_iter()
        .filter_map(|s| {
            let (b, m, t) = (
                base.text(s).trim(),
                mine.text(s).trim(),
                theirs.text(s).trim(),
            );
            (m != t).then(|| PartDifference {
                part: Part::Section(s),
                changed: who(m != b, t != b),
            })
        })
        .collect();
    if mine.conditions != theirs.conditions {
        out.push(PartDifference {
            part: Part::Conditions,
            changed: who(
                mine.conditions != base.conditions,
                theirs.conditions != base.conditions,
            ),
        });
    }
    if mine.medications != theirs.medications {
        out.push(PartDifference {
            part: Part::Medications,
            changed: who(
                mine.medications != base.medications,
                theirs.medications != base.medications,
            ),
        });
    }
    out
}

/// The user's version with the stored one's parts in `take_theirs`: an edit made `now`, so a draft again.
pub fn merge_assessment(
    mine: &Assessment,
    theirs: &Assessment,
    take_theirs: &[Part],
    now: DateTime<Utc>,
) -> Assessment {
    let mut merged = mine.clone();
    for part in take_theirs {
        match part {
            Part::Section(s) => merged.set_text(*s, theirs.text(*s).to_string()),
            Part::Conditions => merged.conditions = theirs.conditions.clone(),
            Part::Medications => merged.medications = theirs.medications.clone(),
        }
    }
    merged.touch(now);
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(name: &str, phone: &str, address: &str) -> ClientDraft {
        ClientDraft {
            full_name: name.into(),
            phone: phone.into(),
            address: address.into(),
            ..ClientDraft::default()
        }
    }

    #[test]
    fn each_difference_says_who_changed_it() {
        let base = draft("Ana Lima", "+81 90", "1 Main St");
        let mine = draft("Ana Lima Souza", "+81 90", "2 Side St");
        let theirs = ClientDraft {
            consent: ConsentChoice::Given,
            ..draft("Ana Lima", "+81 80", "3 Hill Rd")
        };
        let d = client_differences(&base, &mine, &theirs);
        let summary: Vec<_> = d.iter().map(|d| (d.field, d.changed)).collect();
        assert_eq!(
            summary,
            vec![
                (Field::FullName, Changed::Mine),
                (Field::Phone, Changed::Theirs),
                (Field::Address, Changed::Both),
                (Field::Consent, Changed::Theirs),
            ]
        );
        assert_eq!(
            (d[1].mine.as_str(), d[1].theirs.as_str()),
            ("+81 90", "+81 80")
        );
        assert_eq!(d[3].theirs, "given");
        // The same text but for spaces at its ends is no difference.
        assert!(
            client_differences(&base, &draft("Ana Lima ", "+81 90", "1 Main St"), &base).is_empty()
        );
    }

    #[test]
    fn a_merge_takes_the_chosen_fields_from_the_stored_version() {
        let mine = draft("Ana Lima Souza", "+81 90", "2 Side St");
        let theirs = ClientDraft {
            consent: ConsentChoice::Given,
            consent_date: "2026-11-20".into(),
            ..draft("Ana Lima", "+81 80", "3 Hill Rd")
        };
        let merged = merge_client(
            &mine,
            &theirs,
            &[Field::Phone, Field::Consent, Field::ConsentDate],
        );
        assert_eq!(merged.full_name, "Ana Lima Souza");
        assert_eq!(merged.phone, "+81 80");
        assert_eq!(merged.address, "2 Side St");
        assert_eq!(
            (merged.consent, merged.consent_date.as_str()),
            (ConsentChoice::Given, "2026-11-20")
        );
        assert_eq!(merge_client(&mine, &theirs, &[]), mine);
    }

    #[test]
    fn assessments_differ_and_merge_by_section_and_list() {
        use crate::domain::assessment::{Condition, Medication};
        let now = DateTime::parse_from_rfc3339("2026-11-25T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let id = crate::domain::ids::Id::from_random_bytes([7; 16]);
        let base = Assessment::new(id, now);
        let mut mine = base.clone();
        mine.set_text(Section::WhatMatters, "Staying at home".into());
        mine.medications.push(Medication {
            name: "Metformin".into(),
            ..Medication::default()
        });
        let mut theirs = base.clone();
        theirs.set_text(Section::LivingSituation, "Lives with her daughter".into());
        theirs.medications.push(Medication {
            name: "Aspirin".into(),
            ..Medication::default()
        });
        theirs.conditions.push(Condition {
            name: "Diabetes".into(),
            ..Condition::default()
        });
        let d = assessment_differences(&base, &mine, &theirs);
        assert_eq!(
            d,
            vec![
                PartDifference {
                    part: Part::Section(Section::LivingSituation),
                    changed: Changed::Theirs
                },
                PartDifference {
                    part: Part::Section(Section::WhatMatters),
                    changed: Changed::Mine
                },
                PartDifference {
                    part: Part::Conditions,
                    changed: Changed::Theirs
                },
                PartDifference {
                    part: Part::Medications,
                    changed: Changed::Both
                },
            ]
        );
        let merged = merge_assessment(
            &mine,
            &theirs,
            &[Part::Section(Section::LivingSituation), Part::Conditions],
            now,
        );
        assert_eq!(merged.text(Section::WhatMatters), "Staying at home");
        assert_eq!(
            merged.text(Section::LivingSituation),
            "Lives with her daughter"
        );
        assert_eq!(merged.conditions, theirs.conditions);
        assert_eq!(merged.medications, mine.medications);
    }

    #[test]
    fn names_in_parts_are_compared_part_by_part() {
        let parts = |family: &str, reading: &str| ClientDraft {
            name_in_parts: true,
            family_name: family.into(),
            family_reading: reading.into(),
            full_name: family.into(),
            ..ClientDraft::default()
        };
        let d = client_differences(
            &parts("佐藤", ""),
            &parts("佐藤", "さとう"),
            &parts("佐東", ""),
        );
        let fields: Vec<_> = d.iter().map(|d| d.field).collect();
        assert_eq!(fields, vec![Field::FamilyName, Field::FamilyReading]);
    }
}
