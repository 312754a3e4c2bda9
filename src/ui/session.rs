//! The lock: which screen stands before the records (first start, unlock, sealing, or the app), locking by hand
//! and after inactivity, and what a lock keeps of the page for the user who locked (where they were and what they
//! had typed, sealed in the database while locked).

use crate::domain::security::LockDraft;
use crate::storage::Storage;
use crate::ui::t;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

/// What stands before the records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Gate {
    /// No passphrase yet: the first start.
    Setup,
    /// Encrypted and locked: the unlock screen.
    Locked,
    /// Unlocked, sealing the records of before encryption.
    Sealing,
    /// Unlocked: the app.
    Open,
}

/// A message shown once above the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Notice {
    AutoLocked(u32),
    DraftsBack,
    SealingPostponed,
    /// A backup was restored (how many records): shown on the unlock screen that follows.
    Restored(u64),
}

/// The lock's state, shared by the shell, the unlock and setup screens, the lock button and the users page.
#[derive(Clone, Copy)]
pub(crate) struct Session {
    pub(crate) gate: RwSignal<Gate>,
    pub(crate) notice: RwSignal<Option<Notice>>,
    /// Records sealed so far, of how many, while sealing.
    pub(crate) progress: RwSignal<(usize, usize)>,
    /// Where the app opens after this unlock: the page the same user locked on (also after a reload or the back
    /// button while locked; the unlock that gives it back removes it).
    return_to: RwSignal<Option<String>>,
    lock_minutes: RwSignal<u32>,
    storage: StoredValue<Storage, LocalStorage>,
    /// When the user last touched, typed or scrolled (milliseconds since the epoch, by the page's clock).
    last_activity: StoredValue<f64>,
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The local storage key a lock writes its time to, so the app's other tabs lock too.
const LOCKED_KEY: &str = "care-planner.locked";

/// How often inactivity is checked.
const CHECK_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

impl Session {
    /// The session of the opened `storage`, starting at `gate`, provided to the app; watches for inactivity.
    pub(crate) fn provide(storage: StoredValue<Storage, LocalStorage>, gate: Gate) -> Session {
        let session = Session {
            gate: RwSignal::new(gate),
            notice: RwSignal::new(None),
            progress: RwSignal::new((0, 0)),
            return_to: RwSignal::new(None),
            lock_minutes: RwSignal::new(crate::domain::security::DEFAULT_LOCK_MINUTES),
            storage,
            last_activity: StoredValue::new(now_ms()),
        };
        provide_context(session);
        // Kept for the app's lifetime.
        for event in ["pointerdown", "keydown", "wheel", "touchstart", "input"] {
            let closure = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                session.last_activity.set_value(now_ms());
            });
            if let Some(window) = web_sys::window() {
                let _ = window.add_event_listener_with_callback_and_bool(
                    event,
                    closure.as_ref().unchecked_ref(),
                    true,
                );
            }
            closure.forget();
        }
        // A lock in another tab of the app locks this one too (it writes the time of the lock to local storage,
        // whose change every other tab of this origin is told of; no data is in it).
        let closure = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(
            move |e: web_sys::Event| {
                let key = js_sys::Reflect::get(&e, &"key".into())
                    .ok()
                    .and_then(|k| k.as_string());
                if key.as_deref() == Some(LOCKED_KEY) && session.gate.get_untracked() == Gate::Open
                {
                    session.lock(false);
                }
            },
        );
        if let Some(window) = web_sys::window() {
            let _ = window
                .add_event_listener_with_callback("storage", closure.as_ref().unchecked_ref());
        }
        closure.forget();
        // A write in flight is let finish first: it was sealed with the keys, and locking under it would make it
        // fail for no reason.
        let _ = set_interval_with_handle(
            move || {
                let idle = now_ms() - session.last_activity.get_value();
                let limit = f64::from(session.lock_minutes.get_untracked()) * 60_000.0;
                if session.gate.get_untracked() == Gate::Open
                    && idle >= limit
                    && !session.storage.with_value(Storage::busy)
                {
                    session.lock(true);
                }
            },
            CHECK_EVERY,
        );
        session
    }

    /// Locks: the keys are forgotten, the app's pages (every record on screen) are removed, and where the user
    /// was and what they had typed is sealed and kept for them.
    pub(crate) fn lock(self, auto: bool) {
        let storage = self.storage.get_value();
        let codec = storage.codec_now();
        let actor = storage.actor();
        let draft = actor.map(|user| LockDraft {
            user: user.to_string(),
            path: current_path(),
            fields: form_fields(),
        });
        storage.lock();
        self.gate.set(Gate::Locked);
        // Every other tab of the app locks too. Only a convenience could be lost if the browser refused: each tab
        // still locks by itself after the minutes without input.
        use gloo_storage::Storage as _;
        let _ = gloo_storage::LocalStorage::set(LOCKED_KEY, now_ms());
        // Forms removed by the lock hand what they held to the language switch's store: dropped, so nothing typed
        // stays in the page while locked or reaches whoever unlocks next.
        request_animation_frame(crate::ui::language::forget_carried);
        self.notice
            .set(auto.then(|| Notice::AutoLocked(self.lock_minutes.get_untracked())));
        if let Some(draft) = draft {
            leptos::task::spawn_local(async move {
                // Only a convenience is lost if this fails: the user unlocks at the start page, forms empty.
                if let Err(e) = storage.save_lock_draft(&codec, &draft).await {
                    web_sys::console::warn_1(&format!("the page was not kept at lock: {e}").into());
                }
                drop(codec);
            });
        }
    }

    /// Where the app opens after this unlock, once (the page the same user locked on).
    pub(crate) fn take_return(self) -> Option<String> {
        let path = self.return_to.get_untracked();
        self.return_to.set(None);
        path
    }

    /// The database connection.
    pub(crate) fn storage(self) -> Storage {
        self.storage.get_value()
    }

    /// Sets the minutes of inactivity after which the app locks.
    pub(crate) fn set_lock_minutes(self, minutes: u32) {
        self.lock_minutes.set(minutes);
    }

    /// After an unlock (or the first setup): seals the records of before encryption if `sealing`, runs what waits
    /// for the keys (data migrations, the time-based rules), returns to where this user locked with what they
    /// had typed, and opens the app.
    pub(crate) fn opened(self, sealing: bool) {
        self.notice.set(None);
        leptos::task::spawn_local(async move {
            let storage = self.storage.get_value();
            if sealing {
                self.gate.set(Gate::Sealing);
                let progress = self.progress;
                let sealed = storage
                    .seal_existing(&move |done, total| progress.set((done, total)), None)
                    .await;
                if !matches!(sealed, Ok(true)) {
                    self.notice.set(Some(Notice::SealingPostponed));
                }
            }
            storage.migrate_data().await;
            crate::ui::app::run_rules(&storage).await;
            if let Ok(Some(keyring)) = storage.keyring().await {
                let range = crate::domain::security::LOCK_MINUTES;
                self.lock_minutes
                    .set(keyring.lock_minutes.clamp(*range.start(), *range.end()));
            }
            crate::ui::language::forget_carried();
            let draft = storage
                .take_lock_draft()
                .await
                .ok()
                .flatten()
                // Only this app's own addresses.
                .filter(|d| d.path.starts_with('/') && !d.path.starts_with("//"));
            if let Some(draft) = &draft {
                self.return_to.set(Some(draft.path.clone()));
            }
            self.last_activity.set_value(now_ms());
            self.gate.set(Gate::Open);
            if let Some(draft) = draft.filter(|d| !d.fields.is_empty()) {
                restore(draft.fields, self.notice);
            }
        });
    }
}

