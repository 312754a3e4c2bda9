//! The application shell: opens the database, shows connection problems, and routes to the pages.

use crate::storage::{Storage, StorageError, StorageEvent};
use crate::ui::language::{Language, LanguageSwitch};
use crate::ui::pages::{
    AssessmentPage, AuditPage, CaseFormPage, CasePage, CaseloadPage, CasesPage, ClientFormPage,
    ClientPage, CoordinationPage, DevicePage, EvaluationPage, FollowUpPage, HistoryPage,
    InstrumentPage, PlanPage, PlanPrintPage, ScreeningPage, SetupPage, StaffPage, TransitionsPage,
    UnlockPage, UsersPage,
};
use crate::ui::route::Route;
use crate::ui::session::{Gate, LockButton, Session, SessionNotice};
use crate::ui::status::{StorageStatus, StorageStatusLine, UnsavedDrafts, UnsavedDraftsBanner};
use crate::ui::{storage_error_text, t, Db};
use leptos::prelude::*;
use leptos_router::components::{Router, A};
use leptos_router::hooks::use_location;
use leptos_router::location::{BrowserUrl, LocationProvider};
use std::rc::Rc;

#[component]
pub fn App() -> impl IntoView {
    let language = Language::provide();
    crate::ui::kiosk::Kiosk::provide();
    let event = RwSignal::new(None::<StorageEvent>);
    let opened = crate::ui::load(move || {
        let listener: Rc<dyn Fn(StorageEvent)> = Rc::new(move |e| {
            // Another tab wiped the device: nothing of the records may stay on this page.
            if e == StorageEvent::Deleted {
                crate::ui::kiosk::start_afresh();
            }
            event.set(Some(e))
        });
        async move {
            // Demo mode opens its own database, unlocked (its data is fictional), as an unlock would open it.
            let demo = crate::ui::demo::active();
            let storage = if demo {
                crate::ui::demo::open(listener).await?
            } else {
                Storage::open(listener).await?
            };
            // No keyring: the first start (on a device that may hold records from before encryption).
            let gate = match storage.keyring().await? {
                _ if demo => Gate::Sealing,
                None => Gate::Setup,
                Some(_) => Gate::Locked,
            };
            // The benchmark's unencrypted figures: a bench build (never shipped) opens a workspace without a
            // passphrase as it is, when the page asks it to (through `Session::opened`, as an unlock does).
            #[cfg(feature = "bench")]
            let gate = match gate {
                Gate::Setup if bench_plain() => Gate::Sealing,
                gate => gate,
            };
            let existing = gate == Gate::Setup && storage.holds_records().await?;
            // The upgrade went through: a "close other tabs" notice no longer applies.
            event.update(|e| {
                if *e == Some(StorageEvent::UpgradeBlocked) {
                    *e = None;
                }
            });
            Ok::<_, StorageError>((StoredValue::new_local(storage), gate, existing))
        }
    });

    view! {
        {move || {
            language.track();
            let m = t();
            view! {
                <header class="app-header">
                    <a class="app-title" href="/">{m.common.app_title}</a>
                    <span class="app-tagline">{m.common.app_tagline}</span>
                    <LanguageSwitch />
                </header>
                <ConnectionBanner event=event />
            }
        }}
        <crate::ui::update::UpdateNotice />
        <main>
            // Not rebuilt when the language changes (that would reopen the database and drop the app's state):
            // the pages inside follow the language themselves.
            {move || match opened.get() {
                None => view! { <p class="status" role="status">{t().common.opening_records}</p> }.into_any(),
                Some(Err(error)) => view! { <StorageProblem error=error /> }.into_any(),
                Some(Ok((storage, gate, existing))) => {
                    view! { <Gated storage=storage gate=gate existing=existing /> }.into_any()
                }
            }}
        </main>
    }
}

/// What stands before the records: the first start, the unlock screen, sealing, or the app once unlocked.
/// Locking removes the app (every record on screen) and shows the unlock screen.
#[component]
fn Gated(storage: StoredValue<Storage, LocalStorage>, gate: Gate, existing: bool) -> impl IntoView {
    provide_context(Db(storage));
    let session = Session::provide(storage, gate);
    // The demo (unlocked as it opened) and the benchmark's unencrypted run start here: opened as after an unlock.
    if gate == Gate::Sealing {
        session.opened(false);
    }
    let language = expect_context::<Language>();
    // The router lives as long as the app: a lock removes the pages, never the router (whose listeners would
    // outlive it).
    view! {
        <Router>
        {move || {
            language.track();
            view! {
                {crate::ui::demo::active().then(|| view! { <crate::ui::demo::DemoBanner /> })}
                <crate::ui::kiosk::WipedNotice />
                <SessionNotice />
            }
        }}
        {move || match session.gate.get() {
            // The app follows the language itself (rebuilding it would drop its state).
            Gate::Open => view! { <Routed storage=storage /> }.into_any(),
            gate => (move || {
                language.track();
                match gate {
                    Gate::Setup => view! { <SetupPage existing=existing /> }.into_any(),
                    Gate::Sealing => view! { <Sealing /> }.into_any(),
                    _ => view! { <UnlockPage /> }.into_any(),
                }
            })
            .into_any(),
        }}
        </Router>
    }
}

