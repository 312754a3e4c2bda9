//! The caseload dashboard's reads: counts of open cases by phase and tier from `count()` on their compound indexes,
//! and the today list from due-date key ranges (open tasks due by today, contacts due, referrals past their
//! follow-up date, appointments in the next 7 days) — never a read of every record. Only the listed records and
//! their cases are opened, and of a case only what the list shows (`CaseGlance`). Client names are read only for
//! the lines the page shows (`client_names`).

use super::{Repo, Result, Snapshot};
use crate::domain::case::{CaseStatus, Specialty};
use crate::domain::client::Client;
use crate::domain::coordination::{Appointment, AppointmentStatus, Referral};
use crate::domain::dashboard::{CaseGlance, Counts, Due, DueItem, APPOINTMENT_DAYS};
use crate::domain::ids::Id;
use crate::domain::phase::Phase;
use crate::domain::risk::Tier;
use crate::domain::task::Task;
use crate::storage::backend::{Backend, IndexKey, Unreadable};
use crate::storage::codec::{Codec, IndexCodes};
use crate::storage::records::{
    AppointmentRecord, CaseRecord, ClientRecord, ReferralRecord, TaskRecord,
};
use crate::storage::schema::{
    APPOINTMENTS_BY_DATE, BY_DUE, CASES, CASES_BY_NEXT_CONTACT, CASES_BY_STATUS_PHASE,
    CASES_BY_STATUS_TIER, TASKS_BY_STATUS_DUE,
};
use crate::storage::StorageError;
use chrono::{Days, NaiveDate};
use serde::Deserialize;
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

/// The part of a case's sealed content the today list needs; the rest of the body is skipped unread.
#[derive(Deserialize)]
struct GlanceBody {
    details: GlanceDetails,
}

#[derive(Deserialize)]
struct GlanceDetails {
    specialty: Specialty,
    case_manager: String,
    #[serde(default)]
    case_manager_id: Option<Id>,
}

/// A case row's glance, if the case is open: its clear fields and three fields of its body.
async fn glance(
    codec: &Codec,
    codes: &IndexCodes,
    row: &CaseRecord,
) -> std::result::Result<Option<CaseGlance>, StorageError> {
    let case = row.case_ref(codes)?;
    if case.status != CaseStatus::Open {
        return Ok(None);
    }
    let body: GlanceBody = codec.open(CASES, &row.id, row.rev, &row.body).await?;
    Ok(Some(CaseGlance {
        id: case.id,
        client_id: case.client_id,
        tier: case.tier,
        specialty: body.details.specialty,
        manager_id: body.details.case_manager_id,
        manager: body.details.case_manager,
    }))
}

