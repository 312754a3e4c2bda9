//! The open-case list, filterable by risk tier; read through the tier and status indexes. The filter is in the
//! address (`/cases?tier=high`), so back and forward keep it. (Name searches are never put in addresses: they
//! would land in the browser history of a shared tablet.)

use crate::domain::risk::{tier_code, Tier, UNSTRATIFIED};
use crate::ui::pages::{PageError, UnreadableNotice};
use crate::ui::route::Route;
use crate::ui::{t, use_db};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

#[component]
pub(crate) fn CasesPage() -> impl IntoView {
    let m = t();
    let query = use_query_map();
    // None: every tier; Some(None): not yet stratified; Some(Some(tier)): that tier.
    let tier = Memo::new(move |_| {
        query.with(|q| {
            q.get("tier").and_then(|code| match code.as_str() {
                UNSTRATIFIED => Some(None),
                code => Tier::from_code(code).map(Some),
            })
        })
    });
    let navigate = use_navigate();
    let choose = move |code: String| {
        let to = if code.is_empty() {
            "/cases".to_string()
        } else {
            format!("/cases?tier={code}")
        };
        navigate(
            &to,
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    };
    let storage = use_db();
    let rows = crate::ui::load(move || {
        let storage = storage.clone();
        let tier = tier.get();
        async move { storage.open_cases(tier).await }
    });
    view! {
        <section class="page">
            <h1>{m.case.cases_list_heading}</h1>
            <div class="field">
                <label for="tier-filter">{m.case.filter_by_tier}</label>
                <select id="tier-filter" on:change=move |ev| choose(event_target_value(&ev))>
                    <option value="" selected=move || tier.get().is_none()>{m.case.all_tiers}</option>
                    {Tier::ALL.into_iter().map(|t| view! {
                        <option value=t.code() selected=move || tier.get() == Some(Some(t))>{m.tier(t)}</option>
                    }).collect_view()}
                    <option value=UNSTRATIFIED selected=move || tier.get() == Some(None)>{m.common.unstratified}</option>
                </select>
            </div>
            {move || match rows.get() {
                None => view! { <p class="status" role="status">{m.common.loading}</p> }.into_any(),
                Some(Err(error)) => view! { <PageError error=error /> }.into_any(),
                Some(Ok(rows)) if rows.value.is_empty() && rows.unreadable.is_empty() => view! {
                    <p class="empty">{move || if tier.get().is_some() { m.case.no_cases_in_tier } else { m.case.no_open_cases }}</p>
                }.into_any(),
                Some(Ok(rows)) => view! {
                    <UnreadableNotice records=rows.unreadable />
                    <table class="caseload cases">
                        <thead>
                            <tr>
                                <th scope="col">{m.case.col_client}</th>
                                <th scope="col">{m.common.col_phase}</th>
                                <th scope="col">{m.common.col_tier}</th>
                                <th scope="col">{m.common.field_opened_on}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows.value.into_iter().map(|row| view! {
                                <tr>
                                    <td><A href=Route::Case(row.case.id).href()>{row.client_name}</A></td>
                                    <td>{m.phase(row.case.phase)}</td>
                                    <td><span class=format!("tier tier-{}", tier_code(row.case.tier))>{m.tier_or_unstratified(row.case.tier)}</span></td>
                                    <td>{crate::ui::date(row.case.opened_on)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            }}
        </section>
    }
}
