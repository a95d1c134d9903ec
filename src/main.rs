//! Starts the app in the browser: reads today's date, the stored cases and the
//! page's hash, and renders the app with them.

#[cfg(target_arch = "wasm32")]
fn main() {
    use std::rc::Rc;

    use ehc_timeline::{App, AppProps, Store, View, browser, storage};

    let mut local = browser::LocalStore;
    let loaded = storage::load(&mut local);
    let props = AppProps {
        today: browser::today(),
        loaded: Rc::new(loaded),
        store: Store::new(local),
        view: View::from_hash(&browser::hash()),
    };
    yew::Renderer::<App>::with_props(props).render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("EHC Timeline is a web app: build it with `trunk build` and open dist/index.html.");
}
