//! Care coordination: referrals with a closed loop, appointments, and the forms for them, for tasks written by hand
//! and for needs added by hand. Status codes are HL7 FHIR R4's (Task for a referral's workflow, Appointment).

use crate::domain::ids::Id;
use crate::domain::plan::CarePlan;
use crate::domain::task::{Concern, Priority};
use crate::domain::validation::{
    optional_long_text, parse_iso_date, required_date, required_long_text, required_text, Field,
    FieldErrors, PlanField, Problem, LONG_TEXT_MAX,
};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

/// A referral's workflow status, as FHIR Task.status (the referral is a ServiceRequest whose Task carries this):
/// draft, sent (`requested`), accepted, declined (`rejected`), appointment scheduled (`in-progress`, business
/// status "appointment scheduled"), completed, closed without service (`cancelled`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferralStatus {
    Draft,
    Sent,
    Accepted,
    Declined,
    AppointmentScheduled,
    Completed,
    ClosedWithoutService,
}

crate::domain::codes::codes!(ReferralStatus {
    Draft => "draft",
    Sent => "requested",
    Accepted => "accepted",
    Declined => "rejected",
    AppointmentScheduled => "in-progress",
    Completed => "completed",
    ClosedWithoutService => "cancelled",
});

impl ReferralStatus {
    /// Whether the loop is still open (someone must follow it up).
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            ReferralStatus::Declined
                | ReferralStatus::Completed
                | ReferralStatus::ClosedWithoutService
        )
    }

    /// The statuses a referral may move to from this one. A closed loop is final: a new referral reopens it.
    pub fn next(self) -> &'static [ReferralStatus] {
        use ReferralStatus::*;
        match self {
            Draft => &[Sent, ClosedWithoutService],
            Sent => &[
                Accepted,
                Declined,
                AppointmentScheduled,
                Completed,
                ClosedWithoutService,
            ],
            Accepted => &[AppointmentScheduled, Completed, ClosedWithoutService],
            AppointmentScheduled => &[Completed, ClosedWithoutService],
            Declined | Completed | ClosedWithoutService => &[],
        }
    }
}

/// One step of a referral's loop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralUpdate {
    #[serde(with = "crate::domain::stored_time::instant")]
    pub at: DateTime<Utc>,
    pub status: ReferralStatus,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    pub id: Id,
    pub case_id: Id,
    /// The service or provider referred to.
    pub to: String,
    /// The need it is for.
    pub need_id: Option<Id>,
    pub reason: String,
    pub status: ReferralStatus,
    #[serde(with = "crate::domain::stored_time::optional_date", default)]
    pub sent_on: Option<NaiveDate>,
    /// When someone must next follow it up (a local calendar date); passed while open: overdue.
    #[serde(with = "crate::domain::stored_time::date")]
    pub follow_up_due: NaiveDate,
    /// Every status it has had, oldest first.
    pub updates: Vec<ReferralUpdate>,
    #[serde(with = "crate::domain::stored_time::instant")]
    pub updated_at: DateTime<Utc>,
}

impl Referral {
    pub fn is_open(&self) -> bool {
        self.status.is_open()
    }

    /// Open and not updated by its follow-up date: overdue until someone acts on it.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && self.follow_up_due < today
    }
}

/// The referral form (a new referral, or a status update of one).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReferralDraft {
    pub to: String,
    pub need_id: String,
    pub reason: String,
    pub status: String,
    pub sent_on: String,
    pub follow_up_due: String,
    pub note: String,
}

impl ReferralDraft {
    pub fn new() -> ReferralDraft {
        ReferralDraft {
            status: ReferralStatus::Draft.code().into(),
            ..ReferralDraft::default()
        }
    }

    /// A status update of `referral`: the status it may move to, and its next follow-up date.
    pub fn update_of(referral: &Referral) -> ReferralDraft {
        ReferralDraft {
            to: referral.to.clone(),
            need_id: referral.need_id.map(|n| n.to_string()).unwrap_or_default(),
            reason: referral.reason.clone(),
            status: String::new(),
            sent_on: referral.sent_on.map(|d| d.to_string()).unwrap_or_default(),
            follow_up_due: String::new(),
            note: String::new(),
        }
    }

