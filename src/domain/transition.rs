//! Transitional care: a move between care settings, the 72-hour post-transition contact rule (instruments.md,
//! "Default contact cadence"), the transition checklist, and medication reconciliation against the current list.

use crate::domain::assessment::{Medication, ROW_FIELD_MAX};
use crate::domain::contact::{past_moment, Contact};
use crate::domain::ids::Id;
use crate::domain::validation::{required_text, Field, FieldErrors, FollowUpField, Problem};
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// Hours after a transition home within which the client is contacted.
pub const CONTACT_WITHIN_HOURS: i64 = 72;

/// Where the client is cared for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    Hospital,
    EmergencyDepartment,
    SkilledNursing,
    Rehabilitation,
    Home,
    HomeWithServices,
    Other,
}

crate::domain::codes::codes!(Setting {
    Hospital => "hospital",
    EmergencyDepartment => "emergency_department",
    SkilledNursing => "skilled_nursing",
    Rehabilitation => "rehabilitation",
    Home => "home",
    HomeWithServices => "home_with_services",
    Other => "other",
});

impl Setting {
    fn is_facility(self) -> bool {
        matches!(
            self,
            Setting::Hospital
                | Setting::EmergencyDepartment
                | Setting::SkilledNursing
                | Setting::Rehabilitation
        )
    }

    fn is_home(self) -> bool {
        matches!(self, Setting::Home | Setting::HomeWithServices)
    }
}

/// The 72-hour rule: a move out of a hospital, an emergency department, skilled nursing or rehabilitation into home
/// or home with services needs a contact within 72 hours.
pub fn needs_post_transition_contact(from: Setting, to: Setting) -> bool {
    from.is_facility() && to.is_home()
}

/// What a safe transition needs done, in the order the checklist shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChecklistItem {
    DischargeSummary,
    MedicationReconciliation,
    FollowUpBooked,
    CaregiverBriefed,
    EquipmentArranged,
}

crate::domain::codes::codes!(ChecklistItem {
    DischargeSummary => "discharge_summary",
    MedicationReconciliation => "medication_reconciliation",
    FollowUpBooked => "follow_up_booked",
    CaregiverBriefed => "caregiver_briefed",
    EquipmentArranged => "equipment_arranged",
});

/// One recorded transition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    pub id: Id,
    pub case_id: Id,
    pub from: Setting,
    pub to: Setting,
    /// Local date and time of the move, as the case manager's device shows it.
    #[serde(with = "crate::domain::stored_time::local_minute")]
    pub at: NaiveDateTime,
    /// The checklist items done.
    #[serde(default)]
    pub done: Vec<ChecklistItem>,
    /// The medication reconciliation, once confirmed.
    #[serde(default)]
    pub reconciliation: Option<Reconciliation>,
    #[serde(with = "crate::domain::stored_time::instant")]
    pub recorded_at: DateTime<Utc>,
}

/// Whether the post-transition contact was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostContact {
    /// The move needs no contact by the 72-hour rule.
    NotRequired,
    /// The first contact within the window.
    Met(NaiveDateTime),
    /// No contact yet; due by this time, which has not passed.
    Due(NaiveDateTime),
    /// The window passed without a contact.
    Missed(NaiveDateTime),
}

impl Transition {
    /// The time by which the client is contacted, when the 72-hour rule applies.
    pub fn contact_deadline(&self) -> Option<NaiveDateTime> {
        needs_post_transition_contact(self.from, self.to)
            .then(|| self.at + TimeDelta::hours(CONTACT_WITHIN_HOURS))
    }

    /// The day the post-transition task is due (the deadline's day).
    pub fn task_due(&self) -> Option<NaiveDate> {
        self.contact_deadline().map(|d| d.date())
    }

    /// Whether `contact` made at `at` counts for this transition: after the move, by the deadline.
    pub fn counts(&self, at: NaiveDateTime) -> bool {
        self.contact_deadline()
            .is_some_and(|deadline| at >= self.at && at <= deadline)
    }

    /// The 72-hour rule's state now (`now` local), from the case's contacts.
    pub fn post_contact(&self, contacts: &[Contact], now: NaiveDateTime) -> PostContact {
        let Some(deadline) = self.contact_deadline() else {
            return PostContact::NotRequired;
        };
        match contacts
            .iter()
            .map(|c| c.at)
            .filter(|at| self.counts(*at))
            .min()
        {
            Some(at) => PostContact::Met(at),
            None if now <= deadline => PostContact::Due(deadline),
            None => PostContact::Missed(deadline),
        }
    }

