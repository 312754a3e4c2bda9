//! Leptos components and pages. No business rules here: pages validate through `domain`, persist through
//! `storage`, and take every text from the `i18n` catalogue.

mod app;
mod form;
mod pages;
mod panic;
mod route;
pub(crate) mod status;

pub use app::App;
pub use panic::install_panic_hook;

use crate::domain::case::WorkflowError;
use crate::i18n::{Locale, Messages};
use crate::storage::{Storage, StorageError};
use leptos::prelude::*;

/// The open database connection, provided once the app has opened it.
#[derive(Clone, Copy)]
pub(crate) struct Db(StoredValue<Storage, LocalStorage>);

pub(crate) fn use_db() -> Storage {
    expect_context::<Db>().0.get_value()
}

/// The catalogue for the current locale.
pub(crate) fn t() -> &'static Messages {
    use_context::<Locale>().unwrap_or_default().messages()
}

/// What the user is told when storage fails.
pub(crate) fn storage_error_text(error: &StorageError) -> &'static str {
    let m = t();
    match error {
        StorageError::Unavailable(_) => m.storage_unavailable,
        StorageError::Aborted(_) => m.storage_aborted,
        StorageError::QuotaExceeded => m.storage_quota,
        StorageError::UpgradeBlocked => m.storage_blocked,
        StorageError::VersionChanged => m.storage_version_changed,
        StorageError::ConnectionLost => m.storage_connection_lost,
        StorageError::NotFound => m.storage_not_found,
        StorageError::Corrupt(_) => m.storage_corrupt,
        StorageError::Refused(WorkflowError::CaseClosed) => m.refused_case_closed,
        StorageError::Refused(WorkflowError::AlreadyInPhase) => m.refused_already_in_phase,
        StorageError::Refused(WorkflowError::NotOnThisCase) => m.refused_not_on_case,
        StorageError::Conflict => m.storage_conflict,
        StorageError::MigrationFailed(_) => m.storage_migration_failed,
    }
}

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