    /// A new referral (`existing` `None`) or the next step of `existing`. The follow-up date is required while the
    /// loop stays open and may not be in the past; a sent referral says when it was sent.
    pub fn validate(
        &self,
        id: Id,
        case_id: Id,
        existing: Option<&Referral>,
        needs: &[Id],
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Referral, FieldErrors> {
        let mut errors = FieldErrors::default();
        let to = required_text(
            &mut errors,
            Field::Plan(PlanField::ReferralTo),
            &self.to,
            crate::domain::client::SHORT_TEXT_MAX,
        );
        let need_id = if let Some(r) = existing {
            // A next step keeps the referral's need (the form does not show it), open or not.
            r.need_id
        } else if self.need_id.is_empty() {
            None
        } else {
            let need = self
                .need_id
                .parse::<Id>()
                .ok()
                .filter(|n| needs.contains(n));
            if need.is_none() {
                errors.push(
                    Field::Plan(PlanField::ReferralNeed),
                    Problem::ChoiceRequired,
                );
            }
            need
        };
        let reason = required_long_text(
            &mut errors,
            Field::Plan(PlanField::ReferralWhy),
            &self.reason,
            2000,
        );
        let status = ReferralStatus::from_code(&self.status).filter(|s| match existing {
            None => matches!(s, ReferralStatus::Draft | ReferralStatus::Sent),
            Some(r) => r.status.next().contains(s),
        });
        if status.is_none() {
            errors.push(
                Field::Plan(PlanField::ReferralStatus),
                Problem::ChoiceRequired,
            );
        }
        let sent_on = crate::domain::validation::optional_past_date(
            &mut errors,
            Field::Plan(PlanField::ReferralSentOn),
            &self.sent_on,
            today,
        );
        // Sent, and every step after it, says when it was sent; a draft closed without being sent never was.
        let unsent = existing.is_none_or(|r| r.sent_on.is_none());
        let sent = status.is_some_and(|s| match s {
            ReferralStatus::Draft => false,
            ReferralStatus::ClosedWithoutService => !unsent,
            _ => true,
        });
        if sent && sent_on.is_none() && self.sent_on.trim().is_empty() {
            errors.push(Field::Plan(PlanField::ReferralSentOn), Problem::Required);
        }
        let open = status.is_none_or(ReferralStatus::is_open);
        let follow_up_due = match parse_iso_date(self.follow_up_due.trim()) {
            Some(due) if due < today && open => {
                errors.push(
                    Field::Plan(PlanField::ReferralFollowUp),
                    Problem::DateInPast,
                );
                None
            }
            Some(due) => Some(due),
            None if self.follow_up_due.trim().is_empty() && !open => Some(today),
            None if self.follow_up_due.trim().is_empty() => {
                errors.push(Field::Plan(PlanField::ReferralFollowUp), Problem::Required);
                None
            }
            None => {
                errors.push(
                    Field::Plan(PlanField::ReferralFollowUp),
                    Problem::DateUnreadable,
                );
                None
            }
        };
        let note = optional_long_text(
            &mut errors,
            Field::Plan(PlanField::ReferralNote),
            &self.note,
            LONG_TEXT_MAX,
        );
        match (status, follow_up_due) {
            (Some(status), Some(follow_up_due)) if errors.is_empty() => {
                let mut updates = existing.map(|r| r.updates.clone()).unwrap_or_default();
                updates.push(ReferralUpdate {
                    at: now,
                    status,
                    note,
                });
                Ok(Referral {
                    id: existing.map_or(id, |r| r.id),
                    case_id,
                    to,
                    need_id,
                    reason,
                    status,
                    sent_on: if sent { sent_on } else { None },
                    follow_up_due,
                    updates,
                    updated_at: now,
                })
            }
            _ => Err(errors),
        }
    }
}

/// FHIR Appointment.status: scheduled (`booked`), attended (`fulfilled`), missed (`noshow`), cancelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppointmentStatus {
    Scheduled,
    Attended,
    Missed,
    Cancelled,
}

