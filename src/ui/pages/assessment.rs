//! The holistic assessment of a case. Every change is written as a draft at once, so nothing is lost on reload;
//! completing it checks that its essentials are there, and a later edit makes it a draft again. Each save names
//! the revision it was made from: if another tab or window saved the assessment meanwhile, nothing is written and
//! the page shows the parts that differ for the user to choose, part by part.

use crate::domain::assessment::{
    Assessment, AssessmentStatus, Condition, Incomplete, Medication, Section,
};
use crate::domain::ids::Id;
use crate::domain::merge::{
    assessment_differences, merge_assessment, Changed, Part, PartDifference,
};
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
        let stored = file
            .assessment
            .unwrap_or_else(|| Assessment::new(id, Utc::now()));
        // A kept draft comes back with what it was typed over, so its save is checked against that.
        let (assessment, from) =
            kept.unwrap_or_else(|| (stored.clone(), (stored, file.assessment_rev)));
        let closed = file.case.accepts_changes().is_err();
        Ok((
            assessment,
            file.client.details.full_name,
            closed,
            unsaved,
            from,
        ))
    });
    loaded(
        loaded_data,
        |(assessment, client, closed, unsaved, from)| {
            view! { <AssessmentForm initial=assessment client=client closed=closed unsaved=unsaved from=from /> }
        },
    )
}

/// The newest snapshot waiting to be written, and whether a writer is running. Shared by the writer task, which
/// outlives the page if the user leaves mid-write.
#[derive(Default)]
struct SaveQueueState {
    latest: Option<Assessment>,
    running: bool,
    /// What the page's edits are made from: the stored assessment and its revision (after each save, what it
    /// wrote).
    base: Option<Assessment>,
    rev: u32,
    /// Saved elsewhere meanwhile: nothing more is sent until the user has chosen.
    held: bool,
    /// The revision came back with fields a lock kept: what they were typed over is not known.
    base_unknown: bool,
}

/// The stored assessment after a refused save, its revision, what differs, and the parts the user takes from it.
#[derive(Clone)]
struct Conflict {
    theirs: Assessment,
    rev: u32,
    differences: Vec<PartDifference>,
    take: RwSignal<Vec<usize>>,
}

type SaveQueue = std::rc::Rc<std::cell::RefCell<SaveQueueState>>;

