//! The engine's own JSON reader and writer (`rules::case_file::json`) against serde_json,
//! which the app used before: the same values read, the same faults in the
//! same words at the same places, the same text written, compact and pretty.
//! Files and stored records written by earlier versions read as they did.

#[path = "support/case_files.rs"]
mod case_files;

use case_files::{case_file_text, fuzz, fuzz_cases};
use proptest::prelude::*;
use rules::case_file::json::{Number, Value, Writer};

/// What our reader makes of `text`, written back compact and pretty, or its
/// fault in serde_json's words.
fn ours(text: &str) -> Result<(String, String), String> {
    let value = Value::parse(text).map_err(|error| error.to_string())?;
    let mut pretty = Writer::new(true);
    pretty.value(&value);
    Ok((value.to_string(), pretty.finish()))
}

/// What serde_json makes of `text`, the same way.
fn theirs(text: &str) -> Result<(String, String), String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|error| error.to_string())?;
    Ok((
        serde_json::to_string(&value).unwrap(),
        serde_json::to_string_pretty(&value).unwrap(),
    ))
}

/// Where faults are not worded (the feature `unworded`, the app's first
/// module), the same values read and the same texts refused.
fn same_as_serde_json(text: &str) -> Result<(), TestCaseError> {
    if cfg!(feature = "unworded") {
        prop_assert_eq!(ours(text).ok(), theirs(text).ok(), "reading {:?}", text);
    } else {
        prop_assert_eq!(ours(text), theirs(text), "reading {:?}", text);
    }
    Ok(())
}

/// Short texts of JSON's own characters: every fault of its grammar.
fn json_soup() -> impl Strategy<Value = String> {
    prop_oneof![
        "[\\[\\]{}\",:0-9eE+\\-. \n\tntrufals\\\\/u]{0,24}",
        "\"([a-z]|\\\\[\"\\\\/bfnrtu]|\\\\u[0-9a-fA-FdD]{0,4}|[\u{0}-\u{1f}]|é|😀){0,8}\"?",
        "-?(0|[1-9][0-9]{0,25})(\\.[0-9]{0,20})?([eE][+-]?[0-9]{0,5})?",
    ]
}

#[test]
fn any_text_reads_as_serde_json_reads_it() {
    fuzz(
        "json against serde_json",
        fuzz_cases(3000),
        prop_oneof![json_soup(), case_file_text()],
        |text| same_as_serde_json(&text),
        String::new,
    );
}

#[test]
fn faults_are_placed_and_worded_as_serde_json_did() {
    for text in [
        "",
        " ",
        "{",
        "[1,]",
        "[1 2]",
        "{\"a\" 1}",
        "{\"a\":1,}",
        "{1:2}",
        "{\"a\":1 \"b\":2}",
        "tru",
        "nul",
        "01",
        "1.",
        "1.e5",
        "1e",
        "1e+",
        "-",
        "1e400",
        "-1e400",
        "1e-400",
        "123456789012345678901234567890",
        "0.1234567890123456789012345",
        "1e99999999999",
        "0e99999999999",
        "\"\\u12\"",
        "\"\\uD800\"",
        "\"\\uD800\\n\"",
        "\"\\uD800\\uD800\"",
        "\"\\uDC00\"",
        "\"\\x\"",
        "\"a\nb\"",
        "\"abc",
        "[1]\n\n x",
        &"[".repeat(200),
        &format!("{}1{}", "[".repeat(127), "]".repeat(127)),
        &format!("{}1{}", "[".repeat(128), "]".repeat(128)),
    ] {
        same_as_serde_json(text).unwrap();
    }
}

#[test]
fn any_float_is_written_as_serde_json_wrote_it() {
    fuzz(
        "floats against serde_json",
        fuzz_cases(20_000),
        any::<u64>().prop_map(f64::from_bits),
        |float| {
            if float.is_finite() {
                let value = Value::Number(Number::Float(float));
                prop_assert_eq!(value.to_string(), serde_json::to_string(&float).unwrap());
            }
            Ok(())
        },
        String::new,
    );
    for float in [
        0.0,
        -0.0,
        1.0,
        0.1,
        1e16,
        1e15,
        123456789012345680.0,
        1e-5,
        1e-7,
        5e-324,
        f64::MAX,
    ] {
        let value = Value::Number(Number::Float(float));
        assert_eq!(value.to_string(), serde_json::to_string(&float).unwrap());
    }
}
