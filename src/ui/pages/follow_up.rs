//! The follow-up page: when the case's next contact is due (by the cadence of its tier and model, from the last
//! contact), the form to log a contact, the contact log, latest first, and the signed progress notes (SOAP or DAP)
//! with their addenda.

use crate::domain::case::CaseStatus;
use crate::domain::contact::{next_contact_due, ContactDraft, ContactMode};
use crate::domain::ids::Id;
use crate::domain::note::{AddendumDraft, NoteBody, NoteDraft, NoteFormat, ProgressNote};
use crate::domain::plan::contact_cadence_days;
use crate::domain::validation::{Field, FollowUpField};
use crate::storage::FollowUpFile;
use crate::ui::form::{bind, FormState, RadioField};
use crate::ui::form::{input, textarea, Input};
use crate::ui::pages::actions::{load_acting, save_and_reread};
use crate::ui::pages::plan::{FormActions, SelectOwned};
use crate::ui::pages::Details;
use crate::ui::pages::{loaded, CaseTabs, Section, UnreadableNotice};
use crate::ui::{date, local_time, t, today, use_db};
use leptos::prelude::*;

#[component]
pub(crate) fn FollowUpPage(id: Id) -> impl IntoView {
    let file = load_acting(
        id,
        |storage, id| async move { storage.follow_up_file(id).await },
    );
    loaded(file, |file| view! { <FollowUpView file=file /> })
}

