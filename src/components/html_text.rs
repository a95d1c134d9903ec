//! Tables written as HTML text and put in the page at once: built node by
//! node, a table of thousands of rows takes seconds to show, and its code
//! weighs more. Every text from a user goes through [`push_escaped`].

/// Appends `text` to `html` as text: the five characters HTML gives meaning
/// to written as entities.
pub fn push_escaped(html: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            '\'' => html.push_str("&#39;"),
            c => html.push(c),
        }
    }
}
