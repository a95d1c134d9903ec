//! Starts the app in the browser: opens the stored cases (IndexedDB, after
//! moving in what localStorage held; or the locked value to unlock), reads
//! today's date and the page's hash, and renders the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    use std::rc::Rc;

    use ehc_timeline::components::{LockGate, LockGateProps};
    use ehc_timeline::{Store, View, browser, lock};

    wasm_bindgen_futures::spawn_local(async {
        let mut local = browser::LocalStore;
        let start = lock::open(&mut local).await;
        let props = LockGateProps {
            today: browser::today(),
            start: Rc::new(start),
            store: Store::new(local),
            view: View::from_hash(&browser::hash()),
        };
        yew::Renderer::<LockGate>::with_props(props).render();
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("EHC Timeline is a web app: build it with `trunk build` and open dist/index.html.");
}