impl<B: Backend> Repo<B> {
    /// The dashboard on `today`.
    pub async fn dashboard(&self, today: NaiveDate) -> Result<DashboardFile> {
        let timer = super::Measure::start("storage:dashboard");
        let codec = self.codec();
        let codes = codec.codes();
        let open = || CaseStatus::Open.code().to_string();
        let day = |n: u64| {
            today
                .checked_add_days(Days::new(n))
                .unwrap_or(today)
                .to_string()
        };
        let tier_keys = TIERS
            .iter()
            .map(|tier| IndexKey::Two(open(), codes.tier(*tier)))
            .collect();
        let phase_keys = Phase::ALL
            .iter()
            .map(|phase| IndexKey::Two(open(), phase.code().into()))
            .collect();
        let (by_tier, by_phase) = futures::join!(
            self.backend
                .count_many(CASES, CASES_BY_STATUS_TIER, tier_keys),
            self.backend
                .count_many(CASES, CASES_BY_STATUS_PHASE, phase_keys)
        );
        let counts = Counts {
            by_tier: TIERS.into_iter().zip(by_tier?).collect(),
            by_phase: Phase::ALL.into_iter().zip(by_phase?).collect(),
        };

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
        // Cases whose next contact is due: the rows read here are the cases themselves, glanced at once.
        let contact_rows = self
            .backend
            .by_index::<CaseRecord>(
                CASES_BY_NEXT_CONTACT,
                IndexKey::Range {
                    from: None,
                    until: day(1),
                },
            )
            .await?;
        let mut unreadable = [
            tasks.unreadable,
            referrals.unreadable,
            appointments.unreadable,
        ]
        .concat();
        let mut cases: HashMap<Id, CaseGlance> = HashMap::new();
        let mut due: Vec<(Id, NaiveDate, Due)> = Vec::new();
        for row in contact_rows {
            match row {
                Ok(row) => {
                    let on = row
                        .next_contact
                        .as_deref()
                        .and_then(crate::domain::validation::parse_iso_date);
                    let case = keep(
                        &row,
                        glance(&codec, &codes, &row).await,
                        &mut cases,
                        &mut unreadable,
                    );
                    match (case, on) {
                        (Some(case), Some(on)) => due.push((case, on, Due::Contact)),
                        (Some(_), None) => unreadable.push(Unreadable {
                            store: CASES,
                            key: row.id.clone(),
                            problem: "bad next_contact".into(),
                        }),
                        (None, _) => {}
                    }
                }
                Err(u) => unreadable.push(u),
            }
        }
        // An overdue referral already has its task (the rule made it when the app opened): listed once, as the task.
        let chased: Vec<Id> = tasks
            .value
            .iter()
            .filter(|t| t.kind == crate::domain::task::TaskKind::ReferralOverdue)
            .filter_map(|t| t.source)
            .collect();
        due.extend(
            tasks
                .value
                .into_iter()
                .map(|t| (t.case_id, t.due, Due::Task(t))),
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

        // The other listed cases, each once, read in one transaction; items of closed or unreadable cases are left
        // out.
        let mut others: Vec<String> = due
            .iter()
            .filter(|(id, _, _)| !cases.contains_key(id))
            .map(|(id, _, _)| id.to_string())
            .collect();
        others.sort();
        others.dedup();
        for row in self.backend.get_many::<CaseRecord>(&others).await? {
            match row {
                Some(Ok(row)) => {
                    keep(
                        &row,
                        glance(&codec, &codes, &row).await,
                        &mut cases,
                        &mut unreadable,
                    );
                }
                Some(Err(u)) => unreadable.push(u),
                None => {}
            }
        }
        let items = due
            .into_iter()
            .filter_map(|(case_id, on, what)| {
                cases.get(&case_id).map(|case| DueItem {
                    case: case.clone(),
                    on,
                    due: what,
                })
            })
            .collect();
        timer.end();
        Ok(DashboardFile {
            counts,
            items,
            unreadable,
        })
    }
}

impl<B: Backend> Repo<B> {
    /// The full names of `clients`, read in one transaction (for the lines a list shows); a client that cannot be
    /// read, or no longer exists, has no entry.
    pub async fn client_names(&self, clients: &[Id]) -> Result<HashMap<Id, String>> {
        let keys: Vec<String> = clients.iter().map(Id::to_string).collect();
        let mut names = HashMap::with_capacity(clients.len());
        for (id, row) in clients
            .iter()
            .zip(self.backend.get_many::<ClientRecord>(&keys).await?)
        {
            if let Some(Ok(row)) = row {
                if let Ok(client) = self.open_row::<_, Client>(&row).await {
                    names.insert(*id, client.details.full_name);
                }
            }
        }
        Ok(names)
    }
}

/// Keeps a glanced case (returning its id), or notes why its row could not be read.
fn keep(
    row: &CaseRecord,
    glance: std::result::Result<Option<CaseGlance>, StorageError>,
    cases: &mut HashMap<Id, CaseGlance>,
    unreadable: &mut Vec<Unreadable>,
) -> Option<Id> {
    match glance {
        Ok(Some(case)) => Some(cases.entry(case.id).or_insert(case).id),
        Ok(None) => None,
        Err(e) => {
            unreadable.push(Unreadable {
                store: CASES,
                key: row.id.clone(),
                problem: e.to_string(),
            });
            None
        }
    }
}
