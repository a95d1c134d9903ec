//! The engine's modules import one another without a cycle, so each can be
//! read, and changed, knowing only the modules below it.
//!
//! Each source file is a module; `use crate::a::b` and `super::b` in it are
//! its imports, resolved to the file of the module they name (the deepest one
//! that exists). A name the crate root re-exports (`crate::Case`) is
//! refused: the root imports everything, so it hides a cycle; import it from
//! its own module. Test modules (after `#[cfg(test)]`) are left out.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn source_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, as module paths: `["case_file", "model"]`.
fn modules(dir: &Path, prefix: &[String], found: &mut BTreeMap<Vec<String>, PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        if path.is_dir() {
            let mut inner = prefix.to_vec();
            inner.push(name);
            modules(&path, &inner, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let mut module = prefix.to_vec();
            if name != "mod" && name != "lib" {
                module.push(name);
            }
            found.insert(module, path);
        }
    }
}

/// The module paths one file imports, before its tests.
fn imports(module: &[String], text: &str) -> Vec<Vec<String>> {
    let code = text.split("#[cfg(test)]").next().unwrap();
    let mut found = Vec::new();
    for (start, _) in code.match_indices("crate::") {
        found.push(path_at(&code[start + "crate::".len()..], Vec::new()));
    }
    // `super` of `a::b` is `a`, whether its file is `a/b.rs` or `a/b/mod.rs`.
    let parent = module[..module.len().saturating_sub(1)].to_vec();
    for (start, _) in code.match_indices("super::") {
        let before = &code[..start];
        if before.ends_with("::") {
            continue;
        }
        found.push(path_at(&code[start + "super::".len()..], parent.clone()));
    }
    found
}

/// The `a::b::c` path at the start of `text`, after `prefix`.
fn path_at(text: &str, mut prefix: Vec<String>) -> Vec<String> {
    let path: String = text
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
        .collect();
    prefix.extend(
        path.split("::")
            .filter(|part| !part.is_empty())
            .map(str::to_owned),
    );
    prefix
}

/// The deepest module of `path` that has a file.
fn resolve(path: &[String], modules: &BTreeMap<Vec<String>, PathBuf>) -> Vec<String> {
    (0..=path.len())
        .rev()
        .map(|length| path[..length].to_vec())
        .find(|prefix| modules.contains_key(prefix))
        .unwrap_or_default()
}

#[test]
fn no_module_of_the_engine_imports_itself_through_others() {
    let mut found = BTreeMap::new();
    modules(&source_root(), &[], &mut found);
    let mut graph: BTreeMap<Vec<String>, Vec<Vec<String>>> = BTreeMap::new();
    let mut through_root = Vec::new();
    for (module, path) in &found {
        let text = std::fs::read_to_string(path).unwrap();
        let mut edges: Vec<Vec<String>> = imports(module, &text)
            .iter()
            .map(|import| resolve(import, &found))
            .filter(|target| target != module)
            .collect();
        if edges.iter().any(Vec::is_empty) {
            through_root.push(module.join("::"));
        }
        edges.sort();
        edges.dedup();
        graph.insert(module.clone(), edges);
    }
    let name = |module: &Vec<String>| match module.is_empty() {
        true => "lib.rs (the crate root)".to_owned(),
        false => module.join("::"),
    };
    // Depth-first search; a module met again while still open closes a cycle.
    fn visit(
        module: &Vec<String>,
        graph: &BTreeMap<Vec<String>, Vec<Vec<String>>>,
        open: &mut Vec<Vec<String>>,
        done: &mut Vec<Vec<String>>,
        cycles: &mut Vec<Vec<Vec<String>>>,
    ) {
        if done.contains(module) {
            return;
        }
        if let Some(at) = open.iter().position(|m| m == module) {
            cycles.push(open[at..].to_vec());
            return;
        }
        open.push(module.clone());
        for next in &graph[module] {
            visit(next, graph, open, done, cycles);
        }
        open.pop();
        done.push(module.clone());
    }
    let (mut open, mut done, mut cycles) = (Vec::new(), Vec::new(), Vec::new());
    for module in graph.keys() {
        visit(module, &graph, &mut open, &mut done, &mut cycles);
    }
    let described: Vec<String> = cycles
        .iter()
        .map(|cycle| {
            let mut names: Vec<String> = cycle.iter().map(name).collect();
            names.push(name(&cycle[0]));
            names.join(" -> ")
        })
        .collect();
    assert!(
        described.is_empty(),
        "module import cycles:\n{}",
        described.join("\n")
    );
    assert!(
        through_root.is_empty(),
        "these modules import a name the crate root re-exports, which hides what they depend on: import it from its own module:\n{}",
        through_root.join("\n")
    );
    assert!(graph.len() > 20, "found only {} modules", graph.len());
}
