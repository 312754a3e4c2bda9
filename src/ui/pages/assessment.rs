//! The holistic assessment of a case. Every change is written as a draft at once, so nothing is lost on reload;
//! completing it checks that its essentials are there, and a later edit makes it a draft again.

use crate::domain::assessment::{
    Assessment, AssessmentStatus, Condition, Incomplete, Medication, Section,
};
use crate::domain::ids::Id;
use crate::storage::StorageError;
use crate::ui::pages::{load_for_id, loaded, ErrorNotice};
use crate::ui::route::Route;
use crate::ui::status::UnsavedDrafts;
use crate::ui::{t, use_db};
use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use std::sync::Arc;

#[component]
pub(crate) fn AssessmentPage(id: Id) -> impl IntoView {
    let drafts = expect_context::<UnsavedDrafts>();
    let loaded_data = load_for_id(id, move |storage, id| async move {
        let file = storage.case_file(id).await?;
        // A draft that could not be saved is newer than what is stored: it comes back to the form.
        let kept = drafts.draft(id);
        let unsaved = kept.is_some();
        let assessment = kept
            .or(file.assessment)
            .unwrap_or_else(|| Assessment::new(id, Utc::now()));
        let closed = file.case.accepts_changes().is_err();
        Ok((assessment, file.client.details.full_name, closed, unsaved))
    });
    loaded(loaded_data, |(assessment, client, closed, unsaved)| {
        view! { <AssessmentForm initial=assessment client=client closed=closed unsaved=unsaved /> }
    })
}

/// The newest snapshot waiting to be written, and whether a writer is running. Shared by the writer task, which
/// outlives the page if the user leaves mid-write.
#[derive(Default)]
struct SaveQueueState {
    latest: Option<Assessment>,
    running: bool,
}

type SaveQueue = std::rc::Rc<std::cell::RefCell<SaveQueueState>>;

#[derive(Clone, PartialEq)]
enum SaveState {
    Idle,
    Pending,
    Retrying,
    Saved(chrono::NaiveTime),
    Failed(StorageError),
}

/// How long the draft writer waits before each further try after a failed save.
const RETRY_AFTER_MS: [i32; 2] = [1000, 3000];

