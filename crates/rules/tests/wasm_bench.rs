//! The engine benchmark in the browser: the portfolio of `benches/portfolio.rs`
//! (1,000 cases x 60 events) evaluated by the engine built for wasm32, in
//! headless Chromium. Run by `make bench` only, in release mode:
//! `cargo test --release -p rules --target wasm32-unknown-unknown --test wasm_bench -- --nocapture`.
//! It prints the figure beside the native one; nothing asserts a time.
#![cfg(target_arch = "wasm32")]

use std::hint::black_box;

use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

#[path = "../benches/support/portfolio.rs"]
mod support;

use support::{CASES, EVENTS_PER_CASE, evaluate_all, today};

wasm_bindgen_test_configure!(run_in_browser);

const RUNS: usize = 21;

/// How long the evaluation runs before it is timed, as Criterion's run before
/// the native median.
const WARM_UP_MS: f64 = 8_000.0;

/// The page's clock, in milliseconds (`std::time::Instant` is not there on wasm32).
fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .expect("the test runs in a browser window")
        .now()
}

#[wasm_bindgen_test]
fn portfolio_in_the_browser() {
    let cases = support::portfolio(CASES, EVENTS_PER_CASE);
    let today = today();
    // Warmed up as the native figure is: it is taken after Criterion has run
    // the same evaluation for 8 seconds (3 s of warm-up, 5 s measured). Here
    // the warm-up also lets V8 move the hot functions from its baseline
    // compiler (Liftoff) to its optimising one (TurboFan), which it does in
    // the background as they run.
    let deadlines = evaluate_all(&cases, today);
    let started = now_ms();
    while now_ms() - started < WARM_UP_MS {
        black_box(evaluate_all(&cases, today));
    }
    let median = support::median_of(RUNS, || {
        let started = now_ms();
        black_box(evaluate_all(&cases, today));
        now_ms() - started
    });
    console_log!(
        "{}",
        support::engine_line("wasm in Chromium", RUNS, median, deadlines)
    );
}
