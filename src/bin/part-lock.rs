//! The `lock` part: the lock's settings, loaded the first time they are
//! opened (see `ehc_timeline::parts`), and the Unlock page of a locked
//! store, which the part `locked` keeps (see `ehc_timeline::store_part`).

#[cfg(target_arch = "wasm32")]
ehc_timeline::export_part!(ehc_timeline::parts::LockSettings);

fn main() {}

/// The Unlock page in `host`, of the lock the part `locked` answered with
/// (`locked`); resolves, once unlocked, to what that part opened.
#[cfg(all(target_arch = "wasm32", not(feature = "lockless")))]
#[wasm_bindgen::prelude::wasm_bindgen]
pub async fn unlock(
    host: web_sys::Element,
    locked: wasm_bindgen::JsValue,
) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
    ehc_timeline::store_part::show_unlock(host, locked).await
}
