//! Starts the app in the browser: reads today's date, the stored cases (or
//! the locked value to unlock) and the page's hash, and renders the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    use std::rc::Rc;

    use ehc_timeline::components::LockGateProps;
    use ehc_timeline::{Store, View, browser, lock};

    let mut local = browser::LocalStore;
    let start = lock::start(&mut local);
    let props = LockGateProps {
        today: browser::today(),
        start: Rc::new(start),
        store: Store::new(local),
        view: View::from_hash(&browser::hash()),
    };
    yew::Renderer::<ready::Ready>::with_props(props).render();
}

/// The "ehc-ready" mark on the page's performance timeline, set once the app's
/// first render is in the page: `make bench` measures loading up to it.
#[cfg(target_arch = "wasm32")]
mod ready {
    use ehc_timeline::components::{LockGate, LockGateProps};
    use yew::prelude::*;

    /// The app (or the Unlock page first, when the cases are locked), marking
    /// the end of its first render. Yew renders after `render()` returns, and
    /// runs an effect after every child has rendered.
    #[component]
    pub fn Ready(props: &LockGateProps) -> Html {
        use_effect_with((), |()| mark("ehc-ready"));
        html! { <LockGate ..props.clone() /> }
    }

    fn mark(name: &str) {
        if let Some(performance) = web_sys::window().and_then(|window| window.performance()) {
            // A timeline mark only informs the benchmark: the app works without it.
            let _ = performance.mark(name);
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("EHC Timeline is a web app: build it with `trunk build` and open dist/index.html.");
}
