//! What the user sees when the app meets a bug it cannot recover from (a Rust panic): any write transaction still
//! open is aborted first (so half a changeset never commits), then the page is replaced by a plain error screen,
//! built with the DOM directly since the reactive runtime can no longer be trusted, saying that saved records are
//! safe and offering a reload.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Installs the panic hook. Call once, before mounting the app.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        crate::storage::abort_open_transactions();
        show_error_screen();
        // For whoever opens the console: the message and where it was raised (the console adds the stack).
        web_sys::console::error_1(&info.to_string().into());
    }));
}

/// A deliberate panic, for the end-to-end test of the error screen (callable as `wasmBindings.diagnosticPanic()`
/// from the browser's console; it loses nothing that was saved).
#[wasm_bindgen(js_name = diagnosticPanic)]
pub fn diagnostic_panic() {
    panic!("diagnostic panic requested");
}

fn show_error_screen() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    let m = crate::i18n::current().messages();
    let element = |tag: &str, text: &str| {
        let e = document.create_element(tag).ok()?;
        e.set_text_content(Some(text));
        Some(e)
    };
    let (Some(main), Some(alert), Some(heading), Some(text), Some(button)) = (
        document.create_element("main").ok(),
        document.create_element("div").ok(),
        element("h1", m.common.panic_heading),
        element("p", m.common.panic_body),
        element("button", m.common.panic_reload),
    ) else {
        return;
    };
    body.set_text_content(None);
    let _ = main.set_attribute("class", "page panic-screen");
    let _ = alert.set_attribute("role", "alert");
    let _ = button.set_attribute("type", "button");
    let _ = button.set_attribute("class", "button button-primary");
    let reload = Closure::<dyn FnMut()>::new(|| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    let _ = button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
    // The page is over: the handler lives as long as the document.
    reload.forget();
    let _ = alert.append_child(&heading);
    let _ = alert.append_child(&text);
    let _ = alert.append_child(&button);
    let _ = main.append_child(&alert);
    let _ = body.append_child(&main);
    if let Some(button) = button.dyn_ref::<web_sys::HtmlElement>() {
        let _ = button.focus();
    }
}
