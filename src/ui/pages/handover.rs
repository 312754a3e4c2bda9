//! The case handover: the client's handover page (choose cases, make the encrypted file, show its one-time
//! passphrase, then offer to close each handed-over case as transferred) and the receiving page (open a file with
//! its passphrase, choose for each clash keep both, replace or skip, or one choice for all, and import in one
//! transaction). Neither is offered in the demo, whose data is fictional.

use crate::domain::case::{Case, CaseStatus};
use crate::domain::envelope::Problem;
use crate::domain::handover::{Choice, Choices, Here, Payload};
use crate::domain::ids::Id;
use crate::storage::{ClientFile, RestoreError};
use crate::ui::pages::{load_for_id, loaded};
use crate::ui::route::Route;
use crate::ui::{date, storage_error_text, t, use_db};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use std::collections::HashMap;

/// How a case is named on these pages.
fn case_line(case: &Case) -> String {
    let m = t();
    (m.handover.case_line)(
        &date(case.details.opened_on),
        m.model(case.details.model),
        m.phase(case.phase),
        case.status == CaseStatus::Closed,
    )
}

#[component]
pub(crate) fn HandoverPage(id: Id) -> impl IntoView {
    let m = t();
    if crate::ui::demo::active() {
        return view! {
            <section class="page" aria-labelledby="handover-heading">
                <h1 id="handover-heading" tabindex="-1">{m.handover.heading}</h1>
                <p class="banner banner-warning">{m.handover.demo_refused}</p>
            </section>
        }
        .into_any();
    }
    let file = load_for_id(
        id,
        |storage, id| async move { storage.client_file(id).await },
    );
    loaded(file, |file| view! { <HandoverForm file=file /> }).into_any()
}

/// What making the file came to.
#[derive(Clone)]
struct Made {
    name: String,
    records: u64,
    passphrase: String,
    /// The handed-over cases still open, to offer their closure.
    open: Vec<(Id, String)>,
}

