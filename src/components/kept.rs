//! One component for the pieces of a page drawn again only when what they
//! show changes: a deadline's card, a case's picture. Each component type
//! brings its own copy of Yew's machinery into the wasm (about 0.9 KB before
//! wasm-opt); one type for them all brings it once.

use std::any::Any;
use std::rc::Rc;

use yew::prelude::*;
use yew::virtual_dom::{Key, VComp};

/// A piece of a page, drawn from what it holds: held the same, drawn the same.
pub trait Piece: PartialEq + 'static {
    fn draw(&self) -> Html;
}

/// A [`Piece`] of any type, as the component holds it.
pub trait Drawn: Any {
    fn draw(&self) -> Html;
    /// Whether `other` is a piece of the same type, held the same.
    fn same(&self, other: &dyn Any) -> bool;
}

impl<P: Piece> Drawn for P {
    fn draw(&self) -> Html {
        Piece::draw(self)
    }

    fn same(&self, other: &dyn Any) -> bool {
        other.downcast_ref::<P>().is_some_and(|other| self == other)
    }
}

#[derive(Properties)]
struct KeptProps {
    piece: Rc<dyn Drawn>,
}

impl PartialEq for KeptProps {
    fn eq(&self, other: &KeptProps) -> bool {
        Rc::ptr_eq(&self.piece, &other.piece) || self.piece.same(&*other.piece as &dyn Any)
    }
}

#[component]
fn Kept(props: &KeptProps) -> Html {
    props.piece.draw()
}

/// The piece as a component of the page, drawn again only when it changes;
/// with a `key` among the others of a list.
pub fn kept(piece: Rc<dyn Drawn>, key: Option<Key>) -> Html {
    VComp::new::<Kept>(Rc::new(KeptProps { piece }), key).into()
}
