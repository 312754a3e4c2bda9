//! Demo mode: a separate workspace of fictional data (`domain::demo`) in its own database with its own keys,
//! opened from the first start without creating a real workspace, bannered on every page, resettable with one
//! click. The mode is this tab's own (session storage): another tab, or this one after "Leave the demo", opens
//! the real workspace, which never sees the demo's records.

use crate::storage::schema::{Version, DEMO_DB_NAME};
use crate::storage::{Storage, StorageError, StorageEvent, Unlock};
use crate::ui::t;
use gloo_storage::{SessionStorage, Storage as _};
use leptos::prelude::*;
use std::rc::Rc;

/// This tab is in demo mode while this key is in its session storage.
const KEY: &str = "care-planner.demo";
/// The demo workspace's only user and passphrase: its data is fictional, so the passphrase is shown on its
/// banner (it only matters if the demo locks). Its data key is its own, made when the demo is first opened.
const USER: &str = "Demo";
const PASSPHRASE: &str = "fictional caseload demo";

/// Whether this tab shows the demo workspace.
pub(crate) fn active() -> bool {
    SessionStorage::get::<bool>(KEY).unwrap_or(false)
}

/// Leaves demo mode without starting again (a wipe does that itself).
pub(crate) fn forget() {
    SessionStorage::delete(KEY);
}

/// Switches this tab into or out of demo mode and starts the app again there.
fn switch(demo: bool) {
    if demo {
        let _ = SessionStorage::set(KEY, true);
    } else {
        SessionStorage::delete(KEY);
    }
    crate::ui::kiosk::start_afresh();
}

/// Opens the demo workspace, unlocked: made and filled with the fictional caseload on its first opening. A demo
/// that no longer opens with its passphrase (changed on the users page, or waiting after wrong tries) is made
/// afresh: it holds nothing real.
pub(crate) async fn open(listener: Rc<dyn Fn(StorageEvent)>) -> Result<Storage, StorageError> {
    for _ in 0..2 {
        let storage = Storage::open_at(DEMO_DB_NAME, Version::CURRENT, listener.clone()).await?;
        match storage.keyring().await? {
            None => {
                storage.set_up(USER, PASSPHRASE).await?;
                let japanese = crate::i18n::current() == crate::i18n::Locale::Ja;
                storage.seed_demo(crate::ui::today(), japanese).await?;
                return Ok(storage);
            }
            Some(keyring) => {
                let user = keyring
                    .users
                    .first()
                    .map(|u| u.id.clone())
                    .unwrap_or_default();
                if matches!(
                    storage.unlock(&user, PASSPHRASE).await,
                    Ok(Unlock::Unlocked { .. })
                ) {
                    return Ok(storage);
                }
                crate::storage::delete_database(&storage, || {}).await?;
            }
        }
    }
    Err(StorageError::Locked)
}

/// The way in, on the first start.
#[component]
pub(crate) fn TryDemo() -> impl IntoView {
    let m = t();
    view! {
        <div class="demo-entry">
            <button type="button" class="button" id="try-demo" aria-describedby="try-demo-hint"
                on:click=move |_| switch(true)>{m.demo.try_demo}</button>
            <p class="hint" id="try-demo-hint">{m.demo.try_hint}</p>
        </div>
    }
}

/// On every page of the demo: that its data is fictional, its passphrase, reset and leave.
#[component]
pub(crate) fn DemoBanner() -> impl IntoView {
    let m = t();
    let resetting = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let db = expect_context::<crate::ui::Db>();
    let reset = move |_| {
        if resetting.get_untracked() {
            return;
        }
        resetting.set(true);
        let storage = db.0.get_value();
        leptos::task::spawn_local(async move {
            // Deleted, then made afresh by the start that follows (this tab stays in demo mode).
            if crate::storage::delete_database(&storage, || {})
                .await
                .is_ok()
            {
                crate::ui::kiosk::start_afresh();
            } else {
                let _ = resetting.try_set(false);
                let _ = failed.try_set(true);
            }
        });
    };
    view! {
        <div class="banner banner-demo" role="note" data-testid="demo-banner">
            <p><strong>{m.demo.banner}</strong> " " {(m.demo.passphrase)(PASSPHRASE)}</p>
            <button type="button" class="button" id="demo-reset" aria-disabled=move || resetting.get().to_string()
                on:click=reset>
                {move || if resetting.get() { m.demo.resetting } else { m.demo.reset }}
            </button>
            <button type="button" class="button" id="demo-leave" on:click=move |_| switch(false)>{m.demo.leave}</button>
            <p role="alert">{move || failed.get().then_some(m.demo.reset_failed)}</p>
        </div>
    }
}
