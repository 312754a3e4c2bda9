//! Backup and restore in the interface: the "Back up now" button (the storage page and the kiosk wipe), the home
//! page's reminder when the last backup is old, the reminder's setting (a device preference), the restore form of
//! the first start, and the storage section of the device page (space, persistence, eviction).

use crate::domain::backup::Problem;
use crate::storage::{RestoreError, Storage};
use crate::ui::session::{Gate, Session};
use crate::ui::status::StorageStatus;
use crate::ui::{storage_error_text, t, use_db};
use gloo_storage::{LocalStorage, Storage as _};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// The reminder's setting on the device (days), never case data.
const REMIND_KEY: &str = "care-planner.backup-days";
const DEFAULT_REMIND_DAYS: i64 = 7;
const REMIND_DAYS: std::ops::RangeInclusive<i64> = 1..=90;

fn remind_days() -> i64 {
    LocalStorage::get::<i64>(REMIND_KEY)
        .ok()
        .filter(|d| REMIND_DAYS.contains(d))
        .unwrap_or(DEFAULT_REMIND_DAYS)
}

/// Hands `text` to the browser as a download named `name` of media type `mime` (made in the page; nothing is sent
/// anywhere). Every export and the backup go through here.
pub(crate) fn download(name: &str, text: &str, mime: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window()?.document()?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // Released a minute later, not at once: some browsers (Safari) read the blob after the click returns.
    leptos::task::spawn_local(async move {
        crate::ui::sleep(60_000).await;
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    Some(())
}

/// What a backup came to, as the button says it.
#[derive(Clone)]
enum Outcome {
    Made(u64, String),
    Failed(String),
}

/// "Back up now": makes the whole workspace's backup file, downloads it, and notes when. `first`: offered before
/// the kiosk wipe ("Back up first").
#[component]
pub(crate) fn BackupButton(
    #[prop(optional)] first: bool,
    /// Set while the backup is being made (the kiosk wipe waits for it).
    #[prop(optional)]
    busy: Option<RwSignal<bool>>,
) -> impl IntoView {
    let m = t();
    let busy = busy.unwrap_or_else(|| RwSignal::new(false));
    let outcome = RwSignal::new(None::<Outcome>);
    let last = use_context::<LastBackup>();
    let run = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        outcome.set(None);
        let storage = use_db();
        spawn_local(async move {
            let now = chrono::Utc::now();
            let result = match storage.backup(now).await {
                Ok(file) => match download(&file.name, &file.text, "application/octet-stream") {
                    Some(()) => {
                        // The file is the backup; failing to note when it was made only keeps the reminder.
                        let _ = storage.note_backup(now).await;
                        if let Some(last) = last {
                            last.0.set(Some(Some(now)));
                        }
                        Outcome::Made(file.records, file.name)
                    }
                    None => Outcome::Failed(m.common.storage_unavailable.to_string()),
                },
                Err(e) => Outcome::Failed(storage_error_text(&e).to_string()),
            };
            let _ = outcome.try_set(Some(result));
            let _ = busy.try_set(false);
        });
    };
    view! {
        <button type="button" class="button" data-testid="back-up" aria-disabled=move || busy.get().to_string()
            on:click=run>
            {move || if busy.get() { m.backup.backing_up } else if first { m.backup.back_up_first } else { m.backup.back_up }}
        </button>
        {first.then(|| view! { <p class="hint">{m.backup.kiosk_note}</p> })}
        <p role="status" class="backup-outcome" data-testid="backup-outcome">
            {move || match outcome.get() {
                Some(Outcome::Made(records, name)) => (m.backup.backed_up)(records, &name),
                Some(Outcome::Failed(why)) => why,
                None => String::new(),
            }}
        </p>
    }
}

/// When the last backup was made (outer `None`: not read yet), shared by the device page's line and its button.
#[derive(Clone, Copy)]
struct LastBackup(RwSignal<Option<Option<chrono::DateTime<chrono::Utc>>>>);

/// The backup section of the device page.
#[component]
pub(crate) fn BackupSection() -> impl IntoView {
    let m = t();
    let last = LastBackup(RwSignal::new(None));
    provide_context(last);
    let storage = use_db();
    spawn_local(async move {
        let when = storage.last_backup().await.ok().flatten();
        let _ = last.0.try_set(Some(when));
    });
    let days = RwSignal::new(remind_days().to_string());
    let note = RwSignal::new(None::<Result<(), ()>>);
    let save_days = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = days.get_untracked();
        note.set(Some(match typed.trim().parse::<i64>() {
            Ok(d) if REMIND_DAYS.contains(&d) => {
                let _ = LocalStorage::set(REMIND_KEY, d);
                Ok(())
            }
            _ => {
                crate::ui::form::focus("#remind-days");
                Err(())
            }
        }));
    };
    let invalid = move || matches!(note.get(), Some(Err(())));
    view! {
        <section class="setting" id="backup" aria-labelledby="backup-heading">
            <h2 id="backup-heading">{m.backup.heading}</h2>
            <p>{m.backup.intro}</p>
            <p data-testid="last-backup">
                {move || match last.0.get() {
                    Some(Some(at)) => (m.backup.last)(&(m.common.date_time)(at.with_timezone(&chrono::Local).naive_local())),
                    Some(None) => m.backup.never.to_string(),
                    None => String::new(),
                }}
            </p>
            <BackupButton />
            <form class="inline-form" on:submit=save_days novalidate>
                <div class="field" class:field-invalid=invalid>
                    <label for="remind-days">{m.backup.remind_label}</label>
                    <p class="hint" id="remind-days-hint">{m.backup.remind_hint}</p>
                    <input id="remind-days" type="text" inputmode="numeric" autocomplete="off"
                        aria-describedby="remind-days-hint remind-days-error"
                        aria-invalid=move || invalid().to_string()
                        prop:value=move || days.get()
                        on:input=move |ev| days.set(event_target_value(&ev)) />
                    <p class="field-error" id="remind-days-error">
                        {move || invalid().then_some(m.backup.remind_invalid)}
                    </p>
                </div>
                <button type="submit" class="button">{m.backup.remind_save}</button>
                <p role="status">{move || matches!(note.get(), Some(Ok(()))).then_some(m.backup.remind_saved)}</p>
            </form>
        </section>
    }
}

