//! Administering a standardized instrument: the form is rendered from the instrument's definition, shows which
//! items are unanswered, and is scored by the domain only when every scored item is answered.

use crate::domain::administration::{validated_wording, Administration, NotScored};
use crate::domain::case::Case;
use crate::domain::ids::Id;
use crate::domain::instruments::{toggle_tick, AnswerKind, Instrument};
use crate::domain::validation::{Field, FieldErrors};
use crate::storage::new_id;
use crate::ui::form::{focus, FormFooter, FormState, TextField};
use crate::ui::pages::{load_for_id, loaded, ClosedCase};
use crate::ui::route::Route;
use crate::ui::{t, today, use_db};
use chrono::Utc;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub(crate) fn InstrumentPage(id: Id, instrument: Instrument) -> impl IntoView {
    let file = load_for_id(id, |storage, id| async move { storage.case_file(id).await });
    loaded(file, move |file| {
        if file.case.accepts_changes().is_err() {
            view! { <ClosedCase file=file /> }.into_any()
        } else {
            view! {
                <InstrumentForm instrument=instrument case=file.case client=file.client.details.full_name.clone() />
            }
            .into_any()
        }
    })
}

#[component]
fn InstrumentForm(instrument: Instrument, case: Case, client: String) -> impl IntoView {
    let m = t();
    let case_id = case.id;
    let administered_by = case.details.case_manager.clone();
    let case = StoredValue::new(case);
    let definition = instrument.definition();
    let texts = m.instrument(instrument);
    let answers = RwSignal::new(vec![None::<u32>; definition.items.len()]);
    // What was typed in number fields, so a number out of range stays visible with its message.
    let typed = RwSignal::new(vec![String::new(); definition.items.len()]);
    let administered_on = RwSignal::new(today().to_string());
    let by = RwSignal::new(administered_by);
    let state = FormState::new();
    crate::ui::language::carry("instrument-errors", state.errors);
    let errors = state.errors;
    let attempted = RwSignal::new(false);
    crate::ui::language::carry("instrument-answers", answers);
    crate::ui::language::carry("instrument-typed", typed);
    crate::ui::language::carry("instrument-on", administered_on);
    crate::ui::language::carry("instrument-by", by);
    let submission = StoredValue::new(None::<crate::domain::ids::Id>);
    let navigate = use_navigate();

    let scored = Memo::new(move |_| answers.with(|a| instrument.score(a)));
    let unanswered = move || scored.with(|s| s.as_ref().err().map_or(0, |u| u.0.len()));
    let is_unanswered =
        move |i: usize| scored.with(|s| s.as_ref().err().is_some_and(|u| u.0.contains(&i)));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if state.saving.get_untracked() {
            return;
        }
        attempted.set(true);
        // One id per form: sending the same form again (after a failure, or twice) saves it at most once.
        let id = match submission.get_value() {
            Some(id) => id,
            None => match new_id() {
                Ok(id) => {
                    submission.set_value(Some(id));
                    id
                }
                Err(error) => return state.failure.set(Some(error)),
            },
        };
        let recorded = case.with_value(|case| {
            Administration::record(
                id,
                case,
                instrument,
                answers.get_untracked(),
                &administered_on.get_untracked(),
                &by.get_untracked(),
                crate::i18n::current().tag(),
                today(),
                Utc::now(),
            )
        });
        let checked = match recorded {
            Err(NotScored::Unanswered(missing)) => {
                if let Some(first) = missing.0.first() {
                    focus_item(definition.items[*first].key);
                }
                Err(FieldErrors::default())
            }
            Err(NotScored::Fields(problems)) => Err(problems),
            Ok(administration) => Ok(administration),
        };
        if let Some(administration) = state.accept(checked) {
            let storage = use_db();
            let navigate = navigate.clone();
            let write = async move { storage.record_administration(administration).await };
            state.save(write, move |_| {
                navigate(&Route::Case(case_id).href(), Default::default())
            });
        }
    };

    // Consecutive items answered on the same scale (PHQ-9's "not at all … nearly every day") form a table: the
    // scale's words once at the top, each item a row of large answer targets. Each answer keeps its words for
    // screen readers and on narrow screens.
    // Only short answers fit a column (at most 24 columns of text, a CJK character counting two); long ones (Katz,
    // Lawton, AHC housing) stay as a list of their own.
    let on_scale = |i: usize| {
        let width = |text: &str| {
            text.chars()
                .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
                .sum::<usize>()
        };
        matches!(
            definition.items.get(i).map(|item| item.answer),
            Some(AnswerKind::Choice { .. })
        ) && texts.items[i].options.iter().all(|o| width(o) <= 24)
    };
    let same_scale = |a: usize, b: usize| {
        on_scale(a) && on_scale(b) && texts.items[a].options == texts.items[b].options
    };
    let items = definition
        .items
        .iter()
        .zip(texts.items)
        .enumerate()
        .map(|(index, (item, words))| {
            let in_scale = on_scale(index);
            let scale_starts = in_scale && !(index > 0 && same_scale(index - 1, index));
            let item_id = format!("item-{}", item.key);
            let missing = move || attempted.get() && is_unanswered(index);
            let control = match item.answer {
                AnswerKind::Choice { .. } => words
                    .options
                    .iter()
                    .enumerate()
                    .map(|(option, text)| {
                        let option = option as u32;
                        view! {
                            <label class="choice">
                                <input
                                    type="radio"
                                    name=item.key
                                    prop:checked=move || answers.with(|a| a[index] == Some(option))
                                    on:change=move |_| answers.update(|a| a[index] = Some(option))
                                />
                                <span class="choice-text">{*text}</span>
                            </label>
                        }
                    })
                    .collect_view()
                    .into_any(),
                AnswerKind::Ticks { .. } => words
                    .options
                    .iter()
                    .enumerate()
                    .map(|(option, text)| {
                        let bit = 1u32 << option;
                        let kind = item.answer;
                        view! {
                            <label class="choice">
                                <input
                                    type="checkbox"
                                    prop:checked=move || answers.with(|a| a[index].unwrap_or(0) & bit != 0)
                                    on:change=move |_| answers.update(|a| a[index] = toggle_tick(kind, a[index], option as u32))
                                />
                                {*text}
                            </label>
                        }
                    })
                    .collect_view()
                    .into_any(),
                AnswerKind::Count { max } => {
                    let derived = move || answers.with(|a| instrument.derived(a, index));
                    view! {
                        <input
                            type="number"
                            class="count"
                            autocomplete="off"
                            min="0"
                            max=max.to_string()
                            step="1"
                            aria-label=words.question
                            readonly=move || derived().is_some()
                            prop:value=move || match derived() {
                                Some(value) => value.to_string(),
                                None => typed.with(|t| t[index].clone()),
                            }
                            on:input=move |ev| {
                                let text = crate::ui::form::typed_text(&ev);
                                let value = text.trim().parse::<u32>().ok().filter(|v| *v <= max);
                                typed.update(|t| t[index] = text);
                                answers.update(|a| a[index] = value);
                            }
                        />
                        {move || derived().map(|_| view! { <p class="hint">{m.instrument.derived_from_ticks}</p> })}
                        {move || {
                            let out_of_range = derived().is_none()
                                && typed.with(|t| !t[index].trim().is_empty())
                                && answers.with(|a| a[index].is_none());
                            out_of_range.then(|| view! { <p class="field-error">{(m.instrument.count_out_of_range)(max)}</p> })
                        }}
                    }
                    .into_any()
                }
            };
            view! {
                {scale_starts.then(|| view! {
                    <div class="scale-head" class:scale-5=words.options.len() == 5 aria-hidden="true">
                        {words.options.iter().map(|text| view! { <span>{*text}</span> }).collect_view()}
                    </div>
                })}
                <fieldset id=item_id class="item" class:scale-row=in_scale class:scale-5=words.options.len() == 5 class:item-missing=missing>
                    <legend>{words.question}</legend>
                    <div class="choices">{control}</div>
                    {move || missing().then(|| view! { <p class="field-error">{m.instrument.not_answered}</p> })}
                </fieldset>
            }
        })
        .collect_view();

    let preview = move || {
        scored.with(|s| match s {
            Err(_) => (m.instrument.unanswered_count)(unanswered()),
            Ok(outcome) => (m.instrument.score_preview)(&m.result(outcome)),
        })
    };
    let flags = move || {
        scored.with(|s| {
            s.as_ref()
                .map(|o| o.flags.iter().map(|f| m.flag(*f)).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };

    view! {
        <section class="page">
            <h1>{texts.name}</h1>
            <p>{client}</p>
            <p class="hint">{texts.intro}</p>
            {(!validated_wording(crate::i18n::current().tag())).then(|| view! {
                <p class="banner banner-warning" data-testid="unvalidated-translation">{m.common.unvalidated_translation}</p>
            })}
            <form class="form instrument-form" novalidate on:submit=submit>
                <div class="date-and-by">
                    <TextField field=Field::AdministeredOn kind="date" errors=errors required=true max=today().to_string()
                        value=administered_on on_input=move |v| administered_on.set(v) />
                    <TextField field=Field::AdministeredBy errors=errors required=true
                        value=by on_input=move |v| by.set(v) />
                </div>
                {items}
                {(instrument == Instrument::AhcHrsn).then(|| view! { <p class="hint caveat">{m.instrument.ahc_safety_caveat}</p> })}
                // The running score, its flags and the save button stay in view while answering.
                <div class="score-bar">
                    <p class="score-preview" aria-live="polite" data-testid="score-preview">{preview}</p>
                    <ul class="flags">{move || flags().into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
                    <FormFooter state=state submit=m.instrument.save_administration cancel_href=Route::Case(case_id).href() />
                </div>
            </form>
            <p class="source"><strong>{m.instrument.source_label} {m.common.label_separator}</strong> {definition.source} " " <span class="hint">{(m.instrument.version_label)(definition.version)}</span></p>
        </section>
    }
}

/// Focuses the first input of an unanswered item.
fn focus_item(key: &str) {
    focus(&format!("#item-{key} input"));
}
