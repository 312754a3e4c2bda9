//! The interface language: on a first visit the browser's preferred language (when the app has it), switched from
//! every page, kept per device through `gloo-storage` (a device preference, never case data), and set as the
//! page's `lang` so that screen readers and fonts follow it.

use crate::i18n::{self, Locale};
use crate::ui::t;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;

/// Where the choice is kept on the device.
const KEY: &str = "care-planner.language";

/// The language signal: views that show text track it and are rebuilt when it changes.
#[derive(Clone, Copy)]
pub(crate) struct Language(RwSignal<Locale>);

impl Language {
    /// The stored choice, else the browser's; applied at once and provided to the app.
    pub(crate) fn provide() -> Language {
        let initial = stored().unwrap_or_else(browser_choice);
        apply(initial);
        let language = Language(RwSignal::new(initial));
        provide_context(language);
        language
    }

    /// Subscribes the running view to language changes.
    pub(crate) fn track(self) {
        self.0.track();
    }

    fn switch(self, locale: Locale) {
        apply(locale);
        // A device that refuses local storage (some private modes) still switches, for this visit.
        let _ = LocalStorage::set(KEY, locale.tag());
        // What is being typed crosses the rebuild (see `carry`), until the page changes.
        CARRIED.with(|c| *c.borrow_mut() = Some(HashMap::new()));
        self.0.set(locale);
    }
}

thread_local! {
    /// Form state on its way from the views of one language to those of the other, during a switch only.
    static CARRIED: RefCell<Option<HashMap<&'static str, Box<dyn Any>>>> = const { RefCell::new(None) };
}

/// Drops what a language switch carried: called when the page changes, so a form opened later starts empty.
pub(crate) fn forget_carried() {
    CARRIED.with(|c| *c.borrow_mut() = None);
}

/// Keeps what a form holds across a language switch, which rebuilds the form: the value in `signal` is handed
/// to the form's next instance under `key` (one key per form), so nothing typed is lost by switching. Anything
/// else that removes the form (leaving the page) drops it as before.
pub(crate) fn carry<T: Clone + Send + Sync + 'static>(key: &'static str, signal: RwSignal<T>) {
    let kept = CARRIED.with(|c| c.borrow_mut().as_mut().and_then(|map| map.remove(key)));
    if let Some(value) = kept.and_then(|v| v.downcast::<T>().ok()) {
        signal.set(*value);
    }
    on_cleanup(move || {
        if let Some(value) = signal.try_get_untracked() {
            CARRIED.with(|c| {
                if let Some(map) = c.borrow_mut().as_mut() {
                    map.insert(key, Box::new(value));
                }
            });
        }
    });
}

fn stored() -> Option<Locale> {
    LocalStorage::get::<String>(KEY)
        .ok()
        .and_then(|tag| Locale::from_tag(&tag))
}

fn browser_choice() -> Locale {
    let languages: Vec<String> = web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|l| l.as_string())
                .collect()
        })
        .unwrap_or_default();
    Locale::negotiate(languages.iter().map(String::as_str))
}

fn apply(locale: Locale) {
    i18n::set_current(locale);
    if let Some(root) = document().document_element() {
        // Setting an attribute on <html> only fails for an invalid name, which "lang" is not.
        let _ = root.set_attribute("lang", locale.tag());
    }
    // The tab's title is read out by screen readers too.
    document().set_title(locale.messages().common.app_title);
}

/// One button per language, each named in its own language (and marked so, for screen readers); the current one
/// is pressed.
#[component]
pub(crate) fn LanguageSwitch() -> impl IntoView {
    let language = expect_context::<Language>();
    let current = i18n::current();
    view! {
        <div class="language-switch" role="group" aria-label=t().common.language_label>
            {Locale::ALL.into_iter().map(|locale| view! {
                <button
                    type="button"
                    class="button button-small"
                    lang=locale.tag()
                    aria-pressed=if locale == current { "true" } else { "false" }
                    on:click=move |_| {
                        if locale != i18n::current() {
                            language.switch(locale);
                        }
                    }
                >
                    {locale.name()}
                </button>
            }).collect_view()}
        </div>
    }
}
