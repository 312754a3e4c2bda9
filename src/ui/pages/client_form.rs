//! Registering a client, and editing one: the same form, validated by the domain before anything is written. An
//! edit saved elsewhere meanwhile (another tab or window) is never overwritten: the form shows what differs and
//! the user chooses, field by field, which version to keep.

use crate::domain::client::{ClientDraft, ConsentChoice, Gender};
use crate::domain::ids::Id;
use crate::domain::merge::{client_differences, merge_client, Changed, Difference};
use crate::domain::validation::Field;
use crate::storage::StorageError;
use crate::ui::form::{bind, FormFooter, FormState, TextField};
use crate::ui::form::{input, textarea, Input};
use crate::ui::pages::loaded;
use crate::ui::route::Route;
use crate::ui::{t, today, use_db};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub(crate) fn ClientFormPage(id: Option<Id>) -> impl IntoView {
    let storage = use_db();
    // A new client starts from an empty draft; an edit starts from the stored details.
    let draft = crate::ui::load(move || {
        let storage = storage.clone();
        async move {
            match id {
                // A new client registered in Japanese gives the name in its parts (姓・名, each with its reading).
                None => Ok((
                    ClientDraft {
                        name_in_parts: crate::i18n::current() == crate::i18n::Locale::Ja,
                        ..ClientDraft::default()
                    },
                    None,
                )),
                Some(id) => storage.client_file(id).await.map(|file| {
                    (
                        ClientDraft::from_details(&file.client.details),
                        Some(file.rev),
                    )
                }),
            }
        }
    });
    loaded(
        draft,
        move |(initial, rev)| view! { <ClientForm id=id initial=initial rev=rev /> },
    )
}

