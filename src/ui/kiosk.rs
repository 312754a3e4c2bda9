//! Kiosk mode, a device preference (kept with `gloo-storage`, never case data): on a shared tablet, every page
//! offers "End session and wipe this device", which after confirmation deletes this device's database and its
//! preferences and starts the app again from nothing. The app's own cached files, which hold no data, stay.

use crate::ui::t;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

/// Where the setting is kept on the device.
const KEY: &str = "care-planner.kiosk";

/// Whether this device is a shared kiosk.
#[derive(Clone, Copy)]
pub(crate) struct Kiosk(RwSignal<bool>);

impl Kiosk {
    /// The stored setting (off on a device that never set it), provided to the app.
    pub(crate) fn provide() -> Kiosk {
        let kiosk = Kiosk(RwSignal::new(
            LocalStorage::get::<bool>(KEY).unwrap_or(false),
        ));
        provide_context(kiosk);
        kiosk
    }

    pub(crate) fn get(self) -> bool {
        self.0.get()
    }

    pub(crate) fn set(self, on: bool) {
        // A device that refuses local storage (some private modes) keeps the setting for this visit.
        let _ = LocalStorage::set(KEY, on);
        self.0.set(on);
    }
}

/// In kiosk mode, on every page: the wipe action, its confirmation, and what became of it.
#[component]
pub(crate) fn WipeBar() -> impl IntoView {
    let kiosk = expect_context::<Kiosk>();
    let m = t();
    let confirming = RwSignal::new(false);
    let wiping = RwSignal::new(false);
    let failed = RwSignal::new(false);
    // The connection, by its shared handle (Copy, so the wipe can be offered again after a failure).
    let db = expect_context::<crate::ui::Db>();
    let wipe = move |_| {
        if wiping.get_untracked() {
            return;
        }
        wiping.set(true);
        failed.set(false);
        let storage = db.0.get_value();
        leptos::task::spawn_local(async move {
            match crate::storage::delete_database(&storage).await {
                Ok(()) => {
                    LocalStorage::clear();
                    // A fresh start: nothing of the session stays in memory, and the back button has no page to
                    // return to.
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().replace("/");
                    }
                }
                Err(_) => {
                    wiping.set(false);
                    failed.set(true);
                }
            }
        });
    };
    let focus = |selector: &'static str| {
        request_animation_frame(move || {
            if let Some(e) = document()
                .query_selector(selector)
                .ok()
                .flatten()
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
            {
                let _ = e.focus();
            }
        })
    };
    view! {
        <Show when=move || kiosk.get()>
            <div class="kiosk-bar">
                <Show
                    when=move || confirming.get()
                    fallback=move || view! {
                        <button type="button" id="wipe-device" class="button button-danger"
                            on:click=move |_| { confirming.set(true); focus("#confirm-wipe"); }>
                            {m.device.wipe}
                        </button>
                    }
                >
                    <div class="confirm" role="alertdialog" aria-labelledby="wipe-question">
                        <p id="wipe-question">{m.device.wipe_question}</p>
                        <button type="button" id="confirm-wipe" class="button button-danger"
                            prop:disabled=move || wiping.get() on:click=wipe>
                            {move || if wiping.get() { m.device.wiping } else { m.device.wipe_now }}
                        </button>
                        <button type="button" class="button"
                            on:click=move |_| { confirming.set(false); failed.set(false); focus("#wipe-device"); }>
                            {m.common.cancel}
                        </button>
                    </div>
                </Show>
                <Show when=move || failed.get()>
                    <p class="form-summary" role="alert">{m.device.wipe_failed}</p>
                </Show>
            </div>
        </Show>
    }
}
