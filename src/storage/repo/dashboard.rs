//! The caseload dashboard's reads: counts of open cases by phase and tier from `count()` on their compound indexes,
//! and the today list from due-date key ranges (open tasks due by today, contacts due, referrals past their
//! follow-up date, appointments in the next 7 days) — never a read of every record. Only the listed records and
//! their cases are opened.

use super::{Repo, Result, Snapshot};
use crate::domain::case::{Case, CaseStatus};
use crate::domain::coordination::{Appointment, AppointmentStatus, Referral};
use crate::domain::dashboard::{Counts, Due, DueItem, APPOINTMENT_DAYS};
use crate::domain::ids::Id;
use crate::domain::phase::Phase;
use crate::domain::risk::{tier_code, Tier};
use crate::domain::task::Task;
use crate::storage::backend::{Backend, IndexKey, Unreadable};
use crate::storage::records::{
    AppointmentRecord, CaseRecord, ClientRecord, ReferralRecord, TaskRecord,
};
use crate::storage::schema::{
    APPOINTMENTS_BY_DATE, BY_DUE, CASES, CASES_BY_STATUS_PHASE, CASES_BY_STATUS_TIER,
    TASKS_BY_STATUS_DUE,
};
use chrono::{Days, NaiveDate};
use std::collections::HashMap;

/// What the dashboard shows.
#[derive(Clone, Debug, PartialEq)]
pub struct DashboardFile {
    pub counts: Counts,
    /// Everything due, unfiltered and unsorted (`dashboard::today_list` filters and orders it).
    pub items: Vec<DueItem>,
    pub unreadable: Vec<Unreadable>,
}

const TIERS: [Option<Tier>; 5] = [
    Some(Tier::Urgent),
    Some(Tier::High),
    Some(Tier::Moderate),
    Some(Tier::Low),
    None,
];

impl<B: Backend> Repo<B> {
    /// The dashboard on `today`.
    pub async fn dashboard(&self, today: NaiveDate) -> Result<DashboardFile> {
        let timer = super::Measure::start("storage:dashboard");
        let open = || CaseStatus::Open.code().to_string();
        let day = |n: u64| {
            today
                .checked_add_days(Days::new(n))
                .unwrap_or(today)
                .to_string()
        };
        let mut counts = Counts::default();
        for tier in TIERS {
            let key = IndexKey::Two(open(), tier_code(tier).into());
            counts.by_tier.push((
                tier,
                self.backend.count(CASES, CASES_BY_STATUS_TIER, key).await?,
            ));
        }
        for phase in Phase::ALL {
            let key = IndexKey::Two(open(), phase.code().into());
            counts.by_phase.push((
                phase,
                self.backend
                    .count(CASES, CASES_BY_STATUS_PHASE, key)
                    .await?,
            ));
        }

        let mut snapshot = Snapshot::default();
        let tasks = self
            .read_index::<TaskRecord, Task>(
                &mut snapshot,
                TASKS_BY_STATUS_DUE,
                IndexKey::TwoRange {
                    first: crate::domain::task::TaskStatus::Open.code().into(),
                    from: None,
                    until: day(1),
                },
            )
            .await?;
        let referrals = self
            .read_index::<ReferralRecord, Referral>(
                &mut snapshot,
                BY_DUE,
                IndexKey::Range {
                    from: None,
                    until: today.to_string(),
                },
            )
            .await?;
        let appointments = self
            .read_index::<AppointmentRecord, Appointment>(
                &mut snapshot,
                APPOINTMENTS_BY_DATE,
                IndexKey::Range {
                    from: Some(today.to_string()),
                    until: day(APPOINTMENT_DAYS),
                },
            )
            .await?;
        let contacts = self.contacts_due(today).await?;
        let mut unreadable = [
            tasks.unreadable,
            referrals.unreadable,
            appointments.unreadable,
            contacts.unreadable,
        ]
        .concat();
        // An overdue referral already has its task (the rule made it when the app opened): listed once, as the task.
        let chased: Vec<Id> = tasks
            .value
            .iter()
            .filter(|t| t.kind == crate::domain::task::TaskKind::ReferralOverdue)
            .filter_map(|t| t.source)
            .collect();

        let mut due: Vec<(Id, NaiveDate, Due)> = Vec::new();
        due.extend(
            tasks
                .value
                .into_iter()
                .map(|t| (t.case_id, t.due, Due::Task(t))),
        );
        due.extend(
            contacts
                .value
                .into_iter()
                .map(|(case, on)| (case.id, on, Due::Contact)),
        );
        due.extend(
            referrals
                .value
                .into_iter()
                .filter(|r| r.is_open() && !chased.contains(&r.id))
                .map(|r| (r.case_id, r.follow_up_due, Due::Referral(r))),
        );
        due.extend(
            appointments
                .value
                .into_iter()
                .filter(|a| a.status == AppointmentStatus::Scheduled)
                .map(|a| (a.case_id, a.starts.date(), Due::Appointment(a))),
        );

        // Each listed case once, with its client's name; items of closed or unreadable cases are left out. The cases
        // are read in one transaction, then their clients likewise.
        let mut ids: Vec<String> = due.iter().map(|(id, _, _)| id.to_string()).collect();
        ids.sort();
        ids.dedup();
        let mut open_cases = Vec::new();
        for (key, row) in ids
            .iter()
            .zip(self.backend.get_many::<CaseRecord>(&ids).await?)
        {
            match row {
                Some(Ok(row)) => match crate::storage::codec::open::<Case>(&row.body).await {
                    Ok(case) if case.status == CaseStatus::Open => open_cases.push(case),
                    Ok(_) => {}
                    Err(e) => unreadable.push(Unreadable {
                        store: CASES,
                        key: key.clone(),
                        problem: e.to_string(),
                    }),
                },
                Some(Err(u)) => unreadable.push(u),
                None => {}
            }
        }
        let client_ids: Vec<String> = open_cases.iter().map(|c| c.client_id.to_string()).collect();
        let mut names = Vec::with_capacity(client_ids.len());
        for row in self.backend.get_many::<ClientRecord>(&client_ids).await? {
            // A client that cannot be read lists its items without a name (the caseload names it apart).
            let name = match row {
                Some(Ok(row)) => {
                    crate::storage::codec::open::<crate::domain::client::Client>(&row.body)
                        .await
                        .map(|c| c.details.full_name)
                        .unwrap_or_default()
                }
                _ => String::new(),
            };
            names.push(name);
        }
        let mut cases: HashMap<Id, Option<(Case, String)>> = HashMap::new();
        for (case, name) in open_cases.into_iter().zip(names) {
            cases.insert(case.id, Some((case, name)));
        }
        let mut items = Vec::with_capacity(due.len());
        for (case_id, on, what) in due {
            if let Some(Some((case, client_name))) = cases.get(&case_id) {
                items.push(DueItem {
                    case: case.clone(),
                    client_name: client_name.clone(),
                    on,
                    due: what,
                });
            }
        }
        timer.end();
        Ok(DashboardFile {
            counts,
            items,
            unreadable,
        })
    }
}
