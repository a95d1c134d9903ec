//! The `lock` part: the lock's settings, loaded the first time they are
//! opened (see `ehc_timeline::parts`).

#[cfg(target_arch = "wasm32")]
ehc_timeline::export_part!(ehc_timeline::parts::LockSettings);

fn main() {}
