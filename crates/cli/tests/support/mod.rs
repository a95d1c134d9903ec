//! What the tests of `ehc` share: running the built binary, its output, and
//! files of their own to run it on.

use std::path::PathBuf;
use std::process::{Command, Output};

pub fn ehc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ehc"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("the ehc binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Writes `text` to a file of its own for one test.
pub fn case_file(name: &str, text: &str) -> PathBuf {
    file(name, text.as_bytes())
}

/// Writes `bytes` to a file of its own for one test.
pub fn file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ehc-cli-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}