#[component]
fn AssessmentForm(
    initial: Assessment,
    client: String,
    closed: bool,
    unsaved: bool,
) -> impl IntoView {
    let m = t();
    let case_id: Id = initial.case_id;
    let assessment = RwSignal::new(initial);
    let state = RwSignal::new(SaveState::Idle);
    let problems = RwSignal::new(Vec::<Incomplete>::new());
    let db = StoredValue::new_local(use_db());
    let queue = StoredValue::new_local(SaveQueue::default());
    let drafts = expect_context::<UnsavedDrafts>();

    // Queues the latest snapshot. One write runs at a time and always takes the newest snapshot, so a burst of
    // typing costs a few writes, the last one holds the last keystroke, and it still lands if the page is left.
    let save = move |snapshot: Assessment| {
        let queue = queue.get_value();
        let start = {
            let mut q = queue.borrow_mut();
            q.latest = Some(snapshot);
            !std::mem::replace(&mut q.running, true)
        };
        if !start {
            return;
        }
        let storage = db.get_value();
        state.set(SaveState::Pending);
        drafts.writing(case_id, true);
        spawn_local(async move {
            loop {
                let next = queue.borrow_mut().latest.take();
                let Some(snapshot) = next else { break };
                let mut saved = storage.save_assessment(&snapshot).await;
                // A failure is tried again a little later (the writer outlives the page), unless a newer
                // snapshot is already waiting or a rule refused it; one that persists is shown wherever the user
                // now is, with the draft kept for another try.
                for wait in RETRY_AFTER_MS {
                    let newer = queue.borrow().latest.is_some();
                    let Err(error) = &saved else { break };
                    if newer || !error.is_transient() {
                        break;
                    }
                    // Kept from the first failure: leaving the page now asks first, and the draft survives.
                    drafts.keep(snapshot.clone(), error.clone());
                    let _ = state.try_set(SaveState::Retrying);
                    crate::ui::sleep(wait).await;
                    saved = storage.save_assessment(&snapshot).await;
                }
                match &saved {
                    Ok(()) => drafts.saved(case_id),
                    Err(error) if queue.borrow().latest.is_none() => {
                        drafts.keep(snapshot, error.clone())
                    }
                    Err(_) => {}
                }
                // The page may be gone by now: `try_set` then does nothing.
                let _ = state.try_set(match saved {
                    Ok(()) => SaveState::Saved(chrono::Local::now().time()),
                    Err(error) => SaveState::Failed(error),
                });
            }
            queue.borrow_mut().running = false;
            drafts.writing(case_id, false);
        });
    };
    // Every edit goes through here: change the draft (a completed assessment becomes a draft again) and write it
    // straight away, so a reload or a closed tab loses nothing.
    let edit = move |change: Box<dyn FnOnce(&mut Assessment)>| {
        assessment.update(|a| {
            change(a);
            a.touch(Utc::now());
        });
        problems.set(vec![]);
        save(assessment.get_untracked());
    };
    // A kept draft that could not be saved is tried again as soon as its form is open.
    if unsaved && !closed {
        save(assessment.get_untracked());
    }
    let complete = move |_| {
        let mut done = assessment.get_untracked();
        match done.complete(Utc::now()) {
            Err(found) => problems.set(found),
            Ok(()) => {
                problems.set(vec![]);
                assessment.set(done.clone());
                save(done);
            }
        }
    };

    let condition_rows = list_rows(
        assessment,
        edit,
        |a| &a.conditions,
        |a| &mut a.conditions,
        Arc::new([
            (
                m.assessment.condition_name,
                |c: &Condition| &c.name,
                |c: &mut Condition, v| c.name = v,
            ),
            (
                m.assessment.condition_since,
                |c| &c.since,
                |c, v| c.since = v,
            ),
            (
                m.assessment.condition_notes,
                |c| &c.notes,
                |c, v| c.notes = v,
            ),
        ]),
    );
    let medication_rows = list_rows(
        assessment,
        edit,
        |a| &a.medications,
        |a| &mut a.medications,
        Arc::new([
            (
                m.assessment.medication_name,
                |r: &Medication| &r.name,
                |r: &mut Medication, v| r.name = v,
            ),
            (m.assessment.medication_dose, |r| &r.dose, |r, v| r.dose = v),
            (
                m.assessment.medication_frequency,
                |r| &r.frequency,
                |r, v| r.frequency = v,
            ),
            (
                m.assessment.medication_prescriber,
                |r| &r.prescriber,
                |r, v| r.prescriber = v,
            ),
        ]),
    );
    let sections = Section::ALL
        .into_iter()
        .map(|section| {
            let id = format!("section-{}", section.code().replace('_', ""));
            view! {
                <div class="field">
                    <label for=id.clone()>{m.section(section)} " " <span class="hint">{m.section_hint(section)}</span></label>
                    <textarea id=id rows="3" autocomplete="off"
                        prop:value=move || assessment.with(|a| a.text(section).to_string())
                        on:input=move |ev| { let v = crate::ui::form::typed_text(&ev); edit(Box::new(move |a| a.set_text(section, v))) }
                    ></textarea>
                </div>
            }
        })
        .collect_view();
    let problem_text = move |p: &Incomplete| match p {
        Incomplete::WhatMattersMissing => m.assessment.assessment_what_matters_missing.to_string(),
        Incomplete::UnnamedCondition(i) => (m.assessment.assessment_unnamed_condition)(i + 1),
        Incomplete::UnnamedMedication(i) => (m.assessment.assessment_unnamed_medication)(i + 1),
        Incomplete::TooLong(s) => (m.assessment.assessment_too_long)(m.section(*s)),
    };

    view! {
        <section class="page">
            <h1>{m.common.assessment_heading}</h1>
            <p><A href=Route::Case(case_id).href()>{client}</A> {m.common.separator}
                <span data-testid="assessment-status">{move || m.assessment_status(assessment.with(|a| a.status))}</span>
            </p>
            <p class="save-state" role="status" aria-live="polite">
                {move || match state.get() {
                    SaveState::Idle => String::new(),
                    SaveState::Pending => m.assessment.assessment_saving.to_string(),
                    SaveState::Retrying => m.assessment.autosave_retrying.to_string(),
                    SaveState::Saved(at) => (m.assessment.assessment_saved_at)(at),
                    SaveState::Failed(_) => String::new(),
                }}
            </p>
            {move || match state.get() {
                SaveState::Failed(error) => Some(view! { <ErrorNotice error=error /> }),
                _ => None,
            }}
            {closed.then(|| view! { <p class="banner banner-warning">{m.common.case_closed_no_changes}</p> })}
            <form class="form" novalidate on:submit=|ev| ev.prevent_default()>
            // A closed case's assessment can be read, not changed.
            <fieldset class="plain" disabled=closed>
                <fieldset>
                    <legend>{m.assessment.conditions_heading}</legend>
                    {condition_rows}
                    <button type="button" class="button" on:click=move |_| edit(Box::new(|a| a.conditions.push(Condition::default())))>
                        {m.assessment.add_condition}
                    </button>
                </fieldset>
                <fieldset>
                    <legend>{m.assessment.medications_heading}</legend>
                    {medication_rows}
                    <button type="button" class="button" on:click=move |_| edit(Box::new(|a| a.medications.push(Medication::default())))>
                        {m.assessment.add_medication}
                    </button>
                </fieldset>
                {sections}
                // A live region that is always there, so what completing still needs is announced when it appears.
                <div role="alert">
                    <ul class="form-summary">
                        {move || problems.with(|ps| ps.iter().map(|p| view! { <li>{problem_text(p)}</li> }).collect_view())}
                    </ul>
                </div>
                <div class="actions">
                    <button type="button" class="button button-primary" on:click=complete>
                        {move || if assessment.with(|a| a.status == AssessmentStatus::Complete) { m.assessment.assessment_completed } else { m.assessment.assessment_complete_button }}
                    </button>
                </div>
            </fieldset>
            </form>
        </section>
    }
}

