//! The unlock screen: who is unlocking and their passphrase; wrong ones said plainly (and, after five in a row,
//! each further try waits longer); or, for a forgotten passphrase, the recovery key and a new passphrase.

use crate::domain::security::{RecoverDraft, UnlockDraft};
use crate::domain::validation::{Field, SecurityField};
use crate::storage::keyring::KeyringRecord;
use crate::storage::Unlock;
use crate::ui::form::{bind, input, select_owned, FormErrorSummary, FormState, Input};
use crate::ui::pages::{loaded, FailureNotice};
use crate::ui::session::Session;
use crate::ui::{t, use_db};
use leptos::prelude::*;

#[component]
pub(crate) fn UnlockPage() -> impl IntoView {
    let keyring = crate::ui::load(|| {
        let storage = use_db();
        async move { storage.keyring().await }
    });
    loaded(keyring, |keyring: Option<KeyringRecord>| {
        view! { <UnlockView users=keyring.map(|k| k.users.into_iter().map(|u| (u.id, u.name)).collect()).unwrap_or_default() /> }
    })
}

#[component]
fn UnlockView(users: Vec<(String, String)>) -> impl IntoView {
    let m = t();
    let recovering = RwSignal::new(false);
    // The outcome of the last try, said beside the form.
    let refused = RwSignal::new(None::<String>);
    let users = StoredValue::new(users);
    // Straight to the passphrase: the one thing to do here (a tablet shows its keyboard).
    request_animation_frame(|| crate::ui::form::focus("#field-security-passphrase"));
    view! {
        <section class="page gate" aria-labelledby="unlock-heading">
            <h1 id="unlock-heading" tabindex="-1">{m.lock.unlock_heading}</h1>
            <p>{m.lock.unlock_intro}</p>
            {move || if recovering.get() {
                view! { <RecoverForm users=users.get_value() refused=refused /> }.into_any()
            } else {
                view! { <UnlockForm users=users.get_value() refused=refused /> }.into_any()
            }}
            <button type="button" class="link-button" id="switch-unlock" on:click=move |_| {
                refused.set(None);
                recovering.update(|r| *r = !*r);
            }>
                {move || if recovering.get() { m.lock.back_to_passphrase } else { m.lock.forgot }}
            </button>
            {(!crate::ui::demo::active()).then(|| view! { <crate::ui::demo::TryDemo /> })}
        </section>
    }
}

/// What to do with an unlock's outcome: open the app, say why not, or wipe the device as its settings ask.
fn handle(outcome: Unlock, refused: RwSignal<Option<String>>, recovery: bool, session: Session) {
    let m = t();
    match outcome {
        Unlock::Unlocked { sealing } => {
            refused.set(None);
            session.opened(sealing);
        }
        Unlock::Refused {
            failures,
            wait_secs,
        } => refused.set(Some(if recovery {
            (m.lock.wrong_recovery)(failures, wait_secs)
        } else {
            (m.lock.wrong)(failures, wait_secs)
        })),
        Unlock::TooSoon { wait_secs } => refused.set(Some((m.lock.too_soon)(wait_secs))),
        Unlock::WipeDue => crate::ui::kiosk::wipe_after_failures(session.storage()),
    }
}

#[component]
fn RefusedNotice(refused: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        refused
            .get()
            .map(|text| view! { <p class="form-summary" role="alert" data-testid="unlock-refused">{text}</p> })
    }
}

