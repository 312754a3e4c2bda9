//! Care plan actions: needs added by hand, goals, interventions, strengths and barriers, the care team, education
//! and the plan review; removing what others point to (refused with what still points to it, or cascaded when the
//! user confirms); and a new revision when an agreed plan's content changes.

use super::{Changeset, FreshIds, Record};
use crate::domain::audit::{Action, EntityKind};
use crate::domain::case::{Case, WorkflowError};
use crate::domain::coordination::{Appointment, Referral};
use crate::domain::ids::Id;
use crate::domain::plan::{
    Achievement, ActivityStatus, Agreement, CarePlan, Education, Factor, Goal, GoalStatus,
    Intervention, Measure, PlanRevision, Role, TeamMember,
};
use crate::domain::task::{Concern, Need, Task};
use chrono::{DateTime, Utc};

/// What is stored for a case that planning and coordination read and change.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseWork {
    pub case: Case,
    /// The client's name, for the care team's first member when the plan is started.
    pub client_name: String,
    pub plan: Option<CarePlan>,
    pub needs: Vec<Need>,
    pub referrals: Vec<Referral>,
    pub appointments: Vec<Appointment>,
    pub tasks: Vec<Task>,
    /// The case's payers and what they authorized.
    pub coverages: Vec<crate::domain::coverage::Coverage>,
}

impl CaseWork {
    /// The plan as stored, or a new one whose team starts with the client.
    pub fn plan_or_new(&self, ids: &mut dyn FreshIds, now: DateTime<Utc>) -> CarePlan {
        self.plan.clone().unwrap_or_else(|| {
            let client = TeamMember {
                id: ids.fresh(),
                role: Role::Client,
                name: self.client_name.clone(),
                organisation: None,
                phone: None,
                email: None,
            };
            CarePlan::new(self.case.id, client, now)
        })
    }

    /// The plan's interventions (none before the plan exists).
    pub fn interventions(&self) -> &[crate::domain::plan::Intervention] {
        self.plan.as_ref().map_or(&[], |p| &p.interventions)
    }

    /// The ids of the case's open needs (the ones a goal or referral may address).
    pub fn open_need_ids(&self) -> Vec<Id> {
        self.needs
            .iter()
            .filter(|n| n.is_open())
            .map(|n| n.id)
            .collect()
    }
}

/// A change to the plan.
#[derive(Clone, Debug, PartialEq)]
pub enum PlanEdit {
    AddNeed {
        concern: Concern,
        description: String,
    },
    /// Adds the goal, or replaces the goal with its id.
    SaveGoal(Goal),
    GoalProgress {
        id: Id,
        status: GoalStatus,
        achievement: Achievement,
    },
    /// Records a value measured against a numeric goal (progress, not a new revision).
    RecordValue {
        goal_id: Id,
        value: crate::domain::plan::GoalValue,
    },
    /// Records a goal's outcome at evaluation (not a new revision; a later evaluation replaces it).
    Evaluate {
        goal_id: Id,
        evaluation: crate::domain::plan::GoalEvaluation,
    },
    SaveIntervention(Intervention),
    InterventionStatus {
        id: Id,
        status: ActivityStatus,
    },
    SaveFactor(Factor),
    SaveMember(TeamMember),
    AddEducation(Education),
    Review(Agreement),
    /// Removes a record; with `cascade`, what depends on it goes too (goals left without a need, interventions
    /// without a goal) and every other link to it is cleared. Without, a record still pointed to is refused.
    Remove {
        target: Target,
        cascade: bool,
    },
}

/// A plan record that others may point to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Need(Id),
    Goal(Id),
    Intervention(Id),
    Factor(Id),
    Member(Id),
}

/// What kind of record points to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferrerKind {
    Goal,
    Intervention,
    Referral,
    Appointment,
    Task,
    Education,
}

/// A record that still points to the one being removed, named so the user knows which.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Referrer {
    pub kind: ReferrerKind,
    pub id: Id,
    /// Its own words (a goal's text, an intervention's, a referral's service, an appointment's purpose, a task's
    /// title); empty for records named by their kind alone.
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanError {
    Workflow(WorkflowError),
    /// Still pointed to by these.
    InUse(Vec<Referrer>),
}

