//! EHC Timeline's web app (Yew): cases and their events kept on this device,
//! every statutory deadline worked out by the `rules` engine.
//!
//! The data flows one way: what the user records ([`state`], saved by
//! [`storage`]) goes through the engine to what the [`components`] show.
//! `start.rs` gathers the browser's facts (today's date, stored cases, the
//! page's hash) and renders [`Providers`], which shows the page the hash names; tests render the same components natively.

pub mod app;
pub mod browser;
pub mod case;
pub mod components;
pub mod crypto;
pub mod documents;
pub mod example;
pub mod export;
pub mod file_fields;
pub mod forms;
pub mod hooks;
pub mod import;
pub mod labels;
pub mod lock;
pub mod lock_records;
pub mod lock_session;
pub mod parts;
pub mod pools;
pub mod route;
pub mod serial;
#[cfg(target_arch = "wasm32")]
pub mod start;
pub mod state;
pub mod storage;
pub mod store_part;
pub mod summary;
pub mod unlock;

pub use app::{Providers, ProvidersProps};
pub use route::View;
pub use state::{Action, State};
pub use storage::Store;

/// The browser build's allocator: Talc, smaller in the wasm and quicker than
/// the default (dlmalloc). The app runs on one thread, with no atomics.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
