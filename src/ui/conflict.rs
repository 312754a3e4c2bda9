//! The panel shown when a save was refused because the record was saved elsewhere (another tab or window) after
//! the page read it: each field or part that differs, who changed it, the user's version and the stored one, a
//! choice per row, all of one side at once, and "save with these choices". Shared by the client form and the
//! assessment; each turns the chosen rows into its own merge (`domain::merge`).

use crate::domain::merge::Changed;
use crate::ui::t;
use leptos::prelude::*;

/// One row: what differs, who changed it, and the two versions as shown.
pub(crate) struct ConflictRow {
    pub label: &'static str,
    pub changed: Changed,
    /// The user's version (it follows the page, which stays read-only meanwhile).
    pub mine: Signal<String>,
    pub theirs: String,
}

/// The panel. `take` holds the rows (by index) whose stored version the user takes; `resolve` saves the merge.
#[component]
pub(crate) fn ConflictPanel(
    intro: &'static str,
    rows: Vec<ConflictRow>,
    take: RwSignal<Vec<usize>>,
    resolve: Callback<()>,
) -> impl IntoView {
    let m = t();
    let count = rows.len();
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let name = format!("conflict-row-{i}");
            let changed = match row.changed {
                Changed::Mine => m.conflict.changed_mine,
                Changed::Theirs => m.conflict.changed_theirs,
                Changed::Both => m.conflict.changed_both,
            };
            let theirs_chosen = move || take.with(|t| t.contains(&i));
            let choose = move |theirs: bool| {
                take.update(|t| {
                    t.retain(|r| *r != i);
                    if theirs {
                        t.push(i);
                    }
                })
            };
            let mine = row.mine;
            view! {
                <tr>
                    <th scope="row">{row.label}<span class="hint">" " {changed}</span></th>
                    <td>{move || mine.get()}</td>
                    <td>{row.theirs}</td>
                    <td>
                        <fieldset class="choices">
                            <legend class="visually-hidden">{row.label}</legend>
                            <label class="choice">
                                <input type="radio" name=name.clone() prop:checked=move || !theirs_chosen()
                                    on:change=move |_| choose(false) />
                                {m.conflict.keep_mine}
                            </label>
                            <label class="choice">
                                <input type="radio" name=name prop:checked=theirs_chosen
                                    on:change=move |_| choose(true) />
                                {m.conflict.take_theirs}
                            </label>
                        </fieldset>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="conflict" role="region" aria-labelledby="conflict-heading" data-testid="conflict">
            <h2 id="conflict-heading" tabindex="-1">{m.conflict.heading}</h2>
            <p>{intro}</p>
            {(count == 0).then(|| view! { <p>{m.conflict.none_left}</p> })}
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{m.conflict.col_field}</th>
                            <th scope="col">{m.conflict.col_mine}</th>
                            <th scope="col">{m.conflict.col_theirs}</th>
                            <th scope="col"><span class="visually-hidden">{m.conflict.col_choice}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <div class="actions">
                <button type="button" class="button button-primary" on:click=move |_| resolve.run(())>
                    {m.conflict.save_merged}
                </button>
                <button type="button" class="button" on:click=move |_| take.set(vec![])>{m.conflict.all_mine}</button>
                <button type="button" class="button" on:click=move |_| take.set((0..count).collect())>{m.conflict.all_theirs}</button>
            </div>
        </section>
    }
}

/// The rows taken from the stored version at first: those only the other side changed.
pub(crate) fn theirs_first(changed: impl Iterator<Item = Changed>) -> Vec<usize> {
    changed
        .enumerate()
        .filter(|(_, c)| *c == Changed::Theirs)
        .map(|(i, _)| i)
        .collect()
}
