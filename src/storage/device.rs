//! What the browser says about this site's storage: space used and available (`navigator.storage.estimate()`),
//! and whether it promised to keep the data (`navigator.storage.persist()`), for the storage status line.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Space used and available to this site, in bytes, as the browser estimates it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    pub usage: f64,
    pub quota: f64,
}

fn manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // Older browsers have no `navigator.storage`.
    js_sys::Reflect::get(&navigator, &"storage".into())
        .ok()
        .filter(|s| !s.is_undefined())?;
    Some(navigator.storage())
}

/// The browser's estimate, if it gives one.
pub async fn estimate() -> Option<Estimate> {
    let promise = manager()?.estimate().ok()?;
    let value = JsFuture::from(promise).await.ok()?;
    let get = |name: &str| js_sys::Reflect::get(&value, &name.into()).ok()?.as_f64();
    Some(Estimate {
        usage: get("usage")?,
        quota: get("quota")?,
    })
}

/// Whether the browser already keeps this site's data until the user clears it.
pub async fn persisted() -> Option<bool> {
    let promise = manager()?.persisted().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

/// Asks the browser to keep this site's data until the user clears it; returns its answer.
pub async fn persist() -> Option<bool> {
    let promise = manager()?.persist().ok()?;
    let answer = JsFuture::from(promise).await.ok()?;
    answer.dyn_ref::<js_sys::Boolean>().map(|b| b.value_of())
}
