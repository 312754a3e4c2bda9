//! The caseload dashboard: how many open cases are in each phase and tier, and the "today" list — tasks overdue or
//! due today, contacts due, referrals overdue, and appointments in the next 7 days — each on its case, with the
//! filters a case manager narrows it by (tier, specialty, case manager).

use crate::domain::case::{Case, Specialty};
use crate::domain::coordination::{Appointment, Referral};
use crate::domain::ids::Id;
use crate::domain::phase::Phase;
use crate::domain::risk::Tier;
use crate::domain::task::Task;
use chrono::NaiveDate;

/// Days ahead (today included) the dashboard lists appointments for.
pub const APPOINTMENT_DAYS: u64 = 7;

/// Open cases by phase and by tier (every phase and tier listed, zero included, in the stepper's and the tiers'
/// order; `None` is "not yet stratified").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub by_phase: Vec<(Phase, u32)>,
    pub by_tier: Vec<(Option<Tier>, u32)>,
}

impl Counts {
    pub fn open_cases(&self) -> u32 {
        self.by_tier.iter().map(|(_, n)| n).sum()
    }
}

/// What is due.
#[derive(Clone, Debug, PartialEq)]
pub enum Due {
    /// An open task due on or before today.
    Task(Task),
    /// The case's next contact, due on or before today.
    Contact,
    /// An open referral past its follow-up date.
    Referral(Referral),
    /// A scheduled appointment in the next 7 days.
    Appointment(Appointment),
}

/// What the today list shows of a case and narrows it by: enough to list thousands of items without opening
/// every case whole (storage reads the tier from the case's clear fields and the rest from its body).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseGlance {
    pub id: Id,
    pub client_id: Id,
    /// The effective tier (`None`: not yet stratified).
    pub tier: Option<Tier>,
    pub specialty: Specialty,
    /// The assigned case manager, by staff id, and their name as the case keeps it.
    pub manager_id: Option<Id>,
    pub manager: String,
}

impl CaseGlance {
    pub fn of(case: &Case) -> CaseGlance {
        CaseGlance {
            id: case.id,
            client_id: case.client_id,
            tier: case.tier(),
            specialty: case.details.specialty,
            manager_id: case.details.case_manager_id,
            manager: case.details.case_manager.clone(),
        }
    }
}

/// One line of the today list: what is due, when, on which case.
#[derive(Clone, Debug, PartialEq)]
pub struct DueItem {
    pub case: CaseGlance,
    pub on: NaiveDate,
    pub due: Due,
}

impl DueItem {
    /// Past its day (an appointment is never overdue here: it is still to come, or today).
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        match self.due {
            Due::Appointment(_) => false,
            Due::Referral(_) => true,
            Due::Task(_) | Due::Contact => self.on < today,
        }
    }

    fn rank(&self) -> u8 {
        match self.due {
            Due::Task(_) => 0,
            Due::Contact => 1,
            Due::Referral(_) => 2,
            Due::Appointment(_) => 3,
        }
    }
}

/// What the dashboard is narrowed to; `None` in a field admits every case.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// `Some(None)`: cases not yet stratified.
    pub tier: Option<Option<Tier>>,
    pub specialty: Option<Specialty>,
    /// The assigned case manager, by staff id.
    pub manager: Option<Id>,
}

impl Filter {
    pub fn admits(&self, case: &CaseGlance) -> bool {
        self.tier.is_none_or(|t| case.tier == t)
            && self.specialty.is_none_or(|s| case.specialty == s)
            && self.manager.is_none_or(|m| case.manager_id == Some(m))
    }
}

/// The today list as the dashboard shows it: the items the filter admits, overdue first, then by day, then tasks,
/// contacts, referrals and appointments, then the higher tier first (so the page needs no client's name to order
/// thousands of items, and names only the lines it shows), then by case.
pub fn today_list(items: &[DueItem], filter: &Filter, today: NaiveDate) -> Vec<DueItem> {
    let mut list: Vec<DueItem> = items
        .iter()
        .filter(|i| filter.admits(&i.case))
        .cloned()
        .collect();
    crate::domain::order::sort_by_key(&mut list, |i| {
        (
            !i.is_overdue(today),
            i.on,
            i.rank(),
            std::cmp::Reverse(i.case.tier),
            i.case.id,
        )
    });
    list
}