impl From<WorkflowError> for PlanError {
    fn from(e: WorkflowError) -> PlanError {
        PlanError::Workflow(e)
    }
}

const NOT_HERE: PlanError = PlanError::Workflow(WorkflowError::NotOnThisCase);

/// Replaces the item with the same id, or adds it.
fn upsert<T>(items: &mut Vec<T>, item: T, id: impl Fn(&T) -> Id) {
    match items.iter_mut().find(|x| id(x) == id(&item)) {
        Some(slot) => *slot = item,
        None => items.push(item),
    }
}

/// Everything that points to `target`.
pub fn referrers(work: &CaseWork, plan: &CarePlan, target: Target) -> Vec<Referrer> {
    let goal = |g: &Goal| Referrer {
        kind: ReferrerKind::Goal,
        id: g.id,
        label: g.text.clone(),
    };
    let intervention = |i: &Intervention| Referrer {
        kind: ReferrerKind::Intervention,
        id: i.id,
        label: i.text.clone(),
    };
    let appointment = |a: &Appointment| Referrer {
        kind: ReferrerKind::Appointment,
        id: a.id,
        label: a.purpose.clone(),
    };
    match target {
        Target::Need(id) => plan
            .goals
            .iter()
            .filter(|g| g.need_ids.contains(&id))
            .map(goal)
            .chain(
                work.referrals
                    .iter()
                    .filter(|r| r.need_id == Some(id))
                    .map(|r| Referrer {
                        kind: ReferrerKind::Referral,
                        id: r.id,
                        label: r.to.clone(),
                    }),
            )
            .collect(),
        Target::Goal(id) => plan.interventions_of(id).map(intervention).collect(),
        Target::Intervention(id) => work
            .appointments
            .iter()
            .filter(|a| a.intervention_id == Some(id))
            .map(appointment)
            .collect(),
        Target::Factor(id) => plan
            .goals
            .iter()
            .filter(|g| g.factor_ids.contains(&id))
            .map(goal)
            .collect(),
        Target::Member(id) => plan
            .interventions
            .iter()
            .filter(|i| i.member_id == Some(id))
            .map(intervention)
            .chain(
                plan.education
                    .iter()
                    .filter(|e| e.by == Some(id))
                    .map(|e| Referrer {
                        kind: ReferrerKind::Education,
                        id: e.id,
                        label: String::new(),
                    }),
            )
            .chain(
                work.appointments
                    .iter()
                    .filter(|a| a.with_member == Some(id))
                    .map(appointment),
            )
            .chain(
                work.tasks
                    .iter()
                    .filter(|t| t.assignee == Some(id))
                    .map(|t| Referrer {
                        kind: ReferrerKind::Task,
                        id: t.id,
                        label: t.title.clone().unwrap_or_default(),
                    }),
            )
            .collect(),
    }
}

/// Records outside the plan that a removal changes, collected once each.
#[derive(Default)]
struct Touched {
    referrals: Vec<Referral>,
    appointments: Vec<Appointment>,
    tasks: Vec<Task>,
}

impl Touched {
    fn appointment(
        &mut self,
        work: &CaseWork,
        pick: impl Fn(&Appointment) -> bool,
        change: impl Fn(&mut Appointment),
    ) {
        for a in work.appointments.iter().filter(|a| pick(a)) {
            match self.appointments.iter_mut().find(|x| x.id == a.id) {
                Some(x) => change(x),
                None => {
                    let mut x = a.clone();
                    change(&mut x);
                    self.appointments.push(x);
                }
            }
        }
    }
}

/// Removes a goal and its interventions (appointments lose the link).
fn remove_goal(plan: &mut CarePlan, work: &CaseWork, touched: &mut Touched, id: Id) {
    let gone: Vec<Id> = plan.interventions_of(id).map(|i| i.id).collect();
    plan.interventions.retain(|i| i.goal_id != id);
    plan.goals.retain(|g| g.id != id);
    touched.appointment(
        work,
        |a| a.intervention_id.is_some_and(|i| gone.contains(&i)),
        |a| a.intervention_id = None,
    );
}