fn current_path() -> String {
    web_sys::window()
        .map(|w| {
            let l = w.location();
            format!(
                "{}{}",
                l.pathname().unwrap_or_default(),
                l.search().unwrap_or_default()
            )
        })
        .unwrap_or_else(|| "/".into())
}

fn get(element: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(element, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Every form field of the page with an id and its value (a tick box's or radio button's as `true`/`false`);
/// passphrase fields never; hidden fields only when marked `data-keep` (the revision a form edits, which must come
/// back with what was typed over it, and before it: they come first in their form).
fn form_fields() -> Vec<(String, String)> {
    let Some(list) = web_sys::window().and_then(|w| w.document()).and_then(|d| {
        d.query_selector_all("main :is(input, textarea, select)[id]:not(.secret)")
            .ok()
    }) else {
        return Vec::new();
    };
    let mut fields = Vec::new();
    for i in 0..list.length() {
        let Some(node) = list.item(i) else { continue };
        let element: JsValue = node.into();
        let id = get(&element, "id").as_string().unwrap_or_default();
        let kind = get(&element, "type").as_string().unwrap_or_default();
        let value = match kind.as_str() {
            "checkbox" | "radio" => get(&element, "checked")
                .as_bool()
                .unwrap_or(false)
                .to_string(),
            "hidden"
                if get(&element, "dataset").is_object()
                    && js_sys::Reflect::has(&get(&element, "dataset"), &"keep".into())
                        .unwrap_or(false) =>
            {
                get(&element, "value").as_string().unwrap_or_default()
            }
            "button" | "submit" | "hidden" | "file" => continue,
            _ => get(&element, "value").as_string().unwrap_or_default(),
        };
        fields.push((id, value));
    }
    fields
}

/// Fires `name` on `element` as the user's own input would (bubbling, so the page's handlers see it).
fn fire(element: &JsValue, name: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let (Ok(event), Some(target)) = (
        web_sys::Event::new_with_event_init_dict(name, &init),
        element.dyn_ref::<web_sys::EventTarget>(),
    ) {
        let _ = target.dispatch_event(&event);
    }
}

/// How many animation frames the fields kept at lock are looked for while the page loads (about 10 s).
const RESTORE_FRAMES: u32 = 600;

/// Puts back each kept field's value as its page draws it (pages load their records first), as if typed, so the
/// page's draft takes it; then says so.
fn restore(fields: Vec<(String, String)>, notice: RwSignal<Option<Notice>>) {
    let pending = Rc::new(RefCell::new(fields));
    let changed = Rc::new(RefCell::new(false));
    fn step(
        pending: Rc<RefCell<Vec<(String, String)>>>,
        changed: Rc<RefCell<bool>>,
        notice: RwSignal<Option<Notice>>,
        frames: u32,
    ) {
        let document = web_sys::window().and_then(|w| w.document());
        pending.borrow_mut().retain(|(id, value)| {
            let Some(element) = document.as_ref().and_then(|d| d.get_element_by_id(id)) else {
                return true;
            };
            let element: JsValue = element.into();
            let tick = matches!(
                get(&element, "type").as_string().as_deref(),
                Some("checkbox" | "radio")
            );
            let (name, now, kept) = if tick {
                (
                    "checked",
                    get(&element, "checked"),
                    JsValue::from_bool(value == "true"),
                )
            } else {
                ("value", get(&element, "value"), JsValue::from_str(value))
            };
            if now != kept {
                let _ = js_sys::Reflect::set(&element, &name.into(), &kept);
                if !tick {
                    fire(&element, "input");
                }
                fire(&element, "change");
                *changed.borrow_mut() = true;
            }
            false
        });
        if pending.borrow().is_empty() || frames == 0 {
            if *changed.borrow() {
                notice.set(Some(Notice::DraftsBack));
            }
            return;
        }
        request_animation_frame(move || step(pending, changed, notice, frames - 1));
    }
    request_animation_frame(move || step(pending, changed, notice, RESTORE_FRAMES));
}

/// The lock button, in the navigation.
#[component]
pub(crate) fn LockButton() -> impl IntoView {
    let session = expect_context::<Session>();
    view! {
        <button type="button" class="button nav-lock" id="lock-now" on:click=move |_| session.lock(false)>
            {t().lock.lock}
        </button>
    }
}

/// The notice of the moment (locked after inactivity, entries brought back, sealing postponed).
#[component]
pub(crate) fn SessionNotice() -> impl IntoView {
    let session = expect_context::<Session>();
    move || {
        let m = t();
        session.notice.get().map(|notice| {
            let (text, role) = match notice {
                Notice::AutoLocked(minutes) => ((m.lock.auto_locked)(minutes), "status"),
                Notice::DraftsBack => (m.lock.drafts_back.to_string(), "status"),
                Notice::SealingPostponed => (m.lock.sealing_postponed.to_string(), "alert"),
                Notice::Restored(records) => ((m.backup.restored)(records), "status"),
            };
            view! {
                <div class="banner banner-info" role=role data-testid="session-notice">
                    <p>{text}</p>
                    <button type="button" class="button" on:click=move |_| session.notice.set(None)>
                        {m.device.dismiss}
                    </button>
                </div>
            }
        })
    }
}
