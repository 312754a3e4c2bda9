//! The dashboard at the top of the home page: open cases by phase and by tier, and the today list (tasks due or
//! overdue, contacts due, referrals overdue, appointments in the next 7 days), each linking to its case, narrowed
//! by tier, specialty and case manager (the counts are of the whole caseload). The list shows 50 lines at first and
//! more on request, and reads the names of its clients only for the lines it shows.

use crate::domain::case::Specialty;
use crate::domain::dashboard::{managers, today_list, Due, DueItem, Filter};
use crate::domain::ids::Id;
use crate::domain::risk::{tier_code, Tier, UNSTRATIFIED};
use crate::storage::DashboardFile;
use crate::ui::pages::caseload::PAGE;
use crate::ui::pages::UnreadableNotice;
use crate::ui::route::Route;
use crate::ui::{date, t, today, use_db};
use leptos::prelude::*;
use std::collections::HashMap;

/// Client names read so far, by client id; `None`: the client's record could not be read.
type Names = HashMap<Id, Option<String>>;

#[component]
pub(crate) fn Dashboard(
    /// Set once the dashboard is drawn (or could not be read), for what waits on it.
    drawn: RwSignal<bool>,
) -> impl IntoView {
    let storage = use_db();
    let day = expect_context::<crate::ui::Day>().0;
    let board = crate::ui::load(move || {
        let storage = storage.clone();
        let today = day.get();
        async move { storage.dashboard(today).await }
    });
    Effect::new(move |_| {
        if board.is_loaded() {
            drawn.set(true);
        }
    });
    let m = t();
    view! {
        <section class="dashboard" aria-labelledby="dashboard-heading">
            <h2 id="dashboard-heading">{m.dashboard.heading}</h2>
            {move || match board.get() {
                None => view! { <p class="status" role="status">{m.common.loading}</p> }.into_any(),
                Some(Err(error)) => view! { <crate::ui::pages::ErrorNotice error=error /> }.into_any(),
                Some(Ok(board)) => view! { <Board board=board /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Board(board: DashboardFile) -> impl IntoView {
    let m = t();
    let DashboardFile {
        counts,
        items,
        unreadable,
    } = board;
    let storage = use_db();
    let filter = RwSignal::new(Filter::default());
    let shown = RwSignal::new(PAGE);
    let manager_names = managers(&items);
    let items = StoredValue::new(items);
    let matching =
        Memo::new(move |_| items.with_value(|all| today_list(all, &filter.get(), today())));
    // The names of the clients of the lines shown, read once each, when a line is first shown.
    let names = RwSignal::new(Names::new());
    // Names that could not be read because storage failed (not because a record is unreadable): said once.
    let names_failed = RwSignal::new(false);
    Effect::new(move |_| {
        let mut missing: Vec<Id> = matching.with(|list| {
            names.with_untracked(|known| {
                list.iter()
                    .take(shown.get())
                    .map(|i| i.case.client_id)
                    .filter(|id| !known.contains_key(id))
                    .collect()
            })
        });
        missing.sort();
        missing.dedup();
        if missing.is_empty() {
            return;
        }
        let storage = storage.clone();
        leptos::task::spawn_local(async move {
            match storage.client_names(&missing).await {
                Ok(found) => {
                    names_failed.set(false);
                    names.update(|known| {
                        for id in missing {
                            known.insert(id, found.get(&id).cloned());
                        }
                    })
                }
                // Nothing is marked unreadable: the lines say so, and the names are read again with the next
                // lines shown.
                Err(_) => names_failed.set(true),
            }
        });
    });
    let count_rows = |rows: Vec<(&'static str, u32)>| {
        rows.into_iter()
            .map(|(label, n)| view! { <tr><th scope="row">{label}</th><td class="number">{n}</td></tr> })
            .collect_view()
    };
    let phases = count_rows(
        counts
            .by_phase
            .iter()
            .map(|(p, n)| (m.phase(*p), *n))
            .collect(),
    );
    let tiers = count_rows(
        counts
            .by_tier
            .iter()
            .map(|(tier, n)| (m.tier_or_unstratified(*tier), *n))
            .collect(),
    );
    let narrow = move |change: &dyn Fn(&mut Filter)| {
        filter.update(change);
        shown.set(PAGE);
    };
    let set_tier = move |code: String| {
        narrow(&|f| {
            f.tier = match code.as_str() {
                "" => None,
                UNSTRATIFIED => Some(None),
                code => Tier::from_code(code).map(Some),
            }
        })
    };
    let set_specialty = move |code: String| narrow(&|f| f.specialty = Specialty::from_code(&code));
    let set_manager = move |id: String| narrow(&|f| f.manager = id.parse().ok());
    let list = move || {
        let today = today();
        let matching = matching.get();
        let total = items.with_value(Vec::len);
        let limit = shown.get();
        let listed = matching.len().min(limit);
        let status = (m.dashboard.showing)(listed, matching.len(), total);
        let more = matching.len() > listed;
        let list = if matching.is_empty() {
            let text = if total == 0 {
                m.dashboard.nothing_due
            } else {
                m.dashboard.nothing_matches
            };
            view! { <p class="empty">{text}</p> }.into_any()
        } else {
            view! {
                <ul class="due-list">
                    {matching
                        .into_iter()
                        .take(limit)
                        .map(|item| {
                            let client = item.case.client_id;
                            // `None` while the name is being read.
                            let name = move || match names.with(|n| n.get(&client).cloned()) {
                                Some(Some(name)) => Some(name),
                                Some(None) => Some(m.dashboard.unnamed_client.to_string()),
                                None if names_failed.get() => Some(m.dashboard.unnamed_client.to_string()),
                                None => None,
                            };
                            due_line(item, name, today)
                        })
                        .collect_view()}
                </ul>
                {more.then(|| view! {
                    <button type="button" class="button" on:click=move |_| {
                        // The button is drawn again below the longer list: the focus goes to the first new line.
                        let first_new = shown.get_untracked() + 1;
                        shown.update(|n| *n += PAGE);
                        request_animation_frame(move || {
                            crate::ui::form::focus(&format!("ul.due-list > li:nth-child({first_new})"))
                        });
                    }>
                        {m.dashboard.show_more}
                    </button>
                })}
            }
            .into_any()
        };
        // The count is announced when a filter changes it; the list itself is not read out again.
        view! {
            <p class="hint" role="status">{status}</p>
            {list}
        }
    };
    view! {
        <UnreadableNotice records=unreadable />
        // Outside the list, so a filter or "Show more" does not announce it again.
        <Show when=move || names_failed.get()>
            <p class="form-summary" role="alert">{m.dashboard.names_failed}</p>
        </Show>
        <h3>{m.dashboard.due_heading}</h3>
        <fieldset class="filters">
            <legend>{m.dashboard.filters_label}</legend>
            <div class="field">
                <label for="due-tier">{m.dashboard.filter_tier}</label>
                <select id="due-tier" on:change=move |ev| set_tier(event_target_value(&ev))>
                    <option value="">{m.dashboard.all}</option>
                    {Tier::ALL.into_iter().map(|tier| view! { <option value=tier.code()>{m.tier(tier)}</option> }).collect_view()}
                    <option value=UNSTRATIFIED>{m.common.unstratified}</option>
                </select>
            </div>
            <div class="field">
                <label for="due-specialty">{m.dashboard.filter_specialty}</label>
                <select id="due-specialty" on:change=move |ev| set_specialty(event_target_value(&ev))>
                    <option value="">{m.dashboard.all}</option>
                    {Specialty::ALL.into_iter().map(|s| view! { <option value=s.code()>{m.specialty(s)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="due-manager">{m.dashboard.filter_manager}</label>
                <select id="due-manager" on:change=move |ev| set_manager(event_target_value(&ev))>
                    <option value="">{m.dashboard.all}</option>
                    {manager_names.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                </select>
            </div>
        </fieldset>
        {list}
        <h3>{(m.dashboard.counts_heading)(counts.open_cases())}</h3>
        <div class="counts">
            <table class="count-table">
                <caption>{m.dashboard.by_phase}</caption>
                <thead><tr><th scope="col">{m.common.col_phase}</th><th scope="col">{m.dashboard.col_cases}</th></tr></thead>
                <tbody data-testid="count-by-phase">{phases}</tbody>
            </table>
            <table class="count-table">
                <caption>{m.dashboard.by_tier}</caption>
                <thead><tr><th scope="col">{m.common.col_tier}</th><th scope="col">{m.dashboard.col_cases}</th></tr></thead>
                <tbody data-testid="count-by-tier">{tiers}</tbody>
            </table>
        </div>
    }
}

/// One line of the today list: the client (a link to where the item is dealt with), what is due, and when.
fn due_line(
    item: DueItem,
    name: impl Fn() -> Option<String> + Send + Sync + 'static,
    today: chrono::NaiveDate,
) -> impl IntoView {
    let m = t();
    let case_id = item.case.id;
    let overdue = item.is_overdue(today);
    let (what, route) = match &item.due {
        Due::Task(task) => (m.task_name(task), Route::Coordination(case_id)),
        Due::Contact => (
            m.dashboard.contact_due.to_string(),
            Route::FollowUp(case_id),
        ),
        Due::Referral(r) => (
            (m.dashboard.referral_overdue)(&r.to),
            Route::Coordination(case_id),
        ),
        Due::Appointment(a) => (
            (m.dashboard.appointment)(&(m.common.date_time)(a.starts), &a.purpose),
            Route::Coordination(case_id),
        ),
    };
    let when = if overdue {
        Some((m.dashboard.was_due)(&date(item.on)))
    } else if item.on == today && !matches!(item.due, Due::Appointment(_)) {
        Some(m.dashboard.due_today.to_string())
    } else {
        None
    };
    let tier = item.case.tier;
    let href = route.href();
    // Until the client's name is read, the line says so instead of offering a link without a name.
    let client = move || match name() {
        Some(name) => view! { <a href=href.clone()>{name}</a> }.into_any(),
        None => view! { <span class="hint">{m.common.loading}</span> }.into_any(),
    };
    view! {
        // Focusable by script only: "Show more" moves the focus to the first line it adds.
        <li class:overdue=overdue data-testid="due" tabindex="-1">
            {client}
            " " <span class=format!("tier tier-{}", tier_code(tier))>{m.tier_or_unstratified(tier)}</span>
            " " {what}
            {when.map(|w| view! { " " <strong class="due-when">{w}</strong> })}
        </li>
    }
}