#[component]
fn HandoverForm(file: ClientFile) -> impl IntoView {
    let m = t();
    let client_id = file.client.id;
    let name = file.client.details.full_name.clone();
    let cases: Vec<(Case, String)> = file
        .cases
        .into_iter()
        .map(|c| {
            let line = case_line(&c);
            (c, line)
        })
        .collect();
    let chosen = RwSignal::new(
        cases
            .iter()
            .filter(|(c, _)| c.status == CaseStatus::Open)
            .map(|(c, _)| c.id)
            .collect::<Vec<Id>>(),
    );
    let error = RwSignal::new(None::<&'static str>);
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let made = RwSignal::new(None::<Made>);
    let lines: HashMap<Id, (bool, String)> = cases
        .iter()
        .map(|(c, l)| (c.id, (c.status == CaseStatus::Open, l.clone())))
        .collect();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let ids = chosen.get_untracked();
        error.set(ids.is_empty().then_some(m.handover.no_case));
        failure.set(None);
        if ids.is_empty() {
            crate::ui::form::focus("#handover-cases input");
            return;
        }
        busy.set(true);
        let storage = use_db();
        let lines = lines.clone();
        spawn_local(async move {
            match storage.handover(client_id, &ids, chrono::Utc::now()).await {
                Ok(file) => {
                    if crate::ui::backup::download(
                        &file.name,
                        &file.text,
                        "application/octet-stream",
                    )
                    .is_none()
                    {
                        let _ = failure.try_set(Some(m.export.download_failed.to_string()));
                    } else {
                        let open = ids
                            .iter()
                            .filter_map(|id| {
                                lines
                                    .get(id)
                                    .filter(|(open, _)| *open)
                                    .map(|(_, l)| (*id, l.clone()))
                            })
                            .collect();
                        let _ = made.try_set(Some(Made {
                            name: file.name,
                            records: file.records,
                            passphrase: file.passphrase,
                            open,
                        }));
                        crate::ui::form::focus("#handover-passphrase-heading");
                    }
                }
                Err(e) => {
                    let _ = failure.try_set(Some(storage_error_text(&e).to_string()));
                }
            }
            let _ = busy.try_set(false);
        });
    };
    view! {
        <section class="page" aria-labelledby="handover-heading">
            <h1 id="handover-heading" tabindex="-1">{m.handover.heading}</h1>
            <p><A href=Route::Client(client_id).href()>{name}</A></p>
            <p>{m.handover.intro}</p>
            <form on:submit=submit novalidate>
                <fieldset id="handover-cases" class="field" class:field-invalid=move || error.get().is_some()
                    aria-describedby="handover-cases-error">
                    <legend>{m.handover.cases_legend}</legend>
                    {cases.into_iter().map(|(case, line)| {
                        let case_id = case.id;
                        let input_id = format!("handover-case-{case_id}");
                        view! {
                            <div class="choice">
                                <input type="checkbox" id=input_id.clone()
                                    prop:checked=move || chosen.with(|c| c.contains(&case_id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen.update(|c| {
                                            c.retain(|id| *id != case_id);
                                            if on { c.push(case_id); }
                                        });
                                    } />
                                <label for=input_id>{line}</label>
                            </div>
                        }
                    }).collect_view()}
                    <p class="field-error" id="handover-cases-error" role="alert">{move || error.get()}</p>
                </fieldset>
                <p class="form-summary" role="alert">{move || failure.get()}</p>
                <button type="submit" class="button button-primary" data-testid="make-handover"
                    aria-disabled=move || busy.get().to_string()>
                    {move || if busy.get() { m.handover.making } else { m.handover.make }}
                </button>
            </form>
            {move || made.get().map(|made| view! {
                <section class="handover-made" aria-labelledby="handover-passphrase-heading">
                    <p role="status" data-testid="handover-made">{(m.handover.made)(&made.name, made.records)}</p>
                    <h2 id="handover-passphrase-heading" tabindex="-1">{m.handover.passphrase_heading}</h2>
                    <p class="recovery-key" data-testid="handover-passphrase">{made.passphrase.clone()}</p>
                    <p class="hint">{m.handover.passphrase_hint}</p>
                    {(!made.open.is_empty()).then(move || view! {
                        <h2>{m.handover.after_heading}</h2>
                        <p>{m.handover.after_intro}</p>
                        <ul class="actions-list">
                            {made.open.into_iter().map(|(id, line)| view! {
                                <li>
                                    <A href=format!("{}?close=transferred", Route::Evaluation(id).href()) attr:class="button">
                                        {(m.handover.close_transferred)(&line)}
                                    </A>
                                </li>
                            }).collect_view()}
                        </ul>
                    })}
                </section>
            })}
        </section>
    }
}

/// What the user is told of a file that cannot be opened.
fn problem_text(problem: Problem) -> &'static str {
    let m = t();
    match problem {
        Problem::NotABackup | Problem::NotEmpty => m.handover.not_a_handover,
        Problem::Newer(_) => m.handover.newer,
        Problem::Truncated => m.handover.truncated,
        Problem::Damaged => m.handover.damaged,
        Problem::Tampered => m.handover.tampered,
        Problem::WrongPassphrase => m.handover.wrong_passphrase,
    }
}

/// An opened file: what it carries, what clashes with this workspace, and how it is named.
#[derive(Clone)]
struct Opened {
    payload: Payload,
    here: Here,
    summary: String,
}

