//! The application shell: opens the database, shows connection problems, and routes to the pages.

use crate::i18n::Locale;
use crate::storage::{Storage, StorageError, StorageEvent};
use crate::ui::pages::{
    AssessmentPage, CaseFormPage, CasePage, CaseloadPage, CasesPage, ClientFormPage, ClientPage,
    InstrumentPage, ScreeningPage,
};
use crate::ui::status::{StorageStatus, StorageStatusLine, UnsavedDrafts, UnsavedDraftsBanner};
use crate::ui::{storage_error_text, t, Db};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;
use std::rc::Rc;

#[component]
pub fn App() -> impl IntoView {
    provide_context(Locale::default());
    let event = RwSignal::new(None::<StorageEvent>);
    let opened = LocalResource::new(move || {
        let listener: Rc<dyn Fn(StorageEvent)> = Rc::new(move |e| event.set(Some(e)));
        async move {
            let storage = Storage::open(listener).await?;
            // The upgrade went through: a "close other tabs" notice no longer applies.
            event.update(|e| {
                if *e == Some(StorageEvent::UpgradeBlocked) {
                    *e = None;
                }
            });
            Ok::<_, StorageError>(StoredValue::new_local(storage))
        }
    });
    let m = t();

    view! {
        <header class="app-header">
            <a class="app-title" href="/">{m.app_title}</a>
            <span class="app-tagline">{m.app_tagline}</span>
        </header>
        <ConnectionBanner event=event />
        <main>
            {move || match opened.get() {
                None => view! { <p class="status" role="status">{m.opening_records}</p> }.into_any(),
                Some(Err(error)) => view! { <StorageProblem error=error /> }.into_any(),
                Some(Ok(storage)) => view! { <Routed storage=storage /> }.into_any(),
            }}
        </main>
    }
}

#[component]
fn Routed(storage: StoredValue<Storage, LocalStorage>) -> impl IntoView {
    provide_context(Db(storage));
    StorageStatus::provide();
    UnsavedDrafts::provide();
    let drafts = expect_context::<UnsavedDrafts>();
    // While a save is in flight, or a draft could not be saved, leaving the page asks first (where the browser
    // allows it: iOS Safari ignores this).
    // Kept for the app's lifetime.
    let _listener = window_event_listener(leptos::ev::beforeunload, move |event| {
        if storage.with_value(Storage::busy) || drafts.any() {
            event.prevent_default();
            event.set_return_value("");
        }
    });
    let m = t();
    view! {
        <Router>
            <nav class="app-nav">
                <A href="/">{m.nav_caseload}</A>
                <A href="/cases">{m.nav_cases}</A>
            </nav>
            <UnsavedDraftsBanner />
            <Routes fallback=move || view! { <p>{m.page_not_found}</p> <A href="/">{m.back_to_caseload}</A> }>
                <Route path=path!("/") view=CaseloadPage />
                <Route path=path!("/clients/new") view=ClientFormPage />
                <Route path=path!("/clients/:id") view=ClientPage />
                <Route path=path!("/clients/:id/edit") view=ClientFormPage />
                <Route path=path!("/clients/:id/cases/new") view=CaseFormPage />
                <Route path=path!("/cases") view=CasesPage />
                <Route path=path!("/cases/:id") view=CasePage />
                <Route path=path!("/cases/:id/screening") view=ScreeningPage />
                <Route path=path!("/cases/:id/assessment") view=AssessmentPage />
                <Route path=path!("/cases/:id/instruments/:code") view=InstrumentPage />
            </Routes>
            <footer class="app-footer"><StorageStatusLine /></footer>
        </Router>
    }
}

/// Shown when the database cannot be opened at all.
#[component]
fn StorageProblem(error: StorageError) -> impl IntoView {
    let m = t();
    view! {
        <div class="banner banner-error" role="alert">
            <p>{storage_error_text(&error)}</p>
            <button type="button" on:click=|_| reload()>{m.reload}</button>
        </div>
    }
}

/// Problems with the connection that arrive while the app runs (another tab upgrading, storage closed).
#[component]
fn ConnectionBanner(event: RwSignal<Option<StorageEvent>>) -> impl IntoView {
    let m = t();
    move || {
        event.get().map(|e| {
            let (text, must_reload) = match e {
                StorageEvent::UpgradeBlocked => (m.storage_blocked, false),
                StorageEvent::VersionChanged => (m.storage_version_changed, true),
                StorageEvent::ConnectionLost => (m.storage_connection_lost, true),
            };
            view! {
                <div class="banner banner-warning" role="alert">
                    <p>{text}</p>
                    {must_reload.then(|| view! { <button type="button" on:click=|_| reload()>{m.reload}</button> })}
                </div>
            }
        })
    }
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
