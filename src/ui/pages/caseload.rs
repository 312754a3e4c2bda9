//! The caseload home page: the dashboard (`dashboard`), then every client, searchable by name as you type, with
//! open cases and current phase (read once the dashboard is drawn).

use crate::domain::risk::tier_code;
use crate::domain::search::Caseload;
use crate::domain::validation::age_in_years;
use crate::ui::pages::{PageError, UnreadableNotice};
use crate::ui::route::Route;
use crate::ui::{t, today, use_db};
use leptos::prelude::*;
use leptos_router::components::A;

/// Rows rendered at first and added by each "Show more" (the dashboard's today list pages alike).
pub(crate) const PAGE: usize = 50;

#[component]
pub(crate) fn CaseloadPage() -> impl IntoView {
    // The dashboard is read first and the client list once it is drawn: read side by side, both waited for
    // IndexedDB together and the dashboard took longer than the two one after the other.
    let board_drawn = RwSignal::new(false);
    let m = t();
    view! {
        <section class="page">
            <div class="page-heading">
                <h1>{m.caseload.caseload_heading}</h1>
                <A href="/clients/new" attr:class="button button-primary">{m.caseload.register_client}</A>
            </div>
            // After the dashboard, so its one read never delays the figures.
            {move || (board_drawn.get() && !crate::ui::demo::active()).then(|| view! { <crate::ui::backup::BackupNudge /> })}
            <crate::ui::pages::dashboard::Dashboard drawn=board_drawn />
            <h2>{m.caseload.clients_heading}</h2>
            {move || if board_drawn.get() {
                view! { <Clients /> }.into_any()
            } else {
                view! { <p class="status" role="status">{m.common.loading}</p> }.into_any()
            }}
        </section>
    }
}

#[component]
fn Clients() -> impl IntoView {
    let storage = use_db();
    let caseload = crate::ui::load(move || {
        let storage = storage.clone();
        async move { storage.caseload().await }
    });
    let m = t();
    move || match caseload.get() {
        None => view! { <p class="status" role="status">{m.common.loading}</p> }.into_any(),
        Some(Err(error)) => view! { <PageError error=error /> }.into_any(),
        Some(Ok(listed)) => view! {
            <UnreadableNotice records=listed.unreadable />
            <CaseloadList caseload=listed.value />
        }
        .into_any(),
    }
}

#[component]
fn CaseloadList(caseload: Caseload) -> impl IntoView {
    let m = t();
    let query = RwSignal::new(String::new());
    let shown = RwSignal::new(PAGE);
    let caseload = StoredValue::new(caseload);
    let today = today();
    let total = caseload.with_value(Caseload::len);

    let view_rows = move || {
        let query = query.get();
        let limit = shown.get();
        caseload.with_value(|caseload| {
            let matching: Vec<_> = caseload.search(&query).collect();
            let count = matching.len();
            let rows = matching
                .into_iter()
                .take(limit)
                .map(|row| {
                    let client = &row.client;
                    let href = Route::Client(client.id).href();
                    let age = client.details.date_of_birth.map(|b| (m.caseload.age_years)(age_in_years(b, today)));
                    let preferred = client.details.preferred_name.clone();
                    let full_name = client.details.full_name.clone();
                    let (open_cases, phase, tier) = (row.open_cases, row.current_phase, row.highest_tier);
                    view! {
                        <tr>
                            <td>
                                <A href=href>{full_name}</A>
                                {preferred.map(|p| view! { <span class="hint">{(m.common.in_parentheses)(&p)}</span> })}
                            </td>
                            <td>{age.unwrap_or_else(|| m.caseload.none_dash.into())}</td>
                            <td class="number">{open_cases}</td>
                            <td>{phase.map(|p| m.phase(p)).unwrap_or(m.caseload.none_dash)}</td>
                            <td>{(open_cases > 0).then(|| view! {
                                <span class=format!("tier tier-{}", tier_code(tier))>{m.tier_or_unstratified(tier)}</span>
                            })}</td>
                        </tr>
                    }
                })
                .collect_view();
            (count, rows)
        })
    };

    view! {
        <div class="field search">
            <label for="client-search">{m.caseload.search_label}</label>
            <input
                id="client-search"
                type="search"
                placeholder=m.caseload.search_placeholder
                autocomplete="off"
                prop:value=move || query.get()
                // While an input method composes (kana not yet converted), nothing is searched: the search runs
                // on the text the user confirms.
                on:input=move |ev| {
                    if !is_composing(&ev) {
                        query.set(crate::ui::form::typed_text(&ev));
                        shown.set(PAGE);
                    }
                }
                on:compositionend=move |ev| {
                    query.set(crate::ui::form::typed_text(&ev));
                    shown.set(PAGE);
                }
            />
        </div>
        {move || {
            let (count, rows) = view_rows();
            let q = query.get();
            if total == 0 {
                view! { <p class="empty">{m.caseload.no_clients}</p> }.into_any()
            } else if count == 0 {
                view! { <p class="empty">{(m.caseload.no_matches)(q.trim())}</p> }.into_any()
            } else {
                let showing = count.min(shown.get());
                view! {
                    <p class="hint" aria-live="polite">{(m.caseload.showing_clients)(showing, count, total)}</p>
                    <table class="caseload">
                        <thead>
                            <tr>
                                <th scope="col">{m.caseload.col_name}</th>
                                <th scope="col">{m.caseload.col_age}</th>
                                <th scope="col">{m.caseload.col_open_cases}</th>
                                <th scope="col">{m.common.col_phase}</th>
                                <th scope="col">{m.common.col_tier}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                    {(count > showing).then(|| view! {
                        <button type="button" class="button" on:click=move |_| shown.update(|n| *n += PAGE)>
                            {m.caseload.show_more}
                        </button>
                    })}
                }.into_any()
            }
        }}
    }
}

/// Whether an input event belongs to a composition in progress (`InputEvent.isComposing`).
fn is_composing(ev: &leptos::ev::Event) -> bool {
    js_sys::Reflect::get(ev, &wasm_bindgen::JsValue::from_str("isComposing"))
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}
