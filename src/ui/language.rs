//! The interface language: on a first visit the browser's preferred language (when the app has it), switched from
//! every page, kept per device through `gloo-storage` (a device preference, never case data), and set as the
//! page's `lang` so that screen readers and fonts follow it.

use crate::i18n::{self, Locale};
use crate::ui::t;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

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
        self.0.set(locale);
    }
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
        let _ = root.set_attribute("lang", locale.tag());
    }
}

/// One button per language, each named in its own language (and marked so, for screen readers); the current one
/// is pressed.
#[component]
pub(crate) fn LanguageSwitch() -> impl IntoView {
    let language = expect_context::<Language>();
    let current = i18n::current();
    view! {
        <div class="language-switch" role="group" aria-label=t().language_label>
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
