//! Saving and loading an advocate's portfolio (1,000 cases x 60 events) as the
//! app does, natively: the stored value's size, and the median time of
//! `storage::encode` and `storage::decode`. Nothing here asserts a time.
//!
//! It also writes the stored values the browser benchmarks (`e2e/bench/`)
//! start from, into the folder `EHC_BENCH_DATA` (default
//! `target/bench-data`): `portfolio.json`, the portfolio, `portfolio-10000.json`,
//! 10,000 such cases, and `case-500.json`, one case of 500 events, each as one
//! stored value of version 1 (the browser benchmarks put each case in
//! IndexedDB as the app's record of it). It also prints the bytes one change
//! writes: the record of one case.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

use ehc_timeline::storage::records::encode_record;
use ehc_timeline::storage::{decode, encode};

// The benchmark generator, shared with the engine's benchmarks; this one uses
// only the cases, not the engine's timing helpers.
#[allow(dead_code)]
#[path = "../crates/rules/benches/support/portfolio.rs"]
mod support;

use support::{CASES, EVENTS_PER_CASE, median_of, portfolio};

const RUNS: usize = 7;
/// The cases of the large portfolio (parent groups pooling their cases).
const LARGE: usize = 10_000;
/// The events of the one long case.
const LONG_CASE: usize = 500;

fn main() -> std::io::Result<()> {
    let cases = portfolio(CASES, EVENTS_PER_CASE);
    let stored = encode(&cases);
    let encoding = median_of(RUNS, || {
        let started = Instant::now();
        black_box(encode(black_box(&cases)));
        started.elapsed().as_secs_f64() * 1e3
    });
    let decoding = median_of(RUNS, || {
        let started = Instant::now();
        black_box(decode(black_box(&stored)).expect("the app reads back what it stored"));
        started.elapsed().as_secs_f64() * 1e3
    });
    println!(
        "storage (native): {CASES} cases x {EVENTS_PER_CASE} events stored as {} bytes of JSON ({:.2} MiB); median of {RUNS} runs: encode {encoding:.1} ms, decode {decoding:.1} ms",
        stored.len(),
        stored.len() as f64 / (1024.0 * 1024.0)
    );

    // What one change writes now: the record of the one case changed.
    let record = encode_record(2, &cases[0]);
    println!(
        "storage (native): one change writes one record, {} bytes (a case of {EVENTS_PER_CASE} events), where one localStorage value rewrote all {} bytes",
        record.len(),
        stored.len()
    );

    let folder = std::env::var_os("EHC_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/bench-data"));
    std::fs::create_dir_all(&folder)?;
    std::fs::write(folder.join("portfolio.json"), &stored)?;
    std::fs::write(
        folder.join("portfolio-10000.json"),
        encode(&portfolio(LARGE, EVENTS_PER_CASE)),
    )?;
    std::fs::write(
        folder.join("case-500.json"),
        encode(&portfolio(1, LONG_CASE)),
    )?;
    println!(
        "storage: wrote the browser benchmarks' data to {}",
        folder.display()
    );
    Ok(())
}
