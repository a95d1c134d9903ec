//! The `documents` part: the documents kept with an event, and the backup
//! of every case with its documents, loaded the first time one is opened
//! (see `ehc_timeline::parts`).

#[cfg(target_arch = "wasm32")]
ehc_timeline::export_part!(ehc_timeline::parts::Documents);

fn main() {}
