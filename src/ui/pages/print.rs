//! The printable care plan for the client: their goals in their own words, who does what and when, the next
//! appointments and whom to call, in plain language (the print stylesheet leaves out the app's own controls).

use crate::domain::coordination::AppointmentStatus;
use crate::domain::ids::Id;
use crate::storage::PlanFile;
use crate::ui::pages::plan::frequency_text;
use crate::ui::pages::{load_for_id, loaded};
use crate::ui::route::Route;
use crate::ui::{date, t, today};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub(crate) fn PlanPrintPage(id: Id) -> impl IntoView {
    let file = load_for_id(id, |storage, id| async move { storage.plan_file(id).await });
    loaded(file, |file| view! { <PrintView file=file /> })
}

#[component]
fn PrintView(file: PlanFile) -> impl IntoView {
    let m = t();
    let work = file.work;
    let case_id = work.case.id;
    let plan = work
        .plan
        .clone()
        .unwrap_or_else(|| crate::domain::plan::CarePlan {
            team: vec![],
            ..crate::domain::plan::CarePlan::new(
                case_id,
                crate::domain::plan::TeamMember {
                    id: case_id,
                    role: crate::domain::plan::Role::Client,
                    name: String::new(),
                    organisation: None,
                    phone: None,
                    email: None,
                },
                work.case.updated_at,
            )
        });
    let today = today();
    let who = |id: Option<Id>| {
        id.and_then(|id| plan.member(id))
            .map(|p| p.name.clone())
            .unwrap_or_else(|| m.print.your_team.to_string())
    };
    use crate::domain::plan::{ActivityStatus, GoalStatus};
    let goals = plan
        .goals
        .iter()
        .filter(|g| !matches!(g.status, GoalStatus::Cancelled))
        .map(|g| {
            let steps = plan
                .interventions_of(g.id)
                .filter(|i| !matches!(i.status, ActivityStatus::Cancelled | ActivityStatus::Stopped))
                .map(|i| {
                    let until = i.until.map(|d| (m.print.until)(&date(d))).unwrap_or_default();
                    view! {
                        <li>{(m.print.step)(&who(i.member_id), &i.text, &frequency_text(i), &until)}</li>
                    }
                })
                .collect_view();
            view! {
                <li>
                    <p class="print-goal">{g.text.clone()}</p>
                    <p>{(m.print.by_date)(&date(g.target_date))}</p>
                    <ul>{steps}</ul>
                </li>
            }
        })
        .collect_view();
    let appointments = work
        .appointments
        .iter()
        .filter(|a| a.status == AppointmentStatus::Scheduled && a.starts.date() >= today)
        .map(|a| {
            let with = a
                .with_member
                .and_then(|id| plan.member(id))
                .map(|p| p.name.clone());
            view! {
                <li>
                    <strong>{(m.common.date_time)(a.starts)}</strong> " " {a.purpose.clone()} " "
                    {(m.print.where_and_who)(&a.place, with.as_deref().unwrap_or_default())}
                </li>
            }
        })
        .collect_view();
    let contacts = plan
        .team
        .iter()
        .filter(|p| p.role != crate::domain::plan::Role::Client && (p.phone.is_some() || p.email.is_some()))
        .map(|p| {
            let reach: Vec<String> = p.phone.iter().chain(p.email.iter()).cloned().collect();
            view! { <li><strong>{p.name.clone()}</strong> " " {(m.plan.member_line)(&(m.common.list)(&reach), (m.plan.roles)(p.role))}</li> }
        })
        .collect_view();
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            // The browser's print dialog; a browser without one leaves the page as it is.
            let _ = window.print();
        }
    };
    view! {
        <section class="page print-plan">
            <p class="no-print"><A href=Route::Plan(case_id).href()>{m.print.back_to_plan}</A> " "
                <button type="button" class="button button-primary" on:click=print>{m.print.print_button}</button></p>
            <h1>{(m.print.heading)(&work.client_name)}</h1>
            <p>{(m.print.printed_on)(&date(today), plan.revision)}</p>
            {(!plan.agreed()).then(|| view! { <p><strong>{m.print.not_yet_agreed}</strong></p> })}
            <h2>{m.print.goals_heading}</h2>
            {if plan.goals.is_empty() { view! { <p>{m.print.no_goals}</p> }.into_any() } else { view! { <ol>{goals}</ol> }.into_any() }}
            <h2>{m.print.appointments_heading}</h2>
            <ul>{appointments}</ul>
            <h2>{m.print.call_heading}</h2>
            <ul>{contacts}</ul>
            <p>{m.print.emergency}</p>
        </section>
    }
}
