//! Text put into HTML or SVG written as text: the chronology's tables, the
//! agenda's, the picture of a case. Every text from a user goes through
//! [`push_escaped`].

/// Appends `text` to `html` as text: the five characters HTML gives meaning
/// to written as entities.
///
/// ```
/// let mut html = String::new();
/// outputs::push_escaped(&mut html, r#"<b>"Tom & Jo's"</b>"#);
/// assert_eq!(html, "&lt;b&gt;&quot;Tom &amp; Jo&#39;s&quot;&lt;/b&gt;");
/// ```
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
