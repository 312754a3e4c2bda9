//! The app shell's standing notices: the storage status line (space used and available, whether the browser
//! keeps the data), and assessment drafts that could not be saved, shown wherever the user now is.

use crate::domain::assessment::Assessment;
use crate::domain::ids::Id;
use crate::storage::device::{self, Estimate};
use crate::storage::StorageError;
use crate::ui::route::Route;
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

    /// What the browser said of space used and available (none: not asked yet, or it does not say); tracked.
    pub fn estimate(self) -> Option<Estimate> {
        self.estimate.get()
    }

    /// Whether the browser agreed to keep the data (none: not known yet); tracked.
    pub fn persisted(self) -> Option<bool> {
        self.persisted.get()
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
    // Asked again at every page change, so the figures follow what was saved.
    let location = leptos_router::hooks::use_location();
    Effect::new(move |previous: Option<()>| {
        location.pathname.track();
        if previous.is_some() {
            status.refresh();
        }
    });
    view! {
        <p class="storage-status" data-testid="storage-status">
            {move || match status.estimate.get() {
                Some(e) => (m.common.storage_status)(&(m.common.bytes)(e.usage), &(m.common.bytes)((e.quota - e.usage).max(0.0))),
                None => m.common.storage_unknown.to_string(),
            }}
            " "
            <span data-testid="storage-persisted">
                {move || match status.persisted.get() {
                    Some(true) => m.common.storage_persisted,
                    _ => m.common.storage_not_persisted,
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
    /// What it was typed over: the stored assessment and its revision (a save of it is an edit of those).
    pub from: (Assessment, u32),
}

#[derive(Clone, Copy)]
pub(crate) struct UnsavedDrafts(RwSignal<Vec<UnsavedDraft>>, RwSignal<Vec<Id>>);

impl UnsavedDrafts {
    pub fn provide() {
        provide_context(UnsavedDrafts(
            RwSignal::new(Vec::new()),
            RwSignal::new(Vec::new()),
        ));
    }

    /// The kept draft of a case, if its save failed, with what it was typed over.
    pub fn draft(self, case_id: Id) -> Option<(Assessment, (Assessment, u32))> {
        self.0.with_untracked(|d| {
            d.iter()
                .find(|d| d.assessment.case_id == case_id)
                .map(|d| (d.assessment.clone(), d.from.clone()))
        })
    }

    /// Whether a page's writer is saving the case's draft (the banner then does not write over it).
    pub fn writing(self, case_id: Id, running: bool) {
        self.1.update(|w| {
            w.retain(|id| *id != case_id);
            if running {
                w.push(case_id);
            }
        });
    }

    /// Keeps the newest draft of a case that could not be saved.
    pub fn keep(self, assessment: Assessment, error: StorageError, from: (Assessment, u32)) {
        self.0.update(|drafts| {
            drafts.retain(|d| d.assessment.case_id != assessment.case_id);
            drafts.push(UnsavedDraft {
                assessment,
                error,
                from,
            });
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
    let location = leptos_router::hooks::use_location();
    move || {
        let here = location.pathname.get();
        drafts.0.get().into_iter().filter(|d| Route::parse(&here) != Route::Assessment(d.assessment.case_id)).map(|draft| {
            let case_id = draft.assessment.case_id;
            let busy = move || drafts.1.with(|w| w.contains(&case_id));
            let storage = use_db();
            let retry = move |_| {
                let storage = storage.clone();
                let Some(draft) = drafts.0.with_untracked(|d| d.iter().find(|d| d.assessment.case_id == case_id).cloned()) else {
                    return;
                };
                drafts.writing(case_id, true);
                spawn_local(async move {
                    // An edit of what it was typed over: saved elsewhere since, it is refused, and the form shows
                    // the difference (the link below).
                    match storage.save_assessment_from(&draft.assessment, Some(draft.from.1)).await {
                        Ok(_) => drafts.saved(case_id),
                        Err(error) => drafts.keep(draft.assessment, error, draft.from),
                    }
                    drafts.writing(case_id, false);
                });
            };
            view! {
                <div class="banner banner-error" role="alert" data-testid="unsaved-draft">
                    <p>{(m.common.autosave_failed)(storage_error_text(&draft.error))}</p>
                    <button type="button" class="button" on:click=retry disabled=busy>{m.common.autosave_retry}</button>
                    " "
                    <A href=Route::Assessment(case_id).href()>{m.common.autosave_open}</A>
                </div>
            }
        }).collect_view()
    }
}