/// The home page's line on backups: when the last was made, and a reminder once none was made or the last is
/// older than the setting.
#[component]
pub(crate) fn BackupNudge() -> impl IntoView {
    let m = t();
    let storage = use_db();
    let last = RwSignal::new(None::<Option<chrono::DateTime<chrono::Utc>>>);
    spawn_local(async move {
        if let Ok(at) = storage.last_backup().await {
            let _ = last.try_set(Some(at));
        }
    });
    move || {
        last.get().map(|at| {
            let days = at.map(|at| (chrono::Utc::now() - at).num_days());
            match (days, at) {
                (Some(d), Some(at)) if d < remind_days() => view! {
                    <p class="hint" data-testid="last-backup-home">
                        {(m.backup.last)(&(m.common.date_time)(at.with_timezone(&chrono::Local).naive_local()))}
                    </p>
                }
                .into_any(),
                _ => view! {
                    <div class="banner banner-warning" data-testid="backup-nudge">
                        <p>{match days {
                            Some(d) => (m.backup.nudge_days)(d),
                            None => m.backup.nudge_never.to_string(),
                        }}</p>
                        <a href="/device#backup">{m.backup.nudge_link}</a>
                    </div>
                }
                .into_any(),
            }
        })
    }
}

/// The storage section of the device page: space, whether the browser keeps the data, and what may delete it.
#[component]
pub(crate) fn StorageSection() -> impl IntoView {
    let m = t();
    let status = expect_context::<StorageStatus>();
    let asked = RwSignal::new(false);
    view! {
        <section class="setting" aria-labelledby="storage-heading">
            <h2 id="storage-heading">{m.backup.storage_heading}</h2>
            <p data-testid="storage-used">
                {move || match status.estimate() {
                    Some(e) => (m.backup.used)(&(m.common.bytes)(e.usage), &(m.common.bytes)((e.quota - e.usage).max(0.0))),
                    None => m.common.storage_unknown.to_string(),
                }}
            </p>
            <p data-testid="storage-kept">
                {move || if status.persisted() == Some(true) { m.backup.persisted } else { m.backup.not_persisted }}
            </p>
            <Show when=move || status.persisted() != Some(true)>
                <button type="button" class="button" id="ask-persist"
                    on:click=move |_| { asked.set(true); status.ask_to_persist(); }>
                    {m.backup.ask_persist}
                </button>
                <p role="status">{move || (asked.get() && status.persisted() == Some(false)).then_some(m.backup.persist_refused)}</p>
            </Show>
            <p class="hint" data-testid="eviction">{m.backup.eviction}</p>
        </section>
    }
}