#[component]
fn FollowUpView(file: FollowUpFile) -> impl IntoView {
    let m = t();
    crate::ui::pages::actions::focus_heading_after_action("#follow-up-heading");
    let FollowUpFile {
        case,
        client_name,
        contacts,
        notes,
        staff,
        unreadable,
    } = file;
    let contact_options: Vec<(String, String)> = contacts
        .iter()
        .map(|c| {
            let line = (m.follow_up.contact_line)(
                &(m.common.date_time)(c.at),
                (m.follow_up.modes)(c.mode),
                c.minutes,
                &c.with_whom,
            );
            (c.id.to_string(), line)
        })
        .collect();
    let contact_times: Vec<(crate::domain::ids::Id, String)> = contacts
        .iter()
        .map(|c| (c.id, (m.common.date_time)(c.at)))
        .collect();
    let open = case.status == CaseStatus::Open;
    let due = next_contact_due(&case);
    let counted = match case.last_contact {
        _ if case.contact_by == Some(due) => m.follow_up.counted_from_transition.to_string(),
        Some(day) => (m.follow_up.counted_from_contact)(&date(day)),
        None => (m.follow_up.counted_from_opening)(&date(case.details.opened_on)),
    };
    let cadence = contact_cadence_days(case.tier(), case.details.model);
    let log = if contacts.is_empty() {
        view! { <p class="empty">{m.follow_up.no_contacts}</p> }.into_any()
    } else {
        view! {
            <ol class="contacts">
                {contacts.into_iter().map(|c| {
                    let line = (m.follow_up.contact_line)(
                        &(m.common.date_time)(c.at),
                        (m.follow_up.modes)(c.mode),
                        c.minutes,
                        &c.with_whom,
                    );
                    view! {
                        <li data-testid="contact">
                            <strong>{line}</strong>
                            <p class="prose">{c.summary}</p>
                        </li>
                    }
                }).collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <section class="page">
            <h1 id="follow-up-heading" tabindex="-1">{(m.follow_up.heading)(&client_name)}</h1>
            <CaseTabs case_id=case.id current=Section::FollowUp />
            <UnreadableNotice records=unreadable />
            {if open {
                let days = (due - today()).num_days();
                view! {
                    <p class="next-contact" class:overdue=days < 0 data-testid="next-contact">
                        <strong>{(m.follow_up.next_due)(&date(due), days)}</strong>
                        " " <span class="hint">{counted}</span>
                    </p>
                    <p>{(m.plan.cadence)(cadence, m.model(case.details.model))}</p>
                }
                .into_any()
            } else {
                view! { <p class="banner banner-warning">{m.common.case_closed_no_changes}</p> }.into_any()
            }}
            <h2>{m.follow_up.log_heading}</h2>
            {open.then(|| view! { <ContactForm case_id=case.id opened_on=case.details.opened_on /> })}
            {log}
            <h2>{m.follow_up.notes_heading}</h2>
            {open.then(|| view! { <NoteForm case_id=case.id contacts=contact_options /> })}
            <NoteList notes=notes contacts=contact_times open=open />
            {crate::ui::form::staff_names(staff)}
        </section>
    }
}

#[component]
fn ContactForm(case_id: Id, opened_on: chrono::NaiveDate) -> impl IntoView {
    let m = t();
    let now = || chrono::Local::now().naive_local();
    let draft = RwSignal::new(ContactDraft::new(now()));
    crate::ui::language::carry("contact-form", draft);
    let state = FormState::new();
    let errors = state.errors;
    let f = Field::FollowUp;
    let (on, set_on) = bind!(draft.date);
    let (time, set_time) = bind!(draft.time);
    let (mode, set_mode) = bind!(draft.mode);
    let (minutes, set_minutes) = bind!(draft.minutes);
    let (with_whom, set_with_whom) = bind!(draft.with_whom);
    let (summary, set_summary) = bind!(draft.summary);
    let modes: Vec<(&'static str, &'static str)> = ContactMode::ALL
        .iter()
        .map(|c| (c.code(), (m.follow_up.modes)(*c)))
        .collect();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = use_db().new_id();
        let checked =
            draft.with_untracked(|d| d.validate(id, case_id, opened_on, now(), chrono::Utc::now()));
        if let Some(contact) = state.accept(checked) {
            let storage = use_db();
            save_and_reread(state, async move { storage.log_contact(contact).await });
        }
    };
    view! {
        <details class="add-form" id="add-contact">
            <summary>{m.follow_up.add_contact}</summary>
            <form class="form" novalidate on:submit=submit autocomplete="off">
                {input(Input::date(f(FollowUpField::ContactDate)).required().max(today().to_string()), (on, set_on), errors)}
                {input(Input::of(f(FollowUpField::ContactTime), "time").required(), (time, set_time), errors)}
                <RadioField field=f(FollowUpField::ContactMode) options=modes value=mode on_change=set_mode errors=errors />
                {input(Input::of(f(FollowUpField::ContactMinutes), "number").required(), (minutes, set_minutes), errors)}
                {input(Input::text(f(FollowUpField::ContactWith)).required(), (with_whom, set_with_whom), errors)}
                {textarea(Input::text(f(FollowUpField::ContactSummary)).required(), (summary, set_summary), errors)}
                <FormActions state=state submit=m.follow_up.save_contact />
            </form>
        </details>
    }
}

#[component]
fn NoteForm(case_id: Id, contacts: Vec<(String, String)>) -> impl IntoView {
    let m = t();
    let draft = RwSignal::new(NoteDraft::default());
    crate::ui::language::carry("note-form", draft);
    let state = FormState::new();
    let errors = state.errors;
    let f = Field::FollowUp;
    let contact_ids: Vec<Id> = contacts
        .iter()
        .filter_map(|(id, _)| id.parse().ok())
        .collect();
    let (format, set_format) = bind!(draft.format);
    let (contact, set_contact) = bind!(draft.contact_id);
    let (subjective, set_subjective) = bind!(draft.subjective);
    let (objective, set_objective) = bind!(draft.objective);
    let (data, set_data) = bind!(draft.data);
    let (assessment, set_assessment) = bind!(draft.assessment);
    let (plan, set_plan) = bind!(draft.plan);
    let (author, set_author) = bind!(draft.author);
    let formats: Vec<(&'static str, &'static str)> = NoteFormat::ALL
        .iter()
        .map(|n| (n.code(), (m.follow_up.formats)(*n)))
        .collect();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = use_db().new_id();
        let checked =
            draft.with_untracked(|d| d.sign(id, case_id, &contact_ids, chrono::Utc::now()));
        if let Some(note) = state.accept(checked) {
            let storage = use_db();
            save_and_reread(state, async move { storage.sign_note(note).await });
        }
    };
    let sections = move || {
        match NoteFormat::from_code(&format.get()) {
        Some(NoteFormat::Soap) => view! {
            {textarea(Input::text(f(FollowUpField::NoteSubjective)).required(), (subjective, set_subjective), errors)}
            {textarea(Input::text(f(FollowUpField::NoteObjective)).required(), (objective, set_objective), errors)}
        }
        .into_any(),
        Some(NoteFormat::Dap) => view! {
            {textarea(Input::text(f(FollowUpField::NoteData)).required(), (data, set_data), errors)}
        }
        .into_any(),
        None => ().into_any(),
    }
    };
    view! {
        <details class="add-form" id="add-note">
            <summary>{m.follow_up.add_note}</summary>
            <form class="form" novalidate on:submit=submit autocomplete="off">
                <RadioField field=f(FollowUpField::NoteFormat) options=formats value=format on_change=set_format errors=errors />
                {(!contacts.is_empty()).then(|| view! {
                    <SelectOwned field=f(FollowUpField::NoteContact) options=contacts value=contact on_change=set_contact errors=errors required=false />
                })}
                {sections}
                {textarea(Input::text(f(FollowUpField::NoteAssessment)).required(), (assessment, set_assessment), errors)}
                {textarea(Input::text(f(FollowUpField::NotePlan)).required(), (plan, set_plan), errors)}
                {input(Input::text(f(FollowUpField::NoteAuthor)).required().suggest("staff-names"), (author, set_author), errors)}
                <p class="hint">{m.follow_up.sign_hint}</p>
                <FormActions state=state submit=m.follow_up.sign_note />
            </form>
        </details>
    }
}

