//! The audit trail page: what the trail is, and "Verify audit trail", which reports it intact or names the first
//! entry that was changed, removed or moved.

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
        </section>
    }
}
