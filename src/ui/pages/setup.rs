//! The first start: the first user's name and the workspace passphrase (its strength shown as it is typed; weak
//! ones refused), then the recovery key, shown once, printable, with what losing both would mean.

use crate::domain::security::{assess, SetupDraft, Strength};
use crate::domain::validation::{Field, SecurityField};
use crate::ui::form::{bind, input, FormErrorSummary, FormState, Input};
use crate::ui::pages::FailureNotice;
use crate::ui::session::Session;
use crate::ui::{t, use_db};
use leptos::prelude::*;

#[component]
pub(crate) fn SetupPage(
    /// The device holds records from before encryption (they are sealed after setup).
    existing: bool,
) -> impl IntoView {
    let m = t();
    let recovery = RwSignal::new(None::<String>);
    move || match recovery.get() {
        Some(key) => view! { <RecoveryKey key=key existing=existing /> }.into_any(),
        None => view! {
            <section class="page gate" aria-labelledby="setup-heading">
                <h1 id="setup-heading">{m.lock.setup_heading}</h1>
                <p>{m.lock.setup_intro}</p>
                {existing.then(|| view! { <p class="hint">{m.lock.setup_existing}</p> })}
                <SetupForm recovery=recovery />
                <RestoreChoice />
                <crate::ui::demo::TryDemo />
            </section>
        }
        .into_any(),
    }
}

/// "Restore from a backup instead": a new device whose workspace is in a backup file.
#[component]
fn RestoreChoice() -> impl IntoView {
    let m = t();
    let open = RwSignal::new(false);
    move || {
        if open.get() {
            view! { <crate::ui::backup::RestoreForm /> }.into_any()
        } else {
            view! {
                <p>
                    <button type="button" class="button" id="restore-open"
                        on:click=move |_| { open.set(true); request_animation_frame(|| crate::ui::form::focus("#restore-heading")); }>
                        {m.backup.restore_open}
                    </button>
                </p>
            }
            .into_any()
        }
    }
}

#[component]
fn SetupForm(recovery: RwSignal<Option<String>>) -> impl IntoView {
    let m = t();
    let draft = RwSignal::new(SetupDraft::default());
    let state = FormState::new();
    let errors = state.errors;
    let (name, set_name) = bind!(draft.name);
    let (passphrase, set_passphrase) = bind!(draft.passphrase);
    let (again, set_again) = bind!(draft.again);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let storage = use_db();
        if let Some((name, passphrase)) = state.accept(draft.with_untracked(SetupDraft::validate)) {
            state.save(
                async move { storage.set_up(&name, &passphrase).await },
                move |key| recovery.set(Some(key)),
            );
        }
    };
    let saving = state.saving;
    view! {
        <form class="form" novalidate autocomplete="off" on:submit=submit aria-labelledby="setup-heading">
            {input(Input::text(Field::Security(SecurityField::UserName)).required(), (name, set_name), errors)}
            {input(Input::secret(Field::Security(SecurityField::Passphrase)).required(), (passphrase, set_passphrase), errors)}
            <p class="hint">{m.lock.passphrase_hint}</p>
            <StrengthMeter passphrase=passphrase />
            {input(Input::secret(Field::Security(SecurityField::PassphraseAgain)).required(), (again, set_again), errors)}
            <FormErrorSummary errors=errors />
            <FailureNotice failure=state.failure />
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || saving.get()>
                    {move || if saving.get() { m.lock.setting_up } else { m.lock.set_up }}
                </button>
            </div>
        </form>
    }
}

/// The strength of the passphrase being typed, and its length.
#[component]
pub(crate) fn StrengthMeter(#[prop(into)] passphrase: Signal<String>) -> impl IntoView {
    move || {
        let text = passphrase.get();
        (!text.is_empty()).then(|| {
            let a = assess(&text);
            let class = match a.strength {
                Strength::Weak => "strength strength-weak",
                Strength::Fair => "strength",
                Strength::Strong => "strength strength-strong",
            };
            view! { <p class=class data-testid="strength">{(t().lock.strength)(a.strength, a.chars)}</p> }
        })
    }
}

/// The recovery key, shown once.
#[component]
fn RecoveryKey(key: String, existing: bool) -> impl IntoView {
    let m = t();
    let session = expect_context::<Session>();
    let stored = RwSignal::new(false);
    request_animation_frame(|| crate::ui::form::focus("#recovery-heading"));
    view! {
        <section class="page gate" aria-labelledby="recovery-heading">
            <h1 id="recovery-heading" tabindex="-1">{m.lock.recovery_heading}</h1>
            <p>{m.lock.recovery_intro}</p>
            <p class="recovery-key" data-testid="recovery-key">{key}</p>
            <p class="form-summary">{m.lock.recovery_warning}</p>
            <div class="actions">
                <button type="button" class="button no-print" on:click=|_| {
                    if let Some(window) = web_sys::window() {
                        let _ = window.print();
                    }
                }>{m.lock.print}</button>
            </div>
            <div class="setting no-print">
                <label>
                    <input type="checkbox" id="recovery-stored"
                        prop:checked=move || stored.get()
                        on:change=move |ev| stored.set(event_target_checked(&ev)) />
                    " " {m.lock.recovery_stored}
                </label>
            </div>
            <div class="actions no-print">
                <button type="button" class="button button-primary" id="recovery-continue"
                    aria-disabled=move || (!stored.get()).to_string()
                    on:click=move |_| if stored.get_untracked() { session.opened(existing) }>
                    {m.lock.go_on}
                </button>
            </div>
        </section>
    }
}
