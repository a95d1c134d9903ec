//! The app whole, with the lock's code: what the first module hands a
//! locked store, or the lock's settings, over to (see
//! `ehc_timeline::start`). The service worker keeps it when it installs.

#[cfg(target_arch = "wasm32")]
fn main() {
    wasm_bindgen_futures::spawn_local(ehc_timeline::start::run());
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