#[component]
fn ClientForm(id: Option<Id>, initial: ClientDraft, rev: Option<u32>) -> impl IntoView {
    let m = t();
    // What the form was opened from (the stored details and their revision): a save names the revision, and a
    // refusal is compared against it.
    let base = RwSignal::new((initial.clone(), rev));
    let draft = RwSignal::new(initial);
    // The page rebuilt in the other language keeps what was typed with what it was typed over: the revision
    // the form was opened from goes with the draft, so a save of it is still checked against that revision.
    crate::ui::language::carry("client-form-base", base);
    let conflict = RwSignal::new(None::<Conflict>);
    let base_unknown = RwSignal::new(false);
    crate::ui::language::carry("client-form", draft);
    let state = FormState::new();
    crate::ui::language::carry("client-form-errors", state.errors);
    let errors = state.errors;
    let navigate = use_navigate();
    let today = today();

    let status = use_context::<crate::ui::status::StorageStatus>();
    let save = Callback::new(move |()| {
        if let Some(details) = state.accept(draft.with_untracked(|d| d.validate(today))) {
            let storage = use_db();
            let navigate = navigate.clone();
            let write = async move {
                match id {
                    None => storage.create_client(details).await,
                    Some(id) => {
                        let from = base.with_untracked(|b| b.1);
                        storage.update_client_from(id, details, from).await
                    }
                }
            };
            state.save(write, move |client| {
                // There is data worth keeping now: ask the browser to keep it.
                if let Some(status) = status {
                    status.ask_to_persist();
                }
                navigate(&Route::Client(client.id).href(), Default::default())
            });
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.run(());
    };

    // Saved elsewhere meanwhile: what is stored now, beside what was typed.
    Effect::new(move || {
        if let (Some(StorageError::Stale), Some(id)) = (state.failure.get(), id) {
            let storage = use_db();
            leptos::task::spawn_local(async move {
                if let Ok(file) = storage.client_file(id).await {
                    let theirs = ClientDraft::from_details(&file.client.details);
                    let mut differences = base.with_untracked(|(b, _)| {
                        draft.with_untracked(|mine| client_differences(b, mine, &theirs))
                    });
                    if base_unknown.get_untracked() {
                        for d in &mut differences {
                            d.changed = Changed::Both;
                        }
                    }
                    let take =
                        crate::ui::conflict::theirs_first(differences.iter().map(|d| d.changed));
                    let _ = conflict.try_set(Some(Conflict {
                        theirs,
                        rev: file.rev,
                        differences,
                        take: RwSignal::new(take),
                    }));
                    request_animation_frame(|| crate::ui::form::focus("#conflict-heading"));
                }
            });
        }
    });
    // Save with the choices: the form holds the merge, saved as an edit of the stored revision.
    let resolve = move || {
        let Some(c) = conflict.get_untracked() else {
            return;
        };
        let take: Vec<Field> = c
            .take
            .get_untracked()
            .into_iter()
            .filter_map(|i| c.differences.get(i).map(|d| d.field))
            .collect();
        let merged = draft.with_untracked(|mine| merge_client(mine, &c.theirs, &take));
        draft.set(merged);
        base.set((c.theirs.clone(), Some(c.rev)));
        base_unknown.set(false);
        conflict.set(None);
        state.failure.set(None);
        save.run(());
    };

    let (full_name, set_full_name) = bind!(draft.full_name);
    let (name_reading, set_name_reading) = bind!(draft.name_reading);
    let (family_name, set_family_name) = bind!(draft.family_name);
    let (given_name, set_given_name) = bind!(draft.given_name);
    let (family_reading, set_family_reading) = bind!(draft.family_reading);
    let (given_reading, set_given_reading) = bind!(draft.given_reading);
    let in_parts = draft.with_untracked(|d| d.name_in_parts);
    let (preferred_name, set_preferred_name) = bind!(draft.preferred_name);
    let (date_of_birth, set_date_of_birth) = bind!(draft.date_of_birth);
    let date_of_birth_era = Signal::derive(move || draft.with(|d| d.date_of_birth_era.clone()));
    let (gender, set_gender) = bind!(draft.gender);
    let (language, set_language) = bind!(draft.preferred_language);
    let (phone, set_phone) = bind!(draft.phone);
    let (email, set_email) = bind!(draft.email);
    let (address, set_address) = bind!(draft.address);
    let (support_name, set_support_name) = bind!(draft.support_name);
    let (support_relation, set_support_relation) = bind!(draft.support_relation);
    let (support_phone, set_support_phone) = bind!(draft.support_phone);
    let (consent_date, set_consent_date) = bind!(draft.consent_date);
    let (consent_by, set_consent_by) = bind!(draft.consent_recorded_by);
    let consent = move || draft.with(|d| d.consent);
    let cancel_href = match id {
        Some(id) => Route::Client(id).href(),
        None => "/".to_string(),
    };
    let max_date = today.to_string();

    view! {
        <section class="page">
            <h1>{if id.is_some() { m.client.edit_client_heading } else { m.client.register_heading }}</h1>
            <form class="form" novalidate on:submit=submit>
                // The revision the form edits, as a field: what a lock keeps of the form and gives back at the
                // unlock includes it, so fields typed before a lock are saved as an edit of that revision.
                <input type="hidden" id="client-form-rev" autocomplete="off" data-keep=""
                    prop:value=move || base.with(|b| b.1.map(|r| r.to_string()).unwrap_or_default())
                    on:input=move |ev| {
                        let rev = event_target_value(&ev).parse::<u32>().ok();
                        base.update(|b| b.1 = rev);
                        // What it was typed over is not known here: every difference is the user's to choose.
                        base_unknown.set(true);
                    } />
                <fieldset>
                    <legend>{m.client.section_identity}</legend>
                    {if in_parts {
                        view! {
                            <div class="name-parts">
                                {input(Input::text(Field::FamilyName).required(), (family_name, set_family_name), errors)}
                                {input(Input::text(Field::GivenName), (given_name, set_given_name), errors)}
                                {input(Input::text(Field::FamilyReading), (family_reading, set_family_reading), errors)}
                                {input(Input::text(Field::GivenReading), (given_reading, set_given_reading), errors)}
                            </div>
                        }.into_any()
                    } else {
                        view! {
                            {input(Input::text(Field::FullName).required(), (full_name, set_full_name), errors)}
                            {input(Input::text(Field::NameReading), (name_reading, set_name_reading), errors)}
                        }.into_any()
                    }}
                    {input(Input::text(Field::PreferredName), (preferred_name, set_preferred_name), errors)}
                    {input(Input::date(Field::DateOfBirth).max(max_date.clone()), (date_of_birth, set_date_of_birth), errors)}
                    // In Japanese, the date of birth can also be written in the era calendar; a date that reads fills
                    // the calendar field above.
                    // (Shown in English too while it holds something, so that what it says can be seen and fixed.)
                    {(crate::i18n::current() == crate::i18n::Locale::Ja
                        || draft.with_untracked(|d| !d.date_of_birth_era.is_empty())).then(|| view! {
                        <TextField field=Field::DateOfBirthEra value=date_of_birth_era errors=errors
                            on_input=move |text: String| draft.update(|d| {
                                if let Some(date) = crate::domain::era::parse_era_date(&text) {
                                    d.date_of_birth = date.to_string();
                                }
                                d.date_of_birth_era = text;
                            }) />
                    })}
                    <div class="field">
                        <label for="field-gender">{m.client.field_gender} <span class="hint">{m.common.optional_note}</span></label>
                        <select id="field-gender" prop:value=move || gender.get() on:change=move |ev| set_gender.run(event_target_value(&ev))>
                            <option value="">{m.common.not_recorded}</option>
                            {Gender::ALL.into_iter().map(|g| view! {
                                <option value=g.code() selected=move || gender.get() == g.code()>{m.gender(g)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    {input(Input::text(Field::PreferredLanguage), (language, set_language), errors)}
                </fieldset>
                <fieldset>
                    <legend>{m.client.section_contact}</legend>
                    {input(Input::of(Field::Phone, "tel"), (phone, set_phone), errors)}
                    {input(Input::of(Field::Email, "email"), (email, set_email), errors)}
                    {textarea(Input::text(Field::Address), (address, set_address), errors)}
                </fieldset>
                <fieldset>
                    <legend>{m.client.section_support}</legend>
                    {input(Input::text(Field::SupportName), (support_name, set_support_name), errors)}
                    {input(Input::text(Field::SupportRelation), (support_relation, set_support_relation), errors)}
                    {input(Input::of(Field::SupportPhone, "tel"), (support_phone, set_support_phone), errors)}
                </fieldset>
                <fieldset>
                    <legend>{m.client.section_consent}</legend>
                    <div class="choices" role="radiogroup" aria-label=m.client.field_consent>
                        {ConsentChoice::ALL.into_iter().map(|choice| view! {
                            <label class="choice">
                                <input
                                    type="radio"
                                    name="consent"
                                    value=choice.code()
                                    prop:checked=move || consent() == choice
                                    on:change=move |_| draft.update(|d| d.consent = choice)
                                />
                                {m.consent_choice(choice)}
                            </label>
                        }).collect_view()}
                    </div>
                    <Show when=move || consent() != ConsentChoice::NotRecorded>
                        {input(Input::date(Field::ConsentDate).required().max(max_date.clone()), (consent_date, set_consent_date), errors)}
                        {input(Input::text(Field::ConsentRecordedBy).required(), (consent_by, set_consent_by), errors)}
                    </Show>
                </fieldset>
                {move || conflict.get().map(|c| {
                    let rows = c.differences.iter().map(|d| {
                        let field = d.field;
                        crate::ui::conflict::ConflictRow {
                            label: m.field(field),
                            changed: d.changed,
                            mine: Signal::stored(shown(field, &d.mine)),
                            theirs: shown(field, &d.theirs),
                        }
                    }).collect();
                    view! {
                        <crate::ui::conflict::ConflictPanel intro=m.conflict.intro rows=rows take=c.take
                            resolve=Callback::new(move |()| resolve()) />
                    }
                })}
                <FormFooter state=state submit=m.client.save_client cancel_href=cancel_href />
            </form>
        </section>
    }
}

/// The stored version after a refused save, what differs, and the rows whose stored value the user takes.
#[derive(Clone)]
struct Conflict {
    theirs: ClientDraft,
    rev: u32,
    differences: Vec<Difference>,
    take: RwSignal<Vec<usize>>,
}

/// A field's value as the panel shows it: codes in words, an empty field said so.
fn shown(field: Field, value: &str) -> String {
    let m = t();
    match field {
        _ if value.trim().is_empty() => m.conflict.empty.to_string(),
        Field::Consent => m
            .consent_choice(ConsentChoice::from_code(value))
            .to_string(),
        Field::Gender => Gender::from_code(value)
            .map(|g| m.gender(g).to_string())
            .unwrap_or_else(|| value.to_string()),
        _ => value.to_string(),
    }
}