    /// The contacts made since the move, oldest first (shown against the 72-hour task).
    pub fn contacts_after<'a>(&self, contacts: &'a [Contact]) -> Vec<&'a Contact> {
        let mut after: Vec<&Contact> = contacts.iter().filter(|c| c.at >= self.at).collect();
        crate::domain::order::sort_by_key(&mut after, |c| c.at);
        after
    }

    pub fn is_done(&self, item: ChecklistItem) -> bool {
        self.done.contains(&item)
    }

    /// Ticks or unticks an item. Medication reconciliation is ticked by confirming one.
    pub fn set(&mut self, item: ChecklistItem, done: bool) {
        self.done.retain(|i| *i != item);
        if done {
            self.done.push(item);
            self.done.sort_by_key(|i| *i as u8);
        }
    }

    /// Every checklist item is done.
    pub fn checklist_complete(&self) -> bool {
        ChecklistItem::ALL.iter().all(|i| self.is_done(*i))
    }
}

/// The "record a transition" form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TransitionDraft {
    pub from: String,
    pub to: String,
    pub date: String,
    pub time: String,
}

impl TransitionDraft {
    pub fn new(now: NaiveDateTime) -> TransitionDraft {
        TransitionDraft {
            date: now.date().to_string(),
            time: now.format("%H:%M").to_string(),
            ..TransitionDraft::default()
        }
    }

    /// The transition `id` of case `case_id`, opened on `opened_on`: it has happened (no later than `now`, local)
    /// and not before the case opened; the settings differ.
    pub fn validate(
        &self,
        id: Id,
        case_id: Id,
        opened_on: NaiveDate,
        now: NaiveDateTime,
        recorded_at: DateTime<Utc>,
    ) -> Result<Transition, FieldErrors> {
        let f = Field::FollowUp;
        let mut errors = FieldErrors::default();
        let from = Setting::from_code(&self.from);
        if from.is_none() {
            errors.push(f(FollowUpField::TransitionFrom), Problem::ChoiceRequired);
        }
        let to = Setting::from_code(&self.to);
        if to.is_none() {
            errors.push(f(FollowUpField::TransitionTo), Problem::ChoiceRequired);
        } else if to == from && to != Some(Setting::Other) {
            errors.push(f(FollowUpField::TransitionTo), Problem::SameSetting);
        }
        let at = past_moment(
            &mut errors,
            (f(FollowUpField::TransitionDate), &self.date),
            (f(FollowUpField::TransitionTime), &self.time),
            opened_on,
            now,
        );
        match (from, to, at) {
            (Some(from), Some(to), Some(at)) if errors.is_empty() => Ok(Transition {
                id,
                case_id,
                from,
                to,
                at,
                done: vec![],
                reconciliation: None,
                recorded_at,
            }),
            _ => Err(errors),
        }
    }
}

/// What happened to one medication across the transition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MedicationChange {
    Continued,
    /// Dose or frequency changed.
    Changed,
    New,
    Stopped,
}

crate::domain::codes::codes!(MedicationChange {
    Continued => "continued",
    Changed => "changed",
    New => "new",
    Stopped => "stopped",
});

/// One line of a reconciliation: the medication as listed before and as taken after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReconciledMedication {
    pub change: MedicationChange,
    /// As on the list before (none for a new one).
    pub before: Option<Medication>,
    /// As taken after (none for a stopped one).
    pub after: Option<Medication>,
}

/// A confirmed medication reconciliation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reconciliation {
    pub lines: Vec<ReconciledMedication>,
    pub by: String,
    #[serde(with = "crate::domain::stored_time::instant")]
    pub confirmed_at: DateTime<Utc>,
}

impl Reconciliation {
    /// The current medication list once it is confirmed: every medication but the stopped ones, as taken after.
    pub fn current_list(&self) -> Vec<Medication> {
        self.lines.iter().filter_map(|l| l.after.clone()).collect()
    }
}

/// One line of the reconciliation form: a medication from the current list (`before`), or a new one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MedicationLineDraft {
    pub before: Option<Medication>,
    /// A `MedicationChange` code; a new line is always `new`.
    pub change: String,
    pub name: String,
    pub dose: String,
    pub frequency: String,
}

/// The reconciliation form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReconciliationDraft {
    pub lines: Vec<MedicationLineDraft>,
    pub by: String,
}

/// The most lines a reconciliation takes (the assessment's own limit on medication rows).
pub const LINES_MAX: usize = crate::domain::assessment::ROWS_MAX;

impl ReconciliationDraft {
    /// A line for each medication on the current list, its change still to choose.
    pub fn of(current: &[Medication]) -> ReconciliationDraft {
        ReconciliationDraft {
            lines: current
                .iter()
                .map(|m| MedicationLineDraft {
                    before: Some(m.clone()),
                    change: String::new(),
                    name: m.name.clone(),
                    dose: m.dose.clone(),
                    frequency: m.frequency.clone(),
                })
                .collect(),
            by: String::new(),
        }
    }

