//! The `agenda` part: every deadline of every case, loaded the first time it
//! is opened (see `ehc_timeline::parts`).

#[cfg(target_arch = "wasm32")]
ehc_timeline::export_part!(ehc_timeline::parts::Agenda);

fn main() {}
