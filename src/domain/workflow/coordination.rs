//! Care coordination actions: referrals and their loop, appointments and what a missed one sets in motion, tasks
//! written by hand, and the time-based rule that turns an overdue referral into a task (run at start-up and at
//! local midnight; made once, whoever runs it).

use super::plans::CaseWork;
use super::{Changeset, FreshIds, Record};
use crate::domain::audit::Action;
use crate::domain::case::WorkflowError;
use crate::domain::coordination::{Appointment, AppointmentStatus, ManualTask, Referral};
use crate::domain::coverage::{Authorization, Coverage};
use crate::domain::ids::Id;
use crate::domain::task::{rule_task_id, Priority, Task, TaskKind};
use chrono::{DateTime, NaiveDate, Utc};

/// Saves a new referral, or the next step of one. A next step is applied to the referral as stored now (its status,
/// dates and the step's note), so a step another tab recorded meanwhile is kept, and a move the stored status does
/// not allow is refused. Acting on a referral completes the overdue task its rule made.
pub fn save_referral(
    work: &CaseWork,
    referral: Referral,
    now: DateTime<Utc>,
) -> Result<Changeset, WorkflowError> {
    work.case.accepts_changes()?;
    if referral.case_id != work.case.id {
        return Err(WorkflowError::NotOnThisCase);
    }
    let stored = work.referrals.iter().find(|r| r.id == referral.id);
    let existing = stored.is_some();
    let referral = match stored {
        None => {
            let need_known = referral
                .need_id
                .is_none_or(|n| work.needs.iter().any(|x| x.id == n && x.is_open()));
            if !need_known {
                return Err(WorkflowError::NotOnThisCase);
            }
            referral
        }
        Some(stored) => {
            if !stored.status.next().contains(&referral.status) {
                return Err(WorkflowError::NotOnThisCase);
            }
            let mut next = stored.clone();
            next.status = referral.status;
            next.sent_on = referral.sent_on.or(stored.sent_on);
            next.follow_up_due = referral.follow_up_due;
            next.updates.extend(referral.updates.last().cloned());
            next.updated_at = now;
            next
        }
    };
    let mut changes = Changeset::default();
    for task in work.tasks.iter().filter(|t| {
        t.kind == TaskKind::ReferralOverdue && t.source == Some(referral.id) && t.is_open()
    }) {
        let mut done = task.clone();
        done.done_at = Some(now);
        changes.put(Record::Task(done), Action::Completed, now);
    }
    let action = if existing {
        Action::Updated
    } else {
        Action::Created
    };
    changes.put(Record::Referral(referral), action, now);
    Ok(changes)
}

/// Schedules an appointment. Its member, intervention and authorization must still be the case's (another tab may
/// have removed one since the form was filled in): never a link to nothing.
pub fn add_appointment(
    work: &CaseWork,
    appointment: Appointment,
    now: DateTime<Utc>,
) -> Result<Changeset, WorkflowError> {
    work.case.accepts_changes()?;
    let plan = work.plan.as_ref();
    let member_known = appointment
        .with_member
        .is_none_or(|m| plan.is_some_and(|p| p.member(m).is_some()));
    let intervention_known = appointment
        .intervention_id
        .is_none_or(|i| plan.is_some_and(|p| p.interventions.iter().any(|x| x.id == i)));
    let authorization_known = appointment.authorization_id.is_none_or(|a| {
        work.coverages
            .iter()
            .any(|c| c.authorizations.iter().any(|x| x.id == a))
    });
    if appointment.case_id != work.case.id
        || !member_known
        || !intervention_known
        || !authorization_known
    {
        return Err(WorkflowError::NotOnThisCase);
    }
    let mut changes = Changeset::default();
    changes.put(Record::Appointment(appointment), Action::Created, now);
    Ok(changes)
}

