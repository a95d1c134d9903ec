//! Tables written as HTML text and put in the page at once: built node by
//! node, a table of thousands of rows takes seconds to show, and its code
//! weighs more. Every text from a user goes through [`push_escaped`].

pub use outputs::push_escaped;

/// The start of a table, up to its body: its class, its caption (escaped)
/// with the caption's class, and a header row of `headings`.
pub fn table_start<'h>(
    class: &str,
    caption_class: &str,
    caption: &str,
    headings: impl IntoIterator<Item = &'h str>,
) -> String {
    let mut html = format!(r#"<table class="{class}"><caption class="{caption_class}">"#);
    push_escaped(&mut html, caption);
    html.push_str("</caption><thead><tr>");
    for heading in headings {
        html.push_str(r#"<th scope="col">"#);
        html.push_str(heading);
        html.push_str("</th>");
    }
    html.push_str("</tr></thead><tbody>");
    html
}