fn remove(
    work: &CaseWork,
    plan: &mut CarePlan,
    target: Target,
    changes: &mut Changeset,
    now: DateTime<Utc>,
) -> Result<(), PlanError> {
    let mut touched = Touched::default();
    match target {
        Target::Need(id) => {
            // Only a need added by hand is removed: one a result raised stays with that result (it is withdrawn
            // when the result is marked entered in error).
            if !work
                .needs
                .iter()
                .any(|n| n.id == id && !n.raised_by_result())
            {
                return Err(NOT_HERE);
            }
            for goal in plan.goals.iter_mut() {
                goal.need_ids.retain(|n| *n != id);
            }
            let orphans: Vec<Id> = plan
                .goals
                .iter()
                .filter(|g| g.need_ids.is_empty())
                .map(|g| g.id)
                .collect();
            for goal in orphans {
                remove_goal(plan, work, &mut touched, goal);
            }
            for r in work.referrals.iter().filter(|r| r.need_id == Some(id)) {
                let mut r = r.clone();
                r.need_id = None;
                r.updated_at = now;
                touched.referrals.push(r);
            }
            changes.delete(EntityKind::Need, id, now);
        }
        Target::Goal(id) => {
            plan.goal(id).ok_or(NOT_HERE)?;
            remove_goal(plan, work, &mut touched, id);
        }
        Target::Intervention(id) => {
            if !plan.interventions.iter().any(|i| i.id == id) {
                return Err(NOT_HERE);
            }
            plan.interventions.retain(|i| i.id != id);
            touched.appointment(
                work,
                |a| a.intervention_id == Some(id),
                |a| a.intervention_id = None,
            );
        }
        Target::Factor(id) => {
            if !plan.factors.iter().any(|f| f.id == id) {
                return Err(NOT_HERE);
            }
            plan.factors.retain(|f| f.id != id);
            for goal in plan.goals.iter_mut() {
                goal.factor_ids.retain(|f| *f != id);
            }
        }
        Target::Member(id) => {
            plan.member(id).ok_or(NOT_HERE)?;
            plan.team.retain(|m| m.id != id);
            for i in plan
                .interventions
                .iter_mut()
                .filter(|i| i.member_id == Some(id))
            {
                i.member_id = None;
            }
            for e in plan.education.iter_mut().filter(|e| e.by == Some(id)) {
                e.by = None;
            }
            touched.appointment(
                work,
                |a| a.with_member == Some(id),
                |a| a.with_member = None,
            );
            for t in work.tasks.iter().filter(|t| t.assignee == Some(id)) {
                let mut t = t.clone();
                t.assignee = None;
                touched.tasks.push(t);
            }
        }
    }
    for r in touched.referrals {
        changes.put(Record::Referral(r), Action::Updated, now);
    }
    for mut a in touched.appointments {
        a.updated_at = now;
        changes.put(Record::Appointment(a), Action::Updated, now);
    }
    for t in touched.tasks {
        changes.put(Record::Task(t), Action::Updated, now);
    }
    Ok(())
}

