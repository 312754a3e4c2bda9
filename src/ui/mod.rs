//! Leptos components and pages. No business rules here: pages validate through `domain`, persist through
//! `storage`, and take every text from the `i18n` catalogue.

pub(crate) mod app;
mod backup;
mod chart;
mod conflict;
mod demo;
mod form;
pub(crate) mod kiosk;
pub(crate) mod language;
mod pages;
mod panic;
mod route;
pub(crate) mod session;
pub(crate) mod status;
mod update;

pub use app::App;
pub use panic::install_panic_hook;

use crate::domain::case::WorkflowError;
use crate::i18n::Messages;
use crate::storage::{Storage, StorageError};
use leptos::prelude::*;

/// The open database connection, provided once the app has opened it.
#[derive(Clone, Copy)]
pub(crate) struct Db(StoredValue<Storage, LocalStorage>);

pub(crate) fn use_db() -> Storage {
    expect_context::<Db>().0.get_value()
}

/// The catalogue of the interface language now (views that show text are rebuilt when it changes).
pub(crate) fn t() -> &'static Messages {
    crate::i18n::current().messages()
}

/// What the user is told when storage fails.
pub(crate) fn storage_error_text(error: &StorageError) -> &'static str {
    let m = t();
    match error {
        StorageError::Unavailable(_) => m.common.storage_unavailable,
        StorageError::Aborted(_) => m.common.storage_aborted,
        StorageError::QuotaExceeded => m.common.storage_quota,
        StorageError::UpgradeBlocked => m.common.storage_blocked,
        StorageError::VersionChanged => m.common.storage_version_changed,
        StorageError::ConnectionLost => m.common.storage_connection_lost,
        StorageError::NotFound => m.common.storage_not_found,
        StorageError::Corrupt(_) => m.common.storage_corrupt,
        StorageError::Refused(WorkflowError::CaseClosed) => m.common.refused_case_closed,
        StorageError::Refused(WorkflowError::AlreadyInPhase) => m.common.refused_already_in_phase,
        StorageError::Refused(WorkflowError::NotOnThisCase) => m.common.refused_not_on_case,
        StorageError::Refused(WorkflowError::ReasonRequired) => m.common.refused_reason_required,
        StorageError::Refused(WorkflowError::NotClosed) => m.common.refused_not_closed,
        StorageError::Refused(WorkflowError::OpenWorkChanged) => m.common.refused_open_work_changed,
        StorageError::InUse(_) => m.common.refused_in_use,
        StorageError::Conflict => m.common.storage_conflict,
        StorageError::MigrationFailed(_) => m.common.storage_migration_failed,
        StorageError::Locked => m.lock.storage_locked,
        StorageError::InsecureContext => m.lock.storage_insecure,
        StorageError::Crypto(_) => m.lock.storage_crypto,
        StorageError::LastUser => m.lock.last_user,
        StorageError::NotEmpty => m.backup.not_empty,
        StorageError::Stale => m.conflict.stale,
    }
}

/// Data a page loads from storage, typed for the page; behind it, one resource type for every page.
///
/// Each `LocalResource<T>` compiles its own copy of Leptos's async machinery (about 1.5 KB of wasm for each page):
/// here the value travels as `Rc<dyn Any>` through a single instance and is typed again by `get`.
pub(crate) struct Loader<T> {
    resource: LocalResource<Loaded>,
    value: std::marker::PhantomData<fn() -> T>,
}

type Loaded = Result<std::rc::Rc<dyn std::any::Any>, StorageError>;
type Loading = std::pin::Pin<Box<dyn std::future::Future<Output = Loaded>>>;

impl<T> Clone for Loader<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Loader<T> {}

/// Starts loading: `fetch` runs again whenever a signal it reads changes.
pub(crate) fn load<T, Fut>(fetch: impl Fn() -> Fut + 'static) -> Loader<T>
where
    T: 'static,
    Fut: std::future::Future<Output = Result<T, StorageError>> + 'static,
{
    Loader {
        resource: erased_resource(Box::new(move || {
            let pending = fetch();
            Box::pin(async move { pending.await.map(|value| std::rc::Rc::new(value) as _) })
        })),
        value: std::marker::PhantomData,
    }
}

fn erased_resource(fetch: Box<dyn Fn() -> Loading>) -> LocalResource<Loaded> {
    LocalResource::new(fetch)
}

impl<T> Loader<T> {
    /// Whether a value (or a failure) is there; tracked.
    pub(crate) fn is_loaded(&self) -> bool {
        self.resource.with(Option::is_some)
    }
}

impl<T: Clone + 'static> Loader<T> {
    /// The loaded value (None while loading); tracked, so a view showing it follows a reload.
    pub(crate) fn get(&self) -> Option<Result<T, StorageError>> {
        self.resource.get().map(|loaded| {
            loaded.map(|value| {
                value
                    .downcast_ref::<T>()
                    .expect("a loader only ever holds the type it was made for")
                    .clone()
            })
        })
    }
}

/// A calendar date in the interface language.
pub(crate) fn date(date: chrono::NaiveDate) -> String {
    (t().common.date)(date)
}

/// A stored instant as the calendar date where the device is, in the interface language.
pub(crate) fn local_date(at: chrono::DateTime<chrono::Utc>) -> String {
    date(at.with_timezone(&chrono::Local).date_naive())
}

/// A stored instant as the date and time where the device is, in the interface language.
pub(crate) fn local_time(at: chrono::DateTime<chrono::Utc>) -> String {
    (t().common.date_time)(at.with_timezone(&chrono::Local).naive_local())
}

/// The day the app is at: set again after the rules run at local midnight, so a page that reads "today" (the
/// dashboard) is read again on a tablet left open overnight.
#[derive(Clone, Copy)]
pub(crate) struct Day(pub RwSignal<chrono::NaiveDate>);

/// Today's date where the device is.
pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Waits `ms` milliseconds (a timer, never a busy wait).
pub(crate) async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
