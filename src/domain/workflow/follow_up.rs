//! Follow-up actions: logging a contact, which moves the case's next contact due by the cadence rules; signing a
//! progress note, and adding a signed addendum to one (the note itself is never changed). Transitional care
//! (`transitions`) is in its own file.

use crate::domain::audit::Action;
use crate::domain::case::{Case, WorkflowError};
use crate::domain::contact::Contact;
use crate::domain::note::{Addendum, ProgressNote};
use crate::domain::staff::StaffMember;
use crate::domain::task::{Task, TaskKind};
use crate::domain::transition::Transition;
use crate::domain::workflow::{Changeset, FreshIds, Record};
use chrono::{DateTime, Utc};

/// Logs a contact on an open case. The case's last contact becomes the contact's day unless a later one is already
/// logged (a contact logged late moves nothing back), so the next contact is due a cadence after the latest. A
/// contact inside a transition's 72-hour window completes that transition's open post-transition task (`tasks`: the
/// case's post-transition tasks, as stored).
pub fn log_contact(
    case: &Case,
    contact: Contact,
    transitions: &[Transition],
    tasks: &[Task],
    now: DateTime<Utc>,
) -> Result<Changeset, WorkflowError> {
    case.accepts_changes()?;
    if contact.case_id != case.id {
        return Err(WorkflowError::NotOnThisCase);
    }
    let day = contact.at.date();
    let mut changes = Changeset::default();
    // A contact after the move that set the case's contact-by day (in its window, or late) ends that wait: the next
    // contact follows the cadence again.
    let meets_window = case.contact_by.is_some()
        && transitions
            .iter()
            .any(|t| t.task_due() == case.contact_by && contact.at >= t.at);
    if case.last_contact.is_none_or(|last| day > last) || meets_window {
        let mut case = case.clone();
        case.last_contact = Some(case.last_contact.map_or(day, |last| last.max(day)));
        if meets_window {
            // Another move after this contact still waits for its own: the case is due by that one's day.
            case.contact_by = transitions
                .iter()
                .filter(|t| t.at > contact.at)
                .filter_map(Transition::task_due)
                .min();
        }
        case.updated_at = now;
        changes.put(Record::Case(case), Action::Updated, now);
    }
    for transition in transitions.iter().filter(|t| t.counts(contact.at)) {
        let met = tasks.iter().find(|task| {
            task.kind == TaskKind::PostTransitionContact
                && task.source == Some(transition.id)
                && task.is_open()
        });
        if let Some(task) = met {
            let mut task = task.clone();
            task.done_at = Some(now);
            changes.put(Record::Task(task), Action::Updated, now);
        }
    }
    changes.put(Record::Contact(contact), Action::Created, now);
    Ok(changes)
}

/// Signs a new note on an open case; its signer is a staff member (someone new joins the list with it).
pub fn sign_note(
    case: &Case,
    mut note: ProgressNote,
    staff: &[StaffMember],
    ids: &mut dyn FreshIds,
    now: DateTime<Utc>,
) -> Result<Changeset, WorkflowError> {
    case.accepts_changes()?;
    if note.case_id != case.id || !note.addenda.is_empty() {
        return Err(WorkflowError::NotOnThisCase);
    }
    let mut changes = Changeset::default();
    note.signed.by_id = Some(signer(&mut changes, &note.signed.by, staff, ids, now));
    changes.put(Record::Note(note), Action::Created, now);
    Ok(changes)
}

/// The staff id of a signer named `by`, adding them to the list (in `changes`) when they are not on it.
fn signer(
    changes: &mut Changeset,
    by: &str,
    staff: &[StaffMember],
    ids: &mut dyn FreshIds,
    now: DateTime<Utc>,
) -> crate::domain::ids::Id {
    let (id, added) = crate::domain::staff::assign(&mut staff.to_vec(), by, None, ids, now);
    if let Some(member) = added {
        changes.put(Record::Staff(member), Action::Created, now);
    }
    id
}