/// The signed notes, latest first, each with its addenda; one addendum form at a time, under its note.
#[component]
fn NoteList(notes: Vec<ProgressNote>, contacts: Vec<(Id, String)>, open: bool) -> impl IntoView {
    let m = t();
    if notes.is_empty() {
        return view! { <p class="empty">{m.follow_up.no_notes}</p> }.into_any();
    }
    let adding = RwSignal::new(None::<Id>);
    let field = |f: FollowUpField| m.field(Field::FollowUp(f));
    view! {
        <ol class="notes">
            {notes.into_iter().map(|note| {
                let signed = (m.follow_up.signed_by)(&note.signed.by, &local_time(note.signed.at));
                let about = note
                    .contact_id
                    .and_then(|id| contacts.iter().find(|(c, _)| *c == id))
                    .map(|(_, when)| (m.follow_up.about_contact)(when));
                let rows = match note.body.clone() {
                    NoteBody::Soap { subjective, objective, assessment, plan } => vec![
                        (field(FollowUpField::NoteSubjective), subjective),
                        (field(FollowUpField::NoteObjective), objective),
                        (field(FollowUpField::NoteAssessment), assessment),
                        (field(FollowUpField::NotePlan), plan),
                    ],
                    NoteBody::Dap { data, assessment, plan } => vec![
                        (field(FollowUpField::NoteData), data),
                        (field(FollowUpField::NoteAssessment), assessment),
                        (field(FollowUpField::NotePlan), plan),
                    ],
                };
                let addenda = note.addenda.clone();
                let note_id = note.id;
                let case_id = note.case_id;
                let label = (m.follow_up.addendum_for)(&local_time(note.signed.at));
                view! {
                    <li class="note" data-testid="note">
                        <h3>{(m.follow_up.note_heading)(note.body.format(), &local_time(note.signed.at))}</h3>
                        <p class="hint">{signed}</p>
                        {about.map(|a| view! { <p class="hint">{a}</p> })}
                        <Details rows=rows />
                        {(!addenda.is_empty()).then(|| view! {
                            <ul class="addenda">
                                {addenda.into_iter().map(|a| view! {
                                    <li data-testid="addendum">
                                        <p class="prose">{a.text}</p>
                                        <p class="hint">{(m.follow_up.addendum_signed)(&a.signed.by, &local_time(a.signed.at))}</p>
                                    </li>
                                }).collect_view()}
                            </ul>
                        })}
                        {open.then(|| view! {
                            {move || if adding.get() == Some(note_id) {
                                view! { <AddendumForm case_id=case_id note_id=note_id label=label.clone() adding=adding /> }.into_any()
                            } else {
                                view! {
                                    <button type="button" class="button button-small" id=format!("add-addendum-{note_id}") on:click=move |_| adding.set(Some(note_id))>
                                        {m.follow_up.add_addendum}
                                    </button>
                                }.into_any()
                            }}
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}

#[component]
fn AddendumForm(
    case_id: Id,
    note_id: Id,
    label: String,
    adding: RwSignal<Option<Id>>,
) -> impl IntoView {
    let m = t();
    let draft = RwSignal::new(AddendumDraft::default());
    let state = FormState::new();
    let errors = state.errors;
    let (text, set_text) = bind!(draft.text);
    let (author, set_author) = bind!(draft.author);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(addendum) = state.accept(draft.with_untracked(|d| d.sign(chrono::Utc::now()))) {
            let storage = use_db();
            save_and_reread(state, async move {
                storage.add_addendum(case_id, note_id, addendum).await
            });
        }
    };
    request_animation_frame(|| crate::ui::form::focus("#field-addendumtext"));
    view! {
        <form class="form addendum-form" novalidate on:submit=submit autocomplete="off" aria-label=label>
            {textarea(Input::text(Field::FollowUp(FollowUpField::AddendumText)).required(), (text, set_text), errors)}
            {input(Input::text(Field::FollowUp(FollowUpField::AddendumAuthor)).required().suggest("staff-names"), (author, set_author), errors)}
            <FormActions state=state submit=m.follow_up.sign_addendum />
            <button type="button" class="button" on:click=move |_| {
                adding.set(None);
                // Back to the note's own button, which the form replaced.
                request_animation_frame(move || crate::ui::form::focus(&format!("#add-addendum-{note_id}")));
            }>{m.common.cancel}</button>
        </form>
    }
}