/// The records of before encryption being sealed.
#[component]
fn Sealing() -> impl IntoView {
    let session = expect_context::<Session>();
    let m = t();
    view! {
        <section class="page gate" aria-labelledby="sealing-heading">
            <h1 id="sealing-heading">{m.lock.setup_heading}</h1>
            <p role="status" data-testid="sealing">
                {move || {
                    let (done, total) = session.progress.get();
                    (m.lock.sealing)(done, total)
                }}
            </p>
            <p class="hint">{m.lock.sealing_note}</p>
        </section>
    }
}

#[component]
fn Routed(storage: StoredValue<Storage, LocalStorage>) -> impl IntoView {
    // Back to the page the user locked on (whatever the back button did meanwhile), in place of the address.
    if let Some(path) = expect_context::<Session>().take_return() {
        leptos_router::hooks::use_navigate()(
            &path,
            leptos_router::NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    }
    let day = RwSignal::new(crate::ui::today());
    provide_context(crate::ui::Day(day));
    StorageStatus::provide();
    UnsavedDrafts::provide();
    let drafts = expect_context::<UnsavedDrafts>();
    // While a save is in flight, or a draft could not be saved, leaving the page asks first (where the browser
    // allows it: iOS Safari ignores this).
    // Kept while the app is unlocked (a lock removes this part of the app, and the listener with it).
    let listener = window_event_listener(leptos::ev::beforeunload, move |event| {
        if !crate::ui::kiosk::leaving() && (storage.with_value(Storage::busy) || drafts.any()) {
            event.prevent_default();
            event.set_return_value("");
        }
    });
    on_cleanup(move || listener.remove());
    // And again at every local midnight, for a tablet left open overnight (until a lock removes the app).
    leptos::task::spawn_local(async move {
        loop {
            crate::ui::sleep(ms_to_midnight()).await;
            if day.is_disposed() {
                break;
            }
            let storage = storage.get_value();
            run_rules(&storage).await;
            // Pages that read "today" (the dashboard) read again.
            if day.try_set(crate::ui::today()).is_some() {
                break;
            }
        }
    });
    let language = expect_context::<Language>();
    view! {
        // The shell's state (storage, drafts that could not be saved, the status line's figures) lives above this
        // line; everything that shows text is rebuilt in the new language.
        {move || {
                language.track();
                let m = t();
                view! {
                    <nav class="app-nav">
                        <A href="/">{m.common.nav_caseload}</A>
                        <A href="/cases">{m.common.nav_cases}</A>
                        <A href="/staff">{m.common.nav_staff}</A>
                        <A href="/audit">{m.common.nav_audit}</A>
                        <A href="/users">{m.lock.nav_users}</A>
                        <A href="/export">{m.export.heading}</A>
                        <A href="/device">{m.common.nav_device}</A>
                        <LockButton />
                    </nav>
                    <crate::ui::kiosk::WipeBar />
                    <UnsavedDraftsBanner />
                    <Pages />
                    <footer class="app-footer"><StorageStatusLine /></footer>
                }
            }}

    }
}

/// The page of the current address (built again when the address, not its query, changes).
#[component]
fn Pages() -> impl IntoView {
    let m = t();
    let location = use_location();
    let route = Memo::new(move |_| Route::parse(&location.pathname.get()));
    // A link or `navigate` changes the address shown only once the router is told the new page is ready (as its
    // own route table would); the page here is built at once.
    let history = use_context::<BrowserUrl>();
    Effect::new(move |previous: Option<()>| {
        location.pathname.track();
        if let Some(history) = &history {
            history.ready_to_complete();
        }
        // A new page (not the first run, which may be this page rebuilt in the other language).
        if previous.is_some() {
            crate::ui::language::forget_carried();
        }
    });
    move || match route.get() {
        Route::Caseload => view! { <CaseloadPage /> }.into_any(),
        Route::NewClient => view! { <ClientFormPage id=None /> }.into_any(),
        Route::Client(id) => view! { <ClientPage id=id /> }.into_any(),
        Route::EditClient(id) => view! { <ClientFormPage id=Some(id) /> }.into_any(),
        Route::NewCase(client) => view! { <CaseFormPage client=client /> }.into_any(),
        Route::Cases => view! { <CasesPage /> }.into_any(),
        Route::Staff => view! { <StaffPage /> }.into_any(),
        Route::Audit => view! { <AuditPage /> }.into_any(),
        Route::Device => view! { <DevicePage /> }.into_any(),
        Route::Users => view! { <UsersPage /> }.into_any(),
        Route::Export => view! { <crate::ui::pages::export::ExportPage /> }.into_any(),
        Route::Receive => view! { <crate::ui::pages::handover::ReceivePage /> }.into_any(),
        Route::Handover(id) => {
            view! { <crate::ui::pages::handover::HandoverPage id=id /> }.into_any()
        }
        Route::Case(id) => view! { <CasePage id=id /> }.into_any(),
        Route::Screening(id) => view! { <ScreeningPage id=id /> }.into_any(),
        Route::Assessment(id) => view! { <AssessmentPage id=id /> }.into_any(),
        Route::Plan(id) => view! { <PlanPage id=id /> }.into_any(),
        Route::PlanPrint(id) => view! { <PlanPrintPage id=id /> }.into_any(),
        Route::Coordination(id) => view! { <CoordinationPage id=id /> }.into_any(),
        Route::FollowUp(id) => view! { <FollowUpPage id=id /> }.into_any(),
        Route::Transitions(id) => view! { <TransitionsPage id=id /> }.into_any(),
        Route::Evaluation(id) => view! { <EvaluationPage id=id /> }.into_any(),
        Route::History(id) => view! { <HistoryPage id=id /> }.into_any(),
        Route::Instrument(id, instrument) => {
            view! { <InstrumentPage id=id instrument=instrument /> }.into_any()
        }
        Route::NotFound => view! {
            <section class="page">
                <p>{m.common.page_not_found}</p>
                <A href="/">{m.common.back_to_caseload}</A>
            </section>
        }
        .into_any(),
    }
}

/// Shown when the database cannot be opened at all.
#[component]
fn StorageProblem(error: StorageError) -> impl IntoView {
    let language = expect_context::<Language>();
    move || {
        language.track();
        view! {
            <div class="banner banner-error" role="alert">
                <p>{storage_error_text(&error)}</p>
                <button type="button" on:click=|_| reload()>{t().common.reload}</button>
            </div>
        }
    }
}

/// Problems with the connection that arrive while the app runs (another tab upgrading, storage closed).
#[component]
fn ConnectionBanner(event: RwSignal<Option<StorageEvent>>) -> impl IntoView {
    let m = t();
    move || {
        event.get().map(|e| {
            let (text, must_reload) = match e {
                StorageEvent::UpgradeBlocked => (m.common.storage_blocked, false),
                StorageEvent::VersionChanged => (m.common.storage_version_changed, true),
                StorageEvent::ConnectionLost => (m.common.storage_connection_lost, true),
                StorageEvent::Deleted => (m.device.wiped_elsewhere, true),
            };
            view! {
                <div class="banner banner-warning" role="alert">
                    <p>{text}</p>
                    {must_reload.then(|| view! { <button type="button" on:click=|_| reload()>{m.common.reload}</button> })}
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

/// Whether the benchmark asks this bench build to open an unencrypted workspace as it is.
#[cfg(feature = "bench")]
fn bench_plain() -> bool {
    use gloo_storage::Storage as _;
    gloo_storage::LocalStorage::get::<bool>("care-planner.bench-plain").unwrap_or(false)
}

/// Runs the time-based rules for today (overdue referrals become tasks, once). A failure is only logged: the rules
/// run again at the next start or midnight, and nothing the user typed depends on them.
pub(crate) async fn run_rules(storage: &Storage) {
    if let Err(error) = storage.run_due_rules(crate::ui::today()).await {
        web_sys::console::warn_1(&format!("time-based rules did not run: {error}").into());
    }
}

/// Milliseconds from now to the next local midnight (at least one second, so a clock exactly at midnight does not
/// run the rules twice).
fn ms_to_midnight() -> i32 {
    let now = chrono::Local::now().naive_local();
    let midnight = (now.date() + chrono::Days::new(1)).and_time(chrono::NaiveTime::MIN);
    (midnight - now).num_milliseconds().clamp(1_000, 86_400_000) as i32
}