/// Adds an addendum to a signed note as stored: its sections, signature and earlier addenda stay as they are.
pub fn add_addendum(
    case: &Case,
    stored: &ProgressNote,
    mut addendum: Addendum,
    staff: &[StaffMember],
    ids: &mut dyn FreshIds,
    now: DateTime<Utc>,
) -> Result<Changeset, WorkflowError> {
    case.accepts_changes()?;
    if stored.case_id != case.id {
        return Err(WorkflowError::NotOnThisCase);
    }
    let mut changes = Changeset::default();
    addendum.signed.by_id = Some(signer(&mut changes, &addendum.signed.by, staff, ids, now));
    let mut note = stored.clone();
    note.addenda.push(addendum);
    changes.put(Record::Note(note), Action::Addended, now);
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::contact::{next_contact_due, ContactMode};
    use crate::domain::ids::Id;
    use crate::domain::workflow::testing::counter;
    use chrono::NaiveDate;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn id(n: u8) -> Id {
        Id::from_random_bytes([n; 16])
    }

    /// The workflows' test case (clinical, not yet stratified) as case 1, opened on 2 Nov.
    fn case() -> Case {
        let mut case = crate::domain::workflow::testing::open_case();
        case.id = id(1);
        case.details.opened_on = day(2);
        case
    }

    fn contact(n: u8, on: u32) -> Contact {
        Contact {
            id: id(n),
            case_id: id(1),
            at: day(on).and_hms_opt(10, 0, 0).unwrap(),
            mode: ContactMode::Phone,
            minutes: 15,
            with_whom: "Client".into(),
            summary: "Checked in after the clinic visit.".into(),
            logged_at: Utc::now(),
        }
    }

    fn case_in(changes: &Changeset) -> Option<&Case> {
        changes.puts.iter().find_map(|r| match r {
            Record::Case(c) => Some(c),
            _ => None,
        })
    }

    #[test]
    fn a_contact_moves_the_next_due_date_and_a_late_entry_moves_nothing_back() {
        let case = case();
        // Not stratified, clinical: every 14 days from the opening on 2 Nov.
        assert_eq!(next_contact_due(&case), day(16));
        let changes = log_contact(&case, contact(5, 20), &[], &[], Utc::now()).unwrap();
        let after = case_in(&changes).expect("the case moves on");
        assert_eq!(after.last_contact, Some(day(20)));
        assert_eq!(
            next_contact_due(after),
            NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
        );
        assert!(changes
            .puts
            .iter()
            .any(|r| matches!(r, Record::Contact(c) if c.id == id(5))));
        assert_eq!(changes.audit.len(), 2);
        // A contact from the 10th logged afterwards is kept, and the due date stays.
        let later = log_contact(after, contact(6, 10), &[], &[], Utc::now()).unwrap();
        assert!(case_in(&later).is_none());
        assert_eq!(later.puts.len(), 1);
    }

    #[test]
    fn a_closed_case_or_another_case_takes_no_contact() {
        let mut closed = case();
        closed.status = crate::domain::case::CaseStatus::Closed;
        assert_eq!(
            log_contact(&closed, contact(5, 20), &[], &[], Utc::now()),
            Err(WorkflowError::CaseClosed)
        );
        let mut elsewhere = contact(5, 20);
        elsewhere.case_id = id(9);
        assert_eq!(
            log_contact(&case(), elsewhere, &[], &[], Utc::now()),
            Err(WorkflowError::NotOnThisCase)
        );
    }

    #[test]
    fn an_addendum_keeps_the_signed_note_as_it_was_and_a_closed_case_takes_neither() {
        use crate::domain::note::{AddendumDraft, NoteDraft};
        let case = case();
        let note = NoteDraft {
            format: "dap".into(),
            data: "Home visit: kitchen cleared.".into(),
            assessment: "Coping better.".into(),
            plan: "Visit again next week.".into(),
            author: "N. Sato".into(),
            ..NoteDraft::default()
        }
        .sign(id(8), case.id, &[], Utc::now())
        .unwrap();
        // The signer is not on the staff list yet: they join it with the note, which carries their id.
        let signed = sign_note(&case, note.clone(), &[], &mut counter(), Utc::now()).unwrap();
        let [Record::Staff(sato), Record::Note(stored)] = &signed.puts[..] else {
            panic!("the new staff member, then the note: {:?}", signed.puts)
        };
        assert_eq!(
            (sato.name.as_str(), stored.signed.by_id),
            ("N. Sato", Some(sato.id))
        );
        let note = stored.clone();
        let staff = vec![sato.clone()];
        let again = sign_note(&case, note.clone(), &staff, &mut counter(), Utc::now()).unwrap();
        assert_eq!(again.puts.len(), 1, "a known signer adds no one");
        let addendum = AddendumDraft {
            text: "Correction: the visit was on Tuesday.".into(),
            author: "n. sato".into(),
        }
        .sign(Utc::now())
        .unwrap();
        let changes = add_addendum(
            &case,
            &note,
            addendum.clone(),
            &staff,
            &mut counter(),
            Utc::now(),
        )
        .unwrap();
        let [Record::Note(after)] = &changes.puts[..] else {
            panic!("the note alone")
        };
        assert_eq!((&after.body, &after.signed), (&note.body, &note.signed));
        assert_eq!(after.addenda.len(), 1);
        assert_eq!(
            after.addenda[0].signed.by_id,
            Some(sato.id),
            "the same person, however typed"
        );
        assert_eq!(after.addenda[0].text, addendum.text);
        assert_eq!(changes.audit[0].action, Action::Addended);

        let mut closed = case.clone();
        closed.status = crate::domain::case::CaseStatus::Closed;
        assert_eq!(
            sign_note(&closed, note.clone(), &[], &mut counter(), Utc::now()),
            Err(WorkflowError::CaseClosed)
        );
        assert_eq!(
            add_addendum(&closed, &note, addendum, &[], &mut counter(), Utc::now()),
            Err(WorkflowError::CaseClosed)
        );
    }
}