#[component]
fn UnlockForm(users: Vec<(String, String)>, refused: RwSignal<Option<String>>) -> impl IntoView {
    let m = t();
    let session = expect_context::<Session>();
    let first = users.first().map(|(id, _)| id.clone()).unwrap_or_default();
    let draft = RwSignal::new(UnlockDraft {
        user: first,
        ..UnlockDraft::default()
    });
    let state = FormState::new();
    let errors = state.errors;
    let (user, set_user) = bind!(draft.user);
    let (passphrase, set_passphrase) = bind!(draft.passphrase);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let storage = use_db();
        if let Some((user, passphrase)) = state.accept(draft.with_untracked(UnlockDraft::validate))
        {
            state.save(
                async move { storage.unlock(&user, &passphrase).await },
                move |outcome| {
                    // The passphrase is not kept in the page after a try.
                    draft.update(|d| d.passphrase.clear());
                    let opened = matches!(outcome, Unlock::Unlocked { .. });
                    // Unlocked, the form stays disabled while the app opens (no second unlock meanwhile).
                    if !opened {
                        state.saving.set(false);
                    }
                    handle(outcome, refused, false, session);
                    if !opened {
                        crate::ui::form::focus("#field-security-passphrase");
                    }
                },
            );
        }
    };
    let saving = state.saving;
    view! {
        <form class="form" novalidate autocomplete="off" on:submit=submit aria-labelledby="unlock-heading">
            {select_user(users, (user, set_user), errors)}
            {input(Input::secret(Field::Security(SecurityField::Passphrase)).required(), (passphrase, set_passphrase), errors)}
            <RefusedNotice refused=refused />
            <FormErrorSummary errors=errors />
            <FailureNotice failure=state.failure />
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || saving.get()>
                    {move || if saving.get() { m.lock.unlocking } else { m.lock.unlock }}
                </button>
            </div>
        </form>
    }
}

/// The user select, from the keyring's users (ids and names are owned strings, unlike the other selects' codes).
fn select_user(
    users: Vec<(String, String)>,
    bound: (Signal<String>, Callback<String>),
    errors: crate::ui::form::ErrorsSignal,
) -> AnyView {
    select_owned(
        Input::text(Field::Security(SecurityField::User)).required(),
        users,
        bound,
        errors,
    )
}

#[component]
fn RecoverForm(users: Vec<(String, String)>, refused: RwSignal<Option<String>>) -> impl IntoView {
    let m = t();
    let session = expect_context::<Session>();
    let first = users.first().map(|(id, _)| id.clone()).unwrap_or_default();
    let draft = RwSignal::new(RecoverDraft {
        user: first,
        ..RecoverDraft::default()
    });
    let state = FormState::new();
    let errors = state.errors;
    let (user, set_user) = bind!(draft.user);
    let (key, set_key) = bind!(draft.key);
    let (passphrase, set_passphrase) = bind!(draft.passphrase);
    let (again, set_again) = bind!(draft.again);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let storage = use_db();
        if let Some((user, key, passphrase)) =
            state.accept(draft.with_untracked(RecoverDraft::validate))
        {
            state.save(
                async move { storage.recover(&user, &key, &passphrase).await },
                move |outcome| {
                    if !matches!(outcome, Unlock::Unlocked { .. }) {
                        state.saving.set(false);
                    }
                    handle(outcome, refused, true, session);
                },
            );
        }
    };
    let saving = state.saving;
    view! {
        <form class="form" novalidate autocomplete="off" on:submit=submit aria-labelledby="unlock-heading">
            {select_user(users, (user, set_user), errors)}
            {input(Input::secret(Field::Security(SecurityField::RecoveryKey)).required(), (key, set_key), errors)}
            <p class="hint">{m.lock.recovery_key_hint}</p>
            {input(Input::secret(Field::Security(SecurityField::NewPassphrase)).required(), (passphrase, set_passphrase), errors)}
            <crate::ui::pages::setup::StrengthMeter passphrase=passphrase />
            {input(Input::secret(Field::Security(SecurityField::NewPassphraseAgain)).required(), (again, set_again), errors)}
            <RefusedNotice refused=refused />
            <FormErrorSummary errors=errors />
            <FailureNotice failure=state.failure />
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || saving.get()>
                    {move || if saving.get() { m.lock.unlocking } else { m.lock.recover }}
                </button>
            </div>
        </form>
    }
}
