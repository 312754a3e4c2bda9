//! Instrument results: saving one (with the tier, safety task and needs it sets in motion) and marking one entered
//! in error.

use super::{Changeset, FreshIds, Record};
use crate::domain::administration::{
    chronological, consequences, latest_outcomes, Administration, EnteredInError,
};
use crate::domain::audit::Action;
use crate::domain::case::{Case, WorkflowError};
use crate::domain::ids::Id;
use crate::domain::risk::stratify;
use crate::domain::task::{Cancellation, Need, Priority, Task, TaskKind};
use chrono::{DateTime, NaiveDate, Utc};

/// What is stored for a case that a result changes.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseResults {
    pub case: Case,
    pub administrations: Vec<Administration>,
    pub tasks: Vec<Task>,
    pub needs: Vec<Need>,
}

impl CaseResults {
    /// The case re-stratified from the latest counting result of each instrument in `history`.
    fn restratified(&self, history: &mut [Administration], now: DateTime<Utc>) -> Case {
        chronological(history);
        let mut case = self.case.clone();
        case.restratify(stratify(&latest_outcomes(history)), now);
        case
    }
}

/// Saves a scored result: the administration; the case re-stratified from the latest counting result of each
/// instrument; an urgent task due `today` if PHQ-9 item 9 is above 0; a need for each positive AHC domain the case
/// does not already have. A result already stored under the same id (the same form submitted twice) writes nothing.
pub fn record_result(
    stored: &CaseResults,
    administration: Administration,
    today: NaiveDate,
    now: DateTime<Utc>,
    ids: &mut dyn FreshIds,
) -> Result<Changeset, WorkflowError> {
    let mut changes = Changeset::default();
    if stored
        .administrations
        .iter()
        .any(|a| a.id == administration.id)
    {
        return Ok(changes);
    }
    stored.case.accepts_changes()?;
    if administration.case_id != stored.case.id {
        return Err(WorkflowError::NotOnThisCase);
    }
    let mut history = stored.administrations.clone();
    history.push(administration.clone());
    let case = stored.restratified(&mut history, now);

    let follow = consequences(administration.instrument, &administration.outcome, today);
    let source = administration.id;
    changes.put(Record::Administration(administration), Action::Created, now);
    changes.put(Record::Case(case), Action::Updated, now);
    if let Some(due) = follow.safety_task_due {
        let task = Task::by_rule(
            ids.fresh(),
            stored.case.id,
            TaskKind::SafetyFollowUp,
            Priority::Urgent,
            source,
            due,
            now,
        );
        changes.put(Record::Task(task), Action::Created, now);
    }
    for concern in follow.concerns {
        // A repeated finding links to the open need it raised before, never a second need.
        match stored
            .needs
            .iter()
            .find(|n| n.is_open() && n.concern == concern)
        {
            Some(open) => {
                let mut linked = open.clone();
                linked.also_raised_by.push(source);
                changes.put(Record::Need(linked), Action::Updated, now);
            }
            None => {
                let need = Need {
                    id: ids.fresh(),
                    case_id: stored.case.id,
                    concern,
                    description: None,
                    source: Some(source),
                    also_raised_by: vec![],
                    identified_at: now,
                    withdrawn: None,
                };
                changes.put(Record::Need(need), Action::Created, now);
            }
        }
    }
    Ok(changes)
}