crate::domain::codes::codes!(AppointmentStatus {
    Scheduled => "booked",
    Attended => "fulfilled",
    Missed => "noshow",
    Cancelled => "cancelled",
});

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appointment {
    pub id: Id,
    pub case_id: Id,
    /// Local date and time, as the case manager's device shows it.
    #[serde(with = "crate::domain::stored_time::local_minute")]
    pub starts: NaiveDateTime,
    /// The care team member it is with.
    pub with_member: Option<Id>,
    pub place: String,
    pub purpose: String,
    /// The intervention it carries out.
    pub intervention_id: Option<Id>,
    /// The authorized service it uses (attended, it counts against the authorization).
    #[serde(default)]
    pub authorization_id: Option<Id>,
    /// The case manager goes along (intensive case management plans these).
    #[serde(default)]
    pub accompanied: bool,
    pub status: AppointmentStatus,
    #[serde(with = "crate::domain::stored_time::instant")]
    pub updated_at: DateTime<Utc>,
}

/// The appointment form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AppointmentDraft {
    pub date: String,
    pub time: String,
    pub with_member: String,
    pub place: String,
    pub purpose: String,
    pub intervention_id: String,
    pub authorization_id: String,
    pub accompanied: bool,
}

/// `HH:MM` (what `<input type="time">` gives).
pub(crate) fn parse_time(text: &str) -> Option<NaiveTime> {
    let (h, m) = text.trim().split_once(':')?;
    let digits = |s: &str| (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit())).then_some(());
    digits(h)?;
    digits(m)?;
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

impl AppointmentDraft {
    /// A new appointment, scheduled; its member and intervention must be the plan's, its authorization one of
    /// `authorizations` (the case's).
    pub fn validate(
        &self,
        id: Id,
        case_id: Id,
        plan: Option<&CarePlan>,
        authorizations: &[Id],
        now: DateTime<Utc>,
    ) -> Result<Appointment, FieldErrors> {
        let mut errors = FieldErrors::default();
        let date = required_date(
            &mut errors,
            Field::Plan(PlanField::AppointmentDate),
            &self.date,
        );
        let time = match parse_time(&self.time) {
            Some(t) => Some(t),
            None => {
                let problem = if self.time.trim().is_empty() {
                    Problem::Required
                } else {
                    Problem::TimeUnreadable
                };
                errors.push(Field::Plan(PlanField::AppointmentTime), problem);
                None
            }
        };
        let with_member = pick(
            &mut errors,
            Field::Plan(PlanField::AppointmentWith),
            &self.with_member,
            |m| plan.is_some_and(|p| p.member(m).is_some()),
        );
        let place = required_text(
            &mut errors,
            Field::Plan(PlanField::AppointmentPlace),
            &self.place,
            crate::domain::client::SHORT_TEXT_MAX,
        );
        let purpose = required_text(
            &mut errors,
            Field::Plan(PlanField::AppointmentPurpose),
            &self.purpose,
            crate::domain::plan::PLAN_TEXT_MAX,
        );
        let intervention_id = pick(
            &mut errors,
            Field::Plan(PlanField::AppointmentIntervention),
            &self.intervention_id,
            |i| plan.is_some_and(|p| p.interventions.iter().any(|x| x.id == i)),
        );
        let authorization_id = pick(
            &mut errors,
            Field::Plan(PlanField::AppointmentAuthorization),
            &self.authorization_id,
            |a| authorizations.contains(&a),
        );
        match (date, time) {
            (Some(date), Some(time)) if errors.is_empty() => Ok(Appointment {
                id,
                case_id,
                starts: date.and_time(time),
                with_member,
                place,
                purpose,
                intervention_id,
                authorization_id,
                accompanied: self.accompanied,
                status: AppointmentStatus::Scheduled,
                updated_at: now,
            }),
            _ => Err(errors),
        }
    }
}