    /// Adds a line for a new medication (none past `LINES_MAX`).
    pub fn add_new(&mut self) {
        if self.lines.len() < LINES_MAX {
            self.lines.push(MedicationLineDraft {
                change: MedicationChange::New.code().into(),
                ..MedicationLineDraft::default()
            });
        }
    }

    /// Every listed medication needs its change chosen; a changed one a new dose or frequency; a new one a name.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<Reconciliation, FieldErrors> {
        let f = Field::FollowUp;
        let mut errors = FieldErrors::default();
        let mut lines = Vec::with_capacity(self.lines.len());
        for (i, line) in self.lines.iter().enumerate() {
            let n = u8::try_from(i).unwrap_or(u8::MAX);
            let change = match &line.before {
                None => Some(MedicationChange::New),
                Some(_) => MedicationChange::from_code(&line.change)
                    .filter(|c| *c != MedicationChange::New),
            };
            let Some(change) = change else {
                errors.push(
                    f(FollowUpField::MedicationChange(n)),
                    Problem::ChoiceRequired,
                );
                continue;
            };
            let after = |name: String| Medication {
                name,
                dose: crate::domain::validation::draft_text(&line.dose, ROW_FIELD_MAX),
                frequency: crate::domain::validation::draft_text(&line.frequency, ROW_FIELD_MAX),
                prescriber: line
                    .before
                    .as_ref()
                    .map(|b| b.prescriber.clone())
                    .unwrap_or_default(),
            };
            let reconciled = match (change, &line.before) {
                (MedicationChange::New, _) => {
                    let name = required_text(
                        &mut errors,
                        f(FollowUpField::MedicationName(n)),
                        &line.name,
                        ROW_FIELD_MAX,
                    );
                    ReconciledMedication {
                        change,
                        before: None,
                        after: Some(after(name)),
                    }
                }
                (MedicationChange::Changed, Some(before)) => {
                    let changed = after(before.name.clone());
                    if changed.dose == before.dose && changed.frequency == before.frequency {
                        errors.push(f(FollowUpField::MedicationDose(n)), Problem::NothingChanged);
                    }
                    ReconciledMedication {
                        change,
                        before: Some(before.clone()),
                        after: Some(changed),
                    }
                }
                (_, before) => ReconciledMedication {
                    change,
                    before: before.clone(),
                    after: (change == MedicationChange::Continued)
                        .then(|| before.clone())
                        .flatten(),
                },
            };
            lines.push(reconciled);
        }
        let by = required_text(
            &mut errors,
            f(FollowUpField::ReconciledBy),
            &self.by,
            crate::domain::client::SHORT_TEXT_MAX,
        );
        errors.into_result(Reconciliation {
            lines,
            by,
            confirmed_at: now,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }

    fn id(n: u8) -> Id {
        Id::from_random_bytes([n; 16])
    }

    fn transition(from: Setting, to: Setting) -> Transition {
        Transition {
            id: id(3),
            case_id: id(1),
            from,
            to,
            at: at(20, 15),
            done: vec![],
            reconciliation: None,
            recorded_at: Utc::now(),
        }
    }

    fn contact(on: NaiveDateTime) -> Contact {
        Contact {
            id: id(9),
            case_id: id(1),
            at: on,
            mode: crate::domain::contact::ContactMode::Phone,
            minutes: 10,
            with_whom: "Client".into(),
            summary: "Home and settled.".into(),
            logged_at: Utc::now(),
        }
    }

    #[test]
    fn only_a_move_from_a_facility_to_home_needs_a_contact_within_72_hours() {
        use Setting::*;
        for from in Setting::ALL {
            for to in Setting::ALL {
                let expected = matches!(
                    from,
                    Hospital | EmergencyDepartment | SkilledNursing | Rehabilitation
                ) && matches!(to, Home | HomeWithServices);
                assert_eq!(
                    needs_post_transition_contact(from, to),
                    expected,
                    "{from:?} → {to:?}"
                );
            }
        }
        let home = transition(Hospital, Home);
        assert_eq!(home.contact_deadline(), Some(at(23, 15)));
        assert_eq!(
            home.task_due(),
            Some(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())
        );
        assert_eq!(transition(Home, Hospital).contact_deadline(), None);
    }

    #[test]
    fn the_first_contact_inside_the_window_meets_the_rule() {
        let t = transition(Setting::Hospital, Setting::HomeWithServices);
        let before = contact(at(20, 14));
        let inside = contact(at(23, 15));
        let late = contact(at(23, 16));
        assert_eq!(
            t.post_contact(std::slice::from_ref(&before), at(21, 9)),
            PostContact::Due(at(23, 15))
        );
        assert_eq!(
            t.post_contact(&[before.clone(), late.clone()], at(24, 9)),
            PostContact::Missed(at(23, 15)),
            "a contact after the deadline is late"
        );
        assert_eq!(
            t.post_contact(&[late, inside, before.clone()], at(24, 9)),
            PostContact::Met(at(23, 15)),
            "72 hours to the minute still counts"
        );
        assert_eq!(
            transition(Setting::Home, Setting::Other).post_contact(&[], at(28, 9)),
            PostContact::NotRequired
        );
        assert_eq!(t.contacts_after(&[before]).len(), 0);
    }

    #[test]
    fn a_transition_is_in_the_past_with_two_settings_that_differ() {
        let opened = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        let draft = TransitionDraft {
            from: "hospital".into(),
            to: "hospital".into(),
            date: "2026-11-21".into(),
            time: "16:00".into(),
        };
        let errors = draft
            .validate(id(3), id(1), opened, at(21, 15), Utc::now())
            .unwrap_err();
        assert_eq!(
            errors.get(Field::FollowUp(FollowUpField::TransitionTo)),
            Some(Problem::SameSetting)
        );
        assert_eq!(
            errors.get(Field::FollowUp(FollowUpField::TransitionTime)),
            Some(Problem::TimeInFuture)
        );
        let fine = TransitionDraft {
            to: "home".into(),
            ..draft
        };
        let t = fine
            .validate(id(3), id(1), opened, at(21, 17), Utc::now())
            .unwrap();
        assert_eq!(
            (t.from, t.to, t.at),
            (Setting::Hospital, Setting::Home, at(21, 16))
        );
        let early = TransitionDraft {
            date: "2026-11-01".into(),
            ..fine
        };
        assert_eq!(
            early
                .validate(id(3), id(1), opened, at(21, 17), Utc::now())
                .unwrap_err()
                .get(Field::FollowUp(FollowUpField::TransitionDate)),
            Some(Problem::DateBeforeCaseOpened)
        );
    }

    fn med(name: &str, dose: &str) -> Medication {
        Medication {
            name: name.into(),
            dose: dose.into(),
            frequency: "daily".into(),
            prescriber: "Dr Ito".into(),
        }
    }

    #[test]
    fn reconciliation_marks_every_medication_and_gives_the_list_after() {
        let before = [
            med("Metformin", "500 mg"),
            med("Aspirin", "100 mg"),
            med("Furosemide", "20 mg"),
        ];
        let mut draft = ReconciliationDraft::of(&before);
        draft.add_new();
        let f = Field::FollowUp;
        let errors = draft.validate(Utc::now()).unwrap_err();
        for n in 0..3 {
            assert_eq!(
                errors.get(f(FollowUpField::MedicationChange(n))),
                Some(Problem::ChoiceRequired)
            );
        }
        assert_eq!(
            errors.get(f(FollowUpField::MedicationName(3))),
            Some(Problem::Required)
        );
        assert_eq!(
            errors.get(f(FollowUpField::ReconciledBy)),
            Some(Problem::Required)
        );

        draft.lines[0].change = "continued".into();
        draft.lines[1].change = "changed".into();
        draft.lines[2].change = "stopped".into();
        draft.lines[3].name = "Bisoprolol".into();
        draft.lines[3].dose = "2.5 mg".into();
        draft.by = "N. Sato".into();
        assert_eq!(
            draft
                .validate(Utc::now())
                .unwrap_err()
                .get(f(FollowUpField::MedicationDose(1))),
            Some(Problem::NothingChanged),
            "a change must change the dose or the frequency"
        );
        draft.lines[1].dose = "75 mg".into();
        let done = draft.validate(Utc::now()).unwrap();
        let changes: Vec<_> = done.lines.iter().map(|l| l.change).collect();
        assert_eq!(
            changes,
            [
                MedicationChange::Continued,
                MedicationChange::Changed,
                MedicationChange::Stopped,
                MedicationChange::New
            ]
        );
        let after = done.current_list();
        let names: Vec<_> = after
            .iter()
            .map(|m| (m.name.as_str(), m.dose.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("Metformin", "500 mg"),
                ("Aspirin", "75 mg"),
                ("Bisoprolol", "2.5 mg")
            ]
        );
        assert_eq!(
            after[1].prescriber, "Dr Ito",
            "a changed dose keeps its prescriber"
        );
    }

    #[test]
    fn the_checklist_keeps_its_order_and_is_complete_when_every_item_is_done() {
        let mut t = transition(Setting::Hospital, Setting::Home);
        t.set(ChecklistItem::CaregiverBriefed, true);
        t.set(ChecklistItem::DischargeSummary, true);
        t.set(ChecklistItem::DischargeSummary, true);
        assert_eq!(
            t.done,
            [
                ChecklistItem::DischargeSummary,
                ChecklistItem::CaregiverBriefed
            ]
        );
        t.set(ChecklistItem::CaregiverBriefed, false);
        assert!(!t.checklist_complete());
        for item in ChecklistItem::ALL {
            t.set(item, true);
        }
        assert!(t.checklist_complete());
    }
}