#[component]
pub(crate) fn ReceivePage() -> impl IntoView {
    let m = t();
    if crate::ui::demo::active() {
        return view! {
            <section class="page" aria-labelledby="receive-heading">
                <h1 id="receive-heading" tabindex="-1">{m.handover.receive_heading}</h1>
                <p class="banner banner-warning">{m.handover.demo_refused}</p>
            </section>
        }
        .into_any();
    }
    let file = NodeRef::<leptos::html::Input>::new();
    let passphrase = RwSignal::new(String::new());
    let file_error = RwSignal::new(None::<&'static str>);
    let passphrase_error = RwSignal::new(None::<&'static str>);
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let opened = RwSignal::new(None::<Opened>);
    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        failure.set(None);
        opened.set(None);
        let fields = (file, passphrase, file_error, passphrase_error);
        let Some((input, typed)) = crate::ui::backup::chosen(
            "handover",
            fields,
            m.handover.no_file,
            m.handover.no_passphrase,
        ) else {
            return;
        };
        busy.set(true);
        let storage = use_db();
        spawn_local(async move {
            let outcome =
                match crate::ui::backup::file_bytes(&input, crate::domain::handover::MAGIC).await {
                    None => Err(RestoreError::File(Problem::NotABackup)),
                    Some(bytes) => storage.open_handover(&bytes, &typed).await,
                };
            let outcome = match outcome {
                Ok(o) => storage
                    .handover_here(&o.payload)
                    .await
                    .map(|here| (o, here))
                    .map_err(RestoreError::Storage),
                Err(e) => Err(e),
            };
            let _ = busy.try_set(false);
            match outcome {
                Ok((o, here)) => {
                    let made = chrono::DateTime::parse_from_rfc3339(&o.header.made)
                        .map(|d| crate::ui::local_date(d.with_timezone(&chrono::Utc)))
                        .unwrap_or_default();
                    let summary = (m.handover.summary)(
                        &o.payload.client.details.full_name,
                        o.header.cases,
                        o.header.records,
                        &made,
                    );
                    let _ = opened.try_set(Some(Opened {
                        payload: o.payload,
                        here,
                        summary,
                    }));
                    crate::ui::form::focus("#receive-summary");
                }
                Err(RestoreError::File(Problem::WrongPassphrase)) => {
                    let _ = passphrase_error.try_set(Some(m.handover.wrong_passphrase));
                    crate::ui::form::focus("#handover-secret");
                }
                Err(RestoreError::File(problem)) => {
                    let _ = file_error.try_set(Some(problem_text(problem)));
                    crate::ui::form::focus("#handover-file");
                }
                Err(RestoreError::Storage(e)) => {
                    let _ = failure.try_set(Some(storage_error_text(&e).to_string()));
                }
            }
        });
    };
    view! {
        <section class="page" aria-labelledby="receive-heading">
            <h1 id="receive-heading" tabindex="-1">{m.handover.receive_heading}</h1>
            <p>{m.handover.receive_intro}</p>
            <form on:submit=open novalidate>
                <crate::ui::backup::FileAndSecret prefix="handover" file=file secret=passphrase
                    file_error=file_error secret_error=passphrase_error
                    file_label=m.handover.file_label secret_label=m.handover.passphrase_label
                    secret_hint=m.handover.passphrase_field_hint
                    on_file=Callback::new(move |_| opened.set(None)) />
                <p class="form-summary" role="alert">{move || failure.get()}</p>
                <button type="submit" class="button button-primary" aria-disabled=move || busy.get().to_string()>
                    {move || if busy.get() { m.handover.opening } else { m.handover.open_file }}
                </button>
            </form>
            {move || opened.get().map(|o| view! { <ImportChoices opened=o /> })}
        </section>
    }
    .into_any()
}

/// The opened file's summary, a choice for each clash (and one for all), and the import.
#[component]
fn ImportChoices(opened: Opened) -> impl IntoView {
    let m = t();
    let Opened {
        payload,
        here,
        summary,
    } = opened;
    let client_name = payload.client.details.full_name.clone();
    // The items the user is asked about: the client (if here) and each case that is here.
    let mut items: Vec<(Option<Id>, String)> = vec![];
    if here.client {
        items.push((None, (m.handover.client_item)(&client_name)));
    }
    for bundle in &payload.cases {
        if here.cases.contains_key(&bundle.case.id) {
            items.push((
                Some(bundle.case.id),
                (m.handover.case_item)(&case_line(&bundle.case)),
            ));
        }
    }
    let choices = RwSignal::new(Choices::proposed(&payload, &here));
    let client_id = payload.client.id;
    let here = StoredValue::new(here);
    // A case may be replaced only where it stays with the same client (as `domain::handover::import` decides).
    let replaceable = move |item: Option<Id>| match item {
        None => true,
        Some(case) => {
            here.with_value(|h| h.replaceable(case, client_id, choices.with(|c| c.client)))
        }
    };
    let busy = RwSignal::new(false);
    let done = RwSignal::new(None::<Result<(usize, Id), String>>);
    let payload = StoredValue::new(payload);
    let import = move |_| {
        if busy.get_untracked() || done.get_untracked().is_some_and(|d| d.is_ok()) {
            return;
        }
        busy.set(true);
        let storage = use_db();
        let chosen = choices.get_untracked();
        spawn_local(async move {
            let result = storage.import_handover(&payload.get_value(), &chosen).await;
            let _ = busy.try_set(false);
            let _ = done.try_set(Some(
                result
                    .map(|i| (i.changes.puts.len(), i.client_id))
                    .map_err(|e| match e {
                        RestoreError::File(problem) => problem_text(problem).to_string(),
                        RestoreError::Storage(e) => storage_error_text(&e).to_string(),
                    }),
            ));
            crate::ui::form::focus("#import-outcome");
        });
    };
    let set = move |item: Option<Id>, choice: Choice| {
        choices.update(|c| match item {
            None => c.client = choice,
            Some(id) => {
                c.cases.insert(id, choice);
            }
        })
    };
    let get = move |item: Option<Id>| {
        let chosen = choices.with(|c| match item {
            None => c.client,
            Some(id) => c.cases.get(&id).copied().unwrap_or(Choice::KeepBoth),
        });
        if chosen == Choice::Replace && !replaceable(item) {
            Choice::KeepBoth
        } else {
            chosen
        }
    };
    let clashes = !items.is_empty();
    view! {
        <section class="import" aria-labelledby="receive-summary">
            <h2 id="receive-summary" tabindex="-1" data-testid="handover-summary">{summary}</h2>
            {clashes.then(|| view! {
                <p>{m.handover.clashes_intro}</p>
                <div class="choice-all" role="group" aria-label=m.handover.for_all>
                    <span>{m.handover.for_all} {m.common.label_separator}</span>
                    {[Choice::KeepBoth, Choice::Replace, Choice::Skip].into_iter().map(|choice| view! {
                        <button type="button" class="button" data-testid=format!("all-{}", choice.code())
                            on:click=move |_| choices.update(|c| {
                                c.client = choice;
                                c.cases.values_mut().for_each(|v| *v = choice);
                            })>
                            {(m.handover.choices)(choice)}
                        </button>
                    }).collect_view()}
                </div>
                {items.into_iter().enumerate().map(|(n, (item, label))| view! {
                    <fieldset class="field clash" aria-describedby=format!("clash-{n}-hint")>
                        <legend>{label}</legend>
                        {[Choice::KeepBoth, Choice::Replace, Choice::Skip].into_iter().map(|choice| {
                            let input_id = format!("clash-{n}-{}", choice.code());
                            let offered = move || choice != Choice::Replace || replaceable(item);
                            view! {
                                <div class="choice" class:hidden=move || !offered()>
                                    <input type="radio" id=input_id.clone() name=format!("clash-{n}")
                                        disabled=move || !offered()
                                        prop:checked=move || get(item) == choice
                                        on:change=move |_| set(item, choice) />
                                    <label for=input_id>{(m.handover.choices)(choice)}</label>
                                </div>
                            }
                        }).collect_view()}
                        <p class="hint" id=format!("clash-{n}-hint")>
                            {move || (!replaceable(item)).then_some(m.handover.case_elsewhere)}
                        </p>
                    </fieldset>
                }).collect_view()}
            })}
            <button type="button" class="button button-primary" data-testid="import-handover"
                aria-disabled=move || (busy.get() || done.get().is_some_and(|d| d.is_ok())).to_string()
                on:click=import>
                {move || if busy.get() { m.handover.importing } else { m.handover.import }}
            </button>
            <div id="import-outcome" tabindex="-1" role="status" data-testid="import-outcome">
                {move || done.get().map(|d| match d {
                    Ok((0, _)) => view! { <p>{m.handover.nothing_imported}</p> }.into_any(),
                    Ok((n, client)) => view! {
                        <p>{(m.handover.imported)(n)} " " <A href=Route::Client(client).href()>{m.handover.open_client}</A></p>
                    }.into_any(),
                    Err(why) => view! { <p class="form-summary" role="alert">{why}</p> }.into_any(),
                })}
            </div>
        </section>
    }
}