/// Records how a scheduled appointment went. A missed one creates a follow-up task due `today` (the rule's task:
/// marking it missed again, from another tab, finds it rather than making a second). Only a scheduled
/// appointment changes; one already recorded writes nothing.
pub fn set_appointment_status(
    work: &CaseWork,
    id: Id,
    status: AppointmentStatus,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Changeset, WorkflowError> {
    work.case.accepts_changes()?;
    let appointment = work
        .appointments
        .iter()
        .find(|a| a.id == id)
        .ok_or(WorkflowError::NotOnThisCase)?;
    let mut changes = Changeset::default();
    if appointment.status != AppointmentStatus::Scheduled || status == AppointmentStatus::Scheduled
    {
        return Ok(changes);
    }
    let mut recorded = appointment.clone();
    recorded.status = status;
    recorded.updated_at = now;
    changes.put(Record::Appointment(recorded), Action::Updated, now);
    if status == AppointmentStatus::Missed {
        let task_id = rule_task_id(TaskKind::MissedAppointment, id, appointment.starts.date());
        if !work.tasks.iter().any(|t| t.id == task_id) {
            let task = Task::by_rule(
                task_id,
                work.case.id,
                TaskKind::MissedAppointment,
                Priority::Normal,
                id,
                today,
                now,
            );
            changes.put(Record::Task(task), Action::Created, now);
        }
    }
    Ok(changes)
}

/// A task written by hand.
pub fn add_task(
    work: &CaseWork,
    task: ManualTask,
    now: DateTime<Utc>,
    ids: &mut dyn FreshIds,
) -> Result<Changeset, WorkflowError> {
    work.case.accepts_changes()?;
    let known = task
        .assignee
        .is_none_or(|m| work.plan.as_ref().is_some_and(|p| p.member(m).is_some()));
    if !known {
        return Err(WorkflowError::NotOnThisCase);
    }
    let mut changes = Changeset::default();
    let task = Task {
        id: ids.fresh(),
        case_id: work.case.id,
        kind: TaskKind::Manual,
        priority: task.priority,
        due: task.due,
        source: None,
        title: Some(task.title),
        assignee: task.assignee,
        created_at: now,
        done_at: None,
        cancelled: None,
    };
    changes.put(Record::Task(task), Action::Created, now);
    Ok(changes)
}

/// The id of the task the overdue rule makes for `referral` at its current follow-up date.
pub fn overdue_task_id(referral: &Referral) -> Id {
    rule_task_id(
        TaskKind::ReferralOverdue,
        referral.id,
        referral.follow_up_due,
    )
}

/// The rule for referrals past their follow-up date: one task each, due `today`, unless the task for that referral
/// and follow-up date exists (`existing`: the ids of those already stored). `due` holds the referrals whose
/// follow-up date is before `today` (read through the due-date index, open ones only); anything else is ignored.
/// A referral followed up to a new date and overdue again gets a new task.
pub fn overdue_referral_tasks(
    due: &[Referral],
    existing: &[Id],
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Changeset {
    let mut changes = Changeset::default();
    for referral in due.iter().filter(|r| r.is_overdue(today)) {
        let id = overdue_task_id(referral);
        if existing.contains(&id) {
            continue;
        }
        let task = Task::by_rule(
            id,
            referral.case_id,
            TaskKind::ReferralOverdue,
            Priority::Normal,
            referral.id,
            today,
            now,
        );
        changes.put(Record::Task(task), Action::Created, now);
    }
    changes
}

/// Adds a payer to the case, or changes one (its authorizations are kept).
pub fn save_coverage(
    work: &CaseWork,
    mut coverage: Coverage,
    now: DateTime<Utc>,
) -> Result<Changeset, WorkflowError> {
    work.case.accepts_changes()?;
    if coverage.case_id != work.case.id {
        return Err(WorkflowError::NotOnThisCase);
    }
    let stored = work.coverages.iter().find(|c| c.id == coverage.id);
    if let Some(stored) = stored {
        coverage.authorizations = stored.authorizations.clone();
    }
    coverage.updated_at = now;
    let action = if stored.is_some() {
        Action::Updated
    } else {
        Action::Created
    };
    let mut changes = Changeset::default();
    changes.put(Record::Coverage(coverage), action, now);
    Ok(changes)
}

/// Adds an authorized service to one of the case's payers.
pub fn add_authorization(
    work: &CaseWork,
    coverage_id: Id,
    authorization: Authorization,
    now: DateTime<Utc>,
) -> Result<Changeset, WorkflowError> {
    work.case.accepts_changes()?;
    let mut coverage = work
        .coverages
        .iter()
        .find(|c| c.id == coverage_id)
        .cloned()
        .ok_or(WorkflowError::NotOnThisCase)?;
    coverage.authorizations.retain(|a| a.id != authorization.id);
    coverage.authorizations.push(authorization);
    coverage.updated_at = now;
    let mut changes = Changeset::default();
    changes.put(Record::Coverage(coverage), Action::Updated, now);
    Ok(changes)
}

/// The id of the task the coverage rule makes for `coverage` for its next end on or after `today` (each end date
/// its own task).
pub fn coverage_task_id(coverage: &Coverage, today: NaiveDate) -> Option<Id> {
    let end = coverage.next_end(today)?;
    Some(rule_task_id(TaskKind::CoverageEnding, coverage.id, end))
}

/// The rule for coverage about to end: a payer whose certification or authorization ends within
/// [`WARN_DAYS`](crate::domain::coverage::WARN_DAYS) of `today` gets one task to arrange the renewal, due `today`,
/// unless that task exists (`existing`). `ending` holds the coverages read through the due-date index.
pub fn coverage_ending_tasks(
    ending: &[Coverage],
    existing: &[Id],
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Changeset {
    let mut changes = Changeset::default();
    let horizon = today + chrono::Duration::days(crate::domain::coverage::WARN_DAYS);
    for coverage in ending {
        let (Some(end), Some(id)) = (coverage.next_end(today), coverage_task_id(coverage, today))
        else {
            continue;
        };
        if end > horizon || existing.contains(&id) {
            continue;
        }
        let task = Task::by_rule(
            id,
            coverage.case_id,
            TaskKind::CoverageEnding,
            Priority::Normal,
            coverage.id,
            today,
            now,
        );
        changes.put(Record::Task(task), Action::Created, now);
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::coordination::{AppointmentDraft, ReferralDraft};
    use crate::domain::workflow::testing::{counter, now, open_case, today};

    fn id(n: u8) -> Id {
        Id::from_random_bytes([n; 16])
    }

    fn work() -> CaseWork {
        CaseWork {
            case: open_case(),
            client_name: "Hanako Yamada".into(),
            plan: None,
            needs: vec![],
            referrals: vec![],
            appointments: vec![],
            tasks: vec![],
            coverages: vec![],
        }
    }

    fn referral(due: NaiveDate) -> Referral {
        ReferralDraft {
            to: "Meals on wheels".into(),
            reason: "Cannot cook".into(),
            status: "requested".into(),
            sent_on: today().to_string(),
            follow_up_due: due.to_string(),
            ..ReferralDraft::new()
        }
        .validate(id(30), open_case().id, None, &[], today(), now())
        .unwrap()
    }

    fn days(n: i64) -> NaiveDate {
        today() + chrono::Duration::days(n)
    }

    #[test]
    fn an_overdue_referral_makes_one_task_however_often_the_rule_runs() {
        let sent = referral(days(3));
        assert!(
            overdue_referral_tasks(std::slice::from_ref(&sent), &[], days(3), now()).is_empty()
        );
        let first = overdue_referral_tasks(std::slice::from_ref(&sent), &[], days(4), now());
        let tasks: Vec<&Task> = first.tasks().collect();
        assert_eq!(tasks.len(), 1);
        assert_eq!(
            (tasks[0].kind, tasks[0].due, tasks[0].source),
            (TaskKind::ReferralOverdue, days(4), Some(sent.id))
        );
        // Another tab, a reload, the next morning: the same task is found.
        let again =
            overdue_referral_tasks(std::slice::from_ref(&sent), &[tasks[0].id], days(5), now());
        assert!(again.is_empty());
        // Two runs that did not see each other's write still name the same record (storage refuses the second).
        let other_tab = overdue_referral_tasks(std::slice::from_ref(&sent), &[], days(5), now());
        assert_eq!(other_tab.tasks().next().unwrap().id, tasks[0].id);
    }

    #[test]
    fn acting_on_a_referral_completes_its_overdue_task_and_a_closed_one_is_never_overdue() {
        let sent = referral(days(3));
        let mut work = work();
        work.referrals.push(sent.clone());
        let rule = overdue_referral_tasks(std::slice::from_ref(&sent), &[], days(4), now());
        work.tasks.extend(rule.tasks().cloned());
        let update = ReferralDraft {
            status: "accepted".into(),
            follow_up_due: days(10).to_string(),
            ..ReferralDraft::update_of(&sent)
        }
        .validate(id(99), work.case.id, Some(&sent), &[], days(4), now())
        .unwrap();
        let changes = save_referral(&work, update.clone(), now()).unwrap();
        let done: Vec<&Task> = changes.tasks().collect();
        assert_eq!(done.len(), 1);
        assert!(!done[0].is_open());
        assert!(!update.is_overdue(days(10)));
        let mut closed = update;
        closed.status = crate::domain::coordination::ReferralStatus::Completed;
        assert!(overdue_referral_tasks(&[closed], &[], days(40), now()).is_empty());
    }

    #[test]
    fn a_step_recorded_from_a_stale_copy_is_applied_to_the_stored_referral_or_refused() {
        let sent = referral(days(3));
        let mut work = work();
        work.referrals.push(sent.clone());
        let step = |status: &str| {
            ReferralDraft {
                status: status.into(),
                follow_up_due: days(10).to_string(),
                note: format!("{status} by phone"),
                ..ReferralDraft::update_of(&sent)
            }
            .validate(id(99), work.case.id, Some(&sent), &[], today(), now())
            .unwrap()
        };
        // Another tab completed it first.
        let completed = step("completed");
        let changes = save_referral(&work, completed, now()).unwrap();
        let Some(Record::Referral(stored)) = changes.puts.last() else {
            panic!()
        };
        work.referrals = vec![stored.clone()];
        // This tab's form still shows it as sent and records "accepted": refused, the completion stands.
        assert_eq!(
            save_referral(&work, step("accepted"), now()),
            Err(WorkflowError::NotOnThisCase)
        );
        assert_eq!(stored.updates.len(), 2, "sent, then completed");
    }

    #[test]
    fn a_draft_closed_without_being_sent_needs_no_sent_date() {
        let draft = ReferralDraft {
            to: "Day centre".into(),
            reason: "Company".into(),
            follow_up_due: days(5).to_string(),
            ..ReferralDraft::new()
        }
        .validate(id(31), open_case().id, None, &[], today(), now())
        .unwrap();
        let closed = ReferralDraft {
            status: "cancelled".into(),
            ..ReferralDraft::update_of(&draft)
        }
        .validate(id(99), draft.case_id, Some(&draft), &[], today(), now());
        assert_eq!(
            closed.map(|r| (r.status, r.sent_on)),
            Ok((
                crate::domain::coordination::ReferralStatus::ClosedWithoutService,
                None
            ))
        );
    }

    #[test]
    fn a_missed_appointment_creates_a_follow_up_task_once() {
        let mut work = work();
        let appointment = AppointmentDraft {
            date: today().to_string(),
            time: "10:00".into(),
            place: "Clinic".into(),
            purpose: "Review".into(),
            ..AppointmentDraft::default()
        }
        .validate(id(40), work.case.id, None, &[], now())
        .unwrap();
        work.appointments.push(appointment);
        let changes =
            set_appointment_status(&work, id(40), AppointmentStatus::Missed, today(), now())
                .unwrap();
        let task = changes.tasks().next().expect("a follow-up task").clone();
        assert_eq!(
            (task.kind, task.source, task.due),
            (TaskKind::MissedAppointment, Some(id(40)), today())
        );
        // Recorded again from a tab that had not seen it: nothing more.
        work.appointments[0].status = AppointmentStatus::Missed;
        work.tasks.push(task);
        assert!(
            set_appointment_status(&work, id(40), AppointmentStatus::Missed, today(), now())
                .unwrap()
                .is_empty()
        );
        // Attended makes no task.
        work.appointments[0].status = AppointmentStatus::Scheduled;
        work.tasks.clear();
        let attended =
            set_appointment_status(&work, id(40), AppointmentStatus::Attended, today(), now())
                .unwrap();
        assert_eq!(attended.tasks().count(), 0);
    }

    #[test]
    fn coverage_ending_within_30_days_makes_one_renewal_task_and_new_authorizations_keep_the_payer()
    {
        let mut work = work();
        let coverage = crate::domain::coverage::CoverageDraft {
            payer: "City LTC insurance".into(),
            ltc: true,
            insured_number: "0123456789".into(),
            care_level: "care_1".into(),
            valid_from: (today() - chrono::Duration::days(300)).to_string(),
            valid_to: days(40).to_string(),
            ..Default::default()
        }
        .validate(id(50), work.case.id, now())
        .unwrap();
        let saved = save_coverage(&work, coverage.clone(), now()).unwrap();
        assert_eq!(saved.puts.len(), 1);
        work.coverages.push(coverage.clone());
        let authorization = Authorization {
            id: id(51),
            service: "Day care".into(),
            units: 8,
            valid_from: today(),
            valid_to: days(90),
        };
        let changes = add_authorization(&work, id(50), authorization.clone(), now()).unwrap();
        let Some(Record::Coverage(updated)) = changes.puts.first() else {
            panic!()
        };
        assert_eq!(updated.authorizations, vec![authorization]);
        assert_eq!(
            add_authorization(&work, id(99), updated.authorizations[0].clone(), now()),
            Err(WorkflowError::NotOnThisCase)
        );
        // 40 days away: not yet; 30 days away: one task, made once.
        assert!(
            coverage_ending_tasks(std::slice::from_ref(&coverage), &[], today(), now()).is_empty()
        );
        let ten_days_later = days(10);
        let first =
            coverage_ending_tasks(std::slice::from_ref(&coverage), &[], ten_days_later, now());
        let task = first.tasks().next().expect("a renewal task").clone();
        assert_eq!(
            (task.kind, task.source),
            (TaskKind::CoverageEnding, Some(id(50)))
        );
        assert!(coverage_ending_tasks(
            std::slice::from_ref(&coverage),
            &[task.id],
            days(11),
            now()
        )
        .is_empty());
    }

    #[test]
    fn a_manual_task_says_what_and_for_whom() {
        let task = ManualTask {
            title: "Call the pharmacy".into(),
            due: today(),
            priority: Priority::Urgent,
            assignee: None,
        };
        let mut ids = counter();
        let changes = add_task(&work(), task.clone(), now(), &mut ids).unwrap();
        let made = changes.tasks().next().unwrap();
        assert_eq!(made.kind, TaskKind::Manual);
        assert_eq!(made.title.as_deref(), Some("Call the pharmacy"));
        let unknown = ManualTask {
            assignee: Some(id(77)),
            ..task
        };
        assert_eq!(
            add_task(&work(), unknown, now(), &mut ids),
            Err(WorkflowError::NotOnThisCase)
        );
    }
}
