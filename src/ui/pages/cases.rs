//! The open-case list, filterable by risk tier; read through the tier and status indexes.

use crate::domain::risk::Tier;
use crate::ui::pages::PageError;
use crate::ui::{t, use_db};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub(crate) fn CasesPage() -> impl IntoView {
    let m = t();
    let tier = RwSignal::new(None::<Tier>);
    let storage = use_db();
    let rows = LocalResource::new(move || {
        let storage = storage.clone();
        let tier = tier.get();
        async move { storage.open_cases(tier).await }
    });
    view! {
        <section class="page">
            <h1>{m.cases_list_heading}</h1>
            <div class="field">
                <label for="tier-filter">{m.filter_by_tier}</label>
                <select id="tier-filter" on:change=move |ev| tier.set(Tier::from_code(&event_target_value(&ev)))>
                    <option value="">{m.all_tiers}</option>
                    {Tier::ALL.into_iter().map(|t| view! { <option value=t.code()>{m.tier(t)}</option> }).collect_view()}
                </select>
            </div>
            {move || match rows.get() {
                None => view! { <p class="status" role="status">{m.loading}</p> }.into_any(),
                Some(Err(error)) => view! { <PageError error=error /> }.into_any(),
                Some(Ok(rows)) if rows.is_empty() => view! { <p class="empty">{m.no_cases_in_tier}</p> }.into_any(),
                Some(Ok(rows)) => view! {
                    <table class="caseload cases">
                        <thead>
                            <tr>
                                <th scope="col">{m.col_client}</th>
                                <th scope="col">{m.col_phase}</th>
                                <th scope="col">{m.col_tier}</th>
                                <th scope="col">{m.field_opened_on}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows.into_iter().map(|row| view! {
                                <tr>
                                    <td><A href=format!("/cases/{}", row.case.id)>{row.client_name}</A></td>
                                    <td>{m.phase(row.case.phase)}</td>
                                    <td><span class=format!("tier tier-{}", row.case.tier.code())>{m.tier(row.case.tier)}</span></td>
                                    <td>{row.case.opened_on.to_string()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            }}
        </section>
    }
}
