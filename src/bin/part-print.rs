//! The `print` part: the printed chronology and the letter drafts, loaded
//! the first time one is opened (see `ehc_timeline::parts`).

#[cfg(target_arch = "wasm32")]
ehc_timeline::export_part!(ehc_timeline::parts::Print);

fn main() {}
