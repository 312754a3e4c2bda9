//! A case's page: the nine phases as a stepper with the current one marked, moving phase, and the history.

use crate::domain::case::{Case, CaseStatus};
use crate::domain::client::Client;
use crate::domain::phase::{Phase, PhaseProgress};
use crate::storage::StorageError;
use crate::ui::pages::{id_param, ErrorNotice, PageError};
use crate::ui::{t, use_db};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

#[component]
pub(crate) fn CasePage() -> impl IntoView {
    let id = id_param();
    let storage = use_db();
    let file = LocalResource::new(move || {
        let storage = storage.clone();
        let id = id.get();
        async move {
            match id {
                Some(id) => storage.case_file(id).await,
                None => Err(StorageError::NotFound),
            }
        }
    });
    move || match file.get() {
        None => view! { <p class="status" role="status">{t().loading}</p> }.into_any(),
        Some(Err(error)) => view! { <PageError error=error /> }.into_any(),
        Some(Ok((case, client))) => view! { <CaseView case=case client=client /> }.into_any(),
    }
}

#[component]
fn CaseView(case: Case, client: Client) -> impl IntoView {
    let m = t();
    // The page keeps the case it shows in sync with what each move saved.
    let case = RwSignal::new(case);
    let d = case.with_untracked(|c| c.details.clone());
    let client_href = format!("/clients/{}", client.id);
    let name = client.details.full_name;
    view! {
        <section class="page">
            <h1>{(m.case_heading)(&name)}</h1>
            <p><A href=client_href>{name.clone()}</A></p>
            <dl class="details">
                <dt>{m.field_specialty}</dt><dd>{m.specialty(d.specialty)}</dd>
                <dt>{m.field_model}</dt><dd>{m.model(d.model)}</dd>
                <dt>{m.field_case_manager}</dt><dd>{d.case_manager.clone()}</dd>
                <dt>{m.field_opened_on}</dt><dd>{d.opened_on.to_string()}</dd>
                <dt>{m.field_referral_source}</dt><dd>{d.referral_source.clone().unwrap_or_else(|| m.not_recorded.into())}</dd>
                <dt>{m.field_referral_reason}</dt><dd class="prose">{d.referral_reason.clone()}</dd>
            </dl>
            <h2>{m.process_heading}</h2>
            <PhaseStepper case=case />
            <MovePhase case=case />
            <h2>{m.history_heading}</h2>
            <ol class="history">
                {move || case.with(|c| c.history.iter().rev().map(|change| {
                    let what = match change.from {
                        None => (m.history_opened)(m.phase(change.to)),
                        Some(from) => (m.history_moved)(m.phase(from), m.phase(change.to)),
                    };
                    let when = change.at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string();
                    view! { <li><time datetime=change.at.to_rfc3339()>{when}</time> " " {what}</li> }
                }).collect_view())}
            </ol>
        </section>
    }
}

#[component]
fn PhaseStepper(case: RwSignal<Case>) -> impl IntoView {
    let m = t();
    view! {
        <ol class="stepper">
            {Phase::ALL.into_iter().map(|phase| {
                let progress = move || case.with(|c| phase.progress_against(c.phase));
                view! {
                    <li
                        class:done=move || progress() == PhaseProgress::Done
                        class:current=move || progress() == PhaseProgress::Current
                        aria-current=move || (progress() == PhaseProgress::Current).then_some("step")
                    >
                        {(m.phase_step)(phase.number(), m.phase(phase))}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

#[component]
fn MovePhase(case: RwSignal<Case>) -> impl IntoView {
    let m = t();
    let target = RwSignal::new(String::new());
    let saving = RwSignal::new(false);
    let failure = RwSignal::new(None::<StorageError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(to) = Phase::from_code(&target.get_untracked()) else {
            return;
        };
        let id = case.with_untracked(|c| c.id);
        saving.set(true);
        failure.set(None);
        let storage = use_db();
        spawn_local(async move {
            let moved = storage.move_case(id, to).await;
            saving.set(false);
            match moved {
                Ok(updated) => {
                    case.set(updated);
                    target.set(String::new());
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let open = move || case.with(|c| c.status == CaseStatus::Open);
    view! {
        <Show when=open>
            <form class="inline-form" on:submit=submit>
                <label for="move-to">{m.move_to_label}</label>
                <select id="move-to" prop:value=move || target.get() on:change=move |ev| target.set(event_target_value(&ev))>
                    <option value="">{m.choose}</option>
                    {move || {
                        let current = case.with(|c| c.phase);
                        Phase::ALL.into_iter().filter(|p| *p != current).map(|p| view! {
                            <option value=p.code()>{(m.phase_step)(p.number(), m.phase(p))}</option>
                        }).collect_view()
                    }}
                </select>
                <button type="submit" class="button button-primary" disabled=move || saving.get() || target.with(String::is_empty)>
                    {m.move_button}
                </button>
            </form>
        </Show>
        {move || failure.get().map(|error| view! { <ErrorNotice error=error /> })}
    }
}
