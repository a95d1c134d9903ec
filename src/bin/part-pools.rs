//! The `pools` part: sharing cases anonymised and pooling others', loaded
//! the first time it is opened (see `ehc_timeline::parts`).

#[cfg(target_arch = "wasm32")]
ehc_timeline::export_part!(ehc_timeline::parts::Pools);

fn main() {}

/// The pools' records, opened under the lock's key `lock`, for the agenda
/// and the report, which ask this part for them rather than carry the
/// pools' database (see `ehc_timeline::pools::db::Handed`).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = poolRecords)]
pub async fn pool_records(
    lock: wasm_bindgen::JsValue,
) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
    ehc_timeline::pools::db::hand_over(&lock)
        .await
        .map_err(Into::into)
}
