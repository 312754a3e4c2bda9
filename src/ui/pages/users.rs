//! The users page: who can unlock this device (remove one), add a user with their own passphrase, change your
//! passphrase, and the lock settings (auto-lock minutes, wipe after failed unlocks).

use crate::domain::ids::Id;
use crate::domain::security::{AddUserDraft, ChangeDraft, LockSettingsDraft};
use crate::domain::validation::{Field, SecurityField};
use crate::storage::keyring::KeyringRecord;
use crate::storage::Confirmed;
use crate::ui::form::{bind, input, FormErrorSummary, FormState, Input};
use crate::ui::pages::actions::load_acting;
use crate::ui::pages::setup::StrengthMeter;
use crate::ui::pages::{loaded, FailureNotice};
use crate::ui::session::Session;
use crate::ui::{t, use_db};
use leptos::prelude::*;

#[component]
pub(crate) fn UsersPage() -> impl IntoView {
    // The keyring has no record id; `load_acting` reads it again after each change.
    let keyring = load_acting(Id::from_random_bytes([0; 16]), |storage, _| async move {
        storage.keyring().await
    });
    // What the last change did: kept above the page, which is read again after each change.
    let said = RwSignal::new(None::<String>);
    loaded(keyring, move |keyring: Option<KeyringRecord>| {
        keyring.map(|keyring| view! { <UsersView keyring=keyring said=said /> })
    })
}

