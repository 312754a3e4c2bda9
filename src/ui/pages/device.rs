//! The device page: settings of this tablet or browser, not of any case — kiosk mode, for a shared device; the
//! storage this site has here; backups of the workspace.

use crate::ui::kiosk::Kiosk;
use crate::ui::t;
use leptos::prelude::*;

#[component]
pub(crate) fn DevicePage() -> impl IntoView {
    let kiosk = expect_context::<Kiosk>();
    let m = t();
    view! {
        <section class="page" aria-labelledby="device-heading">
            <h1 id="device-heading" tabindex="-1">{m.device.heading}</h1>
            <p>{m.device.intro}</p>
            <div class="setting">
                <label>
                    <input type="checkbox" id="kiosk-mode" aria-describedby="kiosk-mode-hint"
                        prop:checked=move || kiosk.get()
                        on:change=move |ev| kiosk.set(event_target_checked(&ev)) />
                    " " {m.device.kiosk_label}
                </label>
                <p class="hint" id="kiosk-mode-hint">{m.device.kiosk_hint}</p>
                <Show when=move || kiosk.not_kept()>
                    <p class="form-summary" role="alert">{m.device.kiosk_not_kept}</p>
                </Show>
            </div>
            <crate::ui::backup::StorageSection />
            // Not in the demo: its data is fictional, and a backup of it must never become a real workspace.
            {(!crate::ui::demo::active()).then(|| view! { <crate::ui::backup::BackupSection /> })}
        </section>
    }
}
