//! Opening a case for a client: specialty, model, case manager, date and referral.

use crate::domain::case::{CaseDraft, CaseModel, Specialty};
use crate::domain::client::Client;
use crate::domain::ids::Id;
use crate::domain::staff::StaffMember;
use crate::domain::validation::Field;
use crate::ui::form::{bind, FormFooter, FormState};
use crate::ui::form::{input, select, textarea, Input};
use crate::ui::pages::{load_for_id, loaded};
use crate::ui::route::Route;
use crate::ui::{t, today, use_db};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub(crate) fn CaseFormPage(client: Id) -> impl IntoView {
    let client = load_for_id(client, |storage, id| async move {
        let client = storage.client_file(id).await?.client;
        let staff = storage.staff().await?.value;
        Ok((client, staff))
    });
    loaded(
        client,
        |(client, staff)| view! { <CaseForm client=client staff=staff /> },
    )
}

#[component]
fn CaseForm(client: Client, staff: Vec<StaffMember>) -> impl IntoView {
    let m = t();
    let today = today();
    let draft = RwSignal::new(CaseDraft::new(today));
    crate::ui::language::carry("case-form", draft);
    let state = FormState::new();
    crate::ui::language::carry("case-form-errors", state.errors);
    let errors = state.errors;
    let navigate = use_navigate();
    let client_id = client.id;
    let born = client.details.date_of_birth;

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(details) = state.accept(draft.with_untracked(|d| d.validate(today, born))) {
            let storage = use_db();
            let navigate = navigate.clone();
            let write = async move { storage.open_case(client_id, details).await };
            state.save(write, move |case| {
                navigate(&Route::Case(case.id).href(), Default::default())
            });
        }
    };

    let (specialty, set_specialty) = bind!(draft.specialty);
    let (model, set_model) = bind!(draft.model);
    let (manager, set_manager) = bind!(draft.case_manager);
    let (opened_on, set_opened_on) = bind!(draft.opened_on);
    let (source, set_source) = bind!(draft.referral_source);
    let (reason, set_reason) = bind!(draft.referral_reason);
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
            <h1>{(m.case.open_case_heading)(&client.details.full_name)}</h1>
            <form class="form" novalidate on:submit=submit>
                {select(Input::text(Field::Specialty).required(), specialties, (specialty, set_specialty), errors)}
                {select(Input::text(Field::Model).required(), models, (model, set_model), errors)}
                <p class="hint">{model_hint}</p>
                {input(Input::text(Field::CaseManager).required().suggest("staff-names"), (manager, set_manager), errors)}
                <p class="hint">{m.staff.typed_name_hint}</p>
                {crate::ui::form::staff_names(staff)}
                {input(Input::date(Field::OpenedOn).required().max(today.to_string()), (opened_on, set_opened_on), errors)}
                {input(Input::text(Field::ReferralSource), (source, set_source), errors)}
                {textarea(Input::text(Field::ReferralReason).required(), (reason, set_reason), errors)}
                <FormFooter state=state submit=m.case.save_case cancel_href=Route::Client(client_id).href() />
            </form>
        </section>
    }
}
