//! `ehc bundle`: the evidence bundle of one case of a backup, read back with
//! poppler (installed by `make browser-tools`): its pages, the stamp on each,
//! the index and the chronology naming the document by its number.

mod support;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use sha2::{Digest, Sha256};
use support::{case_file, ehc, file, stderr, stdout};

/// A valid PDF of `pages` pages, page N saying "`text` page N".
fn pdf(text: &str, pages: usize) -> Vec<u8> {
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        String::new(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut kids = Vec::new();
    for n in 1..=pages {
        let page = objects.len() + 1;
        kids.push(format!("{page} 0 R"));
        let stream = format!("BT /F1 18 Tf 72 720 Td ({text} page {n}) Tj ET");
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            page + 1
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{stream}\nendstream",
            stream.len()
        ));
    }
    objects[1] = format!(
        "<< /Type /Pages /Kids [{}] /Count {pages} >>",
        kids.join(" ")
    );
    let mut body = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (n, object) in objects.iter().enumerate() {
        offsets.push(body.len());
        body.push_str(&format!("{} 0 obj\n{object}\nendobj\n", n + 1));
    }
    let xref = body.len();
    body.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for offset in offsets {
        body.push_str(&format!("{offset:010} 00000 n \n"));
    }
    body.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    body.into_bytes()
}

/// A backup of two cases, the first with `report` on its decision, in a
/// file `name` of its own (the tests run at once).
fn backup(name: &str, report: &[u8]) -> std::path::PathBuf {
    let sha256: String = Sha256::digest(report)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let text = format!(
        r#"{{"format": "ehc-timeline/2", "exported_at": "2025-03-01", "cases": [
          {{"id": "c-1", "child": "Maya Patel", "local_authority": "Anytown Council", "reference": "EHC/77", "events": [
            {{"id": "e-1", "kind": "request-received", "date": "2025-01-06"}},
            {{"id": "e-2", "kind": "decision-to-assess", "date": "2025-02-20", "documents": [
              {{"id": "d-1", "name": "ep-report.pdf", "media_type": "application/pdf",
                "size": {}, "sha256": "{sha256}"}}]}}]}},
          {{"id": "c-2", "child": "Sam Lee", "events": []}}]}}"#,
        report.len()
    );
    let cases = rules::read_case_file(&text).unwrap();
    let zip = archive::write_backup(&cases, &BTreeMap::from([(sha256, report.to_vec())])).unwrap();
    file(name, &zip)
}

fn poppler(tool: &str, pdf: &std::path::Path) -> String {
    let output = Command::new(tool)
        .args(["-layout"].iter().filter(|_| tool == "pdftotext"))
        .arg(pdf)
        .args(["-"].iter().filter(|_| tool == "pdftotext"))
        .output()
        .unwrap_or_else(|_| {
            panic!("{tool} runs: install poppler-utils, as `make browser-tools` does")
        });
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `ehc bundle` of case c-1 of `zip` into `out`, with `more` options.
fn bundled(zip: &Path, out: &Path, more: &[&str]) -> Output {
    let paths = [zip.to_str().unwrap(), out.to_str().unwrap()];
    let args = [&["bundle", paths[0], "--case", "c-1", "-o", paths[1]], more].concat();
    ehc(&args)
}

#[test]
fn the_bundle_of_a_case_holds_its_documents_numbered_and_stamped() {
    let zip = backup("bundle-numbered.zip", &pdf("EP report", 2));
    let out = zip.with_file_name("bundle-out.pdf");
    let output = bundled(&zip, &out, &["--today", "2025-03-01"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pages: usize = poppler("pdfinfo", &out)
        .lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|count| count.trim().parse().ok())
        .expect("pdfinfo says how many pages");
    assert_eq!(
        stdout(&output).trim(),
        format!("{}: {pages} pages", out.display())
    );
    let text = poppler("pdftotext", &out);
    let by_page: Vec<&str> = text.split('\u{c}').collect();
    for n in 1..=pages {
        assert!(
            by_page[n - 1].contains(&format!("Page {n} of {pages}")),
            "page {n}:\n{}",
            by_page[n - 1]
        );
    }
    assert!(
        by_page[0].contains("Maya Patel") && by_page[0].contains("EHC/77"),
        "{}",
        by_page[0]
    );
    assert!(
        text.contains("[1] ep-report.pdf"),
        "the chronology numbers it:\n{text}"
    );
    assert!(
        by_page[pages - 2].contains("EP report page 1"),
        "the report ends the bundle"
    );
    assert!(by_page[pages - 1].contains("EP report page 2"));
}

#[test]
fn a_backup_of_several_cases_needs_a_case_and_a_wrong_one_is_named() {
    let zip = backup("bundle-cases.zip", &pdf("EP report", 1));
    let zip = zip.to_str().unwrap();
    let many = ehc(&["bundle", zip, "-o", "/dev/null"]);
    assert_eq!(many.status.code(), Some(2));
    assert!(
        stderr(&many).contains("the backup has 2 cases: choose one with --case (c-1, c-2)"),
        "{}",
        stderr(&many)
    );
    let wrong = ehc(&["bundle", zip, "--case", "c-9", "-o", "/dev/null"]);
    assert!(
        stderr(&wrong).contains("there is no case with id c-9 (c-1, c-2)"),
        "{}",
        stderr(&wrong)
    );
    let json = case_file(
        "not-a-backup.json",
        r#"{"format": "ehc-timeline/1", "cases": []}"#,
    );
    let refused = ehc(&["bundle", json.to_str().unwrap(), "-o", "/dev/null"]);
    assert_eq!(refused.status.code(), Some(2));
}

#[test]
fn an_appeal_past_its_page_limit_is_warned_but_bundled() {
    let zip = backup("bundle-long.zip", &pdf("Long report", 80));
    let out = zip.with_file_name("bundle-long.pdf");
    let output = bundled(&zip, &out, &["--appeal", "refusal-to-assess"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).starts_with("warning: "),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("75"), "{}", stderr(&output));
    let bad = bundled(&zip, Path::new("/dev/null"), &["--appeal", "other"]);
    assert_eq!(bad.status.code(), Some(2));
}
