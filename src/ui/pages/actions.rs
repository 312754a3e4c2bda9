//! What every page with buttons that write shares: one action at a time, a re-read of the page after it, and the
//! keyboard focus put back on the page's heading.

use crate::storage::StorageError;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Bumped after every change made on the page, so the case is read again; the page then puts the keyboard focus
/// back on its heading (the re-read replaces what had it).
#[derive(Clone, Copy)]
pub(crate) struct Refresh(
    pub RwSignal<u32>,
    pub RwSignal<bool>,
    /// Where the focus goes after the re-read instead of the heading (a tick box ticked in a list stays focused).
    pub RwSignal<Option<String>>,
);

impl Refresh {
    pub(crate) fn run(self) {
        self.1.set(true);
        self.0.update(|n| *n += 1);
    }
}

/// Whether one of the page's actions is running: every action button is disabled meanwhile, so a second press
/// cannot start the same change twice.
#[derive(Clone, Copy)]
pub(crate) struct Running(pub RwSignal<bool>);

/// Runs a storage write, then re-reads the page; a failure is shown in `failure`. Nothing starts while another
/// action of the page runs.
pub(crate) fn act(
    failure: RwSignal<Option<StorageError>>,
    write: impl std::future::Future<Output = Result<(), StorageError>> + 'static,
) {
    run(failure, Box::pin(write));
}

/// `act` compiled once: only the boxing above is per call.
fn run(
    failure: RwSignal<Option<StorageError>>,
    write: std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), StorageError>>>>,
) {
    let refresh = expect_context::<Refresh>();
    let running = expect_context::<Running>().0;
    if running.get_untracked() {
        return;
    }
    running.set(true);
    failure.set(None);
    spawn_local(async move {
        match write.await {
            Ok(()) => refresh.run(),
            Err(error) => {
                running.set(false);
                refresh.2.set(None);
                failure.set(Some(error));
            }
        }
    });
}

/// `act`, with the focus put back on `selector` (an element the re-read draws again) rather than the heading.
pub(crate) fn act_keeping_focus(
    failure: RwSignal<Option<StorageError>>,
    selector: String,
    write: impl std::future::Future<Output = Result<(), StorageError>> + 'static,
) {
    expect_context::<Refresh>().2.set(Some(selector));
    run(failure, Box::pin(write));
}

/// Saves a validated form through `write`; the form shows a failure itself, and the page is read again after.
pub(crate) fn save_and_reread<T: 'static>(
    state: crate::ui::form::FormState,
    write: impl std::future::Future<Output = Result<T, StorageError>> + 'static,
) {
    let refresh = expect_context::<Refresh>();
    state.save(write, move |_| refresh.run());
}

/// After an action, once the page has been read again, puts the keyboard focus back on its heading (`selector`):
/// the re-read replaced what had it.
pub(crate) fn focus_heading_after_action(selector: &'static str) {
    let refresh = expect_context::<Refresh>();
    Effect::new(move |_| {
        if refresh.1.get_untracked() {
            refresh.1.set(false);
            match refresh.2.get_untracked() {
                Some(target) => {
                    refresh.2.set(None);
                    // A frame later: the action buttons and boxes are enabled again once the page is shown.
                    request_animation_frame(move || crate::ui::form::focus(&target));
                }
                None => crate::ui::form::focus(selector),
            }
        }
    });
}

/// True while an action of the page runs (for `disabled`).
pub(crate) fn running() -> Signal<bool> {
    let running = expect_context::<Running>().0;
    Signal::derive(move || running.get())
}

impl Refresh {
    /// Provides the page's refresh and running state to its components; a loader that tracks `refresh.0` reads
    /// the page again after each action.
    pub(crate) fn provide() -> (Refresh, Running) {
        let refresh = Refresh(RwSignal::new(0), RwSignal::new(false), RwSignal::new(None));
        provide_context(refresh);
        let running = Running(RwSignal::new(false));
        provide_context(running);
        (refresh, running)
    }
}

/// Loads a page's data for the record `id`, read again after each of its actions; the page's action buttons are
/// enabled again once what the action changed is shown.
pub(crate) fn load_acting<T, Fut>(
    id: crate::domain::ids::Id,
    load: impl Fn(crate::storage::Storage, crate::domain::ids::Id) -> Fut + 'static,
) -> crate::ui::Loader<T>
where
    T: 'static,
    Fut: std::future::Future<Output = Result<T, StorageError>> + 'static,
{
    let (refresh, running) = Refresh::provide();
    let file = crate::ui::pages::load_for_id(id, move |storage, id| {
        refresh.0.track();
        load(storage, id)
    });
    Effect::new(move |_| {
        if file.is_loaded() {
            running.0.set(false);
        }
    });
    file
}
