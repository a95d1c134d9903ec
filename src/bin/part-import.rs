//! The `import` part: importing a case file or a backup, and "Export
//! everything", loaded the first time one is opened (see
//! `ehc_timeline::parts`).

#[cfg(target_arch = "wasm32")]
ehc_timeline::export_part!(ehc_timeline::parts::Import);

fn main() {}
