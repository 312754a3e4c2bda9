//! Kiosk mode, a device setting (kept with `gloo-storage`, never case data): on a shared tablet, every page offers
//! "End session and wipe this device", which after confirmation deletes this device's database and its
//! preferences and starts the app again from nothing, saying so. The kiosk setting itself survives the wipe, so
//! the next person on the tablet has the same action. The app's own cached files, which hold no data, stay.

use crate::ui::t;
use gloo_storage::{LocalStorage, SessionStorage, Storage};
use leptos::prelude::*;
use std::cell::Cell;

/// Where the setting is kept on the device.
const KEY: &str = "care-planner.kiosk";
/// Set by a wipe, in this tab's session storage (another tab starting afresh at the same moment must not take it),
/// for the fresh start to say the device was wiped and why; then removed.
const WIPED: &str = "care-planner.wiped";

/// Why the device was wiped, as the fresh start says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum Wiped {
    /// "End session and wipe this device".
    ByHand,
    /// Too many wrong passphrases, as the device's settings asked.
    AfterFailures,
}

thread_local! {
    /// The page is being replaced after a wipe: leaving must not ask first.
    static LEAVING: Cell<bool> = const { Cell::new(false) };
}

/// Whether the page is being left for a fresh start after a wipe (the "leave this page?" question is not asked).
pub(crate) fn leaving() -> bool {
    LEAVING.with(Cell::get)
}

/// Replaces the page with a fresh start at `/`: nothing of the session stays in memory, and the back button does
/// not return to the page left.
pub(crate) fn start_afresh() {
    LEAVING.with(|l| l.set(true));
    if let Some(window) = web_sys::window() {
        let location = window.location();
        // `replace` to the app's own root cannot be refused in practice; if it were, a reload still clears the
        // page (keeping its address, whose record no longer exists).
        if location.replace("/").is_err() {
            let _ = location.reload();
        }
    }
}

/// Whether this device is a shared kiosk, whether it was just wiped, and whether the browser refused to keep the
/// setting (some private modes): then it holds for this visit only, and the device page says so.
#[derive(Clone, Copy)]
pub(crate) struct Kiosk {
    on: RwSignal<bool>,
    wiped: RwSignal<Option<Wiped>>,
    not_kept: RwSignal<bool>,
}

impl Kiosk {
    /// The stored setting (off on a device that never set it), provided to the app.
    pub(crate) fn provide() -> Kiosk {
        let wiped = SessionStorage::get::<Wiped>(WIPED).ok();
        if wiped.is_some() {
            SessionStorage::delete(WIPED);
        }
        let kiosk = Kiosk {
            on: RwSignal::new(LocalStorage::get::<bool>(KEY).unwrap_or(false)),
            wiped: RwSignal::new(wiped),
            not_kept: RwSignal::new(false),
        };
        provide_context(kiosk);
        kiosk
    }

    pub(crate) fn get(self) -> bool {
        self.on.get()
    }

    pub(crate) fn set(self, on: bool) {
        self.not_kept.set(LocalStorage::set(KEY, on).is_err());
        self.on.set(on);
    }

    /// Whether the last change of the setting could not be kept on the device.
    pub(crate) fn not_kept(self) -> bool {
        self.not_kept.get()
    }
}

