//! Evaluation and closure: the open work a closure must deal with (open tasks, referrals whose loop is open,
//! appointments still to come), closing a case with it cancelled in the same changeset, and reopening a closed case.

use crate::domain::audit::Action;
use crate::domain::case::{Case, ClosureForm, WorkflowError};
use crate::domain::coordination::{
    Appointment, AppointmentStatus, Referral, ReferralStatus, ReferralUpdate,
};
use crate::domain::ids::Id;
use crate::domain::task::{Cancellation, Task};
use crate::domain::workflow::{Changeset, Record};
use chrono::{DateTime, NaiveDateTime, Utc};

/// What is still open on a case: a closure lists it, and cancels it only when the user confirms.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OpenWork {
    pub tasks: Vec<Task>,
    pub referrals: Vec<Referral>,
    pub appointments: Vec<Appointment>,
}

impl OpenWork {
    /// The case's open tasks, referrals whose loop is open, and scheduled appointments from `now` (local) on.
    pub fn of(
        tasks: Vec<Task>,
        referrals: Vec<Referral>,
        appointments: Vec<Appointment>,
        now: NaiveDateTime,
    ) -> OpenWork {
        let mut work = OpenWork {
            tasks: tasks.into_iter().filter(Task::is_open).collect(),
            referrals: referrals.into_iter().filter(Referral::is_open).collect(),
            appointments: appointments
                .into_iter()
                .filter(|a| a.status == AppointmentStatus::Scheduled && a.starts >= now)
                .collect(),
        };
        crate::domain::order::sort_by_key(&mut work.tasks, |t| (t.due, t.id));
        crate::domain::order::sort_by_key(&mut work.referrals, |r| (r.follow_up_due, r.id));
        crate::domain::order::sort_by_key(&mut work.appointments, |a| (a.starts, a.id));
        work
    }

    /// The ids of everything listed, in one order: what the user confirms.
    pub fn ids(&self) -> Vec<Id> {
        let mut ids: Vec<Id> = self
            .tasks
            .iter()
            .map(|t| t.id)
            .chain(self.referrals.iter().map(|r| r.id))
            .chain(self.appointments.iter().map(|a| a.id))
            .collect();
        ids.sort();
        ids
    }

    pub fn is_empty(&self) -> bool {
        self.tasks.is_empty() && self.referrals.is_empty() && self.appointments.is_empty()
    }
}

/// Closes a case from the closure form. What is still open must be exactly what the user confirmed cancelling
/// (`confirmed`, in any order; nothing when nothing is open): then every task is cancelled with the closure's
/// reason, every open referral closed without service, every appointment to come cancelled, and the case closed,
/// in one changeset. Anything else is refused and writes nothing, so nothing is cancelled unseen. With goals not
/// yet evaluated, the closure's comment must say why.
pub fn close(
    case: &Case,
    form: ClosureForm,
    open: &OpenWork,
    confirmed: &[Id],
    goals_unevaluated: usize,
    now: DateTime<Utc>,
) -> Result<Changeset, WorkflowError> {
    case.accepts_changes()?;
    // Every goal is evaluated before closure; closing without says why.
    if goals_unevaluated > 0 && form.comment.trim().is_empty() {
        return Err(WorkflowError::ReasonRequired);
    }
    let mut confirmed = confirmed.to_vec();
    confirmed.sort();
    if open.ids() != confirmed {
        return Err(WorkflowError::OpenWorkChanged);
    }
    let code = form.code;
    let mut closed = case.clone();
    closed.close_as(form, now)?;
    let mut changes = Changeset::default();
    for task in &open.tasks {
        let mut task = task.clone();
        task.cancelled = Some(Cancellation {
            at: now,
            reason: String::new(),
            closure: Some(code),
        });
        changes.put(Record::Task(task), Action::Cancelled, now);
    }
    for referral in &open.referrals {
        let mut referral = referral.clone();
        referral.status = ReferralStatus::ClosedWithoutService;
        referral.updates.push(ReferralUpdate {
            at: now,
            status: ReferralStatus::ClosedWithoutService,
            note: None,
        });
        referral.updated_at = now;
        changes.put(Record::Referral(referral), Action::Cancelled, now);
    }
    for appointment in &open.appointments {
        let mut appointment = appointment.clone();
        appointment.status = AppointmentStatus::Cancelled;
        appointment.updated_at = now;
        changes.put(Record::Appointment(appointment), Action::Cancelled, now);
    }
    changes.put(Record::Case(closed), Action::Closed, now);
    Ok(changes)
}