/// A file form's fields: the file input, the passphrase, and their errors.
pub(crate) type FileFields = (
    NodeRef<leptos::html::Input>,
    RwSignal<String>,
    RwSignal<Option<&'static str>>,
    RwSignal<Option<&'static str>>,
);

/// The chosen file's input and the passphrase as typed, when both are there; otherwise what is missing is said
/// beside its field (`no_file`, `no_secret`) and the first such field has the focus.
pub(crate) fn chosen(
    prefix: &str,
    (file, secret, file_error, secret_error): FileFields,
    no_file: &'static str,
    no_secret: &'static str,
) -> Option<(web_sys::HtmlInputElement, String)> {
    let input = file.get_untracked()?;
    let picked = input.files().is_some_and(|f| f.length() > 0);
    let typed = secret.get_untracked();
    file_error.set((!picked).then_some(no_file));
    secret_error.set(typed.trim().is_empty().then_some(no_secret));
    if !picked {
        crate::ui::form::focus(&format!("#{prefix}-file"));
        return None;
    }
    if typed.trim().is_empty() {
        crate::ui::form::focus(&format!("#{prefix}-secret"));
        return None;
    }
    Some((input, typed))
}

/// A file field and a passphrase field with their errors beside them: the restore form's and the handover's.
/// Ids: `{prefix}-file` and `{prefix}-secret`, each with `-error` (and the passphrase's `-hint`).
#[component]
pub(crate) fn FileAndSecret(
    prefix: &'static str,
    file: NodeRef<leptos::html::Input>,
    secret: RwSignal<String>,
    file_error: RwSignal<Option<&'static str>>,
    secret_error: RwSignal<Option<&'static str>>,
    file_label: &'static str,
    secret_label: &'static str,
    secret_hint: &'static str,
    /// Called when another file is chosen.
    #[prop(optional)]
    on_file: Option<Callback<()>>,
) -> impl IntoView {
    let id = |what: &str| format!("{prefix}-{what}");
    view! {
        <div class="field" class:field-invalid=move || file_error.get().is_some()>
            <label for=id("file")>{file_label}</label>
            <input id=id("file") type="file" node_ref=file
                aria-describedby=id("file-error")
                aria-invalid=move || file_error.get().is_some().to_string()
                on:change=move |_| { if let Some(f) = on_file { f.run(()) } } />
            <p class="field-error" id=id("file-error") role="alert">{move || file_error.get()}</p>
        </div>
        <div class="field" class:field-invalid=move || secret_error.get().is_some()>
            <label for=id("secret")>{secret_label}</label>
            <p class="hint" id=id("secret-hint")>{secret_hint}</p>
            <input id=id("secret") type="text" class="secret" autocomplete="off" spellcheck="false"
                autocapitalize="off"
                aria-describedby=format!("{} {}", id("secret-hint"), id("secret-error"))
                aria-invalid=move || secret_error.get().is_some().to_string()
                prop:value=move || secret.get()
                on:input=move |ev| secret.set(event_target_value(&ev)) />
            <p class="field-error" id=id("secret-error") role="alert">{move || secret_error.get()}</p>
        </div>
    }
}

