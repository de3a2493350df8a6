//! `Fresh`: a view replaced, not patched, when it is drawn again (the calendar's parts, the
//! carousel, the badge's pill, card, spread and network view, the shared boxes of `ui`).
//! Generic: each module compiles its own uses.

use leptos::tachys::html::attribute::{any_attribute::AnyAttribute, Attribute};
use leptos::tachys::hydration::Cursor;
use leptos::tachys::view::{
    add_attr::AddAnyAttr, Mountable, Position, PositionState, Render, RenderHtml,
};

/// A view that is drawn anew, not patched, when the reactive closure or `AnyView` holding it
/// runs again: its old nodes are replaced by new ones.
///
/// For size: Leptos compiles, for every view type a closure returns or `.into_any()` erases,
/// the code that patches an old tree of that type into a new one (every element, attribute
/// and list of it), and the calendar redraws its parts whole anyway (a new zone, a new month,
/// a new model). With `Fresh` that code is `build` + replace, which the first draw compiles
/// anyway. Focus is not lost to it: the parts it redraws are not the ones that hold focus
/// (the calendar's zone switcher; its month grid, whose day the focus effect focuses again;
/// the badge's network view, redrawn only for a new model). The badge's pill, card and
/// spread and the configuration error, failure and loading boxes never had their patching
/// code run: a new model, and any change of the setup (which loads the widget again), comes
/// after the loading box, a view of another type; only the configuration error box is
/// replaced where it was patched, when attributes change and are still wrong (it holds
/// nothing that takes focus). That code was 3.8 KB gzipped on a card's page, 1.1 KB of it
/// in the main module.
pub struct Fresh<T>(pub T);

impl<T: Render> Render for Fresh<T> {
    type State = T::State;

    fn build(self) -> T::State {
        self.0.build()
    }

    fn rebuild(self, state: &mut T::State) {
        let mut new = self.0.build();
        state.insert_before_this(&mut new);
        state.unmount();
        *state = new;
    }
}

impl<T: RenderHtml> AddAnyAttr for Fresh<T> {
    type Output<A: Attribute> = Fresh<T::Output<A>>;

    fn add_any_attr<A: Attribute>(self, attr: A) -> Self::Output<A> {
        Fresh(self.0.add_any_attr(attr))
    }
}

impl<T: RenderHtml> RenderHtml for Fresh<T> {
    type AsyncOutput = Fresh<T::AsyncOutput>;
    type Owned = Fresh<T::Owned>;
    const MIN_LENGTH: usize = T::MIN_LENGTH;

    fn dry_resolve(&mut self) {
        self.0.dry_resolve();
    }

    async fn resolve(self) -> Self::AsyncOutput {
        Fresh(self.0.resolve().await)
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.0
            .to_html_with_buf(buf, position, escape, mark_branches, extra_attrs);
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        cursor: &Cursor,
        position: &PositionState,
    ) -> T::State {
        self.0.hydrate::<FROM_SERVER>(cursor, position)
    }

    fn into_owned(self) -> Self::Owned {
        Fresh(self.0.into_owned())
    }
}
