//! `ehc` on a backup with documents: a `.zip` is read as its `cases.json`,
//! once its documents are checked; a bad zip exits 2 saying why.

mod support;

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};
use support::{case_file, ehc, file, stderr, stdout};

/// An EP's report, listed on the decision to assess below.
const REPORT: &[u8] = b"%PDF-1.4 the educational psychologist's report";

/// The case-file.md example, its decision listing the report.
fn spec_example() -> String {
    let sha256: String = Sha256::digest(REPORT)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!(
        r#"{{"format": "ehc-timeline/2", "exported_at": "2026-11-22", "cases": [
          {{"id": "c-7f3a", "child": "A. B.", "local_authority": "Anytown Council", "events": [
            {{"id": "e-1", "kind": "request-received", "date": "2025-01-06"}},
            {{"id": "e-2", "kind": "decision-to-assess", "date": "2025-02-20", "documents": [
              {{"id": "d-1", "name": "ep-report.pdf", "media_type": "application/pdf",
                "size": {}, "sha256": "{sha256}"}}]}}]}}]}}"#,
        REPORT.len()
    )
}

/// `bytes` with every `from` replaced by `to`, of the same length.
fn replace_all(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for at in 0..=bytes.len() - from.len() {
        if bytes[at..].starts_with(from) {
            out[at..at + to.len()].copy_from_slice(to);
        }
    }
    out
}

/// The backup of `text` with the report in it.
fn backup(text: &str) -> Vec<u8> {
    let file = rules::read_case_file(text).unwrap();
    let documents = BTreeMap::from([(
        file.cases[0].events[1].documents[0].sha256.clone(),
        REPORT.to_vec(),
    )]);
    archive::write_backup(&file, &documents).unwrap()
}

/// What `ehc` prints for `args`, once it has said it succeeded.
fn succeeded(args: &[&str]) -> String {
    let output = ehc(args);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    stdout(&output)
}

#[test]
fn check_and_report_read_a_backup_as_its_case_file() {
    let text = spec_example();
    let json = case_file("with-documents.json", &text);
    let zip = file("with-documents.zip", &backup(&text));
    let (json, zip) = (json.to_str().unwrap(), zip.to_str().unwrap());
    for command in [
        &["check", "--today", "2025-03-01"][..],
        &["check", "--today", "2025-03-01", "--format", "json"],
        &["report", "--today", "2026-01-15", "--format", "csv"],
    ] {
        let from_json = succeeded(&[command, &[json]].concat());
        assert!(!from_json.is_empty());
        assert_eq!(
            succeeded(&[command, &[zip]].concat()),
            from_json.replace(json, zip),
            "{command:?}"
        );
    }
}

#[test]
fn a_zip_another_tool_made_is_read() {
    let output = succeeded(&[
        "check",
        "crates/archive/tests/fixtures/made-by-zip.zip",
        "--today",
        "2025-03-01",
    ]);
    assert!(output.contains("This is not legal advice"), "{output}");
}

#[test]
fn a_bad_backup_exits_2_saying_why() {
    let text = spec_example();
    let zip = backup(&text);
    let cut = file("cut.zip", &zip[..zip.len() - 10]);
    let mut tampered = zip.clone();
    let at = zip
        .windows(REPORT.len())
        .position(|window| window == REPORT)
        .unwrap();
    tampered[at] ^= 1;
    let tampered = file("tampered.zip", &tampered);
    // The document renamed, its checksum still right: its digest is wrong.
    let digest = Sha256::digest(REPORT);
    let name = |digest: &[u8]| {
        let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
        format!("documents/{hex}").into_bytes()
    };
    let (right, mut wrong) = (name(&digest), digest.to_vec());
    wrong[0] ^= 1;
    let renamed = replace_all(&zip, &right, &name(&wrong));
    let renamed = file("renamed.zip", &renamed);
    let cases = [
        (
            cut,
            "This is not a zip file, or it is cut short: is the file complete?",
        ),
        (
            tampered,
            "is damaged: its contents do not match their checksum.",
        ),
        (
            renamed,
            "is damaged: its bytes do not match the SHA-256 digest it is named by.",
        ),
    ];
    for (path, message) in cases {
        let path = path.to_str().unwrap();
        for command in ["check", "report"] {
            let output = ehc(&[command, path]);
            assert_eq!(output.status.code(), Some(2), "{command} {path}");
            let said = stderr(&output);
            assert!(said.starts_with(&format!("{path}: ")), "{said}");
            assert!(said.contains(message), "{said}");
        }
    }
}