/// What the queue's edits are made from (the stored assessment, or `fallback` before one is known, and its
/// revision).
fn from_of(queue: &SaveQueue, fallback: &Assessment) -> (Assessment, u32) {
    let q = queue.borrow();
    (q.base.clone().unwrap_or_else(|| fallback.clone()), q.rev)
}

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
    /// The stored assessment the page starts from, and its revision.
    from: (Assessment, u32),
) -> impl IntoView {
    let m = t();
    let case_id: Id = initial.case_id;
    let assessment = RwSignal::new(initial);
    let conflict = RwSignal::new(None::<Conflict>);
    let state = RwSignal::new(SaveState::Idle);
    let problems = RwSignal::new(Vec::<Incomplete>::new());
    let db = StoredValue::new_local(use_db());
    let queue = StoredValue::new_local(SaveQueue::default());
    {
        let q = queue.get_value();
        let mut q = q.borrow_mut();
        q.base = Some(from.0);
        q.rev = from.1;
    }
    let drafts = expect_context::<UnsavedDrafts>();

    // Queues the latest snapshot. One write runs at a time and always takes the newest snapshot, so a burst of
    // typing costs a few writes, the last one holds the last keystroke, and it still lands if the page is left.
    let save = move |snapshot: Assessment| {
        let queue = queue.get_value();
        let start = {
            let mut q = queue.borrow_mut();
            q.latest = Some(snapshot);
            !q.held && !std::mem::replace(&mut q.running, true)
        };
        if !start {
            // A write is under way and this edit waits behind it: not saved yet, and the page says so (never
            // "Saved at" over typing that has not reached the database).
            if !queue.borrow().held {
                state.set(SaveState::Pending);
            }
            return;
        }
        let storage = db.get_value();
        state.set(SaveState::Pending);
        drafts.writing(case_id, true);
        spawn_local(async move {
            loop {
                let (next, rev) = {
                    let mut q = queue.borrow_mut();
                    (if q.held { None } else { q.latest.take() }, q.rev)
                };
                let Some(snapshot) = next else { break };
                let mut saved = storage.save_assessment_from(&snapshot, Some(rev)).await;
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
                    drafts.keep(snapshot.clone(), error.clone(), from_of(&queue, &snapshot));
                    let _ = state.try_set(SaveState::Retrying);
                    crate::ui::sleep(wait).await;
                    saved = storage.save_assessment_from(&snapshot, Some(rev)).await;
                }
                match &saved {
                    Ok(written) => {
                        let mut q = queue.borrow_mut();
                        q.rev = *written;
                        q.base_unknown = false;
                        q.base = Some(snapshot.clone());
                        drafts.saved(case_id)
                    }
                    // Saved elsewhere: held, and what is stored now shown beside what was typed.
                    Err(StorageError::Stale) => {
                        let (base, mine) = {
                            let mut q = queue.borrow_mut();
                            q.held = true;
                            let mine = q.latest.get_or_insert(snapshot.clone()).clone();
                            (q.base.clone().unwrap_or_else(|| snapshot.clone()), mine)
                        };
                        // Kept as unsaved too: leaving the page asks first, and the banner leads back here.
                        drafts.keep(mine.clone(), StorageError::Stale, from_of(&queue, &base));
                        if let Ok((Some(theirs), rev)) = storage.assessment_at(case_id).await {
                            let mut differences = assessment_differences(&base, &mine, &theirs);
                            if differences.is_empty() {
                                // Saved elsewhere as it is here (this tab's earlier writer, which outlived its
                                // page, or the same words typed twice): nothing to choose; what is here is saved
                                // again as an edit of that revision (its status may differ).
                                let mut q = queue.borrow_mut();
                                q.held = false;
                                q.rev = rev;
                                q.base = Some(theirs);
                                q.base_unknown = false;
                                continue;
                            }
                            if queue.borrow().base_unknown {
                                for d in &mut differences {
                                    d.changed = Changed::Both;
                                }
                            }
                            let take = crate::ui::conflict::theirs_first(
                                differences.iter().map(|d| d.changed),
                            );
                            // Only while the page is there (the writer outlives it).
                            if !conflict.is_disposed() {
                                let _ = conflict.try_set(Some(Conflict {
                                    theirs,
                                    rev,
                                    differences,
                                    take: RwSignal::new(take),
                                }));
                                request_animation_frame(|| {
                                    crate::ui::form::focus("#conflict-heading")
                                });
                            }
                        }
                    }
                    Err(error) if queue.borrow().latest.is_none() => {
                        let from = from_of(&queue, &snapshot);
                        drafts.keep(snapshot, error.clone(), from)
                    }
                    Err(_) => {}
                }
                // The page may be gone by now: `try_set` then does nothing.
                let waiting = queue.borrow().latest.is_some();
                let _ = state.try_set(match saved {
                    Ok(_) if waiting => SaveState::Pending,
                    Ok(_) => SaveState::Saved(chrono::Local::now().time()),
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
    // The user's choice after a refused save: the merge becomes the page's assessment, saved as an edit of what is
    // stored now.
    let resolve = move || {
        let Some(c) = conflict.get_untracked() else {
            return;
        };
        let take: Vec<Part> = c
            .take
            .get_untracked()
            .into_iter()
            .filter_map(|i| c.differences.get(i).map(|d| d.part))
            .collect();
        let merged =
            assessment.with_untracked(|mine| merge_assessment(mine, &c.theirs, &take, Utc::now()));
        {
            let q = queue.get_value();
            let mut q = q.borrow_mut();
            q.held = false;
            q.base_unknown = false;
            q.rev = c.rev;
            q.base = Some(c.theirs.clone());
        }
        conflict.set(None);
        state.set(SaveState::Idle);
        assessment.set(merged.clone());
        save(merged);
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
            {move || conflict.get().map(|c| {
                let rows = c.differences.iter().map(|d| {
                    let part = d.part;
                    crate::ui::conflict::ConflictRow {
                        label: match part {
                            Part::Section(s) => m.section(s),
                            Part::Conditions => m.assessment.conditions_heading,
                            Part::Medications => m.assessment.medications_heading,
                        },
                        changed: d.changed,
                        mine: Signal::derive(move || assessment.with(|a| part_text(a, part))),
                        theirs: part_text(&c.theirs, part),
                    }
                }).collect();
                view! {
                    <crate::ui::conflict::ConflictPanel intro=m.conflict.assessment_intro rows=rows take=c.take
                        resolve=Callback::new(move |()| resolve()) />
                }
            })}
            <form class="form" novalidate on:submit=|ev| ev.prevent_default()>
                // The revision the page's edits are made from, as a field: what a lock keeps of the page and gives
                // back at the unlock includes it, so text typed before a lock is saved as an edit of that revision.
                <input type="hidden" id="assessment-rev" autocomplete="off" data-keep=""
                    prop:value=move || { state.track(); queue.get_value().borrow().rev.to_string() }
                    on:input=move |ev| {
                        if let Ok(rev) = event_target_value(&ev).parse::<u32>() {
                            let q = queue.get_value();
                            let mut q = q.borrow_mut();
                            q.rev = rev;
                            q.base_unknown = true;
                        }
                    } />
            // A closed case's assessment can be read, not changed.
            // While a conflict is shown the form is read-only: what is typed then could not be chosen.
            <fieldset class="plain" disabled=move || closed || conflict.with(Option::is_some)>
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

/// A list row's filled-in fields, as one text.
fn row_text(fields: &[&String]) -> String {
    let parts: Vec<String> = fields
        .iter()
        .map(|f| f.trim())
        .filter(|f| !f.is_empty())
        .map(str::to_string)
        .collect();
    (t().common.detail_parts)(&parts)
}

/// A part's content as the conflict table shows it: a section's text, or a list's names.
fn part_text(a: &Assessment, part: Part) -> String {
    let m = t();
    let text = match part {
        Part::Section(s) => a.text(s).trim().to_string(),
        Part::Conditions => (m.common.list)(
            &a.conditions
                .iter()
                .map(|c| row_text(&[&c.name, &c.since, &c.notes]))
                .collect::<Vec<_>>(),
        ),
        Part::Medications => (m.common.list)(
            &a.medications
                .iter()
                .map(|r| row_text(&[&r.name, &r.dose, &r.frequency, &r.prescriber]))
                .collect::<Vec<_>>(),
        ),
    };
    if text.is_empty() {
        m.conflict.empty.to_string()
    } else {
        text
    }
}