#[component]
fn UsersView(keyring: KeyringRecord, said: RwSignal<Option<String>>) -> impl IntoView {
    let m = t();
    crate::ui::pages::actions::focus_heading_after_action("#users-heading");
    let me = use_db()
        .actor()
        .map(|id| id.to_string())
        .unwrap_or_default();
    let names: Vec<String> = keyring.users.iter().map(|u| u.name.clone()).collect();
    let only_one = keyring.users.len() < 2;
    view! {
        <section class="page" aria-labelledby="users-heading">
            <h1 id="users-heading" tabindex="-1">{m.lock.users_heading}</h1>
            <p class="hint">{m.lock.users_intro}</p>
            {move || said.get().map(|text| view! { <p class="banner banner-info" role="status">{text}</p> })}
            <ul class="users">
                {keyring.users.iter().map(|user| {
                    let mine = user.staff_id == me;
                    view! {
                        <li data-testid="user">
                            <strong>{user.name.clone()}</strong>
                            {mine.then_some(m.lock.you)}
                            {(!mine && !only_one).then(|| view! {
                                <RemoveUser id=user.id.clone() name=user.name.clone() said=said />
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <h2>{m.lock.add_heading}</h2>
            <AddUserForm names=names said=said />
            <h2>{m.lock.change_heading}</h2>
            <ChangeForm said=said />
            <h2>{m.lock.settings_heading}</h2>
            <LockSettingsForm keyring=keyring said=said />
        </section>
    }
}

/// What a refused confirmation says (as a wrong unlock does: it counts with them).
fn refusal(outcome: Confirmed) -> String {
    let m = t();
    match outcome {
        Confirmed::TooSoon { wait_secs } => (m.lock.too_soon)(wait_secs),
        Confirmed::Wrong {
            failures,
            wait_secs,
        } => (m.lock.wrong)(failures, wait_secs),
        Confirmed::Yes => String::new(),
    }
}

#[component]
fn RemoveUser(id: String, name: String, said: RwSignal<Option<String>>) -> impl IntoView {
    let m = t();
    let refresh = expect_context::<crate::ui::pages::actions::Refresh>();
    let confirming = RwSignal::new(false);
    let failure = RwSignal::new(None);
    let button_id = format!("remove-user-{id}");
    let id = StoredValue::new(id);
    let name = StoredValue::new(name);
    let remove = move |_| {
        let storage = use_db();
        leptos::task::spawn_local(async move {
            match storage.remove_user(&id.get_value()).await {
                Ok(()) => {
                    said.set(Some((m.lock.removed)(&name.get_value())));
                    refresh.run();
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let cancel = move || {
        confirming.set(false);
        let selector = format!("#remove-user-{}", id.get_value());
        request_animation_frame(move || crate::ui::form::focus(&selector));
    };
    view! {
        <Show
            when=move || confirming.get()
            fallback=move || view! {
                <button type="button" class="button button-small" id=button_id.clone()
                    on:click=move |_| {
                        confirming.set(true);
                        request_animation_frame(|| crate::ui::form::focus("#cancel-remove-user"));
                    }>
                    {m.lock.remove}
                </button>
            }
        >
            <div class="confirm" role="alertdialog" aria-labelledby="remove-user-question"
                on:keydown=move |ev| if ev.key() == "Escape" { cancel() }>
                <p id="remove-user-question">{(m.lock.remove_question)(&name.get_value())}</p>
                <button type="button" class="button button-danger" id="confirm-remove-user" on:click=remove>
                    {m.lock.remove_now}
                </button>
                <button type="button" class="button" id="cancel-remove-user" on:click=move |_| cancel()>
                    {m.lock.cancel}
                </button>
            </div>
        </Show>
        <FailureNotice failure=failure />
    }
}

#[component]
fn AddUserForm(names: Vec<String>, said: RwSignal<Option<String>>) -> impl IntoView {
    let m = t();
    let refresh = expect_context::<crate::ui::pages::actions::Refresh>();
    let draft = RwSignal::new(AddUserDraft::default());
    let state = FormState::new();
    let errors = state.errors;
    // Why the last confirmation with your passphrase was refused.
    let refused = RwSignal::new(None::<String>);
    let (name, set_name) = bind!(draft.name);
    let (passphrase, set_passphrase) = bind!(draft.passphrase);
    let (again, set_again) = bind!(draft.again);
    let (mine, set_mine) = bind!(draft.mine);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        refused.set(None);
        let storage = use_db();
        if let Some((name, passphrase, mine)) =
            state.accept(draft.with_untracked(|d| d.validate(&names)))
        {
            let added = name.clone();
            state.save(
                async move { storage.add_user(&mine, &name, &passphrase).await },
                move |outcome| {
                    state.saving.set(false);
                    draft.update(|d| d.mine.clear());
                    if outcome == Confirmed::Yes {
                        said.set(Some((m.lock.added)(&added)));
                        refresh.run();
                    } else {
                        refused.set(Some(refusal(outcome)));
                        crate::ui::form::focus("#field-security-yourpassphrase");
                    }
                },
            );
        }
    };
    let saving = state.saving;
    view! {
        <form class="form" novalidate autocomplete="off" on:submit=submit aria-label=m.lock.add_heading>
            {input(Input::text(Field::Security(SecurityField::NewUserName)).required(), (name, set_name), errors)}
            {input(Input::secret(Field::Security(SecurityField::TheirPassphrase)).required(), (passphrase, set_passphrase), errors)}
            <StrengthMeter passphrase=passphrase />
            {input(Input::secret(Field::Security(SecurityField::TheirPassphraseAgain)).required(), (again, set_again), errors)}
            {input(Input::secret(Field::Security(SecurityField::YourPassphrase)).required(), (mine, set_mine), errors)}
            {move || refused.get().map(|text| view! { <p class="form-summary" role="alert">{text}</p> })}
            <FormErrorSummary errors=errors />
            <FailureNotice failure=state.failure />
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || saving.get()>
                    {move || if saving.get() { m.common.saving } else { m.lock.add }}
                </button>
            </div>
        </form>
    }
}

#[component]
fn ChangeForm(said: RwSignal<Option<String>>) -> impl IntoView {
    let m = t();
    let refresh = expect_context::<crate::ui::pages::actions::Refresh>();
    let draft = RwSignal::new(ChangeDraft::default());
    let state = FormState::new();
    let errors = state.errors;
    // Why the last confirmation with your passphrase was refused.
    let refused = RwSignal::new(None::<String>);
    let (current, set_current) = bind!(draft.current);
    let (passphrase, set_passphrase) = bind!(draft.passphrase);
    let (again, set_again) = bind!(draft.again);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        refused.set(None);
        let storage = use_db();
        if let Some((current, new)) = state.accept(draft.with_untracked(ChangeDraft::validate)) {
            state.save(
                async move { storage.change_passphrase(&current, &new).await },
                move |outcome| {
                    state.saving.set(false);
                    if outcome == Confirmed::Yes {
                        draft.set(ChangeDraft::default());
                        said.set(Some(m.lock.changed.to_string()));
                        refresh.run();
                    } else {
                        draft.update(|d| d.current.clear());
                        refused.set(Some(refusal(outcome)));
                        crate::ui::form::focus("#field-security-currentpassphrase");
                    }
                },
            );
        }
    };
    let saving = state.saving;
    view! {
        <form class="form" novalidate autocomplete="off" on:submit=submit aria-label=m.lock.change_heading>
            {input(Input::secret(Field::Security(SecurityField::CurrentPassphrase)).required(), (current, set_current), errors)}
            {input(Input::secret(Field::Security(SecurityField::NewPassphrase)).required(), (passphrase, set_passphrase), errors)}
            <StrengthMeter passphrase=passphrase />
            {input(Input::secret(Field::Security(SecurityField::NewPassphraseAgain)).required(), (again, set_again), errors)}
            {move || refused.get().map(|text| view! { <p class="form-summary" role="alert">{text}</p> })}
            <FormErrorSummary errors=errors />
            <FailureNotice failure=state.failure />
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || saving.get()>
                    {move || if saving.get() { m.common.saving } else { m.lock.change }}
                </button>
            </div>
        </form>
    }
}

#[component]
fn LockSettingsForm(keyring: KeyringRecord, said: RwSignal<Option<String>>) -> impl IntoView {
    let m = t();
    let refresh = expect_context::<crate::ui::pages::actions::Refresh>();
    let session = expect_context::<Session>();
    let draft = RwSignal::new(LockSettingsDraft::of(
        keyring.lock_minutes,
        keyring.wipe_after,
    ));
    let state = FormState::new();
    let errors = state.errors;
    let (minutes, set_minutes) = bind!(draft.minutes);
    let (wipe_after, set_wipe_after) = bind!(draft.wipe_after);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let storage = use_db();
        if let Some((minutes, wipe_after)) =
            state.accept(draft.with_untracked(LockSettingsDraft::validate))
        {
            state.save(
                async move { storage.set_lock_settings(minutes, wipe_after).await },
                move |keyring| {
                    state.saving.set(false);
                    session.set_lock_minutes(keyring.lock_minutes);
                    said.set(Some(m.lock.saved.to_string()));
                    refresh.run();
                },
            );
        }
    };
    let saving = state.saving;
    view! {
        <form class="form" novalidate autocomplete="off" on:submit=submit aria-label=m.lock.settings_heading>
            {input(Input::of(Field::Security(SecurityField::LockMinutes), "text").required(), (minutes, set_minutes), errors)}
            <p class="hint">{m.lock.lock_minutes_hint}</p>
            {input(Input::text(Field::Security(SecurityField::WipeAfter)), (wipe_after, set_wipe_after), errors)}
            <p class="hint">{m.lock.wipe_after_hint}</p>
            <FormErrorSummary errors=errors />
            <FailureNotice failure=state.failure />
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || saving.get()>
                    {move || if saving.get() { m.common.saving } else { m.lock.save }}
                </button>
            </div>
        </form>
    }
}