/// Marks a result entered in error: it stays in the history but stops counting for the tier, trends and flags;
/// every open task it raised is closed and every need it raised withdrawn, with the same reason. Marking it again
/// writes nothing.
pub fn mark_entered_in_error(
    stored: &CaseResults,
    administration_id: Id,
    mark: EnteredInError,
    now: DateTime<Utc>,
) -> Result<Changeset, WorkflowError> {
    let mut changes = Changeset::default();
    stored.case.accepts_changes()?;
    let Some(target) = stored
        .administrations
        .iter()
        .find(|a| a.id == administration_id)
    else {
        return Err(WorkflowError::NotOnThisCase);
    };
    if !target.counts() {
        return Ok(changes);
    }
    let reason = mark.reason.clone();
    let by = mark.by.clone();
    let mut marked = target.clone();
    marked.entered_in_error = Some(mark);
    let mut history: Vec<Administration> = stored
        .administrations
        .iter()
        .map(|a| {
            if a.id == administration_id {
                marked.clone()
            } else {
                a.clone()
            }
        })
        .collect();
    let mut case = stored.restratified(&mut history, now);
    case.note_entered_in_error(marked.instrument, reason.clone(), by, now);
    changes.put(Record::Administration(marked), Action::EnteredInError, now);
    changes.put(Record::Case(case), Action::Updated, now);
    for task in stored
        .tasks
        .iter()
        .filter(|t| t.source == Some(administration_id) && t.is_open())
    {
        let mut closed = task.clone();
        closed.cancelled = Some(Cancellation {
            at: now,
            reason: reason.clone(),
            closure: None,
        });
        changes.put(Record::Task(closed), Action::Cancelled, now);
    }
    for need in stored.needs.iter().filter(|n| n.is_open()) {
        let raised_by_it = need.source == Some(administration_id);
        let linked = need.also_raised_by.contains(&administration_id);
        if !raised_by_it && !linked {
            continue;
        }
        let mut changed = need.clone();
        changed.also_raised_by.retain(|a| *a != administration_id);
        if raised_by_it && changed.also_raised_by.is_empty() {
            changed.withdrawn = Some(Cancellation {
                at: now,
                reason: reason.clone(),
                closure: None,
            });
            changes.put(Record::Need(changed), Action::Cancelled, now);
        } else {
            // Another result found the same need: it stays, sourced by the earliest of those.
            if raised_by_it {
                changed.source = Some(changed.also_raised_by.remove(0));
            }
            changes.put(Record::Need(changed), Action::Updated, now);
        }
    }
    Ok(changes)
}

