//! A client's page: their details, their cases, and deleting them (after a confirmation).

use crate::domain::case::CaseStatus;
use crate::domain::client::Client;
use crate::domain::ids::Id;
use crate::domain::risk::tier_code;
use crate::domain::validation::age_in_years;
use crate::storage::{ClientFile, StorageError};
use crate::ui::form::focus;
use crate::ui::pages::{load_for_id, loaded, FailureNotice, UnreadableNotice};
use crate::ui::route::Route;
use crate::ui::{t, today, use_db};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

#[component]
pub(crate) fn ClientPage(id: Id) -> impl IntoView {
    let file = load_for_id(
        id,
        |storage, id| async move { storage.client_file(id).await },
    );
    loaded(file, |file| view! { <ClientView file=file /> })
}

#[component]
fn ClientView(file: ClientFile) -> impl IntoView {
    let m = t();
    let ClientFile {
        client,
        cases,
        unreadable,
        ..
    } = file;
    let id = client.id;
    let case_count = cases.len();
    let cases_view = if cases.is_empty() {
        view! { <p class="empty">{m.client.no_cases}</p> }.into_any()
    } else {
        view! {
            <ul class="case-list">
                {cases.into_iter().map(|case| view! {
                    <li>
                        <A href=Route::Case(case.id).href()>
                            {m.specialty(case.details.specialty)} {m.common.separator} {m.model(case.details.model)}
                        </A>
                        {m.common.dash} {m.phase(case.phase)} {m.common.separator} {m.case_status(case.status)}
                        {(case.status == CaseStatus::Open).then(|| {
                            let tier = case.tier();
                            view! { {m.common.separator} <span class=format!("tier tier-{}", tier_code(tier))>{m.tier_or_unstratified(tier)}</span> }
                        })}
                        <span class="hint">{(m.common.in_parentheses)(&(m.client.opened_on_summary)(&crate::ui::date(case.details.opened_on)))}</span>
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let name = client.details.full_name.clone();
    view! {
        <section class="page">
            <div class="page-heading">
                <h1>{client.details.full_name.clone()}</h1>
                <A href=Route::EditClient(id).href() attr:class="button">{m.client.edit}</A>
            </div>
            <ClientDetailsView client=client />
            <h2>{m.client.cases_heading}</h2>
            <UnreadableNotice records=unreadable />
            {cases_view}
            <A href=Route::NewCase(id).href() attr:class="button button-primary">{m.client.open_case}</A>
            {(case_count > 0 && !crate::ui::demo::active()).then(|| view! {
                <A href=Route::Handover(id).href() attr:class="button">{m.handover.open}</A>
            })}
            <DeleteClient id=id name=name cases=case_count />
        </section>
    }
}

#[component]
fn ClientDetailsView(client: Client) -> impl IntoView {
    let m = t();
    let d = client.details;
    let none = || m.common.not_recorded.to_string();
    let dob = d
        .date_of_birth
        .map_or_else(none, |b| (m.client.birth_date)(b, age_in_years(b, today())));
    let support = d.support_contact.map_or_else(none, |s| {
        let parts: Vec<String> = [Some(s.name), s.relation, s.phone]
            .into_iter()
            .flatten()
            .collect();
        (m.common.detail_parts)(&parts)
    });
    let consent = d.consent.map_or_else(none, |c| {
        (m.client.consent_summary)(c.given, &crate::ui::date(c.date), &c.recorded_by)
    });
    let reading = d.name_reading.map(|r| (m.common.field_name_reading, r));
    let rows = reading.into_iter().chain([
        (
            m.common.field_preferred_name,
            d.preferred_name.unwrap_or_else(none),
        ),
        (m.common.field_date_of_birth, dob),
        (
            m.client.field_gender,
            d.gender.map_or_else(none, |g| m.gender(g).to_string()),
        ),
        (
            m.common.field_preferred_language,
            d.preferred_language.unwrap_or_else(none),
        ),
        (m.common.field_phone, d.phone.unwrap_or_else(none)),
        (m.common.field_email, d.email.unwrap_or_else(none)),
        (m.common.field_address, d.address.unwrap_or_else(none)),
        (m.client.section_support, support),
        (m.client.section_consent, consent),
    ]);
    view! {
        <dl class="details">
            {rows.into_iter().map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> }).collect_view()}
        </dl>
    }
}

/// The delete button, which asks first; the client, their cases and history go in one transaction.
#[component]
fn DeleteClient(id: crate::domain::ids::Id, name: String, cases: usize) -> impl IntoView {
    let m = t();
    let confirming = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let failure = RwSignal::new(None::<StorageError>);
    let navigate = use_navigate();
    let delete = move |_| {
        deleting.set(true);
        let storage = use_db();
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = storage.delete_client(id).await;
            deleting.set(false);
            match result {
                Ok(_) => navigate("/", Default::default()),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let question = (m.client.delete_confirm)(&name, cases);
    view! {
        <div class="danger-zone">
            <Show
                when=move || confirming.get()
                fallback=move || view! {
                    <button type="button" id="delete-client" class="button button-danger"
                        on:click=move |_| { confirming.set(true); focus_after_render("confirm-delete"); }>
                        {m.client.delete_client}
                    </button>
                }
            >
                <div class="confirm" role="alertdialog" aria-label=m.client.delete_client>
                    <p>{question.clone()}</p>
                    <button type="button" id="confirm-delete" class="button button-danger" disabled=move || deleting.get() on:click=delete.clone()>
                        {move || if deleting.get() { m.client.deleting } else { m.client.delete_confirm_button }}
                    </button>
                    <button type="button" class="button"
                        on:click=move |_| { confirming.set(false); focus_after_render("delete-client"); }>{m.common.cancel}</button>
                </div>
            </Show>
            <FailureNotice failure=failure />
        </div>
    }
}

/// Moves the keyboard focus to the element `id` once the view has been updated (it may not exist yet).
fn focus_after_render(id: &'static str) {
    request_animation_frame(move || focus(&format!("#{id}")));
}
