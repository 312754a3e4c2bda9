//! The offline app's update notice: the service worker (public/sw.js, through src/ui/pwa.js) reports a newer build
//! waiting, and the app says so and reloads only when the user agrees, never by itself in the middle of a form.

use crate::ui::t;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/ui/pwa.js")]
extern "C" {
    #[wasm_bindgen(js_name = startWorker)]
    fn start_worker(ready: &Closure<dyn Fn()>);
    #[wasm_bindgen(js_name = applyUpdate)]
    fn apply_update();
}

/// Registers the service worker and shows the update notice when a newer build waits.
#[component]
pub(crate) fn UpdateNotice() -> impl IntoView {
    let waiting = RwSignal::new(false);
    let ready = Closure::<dyn Fn()>::new(move || {
        let _ = waiting.try_set(true);
    });
    start_worker(&ready);
    // The worker calls back for as long as the page lives.
    ready.forget();
    let updating = RwSignal::new(false);
    let language = expect_context::<crate::ui::language::Language>();
    move || {
        language.track();
        waiting.get().then(|| {
            let m = t();
            view! {
                <div class="banner banner-info" role="status" data-testid="update-ready">
                    <p>{m.common.update_ready}</p>
                    <button type="button" id="update-now" disabled=move || updating.get()
                        on:click=move |_| {
                            updating.set(true);
                            apply_update();
                        }>
                        {m.common.update_now}
                    </button>
                </div>
            }
        })
    }
}