/// Marks a task done (writes nothing if it is no longer open).
pub fn complete_task(task: &Task, now: DateTime<Utc>) -> Changeset {
    let mut changes = Changeset::default();
    if task.is_open() {
        let mut done = task.clone();
        done.done_at = Some(now);
        changes.put(Record::Task(done), Action::Completed, now);
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::instruments::Instrument;
    use crate::domain::risk::Tier;
    use crate::domain::workflow::testing::{counter, now, open_case, today};

    fn result(
        case: &Case,
        id: u8,
        instrument: Instrument,
        answers: Vec<Option<u32>>,
    ) -> Administration {
        Administration::record(
            Id::from_random_bytes([id; 16]),
            case,
            instrument,
            answers,
            "2026-11-24",
            "N. Sato",
            "en",
            today(),
            now(),
        )
        .unwrap()
    }

    fn phq9(case: &Case, id: u8, item9: u32) -> Administration {
        let mut answers = vec![Some(2); 8];
        answers.push(Some(item9));
        result(case, id, Instrument::Phq9, answers)
    }

    /// AHC answers, all negative but for the first: 0 steady housing, 2 no steady place to live (housing need).
    fn ahc(housing: u32) -> Vec<Option<u32>> {
        let mut answers = vec![
            Some(housing),
            Some(1 << 7),
            Some(2),
            Some(2),
            Some(1 << 2),
            Some(1),
        ];
        answers.extend([Some(0); 4]);
        answers
    }

    fn stored(case: Case) -> CaseResults {
        CaseResults {
            case,
            administrations: vec![],
            tasks: vec![],
            needs: vec![],
        }
    }

    /// Applies a changeset to what is stored, as storage would.
    fn apply(stored: &mut CaseResults, changes: &Changeset) {
        for record in &changes.puts {
            match record {
                Record::Case(c) => stored.case = c.clone(),
                Record::Administration(a) => {
                    stored.administrations.retain(|x| x.id != a.id);
                    stored.administrations.push(a.clone());
                }
                Record::Task(t) => {
                    stored.tasks.retain(|x| x.id != t.id);
                    stored.tasks.push(t.clone());
                }
                Record::Need(n) => stored.needs.push(n.clone()),
                _ => unreachable!(),
            }
        }
    }

    #[test]
    fn item_9_above_zero_gives_an_urgent_task_due_today_and_an_urgent_tier() {
        let case = open_case();
        let a = phq9(&case, 1, 1);
        let changes =
            record_result(&stored(case), a.clone(), today(), now(), &mut counter()).unwrap();
        let tasks: Vec<_> = changes.tasks().collect();
        assert_eq!(tasks.len(), 1);
        assert_eq!(
            (tasks[0].due, tasks[0].priority, tasks[0].source),
            (today(), Priority::Urgent, Some(a.id))
        );
        assert_eq!(changes.cases().next().unwrap().tier(), Some(Tier::Urgent));
        // 17 of 27: moderately severe, so a depression need too.
        let needs: Vec<_> = changes.needs().map(|n| n.concern).collect();
        assert_eq!(needs, vec![crate::domain::task::Concern::Depression]);
        assert_eq!(
            changes.audit.len(),
            4,
            "result, case, task and need are audited"
        );
    }

    #[test]
    fn every_positive_ahc_domain_becomes_a_need_however_many() {
        // Far more needs than the old fixed array of five could hold would be truncated: all are created.
        let case = open_case();
        // No steady housing, food often short, transport kept from care, utilities threatened, safety sum 20: all 5.
        let answers = vec![
            Some(2),
            Some(1),
            Some(0),
            Some(0),
            Some(1),
            Some(0),
            Some(4),
            Some(4),
            Some(4),
            Some(4),
        ];
        let a = result(&case, 1, Instrument::AhcHrsn, answers);
        let expected = a.outcome.positive_domains().len();
        let changes = record_result(&stored(case), a, today(), now(), &mut counter()).unwrap();
        assert_eq!(expected, 5);
        assert_eq!(changes.needs().count(), expected);
        let ids: std::collections::HashSet<Id> = changes.needs().map(|n| n.id).collect();
        assert_eq!(ids.len(), expected, "each need has its own fresh id");
    }

    #[test]
    fn a_repeated_result_adds_no_duplicate_need_and_the_same_submission_writes_nothing() {
        let case = open_case();
        // No steady place to live: housing only.
        let answers = ahc(2);
        let first = result(&case, 1, Instrument::AhcHrsn, answers.clone());
        let mut s = stored(case.clone());
        let changes = record_result(&s, first.clone(), today(), now(), &mut counter()).unwrap();
        apply(&mut s, &changes);
        let needs = s.needs.len();
        assert!(needs > 0);
        let again = record_result(&s, first, today(), now(), &mut counter()).unwrap();
        assert!(
            again.is_empty(),
            "a second submit of the same form is a no-op"
        );
        let second = result(&case, 2, Instrument::AhcHrsn, answers);
        let second_id = second.id;
        let changes = record_result(&s, second, today(), now(), &mut counter()).unwrap();
        let linked: Vec<&Need> = changes.needs().collect();
        assert_eq!(linked.len(), 1, "the open need is linked, not repeated");
        assert_eq!(linked[0].id, s.needs[0].id);
        assert_eq!(linked[0].also_raised_by, vec![second_id]);
        assert_eq!(
            changes.audit.last().map(|a| a.action),
            Some(Action::Updated)
        );
    }

    #[test]
    fn entering_in_error_the_result_that_raised_a_need_keeps_it_when_another_result_also_found_it()
    {
        let case = open_case();
        let mut s = stored(case.clone());
        let first = result(&case, 1, Instrument::AhcHrsn, ahc(2));
        let second = result(&case, 2, Instrument::AhcHrsn, ahc(2));
        for a in [first.clone(), second.clone()] {
            let changes = record_result(&s, a, today(), now(), &mut counter()).unwrap();
            apply_updates(&mut s, &changes);
        }
        assert_eq!(s.needs.len(), 1);
        let mark = EnteredInError {
            reason: "Wrong client".into(),
            by: "N. Sato".into(),
            at: now(),
        };
        let changes = mark_entered_in_error(&s, first.id, mark, now()).unwrap();
        let need = changes.needs().next().expect("the need changes");
        assert!(need.is_open(), "the second result still found it");
        assert_eq!(
            (need.source, need.also_raised_by.clone()),
            (Some(second.id), vec![])
        );
    }

    /// Like `apply`, but a record put again replaces the stored one.
    fn apply_updates(stored: &mut CaseResults, changes: &Changeset) {
        for record in &changes.puts {
            match record {
                Record::Administration(a) => stored.administrations.push(a.clone()),
                Record::Case(c) => stored.case = c.clone(),
                Record::Task(t) => stored.tasks.push(t.clone()),
                Record::Need(n) => {
                    stored.needs.retain(|x| x.id != n.id);
                    stored.needs.push(n.clone());
                }
                _ => unreachable!(),
            }
        }
    }

    #[test]
    fn a_closed_case_refuses_results() {
        let mut case = open_case();
        case.close("Moved away".into(), now()).unwrap();
        let a = phq9(&case, 1, 0);
        assert_eq!(
            record_result(&stored(case), a, today(), now(), &mut counter()),
            Err(WorkflowError::CaseClosed)
        );
    }

    #[test]
    fn a_result_entered_in_error_stops_counting_and_closes_its_safety_task() {
        let case = open_case();
        let mut s = stored(case.clone());
        let low = result(&case, 1, Instrument::Phq9, vec![Some(0); 9]);
        let c = record_result(&s, low, today(), now(), &mut counter()).unwrap();
        apply(&mut s, &c);
        assert_eq!(s.case.tier(), Some(Tier::Low));
        let wrong = phq9(&case, 2, 3);
        let c = record_result(&s, wrong.clone(), today(), now(), &mut counter()).unwrap();
        apply(&mut s, &c);
        assert_eq!(s.case.tier(), Some(Tier::Urgent));
        assert!(s.tasks[0].is_open());

        let mark = EnteredInError {
            reason: "Answers of another client".into(),
            by: "N. Sato".into(),
            at: now(),
        };
        let changes = mark_entered_in_error(&s, wrong.id, mark.clone(), now()).unwrap();
        apply(&mut s, &changes);
        assert_eq!(
            s.case.tier(),
            Some(Tier::Low),
            "the tier is back to the earlier result's"
        );
        let task = &s.tasks[0];
        assert!(!task.is_open());
        assert_eq!(
            task.cancelled.as_ref().unwrap().reason,
            "Answers of another client"
        );
        let kept = s.administrations.iter().find(|a| a.id == wrong.id).unwrap();
        assert_eq!(
            kept.entered_in_error.as_ref(),
            Some(&mark),
            "kept in the history"
        );
        assert!(
            crate::domain::administration::safety_alert(&s.administrations, &s.tasks).is_none()
        );
        assert!(mark_entered_in_error(&s, wrong.id, mark, now())
            .unwrap()
            .is_empty());
    }

    #[test]
    fn with_every_result_in_error_the_case_is_not_yet_stratified() {
        let case = open_case();
        let mut s = stored(case.clone());
        let a = phq9(&case, 1, 0);
        let c = record_result(&s, a.clone(), today(), now(), &mut counter()).unwrap();
        apply(&mut s, &c);
        assert!(s.case.tier().is_some());
        let mark = EnteredInError {
            reason: "Wrong client".into(),
            by: "N".into(),
            at: now(),
        };
        let c = mark_entered_in_error(&s, a.id, mark, now()).unwrap();
        apply(&mut s, &c);
        assert_eq!(s.case.tier(), None);
    }

    #[test]
    fn needs_raised_by_a_result_entered_in_error_are_withdrawn_and_can_be_raised_again() {
        let case = open_case();
        let mut s = stored(case.clone());
        // No steady place to live: housing.
        let answers = ahc(2);
        let wrong = result(&case, 1, Instrument::AhcHrsn, answers.clone());
        let c = record_result(&s, wrong.clone(), today(), now(), &mut counter()).unwrap();
        apply(&mut s, &c);
        let mark = EnteredInError {
            reason: "Wrong client".into(),
            by: "N".into(),
            at: now(),
        };
        let c = mark_entered_in_error(&s, wrong.id, mark, now()).unwrap();
        let withdrawn: Vec<_> = c.needs().collect();
        assert_eq!(withdrawn.len(), 1);
        assert_eq!(
            withdrawn[0].withdrawn.as_ref().unwrap().reason,
            "Wrong client"
        );
        for record in &c.puts {
            if let Record::Need(n) = record {
                s.needs.retain(|x| x.id != n.id);
                s.needs.push(n.clone());
            }
        }
        // The right answers, given again, raise the need again.
        let right = result(&case, 2, Instrument::AhcHrsn, answers);
        let c = record_result(&s, right, today(), now(), &mut counter()).unwrap();
        assert_eq!(c.needs().count(), 1);
    }

    #[test]
    fn a_need_count_of_zero_when_nothing_is_positive() {
        let case = open_case();
        let answers = ahc(0);
        let a = result(&case, 1, Instrument::AhcHrsn, answers);
        let changes = record_result(&stored(case), a, today(), now(), &mut counter()).unwrap();
        assert_eq!(
            changes
                .needs()
                .map(|n| n.concern)
                .collect::<Vec<crate::domain::task::Concern>>(),
            vec![]
        );
    }
}
