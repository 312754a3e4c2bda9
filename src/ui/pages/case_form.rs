//! Opening a case for a client: specialty, model, case manager, date and referral.

use crate::domain::case::{CaseDraft, CaseModel, Specialty};
use crate::domain::client::Client;
use crate::domain::validation::{Field, FieldErrors};
use crate::storage::StorageError;
use crate::ui::form::{focus_first, FormErrorSummary, SelectField, TextArea, TextField};
use crate::ui::pages::{id_param, ErrorNotice, PageError};
use crate::ui::{t, today, use_db};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

#[component]
pub(crate) fn CaseFormPage() -> impl IntoView {
    let id = id_param();
    let storage = use_db();
    let client = LocalResource::new(move || {
        let storage = storage.clone();
        let id = id.get();
        async move {
            match id {
                Some(id) => storage.client_file(id).await.map(|f| f.client),
                None => Err(StorageError::NotFound),
            }
        }
    });
    move || match client.get() {
        None => view! { <p class="status" role="status">{t().loading}</p> }.into_any(),
        Some(Err(error)) => view! { <PageError error=error /> }.into_any(),
        Some(Ok(client)) => view! { <CaseForm client=client /> }.into_any(),
    }
}

#[component]
fn CaseForm(client: Client) -> impl IntoView {
    let m = t();
    let today = today();
    let draft = RwSignal::new(CaseDraft::new(today));
    let errors = RwSignal::new(FieldErrors::default());
    let saving = RwSignal::new(false);
    let failure = RwSignal::new(None::<StorageError>);
    let navigate = use_navigate();
    let client_id = client.id;

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        failure.set(None);
        match draft.with_untracked(|d| d.validate(today)) {
            Err(problems) => {
                focus_first(&problems);
                errors.set(problems);
            }
            Ok(details) => {
                errors.set(FieldErrors::default());
                saving.set(true);
                let storage = use_db();
                let navigate = navigate.clone();
                spawn_local(async move {
                    let opened = storage.open_case(client_id, details).await;
                    saving.set(false);
                    match opened {
                        Ok(case) => navigate(&format!("/cases/{}", case.id), Default::default()),
                        Err(error) => failure.set(Some(error)),
                    }
                });
            }
        }
    };

    macro_rules! bind {
        ($name:ident) => {
            (
                Signal::derive(move || draft.with(|d| d.$name.clone())),
                move |v: String| draft.update(|d| d.$name = v),
            )
        };
    }
    let (specialty, set_specialty) = bind!(specialty);
    let (model, set_model) = bind!(model);
    let (manager, set_manager) = bind!(case_manager);
    let (opened_on, set_opened_on) = bind!(opened_on);
    let (source, set_source) = bind!(referral_source);
    let (reason, set_reason) = bind!(referral_reason);
    let specialties = Specialty::ALL
        .iter()
        .map(|s| (s.code(), m.specialty(*s)))
        .collect();
    let models = CaseModel::ALL
        .iter()
        .map(|c| (c.code(), m.model(*c)))
        .collect();
    let model_hint = move || CaseModel::from_code(&model.get()).map(|c| m.model_hint(c));

    view! {
        <section class="page">
            <h1>{(m.open_case_heading)(&client.details.full_name)}</h1>
            <form class="form" novalidate on:submit=submit>
                <SelectField field=Field::Specialty options=specialties value=specialty on_change=set_specialty errors=errors required=true />
                <SelectField field=Field::Model options=models value=model on_change=set_model errors=errors required=true />
                <p class="hint">{model_hint}</p>
                <TextField field=Field::CaseManager value=manager on_input=set_manager errors=errors required=true />
                <TextField field=Field::OpenedOn kind="date" value=opened_on on_input=set_opened_on errors=errors required=true max=today.to_string() />
                <TextField field=Field::ReferralSource value=source on_input=set_source errors=errors />
                <TextArea field=Field::ReferralReason value=reason on_input=set_reason errors=errors required=true />
                <FormErrorSummary errors=errors />
                {move || failure.get().map(|error| view! { <ErrorNotice error=error /> })}
                <div class="actions">
                    <button type="submit" class="button button-primary" disabled=move || saving.get()>
                        {move || if saving.get() { m.saving } else { m.save_case }}
                    </button>
                    <a class="button" href=format!("/clients/{client_id}")>{m.cancel}</a>
                </div>
            </form>
        </section>
    }
}