/// One text field of a list row: its label, how to read it and how to write it.
type RowField<R> = (&'static str, fn(&R) -> &String, fn(&mut R, String));

/// The editable rows of one list of the assessment (conditions or medications): a labelled input per field and a
/// remove button per row; every change goes through `edit`. The first field's label names the row.
fn list_rows<R: 'static>(
    assessment: RwSignal<Assessment>,
    edit: impl Fn(Box<dyn FnOnce(&mut Assessment)>) + Copy + 'static,
    list: fn(&Assessment) -> &Vec<R>,
    list_mut: fn(&mut Assessment) -> &mut Vec<R>,
    fields: Arc<[RowField<R>]>,
) -> impl Fn() -> AnyView {
    let m = t();
    move || {
        let rows = assessment.with(|a| list(a).len());
        (0..rows)
            .map(|i| {
                let inputs = fields
                    .iter()
                    .map(|&(label, get, set)| {
                        view! {
                            <label class="cell">
                                <span>{label} " " {i + 1}</span>
                                <input type="text" autocomplete="off"
                                    prop:value=move || assessment.with(|a| list(a).get(i).map(|r| get(r).clone()).unwrap_or_default())
                                    on:input=move |ev| {
                                        let v = crate::ui::form::typed_text(&ev);
                                        edit(Box::new(move |a| if let Some(r) = list_mut(a).get_mut(i) { set(r, v) }))
                                    } />
                            </label>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="row-group">
                        {inputs}
                        <button type="button" class="button button-small" aria-label=(m.assessment.remove_row_label)(fields[0].0, i + 1)
                            on:click=move |_| edit(Box::new(move |a| { if i < list(a).len() { list_mut(a).remove(i); } }))>
                            {m.assessment.remove_row}
                        </button>
                    </div>
                }
            })
            .collect_view()
            .into_any()
    }
}