/// An optional id chosen from a list: blank is none; anything else must pass `known`.
fn pick(
    errors: &mut FieldErrors,
    field: Field,
    raw: &str,
    known: impl Fn(Id) -> bool,
) -> Option<Id> {
    if raw.trim().is_empty() {
        return None;
    }
    let id = raw.parse::<Id>().ok().filter(|id| known(*id));
    if id.is_none() {
        errors.push(field, Problem::ChoiceRequired);
    }
    id
}

/// The form for a task written by hand.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TaskDraft {
    pub title: String,
    pub due: String,
    pub priority: String,
    pub assignee: String,
}

/// A task written by hand, validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManualTask {
    pub title: String,
    pub due: NaiveDate,
    pub priority: Priority,
    pub assignee: Option<Id>,
}

impl TaskDraft {
    pub fn new(today: NaiveDate) -> TaskDraft {
        TaskDraft {
            due: today.to_string(),
            priority: Priority::Normal.code().into(),
            ..TaskDraft::default()
        }
    }

    pub fn validate(&self, plan: Option<&CarePlan>) -> Result<ManualTask, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = required_text(
            &mut errors,
            Field::Plan(PlanField::TaskTitle),
            &self.title,
            crate::domain::plan::PLAN_TEXT_MAX,
        );
        let due = required_date(&mut errors, Field::Plan(PlanField::TaskDue), &self.due);
        let priority = Priority::from_code(&self.priority);
        if priority.is_none() {
            errors.push(
                Field::Plan(PlanField::TaskPriority),
                Problem::ChoiceRequired,
            );
        }
        let assignee = pick(
            &mut errors,
            Field::Plan(PlanField::TaskAssignee),
            &self.assignee,
            |m| plan.is_some_and(|p| p.member(m).is_some()),
        );
        match (due, priority) {
            (Some(due), Some(priority)) if errors.is_empty() => Ok(ManualTask {
                title,
                due,
                priority,
                assignee,
            }),
            _ => Err(errors),
        }
    }
}

/// The form for a need added by hand.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NeedDraft {
    pub concern: String,
    pub description: String,
}

