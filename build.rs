//! The engine's fingerprint, `EHC_ENGINE`: a hash of the rules engine's
//! source and of the app's summary of a case (`src/summary.rs`). Each stored
//! record carries the summary of its case for the case list, and a summary
//! worked out by another build of the engine is never trusted.

use std::path::Path;

fn main() {
    let sources = [
        "crates/rules/src",
        "crates/rules/Cargo.toml",
        "src/summary.rs",
    ];
    let mut hash = Fnv::default();
    for source in sources {
        println!("cargo:rerun-if-changed={source}");
        hash.add_path(Path::new(source));
    }
    println!("cargo:rustc-env=EHC_ENGINE={:016x}", hash.0);
}

/// FNV-1a, 64 bits: no dependency, and a change anywhere changes it.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn add(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// A file's name and contents, or a folder's files in the order of their names.
    fn add_path(&mut self, path: &Path) {
        self.add(path.to_string_lossy().as_bytes());
        if path.is_dir() {
            let mut entries: Vec<_> = std::fs::read_dir(path)
                .expect("the engine's source can be listed")
                .map(|entry| entry.expect("a readable entry").path())
                .collect();
            entries.sort();
            for entry in entries {
                self.add_path(&entry);
            }
        } else {
            self.add(&std::fs::read(path).expect("the engine's source can be read"));
        }
    }
}
