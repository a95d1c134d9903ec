//! The `documents` part: the documents kept with an event, loaded the
//! first time it is opened (see `ehc_timeline::parts`).

#[cfg(target_arch = "wasm32")]
ehc_timeline::export_part!(ehc_timeline::parts::Documents);

fn main() {}
