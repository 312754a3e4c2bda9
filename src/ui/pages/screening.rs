//! Screening a case: why the client was identified, the eligibility criteria met, and the decision.

use crate::domain::ids::Id;
use crate::domain::screening::{Criterion, Decision, ScreeningDraft};
use crate::domain::validation::Field;
use crate::storage::CaseFile;
use crate::ui::form::{bind, FormFooter, FormState, RadioField};
use crate::ui::form::{input, textarea, Input};
use crate::ui::pages::{load_for_id, loaded, ClosedCase};
use crate::ui::route::Route;
use crate::ui::{t, today, use_db};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub(crate) fn ScreeningPage(id: Id) -> impl IntoView {
    let file = load_for_id(id, |storage, id| async move { storage.case_file(id).await });
    loaded(file, |file| {
        if file.case.accepts_changes().is_err() {
            view! { <ClosedCase file=file /> }.into_any()
        } else {
            view! { <ScreeningForm file=file /> }.into_any()
        }
    })
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
    crate::ui::language::carry("screening-form", draft);
    let state = FormState::new();
    crate::ui::language::carry("screening-form-errors", state.errors);
    let errors = state.errors;
    let navigate = use_navigate();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(screening) = state.accept(draft.with_untracked(|d| d.validate(today))) {
            let storage = use_db();
            let navigate = navigate.clone();
            let write = async move { storage.record_screening(case_id, screening).await };
            state.save(write, move |_| {
                navigate(&Route::Case(case_id).href(), Default::default())
            });
        }
    };

    let (reason, set_reason) = bind!(draft.reason);
    let (source, set_source) = bind!(draft.source);
    let (other, set_other) = bind!(draft.other_criterion);
    let (decision, set_decision) = bind!(draft.decision);
    let (rationale, set_rationale) = bind!(draft.rationale);
    let (by, set_by) = bind!(draft.screened_by);
    let (on, set_on) = bind!(draft.screened_on);
    let decisions = Decision::ALL
        .iter()
        .map(|d| (d.code(), m.decision(*d)))
        .collect();
    let other_ticked = move || draft.with(|d| d.criteria.contains(&Criterion::Other));

    view! {
        <section class="page">
            <h1>{m.common.screening_heading}</h1>
            <p>{file.client.details.full_name.clone()}</p>
            <form class="form" novalidate on:submit=submit>
                {textarea(Input::text(Field::IdentificationReason).required(), (reason, set_reason), errors)}
                {input(Input::text(Field::ReferralSource), (source, set_source), errors)}
                <fieldset class="field">
                    <legend>{m.screening.screening_criteria}</legend>
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
                    {input(Input::text(Field::OtherCriterion).required(), (other, set_other), errors)}
                </Show>
                <RadioField field=Field::Decision options=decisions value=decision on_change=set_decision errors=errors />
                {textarea(Input::text(Field::Rationale).required(), (rationale, set_rationale), errors)}
                {input(Input::text(Field::ScreenedBy).required(), (by, set_by), errors)}
                {input(Input::date(Field::ScreenedOn).required().max(today.to_string()), (on, set_on), errors)}
                <FormFooter state=state submit=m.screening.save_screening cancel_href=Route::Case(case_id).href() />
            </form>
        </section>
    }
}
