//! The first module the page loads: the app without the lock's code (built
//! with the feature `lockless`), which hands a locked store over to the app
//! whole (`part-locked`); see `ehc_timeline::start`.

#[cfg(target_arch = "wasm32")]
fn main() {
    wasm_bindgen_futures::spawn_local(ehc_timeline::start::run());
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("EHC Timeline is a web app: build it with `trunk build` and open dist/index.html.");
}
