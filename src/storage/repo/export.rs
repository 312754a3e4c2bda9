//! The reads behind the plain-text exports: the open caseload with its clients, open tasks, the contact log,
//! appointments from a day on, and each case's client name. An export reads exactly what it writes into the file
//! (through indexes where it is a part of a store; the contact log is the whole store), never more.

use super::{Partial, Repo, Result, Snapshot};
use crate::domain::case::{Case, CaseStatus};
use crate::domain::client::Client;
use crate::domain::contact::Contact;
use crate::domain::coordination::Appointment;
use crate::domain::ids::Id;
use crate::domain::task::{Task, TaskStatus};
use crate::storage::backend::{Backend, IndexKey, Unreadable};
use crate::storage::records::{
    AppointmentRecord, CaseRecord, ClientRecord, ContactRecord, TaskRecord,
};
use crate::storage::schema::{APPOINTMENTS_BY_DATE, CASES_BY_STATUS, TASKS_BY_STATUS_DUE};
use chrono::NaiveDate;
use std::collections::HashMap;

/// The end of every date range: after any day the app records.
const END_OF_TIME: &str = "9999-12-31";

/// The open cases and their clients.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenCaseload {
    pub clients: HashMap<Id, Client>,
    pub cases: Vec<Case>,
}

impl<B: Backend> Repo<B> {
    /// Every open case with its client (the caseload CSV).
    pub async fn open_caseload(&self) -> Result<Partial<OpenCaseload>> {
        let mut snapshot = Snapshot::default();
        let cases = self
            .read_index::<CaseRecord, Case>(
                &mut snapshot,
                CASES_BY_STATUS,
                IndexKey::One(CaseStatus::Open.code().into()),
            )
            .await?;
        let mut unreadable = cases.unreadable;
        let mut ids: Vec<Id> = cases.value.iter().map(|c| c.client_id).collect();
        ids.sort();
        ids.dedup();
        let keys: Vec<String> = ids.iter().map(Id::to_string).collect();
        let mut clients = HashMap::with_capacity(ids.len());
        for (id, row) in ids
            .iter()
            .zip(self.backend.get_many::<ClientRecord>(&keys).await?)
        {
            match row {
                Some(Ok(row)) => match self.open_row::<_, Client>(&row).await {
                    Ok(client) => {
                        clients.insert(*id, client);
                    }
                    Err(e) => unreadable.push(Unreadable {
                        store: crate::storage::schema::CLIENTS,
                        key: id.to_string(),
                        problem: e.to_string(),
                    }),
                },
                Some(Err(u)) => unreadable.push(u),
                None => {}
            }
        }
        Ok(Partial {
            value: OpenCaseload {
                clients,
                cases: cases.value,
            },
            unreadable,
        })
    }

    /// Every open task, through the `[status, due]` index.
    pub async fn open_tasks(&self) -> Result<Partial<Vec<Task>>> {
        self.read_index::<TaskRecord, Task>(
            &mut Snapshot::default(),
            TASKS_BY_STATUS_DUE,
            IndexKey::TwoRange {
                first: TaskStatus::Open.code().into(),
                from: None,
                until: END_OF_TIME.into(),
            },
        )
        .await
    }

    /// The whole contact log (the contacts CSV is all of it).
    pub async fn all_contacts(&self) -> Result<Partial<Vec<Contact>>> {
        let rows = self.backend.all::<ContactRecord>().await?;
        let mut value = Vec::with_capacity(rows.len());
        let mut unreadable = vec![];
        for row in rows {
            match row {
                Ok(row) => match self.open_row::<_, Contact>(&row).await {
                    Ok(contact) => value.push(contact),
                    Err(e) => unreadable.push(Unreadable {
                        store: crate::storage::schema::CONTACTS,
                        key: row.id.clone(),
                        problem: e.to_string(),
                    }),
                },
                Err(u) => unreadable.push(u),
            }
        }
        Ok(Partial { value, unreadable })
    }

    /// Appointments on `day` or later, through the date index.
    pub async fn appointments_from(&self, day: NaiveDate) -> Result<Partial<Vec<Appointment>>> {
        self.read_index::<AppointmentRecord, Appointment>(
            &mut Snapshot::default(),
            APPOINTMENTS_BY_DATE,
            IndexKey::Range {
                from: Some(day.to_string()),
                until: END_OF_TIME.into(),
            },
        )
        .await
    }

    /// The full name of each case's client (a case or client that cannot be read has no entry).
    pub async fn client_names_of_cases(&self, cases: &[Id]) -> Result<HashMap<Id, String>> {
        let mut cases = cases.to_vec();
        cases.sort();
        cases.dedup();
        let keys: Vec<String> = cases.iter().map(Id::to_string).collect();
        let mut client_of = HashMap::with_capacity(cases.len());
        for (case, row) in cases
            .iter()
            .zip(self.backend.get_many::<CaseRecord>(&keys).await?)
        {
            if let Some(Ok(row)) = row {
                if let Ok(client) = row.client_id.parse::<Id>() {
                    client_of.insert(*case, client);
                }
            }
        }
        let mut clients: Vec<Id> = client_of.values().copied().collect();
        clients.sort();
        clients.dedup();
        let names = self.client_names(&clients).await?;
        Ok(client_of
            .into_iter()
            .filter_map(|(case, client)| names.get(&client).map(|n| (case, n.clone())))
            .collect())
    }
}
