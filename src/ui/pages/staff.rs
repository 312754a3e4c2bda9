//! The staff page: everyone who manages cases or signs notes, with their role and specialty; add someone, or
//! change a name, role or specialty (cases and notes keep pointing to the same person by id).

use crate::domain::case::Specialty;
use crate::domain::ids::Id;
use crate::domain::staff::{StaffDraft, StaffMember};
use crate::domain::validation::Field;
use crate::storage::Partial;
use crate::ui::form::{bind, input, select, FormState, Input};
use crate::ui::pages::actions::{load_acting, running, save_and_reread};
use crate::ui::pages::plan::FormActions;
use crate::ui::pages::{loaded, UnreadableNotice};
use crate::ui::{t, use_db};
use leptos::prelude::*;

#[component]
pub(crate) fn StaffPage() -> impl IntoView {
    // The staff list has no record id of its own; `load_acting` reads it again after each save.
    let file = load_acting(Id::from_random_bytes([0; 16]), |storage, _| async move {
        storage.staff().await
    });
    loaded(file, |file| view! { <StaffView file=file /> })
}

#[component]
fn StaffView(file: Partial<Vec<StaffMember>>) -> impl IntoView {
    let m = t();
    crate::ui::pages::actions::focus_heading_after_action("#staff-heading");
    let Partial {
        value: staff,
        unreadable,
    } = file;
    let editing = RwSignal::new(None::<Id>);
    let everyone = staff.clone();
    let list = if staff.is_empty() {
        view! { <p class="empty">{m.staff.none}</p> }.into_any()
    } else {
        let everyone = staff.clone();
        view! {
            <ul class="staff">
                {staff.into_iter().map(|member| {
                    let id = member.id;
                    let everyone = everyone.clone();
                    let line = (m.staff.line)(
                        &member.role,
                        member.specialty.map(|s| m.specialty(s)).unwrap_or_default(),
                    );
                    view! {
                        <li data-testid="staff-member">
                            <strong>{member.name.clone()}</strong>
                            " " <span class="hint">{line}</span>
                            {move || if editing.get() == Some(id) {
                                view! { <StaffForm member=Some(member.clone()) staff=everyone.clone() editing=editing /> }.into_any()
                            } else {
                                view! {
                                    <button type="button" class="button button-small" id=format!("edit-staff-{id}")
                                        aria-label=(m.staff.edit_label)(&member.name) disabled=running()
                                        on:click=move |_| editing.set(Some(id))>{m.staff.edit}</button>
                                }
                                .into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="page">
            <h1 id="staff-heading" tabindex="-1">{m.staff.heading}</h1>
            <p class="hint">{m.staff.intro}</p>
            <UnreadableNotice records=unreadable />
            {list}
            // One form on the page at a time (its field ids are unique): the add form waits while a member is edited.
            {move || editing.get().is_none().then(|| view! {
                <details class="add-form" id="add-staff">
                    <summary>{m.staff.add}</summary>
                    <StaffForm member=None staff=everyone.clone() editing=editing />
                </details>
            })}
        </section>
    }
}

/// Adds a staff member (`member` none) or changes one.
#[component]
fn StaffForm(
    member: Option<StaffMember>,
    staff: Vec<StaffMember>,
    editing: RwSignal<Option<Id>>,
) -> impl IntoView {
    let m = t();
    let draft = RwSignal::new(member.as_ref().map(StaffDraft::of).unwrap_or_default());
    let state = FormState::new();
    let errors = state.errors;
    let (name, set_name) = bind!(draft.name);
    let (role, set_role) = bind!(draft.role);
    let (specialty, set_specialty) = bind!(draft.specialty);
    let specialties: Vec<(&'static str, &'static str)> = Specialty::ALL
        .iter()
        .map(|s| (s.code(), m.specialty(*s)))
        .collect();
    let editing_id = member.as_ref().map(|s| s.id);
    let created_at = member.as_ref().map(|s| s.created_at);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let storage = use_db();
        let id = editing_id.unwrap_or_else(|| storage.new_id());
        let now = chrono::Utc::now();
        let checked =
            draft.with_untracked(|d| d.validate(id, &staff, created_at.unwrap_or(now), now));
        if let Some(member) = state.accept(checked) {
            save_and_reread(state, async move { storage.save_staff(member).await });
        }
    };
    view! {
        <form class="form" novalidate on:submit=submit autocomplete="off" aria-label=if editing_id.is_some() { m.staff.edit } else { m.staff.add }>
            {input(Input::text(Field::StaffName).required(), (name, set_name), errors)}
            {input(Input::text(Field::StaffRole), (role, set_role), errors)}
            {select(Input::text(Field::StaffSpecialty), specialties, (specialty, set_specialty), errors)}
            <FormActions state=state submit=m.staff.save />
            {editing_id.map(|id| view! {
                <button type="button" class="button" on:click=move |_| {
                    editing.set(None);
                    request_animation_frame(move || crate::ui::form::focus(&format!("#edit-staff-{id}")));
                }>{m.common.cancel}</button>
            })}
        </form>
    }
}
