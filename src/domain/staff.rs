//! The staff list: the case managers and others who act on cases (name, role, specialty), each with an id. A case's
//! assigned case manager and a note's signer are staff ids, so what is indexed or shared is an id, never a name; a
//! name typed in a form is matched to the list, and someone not on it yet joins it in the same changeset.

use crate::domain::case::Specialty;
use crate::domain::ids::Id;
use crate::domain::validation::{optional_text, required_text, Field, FieldErrors, Problem};
use crate::domain::workflow::FreshIds;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub id: Id,
    pub name: String,
    /// What they do ("Nurse case manager", "Social worker"); blank for someone added from a form.
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub specialty: Option<Specialty>,
    #[serde(with = "crate::domain::stored_time::instant")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "crate::domain::stored_time::instant")]
    pub updated_at: DateTime<Utc>,
}

/// Two names are the same person's when they match ignoring case, surrounding spaces and runs of spaces.
fn same_name(a: &str, b: &str) -> bool {
    let fold = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    fold(a) == fold(b)
}

/// The staff member a typed name means, if any.
pub fn find<'a>(staff: &'a [StaffMember], name: &str) -> Option<&'a StaffMember> {
    staff.iter().find(|s| same_name(&s.name, name))
}

/// The id of the staff member named `name`: one on the list, or someone new, added to `staff` (so that the same name
/// later in one action finds them) and returned to be written with the action.
pub fn assign(
    staff: &mut Vec<StaffMember>,
    name: &str,
    specialty: Option<Specialty>,
    ids: &mut dyn FreshIds,
    now: DateTime<Utc>,
) -> (Id, Option<StaffMember>) {
    if let Some(known) = find(staff, name) {
        return (known.id, None);
    }
    let member = StaffMember {
        id: ids.fresh(),
        name: name.trim().to_string(),
        role: String::new(),
        specialty,
        created_at: now,
        updated_at: now,
    };
    staff.push(member.clone());
    (member.id, Some(member))
}

/// Before the staff list, a case named its case manager and a note its signers by name only. Each name becomes a
/// staff member (one per person, however the name was typed) and each record is given the id: what a data migration
/// writes once.
pub fn give_ids(
    staff: &[StaffMember],
    cases: Vec<crate::domain::case::Case>,
    notes: Vec<crate::domain::note::ProgressNote>,
    ids: &mut dyn FreshIds,
    now: DateTime<Utc>,
) -> crate::domain::workflow::Changeset {
    use crate::domain::audit::Action;
    use crate::domain::workflow::Record;
    let mut staff = staff.to_vec();
    let mut changes = crate::domain::workflow::Changeset::default();
    let mut id_of = |name: &str, specialty, changes: &mut crate::domain::workflow::Changeset| {
        let (id, added) = assign(&mut staff, name, specialty, ids, now);
        if let Some(member) = added {
            changes.put(Record::Staff(member), Action::Created, now);
        }
        id
    };
    for mut case in cases {
        if case.details.case_manager_id.is_none() && !case.details.case_manager.trim().is_empty() {
            let id = id_of(
                &case.details.case_manager,
                Some(case.details.specialty),
                &mut changes,
            );
            case.details.case_manager_id = Some(id);
            changes.put(Record::Case(case), Action::Migrated, now);
        }
    }
    for mut note in notes {
        let signatures =
            std::iter::once(&mut note.signed).chain(note.addenda.iter_mut().map(|a| &mut a.signed));
        let mut changed = false;
        for signature in signatures.filter(|s| s.by_id.is_none() && !s.by.trim().is_empty()) {
            signature.by_id = Some(id_of(&signature.by, None, &mut changes));
            changed = true;
        }
        if changed {
            changes.put(Record::Note(note), Action::Migrated, now);
        }
    }
    changes
}

/// The staff form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StaffDraft {
    pub name: String,
    pub role: String,
    pub specialty: String,
}

impl StaffDraft {
    pub fn of(member: &StaffMember) -> StaffDraft {
        StaffDraft {
            name: member.name.clone(),
            role: member.role.clone(),
            specialty: member
                .specialty
                .map(|s| s.code().into())
                .unwrap_or_default(),
        }
    }

    /// A name no one else on the list has (`others`: the list without the member being edited), an optional role
    /// and an optional specialty.
    pub fn validate(
        &self,
        id: Id,
        others: &[StaffMember],
        created_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<StaffMember, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = required_text(
            &mut errors,
            Field::StaffName,
            &self.name,
            crate::domain::client::NAME_MAX,
        );
        if !name.is_empty() && find(others, &name).is_some_and(|s| s.id != id) {
            errors.push(Field::StaffName, Problem::NameTaken);
        }
        let role = optional_text(
            &mut errors,
            Field::StaffRole,
            &self.role,
            crate::domain::client::SHORT_TEXT_MAX,
        )
        .unwrap_or_default();
        let specialty = if self.specialty.trim().is_empty() {
            None
        } else {
            let parsed = Specialty::from_code(self.specialty.trim());
            if parsed.is_none() {
                errors.push(Field::StaffSpecialty, Problem::ChoiceRequired);
            }
            parsed
        };
        errors.into_result(StaffMember {
            id,
            name,
            role,
            specialty,
            created_at,
            updated_at: now,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::workflow::testing::{counter, now};

    #[test]
    fn a_typed_name_finds_its_staff_member_or_adds_one_once() {
        let mut staff = Vec::new();
        let mut ids = counter();
        let (sato, added) = assign(
            &mut staff,
            " N.  Sato ",
            Some(Specialty::Nursing),
            &mut ids,
            now(),
        );
        let added = added.expect("someone new");
        assert_eq!(
            (added.name.as_str(), added.specialty),
            ("N.  Sato", Some(Specialty::Nursing))
        );
        let (again, none) = assign(&mut staff, "n. sato", None, &mut ids, now());
        assert_eq!(
            (again, none),
            (sato, None),
            "the same person, however typed"
        );
        let (ito, _) = assign(&mut staff, "K. Ito", None, &mut ids, now());
        assert_ne!(ito, sato);
        assert_eq!(staff.len(), 2);
    }

    #[test]
    fn a_staff_name_is_required_and_unique() {
        let mut ids = counter();
        let mut staff = Vec::new();
        let (sato, _) = assign(&mut staff, "N. Sato", None, &mut ids, now());
        let draft = StaffDraft {
            name: "n. sato".into(),
            role: "Nurse case manager".into(),
            specialty: "nursing".into(),
        };
        let other = Id::from_random_bytes([77; 16]);
        assert_eq!(
            draft
                .validate(other, &staff, now(), now())
                .unwrap_err()
                .get(Field::StaffName),
            Some(Problem::NameTaken)
        );
        // The member themself may keep their name.
        let renamed = draft.validate(sato, &staff, now(), now()).unwrap();
        assert_eq!(renamed.role, "Nurse case manager");
        assert_eq!(
            StaffDraft::default()
                .validate(other, &staff, now(), now())
                .unwrap_err()
                .get(Field::StaffName),
            Some(Problem::Required)
        );
    }
}