/// The case managers of the listed cases (staff id and name), by name, each once (the filter's choices).
pub fn managers(items: &[DueItem]) -> Vec<(Id, String)> {
    let mut managers: Vec<(Id, String)> = items
        .iter()
        .filter_map(|i| {
            let c = &i.case;
            c.manager_id.map(|id| (id, c.manager.trim().to_string()))
        })
        .collect();
    crate::domain::order::sort_by_key(&mut managers, |(id, _)| *id);
    managers.dedup_by_key(|(id, _)| *id);
    crate::domain::order::sort_by_key(&mut managers, |(id, name)| (name.clone(), *id));
    managers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::Id;
    use crate::domain::risk::Stratification;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    /// The workflows' test case as case `n`, of `specialty`, managed by `manager`, with the computed `tier`.
    fn case(n: u8, tier: Option<Tier>, specialty: Specialty, manager: &str) -> CaseGlance {
        let mut case = crate::domain::workflow::testing::open_case();
        case.id = Id::from_random_bytes([n; 16]);
        case.details.specialty = specialty;
        case.details.case_manager = manager.into();
        case.details.case_manager_id = Some(Id::from_random_bytes([manager.len() as u8; 16]));
        case.risk = Stratification {
            tier,
            reasons: vec![],
        };
        CaseGlance::of(&case)
    }

    fn contact(case: &CaseGlance, on: NaiveDate) -> DueItem {
        DueItem {
            case: case.clone(),
            on,
            due: Due::Contact,
        }
    }

    /// The listed cases by number (the first byte of their id).
    fn numbers(list: Vec<DueItem>) -> Vec<u8> {
        list.into_iter().map(|i| i.case.id.as_bytes()[0]).collect()
    }

    #[test]
    fn overdue_items_come_first_then_by_day_and_the_filter_narrows_by_tier_specialty_and_manager() {
        let one = case(1, Some(Tier::High), Specialty::Nursing, "N. Sato");
        let two = case(2, None, Specialty::SocialWork, "K. Ito");
        let three = case(3, Some(Tier::High), Specialty::Nursing, "N. Sato");
        let today = day(24);
        let items = vec![
            contact(&one, day(24)),
            contact(&two, day(20)),
            contact(&three, day(22)),
        ];
        assert_eq!(
            numbers(today_list(&items, &Filter::default(), today)),
            [2, 3, 1]
        );
        assert!(items[1].is_overdue(today) && !items[0].is_overdue(today));
        let by_tier = Filter {
            tier: Some(Some(Tier::High)),
            ..Filter::default()
        };
        assert_eq!(numbers(today_list(&items, &by_tier, today)), [3, 1]);
        let unstratified = Filter {
            tier: Some(None),
            ..Filter::default()
        };
        assert_eq!(numbers(today_list(&items, &unstratified, today)), [2]);
        let by_specialty = Filter {
            specialty: Some(Specialty::SocialWork),
            ..Filter::default()
        };
        assert_eq!(numbers(today_list(&items, &by_specialty, today)), [2]);
        let by_manager = Filter {
            manager: one.manager_id,
            ..Filter::default()
        };
        assert_eq!(numbers(today_list(&items, &by_manager, today)), [3, 1]);
        let names: Vec<String> = managers(&items).into_iter().map(|(_, n)| n).collect();
        assert_eq!(names, ["K. Ito", "N. Sato"]);
    }

    #[test]
    fn on_the_same_day_tasks_come_before_contacts_and_the_higher_tier_first() {
        let low = case(1, Some(Tier::Low), Specialty::Nursing, "N. Sato");
        let none = case(2, None, Specialty::Nursing, "N. Sato");
        let urgent = case(3, Some(Tier::Urgent), Specialty::Nursing, "N. Sato");
        let other_urgent = case(4, Some(Tier::Urgent), Specialty::Nursing, "N. Sato");
        let today = day(24);
        let mut task = contact(&none, today);
        task.due = Due::Task(crate::domain::task::Task::by_rule(
            Id::from_random_bytes([50; 16]),
            none.id,
            crate::domain::task::TaskKind::Manual,
            crate::domain::task::Priority::Normal,
            none.id,
            today,
            crate::domain::workflow::testing::now(),
        ));
        let items = vec![
            contact(&other_urgent, today),
            contact(&low, today),
            contact(&none, today),
            contact(&urgent, today),
            task,
        ];
        assert_eq!(
            numbers(today_list(&items, &Filter::default(), today)),
            [2, 3, 4, 1, 2]
        );
    }

    #[test]
    fn a_glance_keeps_what_the_list_shows_and_filters_by() {
        let mut full = crate::domain::workflow::testing::open_case();
        full.details.case_manager_id = Some(Id::from_random_bytes([9; 16]));
        full.risk = Stratification {
            tier: Some(Tier::Moderate),
            reasons: vec![],
        };
        let glance = CaseGlance::of(&full);
        assert_eq!(
            (glance.id, glance.client_id, glance.tier, glance.specialty),
            (
                full.id,
                full.client_id,
                Some(Tier::Moderate),
                Specialty::Nursing
            )
        );
        assert_eq!(glance.manager_id, full.details.case_manager_id);
        assert_eq!(glance.manager, "N. Sato");
    }
}
