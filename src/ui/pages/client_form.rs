//! Registering a client, and editing one: the same form, validated by the domain before anything is written.

use crate::domain::client::{ClientDraft, ConsentChoice, Gender};
use crate::domain::ids::Id;
use crate::domain::validation::Field;
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
                None => Ok(ClientDraft {
                    name_in_parts: crate::i18n::current() == crate::i18n::Locale::Ja,
                    ..ClientDraft::default()
                }),
                Some(id) => storage
                    .client_file(id)
                    .await
                    .map(|file| ClientDraft::from_details(&file.client.details)),
            }
        }
    });
    loaded(
        draft,
        move |initial| view! { <ClientForm id=id initial=initial /> },
    )
}

#[component]
fn ClientForm(id: Option<Id>, initial: ClientDraft) -> impl IntoView {
    let m = t();
    let draft = RwSignal::new(initial);
    crate::ui::language::carry("client-form", draft);
    let state = FormState::new();
    crate::ui::language::carry("client-form-errors", state.errors);
    let errors = state.errors;
    let navigate = use_navigate();
    let today = today();

    let status = use_context::<crate::ui::status::StorageStatus>();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(details) = state.accept(draft.with_untracked(|d| d.validate(today))) {
            let storage = use_db();
            let navigate = navigate.clone();
            let write = async move {
                match id {
                    None => storage.create_client(details).await,
                    Some(id) => storage.update_client(id, details).await,
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
                <FormFooter state=state submit=m.client.save_client cancel_href=cancel_href />
            </form>
        </section>
    }
}
