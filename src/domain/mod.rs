//! The functional core: models, workflow rules, validation and search. Pure Rust; it knows nothing of the browser,
//! of Leptos or of IndexedDB, and it never fails on valid input.

pub mod administration;
pub mod assessment;
pub mod audit;
pub mod backup;
pub mod case;
pub mod client;
pub mod codes;
pub mod contact;
pub mod coordination;
pub mod coverage;
pub mod csv;
pub mod dashboard;
pub mod demo;
pub mod era;
pub mod ics;
pub mod ids;
pub mod instruments;
pub mod merge;
pub mod note;
pub mod order;
pub mod phase;
pub mod plan;
pub mod progress;
pub mod risk;
pub mod screening;
pub mod search;
pub mod security;
pub mod sha256;
pub mod staff;
pub mod stored_time;
pub mod task;
pub mod transition;
pub mod validation;
pub mod workflow;
