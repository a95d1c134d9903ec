//! The README is the user's guide to what the engine computes: it must list
//! every rule the engine knows, with its citation.

use rules::stages::all_rules;

#[test]
fn the_readme_lists_every_rule_with_its_citation() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md"))
        .expect("README.md at the top of the repository");
    for rule in all_rules() {
        let row = readme
            .lines()
            .find(|line| line.starts_with(&format!("| `{}` |", rule.id)))
            .unwrap_or_else(|| panic!("README.md has no row for rule `{}`", rule.id));
        assert!(
            row.contains(rule.citation),
            "README row for `{}` does not cite {}",
            rule.id,
            rule.citation
        );
    }
}

#[test]
fn every_rule_id_is_unique() {
    let mut ids: Vec<&str> = all_rules().map(|rule| rule.id).collect();
    ids.sort();
    let count = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), count, "a rule id is defined twice");
}
