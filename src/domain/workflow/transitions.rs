//! Transitional care actions: recording a transition (with its 72-hour post-transition contact task when the rule
//! applies), ticking the transition checklist, and confirming a medication reconciliation, which updates the
//! current medication list in the same changeset.

use crate::domain::assessment::Assessment;
use crate::domain::audit::Action;
use crate::domain::case::{Case, WorkflowError};
use crate::domain::contact::Contact;
use crate::domain::task::{rule_task_id, Priority, Task, TaskKind};
use crate::domain::transition::{ChecklistItem, Reconciliation, Transition};
use crate::domain::workflow::{Changeset, Record};
use chrono::{DateTime, Utc};

/// Records a transition on an open case. A move from a facility to home also makes its post-transition contact task,
/// due the day the 72 hours end; a contact already logged inside the window (a transition recorded late) completes
/// it at once, so the task list never asks for what was done.
pub fn record_transition(
    case: &Case,
    transition: Transition,
    contacts: &[Contact],
    now: DateTime<Utc>,
) -> Result<Changeset, WorkflowError> {
    case.accepts_changes()?;
    if transition.case_id != case.id {
        return Err(WorkflowError::NotOnThisCase);
    }
    let mut changes = Changeset::default();
    if let Some(due) = transition.task_due() {
        let kind = TaskKind::PostTransitionContact;
        let mut task = Task::by_rule(
            rule_task_id(kind, transition.id, due),
            case.id,
            kind,
            Priority::Urgent,
            transition.id,
            due,
            now,
        );
        if contacts.iter().any(|c| transition.counts(c.at)) {
            task.done_at = Some(now);
        } else if case.contact_by.is_none_or(|by| due < by) {
            // Until the contact is made, the case's next contact is due by the window's last day.
            let mut case = case.clone();
            case.contact_by = Some(due);
            case.updated_at = now;
            changes.put(Record::Case(case), Action::Updated, now);
        }
        changes.put(Record::Task(task), Action::Created, now);
    }
    changes.put(Record::Transition(transition), Action::Created, now);
    Ok(changes)
}

/// Ticks or unticks one checklist item of a stored transition.
pub fn set_checklist(
    case: &Case,
    stored: &Transition,
    item: ChecklistItem,
    done: bool,
    now: DateTime<Utc>,
) -> Result<Changeset, WorkflowError> {
    case.accepts_changes()?;
    if stored.case_id != case.id {
        return Err(WorkflowError::NotOnThisCase);
    }
    let mut changes = Changeset::default();
    // A confirmed reconciliation keeps its item ticked: it stays recorded.
    let kept = item == ChecklistItem::MedicationReconciliation && stored.reconciliation.is_some();
    if stored.is_done(item) != done && !kept {
        let mut transition = stored.clone();
        transition.set(item, done);
        changes.put(Record::Transition(transition), Action::Updated, now);
    }
    Ok(changes)
}