/// In kiosk mode, on every page: the wipe action, its confirmation, and what became of it; after a wipe, that it
/// was done.
#[component]
pub(crate) fn WipeBar() -> impl IntoView {
    let kiosk = expect_context::<Kiosk>();
    let m = t();
    let confirming = RwSignal::new(false);
    let wiping = RwSignal::new(false);
    let blocked = RwSignal::new(false);
    let failed = RwSignal::new(false);
    // A backup being made first: the wipe waits for it.
    let backing_up = RwSignal::new(false);
    // The connection, by its shared handle (Copy, so the wipe can be offered again after a failure).
    let db = expect_context::<crate::ui::Db>();
    let wipe = move |_| {
        if wiping.get_untracked() || backing_up.get_untracked() {
            return;
        }
        wiping.set(true);
        failed.set(false);
        let storage = db.0.get_value();
        leptos::task::spawn_local(async move {
            if wipe(&storage, Wiped::ByHand, move || blocked.set(true))
                .await
                .is_err()
            {
                wiping.set(false);
                blocked.set(false);
                failed.set(true);
            }
        });
    };
    let cancel = move || {
        if wiping.get_untracked() {
            return;
        }
        confirming.set(false);
        failed.set(false);
        after_render("#wipe-device");
    };
    view! {
        <Show when=move || kiosk.get()>
            <div class="kiosk-bar">
                <Show
                    when=move || confirming.get()
                    fallback=move || view! {
                        <button type="button" id="wipe-device" class="button button-danger"
                            on:click=move |_| { confirming.set(true); after_render("#cancel-wipe"); }>
                            {m.device.wipe}
                        </button>
                    }
                >
                    // The least destructive choice has the focus; Escape cancels.
                    <div class="confirm" role="alertdialog" aria-labelledby="wipe-question"
                        on:keydown=move |ev| if ev.key() == "Escape" { cancel() }>
                        <p id="wipe-question">{m.device.wipe_question}</p>
                        // Not in the demo: its data is fictional, and a backup of it must never become a real workspace.
                        {(!crate::ui::demo::active()).then(|| view! {
                            <crate::ui::backup::BackupButton first=true busy=backing_up />
                        })}
                        <button type="button" id="confirm-wipe" class="button button-danger"
                            aria-disabled=move || (wiping.get() || backing_up.get()).to_string() on:click=wipe>
                            {move || if wiping.get() { m.device.wiping } else { m.device.wipe_now }}
                        </button>
                        <button type="button" id="cancel-wipe" class="button"
                            aria-disabled=move || wiping.get().to_string() on:click=move |_| cancel()>
                            {m.common.cancel}
                        </button>
                    </div>
                </Show>
                <Show when=move || blocked.get()>
                    <p class="hint" role="status">{m.device.wipe_blocked}</p>
                </Show>
                <Show when=move || failed.get()>
                    <p class="form-summary" role="alert">{m.device.wipe_failed}</p>
                </Show>
            </div>
        </Show>
    }
}

/// Moves the keyboard focus to `selector` once the view has been updated.
fn after_render(selector: &'static str) {
    request_animation_frame(move || crate::ui::form::focus(selector));
}

/// Deletes the database and the preferences and starts afresh, saying why; a kiosk stays a kiosk. On failure
/// (another tab holding the database and then refusing), nothing or not all was deleted.
async fn wipe(
    storage: &crate::storage::Storage,
    why: Wiped,
    blocked: impl Fn() + 'static,
) -> Result<(), crate::storage::StorageError> {
    let kiosk = LocalStorage::get::<bool>(KEY).unwrap_or(false);
    crate::storage::delete_database(storage, blocked).await?;
    // The whole device: the other workspace too (the demo's, from the real one, or the real one, from the demo),
    // and this tab leaves demo mode.
    let other = if crate::ui::demo::active() {
        crate::storage::schema::DB_NAME
    } else {
        crate::storage::schema::DEMO_DB_NAME
    };
    crate::storage::delete_database_named(other, || {}).await?;
    crate::ui::demo::forget();
    LocalStorage::clear();
    // Storage that accepted these a moment ago refusing them now would only cost the kiosk setting (the device
    // page shows it off) or the message; the records are gone either way, which is what was asked.
    if kiosk || why == Wiped::ByHand {
        let _ = LocalStorage::set(KEY, true);
    }
    let _ = SessionStorage::set(WIPED, why);
    start_afresh();
    Ok(())
}

/// Too many wrong passphrases and the device's setting says wipe: done at once, from the unlock screen.
pub(crate) fn wipe_after_failures(storage: crate::storage::Storage) {
    leptos::task::spawn_local(async move {
        if let Err(e) = wipe(&storage, Wiped::AfterFailures, || {}).await {
            web_sys::console::error_1(&format!("the wipe after failed unlocks failed: {e}").into());
        }
    });
}

/// After a wipe, on the fresh start: that it was done, and why.
#[component]
pub(crate) fn WipedNotice() -> impl IntoView {
    let kiosk = expect_context::<Kiosk>();
    move || {
        let m = t();
        kiosk.wiped.get().map(|why| {
            let text = match why {
                Wiped::ByHand => m.device.wiped,
                Wiped::AfterFailures => m.lock.wiped_after_failures,
            };
            view! {
                <div class="kiosk-bar" role="status">
                    <p>{text}</p>
                    <button type="button" class="button" on:click=move |_| kiosk.wiped.set(None)>{m.device.dismiss}</button>
                </div>
            }
        })
    }
}