/// Applies one change to the case's plan. The plan is created by its first change, its team starting with the
/// client. When the plan had been reviewed with the client and the change alters what was agreed (see
/// `CarePlan::changes_agreed_content`), the reviewed plan is kept as a `PlanRevision` and this one becomes the next
/// revision, awaiting review.
pub fn edit_plan(
    work: &CaseWork,
    edit: PlanEdit,
    now: DateTime<Utc>,
    ids: &mut dyn FreshIds,
) -> Result<Changeset, PlanError> {
    work.case.accepts_changes()?;
    let mut changes = Changeset::default();
    let before = work.plan.clone();
    let mut plan = work.plan_or_new(ids, now);
    let open_needs = work.open_need_ids();
    match edit {
        PlanEdit::AddNeed {
            concern,
            description,
        } => {
            let need = Need {
                id: ids.fresh(),
                case_id: work.case.id,
                concern,
                description: Some(description),
                source: None,
                also_raised_by: vec![],
                identified_at: now,
                withdrawn: None,
            };
            changes.put(Record::Need(need), Action::Created, now);
            return Ok(changes);
        }
        PlanEdit::SaveGoal(mut goal) => {
            // The form edits what was agreed; the values measured so far stay with the goal.
            if let Some(stored) = plan.goal(goal.id) {
                goal.values = stored.values.clone();
                goal.evaluation = stored.evaluation.clone();
            }
            let factors_known = goal
                .factor_ids
                .iter()
                .all(|f| plan.factors.iter().any(|x| x.id == *f));
            // Open needs, or needs the goal already addressed (a need withdrawn since keeps its link).
            let linked: Vec<Id> = plan
                .goal(goal.id)
                .map(|g| g.need_ids.clone())
                .unwrap_or_default();
            let needs_open = goal
                .need_ids
                .iter()
                .all(|n| open_needs.contains(n) || linked.contains(n));
            if goal.need_ids.is_empty() || !needs_open || !factors_known {
                return Err(NOT_HERE);
            }
            upsert(&mut plan.goals, goal, |g| g.id);
        }
        PlanEdit::GoalProgress {
            id,
            status,
            achievement,
        } => {
            let goal = plan.goals.iter_mut().find(|g| g.id == id).ok_or(NOT_HERE)?;
            goal.status = status;
            goal.achievement = achievement;
        }
        PlanEdit::RecordValue { goal_id, value } => {
            let goal = plan
                .goals
                .iter_mut()
                .find(|g| g.id == goal_id && matches!(g.measure, Measure::Numeric { .. }))
                .ok_or(NOT_HERE)?;
            goal.values.push(value);
            crate::domain::order::sort_by_key(&mut goal.values, |v| v.on);
        }
        PlanEdit::Evaluate {
            goal_id,
            evaluation,
        } => {
            // A cancelled goal was not pursued: it takes no outcome.
            let goal = plan
                .goals
                .iter_mut()
                .find(|g| g.id == goal_id && g.status != crate::domain::plan::GoalStatus::Cancelled)
                .ok_or(NOT_HERE)?;
            // The outcome is where the goal ended: its status and achievement say the same.
            goal.status = crate::domain::plan::GoalStatus::Completed;
            goal.achievement = match evaluation.outcome {
                crate::domain::plan::GoalOutcome::Achieved => Achievement::Achieved,
                crate::domain::plan::GoalOutcome::NotAchieved => Achievement::NotAchieved,
                crate::domain::plan::GoalOutcome::PartlyAchieved => Achievement::Improving,
            };
            goal.evaluation = Some(evaluation);
        }
        PlanEdit::SaveIntervention(intervention) => {
            let member_known = intervention
                .member_id
                .is_none_or(|m| plan.member(m).is_some());
            if plan.goal(intervention.goal_id).is_none() || !member_known {
                return Err(NOT_HERE);
            }
            upsert(&mut plan.interventions, intervention, |i| i.id);
        }
        PlanEdit::InterventionStatus { id, status } => {
            let i = plan
                .interventions
                .iter_mut()
                .find(|i| i.id == id)
                .ok_or(NOT_HERE)?;
            i.status = status;
        }
        PlanEdit::SaveFactor(factor) => upsert(&mut plan.factors, factor, |f| f.id),
        PlanEdit::SaveMember(member) => upsert(&mut plan.team, member, |m| m.id),
        PlanEdit::AddEducation(education) => {
            if education.by.is_some_and(|m| plan.member(m).is_none()) {
                return Err(NOT_HERE);
            }
            upsert(&mut plan.education, education, |e| e.id);
        }
        PlanEdit::Review(agreement) => plan.agreement = Some(agreement),
        PlanEdit::Remove { target, cascade } => {
            let pointing = referrers(work, &plan, target);
            if !pointing.is_empty() && !cascade {
                return Err(PlanError::InUse(pointing));
            }
            remove(work, &mut plan, target, &mut changes, now)?;
        }
    }
    plan.updated_at = now;
    if let Some(reviewed) = before.as_ref().filter(|p| p.agreement.is_some()) {
        if reviewed.changes_agreed_content(&plan) {
            let revision = PlanRevision {
                id: ids.fresh(),
                case_id: work.case.id,
                plan: reviewed.clone(),
                superseded_at: now,
            };
            changes.put(Record::PlanRevision(revision), Action::Created, now);
            plan.revision = reviewed.revision + 1;
            plan.agreement = None;
            plan.revised_at = now;
        }
    }
    let action = if before.is_some() {
        Action::Updated
    } else {
        Action::Created
    };
    changes.put(Record::Plan(plan), action, now);
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::{FactorKind, Frequency, Measure, Period};
    use crate::domain::workflow::testing::{counter, now, open_case, today};

    fn id(n: u8) -> Id {
        Id::from_random_bytes([n; 16])
    }

    fn need(n: u8, concern: Concern) -> Need {
        Need {
            id: id(n),
            case_id: open_case().id,
            concern,
            description: None,
            source: None,
            also_raised_by: vec![],
            identified_at: now(),
            withdrawn: None,
        }
    }

    fn work() -> CaseWork {
        CaseWork {
            case: open_case(),
            client_name: "Hanako Yamada".into(),
            plan: None,
            needs: vec![need(101, Concern::Food), need(102, Concern::Depression)],
            referrals: vec![],
            appointments: vec![],
            tasks: vec![],
            coverages: vec![],
        }
    }

    fn goal(n: u8, needs: &[u8]) -> Goal {
        Goal {
            id: id(n),
            text: format!("Goal {n}"),
            need_ids: needs.iter().map(|n| id(*n)).collect(),
            measure: Measure::Done,
            start: today(),
            target_date: today() + chrono::Duration::days(30),
            priority: crate::domain::plan::GoalPriority::Medium,
            status: GoalStatus::Proposed,
            achievement: Achievement::InProgress,
            factor_ids: vec![],
            values: vec![],
            evaluation: None,
        }
    }

    fn intervention(n: u8, goal: u8, member: Option<Id>) -> Intervention {
        Intervention {
            id: id(n),
            goal_id: id(goal),
            text: format!("Intervention {n}"),
            member_id: member,
            frequency: Frequency {
                times: 1,
                period: Period::Week,
            },
            from: today(),
            until: None,
            status: ActivityStatus::NotStarted,
            authorization_id: None,
        }
    }

    /// Applies edits in turn, as stored after each, and returns the final state.
    fn apply(mut work: CaseWork, edits: Vec<PlanEdit>) -> CaseWork {
        let mut ids = counter();
        for edit in edits {
            let changes = edit_plan(&work, edit, now(), &mut ids).unwrap();
            store(&mut work, &changes);
        }
        work
    }

    fn store(work: &mut CaseWork, changes: &Changeset) {
        for record in &changes.puts {
            match record {
                Record::Plan(p) => work.plan = Some(p.clone()),
                Record::Need(n) => upsert(&mut work.needs, n.clone(), |x| x.id),
                Record::Referral(r) => upsert(&mut work.referrals, r.clone(), |x| x.id),
                Record::Appointment(a) => upsert(&mut work.appointments, a.clone(), |x| x.id),
                Record::Task(t) => upsert(&mut work.tasks, t.clone(), |x| x.id),
                _ => {}
            }
        }
        for (kind, id) in &changes.deletes {
            if *kind == EntityKind::Need {
                work.needs.retain(|n| n.id != *id);
            }
        }
    }

    #[test]
    fn the_first_change_starts_the_plan_with_the_client_on_the_team() {
        let work = apply(work(), vec![PlanEdit::SaveGoal(goal(1, &[101]))]);
        let plan = work.plan.unwrap();
        assert_eq!(plan.revision, 1);
        assert_eq!(plan.team.len(), 1);
        assert_eq!(plan.team[0].role, Role::Client);
        assert_eq!(plan.team[0].name, "Hanako Yamada");
    }

    #[test]
    fn a_goal_must_address_an_open_need_of_the_case_and_an_intervention_a_goal() {
        let mut ids = counter();
        let refused = edit_plan(&work(), PlanEdit::SaveGoal(goal(1, &[99])), now(), &mut ids);
        assert_eq!(refused, Err(NOT_HERE));
        let refused = edit_plan(
            &work(),
            PlanEdit::SaveIntervention(intervention(5, 1, None)),
            now(),
            &mut ids,
        );
        assert_eq!(refused, Err(NOT_HERE));
    }

    #[test]
    fn removing_a_need_a_goal_addresses_is_refused_naming_the_goal_or_cascades_when_confirmed() {
        let work = apply(
            work(),
            vec![
                PlanEdit::SaveGoal(goal(1, &[101])),
                PlanEdit::SaveGoal(goal(2, &[101, 102])),
                PlanEdit::SaveIntervention(intervention(5, 1, None)),
            ],
        );
        let mut ids = counter();
        let remove = |cascade| PlanEdit::Remove {
            target: Target::Need(id(101)),
            cascade,
        };
        let Err(PlanError::InUse(pointing)) = edit_plan(&work, remove(false), now(), &mut ids)
        else {
            panic!("refused")
        };
        let names: Vec<&str> = pointing.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(names, vec!["Goal 1", "Goal 2"]);

        let changes = edit_plan(&work, remove(true), now(), &mut ids).unwrap();
        assert_eq!(changes.deletes, vec![(EntityKind::Need, id(101))]);
        let mut after = work.clone();
        store(&mut after, &changes);
        let plan = after.plan.unwrap();
        assert_eq!(
            plan.goals.iter().map(|g| g.id).collect::<Vec<_>>(),
            vec![id(2)],
            "goal 1 had no other need: it goes, with its intervention"
        );
        assert_eq!(plan.goals[0].need_ids, vec![id(102)]);
        assert!(plan.interventions.is_empty());
    }

    #[test]
    fn removing_a_team_member_clears_every_link_to_them_when_confirmed() {
        let work = apply(
            work(),
            vec![PlanEdit::SaveMember(TeamMember {
                id: id(50),
                role: Role::Therapist,
                name: "K. Ito".into(),
                organisation: Some("Rehab clinic".into()),
                phone: None,
                email: None,
            })],
        );
        let mut work = apply(
            work,
            vec![
                PlanEdit::SaveGoal(goal(1, &[101])),
                PlanEdit::SaveIntervention(intervention(5, 1, Some(id(50)))),
            ],
        );
        let mut task = crate::domain::task::Task {
            id: id(60),
            case_id: work.case.id,
            kind: crate::domain::task::TaskKind::Manual,
            priority: crate::domain::task::Priority::Normal,
            due: today(),
            source: None,
            title: Some("Send the exercise sheet".into()),
            assignee: Some(id(50)),
            created_at: now(),
            done_at: None,
            cancelled: None,
        };
        work.tasks.push(task.clone());
        let mut ids = counter();
        let target = Target::Member(id(50));
        let Err(PlanError::InUse(pointing)) = edit_plan(
            &work,
            PlanEdit::Remove {
                target,
                cascade: false,
            },
            now(),
            &mut ids,
        ) else {
            panic!("refused")
        };
        let kinds: Vec<_> = pointing.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, vec![ReferrerKind::Intervention, ReferrerKind::Task]);
        let changes = edit_plan(
            &work,
            PlanEdit::Remove {
                target,
                cascade: true,
            },
            now(),
            &mut ids,
        )
        .unwrap();
        task.assignee = None;
        assert!(changes.tasks().any(|t| *t == task));
        store(&mut work, &changes);
        let plan = work.plan.unwrap();
        assert_eq!(plan.interventions[0].member_id, None);
        assert!(plan.member(id(50)).is_none());
    }

    #[test]
    fn values_are_recorded_on_a_numeric_goal_in_date_order_kept_by_an_edit_and_start_no_revision() {
        use crate::domain::plan::{Amount, Direction, GoalValue};
        let mut numeric = goal(1, &[101]);
        numeric.measure = Measure::Numeric {
            unit: "kg".into(),
            target: Amount(70_000),
            direction: Direction::Decrease,
        };
        let agreed = Agreement {
            reviewed_on: today(),
            agreed: true,
            recorded_at: now(),
        };
        let value = |days: i64, kg: i64| GoalValue {
            on: today() - chrono::Duration::days(days),
            value: Amount(kg * 1000),
        };
        let work = apply(
            work(),
            vec![
                PlanEdit::SaveGoal(numeric.clone()),
                PlanEdit::SaveGoal(goal(2, &[101])),
                PlanEdit::Review(agreed),
                PlanEdit::RecordValue {
                    goal_id: id(1),
                    value: value(0, 74),
                },
                PlanEdit::RecordValue {
                    goal_id: id(1),
                    value: value(14, 76),
                },
            ],
        );
        let plan = work.plan.clone().unwrap();
        assert_eq!(plan.goals[0].values, vec![value(14, 76), value(0, 74)]);
        assert!(plan.agreed(), "progress keeps the agreement");
        // A done / not done goal takes no value.
        let mut ids = counter();
        let refused = edit_plan(
            &work,
            PlanEdit::RecordValue {
                goal_id: id(2),
                value: value(0, 1),
            },
            now(),
            &mut ids,
        );
        assert_eq!(refused, Err(NOT_HERE));
        // Editing the goal's words keeps its values.
        let mut reworded = numeric;
        reworded.text = "Lose 4 kg by spring".into();
        let work = apply(work, vec![PlanEdit::SaveGoal(reworded.clone())]);
        assert_eq!(work.plan.clone().unwrap().goals[0].values.len(), 2);

        // An outcome at evaluation is progress too: kept by a later edit, and no new revision.
        let evaluation = crate::domain::plan::EvaluationDraft {
            outcome: "partly_achieved".into(),
            comment: "Lost 3 of the 4 kg.".into(),
            by: "N. Sato".into(),
        }
        .validate(now())
        .unwrap();
        let revision = work.plan.as_ref().unwrap().revision;
        let work = apply(
            work,
            vec![
                PlanEdit::Evaluate {
                    goal_id: reworded.id,
                    evaluation: evaluation.clone(),
                },
                PlanEdit::SaveGoal(reworded),
            ],
        );
        let plan = work.plan.unwrap();
        assert_eq!(plan.goals[0].evaluation, Some(evaluation));
        assert_eq!(plan.revision, revision);
        let refused = crate::domain::plan::EvaluationDraft::default()
            .validate(now())
            .unwrap_err();
        assert_eq!(
            refused.iter().count(),
            3,
            "outcome, comment and who judged it"
        );
    }

    #[test]
    fn editing_an_agreed_plan_starts_a_new_revision_and_keeps_the_agreed_one() {
        let agreed = Agreement {
            reviewed_on: today(),
            agreed: true,
            recorded_at: now(),
        };
        let work = apply(
            work(),
            vec![
                PlanEdit::SaveGoal(goal(1, &[101])),
                PlanEdit::Review(agreed),
            ],
        );
        let agreed_plan = work.plan.clone().unwrap();
        assert!(agreed_plan.agreed());

        // Progress is not a new revision.
        let mut ids = counter();
        let progress = edit_plan(
            &work,
            PlanEdit::GoalProgress {
                id: id(1),
                status: GoalStatus::Active,
                achievement: Achievement::Improving,
            },
            now(),
            &mut ids,
        )
        .unwrap();
        assert_eq!(progress.puts.len(), 1);
        let Record::Plan(p) = &progress.puts[0] else {
            panic!()
        };
        assert_eq!((p.revision, p.agreed()), (1, true));

        // Rewording the goal is.
        let mut reworded = goal(1, &[101]);
        reworded.text = "Walk to the park".into();
        let changes = edit_plan(&work, PlanEdit::SaveGoal(reworded), now(), &mut ids).unwrap();
        let kept = changes
            .puts
            .iter()
            .find_map(|r| match r {
                Record::PlanRevision(rev) => Some(rev),
                _ => None,
            })
            .expect("the agreed revision is kept");
        assert_eq!(kept.plan, agreed_plan);
        let Some(Record::Plan(new)) = changes.puts.last() else {
            panic!()
        };
        assert_eq!(new.revision, 2);
        assert_eq!(
            new.agreement, None,
            "the new revision awaits the client's review"
        );
    }

    #[test]
    fn a_closed_case_takes_no_plan_changes() {
        let mut work = work();
        work.case.close("Moved away".into(), now()).unwrap();
        let mut ids = counter();
        assert_eq!(
            edit_plan(
                &work,
                PlanEdit::SaveFactor(Factor {
                    id: id(3),
                    kind: FactorKind::HomeStrength,
                    text: "Ground-floor flat".into()
                }),
                now(),
                &mut ids
            ),
            Err(PlanError::Workflow(WorkflowError::CaseClosed))
        );
    }
}