/// Opens a closed case again, with the reason and who reopened it kept in its history and the audit trail.
pub fn reopen(
    case: &Case,
    reason: String,
    by: String,
    now: DateTime<Utc>,
) -> Result<Changeset, WorkflowError> {
    let mut reopened = case.clone();
    reopened.reopen(reason, by, now)?;
    let mut changes = Changeset::default();
    changes.put(Record::Case(reopened), Action::Reopened, now);
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{CaseStatus, ClosureDraft, ClosureReason, EventKind};
    use crate::domain::task::{Priority, TaskKind};
    use crate::domain::workflow::testing::{now, open_case, today};

    fn id(n: u8) -> Id {
        Id::from_random_bytes([n; 16])
    }

    fn work(case: &Case) -> OpenWork {
        let task = |n: u8, done: bool| {
            let mut t = Task::by_rule(
                id(n),
                case.id,
                TaskKind::MissedAppointment,
                Priority::Normal,
                id(90),
                today(),
                now(),
            );
            if done {
                t.done_at = Some(now());
            }
            t
        };
        let referral = |n: u8, status: ReferralStatus| Referral {
            id: id(n),
            case_id: case.id,
            to: "Food bank".into(),
            need_id: None,
            reason: "Food".into(),
            status,
            sent_on: None,
            follow_up_due: today(),
            updates: vec![],
            updated_at: now(),
        };
        let appointment = |n: u8, day: i64, status: AppointmentStatus| Appointment {
            id: id(n),
            case_id: case.id,
            starts: (today() + chrono::Duration::days(day))
                .and_hms_opt(10, 0, 0)
                .unwrap(),
            with_member: None,
            place: "Clinic".into(),
            purpose: "Review".into(),
            intervention_id: None,
            authorization_id: None,
            accompanied: false,
            status,
            updated_at: now(),
        };
        OpenWork::of(
            vec![task(1, false), task(2, true)],
            vec![
                referral(3, ReferralStatus::Sent),
                referral(4, ReferralStatus::Completed),
            ],
            vec![
                appointment(5, 3, AppointmentStatus::Scheduled),
                appointment(6, -3, AppointmentStatus::Scheduled),
                appointment(7, 3, AppointmentStatus::Cancelled),
            ],
            now().naive_utc(),
        )
    }

    fn form() -> ClosureForm {
        ClosureDraft {
            on: today().to_string(),
            code: "goals_met".into(),
            comment: String::new(),
        }
        .validate(today() - chrono::Duration::days(30), today(), false)
        .unwrap()
    }

    #[test]
    fn only_what_is_still_open_is_listed() {
        let case = open_case();
        assert_eq!(work(&case).ids(), vec![id(1), id(3), id(5)]);
    }

    #[test]
    fn a_closure_cancels_exactly_the_open_work_the_user_confirmed_or_nothing() {
        let case = open_case();
        let open = work(&case);
        // Confirming less (a task appeared since the list was shown) is refused.
        assert_eq!(
            close(&case, form(), &open, &[id(3), id(5)], 0, now()),
            Err(WorkflowError::OpenWorkChanged)
        );
        let changes = close(&case, form(), &open, &[id(5), id(1), id(3)], 0, now()).unwrap();
        let mut cancelled = 0;
        for record in &changes.puts {
            match record {
                Record::Task(t) => {
                    assert_eq!(
                        t.cancelled.as_ref().and_then(|c| c.closure),
                        Some(ClosureReason::GoalsMet)
                    );
                    cancelled += 1;
                }
                Record::Referral(r) => {
                    assert_eq!(r.status, ReferralStatus::ClosedWithoutService);
                    assert!(!r.is_open());
                    cancelled += 1;
                }
                Record::Appointment(a) => {
                    assert_eq!(a.status, AppointmentStatus::Cancelled);
                    cancelled += 1;
                }
                Record::Case(c) => {
                    assert_eq!(c.status, CaseStatus::Closed);
                    let closure = c.closure.as_ref().unwrap();
                    assert_eq!(
                        (closure.code, closure.on),
                        (Some(ClosureReason::GoalsMet), Some(today()))
                    );
                }
                other => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!(cancelled, 3);
    }

    #[test]
    fn a_closed_case_is_read_only_until_reopened_and_the_reopening_is_kept() {
        let case = open_case();
        assert_eq!(
            close(&case, form(), &OpenWork::default(), &[], 2, now()),
            Err(WorkflowError::ReasonRequired),
            "two goals not evaluated: the closure says why"
        );
        let changes = close(&case, form(), &OpenWork::default(), &[], 0, now()).unwrap();
        let closed = changes.cases().next().unwrap().clone();
        assert_eq!(closed.accepts_changes(), Err(WorkflowError::CaseClosed));
        assert_eq!(
            close(&closed, form(), &OpenWork::default(), &[], 0, now()),
            Err(WorkflowError::CaseClosed)
        );
        assert_eq!(
            reopen(&case, "Asked again".into(), "N. Sato".into(), now()),
            Err(WorkflowError::NotClosed)
        );
        let changes = reopen(
            &closed,
            "Readmitted; needs help again".into(),
            "N. Sato".into(),
            now(),
        )
        .unwrap();
        let reopened = changes.cases().next().unwrap();
        assert_eq!(reopened.status, CaseStatus::Open);
        assert!(reopened.closure.is_none());
        assert!(reopened.accepts_changes().is_ok());
        let kinds: Vec<_> = reopened.events.iter().map(|e| &e.kind).collect();
        assert!(matches!(
            kinds[..],
            [
                EventKind::Closed {
                    code: Some(ClosureReason::GoalsMet),
                    ..
                },
                EventKind::Reopened { .. }
            ]
        ));
        assert_eq!(changes.audit[0].action, Action::Reopened);
    }

    #[test]
    fn the_closure_form_needs_a_day_from_the_opening_and_a_reason_and_a_comment_when_work_is_missing(
    ) {
        use crate::domain::validation::{Field, FollowUpField, Problem};
        let opened = today() - chrono::Duration::days(30);
        let draft = ClosureDraft {
            on: (opened - chrono::Duration::days(1)).to_string(),
            code: String::new(),
            comment: " ".into(),
        };
        let errors = draft.validate(opened, today(), true).unwrap_err();
        let f = Field::FollowUp;
        assert_eq!(
            errors.get(f(FollowUpField::ClosedOn)),
            Some(Problem::DateBeforeCaseOpened)
        );
        assert_eq!(
            errors.get(f(FollowUpField::ClosureCode)),
            Some(Problem::ChoiceRequired)
        );
        assert_eq!(
            errors.get(f(FollowUpField::ClosureComment)),
            Some(Problem::Required)
        );
        assert!(draft
            .validate(opened, today(), false)
            .unwrap_err()
            .get(f(FollowUpField::ClosureComment))
            .is_none());
    }
}