impl NeedDraft {
    /// The concern and the case manager's description of it (required).
    pub fn validate(&self) -> Result<(Concern, String), FieldErrors> {
        let mut errors = FieldErrors::default();
        let concern = Concern::from_code(&self.concern);
        if concern.is_none() {
            errors.push(Field::Plan(PlanField::NeedConcern), Problem::ChoiceRequired);
        }
        let description = required_text(
            &mut errors,
            Field::Plan(PlanField::NeedDescription),
            &self.description,
            crate::domain::plan::PLAN_TEXT_MAX,
        );
        match concern {
            Some(concern) if errors.is_empty() => Ok((concern, description)),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap()
    }

    fn id(n: u8) -> Id {
        Id::from_random_bytes([n; 16])
    }

    fn sent() -> ReferralDraft {
        ReferralDraft {
            to: "Meals on wheels".into(),
            need_id: id(1).to_string(),
            reason: "Cannot cook since the fall".into(),
            status: "requested".into(),
            sent_on: day(24).to_string(),
            follow_up_due: day(28).to_string(),
            note: String::new(),
        }
    }

    #[test]
    fn a_sent_referral_is_overdue_after_its_follow_up_date_until_it_is_closed() {
        let referral = sent()
            .validate(id(2), id(3), None, &[id(1)], day(24), now())
            .unwrap();
        assert_eq!(referral.status, ReferralStatus::Sent);
        assert!(!referral.is_overdue(day(28)));
        assert!(referral.is_overdue(day(29)));
        let done = ReferralDraft {
            status: "completed".into(),
            follow_up_due: String::new(),
            ..ReferralDraft::update_of(&referral)
        }
        .validate(id(9), id(3), Some(&referral), &[id(1)], day(30), now())
        .unwrap();
        assert_eq!(done.id, referral.id, "an update keeps the referral's id");
        assert!(!done.is_overdue(day(30)));
        assert_eq!(done.updates.len(), 2);
    }

    #[test]
    fn only_allowed_status_moves_are_accepted() {
        let referral = sent()
            .validate(id(2), id(3), None, &[id(1)], day(24), now())
            .unwrap();
        let back_to_draft = ReferralDraft {
            status: "draft".into(),
            follow_up_due: day(30).to_string(),
            ..ReferralDraft::update_of(&referral)
        };
        let errors = back_to_draft
            .validate(id(9), id(3), Some(&referral), &[id(1)], day(24), now())
            .unwrap_err();
        assert_eq!(
            errors.get(Field::Plan(PlanField::ReferralStatus)),
            Some(Problem::ChoiceRequired)
        );
        let new_but_accepted = ReferralDraft {
            status: "accepted".into(),
            ..sent()
        };
        assert!(new_but_accepted
            .validate(id(2), id(3), None, &[id(1)], day(24), now())
            .is_err());
        for status in ReferralStatus::ALL {
            assert_eq!(status.next().is_empty(), !status.is_open(), "{status:?}");
        }
    }

    #[test]
    fn an_open_referral_needs_a_follow_up_date_not_in_the_past_and_a_sent_one_its_date() {
        let bad = ReferralDraft {
            sent_on: String::new(),
            follow_up_due: day(20).to_string(),
            ..sent()
        };
        let errors = bad
            .validate(id(2), id(3), None, &[id(1)], day(24), now())
            .unwrap_err();
        assert_eq!(
            errors.get(Field::Plan(PlanField::ReferralSentOn)),
            Some(Problem::Required)
        );
        assert_eq!(
            errors.get(Field::Plan(PlanField::ReferralFollowUp)),
            Some(Problem::DateInPast)
        );
        let draft = ReferralDraft {
            status: "draft".into(),
            sent_on: String::new(),
            ..sent()
        };
        let referral = draft
            .validate(id(2), id(3), None, &[id(1)], day(24), now())
            .unwrap();
        assert_eq!(referral.sent_on, None);
    }

    #[test]
    fn an_appointment_has_a_date_a_time_a_place_and_a_purpose() {
        let draft = AppointmentDraft {
            date: "2026-11-27".into(),
            time: "14:30".into(),
            place: "Clinic room 2".into(),
            purpose: "Physiotherapy assessment".into(),
            ..AppointmentDraft::default()
        };
        let appointment = draft.validate(id(4), id(3), None, &[], now()).unwrap();
        assert_eq!(appointment.starts, day(27).and_hms_opt(14, 30, 0).unwrap());
        assert_eq!(appointment.status, AppointmentStatus::Scheduled);
        let bad = AppointmentDraft {
            time: "25:00".into(),
            with_member: id(9).to_string(),
            ..draft
        };
        let errors = bad.validate(id(4), id(3), None, &[], now()).unwrap_err();
        assert_eq!(
            errors.get(Field::Plan(PlanField::AppointmentTime)),
            Some(Problem::TimeUnreadable)
        );
        assert_eq!(
            errors.get(Field::Plan(PlanField::AppointmentWith)),
            Some(Problem::ChoiceRequired)
        );
    }

    #[test]
    fn a_manual_task_needs_a_title_and_a_due_date() {
        let task = TaskDraft {
            title: "Call the pharmacy".into(),
            ..TaskDraft::new(day(24))
        }
        .validate(None)
        .unwrap();
        assert_eq!((task.due, task.priority), (day(24), Priority::Normal));
        let errors = TaskDraft::default().validate(None).unwrap_err();
        assert_eq!(
            errors.get(Field::Plan(PlanField::TaskTitle)),
            Some(Problem::Required)
        );
        assert_eq!(
            errors.get(Field::Plan(PlanField::TaskDue)),
            Some(Problem::Required)
        );
    }
}
