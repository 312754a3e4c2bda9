//! One file per screen.

mod actions;
mod assessment;
mod audit;
mod case;
mod case_form;
mod caseload;
mod cases;
mod client;
mod client_form;
pub(crate) mod coordination;
mod dashboard;
mod device;
mod evaluation;
pub(crate) mod export;
mod follow_up;
pub(crate) mod handover;
mod history;
mod instrument;
mod plan;
mod print;
mod screening;
pub(crate) mod setup;
mod staff;
mod transitions;
mod unlock;
mod users;

pub(crate) use assessment::AssessmentPage;
pub(crate) use audit::AuditPage;
pub(crate) use case::CasePage;
pub(crate) use case_form::CaseFormPage;
pub(crate) use caseload::CaseloadPage;
pub(crate) use cases::CasesPage;
pub(crate) use client::ClientPage;
pub(crate) use client_form::ClientFormPage;
pub(crate) use coordination::CoordinationPage;
pub(crate) use device::DevicePage;
pub(crate) use evaluation::EvaluationPage;
pub(crate) use follow_up::FollowUpPage;
pub(crate) use history::HistoryPage;
pub(crate) use instrument::InstrumentPage;
pub(crate) use plan::PlanPage;
pub(crate) use print::PlanPrintPage;
pub(crate) use screening::ScreeningPage;
pub(crate) use setup::SetupPage;
pub(crate) use staff::StaffPage;
pub(crate) use transitions::TransitionsPage;
pub(crate) use unlock::UnlockPage;
pub(crate) use users::UsersPage;

use crate::domain::ids::Id;
use crate::storage::Storage;
use crate::storage::StorageError;
use crate::ui::route::Route;
use crate::ui::{storage_error_text, t, use_db, Loader};
use leptos::prelude::*;
use leptos_router::components::A;

/// Loads what a page shows for the record `id` of its address (a new address builds the page again).
pub(crate) fn load_for_id<T, Fut>(id: Id, load: impl Fn(Storage, Id) -> Fut + 'static) -> Loader<T>
where
    T: 'static,
    Fut: std::future::Future<Output = Result<T, StorageError>> + 'static,
{
    let storage = use_db();
    crate::ui::load(move || load(storage.clone(), id))
}

/// Shows "loading…", the failure, or the page once its data is there.
pub(crate) fn loaded<T, V>(data: Loader<T>, page: impl Fn(T) -> V + 'static) -> impl Fn() -> AnyView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    move || match data.get() {
        None => view! { <p class="status" role="status">{t().common.loading}</p> }.into_any(),
        Some(Err(error)) => view! { <PageError error=error /> }.into_any(),
        Some(Ok(data)) => page(data).into_any(),
    }
}

/// A storage failure shown in place of the page or next to the button that caused it.
#[component]
pub(crate) fn ErrorNotice(error: StorageError) -> impl IntoView {
    view! { <p class="banner banner-error" role="alert">{storage_error_text(&error)}</p> }
}

/// The failure of the last action of a form or button, if any: shown next to it until the next try.
#[component]
pub(crate) fn FailureNotice(failure: RwSignal<Option<StorageError>>) -> impl IntoView {
    move || {
        failure
            .get()
            .map(|error| view! { <ErrorNotice error=error /> })
    }
}

/// A page that could not be loaded: the reason, and the way back.
#[component]
pub(crate) fn PageError(error: StorageError) -> impl IntoView {
    view! {
        <section class="page">
            <ErrorNotice error=error />
            <A href="/">{t().common.back_to_caseload}</A>
        </section>
    }
}

/// In place of a form on a closed case: it takes no new results, assessments or screenings.
#[component]
pub(crate) fn ClosedCase(file: crate::storage::CaseFile) -> impl IntoView {
    let m = t();
    let name = file.client.details.full_name;
    view! {
        <section class="page">
            <h1>{(m.common.case_heading)(&name)}</h1>
            <p class="banner banner-warning">{m.common.case_closed_no_changes}</p>
            <A href=Route::Case(file.case.id).href()>{name.clone()}</A>
        </section>
    }
}

/// Records a list could not read: named, so the rest of the list can still be trusted and the damaged ones found.
#[component]
pub(crate) fn UnreadableNotice(records: Vec<crate::storage::Unreadable>) -> impl IntoView {
    let m = t();
    (!records.is_empty()).then(|| {
        view! {
            <div class="banner banner-warning" role="status" data-testid="unreadable">
                <p>{(m.common.unreadable_records)(records.len())}</p>
                <ul>
                    {records.iter().map(|u| view! { <li>{(m.common.unreadable_record)(u.store, &u.key)}</li> }).collect_view()}
                </ul>
            </div>
        }
    })
}

/// The sections of a case, each with its own address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Section {
    Overview,
    Assessment,
    Plan,
    Coordination,
    FollowUp,
    Transitions,
    Evaluation,
    History,
}

/// The case's sections as a row of links, the current one marked: the case page stays short as the case grows.
#[component]
pub(crate) fn CaseTabs(case_id: Id, current: Section) -> impl IntoView {
    let m = t();
    let tabs = [
        (
            Section::Overview,
            Route::Case(case_id),
            m.common.section_overview,
        ),
        (
            Section::Assessment,
            Route::Assessment(case_id),
            m.common.assessment_heading,
        ),
        (Section::Plan, Route::Plan(case_id), m.common.section_plan),
        (
            Section::Coordination,
            Route::Coordination(case_id),
            m.common.section_coordination,
        ),
        (
            Section::FollowUp,
            Route::FollowUp(case_id),
            m.common.section_follow_up,
        ),
        (
            Section::Transitions,
            Route::Transitions(case_id),
            m.common.section_transitions,
        ),
        (
            Section::Evaluation,
            Route::Evaluation(case_id),
            m.common.section_evaluation,
        ),
        (
            Section::History,
            Route::History(case_id),
            m.common.section_history,
        ),
    ];
    view! {
        <nav class="case-tabs" aria-label=m.common.case_sections>
            <ul>
                {tabs.into_iter().map(|(section, route, label)| view! {
                    <li><a href=route.href() aria-current=(section == current).then_some("page")>{label}</a></li>
                }).collect_view()}
            </ul>
        </nav>
    }
}

/// Labelled values as a definition list (one list row type for every page: smaller than writing each pair out).
#[component]
pub(crate) fn Details(rows: Vec<(&'static str, String)>) -> impl IntoView {
    view! {
        <dl class="details">
            {rows.into_iter().map(|(label, value)| view! { <dt>{label}</dt><dd class="prose">{value}</dd> }).collect_view()}
        </dl>
    }
}
