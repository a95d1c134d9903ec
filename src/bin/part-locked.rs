//! The part `locked`: every start of the app but the usual one, and the
//! lock's settings, opened for the first module; it keeps their store (see
//! `ehc_timeline::store_part`). It shows no page: the Unlock page is the
//! part `lock`'s. The service worker keeps it when it installs.

fn main() {}

/// Opens storage; resolves to the cases and the handle on their store, or
/// to what the Unlock page needs where they are locked.
#[cfg(all(target_arch = "wasm32", not(feature = "lockless")))]
#[wasm_bindgen::prelude::wasm_bindgen]
pub async fn open() -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
    ehc_timeline::store_part::open().await
}
