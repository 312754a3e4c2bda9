//! The holistic assessment of a case. Every change is saved as a draft shortly after typing stops, so nothing is
//! lost on reload; completing it checks that its essentials are there.

use crate::domain::assessment::{
    Assessment, AssessmentStatus, Condition, Incomplete, Medication, Section,
};
use crate::domain::ids::Id;
use crate::storage::StorageError;
use crate::ui::pages::{load_for_id, loaded, ErrorNotice};
use crate::ui::{t, use_db};
use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use std::time::Duration;

/// How long typing must pause before the draft is written.
const SAVE_AFTER: Duration = Duration::from_millis(500);

#[component]
pub(crate) fn AssessmentPage() -> impl IntoView {
    let loaded_data = load_for_id(|storage, id| async move {
        let file = storage.case_file(id).await?;
        let assessment = file
            .assessment
            .unwrap_or_else(|| Assessment::new(id, Utc::now()));
        Ok((assessment, file.client.details.full_name))
    });
    loaded(
        loaded_data,
        |(assessment, client)| view! { <AssessmentForm initial=assessment client=client /> },
    )
}

#[derive(Clone, PartialEq)]
enum SaveState {
    Idle,
    Pending,
    Saved(String),
    Failed(StorageError),
}

#[component]
fn AssessmentForm(initial: Assessment, client: String) -> impl IntoView {
    let m = t();
    let case_id: Id = initial.case_id;
    let assessment = RwSignal::new(initial);
    let state = RwSignal::new(SaveState::Idle);
    let problems = RwSignal::new(Vec::<Incomplete>::new());
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    // Taken now: the save also runs from a timer, outside the component's reactive context.
    let db = StoredValue::new_local(use_db());

    let save_now = move || {
        let snapshot = assessment.get_untracked();
        let storage = db.get_value();
        state.set(SaveState::Pending);
        spawn_local(async move {
            match storage.save_assessment(&snapshot).await {
                Ok(()) => {
                    let at = chrono::Local::now().format("%H:%M:%S").to_string();
                    state.set(SaveState::Saved(at));
                }
                Err(error) => state.set(SaveState::Failed(error)),
            }
        });
    };
    // Every edit goes through here: change the draft, then save it once typing pauses.
    let edit = move |change: Box<dyn FnOnce(&mut Assessment)>| {
        assessment.update(|a| {
            change(a);
            a.updated_at = Utc::now();
        });
        state.set(SaveState::Pending);
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        timer.set_value(set_timeout_with_handle(save_now, SAVE_AFTER).ok());
    };
    let complete = move |_| {
        let mut done = assessment.get_untracked();
        match done.complete(Utc::now()) {
            Err(found) => problems.set(found),
            Ok(()) => {
                problems.set(vec![]);
                if let Some(handle) = timer.get_value() {
                    handle.clear();
                }
                assessment.set(done);
                save_now();
            }
        }
    };

    let conditions = move || assessment.with(|a| a.conditions.len());
    let condition_rows = move || {
        (0..conditions())
            .map(|i| {
                let field = move |label: &'static str, get: fn(&Condition) -> &String, set: fn(&mut Condition, String)| {
                    view! {
                        <label class="cell">
                            <span>{label} " " {i + 1}</span>
                            <input type="text"
                                prop:value=move || assessment.with(|a| a.conditions.get(i).map(|c| get(c).clone()).unwrap_or_default())
                                on:input=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |a| if let Some(c) = a.conditions.get_mut(i) { set(c, v) })) } />
                        </label>
                    }
                };
                view! {
                    <div class="row-group">
                        {field(m.condition_name, |c| &c.name, |c, v| c.name = v)}
                        {field(m.condition_since, |c| &c.since, |c, v| c.since = v)}
                        {field(m.condition_notes, |c| &c.notes, |c, v| c.notes = v)}
                        <button type="button" class="button button-small"
                            on:click=move |_| edit(Box::new(move |a| { if i < a.conditions.len() { a.conditions.remove(i); } }))>
                            {m.remove_row}
                        </button>
                    </div>
                }
            })
            .collect_view()
    };
    let medications = move || assessment.with(|a| a.medications.len());
    let medication_rows = move || {
        (0..medications())
            .map(|i| {
                let field = move |label: &'static str, get: fn(&Medication) -> &String, set: fn(&mut Medication, String)| {
                    view! {
                        <label class="cell">
                            <span>{label} " " {i + 1}</span>
                            <input type="text"
                                prop:value=move || assessment.with(|a| a.medications.get(i).map(|c| get(c).clone()).unwrap_or_default())
                                on:input=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |a| if let Some(c) = a.medications.get_mut(i) { set(c, v) })) } />
                        </label>
                    }
                };
                view! {
                    <div class="row-group">
                        {field(m.medication_name, |c| &c.name, |c, v| c.name = v)}
                        {field(m.medication_dose, |c| &c.dose, |c, v| c.dose = v)}
                        {field(m.medication_frequency, |c| &c.frequency, |c, v| c.frequency = v)}
                        {field(m.medication_prescriber, |c| &c.prescriber, |c, v| c.prescriber = v)}
                        <button type="button" class="button button-small"
                            on:click=move |_| edit(Box::new(move |a| { if i < a.medications.len() { a.medications.remove(i); } }))>
                            {m.remove_row}
                        </button>
                    </div>
                }
            })
            .collect_view()
    };
    let sections = Section::ALL
        .into_iter()
        .map(|section| {
            let id = format!("section-{section:?}").to_lowercase();
            view! {
                <div class="field">
                    <label for=id.clone()>{m.section(section)} " " <span class="hint">{m.section_hint(section)}</span></label>
                    <textarea id=id rows="3"
                        prop:value=move || assessment.with(|a| a.text(section).to_string())
                        on:input=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |a| a.set_text(section, v))) }
                    ></textarea>
                </div>
            }
        })
        .collect_view();
    let problem_text = move |p: &Incomplete| match p {
        Incomplete::WhatMattersMissing => m.assessment_what_matters_missing.to_string(),
        Incomplete::UnnamedCondition(i) => (m.assessment_unnamed_condition)(i + 1),
        Incomplete::UnnamedMedication(i) => (m.assessment_unnamed_medication)(i + 1),
        Incomplete::TooLong(s) => (m.assessment_too_long)(m.section(*s)),
    };

    view! {
        <section class="page">
            <h1>{m.assessment_heading}</h1>
            <p><A href=format!("/cases/{case_id}")>{client}</A> " · "
                <span data-testid="assessment-status">{move || m.assessment_status(assessment.with(|a| a.status))}</span>
            </p>
            <p class="save-state" role="status" aria-live="polite">
                {move || match state.get() {
                    SaveState::Idle => String::new(),
                    SaveState::Pending => m.assessment_saving.to_string(),
                    SaveState::Saved(at) => (m.assessment_saved_at)(&at),
                    SaveState::Failed(_) => String::new(),
                }}
            </p>
            {move || match state.get() {
                SaveState::Failed(error) => Some(view! { <ErrorNotice error=error /> }),
                _ => None,
            }}
            <form class="form" novalidate on:submit=|ev| ev.prevent_default()>
                <fieldset>
                    <legend>{m.conditions_heading}</legend>
                    {condition_rows}
                    <button type="button" class="button" on:click=move |_| edit(Box::new(|a| a.conditions.push(Condition::default())))>
                        {m.add_condition}
                    </button>
                </fieldset>
                <fieldset>
                    <legend>{m.medications_heading}</legend>
                    {medication_rows}
                    <button type="button" class="button" on:click=move |_| edit(Box::new(|a| a.medications.push(Medication::default())))>
                        {m.add_medication}
                    </button>
                </fieldset>
                {sections}
                <ul class="form-summary" role="alert">
                    {move || problems.with(|ps| ps.iter().map(|p| view! { <li>{problem_text(p)}</li> }).collect_view())}
                </ul>
                <div class="actions">
                    <button type="button" class="button button-primary" on:click=complete>
                        {move || if assessment.with(|a| a.status == AssessmentStatus::Complete) { m.assessment_completed } else { m.assessment_complete_button }}
                    </button>
                </div>
            </form>
        </section>
    }
}