/// What the user is told of a file that cannot be restored.
fn problem_text(problem: Problem) -> &'static str {
    let m = t();
    match problem {
        Problem::NotABackup => m.backup.not_a_backup,
        Problem::Newer(_) => m.backup.newer,
        Problem::Truncated => m.backup.truncated,
        Problem::Damaged => m.backup.damaged,
        Problem::Tampered => m.backup.tampered,
        Problem::WrongPassphrase => m.backup.wrong_secret,
        Problem::NotEmpty => m.backup.not_empty,
    }
}

/// The largest file read as a backup (a workspace of 100,000 records makes about 200 MB).
const MAX_FILE_BYTES: f64 = 1024.0 * 1024.0 * 1024.0;

async fn blob_bytes(blob: &web_sys::Blob) -> Option<Vec<u8>> {
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Reads the chosen file's bytes: not at all if it is too large to be a backup or does not begin with `magic`
/// (a film picked by mistake is never read into memory). The handover form reads its files here too.
pub(crate) async fn file_bytes(input: &web_sys::HtmlInputElement, magic: &str) -> Option<Vec<u8>> {
    let file = input.files()?.get(0)?;
    if file.size() > MAX_FILE_BYTES {
        return None;
    }
    let magic = magic.as_bytes();
    let head = blob_bytes(&file.slice_with_f64_and_f64(0.0, magic.len() as f64).ok()?).await?;
    if !magic.starts_with(&head) {
        return None;
    }
    blob_bytes(&file).await
}

/// The first start's restore: a backup file and a user's passphrase or the recovery key, checked whole before
/// anything is written; then the unlock screen.
#[component]
pub(crate) fn RestoreForm() -> impl IntoView {
    let m = t();
    let session = expect_context::<Session>();
    let file = NodeRef::<leptos::html::Input>::new();
    let secret = RwSignal::new(String::new());
    let file_error = RwSignal::new(None::<&'static str>);
    let secret_error = RwSignal::new(None::<&'static str>);
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        failure.set(None);
        let fields = (file, secret, file_error, secret_error);
        let Some((input, typed)) = chosen("restore", fields, m.backup.no_file, m.backup.no_secret)
        else {
            return;
        };
        busy.set(true);
        let storage: Storage = session.storage();
        spawn_local(async move {
            let outcome = match file_bytes(&input, crate::domain::backup::MAGIC).await {
                None => Err(RestoreError::File(Problem::NotABackup)),
                Some(bytes) => storage.restore(&bytes, &typed).await,
            };
            let _ = busy.try_set(false);
            match outcome {
                Ok(records) => {
                    // The restored workspace is locked: its users unlock it as on any start.
                    session
                        .notice
                        .set(Some(crate::ui::session::Notice::Restored(records)));
                    session.gate.set(Gate::Locked);
                }
                Err(RestoreError::File(Problem::WrongPassphrase)) => {
                    let _ = secret_error.try_set(Some(m.backup.wrong_secret));
                    crate::ui::form::focus("#restore-secret");
                }
                Err(RestoreError::File(problem)) => {
                    let _ = file_error.try_set(Some(problem_text(problem)));
                    crate::ui::form::focus("#restore-file");
                }
                Err(RestoreError::Storage(e)) => {
                    let _ = failure.try_set(Some(storage_error_text(&e).to_string()));
                }
            }
        });
    };
    view! {
        <section class="restore" aria-labelledby="restore-heading">
            <h2 id="restore-heading" tabindex="-1">{m.backup.restore_heading}</h2>
            <p>{m.backup.restore_intro}</p>
            <form on:submit=submit novalidate>
                <FileAndSecret prefix="restore" file=file secret=secret file_error=file_error secret_error=secret_error
                    file_label=m.backup.file_label secret_label=m.backup.secret_label secret_hint=m.backup.secret_hint />
                <p class="form-summary" role="alert">{move || failure.get()}</p>
                <button type="submit" class="button button-primary" aria-disabled=move || busy.get().to_string()>
                    {move || if busy.get() { m.backup.restoring } else { m.backup.restore }}
                </button>
            </form>
        </section>
    }
}
