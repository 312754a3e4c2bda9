//! Care planner: a case management application that runs entirely in the browser.
//!
//! `domain` is the pure functional core, `storage` the only code that touches IndexedDB, `ui` the Leptos
//! components, and `i18n` the message catalogue every user-facing text comes from. See docs/ARCHITECTURE.md.

#[cfg(all(feature = "bench", target_arch = "wasm32"))]
pub mod bench;
pub mod domain;
pub mod i18n;
pub mod storage;
pub mod ui;
