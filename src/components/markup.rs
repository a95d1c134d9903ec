//! Markup written as HTML text and put in the page as one node, every text
//! from a user escaped: for the parts of the first screens that have no
//! control and no focus of their own. Each element built with `html!` costs
//! its own code in the first module; a call here costs a few bytes.

use yew::{AttrValue, Html};

use super::html_text::push_escaped;

/// HTML text being written: constant markup as it is, text escaped.
pub struct Markup(String);

impl Markup {
    /// Starts with constant markup.
    pub fn new(markup: &str) -> Markup {
        Markup(markup.to_owned())
    }

    /// Constant markup, or markup this module wrote. Never inlined: the
    /// first screens call it about 150 times, and a call costs a few bytes
    /// where the string's growth written out at each costs tens.
    #[inline(never)]
    pub fn raw(&mut self, markup: &str) -> &mut Markup {
        self.0.push_str(markup);
        self
    }

    /// A user's text (or a link's address), escaped. Never inlined, as
    /// [`Markup::raw`].
    #[inline(never)]
    pub fn text(&mut self, text: &str) -> &mut Markup {
        push_escaped(&mut self.0, text);
        self
    }

    /// The markup as one node of the page.
    pub fn html(&mut self) -> Html {
        Html::from_html_unchecked(AttrValue::from(std::mem::take(&mut self.0)))
    }
}
