//! Screening a case: why the client was identified, the eligibility criteria met, and the decision.

use crate::domain::screening::{Criterion, Decision, ScreeningDraft};
use crate::domain::validation::{Field, FieldErrors};
use crate::storage::{CaseFile, StorageError};
use crate::ui::form::{focus_first, FormErrorSummary, RadioField, TextArea, TextField};
use crate::ui::pages::{id_param, ErrorNotice, PageError};
use crate::ui::{t, today, use_db};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

#[component]
pub(crate) fn ScreeningPage() -> impl IntoView {
    let id = id_param();
    let storage = use_db();
    let file = LocalResource::new(move || {
        let storage = storage.clone();
        let id = id.get();
        async move {
            match id {
                Some(id) => storage.case_file(id).await,
                None => Err(StorageError::NotFound),
            }
        }
    });
    move || match file.get() {
        None => view! { <p class="status" role="status">{t().loading}</p> }.into_any(),
        Some(Err(error)) => view! { <PageError error=error /> }.into_any(),
        Some(Ok(file)) => view! { <ScreeningForm file=file /> }.into_any(),
    }
}

#[component]
fn ScreeningForm(file: CaseFile) -> impl IntoView {
    let m = t();
    let today = today();
    let case = &file.case;
    let case_id = case.id;
    let initial = match &case.screening {
        Some(s) => ScreeningDraft::from_screening(s),
        None => ScreeningDraft::new(
            &case.details.referral_reason,
            case.details.referral_source.as_deref(),
            &case.details.case_manager,
            today,
        ),
    };
    let draft = RwSignal::new(initial);
    let errors = RwSignal::new(FieldErrors::default());
    let failure = RwSignal::new(None::<StorageError>);
    let saving = RwSignal::new(false);
    let navigate = use_navigate();

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
            Ok(screening) => {
                errors.set(FieldErrors::default());
                saving.set(true);
                let storage = use_db();
                let navigate = navigate.clone();
                spawn_local(async move {
                    let saved = storage.record_screening(case_id, screening).await;
                    saving.set(false);
                    match saved {
                        Ok(_) => navigate(&format!("/cases/{case_id}"), Default::default()),
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
    let (reason, set_reason) = bind!(reason);
    let (source, set_source) = bind!(source);
    let (other, set_other) = bind!(other_criterion);
    let (decision, set_decision) = bind!(decision);
    let (rationale, set_rationale) = bind!(rationale);
    let (by, set_by) = bind!(screened_by);
    let (on, set_on) = bind!(screened_on);
    let decisions = Decision::ALL
        .iter()
        .map(|d| (d.code(), m.decision(*d)))
        .collect();
    let other_ticked = move || draft.with(|d| d.criteria.contains(&Criterion::Other));

    view! {
        <section class="page">
            <h1>{m.screening_heading}</h1>
            <p>{file.client.details.full_name.clone()}</p>
            <form class="form" novalidate on:submit=submit>
                <TextArea field=Field::IdentificationReason value=reason on_input=set_reason errors=errors required=true />
                <TextField field=Field::ReferralSource value=source on_input=set_source errors=errors />
                <fieldset class="field">
                    <legend>{m.screening_criteria}</legend>
                    <div class="choices choices-column">
                        {Criterion::ALL.into_iter().map(|c| view! {
                            <label class="choice">
                                <input type="checkbox"
                                    prop:checked=move || draft.with(|d| d.criteria.contains(&c))
                                    on:change=move |_| draft.update(|d| d.toggle(c)) />
                                {m.criterion(c)}
                            </label>
                        }).collect_view()}
                    </div>
                </fieldset>
                <Show when=other_ticked>
                    <TextField field=Field::OtherCriterion value=other on_input=set_other errors=errors required=true />
                </Show>
                <RadioField field=Field::Decision options=decisions value=decision on_change=set_decision errors=errors />
                <TextArea field=Field::Rationale value=rationale on_input=set_rationale errors=errors required=true />
                <TextField field=Field::ScreenedBy value=by on_input=set_by errors=errors required=true />
                <TextField field=Field::ScreenedOn kind="date" value=on on_input=set_on errors=errors required=true max=today.to_string() />
                <FormErrorSummary errors=errors />
                {move || failure.get().map(|error| view! { <ErrorNotice error=error /> })}
                <div class="actions">
                    <button type="submit" class="button button-primary" disabled=move || saving.get()>
                        {move || if saving.get() { m.saving } else { m.save_screening }}
                    </button>
                    <a class="button" href=format!("/cases/{case_id}")>{m.cancel}</a>
                </div>
            </form>
        </section>
    }
}
