//! The follow-up page: when the case's next contact is due (by the cadence of its tier and model, from the last
//! contact), the form to log a contact, and the contact log, latest first.

use crate::domain::case::CaseStatus;
use crate::domain::contact::{next_contact_due, ContactDraft, ContactMode};
use crate::domain::ids::Id;
use crate::domain::plan::contact_cadence_days;
use crate::domain::validation::{Field, FollowUpField};
use crate::storage::FollowUpFile;
use crate::ui::form::{bind, FormState, RadioField, TextArea};
use crate::ui::form::{input, Input};
use crate::ui::pages::actions::{load_acting, Refresh};
use crate::ui::pages::plan::FormActions;
use crate::ui::pages::{loaded, CaseTabs, Section, UnreadableNotice};
use crate::ui::{date, t, today, use_db};
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
    let refresh = expect_context::<Refresh>();
    Effect::new(move |_| {
        if refresh.1.get_untracked() {
            refresh.1.set(false);
            crate::ui::form::focus("#follow-up-heading");
        }
    });
    let FollowUpFile {
        case,
        client_name,
        contacts,
        unreadable,
    } = file;
    let open = case.status == CaseStatus::Open;
    let due = next_contact_due(&case);
    let counted = match case.last_contact {
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
            {open.then(|| view! { <ContactForm case_id=case.id /> })}
            {log}
        </section>
    }
}

#[component]
fn ContactForm(case_id: Id) -> impl IntoView {
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
        let checked = draft.with_untracked(|d| d.validate(id, case_id, now(), chrono::Utc::now()));
        if let Some(contact) = state.accept(checked) {
            let storage = use_db();
            let refresh = expect_context::<Refresh>();
            state.save(
                async move { storage.log_contact(contact).await },
                move |_| refresh.run(),
            );
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
                <TextArea field=f(FollowUpField::ContactSummary) value=summary on_input=set_summary errors=errors required=true />
                <FormActions state=state submit=m.follow_up.save_contact />
            </form>
        </details>
    }
}