/// Confirms a medication reconciliation: the transition keeps it and ticks its checklist item, and the case's
/// current medication list (the assessment's) becomes the list after. The assessment's status is left as it is: a
/// reconciled list is no new assessment.
pub fn reconcile(
    case: &Case,
    stored: &Transition,
    assessment: Option<&Assessment>,
    reconciliation: Reconciliation,
    now: DateTime<Utc>,
) -> Result<Changeset, WorkflowError> {
    case.accepts_changes()?;
    if stored.case_id != case.id {
        return Err(WorkflowError::NotOnThisCase);
    }
    let mut list = assessment
        .cloned()
        .unwrap_or_else(|| Assessment::new(case.id, now));
    list.medications = reconciliation.current_list();
    list.updated_at = now;
    let mut transition = stored.clone();
    transition.set(ChecklistItem::MedicationReconciliation, true);
    transition.reconciliation = Some(reconciliation);
    let mut changes = Changeset::default();
    changes.put(Record::Transition(transition), Action::Updated, now);
    changes.put(Record::Assessment(list), Action::Updated, now);
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assessment::Medication;
    use crate::domain::contact::ContactMode;
    use crate::domain::ids::Id;
    use crate::domain::transition::{ReconciliationDraft, Setting};
    use crate::domain::workflow::follow_up::log_contact;
    use crate::domain::workflow::testing::{now, open_case};
    use chrono::{NaiveDate, NaiveDateTime};

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }

    fn transition(case: &Case, from: Setting, to: Setting) -> Transition {
        Transition {
            id: Id::from_random_bytes([7; 16]),
            case_id: case.id,
            from,
            to,
            at: at(20, 15),
            done: vec![],
            reconciliation: None,
            recorded_at: now(),
        }
    }

    fn contact(case: &Case, on: NaiveDateTime) -> Contact {
        Contact {
            id: Id::from_random_bytes([9; 16]),
            case_id: case.id,
            at: on,
            mode: ContactMode::HomeVisit,
            minutes: 45,
            with_whom: "Client and daughter".into(),
            summary: "Settled at home.".into(),
            logged_at: now(),
        }
    }

    #[test]
    fn a_discharge_home_makes_a_72_hour_task_that_a_contact_in_the_window_completes() {
        let mut case = open_case();
        // Seen on the day of the move: by the cadence alone the next contact would wait two weeks.
        case.last_contact = NaiveDate::from_ymd_opt(2026, 11, 20);
        let home = transition(&case, Setting::Hospital, Setting::Home);
        let changes = record_transition(&case, home.clone(), &[], now()).unwrap();
        let task = changes
            .tasks()
            .next()
            .expect("a post-transition task")
            .clone();
        assert_eq!(task.kind, TaskKind::PostTransitionContact);
        assert_eq!(task.due, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        // Until the contact is made, the case's next contact is due by the window's last day.
        let waiting = changes.cases().next().expect("the case waits").clone();
        assert_eq!(waiting.contact_by, Some(task.due));
        assert_eq!(crate::domain::contact::next_contact_due(&waiting), task.due);
        let case = waiting;
        assert_eq!(
            (task.priority, task.source),
            (Priority::Urgent, Some(home.id))
        );
        assert!(task.is_open());

        // A contact before the move does not count; one inside the window completes the task.
        let early = log_contact(
            &case,
            contact(&case, at(20, 14)),
            std::slice::from_ref(&home),
            std::slice::from_ref(&task),
            now(),
        )
        .unwrap();
        assert_eq!(early.tasks().count(), 0);
        let inside = log_contact(
            &case,
            contact(&case, at(22, 10)),
            std::slice::from_ref(&home),
            std::slice::from_ref(&task),
            now(),
        )
        .unwrap();
        let done = inside.tasks().next().expect("the task is completed");
        assert_eq!((done.id, done.done_at), (task.id, Some(now())));
        assert_eq!(
            inside.cases().next().and_then(|c| c.contact_by),
            None,
            "the wait is over"
        );
        // Missed, a late contact still ends the wait.
        let late = log_contact(
            &case,
            contact(&case, at(24, 10)),
            std::slice::from_ref(&home),
            &[],
            now(),
        )
        .unwrap();
        assert_eq!(late.cases().next().and_then(|c| c.contact_by), None);

        // A move the rule does not cover makes no task.
        let to_hospital = transition(&case, Setting::Home, Setting::Hospital);
        let changes = record_transition(&case, to_hospital, &[], now()).unwrap();
        assert_eq!(changes.tasks().count(), 0);
    }

    #[test]
    fn a_contact_that_meets_one_move_leaves_the_case_waiting_for_a_later_one() {
        let mut case = open_case();
        case.last_contact = NaiveDate::from_ymd_opt(2026, 11, 20);
        let mut earlier = transition(&case, Setting::EmergencyDepartment, Setting::Home);
        earlier.at = at(19, 10);
        earlier.id = Id::from_random_bytes([8; 16]);
        let later = transition(&case, Setting::Hospital, Setting::Home);
        case.contact_by = earlier.task_due();
        // A call between the two moves meets the first; the second (after it) still waits for its own.
        let changes = log_contact(
            &case,
            contact(&case, at(20, 12)),
            &[earlier, later.clone()],
            &[],
            now(),
        )
        .unwrap();
        assert_eq!(
            changes.cases().next().and_then(|c| c.contact_by),
            later.task_due()
        );
    }

    #[test]
    fn a_transition_recorded_after_its_contact_makes_its_task_done() {
        let case = open_case();
        let home = transition(&case, Setting::Rehabilitation, Setting::HomeWithServices);
        let changes = record_transition(&case, home, &[contact(&case, at(21, 9))], now()).unwrap();
        assert!(!changes.tasks().next().unwrap().is_open());
    }

    #[test]
    fn a_confirmed_reconciliation_ticks_the_checklist_and_replaces_the_current_list() {
        let case = open_case();
        let stored = transition(&case, Setting::Hospital, Setting::Home);
        let mut assessment = Assessment::new(case.id, now());
        assessment.medications = vec![Medication {
            name: "Warfarin".into(),
            dose: "5 mg".into(),
            frequency: "daily".into(),
            prescriber: "Dr Ito".into(),
        }];
        let status_before = assessment.status;
        let mut draft = ReconciliationDraft::of(&assessment.medications);
        draft.lines[0].change = "stopped".into();
        draft.add_new();
        draft.lines[1].name = "Apixaban".into();
        draft.by = "N. Sato".into();
        let reconciliation = draft.validate(now()).unwrap();
        let changes = reconcile(&case, &stored, Some(&assessment), reconciliation, now()).unwrap();
        let mut transition = None;
        let mut list = None;
        for record in &changes.puts {
            match record {
                Record::Transition(t) => transition = Some(t),
                Record::Assessment(a) => list = Some(a),
                other => panic!("unexpected {other:?}"),
            }
        }
        let (transition, list) = (transition.unwrap(), list.unwrap());
        assert!(transition.is_done(ChecklistItem::MedicationReconciliation));
        assert!(transition.reconciliation.is_some());
        let names: Vec<_> = list.medications.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["Apixaban"]);
        assert_eq!(list.status, status_before);

        let mut closed = case.clone();
        closed.status = crate::domain::case::CaseStatus::Closed;
        assert_eq!(
            set_checklist(
                &closed,
                &stored,
                ChecklistItem::CaregiverBriefed,
                true,
                now()
            ),
            Err(WorkflowError::CaseClosed)
        );
        let ticked =
            set_checklist(&case, &stored, ChecklistItem::CaregiverBriefed, true, now()).unwrap();
        assert_eq!(ticked.puts.len(), 1);
        let Record::Transition(t) = &ticked.puts[0] else {
            panic!("a transition")
        };
        assert!(
            set_checklist(&case, t, ChecklistItem::CaregiverBriefed, true, now())
                .unwrap()
                .is_empty(),
            "ticking a ticked item writes nothing"
        );
    }
}
