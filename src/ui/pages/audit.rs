//! The audit trail page: what the trail is, today's changes (who did what to which kind of record, and when), and
//! "Verify audit trail", which reports it intact or names the first entry that was changed, removed or moved.

use crate::storage::audit_chain::AuditCheck;
use crate::ui::{t, use_db};
use leptos::prelude::*;

#[component]
pub(crate) fn AuditPage() -> impl IntoView {
    let storage = use_db();
    let m = t();
    // The last verification: `Err` when the trail could not be read.
    let outcome = RwSignal::new(None::<Result<AuditCheck, ()>>);
    let running = RwSignal::new(false);
    let verify = move |_| {
        if running.get_untracked() {
            return;
        }
        running.set(true);
        outcome.set(None);
        let storage = storage.clone();
        leptos::task::spawn_local(async move {
            outcome.set(Some(storage.verify_audit().await.map_err(|_| ())));
            running.set(false);
        });
    };
    let report = move || {
        if running.get() {
            return (m.audit.verifying.to_string(), "audit-outcome");
        }
        match outcome.get() {
            None => (String::new(), "audit-outcome"),
            Some(Err(())) => (m.audit.failed.to_string(), "audit-outcome error"),
            Some(Ok(AuditCheck::Intact { entries, unchained })) => {
                ((m.audit.intact)(entries, unchained), "audit-outcome ok")
            }
            Some(Ok(AuditCheck::Changed { position })) => {
                ((m.audit.changed)(position), "audit-outcome error")
            }
            Some(Ok(AuditCheck::OutOfPlace { position })) => {
                ((m.audit.out_of_place)(position), "audit-outcome error")
            }
            Some(Ok(AuditCheck::Truncated { entries, missing })) => {
                ((m.audit.truncated)(entries, missing), "audit-outcome error")
            }
        }
    };
    view! {
        <section class="page" aria-labelledby="audit-heading">
            <h1 id="audit-heading" tabindex="-1">{m.audit.heading}</h1>
            <p>{m.audit.intro}</p>
            <button type="button" class="button button-primary" on:click=verify aria-disabled=move || running.get().to_string()>
                {m.audit.verify}
            </button>
            <p role="status" data-testid="audit-result" class=move || report().1>{move || report().0}</p>
            <h2>{m.audit.recent_heading}</h2>
            <RecentEntries />
        </section>
    }
}

/// How many of today's entries are listed (the latest).
const SHOWN: usize = 50;

/// Today's entries, latest first, each with who acted (by the staff list's name).
#[component]
fn RecentEntries() -> impl IntoView {
    let recent = crate::ui::load(|| {
        let storage = use_db();
        async move {
            let midnight = chrono::Local::now()
                .date_naive()
                .and_time(chrono::NaiveTime::MIN)
                .and_local_timezone(chrono::Local)
                .earliest()
                .map_or_else(chrono::Utc::now, |t| t.with_timezone(&chrono::Utc));
            let entries = storage.audit_since(midnight).await?;
            let staff = storage.staff().await?.value;
            Ok::<_, crate::storage::StorageError>((entries, staff))
        }
    });
    crate::ui::pages::loaded(recent, |(entries, staff)| {
        let m = t();
        if entries.is_empty() {
            return view! { <p class="empty">{m.audit.recent_none}</p> }.into_any();
        }
        let more = entries.len().saturating_sub(SHOWN);
        let name = move |by: Option<crate::domain::ids::Id>| {
            by.and_then(|id| staff.iter().find(|s| s.id == id))
                .map_or_else(|| m.audit.nobody.to_string(), |s| s.name.clone())
        };
        view! {
            <ol class="audit-list" data-testid="audit-entries">
                {entries.iter().take(SHOWN).map(|e| view! {
                    <li>{(m.audit.line)(
                        &crate::ui::local_time(e.at),
                        &name(e.by),
                        (m.audit.kind)(e.entity),
                        (m.audit.action)(e.action),
                    )}</li>
                }).collect_view()}
            </ol>
            {(more > 0).then(|| view! { <p class="hint">{(m.audit.recent_more)(more)}</p> })}
        }
        .into_any()
    })
}
