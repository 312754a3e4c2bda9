//! The app shell's standing notices: the storage status line (space used and available, whether the browser
//! keeps the data), and assessment drafts that could not be saved, shown wherever the user now is.

use crate::domain::assessment::Assessment;
use crate::domain::ids::Id;
use crate::storage::device::{self, Estimate};
use crate::storage::StorageError;
use crate::ui::{storage_error_text, t, use_db};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// What the browser said about this site's storage.
#[derive(Clone, Copy)]
pub(crate) struct StorageStatus {
    estimate: RwSignal<Option<Estimate>>,
    persisted: RwSignal<Option<bool>>,
}

impl StorageStatus {
    pub fn provide() -> StorageStatus {
        let status = StorageStatus {
            estimate: RwSignal::new(None),
            persisted: RwSignal::new(None),
        };
        provide_context(status);
        status.refresh();
        status
    }

    /// Asks the browser again.
    pub fn refresh(self) {
        spawn_local(async move {
            let estimate = device::estimate().await;
            let persisted = device::persisted().await;
            let _ = self.estimate.try_set(estimate);
            let _ = self.persisted.try_set(persisted);
        });
    }

    /// Asks the browser to keep the data (once there is data worth keeping), then shows its answer.
    pub fn ask_to_persist(self) {
        if self.persisted.get_untracked() == Some(true) {
            return self.refresh();
        }
        spawn_local(async move {
            let answer = device::persist().await;
            let _ = self.persisted.try_set(answer);
            let _ = self.estimate.try_set(device::estimate().await);
        });
    }
}

#[component]
pub(crate) fn StorageStatusLine() -> impl IntoView {
    let m = t();
    let status = expect_context::<StorageStatus>();
    view! {
        <p class="storage-status" data-testid="storage-status">
            {move || match status.estimate.get() {
                Some(e) => (m.storage_status)(&(m.bytes)(e.usage), &(m.bytes)((e.quota - e.usage).max(0.0))),
                None => m.storage_unknown.to_string(),
            }}
            " "
            <span data-testid="storage-persisted">
                {move || match status.persisted.get() {
                    Some(true) => m.storage_persisted,
                    _ => m.storage_not_persisted,
                }}
            </span>
        </p>
    }
}

/// An assessment draft whose save kept failing, kept here (in memory) until a save goes through.
#[derive(Clone)]
pub(crate) struct UnsavedDraft {
    pub assessment: Assessment,
    pub error: StorageError,
}

#[derive(Clone, Copy)]
pub(crate) struct UnsavedDrafts(RwSignal<Vec<UnsavedDraft>>);

impl UnsavedDrafts {
    pub fn provide() {
        provide_context(UnsavedDrafts(RwSignal::new(Vec::new())));
    }

    /// Keeps the newest draft of a case that could not be saved.
    pub fn keep(self, assessment: Assessment, error: StorageError) {
        self.0.update(|drafts| {
            drafts.retain(|d| d.assessment.case_id != assessment.case_id);
            drafts.push(UnsavedDraft { assessment, error });
        });
    }

    /// A save of the case's draft went through.
    pub fn saved(self, case_id: Id) {
        if self
            .0
            .with_untracked(|d| d.iter().any(|d| d.assessment.case_id == case_id))
        {
            self.0
                .update(|drafts| drafts.retain(|d| d.assessment.case_id != case_id));
        }
    }

    pub fn any(self) -> bool {
        self.0.with_untracked(|d| !d.is_empty())
    }
}

/// Drafts that could not be saved: what failed, a way to try again now, and the way to the form.
#[component]
pub(crate) fn UnsavedDraftsBanner() -> impl IntoView {
    let m = t();
    let drafts = expect_context::<UnsavedDrafts>();
    move || {
        drafts.0.get().into_iter().map(|draft| {
            let case_id = draft.assessment.case_id;
            let retry = move |_| {
                let storage = use_db();
                let Some(draft) = drafts.0.with_untracked(|d| d.iter().find(|d| d.assessment.case_id == case_id).cloned()) else {
                    return;
                };
                spawn_local(async move {
                    match storage.save_assessment(&draft.assessment).await {
                        Ok(()) => drafts.saved(case_id),
                        Err(error) => drafts.keep(draft.assessment, error),
                    }
                });
            };
            view! {
                <div class="banner banner-error" role="alert" data-testid="unsaved-draft">
                    <p>{(m.autosave_failed)(storage_error_text(&draft.error))}</p>
                    <button type="button" class="button" on:click=retry>{m.autosave_retry}</button>
                    " "
                    <A href=format!("/cases/{case_id}/assessment")>{m.autosave_open}</A>
                </div>
            }
        }).collect_view()
    }
}
